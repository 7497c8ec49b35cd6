//! Empty reports and tables, built from the format data so they always
//! match what the checker expects: `gongkai new`, and the editor's snippets
//! and "insert missing section/row" actions. Tables are GFM pipe tables: the
//! readers take them in Markdown and in plain-text files alike.

use crate::format::{
    CellKind, FormatId, RowDef, SubTableDef, ACTIVE_CONTENT_HEADER, APPLICANT_COLUMNS,
    BALANCE_NOTE, LITIGATION_HEADER, REVIEW_COLUMNS, REVIEW_GROUPS, SECTIONS,
};

/// The skeleton for `year` in `format` (the year's own format if `None`).
pub fn markdown(year: u16, format: Option<FormatId>) -> String {
    let format = format.unwrap_or(FormatId::for_year(year));
    let mut s = format!("# ××市××局{year}年政府信息公开工作年度报告\n\n");
    s.push_str(&format!(
        "本报告根据《中华人民共和国政府信息公开条例》第五十条和{}的要求编制。本报告中所列数据的统计期限为{year}年1月1日至12月31日。\n\n",
        format.document()
    ));
    for sec in &SECTIONS {
        s.push_str(&format!("## {}\n\n", sec.title));
        match sec.number {
            1 => s.push_str(&format!("{year}年，（在此概述主动公开、依申请公开、政府信息管理、平台建设、监督保障等情况。）\n\n")),
            2 => s.push_str(&(table_a(format) + "\n")),
            3 => s.push_str(&(table_b(format) + "\n")),
            4 => s.push_str(&(table_c() + "\n")),
            5 => s.push_str("（在此写明存在的主要问题及改进情况。）\n\n"),
            _ => s.push_str("（在此报告信息处理费的收取情况及其他需要报告的事项；没有的写“无”。）\n"),
        }
    }
    s
}

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
    // An amount column whose official label names no unit (2019's
    // 采购总金额) gets one, so the skeleton itself passes GK303.
    let labels: Vec<String> = sub
        .columns
        .iter()
        .map(|c| match c.kind {
            CellKind::Amount if !c.label.contains('元') => format!("{}（万元）", c.label),
            _ => c.label.to_owned(),
        })
        .collect();
    let mut cols = vec![ACTIVE_CONTENT_HEADER];
    cols.extend(labels.iter().map(String::as_str));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{analyze, CheckOptions};

    #[test]
    fn skeletons_check_clean() {
        for year in [2019, 2020, 2021, 2025] {
            let text = markdown(year, None);
            let a = analyze(&text, &CheckOptions::default());
            assert!(a.findings.is_empty(), "{year}: {:#?}", a.findings);
            let b = a.report.applications.as_ref().expect("table B");
            assert_eq!(
                b.rows.len(),
                FormatId::for_year(year).spec().applications.len()
            );
        }
    }
}
