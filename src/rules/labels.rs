//! GK402, GK403: table labels and sub-table headings.

use super::{Context, Rule, Sink};
use crate::diagnostic::{Fix, Severity};
use crate::format::{labels, FormatId};
use crate::report::LabelMatch;

pub static UNKNOWN_LABEL: Rule = Rule {
    code: "GK402",
    name: "unknown-label",
    severity: Severity::Warning,
    summary: "行名与标准行名接近但不相同",
    docs: r#"## 检查什么

表格的行名不是标准写法，但与某个标准行名很接近（错字、漏字、简写），例如“2.其他法律行政止公开”。比较前会统一全角/半角、“1.”/“1、”、引号和换行。已知的旧写法（如 2021 年版中的“规范性文件”）只给提示。

## 为什么

标准行名来自国家格式（invariants S-7）；行名不规范会让读者和汇总程序对不上行。

## 示例

“2.其他法律行政止公开”→ 报 `GK402`，建议改为“2.其他法律行政法规禁止公开”。

## 如何修正

改为标准行名（安全修复）。
"#,
    fixable: true,
    check: |ctx: &Context, sink: &mut Sink| {
        let r = ctx.report;
        for row in r.rows() {
            let Some(def) = row.def else { continue };
            if matches!(row.label_match, LabelMatch::Exact) {
                continue;
            }
            let written: String = row.label.split_whitespace().collect();
            // Keep a group label written in the same cell; replace the rest.
            let norm = labels::normalize(&row.label);
            let standard = if def.note.is_some() && norm.contains('(') {
                def.full_label()
            } else {
                def.label.to_owned()
            };
            let prefix_len = def.group.map_or(0, |g| {
                let g_norm = labels::normalized(g.label);
                if norm.starts_with(g_norm) {
                    group_prefix_bytes(&row.label, g_norm.chars().count())
                } else {
                    0
                }
            });
            let span = row.label_span.start + prefix_len..row.label_span.end;
            match row.label_match {
                LabelMatch::Exact => {}
                LabelMatch::Alias => {
                    sink.report_as(
                        Severity::Info,
                        span.clone(),
                        format!("“{written}”是非标准写法，标准行名为“{standard}”"),
                    )
                    .with_fix(Fix::safe(
                        format!("改为“{standard}”"),
                        span,
                        standard,
                    ));
                }
                LabelMatch::Near => {
                    sink.report(
                        span.clone(),
                        format!("行名“{written}”不标准，应为“{standard}”"),
                    )
                    .with_fix(Fix::safe(
                        format!("改为“{standard}”"),
                        span,
                        standard,
                    ));
                }
            }
        }
    },
};

/// Byte length of the first `chars` non-whitespace characters of `s`
/// (plus the whitespace among them): where a group label ends inside a cell.
fn group_prefix_bytes(s: &str, chars: usize) -> usize {
    let mut seen = 0;
    for (i, c) in s.char_indices() {
        if seen == chars {
            return i + s[i..].len() - s[i..].trim_start().len();
        }
        if !c.is_whitespace() {
            seen += 1;
        }
    }
    s.len()
}

pub static WRONG_ITEM_HEADING: Rule = Rule {
    code: "GK403",
    name: "wrong-item-heading",
    severity: Severity::Error,
    summary: "主动公开小表的标题引用了错误的第二十条的项",
    docs: r#"## 检查什么

表一各小表的标题应与内容对应：规章和规范性文件在第二十条第（一）项，行政许可在第（五）项，行政处罚和行政强制在第（六）项，行政事业性收费在第（八）项，政府集中采购在第（九）项。标题只能引用这几项。

## 为什么

小表标题引用的是《条例》第二十条规定主动公开的具体项（invariants L-5）。

## 示例

“第二十条第（六）项”下面是“行政许可”：报 `GK403`，应为第（五）项。

## 如何修正

改正标题中的项号（安全修复）。
"#,
    fixable: true,
    check: |ctx: &Context, sink: &mut Sink| {
        let Some(a) = &ctx.report.active else { return };
        for sub in &a.subs {
            let Some(cited) = sub.item else { continue };
            // The item the rows belong to.
            let key = sub.rows.iter().find_map(|r| r.key());
            let actual = key.and_then(|k| {
                [FormatId::V2019, FormatId::V2021]
                    .iter()
                    .flat_map(|f| f.spec().active.iter())
                    .find(|s| s.rows.iter().any(|r| r.key == k))
                    .map(|s| (s.item, s.heading))
            });
            let heading = &ctx.text[sub.heading.clone()];
            match actual {
                Some((item, standard)) if item != cited => {
                    let first = sub
                        .rows
                        .iter()
                        .find(|r| r.def.is_some())
                        .map_or(String::new(), |r| r.label.clone());
                    sink.report(
                        sub.heading.clone(),
                        format!(
                            "“{first}”属于第二十条第（{}）项，标题却是“{heading}”",
                            crate::law::numerals::to_chinese(u32::from(item))
                        ),
                    )
                    .with_fix(Fix::safe(
                        format!("改为“{standard}”"),
                        sub.heading.clone(),
                        standard,
                    ));
                }
                None if ![1, 5, 6, 8, 9].contains(&cited) => {
                    sink.report(sub.heading.clone(), format!("主动公开情况表只有第二十条第（一）（五）（六）（八）项（2019 年版另有第（九）项）的小表，没有“{heading}”"));
                }
                _ => {}
            }
        }
    },
};
