//! The tables and the report skeleton as text, built from the format data,
//! for completion snippets and the "insert missing section" action.
//!
//! Tables are GFM pipe tables: the readers take them in Markdown and in
//! plain-text files alike.

use crate::format::{
    FormatId, RowDef, SubTableDef, ACTIVE_CONTENT_HEADER, APPLICANT_COLUMNS, BALANCE_NOTE,
    LITIGATION_HEADER, REVIEW_COLUMNS, REVIEW_GROUPS, SECTIONS,
};

use super::document::Flavor;

fn pipe_row(cells: &[&str]) -> String {
    let mut s = String::from("|");
    for c in cells {
        s.push(' ');
        s.push_str(c);
        if !c.is_empty() {
            s.push(' ');
        }
        s.push('|');
    }
    s.push('\n');
    s
}

fn delimiter(n: usize) -> String {
    let mut s = String::from("|");
    for _ in 0..n {
        s.push_str("---|");
    }
    s.push('\n');
    s
}

/// One sub-table of table A.
pub fn active_sub(sub: &SubTableDef) -> String {
    let n = sub.columns.len() + 1;
    let mut head = vec![sub.heading];
    head.resize(n, "");
    let mut s = pipe_row(&head);
    s.push_str(&delimiter(n));
    let mut cols = vec![ACTIVE_CONTENT_HEADER];
    cols.extend(sub.columns.iter().map(|c| c.label));
    s.push_str(&pipe_row(&cols));
    for r in sub.rows {
        let mut row = vec![r.label];
        row.resize(n, "0");
        s.push_str(&pipe_row(&row));
    }
    s
}

/// Table A: every 第二十条 sub-table of the format, one after the other.
pub fn table_a(format: FormatId) -> String {
    format
        .spec()
        .active
        .iter()
        .map(active_sub)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The label cells of a table B row: the results group (its first row
/// only), the sub-group (its first row only), and the row's own label.
fn b_label_cells(row: &RowDef, previous: Option<&RowDef>) -> [String; 3] {
    let prev_group = previous.and_then(|p| p.group).map(|g| g.key);
    let results = if prev_group.is_none() {
        crate::format::RESULTS_GROUP.label
    } else {
        ""
    };
    match row.group {
        None => [row.full_label(), String::new(), String::new()],
        Some(g) if g.key == "results" => [results.into(), row.full_label(), String::new()],
        Some(g) => [
            results.into(),
            if prev_group == Some(g.key) {
                String::new()
            } else {
                g.label.into()
            },
            row.full_label(),
        ],
    }
}

/// One table B row, its values 0 (as `gongkai new` writes them).
pub fn b_row(row: &RowDef, previous: Option<&RowDef>) -> String {
    let labels = b_label_cells(row, previous);
    let mut cells: Vec<&str> = labels.iter().map(String::as_str).collect();
    cells.resize(3 + APPLICANT_COLUMNS.len(), "0");
    pipe_row(&cells)
}

/// Table B.
pub fn table_b(format: FormatId) -> String {
    let n = 3 + APPLICANT_COLUMNS.len();
    let mut head = vec![BALANCE_NOTE, "", ""];
    head.extend(APPLICANT_COLUMNS.iter().map(|c| c.label));
    let mut s = pipe_row(&head);
    s.push_str(&delimiter(n));
    let rows = format.spec().applications;
    for (i, r) in rows.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| &rows[p]);
        s.push_str(&b_row(r, prev));
    }
    s
}

/// Table C: the group headers, the column headers, one row of values.
pub fn table_c() -> String {
    let n = REVIEW_GROUPS.len() * REVIEW_COLUMNS.len();
    let mut head = vec![""; n];
    head[0] = REVIEW_GROUPS[0].label;
    head[REVIEW_COLUMNS.len()] = LITIGATION_HEADER;
    let mut s = pipe_row(&head);
    s.push_str(&delimiter(n));
    let mut groups = vec![""; n];
    for (g, def) in REVIEW_GROUPS.iter().enumerate().skip(1) {
        groups[g * REVIEW_COLUMNS.len()] = def.label;
    }
    s.push_str(&pipe_row(&groups));
    let cols: Vec<&str> = REVIEW_GROUPS
        .iter()
        .flat_map(|_| REVIEW_COLUMNS.iter().map(|c| c.label))
        .collect();
    s.push_str(&pipe_row(&cols));
    s.push_str(&pipe_row(&vec!["0"; n]));
    s
}

/// A section heading as written in this kind of document.
pub fn heading(title: &str, flavor: Flavor) -> String {
    match flavor {
        Flavor::Markdown => format!("## {title}"),
        Flavor::Plain => title.to_string(),
    }
}

/// A section with its table, if it has one.
pub fn section(number: u8, format: FormatId, flavor: Flavor) -> String {
    let title = SECTIONS
        .iter()
        .find(|s| s.number == number)
        .map_or("", |s| s.title);
    let body = match number {
        2 => table_a(format),
        3 => table_b(format),
        4 => table_c(),
        _ => String::new(),
    };
    if body.is_empty() {
        format!("{}\n\n", heading(title, flavor))
    } else {
        format!("{}\n\n{body}\n", heading(title, flavor))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{analyze, CheckOptions};

    #[test]
    fn skeletons_read_back_whole() {
        for (year, format) in [(2020, FormatId::V2019), (2023, FormatId::V2021)] {
            for flavor in [Flavor::Markdown, Flavor::Plain] {
                let mut text = format!("# XX{year}年政府信息公开工作年度报告\n\n");
                for sec in &SECTIONS {
                    text.push_str(&section(sec.number, format, flavor));
                }
                let a = analyze(&text, &CheckOptions::default());
                let r = &a.report;
                assert_eq!(r.format, format, "{text}");
                assert_eq!(r.sections.len(), 6, "{text}");
                let b = r.applications.as_ref().expect("table B");
                let keys: Vec<_> = b.rows.iter().filter_map(|r| r.key()).collect();
                let want: Vec<_> = format.spec().applications.iter().map(|r| r.key).collect();
                assert_eq!(keys, want, "{text}");
                assert!(b.rows.iter().all(|r| r.cells.len() == 7), "{:#?}", b.rows);
                let a_ = r.active.as_ref().expect("table A");
                assert_eq!(a_.subs.len(), format.spec().active.len());
                assert!(a_
                    .subs
                    .iter()
                    .all(|s| s.rows.len() == s.def.map_or(0, |d| d.rows.len())));
                let c = r.review.as_ref().expect("table C");
                assert_eq!(c.cells.len(), 15, "{text}");
                // The 2019 format's 采购总金额 header names no unit (GK303).
                let real: Vec<_> = a.findings.iter().filter(|f| f.code != "GK303").collect();
                assert!(real.is_empty(), "{real:#?}");
            }
        }
    }
}
