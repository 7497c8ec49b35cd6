//! Mutations of real reports — the seed (plain text, 2019 format) and
//! 淮安 2024 (Markdown tables, 2021 format): each gives the expected code on
//! the expected line and nothing spurious. The full human output of each is
//! kept as a snapshot (`tests/snapshots/`).

mod common;

use common::replace_after;
use gongkai::cli::{human, FileReport};
use gongkai::text::LineIndex;
use gongkai::{analyze, CheckOptions};

/// `(code, 1-based line)` of every finding that is not an info, and the
/// human output.
fn run(text: &str) -> (Vec<(String, u32)>, String) {
    let a = analyze(text, &CheckOptions::default());
    let index = LineIndex::new(text);
    let file = FileReport {
        path: "report",
        text,
        index: &index,
        findings: &a.findings,
    };
    let found = a
        .findings
        .iter()
        .filter(|f| f.severity != gongkai::Severity::Info && f.code != "GK109")
        .map(|f| {
            (
                f.code.to_owned(),
                gongkai::cli::line_col(&file, f.span.start).0,
            )
        })
        .collect();
    (found, human::render(&file, false))
}

fn line_of(text: &str, needle: &str, nth: usize) -> u32 {
    let mut at = 0;
    for _ in 0..=nth {
        at = text[at..].find(needle).map(|i| at + i).expect(needle) + needle.len();
    }
    text[..at - needle.len()].matches('\n').count() as u32 + 1
}

fn expect(name: &str, text: &str, want: &[(&str, u32)]) {
    let (got, out) = run(text);
    let want: Vec<(String, u32)> = want.iter().map(|(c, l)| (c.to_string(), *l)).collect();
    assert_eq!(got, want, "{name}:\n{out}");
    insta::assert_snapshot!(name, out);
}

// ---- the seed: plain text, one cell a line ---------------------------------

fn seed() -> String {
    common::seed()
}

#[test]
fn seed_is_clean() {
    expect("seed_clean", &seed(), &[]);
}

#[test]
fn seed_one_number_changed() {
    // 一、本年新收 自然人 6 → 7.
    let t = replace_after(&seed(), "一、本年新收政府信息公开申请数量", "\t6", "\t7", 0);
    let new_total = line_of(&t, "一、本年新收政府信息公开申请数量", 0) + 7;
    let seventh = line_of(&t, "（七）总计", 0) + 1;
    expect(
        "seed_one_number",
        &t,
        &[("GK201", new_total), ("GK202", seventh)],
    );
}

#[test]
fn seed_total_changed() {
    // （七）总计 的总计 6 → 7.
    let t = replace_after(&seed(), "（七）总计", "\t6", "\t7", 1);
    let cell = line_of(&t, "（七）总计", 0) + 7;
    expect(
        "seed_total",
        &t,
        &[("GK201", cell), ("GK202", cell), ("GK203", cell)],
    );
}

#[test]
fn seed_placeholder_and_fullwidth() {
    let t = replace_after(&seed(), "1.属于国家秘密", "\t0", "\t无", 0);
    let t = replace_after(&t, "一、本年新收政府信息公开申请数量", "\t6", "\t６", 0);
    let new_np = line_of(&t, "一、本年新收政府信息公开申请数量", 0) + 1;
    let d1 = line_of(&t, "1.属于国家秘密", 0) + 1;
    expect(
        "seed_placeholder_fullwidth",
        &t,
        &[("GK302", new_np), ("GK305", d1)],
    );
}

#[test]
fn seed_section_deleted() {
    let s = seed();
    let start = s.find("五、存在的主要问题及改进情况").unwrap();
    let end = s.find("六、其他需要报告的事项").unwrap();
    let t = format!("{}{}", &s[..start], &s[end..]);
    let six = line_of(&t, "六、其他需要报告的事项", 0);
    expect("seed_section_deleted", &t, &[("GK101", six)]);
}

#[test]
fn seed_row_deleted() {
    let s = seed();
    let start = s
        .find("\t\t2.没有现成信息需要另行制作")
        .unwrap_or_else(|| s.find("\t2.没有现成信息需要另行制作").unwrap());
    let end = s.find("\t3.补正后申请内容仍不明确").unwrap();
    // Keep the merged-cell line of the next row.
    let t = format!("{}{}", &s[..start], &s[end..]);
    let next = line_of(&t, "3.补正后申请内容仍不明确", 0);
    expect("seed_row_deleted", &t, &[("GK104", next)]);
}

#[test]
fn seed_label_typo() {
    let t = seed().replacen("2.其他法律行政法规禁止公开", "2.其他法律行政法规禁公开", 1);
    let l = line_of(&t, "2.其他法律行政法规禁公开", 0);
    expect("seed_label_typo", &t, &[("GK402", l)]);
}

#[test]
fn seed_year_changed_in_title() {
    let t = seed().replacen(
        "2020年政府信息公开工作年度报告",
        "2021年政府信息公开工作年度报告",
        1,
    );
    let (got, out) = run(&t);
    let codes: Vec<&str> = got.iter().map(|(c, _)| c.as_str()).collect();
    assert!(codes.contains(&"GK502"), "{out}");
    assert!(
        codes.iter().all(|c| *c == "GK502" || *c == "GK106"),
        "{out}"
    );
    insta::assert_snapshot!("seed_year_changed", out);
}

#[test]
fn seed_chinese_numeral_and_unit() {
    let t = replace_after(&seed(), "1.本机关不掌握相关政府信息", "\t3", "\t三", 0);
    let t = replace_after(&t, "二、上年结转政府信息公开申请数量", "\t1", "\t1件", 0);
    let u1 = line_of(&t, "1.本机关不掌握相关政府信息", 0) + 1;
    let (got, out) = run(&t);
    // 三 is not a number: its row and column sums are unknown, so only GK301.
    assert_eq!(got, vec![("GK301".to_string(), u1)], "{out}");
    assert!(out.contains("应写作阿拉伯数字 3"), "{out}");
    assert!(out.contains("提示[GK308]"), "{out}");
    insta::assert_snapshot!("seed_numeral_unit", out);
}

// ---- 淮安 2024: Markdown pipe tables, 2021 format --------------------------

fn huaian() -> String {
    common::read("corpus/008-2024-huaian-shi.txt")
}

#[test]
fn huaian_is_clean() {
    expect("huaian_clean", &huaian(), &[]);
}

#[test]
fn huaian_total_changed() {
    let t = huaian().replacen(
        "| 2932 | 53 | 0 | 0 | 61 | 4 | 3050 |",
        "| 2932 | 53 | 0 | 0 | 61 | 4 | 3051 |",
        1,
    );
    let l = line_of(&t, "3051", 0);
    expect(
        "huaian_total",
        &t,
        &[("GK201", l), ("GK202", l), ("GK203", l)],
    );
}

#[test]
fn huaian_review_total_and_separator() {
    let t = huaian().replacen(
        "| 72 | 64 | 178 | 37 | 351 |",
        "| 72 | 64 | 178 | 37 | 350 |",
        1,
    );
    let t = t.replacen("| 行政处罚 | 3985758 |", "| 行政处罚 | 3,985,758 |", 1);
    let review = line_of(&t, "| 72 | 64 | 178", 0);
    let penalty = line_of(&t, "| 行政处罚", 0);
    expect(
        "huaian_review_separator",
        &t,
        &[("GK307", penalty), ("GK204", review)],
    );
}

#[test]
fn huaian_amount_in_yuan() {
    let t = huaian().replacen(
        "| 行政事业性收费 | 96171.6 |",
        "| 行政事业性收费 | 961716000元 |",
        1,
    );
    let l = line_of(&t, "961716000元", 0);
    expect("huaian_amount_yuan", &t, &[("GK303", l)]);
}

#[test]
fn huaian_old_format_columns() {
    let t = huaian().replacen(
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |",
        1,
    );
    let l = line_of(&t, "本年新制作数量", 0);
    expect("huaian_old_columns", &t, &[("GK106", l)]);
}

#[test]
fn huaian_negative_and_fraction() {
    let t = huaian().replacen(
        "| 25 | 0 | 0 | 0 | 0 | 0 | 25 |",
        "| -25 | 0 | 0 | 0 | 0 | 0 | -25 |",
        1,
    );
    let t = t.replacen(
        "| 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
        "| 1.5 | 0 | 0 | 0 | 0 | 0 | 1.5 |",
        1,
    );
    let neg = line_of(&t, "| -25", 0);
    let frac = line_of(&t, "| 1.5", 0);
    let (got, out) = run(&t);
    for (code, line) in [("GK304", neg), ("GK306", frac)] {
        assert!(
            got.contains(&(code.to_string(), line)),
            "{code}@{line}:\n{out}"
        );
    }
    insta::assert_snapshot!("huaian_negative_fraction", out);
}

#[test]
fn huaian_wrong_item_heading() {
    let t = huaian().replacen("| 第二十条第（五）项 |", "| 第二十条第（六）项 |", 1);
    let l = line_of(&t, "| 第二十条第（六）项 |", 0);
    let (got, out) = run(&t);
    assert!(got.contains(&("GK403".to_string(), l)), "{out}");
    insta::assert_snapshot!("huaian_item_heading", out);
}

#[test]
fn seed_citation_of_missing_item() {
    let t = seed().replacen("第五十条规定", "第二十条第（十六）项规定", 1);
    let l = line_of(&t, "第二十条第（十六）项", 0);
    expect("seed_citation_item", &t, &[("GK401", l)]);
}

#[test]
fn seed_old_article_number() {
    let t = seed().replacen(
        "第五十条规定，编制本报告",
        "第三十二条规定，编制本年度报告",
        1,
    );
    let l = line_of(&t, "第三十二条", 0);
    expect("seed_old_article", &t, &[("GK404", l)]);
}

#[test]
fn huaian_sections_swapped() {
    let s = huaian();
    let five = s.find("五、存在的主要问题及改进情况").unwrap();
    let six = s.find("六、其他需要报告的事项").unwrap();
    let t = format!("{}{}{}", &s[..five], &s[six..], &s[five..six]);
    let l = line_of(&t, "五、存在的主要问题及改进情况", 0);
    expect("huaian_sections_swapped", &t, &[("GK102", l)]);
}

#[test]
fn huaian_review_table_deleted() {
    let s = huaian();
    let start = s.find("| 行政复议 |").unwrap();
    let end = s.find("五、存在的主要问题及改进情况").unwrap();
    let t = format!(
        "{}本年度未发生行政复议、行政诉讼。\n\n{}",
        &s[..start],
        &s[end..]
    );
    let l = line_of(&t, "四、政府信息公开行政复议、行政诉讼情况", 0);
    expect("huaian_review_deleted", &t, &[("GK103", l)]);
}

#[test]
fn huaian_cell_missing_in_both_layouts() {
    let t = huaian().replacen(
        "|  |  | 6.属于四类过程性信息 | 12 | 0 | 0 | 0 | 0 | 0 | 12 |",
        "|  |  | 6.属于四类过程性信息 | 12 | 0 | 0 | 0 | 0 | 12 |",
        1,
    );
    let l = line_of(&t, "6.属于四类过程性信息", 0);
    expect("huaian_cell_missing", &t, &[("GK105", l)]);
    let plain = common::to_one_cell_a_line(&t);
    let (got, out) = run(&plain);
    assert_eq!(
        got,
        vec![(
            "GK105".to_string(),
            line_of(&plain, "6.属于四类过程性信息", 0)
        )],
        "{out}"
    );
}

#[test]
fn huaian_title_without_body() {
    let t = huaian().replacen(
        "淮安市人民政府\n2024 年政府信息公开工作年度报告",
        "2024 年政府信息公开工作年度报告",
        1,
    );
    expect("huaian_title_no_body", &t, &[("GK107", 1)]);
}

#[test]
fn huaian_subtotal_row() {
    let t = huaian().replacen(
        "|  |  | 8.属于行政查询事项 | 105 | 0 | 0 | 0 | 0 | 0 | 105 |\n",
        "|  |  | 8.属于行政查询事项 | 105 | 0 | 0 | 0 | 0 | 0 | 105 |\n|  |  | 不予公开合计 | 177 | 2 | 0 | 0 | 0 | 0 | 179 |\n",
        1,
    );
    let l = line_of(&t, "不予公开合计", 0);
    // The subtotal is wrong (176 and 178), and it is not counted in （七）总计.
    let (got, out) = run(&t);
    assert_eq!(
        got,
        vec![("GK206".to_string(), l), ("GK206".to_string(), l)],
        "{out}"
    );
    assert!(out.contains("提示[GK108]"), "{out}");
    insta::assert_snapshot!("huaian_subtotal", out);
}

#[test]
fn seed_active_disclosure_logic() {
    // 规章: 本年新公开 3 but 对外公开总数量 0.
    let t = replace_after(&seed(), "\t规章", "\t0", "\t3", 1);
    let l = line_of(&t, "\t规章", 0) + 3;
    expect("seed_active_logic", &t, &[("GK205", l)]);
}

/// Every table mutation of the Markdown report gives the same codes when
/// its tables are pasted one cell a line.
#[test]
fn markdown_mutations_read_the_same_in_plain_layout() {
    let base = huaian();
    let mutations = [
        base.replacen(
            "| 2932 | 53 | 0 | 0 | 61 | 4 | 3050 |",
            "| 2932 | 53 | 0 | 0 | 61 | 4 | 3051 |",
            1,
        ),
        base.replacen(
            "| 72 | 64 | 178 | 37 | 351 |",
            "| 72 | 64 | 178 | 37 | 350 |",
            1,
        ),
        base.replacen(
            "| 行政事业性收费 | 96171.6 |",
            "| 行政事业性收费 | 961716000元 |",
            1,
        ),
        base.replacen(
            "| 25 | 0 | 0 | 0 | 0 | 0 | 25 |",
            "| 二十五 | 0 | 0 | 0 | 0 | 0 | 25 |",
            1,
        ),
        base.replacen(
            "| 1288 | 21 | 0 | 0 | 50 | 3 | 1362 |",
            "| 1288 | 21 |  | 0 | 50 | 3 | 1362 |",
            1,
        ),
        base.replacen(
            "| 447 | 7 | 0 | 0 | 0 | 0 | 454 |",
            "| ４４７ | 7 | 0 | 0 | 0 | 0 | 454 |",
            1,
        ),
        base.replacen("2.其他法律行政法规禁止公开", "2.其他法律行政法规禁公开", 1),
    ];
    for (i, m) in mutations.iter().enumerate() {
        let codes = |t: &str| -> Vec<String> {
            let mut v: Vec<String> = analyze(t, &CheckOptions::default())
                .findings
                .iter()
                .map(|f| f.code.to_owned())
                .collect();
            v.sort();
            v
        };
        let md = codes(m);
        assert!(md.len() > codes(&base).len(), "mutation {i} found nothing");
        assert_eq!(md, codes(&common::to_one_cell_a_line(m)), "mutation {i}");
    }
}

#[test]
fn huaian_statistics_period_year() {
    let t = huaian().replacen(
        "统计期限自 2024 年 1 月 1 日",
        "统计期限自 2023 年 1 月 1 日",
        1,
    );
    let l = line_of(&t, "统计期限自 2023", 0);
    expect("huaian_period_year", &t, &[("GK502", l)]);
}
