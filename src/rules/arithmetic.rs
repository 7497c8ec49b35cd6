//! 2xx: the numbers must add up (勾稽关系: the cross-checks between cells that
//! the table's own note and headers imply).

use super::{Context, Rule, Sink};
use crate::diagnostic::{Fix, Severity};
use crate::format::labels::short_label;
use crate::format::APPLICANT_COLUMNS;
use crate::report::{Cell, Relation, Row};

const COLS: usize = 7;

fn show(span: &crate::diagnostic::Span, text: &str) -> String {
    match text.get(span.clone()) {
        Some("") | None => "空".to_owned(),
        Some(raw) => raw.to_owned(),
    }
}

/// Report every failing relation the format gives to rule `code`, with the
/// rule's message: a sum (`…的总计应为 7（…），实际填写 6`) or, when terms
/// are subtracted, a balance (`…不平衡：a + b = s，但 t + f = u`).
fn judge(ctx: &Context, sink: &mut Sink, code: &str) {
    for r in ctx
        .relations()
        .iter()
        .filter(|r| r.def.rule == code && r.fails())
    {
        let f = sink.report(r.span.clone(), message(r, ctx.text));
        if let Some(v) = r.fix_value() {
            let title = r.def.fix.title.replace("{}", &v.to_string());
            let fix = if r.def.fix.safe {
                Fix::safe(title, r.span.clone(), v.to_string())
            } else {
                Fix::unsafe_(title, r.span.clone(), v.to_string())
            };
            f.with_fix(fix);
        }
    }
}

fn message(r: &Relation, text: &str) -> String {
    let side = |minus: bool| -> Vec<String> {
        r.terms
            .iter()
            .filter(|t| t.minus == minus)
            .map(|t| format!("{} {}", t.label, t.value.unwrap_or(0)))
            .collect()
    };
    let (plus, minus) = (side(false), side(true));
    if minus.is_empty() {
        let because = match r.def.because {
            Some(b) => b.replace("{n}", &r.terms.len().to_string()),
            None => plus.join(" + "),
        };
        return format!(
            "{}的{}应为 {}（{}），实际填写 {}",
            r.place(),
            r.target,
            r.expected(),
            because,
            show(&r.span, text)
        );
    }
    let sum = |m: bool| {
        r.terms
            .iter()
            .filter(|t| t.minus == m)
            .filter_map(|t| t.value)
            .fold(0i64, i64::saturating_add)
    };
    let written = r.written.unwrap_or(0);
    format!(
        "{}不平衡：{} = {}，但{} {} + {} = {}",
        r.place(),
        plus.join(" + "),
        sum(false),
        r.target,
        written,
        minus.join(" + "),
        written.saturating_add(sum(true))
    )
}

pub static ROW_TOTAL: Rule = Rule {
    code: "GK201",
    name: "row-total",
    severity: Severity::Error,
    summary: "表二每一行的“总计”应等于六类申请人之和",
    docs: r#"## 检查什么

表二（收到和处理政府信息公开申请情况）每一行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他。

## 为什么

“总计”列的含义由表头决定（invariants B-2）。表中没有“法人或其他组织”小计列，它只是五个子列上方的合并表头，不参与计算。空白单元格按 0 计。

## 示例

```
（一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 2
```

各列之和为 1，总计却填 2，报 `GK201`：`总计应为 1（自然人 1 + 商业企业 0 + …），实际填写 2`。

## 如何修正

把总计改为六列之和（安全修复，`--fix` 会自动应用）；若总计是对的，请检查各分列的数字。
"#,
    fixable: true,
    check: |ctx: &Context, sink: &mut Sink| judge(ctx, sink, "GK201"),
};

pub static BALANCE: Rule = Rule {
    code: "GK202",
    name: "balance",
    severity: Severity::Error,
    summary: "表二每一列：一 + 二 = （七）总计 + 四",
    docs: r#"## 检查什么

表二的每一列：一、本年新收 + 二、上年结转 = 三（七）总计 + 四、结转下年度继续办理。

## 为什么

这是表格左上角印着的说明：“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”（invariants B-1）。“第三项”即“三、本年度办理结果”，数值上就是（七）总计。

## 示例

自然人列：新收 6、结转 1，（七）总计 6、结转下年度 0：6 + 1 ≠ 6 + 0，报 `GK202`，位置在该列的（七）总计单元格。

## 如何修正

核对四个数字中哪一个有误：常见原因是漏填结转下年度的件数，或（七）总计没有随明细更新。此规则不提供自动修复，因为无法判断哪一个数错了。
"#,
    fixable: false,
    check: |ctx: &Context, sink: &mut Sink| judge(ctx, sink, "GK202"),
};

pub static RESULTS_TOTAL: Rule = Rule {
    code: "GK203",
    name: "results-total",
    severity: Severity::Error,
    summary: "表二每一列：（七）总计 = （一）至（六）所有明细行之和",
    docs: r#"## 检查什么

表二的每一列：（七）总计 = （一）予以公开 + （二）部分公开 + （三）不予公开的 8 行 + （四）无法提供的 3 行 + （五）不予处理的 5 行 + （六）其他处理（2021 年版为 3 行）。

## 为什么

“总计”由表头决定；（二）行的括注“区分处理的，只计这一情形，不计其他情形”说明各行互不重复，所以总计就是各明细行之和（invariants B-3）。（三）至（六）各组没有小计行；报告自己加的“合计”行不计入（见 GK206）。

## 示例

自然人列明细之和为 6，（七）总计填 5：报 `GK203`，位置在（七）总计单元格。

## 如何修正

把（七）总计改为明细之和，或找出填错的明细行。修复建议需要手动确认。
"#,
    fixable: false,
    check: |ctx: &Context, sink: &mut Sink| judge(ctx, sink, "GK203"),
};

pub static REVIEW_TOTAL: Rule = Rule {
    code: "GK204",
    name: "review-litigation-total",
    severity: Severity::Error,
    summary: "表三每组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
    docs: r#"## 检查什么

表三（行政复议、行政诉讼情况）的三组——行政复议、未经复议直接起诉、复议后起诉——每组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。

## 为什么

“总计”由表头决定（invariants C-1）。真实报告常见把总计填 0 而分项有数。

## 示例

```
| 10 | 1 | 0 | 0 | 0 | …
```

行政复议 10 + 1 + 0 + 0 = 11，总计填 0：报 `GK204`。

## 如何修正

把总计改为四项之和（安全修复）。
"#,
    fixable: true,
    check: |ctx: &Context, sink: &mut Sink| judge(ctx, sink, "GK204"),
};

pub static ACTIVE_LOGIC: Rule = Rule {
    code: "GK205",
    name: "active-disclosure-logic",
    severity: Severity::Warning,
    summary: "主动公开表内的逻辑关系（2019 年版）",
    docs: r#"## 检查什么

2019 年版表一（主动公开政府信息情况）内部的关系：对外公开总数量不小于本年新公开数量；上一年项目数量 + 本年增/减 不小于 0；政府集中采购的项目数量为 0 时金额也应为 0，金额大于 0 时项目数量应至少为 1。

## 为什么

“总数量”包含本年新公开的；项目数量不会是负数；没有采购项目就不会有采购金额（invariants A19-3、A19-5、A19-6）。

## 示例

规章：本年新公开 13，对外公开总数量 5：报 `GK205`。

## 如何修正

核对填错的单元格。
"#,
    fixable: false,
    check: |ctx: &Context, sink: &mut Sink| {
        let Some(active) = &ctx.report.active else {
            return;
        };
        for sub in &active.subs {
            let Some(def) = sub.def else { continue };
            let col = |key: &str| def.columns.iter().position(|c| c.key == key);
            for row in sub.rows.iter().filter(|r| r.def.is_some()) {
                let value = |i: Option<usize>| {
                    i.and_then(|i| row.cells.get(i))
                        .and_then(|c| c.number().map(|n| (n.value, c)))
                };
                if let (Some((published, _)), Some((total, cell))) =
                    (value(col("published")), value(col("in_force")))
                {
                    if def.item == 1
                        && def.columns.iter().any(|c| c.label == "对外公开总数量")
                        && total < published
                    {
                        sink.report(
                            cell.span.clone(),
                            format!(
                                "“{}”的对外公开总数量 {} 小于本年新公开数量 {}",
                                row.label, total, published
                            ),
                        );
                    }
                }
                if let (Some((last, _)), Some((change, cell))) =
                    (value(col("last_year")), value(col("change")))
                {
                    if last + change < 0.0 {
                        sink.report(
                            cell.span.clone(),
                            format!(
                                "“{}”的上一年项目数量 {} 加本年增/减 {} 小于 0",
                                row.label, last, change
                            ),
                        );
                    }
                }
                if let (Some((projects, pcell)), Some((amount, _))) =
                    (value(col("projects")), value(col("amount")))
                {
                    if projects == 0.0 && amount > 0.0 {
                        sink.report(
                            pcell.span.clone(),
                            format!("采购项目数量为 0，采购总金额却为 {amount}"),
                        );
                    } else if projects > 0.0 && amount == 0.0 {
                        sink.report(
                            pcell.span.clone(),
                            format!("采购项目数量为 {projects}，采购总金额却为 0"),
                        );
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
    docs: r#"## 检查什么

表二（三）至（六）各组在国家格式中没有小计行。报告自己加了“（三）不予公开”合计行并填了数时，它应等于该组各明细行之和。

## 为什么

格式中这些组名是合并单元格，数字只填在明细行上（invariants B-4）。这样的合计行不会在 GK203 中被重复计算。

## 示例

“（三）不予公开”一行填 5，而 1 至 8 行之和为 4：报 `GK206`。

## 如何修正

改正合计，或者删除这一非标准的合计行。
"#,
    fixable: false,
    check: |ctx: &Context, sink: &mut Sink| {
        let Some(table) = &ctx.report.applications else {
            return;
        };
        for row in table.rows.iter().filter(|r| r.subtotal_of.is_some()) {
            let Some(group) = row.subtotal_of else {
                continue;
            };
            let members: Vec<&Row> = table
                .rows
                .iter()
                .filter(|r| r.def.and_then(|d| d.group).is_some_and(|g| g.key == group))
                .collect();
            if members.is_empty() {
                continue;
            }
            for (c, cell) in row.cells.iter().enumerate().take(COLS) {
                let Some(v) = cell.count() else { continue };
                let Some(sum) = members
                    .iter()
                    .map(|m| m.cells.get(c).and_then(Cell::count))
                    .sum::<Option<i64>>()
                else {
                    continue;
                };
                if v != sum {
                    sink.report(
                        cell.span.clone(),
                        format!(
                            "“{}”的{}列合计应为 {}（本组 {} 行之和），实际填写 {}",
                            short_label(&row.label),
                            APPLICANT_COLUMNS[c].label,
                            sum,
                            members.len(),
                            v
                        ),
                    );
                }
            }
        }
    },
};

#[cfg(test)]
mod tests {
    use crate::check::{analyze, CheckOptions};

    const REPORT: &str = include_str!("../../tests/fixtures/lsp-2023.md");

    fn with(from: &str, to: &str) -> String {
        assert!(REPORT.contains(from), "{from}");
        REPORT.replacen(from, to, 1)
    }

    #[test]
    fn the_fixture_holds_and_every_relation_is_there() {
        let a = analyze(REPORT, &CheckOptions::default());
        assert!(a.findings.iter().all(|f| !f.code.starts_with("GK20")));
        // 25 row totals, 7 column totals twice (results, balance), 3 groups.
        assert_eq!(a.derived.relations.len(), 25 + 7 + 7 + 3);
        assert!(a
            .derived
            .relations
            .iter()
            .all(|r| r.complete() && !r.fails()));
    }

    #[test]
    fn a_wrong_row_total_gets_the_row_message_and_a_safe_fix() {
        let text = with(
            "| （一）予以公开 |  | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
            "| （一）予以公开 |  | 2 | 0 | 0 | 0 | 0 | 0 | 3 |",
        );
        let a = analyze(&text, &CheckOptions::default());
        let f = a
            .findings
            .iter()
            .find(|f| f.code == "GK201")
            .expect("GK201");
        assert_eq!(
            f.message,
            "“（一）予以公开”一行的总计应为 2（自然人 2 + 商业企业 0 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0），实际填写 3"
        );
        assert_eq!(
            f.safe_fix().map(|x| x.edits[0].new_text.as_str()),
            Some("2")
        );
    }

    #[test]
    fn out_of_range_terms_are_judged_without_a_fix_and_never_overflow() {
        // Beyond any count (GK309): no part in sums, the row is not judged.
        let huge = "9".repeat(30);
        let text = with(
            "| （一）予以公开 |  | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
            &format!("| （一）予以公开 |  | {huge} | {huge} | 0 | 0 | 0 | 0 | 2 |"),
        );
        let a = analyze(&text, &CheckOptions::default());
        let codes: Vec<&str> = a.findings.iter().map(|f| f.code).collect();
        assert!(!codes.contains(&"GK201"), "{codes:?}");
        assert_eq!(codes.iter().filter(|c| **c == "GK309").count(), 2);
        // Over MAX_COUNT but below that bound: judged, without a fix.
        let big = "5000000000";
        let text = with(
            "| （一）予以公开 |  | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
            &format!("| （一）予以公开 |  | {big} | {big} | 0 | 0 | 0 | 0 | 2 |"),
        );
        let a = analyze(&text, &CheckOptions::default());
        let f = a
            .findings
            .iter()
            .find(|f| f.code == "GK201")
            .expect("GK201");
        assert!(f.fixes.is_empty(), "{f:?}");
        let r = a
            .derived
            .relations
            .iter()
            .find(|r| r.def.rule == "GK201" && r.fails())
            .expect("fails");
        assert_eq!(r.expected(), 10_000_000_000);
        assert_eq!(r.fix_value(), None);
    }

    #[test]
    fn review_groups_are_read_by_group() {
        let text = with(
            "| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
            "| 0 | 0 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        );
        let a = analyze(&text, &CheckOptions::default());
        let f: Vec<&str> = a
            .findings
            .iter()
            .filter(|f| f.code == "GK204")
            .map(|f| f.message.as_str())
            .collect();
        assert_eq!(f, ["未经复议直接起诉的总计应为 2（结果维持 1 + 结果纠正 1 + 其他结果 0 + 尚未审结 0），实际填写 0"]);
    }
}
