//! 5xx: the text agrees with the tables and the calendar: GK501 (numbers in
//! the prose against the tables) and GK503 (the publication deadline).
//!
//! The claims themselves are found in [`crate::narrative`], which the editor
//! also uses to show on hover which cells a number was tied to.

use super::{Context, Rule, Sink};
use crate::diagnostic::{Fix, Severity};
use crate::narrative::{self, Claim, ClaimKind, ColSel, Implied, Quantity, RowSel, Status};

pub static NARRATIVE_MISMATCH: Rule = Rule {
    code: "GK501",
    name: "narrative-mismatch",
    severity: Severity::Error,
    summary: "正文中陈述的数字与表格不一致",
    docs: NARRATIVE_DOCS,
    fixable: false,
    check: check_narrative,
};

const NARRATIVE_DOCS: &str = r#"## 检查什么

正文（多在“一、总体情况”）复述表格数字的地方：收到、受理、答复、办结的申请件数，上年结转、结转下年度的件数，予以公开、部分公开、不予公开、无法提供、不予处理、其他处理的件数及其百分比，行政复议、行政诉讼的件数和结果；以及不带数字的说法，如“均获维持”“未发生行政复议、行政诉讼”“所有申请均已办理完成”。每个数字与它所说的表格单元格（表二、表三）比较，不一致时在正文的数字上报告，并写明单元格和表中的值。

“收到/受理 N 件”既可以指“一、本年新收”，也可以指“一”与“二、上年结转”之和，两种都算一致；表中“总计”列空着时按各申请人列之和计算。百分比按正文所用的小数位数，四舍五入、截断或进位后相等都算一致。说不清对应哪个单元格的数字（如“网上受理 N 件”“相关案件 N 件”、与上年比较的数字）不检查。

## 为什么

正文与表格是同一份统计，应当一致（invariants.md B-7、C-3）。第三方评估和官方通报多次指出年报“数据失准”，最常见的就是正文与表格各写各的：上海市人民政府办公厅2019 年报正文称“予以公开及部分公开258件”，表中（一）+（二）为 275；称复议、诉讼“均获维持”，表中却有尚未审结的案件。

## 示例

```text
2023年，共受理政府信息公开申请6件……
| 一、本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 7 |
```

报告：正文称“受理政府信息公开申请6件”，但表二“一、本年新收政府信息公开申请数量”的总计为 7。

## 如何修正

先核对哪一边是对的。快速修复提供两个方向（都不是安全修复）：把正文的数字改成表中的值（推荐），或把表中的单元格改成正文的值（只在数字对应单个单元格时提供；改表后还要重新核对表内的勾稽关系）。
"#;

fn check_narrative(ctx: &Context, sink: &mut Sink) {
    let report = ctx.report;
    for claim in ctx.claims() {
        if claim.status != Status::Contradicted {
            continue;
        }
        let Some(table) = claim.table_value else {
            continue;
        };
        match &claim.kind {
            ClaimKind::Count(n) => {
                let description = claim.description(report);
                let extra = other_readings(claim, ctx, table);
                let msg = format!(
                    "正文称“{}”，但{}为 {}{}",
                    claim.quote, description, table, extra
                );
                let f = sink.report(claim.span.clone(), msg);
                f.with_fix(Fix::unsafe_(
                    format!("将正文中的 {n} 改为表中的 {table}"),
                    claim.span.clone(),
                    table.to_string(),
                ));
                if let Some(cell) = claim.quantities[0]
                    .single_cell(report)
                    .filter(|c| ctx.text[c.clone()].trim() != n.to_string())
                {
                    f.with_fix(Fix::unsafe_(
                        format!("将{}改为正文中的 {n}", description),
                        cell,
                        n.to_string(),
                    ));
                }
            }
            ClaimKind::Share {
                percent,
                decimals,
                count,
                expected: Some((d, p)),
            } => {
                let d_places = *decimals as usize;
                let msg = format!(
                    "正文称“{}”，但按表中数字 {count} ÷ {d} 计算为 {p:.2}%（正文为 {percent:.d_places$}%）",
                    claim.quote
                );
                let rounded = format!("{:.*}", d_places, p);
                sink.report(claim.span.clone(), msg).with_fix(Fix::unsafe_(
                    format!("将百分比改为 {rounded}%"),
                    number_part(ctx.text, &claim.span),
                    rounded,
                ));
            }
            ClaimKind::Share { .. } => {}
            ClaimKind::Implied { value, what } => {
                let description = claim.description(report);
                let msg = match what {
                    Implied::AllMaintained => {
                        let pending = match &claim.quantities[0] {
                            Quantity::Review { groups, .. } => Quantity::Review {
                                groups: *groups,
                                col: 3,
                            }
                            .read(report)
                            .map(|r| r.primary)
                            .filter(|p| *p > 0)
                            .map(|p| format!("，尚未审结 {p} 件"))
                            .unwrap_or_default(),
                            _ => String::new(),
                        };
                        format!(
                            "正文称{}（即 {value} 件全部维持），但{}为 {table}{pending}",
                            claim.quote, description
                        )
                    }
                    Implied::Zero => {
                        // The 总计 cell may say 0 while the columns do not.
                        let primary = claim.quantities[0].read(report).map(|r| r.primary);
                        match primary {
                            Some(p) if p != table => format!(
                                "正文称“{}”（即为 0），但{}填写 {p}，各申请人列之和为 {table}",
                                claim.quote, description
                            ),
                            _ => format!(
                                "正文称“{}”（即为 0），但{}为 {table}",
                                claim.quote, description
                            ),
                        }
                    }
                };
                let f = sink.report(claim.span.clone(), msg);
                if let Some(cell) = claim.quantities[0]
                    .single_cell(report)
                    .filter(|c| ctx.text[c.clone()].trim() != value.to_string())
                {
                    f.with_fix(Fix::unsafe_(
                        format!("将{}改为 {value}", description),
                        cell,
                        value.to_string(),
                    ));
                }
            }
        }
    }
}

/// Other ways the table could be read, for the message: the applicant
/// columns' sum where the 总计 says otherwise; 一 + 二 for 收到/受理.
fn other_readings(claim: &Claim, ctx: &Context, table: i64) -> String {
    let mut parts = Vec::new();
    if let Some(r) = claim.quantities[0].read(ctx.report) {
        if let Some(v) = r.values.iter().find(|v| **v != table) {
            parts.push(format!("各申请人列之和为 {v}"));
        }
    }
    if let Some(q) = claim.quantities.get(1) {
        if let (Quantity::Applications { rows, col }, Some(r)) = (q, q.read(ctx.report)) {
            if rows.contains(&RowSel::Key("carried")) && r.primary != table {
                let what = if *col == ColSel::Total {
                    "加上年结转为"
                } else {
                    "该列加上年结转为"
                };
                parts.push(format!("{what} {}", r.primary));
            }
        }
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("（{}）", parts.join("，"))
    }
}

/// The digits of "33.9%" without the sign.
fn number_part(text: &str, span: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let s = &text[span.clone()];
    let trimmed = s.trim_end_matches(['%', '％', ' ']);
    span.start..span.start + trimmed.len()
}

pub static LATE_PUBLICATION: Rule = Rule {
    code: "GK503",
    name: "late-publication",
    severity: Severity::Warning,
    summary: "发布日期晚于《条例》第四十九条规定的期限",
    docs: LATE_DOCS,
    fixable: false,
    check: check_late,
};

const LATE_DOCS: &str = r#"## 检查什么

报告中的发布日期（“发布日期：2020-01-31”、标题下或文末单独一行的落款日期）是否晚于《条例》第四十九条规定的期限：县级以上人民政府部门（局、委、办、厅等）应在次年 1 月 31 日前公布上一年度的年度报告；县级以上地方人民政府的年度报告由其政府信息公开工作主管部门在次年 3 月 31 日前公布。机关类型从标题中的机关名称判断，判断不了时按较宽的 3 月 31 日计算。

## 为什么

《条例》第四十九条：“县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度政府信息公开工作年度报告并向社会公布。县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级政府上一年度政府信息公开工作年度报告。”发布不及时是第三方评估年年指出的问题（invariants.md Y-2）。

## 示例

```text
某市生态环境局2023年政府信息公开工作年度报告
发布日期：2024-02-20
```

报告：发布日期 2024年2月20日 晚于 2024年1月31日。

## 如何修正

按期发布；若日期是笔误，改正日期。
"#;

/// Which deadline of 第四十九条 applies to a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyKind {
    /// 人民政府: by 3月31日.
    Government,
    /// 部门 (局、委、办 …): by 1月31日.
    Department,
    Unknown,
}

fn body_kind(name: &str) -> BodyKind {
    let name = name.trim();
    for suffix in ["人民政府", "政府", "管委会", "管理委员会"] {
        if name.ends_with(suffix) {
            return BodyKind::Government;
        }
    }
    for suffix in [
        "办公室",
        "办公厅",
        "局",
        "委",
        "委员会",
        "厅",
        "办",
        "署",
        "部",
    ] {
        if name.ends_with(suffix) {
            return BodyKind::Department;
        }
    }
    BodyKind::Unknown
}

fn check_late(ctx: &Context, sink: &mut Sink) {
    let report = ctx.report;
    let Some((year, _)) = report.year else { return };
    let kind = report
        .title
        .as_ref()
        .and_then(|t| t.body.as_deref())
        .map_or(BodyKind::Unknown, body_kind);
    let (month, who) = match kind {
        BodyKind::Department => (1u8, "人民政府部门"),
        BodyKind::Government | BodyKind::Unknown => (3u8, "地方人民政府"),
    };
    // Both deadlines fall on the 31st.
    let due = (year as u32 + 1, month as u32, 31u32);
    for d in narrative::publication_dates(ctx.text, report) {
        let date = (d.year as u32, d.month as u32, d.day as u32);
        if date.0 <= year as u32 || date <= due {
            continue;
        }
        sink.report(
            d.span.clone(),
            format!(
                "发布日期 {}年{}月{}日 晚于《条例》第四十九条规定的期限：{who}应在 {}年{}月{}日前公布{}年度的年度报告",
                d.year, d.month, d.day, due.0, due.1, due.2, year
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies() {
        assert_eq!(body_kind("淮安市人民政府"), BodyKind::Government);
        assert_eq!(body_kind("上海市人民政府办公厅"), BodyKind::Department);
        assert_eq!(body_kind("沭阳县发展和改革局"), BodyKind::Department);
        assert_eq!(body_kind("上海市科委"), BodyKind::Department);
        assert_eq!(body_kind("官洲街道办事处"), BodyKind::Unknown);
        assert_eq!(body_kind("宿迁市"), BodyKind::Unknown);
    }
}
