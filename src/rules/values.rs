//! 3xx: values and amounts in table cells.

use super::{Context, Rule, Sink};
use crate::diagnostic::{Fix, Severity};
use crate::format::CellKind;
use crate::report::cell::chinese_numeral;
use crate::report::{CellValue, ValueCell};

/// “row” or “row”的“column”, the row label without its white space. Built
/// by hand: thousands of findings in a folder each start with it.
fn place(v: &ValueCell) -> String {
    let mut out = String::with_capacity(v.row.len() + v.column.len() + 16);
    out.push('“');
    if v.row.bytes().any(crate::text::may_start_whitespace) {
        v.row.split_whitespace().for_each(|w| out.push_str(w));
    } else {
        out.push_str(v.row);
    }
    out.push('”');
    if !v.column.is_empty() {
        out.push_str("的“");
        out.push_str(v.column);
        out.push('”');
    }
    out
}

fn each(ctx: &Context, mut f: impl FnMut(&ValueCell)) {
    for v in ctx.value_cells() {
        f(v);
    }
}

pub static NOT_A_NUMBER: Rule = Rule {
    code: "GK301",
    name: "not-a-number",
    severity: Severity::Error,
    summary: "数字单元格中填的不是数字",
    docs: r#"## 检查什么

件数或金额单元格中的内容不是数字，例如“六”、“约5”、“1.2.3”。占位符“无”“/”“-”“—”归 GK305。

## 为什么

表中数字都要参与勾稽计算（invariants B-5、N-1）；不是数字的内容无法计算，相关的合计检查会跳过这一单元格。

## 示例

`| 1.属于国家秘密 | 六 | 0 | …` → 报 `GK301`，并提示应写作 6。

## 如何修正

改写为阿拉伯数字。汉字数字（如“六”“十二件”）提供修复建议。
"#,
    fixable: false,
    check: |ctx: &Context, sink: &mut Sink| {
        each(ctx, |v| {
            let CellValue::Text(raw) = &v.cell.value else {
                return;
            };
            match chinese_numeral(raw) {
                Some(n) => {
                    sink.report(
                        v.cell.span.clone(),
                        format!("{}填写了“{raw}”，应写作阿拉伯数字 {n}", place(v)),
                    )
                    .with_fix(Fix::unsafe_(
                        format!("改为 {n}"),
                        v.cell.span.clone(),
                        n.to_string(),
                    ));
                }
                None => {
                    sink.report(
                        v.cell.span.clone(),
                        format!("{}填写了“{raw}”，不是数字", place(v)),
                    );
                }
            }
        })
    },
};

pub static FULLWIDTH_DIGITS: Rule = Rule {
    code: "GK302",
    name: "fullwidth-digits",
    severity: Severity::Warning,
    summary: "数字使用了全角字符",
    docs: r#"## 检查什么

数字、正负号或小数点使用了全角形式（１２、＋、－、．）。

## 为什么

全角数字在网页和数据汇总中常被当作文字处理（invariants N-1）。

## 示例

`| （一）予以公开 | １２ | …` → 报 `GK302`。

## 如何修正

改为半角数字（安全修复）。
"#,
    fixable: true,
    check: |ctx: &Context, sink: &mut Sink| {
        each(ctx, |v| {
            let CellValue::Number(n) = &v.cell.value else {
                return;
            };
            if !n.fullwidth {
                return;
            }
            let raw = &ctx.text[v.cell.span.clone()];
            let fixed: String = raw
                .chars()
                .map(|c| match c {
                    '０'..='９' | '＋' | '－' | '．' => {
                        char::from_u32(c as u32 - 0xfee0).unwrap_or(c)
                    }
                    _ => c,
                })
                .collect();
            sink.report(
                v.cell.span.clone(),
                format!("{}的“{raw}”使用了全角字符，应写作 {fixed}", place(v)),
            )
            .with_fix(Fix::safe(
                format!("改为半角 {fixed}"),
                v.cell.span.clone(),
                fixed,
            ));
        })
    },
};

pub static AMOUNT_FORMAT: Rule = Rule {
    code: "GK303",
    name: "amount-format",
    severity: Severity::Warning,
    summary: "金额的单位或小数位数与列名不符",
    docs: r#"## 检查什么

金额单元格（2021 年版“本年收费金额（单位：万元）”，2019 年版“采购总金额”）的单位或小数位数与列名不符：列名写万元而单元格写“元”（或相反）；列名写“保留四位小数”而数字的小数位数不同；列名和单元格都没有写单位。

## 为什么

列名中的“单位：万元”是格式的一部分（invariants A21-2、A19-7、N-2）；同一列按元和按万元填写，数字相差一万倍。

## 示例

列名“本年收费金额（单位：万元）”，单元格“251000元”→ 报 `GK303`。

## 如何修正

换算成列名要求的单位，或在列名中写明单位。
"#,
    fixable: false,
    check: |ctx: &Context, sink: &mut Sink| {
        each(ctx, |v| {
            if v.kind != CellKind::Amount {
                return;
            }
            let CellValue::Number(n) = &v.cell.value else {
                return;
            };
            let header_unit = v.header.and_then(|h| h.unit);
            match (header_unit, n.unit) {
                (Some(h), Some(c)) if h != c => {
                    sink.report(
                        v.cell.span.clone(),
                        format!(
                            "{}的列名要求以“{h}”为单位，单元格却写“{}”",
                            place(v),
                            &ctx.text[v.cell.span.clone()]
                        ),
                    );
                    return;
                }
                (None, None) => {
                    sink.report(
                        v.cell.span.clone(),
                        format!(
                            "{}是金额，但列名和单元格都没有写明单位（元或万元）",
                            place(v)
                        ),
                    );
                    return;
                }
                _ => {}
            }
            if let Some(d) = v.header.and_then(|h| h.decimals) {
                if n.decimals != d && n.value != 0.0 {
                    sink.report(
                        v.cell.span.clone(),
                        format!(
                            "{}的列名要求保留 {d} 位小数，“{}”有 {} 位",
                            place(v),
                            n.ascii(),
                            n.decimals
                        ),
                    );
                }
            }
        })
    },
};

pub static NEGATIVE_COUNT: Rule = Rule {
    code: "GK304",
    name: "negative-count",
    severity: Severity::Error,
    summary: "件数或金额不能为负数",
    docs: r#"## 检查什么

件数、数量和金额为负数。只有 2019 年版的“本年增/减”可以为负。

## 为什么

件数不会小于 0（invariants N-3）。

## 示例

`| 2.重复申请 | -1 | …` → 报 `GK304`。

## 如何修正

填写实际的件数；减少量只在“本年增/减”列用负数表示。
"#,
    fixable: false,
    check: |ctx: &Context, sink: &mut Sink| {
        each(ctx, |v| {
            let CellValue::Number(n) = &v.cell.value else {
                return;
            };
            if v.kind != CellKind::Signed && n.value < 0.0 {
                sink.report(
                    v.cell.span.clone(),
                    format!(
                        "{}填写了负数 {}，这里只能是不小于 0 的数",
                        place(v),
                        n.ascii()
                    ),
                );
            }
        })
    },
};

pub static EMPTY_CELL: Rule = Rule {
    code: "GK305",
    name: "empty-cell",
    severity: Severity::Warning,
    summary: "应填数字的单元格为空或填了占位符",
    docs: r#"## 检查什么

应填数字的单元格是空的，或填了“无”“/”“-”“—”等占位符。计算时按 0 处理。

## 为什么

格式要求每个单元格都填数字，没有就填 0（invariants B-5、C-2）；空白让读者无法分辨“没有”与“漏填”。

## 示例

`| 2.重复申请 |  | 0 | …` → 报 `GK305`。

## 如何修正

填写 0（安全修复）。
"#,
    fixable: true,
    check: |ctx: &Context, sink: &mut Sink| {
        each(ctx, |v| {
            let msg = match &v.cell.value {
                CellValue::Blank => format!("{}为空，应填写数字（没有就填 0）", place(v)),
                CellValue::Placeholder(p) => {
                    format!("{}填写了“{p}”，应填写数字（没有就填 0）", place(v))
                }
                _ => return,
            };
            sink.report(v.cell.span.clone(), msg).with_fix(Fix::safe(
                "填写 0",
                v.cell.span.clone(),
                "0",
            ));
        })
    },
};

pub static NON_INTEGER_COUNT: Rule = Rule {
    code: "GK306",
    name: "non-integer-count",
    severity: Severity::Error,
    summary: "件数单元格中出现了小数",
    docs: r#"## 检查什么

件数、项目数量等计数单元格中出现了小数。

## 为什么

件数只能是整数（invariants N-1）；小数通常是把金额或百分比填错了位置。

## 示例

`| （一）予以公开 | 2.5 | …` → 报 `GK306`。

## 如何修正

填写整数件数。
"#,
    fixable: false,
    check: |ctx: &Context, sink: &mut Sink| {
        each(ctx, |v| {
            let CellValue::Number(n) = &v.cell.value else {
                return;
            };
            if v.kind != CellKind::Amount && n.plausible() && n.integer().is_none() {
                sink.report(
                    v.cell.span.clone(),
                    format!("{}是件数，不能是小数 {}", place(v), n.ascii()),
                );
            }
        })
    },
};

pub static THOUSANDS_SEPARATOR: Rule = Rule {
    code: "GK307",
    name: "thousands-separator",
    severity: Severity::Warning,
    summary: "数字中使用了千分位分隔符",
    docs: r#"## 检查什么

数字中有千分位分隔符（1,234 或 1，234）。

## 为什么

表中其他数字都不分组，分隔符在汇总时会被当作文字（invariants N-1）。

## 示例

`| 行政处罚 | 3,985,758 |` → 报 `GK307`。

## 如何修正

去掉分隔符（安全修复）。
"#,
    fixable: true,
    check: |ctx: &Context, sink: &mut Sink| {
        each(ctx, |v| {
            let CellValue::Number(n) = &v.cell.value else {
                return;
            };
            if !n.grouped {
                return;
            }
            let raw = &ctx.text[v.cell.span.clone()];
            let fixed: String = raw.chars().filter(|&c| c != ',' && c != '，').collect();
            sink.report(
                v.cell.span.clone(),
                format!("{}的“{raw}”使用了千分位分隔符", place(v)),
            )
            .with_fix(Fix::safe(
                format!("改为 {fixed}"),
                v.cell.span.clone(),
                fixed,
            ));
        })
    },
};

pub static UNIT_IN_CELL: Rule = Rule {
    code: "GK308",
    name: "unit-in-cell",
    severity: Severity::Info,
    summary: "计数单元格中写了单位",
    docs: r#"## 检查什么

计数单元格中带了单位，例如“5件”。

## 为什么

单位已由列名决定，单元格里只需要数字（invariants N-1）。

## 示例

`| 2.重复申请 | 5件 |` → 报 `GK308`。

## 如何修正

只保留数字（安全修复）。
"#,
    fixable: true,
    check: |ctx: &Context, sink: &mut Sink| {
        each(ctx, |v| {
            let CellValue::Number(n) = &v.cell.value else {
                return;
            };
            let Some(unit) = n.unit else { return };
            if v.kind == CellKind::Amount {
                return;
            }
            let raw = &ctx.text[v.cell.span.clone()];
            let fixed = raw.trim_end_matches(unit).trim_end().to_owned();
            sink.report(
                v.cell.span.clone(),
                format!("{}写了单位“{unit}”，单元格里只需要数字", place(v)),
            )
            .with_fix(Fix::safe(
                format!("改为 {fixed}"),
                v.cell.span.clone(),
                fixed,
            ));
        })
    },
};

pub static IMPLAUSIBLE_NUMBER: Rule = Rule {
    code: "GK309",
    name: "implausible-number",
    severity: Severity::Error,
    summary: "数字大得不可能是实际的件数或金额",
    docs: r#"## 检查什么

单元格中的数字绝对值达到或超过一万亿（10^12），例如误输入的“99999999999999999999”。

## 为什么

没有哪个机关一年的件数或金额能达到一万亿（这是世界人口的一百多倍，也超过任何机关一年的收费或采购金额），这样的数字只能是输入错误。它不参与任何合计计算：所在的行和列不做勾稽检查，也不提供自动修复，以免按错误的数字“修正”总计。

## 示例

`| 1.属于国家秘密 | 99999999999999999999 | …` → 报 `GK309`。

## 如何修正

填写实际的数字。
"#,
    fixable: false,
    check: |ctx: &Context, sink: &mut Sink| {
        each(ctx, |v| {
            // The bound is `report::cell::MAX_PLAUSIBLE`.
            let CellValue::Number(n) = &v.cell.value else {
                return;
            };
            if !n.plausible() {
                let raw = &ctx.text[v.cell.span.clone()];
                sink.report(v.cell.span.clone(), format!("{}填写了“{raw}”，达到一万亿以上，不可能是实际的件数或金额；它不参与合计计算", place(v)));
            }
        })
    },
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Cell;

    #[test]
    fn place_drops_every_kind_of_white_space_from_the_row() {
        let cell = Cell {
            span: 0..0,
            value: CellValue::Blank,
        };
        let at = |row, column| {
            place(&ValueCell {
                cell: &cell,
                kind: CellKind::Count,
                header: None,
                row,
                column,
            })
        };
        assert_eq!(at("（三）不予公开", ""), "“（三）不予公开”");
        assert_eq!(
            at("1. 属于\u{3000}国家秘密\t", "自然人"),
            "“1.属于国家秘密”的“自然人”"
        );
        assert_eq!(at("其他\u{a0}处理", ""), "“其他处理”");
        assert_eq!(at("政府信息公开、行政复议", ""), "“政府信息公开、行政复议”");
    }
}
