//! The text against the tables (GK501), the calendar (GK503) and last
//! year's report (GK207, GK504).

use gongkai::narrative::{self, Status};
use gongkai::report;
use gongkai::rules::{self, Context, Sink};
use gongkai::Finding;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/narrative/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Run one rule with an optional previous report.
fn run(code: &str, text: &str, previous: Option<&str>) -> Vec<Finding> {
    let rule = rules::find(code).expect("rule");
    let model = report::build(text, None);
    let prev_model = previous.map(|p| report::build(p, None));
    let ctx = Context::new(text, &model, previous.zip(prev_model.as_ref()));
    let mut sink = Sink::new(rule);
    (rule.check)(&ctx, &mut sink);
    sink.findings
}

fn covered(text: &str, findings: &[Finding]) -> Vec<String> {
    let mut v: Vec<String> = findings
        .iter()
        .map(|f| text[f.span.clone()].to_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn prose_variants() {
    let base = fixture("base.md");
    let variants = fixture("variants.tsv");
    let mut count = 0;
    let mut failures = Vec::new();
    for line in variants.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (prose, expected) = line.split_once('\t').expect("prose<TAB>expected");
        let mut expected: Vec<String> = match expected.trim() {
            "-" => Vec::new(),
            e => e.split(" | ").map(|s| s.trim().to_owned()).collect(),
        };
        expected.sort();
        let text = base.replace("{{PROSE}}", prose);
        let findings = run("GK501", &text, None);
        let got = covered(&text, &findings);
        if got != expected {
            failures.push(format!(
                "{prose}\n    expected {expected:?}\n    got      {got:?}\n    {:?}",
                findings.iter().map(|f| &f.message).collect::<Vec<_>>()
            ));
        }
        count += 1;
    }
    assert!(count >= 40, "only {count} variants");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn base_prose_is_consistent() {
    let text = fixture("base.md").replace("{{PROSE}}", "");
    assert!(run("GK501", &text, None).is_empty());
}

#[test]
fn messages_name_numbers_and_cells_and_offer_both_fixes() {
    let text = fixture("base.md").replace("{{PROSE}}", "全年共受理政府信息公开申请6件。");
    let findings = run("GK501", &text, None);
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    assert!(f.message.contains('6'), "{}", f.message);
    assert!(
        f.message
            .contains("表二“一、本年新收政府信息公开申请数量”的总计为 7"),
        "{}",
        f.message
    );
    assert_eq!(f.fixes.len(), 2);
    assert!(f.fixes.iter().all(|x| !x.safe));
    assert_eq!(f.fixes[0].edits[0].new_text, "7");
    assert_eq!(&text[f.fixes[0].edits[0].span.clone()], "6");
    // The other direction edits the 总计 cell of 一、本年新收.
    assert_eq!(f.fixes[1].edits[0].new_text, "6");
    assert_eq!(&text[f.fixes[1].edits[0].span.clone()], "7");
}

#[test]
fn claim_at_gives_the_cell_for_hover() {
    let text = fixture("base.md").replace("{{PROSE}}", "予以公开及部分公开 3 件。");
    let model = report::build(&text, None);
    let at = text.find("3 件").expect("number");
    let claim = narrative::claim_at(&text, &model, at).expect("claim");
    assert_eq!(claim.status, Status::Holds);
    assert_eq!(claim.table_value, Some(3));
    assert_eq!(claim.cells.len(), 2);
    assert!(
        claim.hover(&model).contains("（一）予以公开"),
        "{}",
        claim.hover(&model)
    );
    assert!(narrative::claim_at(&text, &model, 0).is_none());
}

#[test]
fn statistics_period() {
    let text = fixture("base.md").replace("{{PROSE}}", "");
    let model = report::build(&text, None);
    let (y, span) = narrative::statistics_period_year(&text, &model).expect("period");
    assert_eq!(y, 2023);
    assert_eq!(&text[span], "2023");
    let text = text.replace("统计期限为2023年", "统计期限自 2022 年");
    let model = report::build(&text, None);
    assert_eq!(
        narrative::statistics_period_year(&text, &model).map(|y| y.0),
        Some(2022)
    );
}

#[test]
fn late_publication() {
    let base = fixture("base.md").replace("{{PROSE}}", "");
    // A people's government: by 3月31日.
    let on_time = base.replacen("\n\n", "\n发布日期：2024-03-28\n\n", 1);
    assert!(run("GK503", &on_time, None).is_empty());
    let late = base.replacen("\n\n", "\n发布日期：2024-04-02\n\n", 1);
    let f = run("GK503", &late, None);
    assert_eq!(covered(&late, &f), vec!["2024-04-02"]);
    // A department: by 1月31日; a signature line at the end counts.
    let dept = base.replace("某县人民政府", "某县发展和改革局") + "\n2024年2月20日\n";
    let f = run("GK503", &dept, None);
    assert_eq!(covered(&dept, &f), vec!["2024年2月20日"]);
    assert!(f[0].message.contains("2024年1月31日"), "{}", f[0].message);
    // Dates in the prose are not publication dates.
    let prose = fixture("base.md").replace("{{PROSE}}", "截至2024年5月1日，共收到申请。");
    assert!(run("GK503", &prose, None).is_empty());
}

#[test]
fn carry_over_per_column() {
    let this = fixture("base.md").replace("{{PROSE}}", "");
    let last = this.replace("2023年", "2022年");
    // Last year's 结转 row is 1 0 0 0 0 0 1, this year's 上年结转 the same.
    assert!(run("GK207", &this, Some(&last)).is_empty());
    let last = last.replace(
        "| 四、结转下年度继续办理 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
        "| 四、结转下年度继续办理 |  |  | 2 | 1 | 0 | 0 | 0 | 0 | 3 |",
    );
    let f = run("GK207", &this, Some(&last));
    assert_eq!(f.len(), 3, "{f:?}");
    assert!(f
        .iter()
        .any(|f| f.message.contains("总计为 1") && f.message.contains("总计为 3")));
    assert!(f.iter().all(|f| !f.fixes.is_empty() && !f.fixes[0].safe));
    // Not last year's report: nothing to compare.
    let older = last.replace("2022年", "2020年");
    assert!(run("GK207", &this, Some(&older)).is_empty());
    assert!(run("GK207", &this, None).is_empty());
}

#[test]
fn copied_report() {
    let prose = "2023年，本县坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《中华人民共和国政府信息公开条例》，\
围绕县委县政府中心工作，不断深化政务公开，推进决策、执行、管理、服务、结果公开，着力提升政府工作透明度。\
一是加强主动公开，二是规范依申请公开办理，三是加强政府信息管理，四是加强平台建设，五是强化监督保障。";
    let this = fixture("base.md").replace("{{PROSE}}", prose);
    let last = this.replace("2023年", "2022年");
    let f = run("GK504", &this, Some(&last));
    assert_eq!(f.len(), 2, "{f:?}");
    // Different numbers and a rewritten text: nothing.
    let other = fixture("base.md")
        .replace(
            "{{PROSE}}",
            "2022年，本县政务公开工作取得新进展，依申请公开办理更加规范。",
        )
        .replace("2023年", "2022年")
        .replace("| 3 | 1 | 0 | 1 | 5 |", "| 4 | 1 | 0 | 0 | 5 |");
    assert!(run("GK504", &this, Some(&other)).is_empty());
    assert!(run("GK504", &this, None).is_empty());
}

/// The corpus of real reports, bundled with the tests.
fn corpus_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
}

/// Each report gives exactly its ground truth: one GK501 for every
/// `e_narrative_vs_table` row that does not hold, on that claim, and none
/// elsewhere.
#[test]
fn corpus_ground_truth() {
    let dir = corpus_dir();
    let truth = std::fs::read_to_string(dir.join("GROUND_TRUTH.tsv")).expect("truth");
    let mut expected: std::collections::BTreeMap<String, usize> = Default::default();
    for line in truth.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() >= 6 && cols[1] == "e_narrative_vs_table" {
            *expected.entry(cols[0].to_owned()).or_default() += usize::from(cols[5] == "no");
        }
    }
    // What each `no` row's finding covers.
    let spans: &[(&str, &[&str])] = &[
        ("001", &["258", "265", "均获维持", "均获维持"]),
        ("007", &["17"]),
        ("010", &["134", "57"]),
        ("014", &["所有申请均已按要求办理完成"]),
    ];
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut failures = Vec::new();
    for path in files {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let text = std::fs::read_to_string(&path).expect("read");
        let findings = run("GK501", &text, None);
        let want = expected.get(&name).copied().unwrap_or(0);
        let got = covered(&text, &findings);
        let mut want_spans: Vec<String> = spans
            .iter()
            .find(|(p, _)| name.starts_with(p))
            .map(|(_, s)| s.iter().map(|s| s.to_string()).collect())
            .unwrap_or_default();
        want_spans.sort();
        if got.len() != want || got != want_spans {
            failures.push(format!("{name}: expected {want_spans:?}, got {got:?}"));
        }
        // Nothing in the corpus was published late.
        let late = run("GK503", &text, None);
        if !late.is_empty() {
            failures.push(format!("{name}: GK503 {:?}", covered(&text, &late)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// 上海 2019 (corpus 001): the known contradictions, with the cells named.
#[test]
fn corpus_shanghai_2019_messages() {
    let dir = corpus_dir();
    let text = std::fs::read_to_string(dir.join("001-2019-shanghai-bgt.txt")).expect("001");
    let findings = run("GK501", &text, None);
    let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("258") && m.contains("275")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("265") && m.contains("337")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("均获维持") && m.contains("“行政复议”") && m.contains("5")),
        "{messages:?}"
    );
}

/// Half-typed text never makes the extraction panic.
#[test]
fn truncated_reports_do_not_panic() {
    let variants = fixture("variants.tsv");
    let prose: String = variants
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .collect::<Vec<_>>()
        .join("\n");
    let text = fixture("base.md").replace("{{PROSE}}", &prose);
    let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(11).collect();
    for cut in cuts {
        let t = &text[..cut];
        let model = report::build(t, None);
        let claims = narrative::claims(t, &model);
        for c in &claims {
            assert!(c.span.end <= t.len());
        }
        let _ = narrative::statistics_period_year(t, &model);
        let _ = narrative::publication_dates(t, &model);
        for code in ["GK501", "GK503", "GK207", "GK504"] {
            let _ = run(code, t, Some(&text));
        }
    }
}

/// Every claim of the ground truth that holds, written verbatim in its
/// report, is tied: changing its number gives exactly one more GK501, on it.
#[test]
fn corpus_claims_are_tied() {
    let dir = corpus_dir();
    let truth = std::fs::read_to_string(dir.join("GROUND_TRUTH.tsv")).expect("truth");
    let mut tried = 0;
    let mut failures = Vec::new();
    for line in truth.lines().skip(1) {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 6 || c[1] != "e_narrative_vs_table" || c[5] != "yes" {
            continue;
        }
        let quote = c[2].split(" [").next().unwrap_or_default();
        let actual = c[4];
        let Ok(text) = std::fs::read_to_string(dir.join(c[0])) else {
            continue;
        };
        let (Some(pos), Some(npos), Ok(n)) =
            (text.find(quote), quote.rfind(actual), actual.parse::<i64>())
        else {
            continue;
        };
        let at = pos + npos;
        let mutated = format!("{}{}{}", &text[..at], n + 1, &text[at + actual.len()..]);
        let before = run("GK501", &text, None).len();
        let after = run("GK501", &mutated, None);
        let on_it = after.iter().filter(|f| f.span.start == at).count();
        if on_it != 1 || after.len() != before + 1 {
            failures.push(format!("{}: {quote} → {}", c[0], n + 1));
        }
        tried += 1;
    }
    assert!(tried >= 60, "only {tried} claims tried");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
