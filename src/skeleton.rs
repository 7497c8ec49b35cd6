//! `gongkai new`: a complete, empty report in Markdown, built from the
//! format data so it always matches what the checker expects.

use crate::format::{
    CellKind, FormatId, RowRole, APPLICANT_COLUMNS, BALANCE_NOTE, LITIGATION_HEADER,
    REVIEW_COLUMNS, REVIEW_GROUPS, SECTIONS,
};
use std::fmt::Write;

/// The skeleton for `year` in `format` (the year's own format if `None`).
pub fn markdown(year: u16, format: Option<FormatId>) -> String {
    let format = format.unwrap_or(FormatId::for_year(year));
    let mut s = String::new();
    let _ = writeln!(s, "# ××市××局{year}年政府信息公开工作年度报告\n");
    let _ = writeln!(
        s,
        "本报告根据《中华人民共和国政府信息公开条例》第五十条和{}的要求编制。本报告中所列数据的统计期限为{year}年1月1日至12月31日。\n",
        format.document()
    );
    for sec in &SECTIONS {
        let _ = writeln!(s, "## {}\n", sec.title);
        match sec.number {
            1 => {
                let _ = writeln!(s, "{year}年，（在此概述主动公开、依申请公开、政府信息管理、平台建设、监督保障等情况。）\n");
            }
            2 => active_table(&mut s, format),
            3 => applications_table(&mut s, format),
            4 => review_table(&mut s),
            5 => s.push_str("（在此写明存在的主要问题及改进情况。）\n\n"),
            _ => {
                s.push_str("（在此报告信息处理费的收取情况及其他需要报告的事项；没有的写“无”。）\n")
            }
        }
    }
    s
}

fn row(s: &mut String, cells: &[&str]) {
    s.push('|');
    for c in cells {
        let _ = write!(s, " {c} |");
    }
    s.push('\n');
}

fn active_table(s: &mut String, format: FormatId) {
    const WIDTH: usize = 4;
    let pad = |v: Vec<&str>| -> Vec<String> {
        let mut v: Vec<String> = v.into_iter().map(str::to_owned).collect();
        v.resize(WIDTH, String::new());
        v
    };
    let mut first = true;
    for sub in format.spec().active {
        let heading = pad(vec![sub.heading]);
        let refs: Vec<&str> = heading.iter().map(String::as_str).collect();
        row(s, &refs);
        if first {
            row(s, &["---"; WIDTH]);
            first = false;
        }
        let mut header = vec![crate::format::ACTIVE_CONTENT_HEADER];
        // An amount column whose official label names no unit gets one, so
        // the skeleton itself passes GK303.
        let with_unit: Vec<String> = sub
            .columns
            .iter()
            .map(|c| match c.kind {
                CellKind::Amount if !c.label.contains('元') => format!("{}（万元）", c.label),
                _ => c.label.to_owned(),
            })
            .collect();
        header.extend(with_unit.iter().map(String::as_str));
        let header = pad(header);
        row(s, &header.iter().map(String::as_str).collect::<Vec<_>>());
        for r in sub.rows {
            let mut cells = vec![r.label];
            cells.extend(std::iter::repeat_n("0", sub.columns.len()));
            let cells = pad(cells);
            row(s, &cells.iter().map(String::as_str).collect::<Vec<_>>());
        }
    }
    s.push('\n');
}

fn applications_table(s: &mut String, format: FormatId) {
    let mut head = vec![BALANCE_NOTE, "", "", "申请人情况"];
    head.extend(std::iter::repeat_n("", 6));
    row(s, &head);
    row(s, &["---"; 10]);
    row(
        s,
        &[
            "",
            "",
            "",
            "自然人",
            "法人或其他组织",
            "",
            "",
            "",
            "",
            "总计",
        ],
    );
    let mut sub = vec!["", "", "", ""];
    sub.extend(APPLICANT_COLUMNS[1..6].iter().map(|c| c.label));
    sub.push("");
    row(s, &sub);
    let mut last_group = "";
    let mut results_open = false;
    for r in format.spec().applications {
        let mut cells: Vec<String> = Vec::new();
        match (r.role, r.group) {
            (RowRole::Inflow | RowRole::Forward, _) => {
                cells.extend([r.label.to_owned(), String::new(), String::new()])
            }
            (_, Some(g)) if g.key == "results" => {
                let first = if results_open {
                    String::new()
                } else {
                    g.label.to_owned()
                };
                results_open = true;
                cells.extend([first, r.full_label(), String::new()]);
            }
            (_, Some(g)) => {
                let group = if last_group == g.key {
                    String::new()
                } else {
                    g.label.to_owned()
                };
                last_group = g.key;
                cells.extend([String::new(), group, r.full_label()]);
            }
            (_, None) => cells.extend([r.label.to_owned(), String::new(), String::new()]),
        }
        cells.extend(std::iter::repeat_n("0".to_owned(), 7));
        row(s, &cells.iter().map(String::as_str).collect::<Vec<_>>());
    }
    s.push('\n');
}

fn review_table(s: &mut String) {
    let mut top = vec![REVIEW_GROUPS[0].label, "", "", "", "", LITIGATION_HEADER];
    top.extend(std::iter::repeat_n("", 9));
    row(s, &top);
    row(s, &["---"; 15]);
    let mut mid = vec![""; 5];
    mid.push(REVIEW_GROUPS[1].label);
    mid.extend(["", "", "", ""]);
    mid.push(REVIEW_GROUPS[2].label);
    mid.extend(["", "", "", ""]);
    row(s, &mid);
    let cols: Vec<&str> = (0..3)
        .flat_map(|_| REVIEW_COLUMNS.iter().map(|c| c.label))
        .collect();
    row(s, &cols);
    row(s, &["0"; 15]);
    s.push('\n');
}
