//! 2xx: the numbers must add up (勾稽关系: the cross-checks between cells that
//! the table's own note and headers imply).

use super::{Context, Rule, Sink};
use crate::diagnostic::{Fix, Severity};
use crate::format::{RowRole, APPLICANT_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS};
use crate::report::{ApplicationsTable, Cell, Row};

const COLS: usize = 7;

fn show(cell: &Cell, text: &str) -> String {
    let raw = &text[cell.span.clone()];
    if raw.is_empty() {
        "空".to_owned()
    } else {
        raw.to_owned()
    }
}

/// The counts of a complete 7-cell row, or `None` if it is not complete or
/// a cell is not a number (other rules say so).
fn counts(row: &Row) -> Option<[i64; COLS]> {
    if row.cells.len() != COLS {
        return None;
    }
    let mut out = [0; COLS];
    for (o, c) in out.iter_mut().zip(&row.cells) {
        *o = c.count()?;
    }
    Some(out)
}

/// The sum of `terms`, or `None` on overflow (then nothing is checked).
fn total(terms: &[i64]) -> Option<i64> {
    terms.iter().try_fold(0i64, |a, &b| a.checked_add(b))
}

fn short(label: &str) -> String {
    let norm: String = label.split_whitespace().collect();
    match norm.find('（').filter(|&p| p > 0) {
        Some(p) if !norm.starts_with('（') => norm[..p].to_owned(),
        _ => norm,
    }
}

pub static ROW_TOTAL: Rule = Rule {
    code: "GK201",
    name: "row-total",
    severity: Severity::Error,
    summary: "表三每一行的“总计”应等于六类申请人之和",
    docs: "## 检查什么\n\n表三（收到和处理政府信息公开申请情况）每一行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他。\n\n## 为什么\n\n“总计”列的含义由表头决定（invariants B-2）。表中没有“法人或其他组织”小计列，它只是五个子列上方的合并表头，不参与计算。空白单元格按 0 计。\n\n## 示例\n\n```\n（一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 2\n```\n\n各列之和为 1，总计却填 2，报 `GK201`：`总计应为 1（自然人 1 + 商业企业 0 + …），实际填写 2`。\n\n## 如何修正\n\n把总计改为六列之和（安全修复，`--fix` 会自动应用）；若总计是对的，请检查各分列的数字。\n",
    fixable: true,
    check: |ctx: &Context, sink: &mut Sink| {
        let Some(table) = &ctx.report.applications else { return };
        for row in &table.rows {
            let Some(v) = counts(row) else { continue };
            let Some(sum) = total(&v[..6]) else { continue };
            if sum == v[6] {
                continue;
            }
            let terms: Vec<String> =
                APPLICANT_COLUMNS[..6].iter().zip(&v[..6]).map(|(c, n)| format!("{} {}", c.label, n)).collect();
            let total = &row.cells[6];
            let msg = format!(
                "“{}”一行的总计应为 {}（{}），实际填写 {}",
                short(&row.label),
                sum,
                terms.join(" + "),
                show(total, ctx.text)
            );
            sink.report(total.span.clone(), msg).with_fix(Fix::safe(format!("把总计改为 {sum}"), total.span.clone(), sum.to_string()));
        }
    },
};

/// The four rows of the balance, if all are complete.
fn balance_rows(t: &ApplicationsTable) -> Option<[[i64; COLS]; 4]> {
    Some([
        counts(t.row("new")?)?,
        counts(t.row("carried")?)?,
        counts(t.row("total")?)?,
        counts(t.row("forward")?)?,
    ])
}

pub static BALANCE: Rule = Rule {
    code: "GK202",
    name: "balance",
    severity: Severity::Error,
    summary: "表三每一列：一 + 二 = （七）总计 + 四",
    docs: "## 检查什么\n\n表三的每一列：一、本年新收 + 二、上年结转 = 三（七）总计 + 四、结转下年度继续办理。\n\n## 为什么\n\n这是表格左上角印着的说明：“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”（invariants B-1）。“第三项”即“三、本年度办理结果”，数值上就是（七）总计。\n\n## 示例\n\n自然人列：新收 6、结转 1，（七）总计 6、结转下年度 0：6 + 1 ≠ 6 + 0，报 `GK202`，位置在该列的（七）总计单元格。\n\n## 如何修正\n\n核对四个数字中哪一个有误：常见原因是漏填结转下年度的件数，或（七）总计没有随明细更新。此规则不提供自动修复，因为无法判断哪一个数错了。\n",
    fixable: false,
    check: |ctx: &Context, sink: &mut Sink| {
        let Some(table) = &ctx.report.applications else { return };
        let Some([new, carried, total, forward]) = balance_rows(table) else { return };
        let Some(total_row) = table.row("total") else { return };
        for (c, col) in APPLICANT_COLUMNS.iter().enumerate() {
            let (Some(inflow), Some(outflow)) = (new[c].checked_add(carried[c]), total[c].checked_add(forward[c])) else { continue };
            if inflow == outflow {
                continue;
            }
            let msg = format!(
                "{}列不平衡：一、本年新收 {} + 二、上年结转 {} = {}，但（七）总计 {} + 四、结转下年度 {} = {}",
                col.label,
                new[c],
                carried[c],
                inflow,
                total[c],
                forward[c],
                outflow
            );
            let cell = &total_row.cells[c];
            let expected = inflow.checked_sub(forward[c]);
            let f = sink.report(cell.span.clone(), msg);
            if let Some(expected) = expected.filter(|&e| e >= 0) {
                f.with_fix(Fix::unsafe_(format!("把（七）总计改为 {expected}（= 新收 + 结转 − 结转下年度）"), cell.span.clone(), expected.to_string()));
            }
        }
    },
};

pub static RESULTS_TOTAL: Rule = Rule {
    code: "GK203",
    name: "results-total",
    severity: Severity::Error,
    summary: "表三每一列：（七）总计 = （一）至（六）所有明细行之和",
    docs: "## 检查什么\n\n表三的每一列：（七）总计 = （一）予以公开 + （二）部分公开 + （三）不予公开的 8 行 + （四）无法提供的 3 行 + （五）不予处理的 5 行 + （六）其他处理（2021 年版为 3 行）。\n\n## 为什么\n\n“总计”由表头决定；（二）行的括注“区分处理的，只计这一情形，不计其他情形”说明各行互不重复，所以总计就是各明细行之和（invariants B-3）。（三）至（六）各组没有小计行；报告自己加的“合计”行不计入（见 GK206）。\n\n## 示例\n\n自然人列明细之和为 6，（七）总计填 5：报 `GK203`，位置在（七）总计单元格。\n\n## 如何修正\n\n把（七）总计改为明细之和，或找出填错的明细行。修复建议需要手动确认。\n",
    fixable: false,
    check: |ctx: &Context, sink: &mut Sink| {
        let Some(table) = &ctx.report.applications else { return };
        let Some(total_row) = table.row("total") else { return };
        let Some(total) = counts(total_row) else { return };
        let leaves: Vec<&Row> = table.rows.iter().filter(|r| r.def.is_some_and(|d| d.role == RowRole::Leaf)).collect();
        if leaves.is_empty() {
            return;
        }
        let mut sums = [0i64; COLS];
        for row in &leaves {
            if row.cells.len() != COLS {
                return;
            }
            for (c, cell) in row.cells.iter().enumerate() {
                let Some(v) = cell.count() else { return };
                let Some(s) = sums[c].checked_add(v) else { return };
                sums[c] = s;
            }
        }
        for (c, col) in APPLICANT_COLUMNS.iter().enumerate() {
            if sums[c] == total[c] {
                continue;
            }
            let cell = &total_row.cells[c];
            let msg = format!(
                "{}列的（七）总计应为 {}（（一）至（六）{} 个明细行之和），实际填写 {}",
                col.label,
                sums[c],
                leaves.len(),
                show(cell, ctx.text)
            );
            sink.report(cell.span.clone(), msg).with_fix(Fix::unsafe_(
                format!("把（七）总计改为明细之和 {}", sums[c]),
                cell.span.clone(),
                sums[c].to_string(),
            ));
        }
    },
};

pub static REVIEW_TOTAL: Rule = Rule {
    code: "GK204",
    name: "review-litigation-total",
    severity: Severity::Error,
    summary: "表四每组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
    docs: "## 检查什么\n\n表四（行政复议、行政诉讼情况）的三组——行政复议、未经复议直接起诉、复议后起诉——每组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。\n\n## 为什么\n\n“总计”由表头决定（invariants C-1）。真实报告常见把总计填 0 而分项有数。\n\n## 示例\n\n```\n| 10 | 1 | 0 | 0 | 0 | …\n```\n\n行政复议 10 + 1 + 0 + 0 = 11，总计填 0：报 `GK204`。\n\n## 如何修正\n\n把总计改为四项之和（安全修复）。\n",
    fixable: true,
    check: |ctx: &Context, sink: &mut Sink| {
        let Some(table) = &ctx.report.review else { return };
        if table.cells.len() != 15 {
            return;
        }
        for (g, group) in REVIEW_GROUPS.iter().enumerate() {
            let cells = &table.cells[g * 5..g * 5 + 5];
            let Some(v) = cells.iter().map(Cell::count).collect::<Option<Vec<i64>>>() else { continue };
            let Some(sum) = total(&v[..4]) else { continue };
            if sum == v[4] {
                continue;
            }
            let terms: Vec<String> =
                REVIEW_COLUMNS[..4].iter().zip(&v[..4]).map(|(c, n)| format!("{} {}", c.label, n)).collect();
            let total = &cells[4];
            let msg = format!("{}的总计应为 {}（{}），实际填写 {}", group.label, sum, terms.join(" + "), show(total, ctx.text));
            sink.report(total.span.clone(), msg).with_fix(Fix::safe(format!("把总计改为 {sum}"), total.span.clone(), sum.to_string()));
        }
    },
};

pub static ACTIVE_LOGIC: Rule = Rule {
    code: "GK205",
    name: "active-disclosure-logic",
    severity: Severity::Warning,
    summary: "主动公开表内的逻辑关系（2019 年版）",
    docs: "## 检查什么\n\n2019 年版表二（主动公开政府信息情况）内部的关系：对外公开总数量不小于本年新公开数量；上一年项目数量 + 本年增/减 不小于 0；政府集中采购的项目数量为 0 时金额也应为 0，金额大于 0 时项目数量应至少为 1。\n\n## 为什么\n\n“总数量”包含本年新公开的；项目数量不会是负数；没有采购项目就不会有采购金额（invariants A19-3、A19-5、A19-6）。\n\n## 示例\n\n规章：本年新公开 13，对外公开总数量 5：报 `GK205`。\n\n## 如何修正\n\n核对填错的单元格。\n",
    fixable: false,
    check: |ctx: &Context, sink: &mut Sink| {
        let Some(active) = &ctx.report.active else { return };
        for sub in &active.subs {
            let Some(def) = sub.def else { continue };
            let col = |key: &str| def.columns.iter().position(|c| c.key == key);
            for row in sub.rows.iter().filter(|r| r.def.is_some()) {
                let value = |i: Option<usize>| i.and_then(|i| row.cells.get(i)).and_then(|c| c.number().map(|n| (n.value, c)));
                if let (Some((published, _)), Some((total, cell))) = (value(col("published")), value(col("in_force"))) {
                    if def.item == 1 && def.columns.iter().any(|c| c.label == "对外公开总数量") && total < published {
                        sink.report(
                            cell.span.clone(),
                            format!("“{}”的对外公开总数量 {} 小于本年新公开数量 {}", row.label, total, published),
                        );
                    }
                }
                if let (Some((last, _)), Some((change, cell))) = (value(col("last_year")), value(col("change"))) {
                    if last + change < 0.0 {
                        sink.report(
                            cell.span.clone(),
                            format!("“{}”的上一年项目数量 {} 加本年增/减 {} 小于 0", row.label, last, change),
                        );
                    }
                }
                if let (Some((projects, pcell)), Some((amount, _))) = (value(col("projects")), value(col("amount"))) {
                    if projects == 0.0 && amount > 0.0 {
                        sink.report(pcell.span.clone(), format!("采购项目数量为 0，采购总金额却为 {amount}"));
                    } else if projects > 0.0 && amount == 0.0 {
                        sink.report(pcell.span.clone(), format!("采购项目数量为 {projects}，采购总金额却为 0"));
                    }
                }
            }
        }
    },
};

pub static SUBTOTAL: Rule = Rule {
    code: "GK206",
    name: "subtotal",
    severity: Severity::Warning,
    summary: "报告自加的小计/合计行应等于其所属各行之和",
    docs: "## 检查什么\n\n表三（三）至（六）各组在国家格式中没有小计行。报告自己加了“（三）不予公开”合计行并填了数时，它应等于该组各明细行之和。\n\n## 为什么\n\n格式中这些组名是合并单元格，数字只填在明细行上（invariants B-4）。这样的合计行不会在 GK203 中被重复计算。\n\n## 示例\n\n“（三）不予公开”一行填 5，而 1 至 8 行之和为 4：报 `GK206`。\n\n## 如何修正\n\n改正合计，或者删除这一非标准的合计行。\n",
    fixable: false,
    check: |ctx: &Context, sink: &mut Sink| {
        let Some(table) = &ctx.report.applications else { return };
        for row in table.rows.iter().filter(|r| r.subtotal_of.is_some()) {
            let Some(group) = row.subtotal_of else { continue };
            let members: Vec<&Row> = table.rows.iter().filter(|r| r.def.and_then(|d| d.group).is_some_and(|g| g.key == group)).collect();
            if members.is_empty() {
                continue;
            }
            for (c, cell) in row.cells.iter().enumerate().take(COLS) {
                let Some(v) = cell.count() else { continue };
                let Some(terms) = members.iter().map(|m| m.cells.get(c).and_then(Cell::count)).collect::<Option<Vec<i64>>>() else { continue };
                let Some(sum) = total(&terms) else { continue };
                if v != sum {
                    sink.report(
                        cell.span.clone(),
                        format!("“{}”的{}列合计应为 {}（本组 {} 行之和），实际填写 {}", short(&row.label), APPLICANT_COLUMNS[c].label, sum, members.len(), v),
                    );
                }
            }
        }
    },
};
