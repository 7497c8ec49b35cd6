//! Every real report in the corpus gives exactly the table findings its
//! GROUND_TRUTH.tsv predicts — as published (Markdown tables) and converted
//! to the seed's one-cell-a-line layout — and the partial reports give only
//! structure findings, never a panic.

mod common;

use gongkai::format::{APPLICANT_COLUMNS, REVIEW_GROUPS};
use gongkai::report::Report;
use gongkai::{analyze, CheckOptions, Finding};
use std::collections::BTreeSet;

/// Where a table finding points, in ground-truth terms.
fn locate(report: &Report, f: &Finding) -> Option<String> {
    if let Some(b) = &report.applications {
        for row in &b.rows {
            for (c, cell) in row.cells.iter().enumerate() {
                if cell.span == f.span {
                    let key = row.key().unwrap_or("?");
                    let col = APPLICANT_COLUMNS[c].label;
                    return Some(match f.code {
                        "GK201" => format!("a_row_total t3 row {key}"),
                        "GK202" => format!("b_new+carried=total+forward t3 col {col}"),
                        "GK203" => format!("c_total=sum_leaves t3 col {col}"),
                        _ => format!("malformed_cell t3 {key} / {col}"),
                    });
                }
            }
        }
    }
    if let Some(t) = &report.review {
        for (i, cell) in t.cells.iter().enumerate() {
            if cell.span == f.span {
                return Some(match f.code {
                    "GK204" => format!("d_t4_total {}", REVIEW_GROUPS[i / 5].label),
                    _ => format!("malformed_cell t4 col {}", i + 1),
                });
            }
        }
    }
    None
}

const TABLE_CODES: &[&str] = &[
    "GK201", "GK202", "GK203", "GK204", "GK301", "GK303", "GK305",
];

fn expected(file: &str) -> BTreeSet<String> {
    let gt = common::read("corpus/GROUND_TRUTH.tsv");
    gt.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() == 6 && f[0] == file && f[5] == "no" && f[1] != "e_narrative_vs_table")
                .then(|| format!("{} {}", f[1], f[2]))
        })
        .collect()
}

fn actual(text: &str) -> (BTreeSet<String>, Vec<String>) {
    let a = analyze(text, &CheckOptions::default());
    let mut set = BTreeSet::new();
    let mut unplaced = Vec::new();
    for f in a.findings.iter().filter(|f| TABLE_CODES.contains(&f.code)) {
        match locate(&a.report, f) {
            Some(l) => {
                set.insert(l);
            }
            None => unplaced.push(format!("{} {}", f.code, f.message)),
        }
    }
    (set, unplaced)
}

fn manifest() -> Vec<(String, String)> {
    common::read("corpus/MANIFEST.tsv")
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() >= 6).then(|| (f[0].to_owned(), f[5].to_owned()))
        })
        .collect()
}

#[test]
fn complete_reports_match_ground_truth_in_both_layouts() {
    let mut checked = 0;
    for (file, completeness) in manifest() {
        if completeness == "partial" {
            continue;
        }
        let text = common::read(&format!("corpus/{file}"));
        let want = expected(&file);
        for (layout, t) in [
            ("markdown", text.clone()),
            ("one-cell-a-line", common::to_one_cell_a_line(&text)),
        ] {
            let (got, unplaced) = actual(&t);
            assert!(
                unplaced.is_empty(),
                "{file} ({layout}): table findings off any cell: {unplaced:#?}"
            );
            assert_eq!(got, want, "{file} ({layout})");
        }
        checked += 1;
    }
    assert_eq!(checked, 12);
}

#[test]
fn partial_reports_give_structure_findings_only() {
    for (file, completeness) in manifest() {
        if completeness != "partial" {
            continue;
        }
        let text = common::read(&format!("corpus/{file}"));
        let a = analyze(&text, &CheckOptions::default());
        for f in &a.findings {
            assert!(
                // A blank cell in what is there is a finding too (GK305).
                f.code.starts_with("GK1") || f.code == "GK402" || f.code == "GK305",
                "{file}: unexpected {} {}",
                f.code,
                f.message
            );
        }
        assert!(
            a.findings.iter().any(|f| f.code == "GK101"),
            "{file}: the cut-off sections must be reported"
        );
    }
}

#[test]
fn seed_checks_clean() {
    let a = analyze(&common::seed(), &CheckOptions::default());
    let loud: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.severity != gongkai::Severity::Info)
        .collect();
    assert!(loud.is_empty(), "{loud:#?}");
}
