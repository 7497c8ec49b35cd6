//! 1xx: the report's structure — sections, tables, rows, cells, format.

use super::{Context, Rule, Sink};
use crate::diagnostic::{Fix, Severity, Span};
use crate::format::{FormatId, RowDef, TableId, SECTIONS};
use crate::report::{FormatBasis, Report, Row};

/// Where a missing section belongs: the start of the next present section,
/// or the end of the text.
fn section_anchor(report: &Report, number: u8, text_len: usize) -> usize {
    report
        .sections
        .iter()
        .filter(|s| s.number > number)
        .map(|s| s.heading.start)
        .min()
        .unwrap_or(text_len)
}

fn is_markdown(report: &Report) -> bool {
    report.document.lines.iter().any(|l| {
        matches!(
            l.kind,
            crate::read::LineKind::Heading { .. } | crate::read::LineKind::Row { .. }
        )
    })
}

pub static MISSING_SECTION: Rule = Rule {
    code: "GK101",
    name: "missing-section",
    severity: Severity::Error,
    summary: "缺少六个必备部分之一",
    docs: r#"## 检查什么

年度报告应有六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。标题措辞可以有变化（如“五、政府信息公开工作存在的主要问题及改进情况”），按关键词识别。

## 为什么

《条例》第五十条第一款规定了年度报告的内容，30 号文要求“不能遗漏”（invariants S-1）。

## 示例

报告从“四、……”直接跳到“六、其他需要报告的事项”：报 `GK101`，位置在第六部分的标题处。

## 如何修正

补上这一部分。编辑器中的快速修复会插入标题和空白框架。
"#,
    fixable: false,
    check: |ctx: &Context, sink: &mut Sink| {
        let md = is_markdown(ctx.report);
        for def in &SECTIONS {
            if ctx.report.section(def.number).is_some() {
                continue;
            }
            let at = section_anchor(ctx.report, def.number, ctx.text.len());
            let heading = if md {
                format!("## {}\n\n", def.title)
            } else {
                format!("{}\n\n", def.title)
            };
            let needs_newline =
                at == ctx.text.len() && !ctx.text.ends_with('\n') && !ctx.text.is_empty();
            let insert = if needs_newline {
                format!("\n\n{heading}")
            } else {
                heading
            };
            sink.report(
                at..at,
                format!(
                    "缺少第{}部分“{}”",
                    "一二三四五六"
                        .chars()
                        .nth(def.number as usize - 1)
                        .unwrap_or('?'),
                    def.title
                ),
            )
            .with_fix(Fix::unsafe_(format!("插入“{}”", def.title), at..at, insert));
        }
    },
};

pub static SECTION_ORDER: Rule = Rule {
    code: "GK102",
    name: "section-order",
    severity: Severity::Warning,
    summary: "六个部分顺序不对，或某一部分重复出现",
    docs: r#"## 检查什么

六个部分应按一至六的顺序各出现一次。

## 为什么

统一格式便于公众查阅和横向比较（invariants S-1）。

## 示例

“五、存在的主要问题及改进情况”出现在“四、……”之前：报 `GK102`。

## 如何修正

调整各部分的顺序，合并重复的部分。
"#,
    fixable: false,
    check: |ctx: &Context, sink: &mut Sink| {
        let mut highest = 0u8;
        let mut seen = [false; 7];
        for s in &ctx.report.sections {
            let title = SECTIONS[s.number as usize - 1].title;
            if seen[s.number as usize] {
                sink.report(s.heading.clone(), format!("“{title}”这一部分重复出现"));
            } else if s.number < highest {
                sink.report(
                    s.heading.clone(),
                    format!(
                        "“{title}”应在第{}部分之前",
                        "一二三四五六"
                            .chars()
                            .nth(highest as usize - 1)
                            .unwrap_or('?')
                    ),
                );
            }
            seen[s.number as usize] = true;
            highest = highest.max(s.number);
        }
    },
};

pub static MISSING_TABLE: Rule = Rule {
    code: "GK103",
    name: "missing-table",
    severity: Severity::Error,
    summary: "部分中缺少必备的表格或小表",
    docs: r#"## 检查什么

第二部分应有主动公开情况表（2021 年版含第二十条第（一）（五）（六）（八）项四个小表，2019 年版另有第（九）项）；第三部分应有收到和处理申请情况表；第四部分应有行政复议、行政诉讼情况表。

## 为什么

表格是格式的核心内容（invariants S-6、S-7、S-8）。

## 示例

第四部分只写了“本年度未发生行政复议、行政诉讼”，没有表格：报 `GK103`。

## 如何修正

按格式补上表格（没有的填 0）。编辑器中可用补全插入整张表。
"#,
    fixable: false,
    check: |ctx: &Context, sink: &mut Sink| {
        let r = ctx.report;
        let named = |n: u8| SECTIONS[n as usize - 1].title;
        if let Some(s) = r.section(2) {
            match &r.active {
                None => {
                    sink.report(
                        s.heading.clone(),
                        format!("“{}”中没有主动公开情况表", named(2)),
                    );
                }
                Some(a) => {
                    let spec = r.format.spec();
                    for sub in spec.active {
                        if !a.subs.iter().any(|x| {
                            x.item == Some(sub.item) || x.def.is_some_and(|d| d.item == sub.item)
                        }) {
                            // An item-9 table in a 2021 report is GK106's, not a missing one here.
                            let at = a.span.end;
                            sink.report(at..at, format!("主动公开情况表缺少“{}”小表", sub.heading));
                        }
                    }
                }
            }
        }
        if let Some(s) = r.section(3) {
            if r.applications.is_none() {
                sink.report(
                    s.heading.clone(),
                    format!("“{}”中没有收到和处理政府信息公开申请情况表", named(3)),
                );
            }
        }
        if let Some(s) = r.section(4) {
            if r.review.is_none() {
                sink.report(
                    s.heading.clone(),
                    format!("“{}”中没有行政复议、行政诉讼情况表", named(4)),
                );
            }
        }
    },
};

/// Where a missing row goes: before the next present row of the table.
fn row_anchor(rows: &[Row], expected: &[RowDef], missing: usize, table_end: usize) -> usize {
    for def in &expected[missing + 1..] {
        if let Some(r) = rows
            .iter()
            .find(|r| r.def.is_some_and(|d| d.key == def.key))
        {
            return r.label_span.start;
        }
    }
    table_end
}

pub static MISSING_ROW: Rule = Rule {
    code: "GK104",
    name: "missing-row",
    severity: Severity::Error,
    summary: "表格缺少格式规定的行",
    docs: r#"## 检查什么

表格中缺少格式规定的行，例如表二“（四）无法提供”下的“2.没有现成信息需要另行制作”。

## 为什么

表二固定为 25 行（2019 年版 23 行）× 7 列（invariants S-7）；缺行会让勾稽关系无从核对。

## 示例

表二中没有“3.补正后申请内容仍不明确”一行：报 `GK104`，位置在下一行的行名处。

## 如何修正

补上这一行（没有的填 0）。
"#,
    fixable: false,
    check: |ctx: &Context, sink: &mut Sink| {
        let r = ctx.report;
        if let Some(b) = &r.applications {
            let layout = b.layout.unwrap_or(r.format);
            let expected = layout.spec().applications;
            for (i, def) in expected.iter().enumerate() {
                if b.rows
                    .iter()
                    .any(|row| row.def.is_some_and(|d| d.key == def.key))
                {
                    continue;
                }
                let at = row_anchor(&b.rows, expected, i, b.span.end);
                sink.report(
                    at..at,
                    format!("{}缺少“{}”一行", TableId::Applications.name(), def.label),
                );
            }
        }
        if let Some(a) = &r.active {
            for sub in &a.subs {
                let Some(def) = sub.def else { continue };
                for (i, rd) in def.rows.iter().enumerate() {
                    if sub
                        .rows
                        .iter()
                        .any(|row| row.def.is_some_and(|d| d.key == rd.key))
                    {
                        continue;
                    }
                    let end = sub.rows.last().map_or(sub.heading.end, |x| {
                        x.cells.last().map_or(x.label_span.end, |c| c.span.end)
                    });
                    let at = row_anchor(&sub.rows, def.rows, i, end);
                    sink.report(
                        at..at,
                        format!("“{}”小表缺少“{}”一行", def.heading, rd.label),
                    );
                }
            }
        }
    },
};

fn cell_count_message(label: &str, expected: usize, found: usize) -> String {
    let label: String = label.split_whitespace().collect();
    format!("“{label}”一行应有 {expected} 个数值单元格，实际 {found} 个")
}

pub static CELL_COUNT: Rule = Rule {
    code: "GK105",
    name: "cell-count",
    severity: Severity::Error,
    summary: "某一行的数值单元格比表格的列多或少",
    docs: r#"## 检查什么

一行的数值单元格个数与表格的列数不同：表二每行 7 个，表三 15 个，表一各小表按其列名。

## 为什么

少填或多填一格会让后面的数字错位，所有勾稽关系随之失真（invariants S-7、S-8）。

## 示例

“（一）予以公开”一行只有 6 个数字：报 `GK105`。

## 如何修正

补齐或删去多余的单元格，确认每个数字在正确的列下。
"#,
    fixable: false,
    check: |ctx: &Context, sink: &mut Sink| {
        let r = ctx.report;
        if let Some(b) = &r.applications {
            for row in &b.rows {
                if row.cells.len() != 7 {
                    sink.report(
                        row.label_span.clone(),
                        cell_count_message(&row.label, 7, row.cells.len()),
                    );
                }
            }
        }
        if let Some(a) = &r.active {
            for sub in &a.subs {
                let n = if sub.columns.is_empty() {
                    sub.def.map_or(0, |d| d.columns.len())
                } else {
                    sub.columns.len()
                };
                for (i, row) in sub.rows.iter().enumerate() {
                    // A standard row with no cells over local rows is their parent.
                    let parent = row.cells.is_empty()
                        && sub.rows.get(i + 1).is_some_and(|next| next.def.is_none());
                    if n > 0 && row.cells.len() != n && !parent {
                        sink.report(
                            row.label_span.clone(),
                            cell_count_message(&row.label, n, row.cells.len()),
                        );
                    }
                }
            }
        }
        if let Some(c) = &r.review {
            if c.cells.len() != 15 {
                let span = c.cells.first().map_or(c.span.clone(), |f| {
                    f.span.start..c.cells.last().map_or(f.span.end, |l| l.span.end)
                });
                sink.report(
                    span,
                    format!(
                        "行政复议、行政诉讼情况表应有 15 个数值单元格，实际 {} 个",
                        c.cells.len()
                    ),
                );
            }
        }
    },
};

const OLD_FORMAT_DOCS: &[&str] = &["国办公开办函〔2019〕60号", "格式（试行）"];

pub static WRONG_FORMAT: Rule = Rule {
    code: "GK106",
    name: "wrong-format",
    severity: Severity::Error,
    summary: "报告用错了年度对应的格式",
    docs: r#"## 检查什么

2019、2020 年度报告用国办公开办函〔2019〕60号的格式，2021 年度起用国办公开办函〔2021〕30号的格式。2021 年度以后的报告出现“上一年项目数量”“本年增/减”“本年新制作数量”“对外公开总数量”等旧列名、第二十条第（九）项小表，或表二只有一行“（六）其他处理”；或者相反；以及 2021 年度以后的报告仍引用 60 号文或“格式（试行）”（警告）。

## 为什么

30 号文修订了表一的列和表二（六）的行（invariants S-4、S-5、Y-3）。

## 示例

2023 年度报告的表二只有“（六）其他处理”一行：报 `GK106`。

## 如何修正

按该年度适用的格式重填表格；`gongkai new --year YYYY` 给出正确的框架。
"#,
    fixable: false,
    check: |ctx: &Context, sink: &mut Sink| {
        let r = ctx.report;
        if !matches!(r.format_basis, FormatBasis::Year | FormatBasis::Forced) {
            return;
        }
        let want = r.format;
        let year = r
            .year
            .as_ref()
            .map(|(y, _)| format!("{y} 年度报告"))
            .unwrap_or_else(|| "本报告".into());
        if let Some(a) = &r.active {
            for sub in &a.subs {
                let Some(layout) = sub.layout else { continue };
                if layout == want {
                    continue;
                }
                let span = if sub.item == Some(9) && want == FormatId::V2021 {
                    sub.heading.clone()
                } else {
                    sub.columns
                        .iter()
                        .map(|c| c.span.clone())
                        .next()
                        .unwrap_or(sub.heading.clone())
                };
                let heading = &ctx.text[sub.heading.clone()];
                sink.report(
                    span,
                    format!(
                        "{year}应使用{}的格式，“{heading}”小表却是{}的格式",
                        want.document(),
                        layout.document()
                    ),
                );
            }
        }
        if let Some(b) = &r.applications {
            if let Some(layout) = b.layout {
                if layout != want {
                    let row = b
                        .rows
                        .iter()
                        .find(|row| row.def.is_some_and(|d| d.key.starts_with('o')));
                    let span = row.map_or(b.span.start..b.span.start, |x| x.label_span.clone());
                    let what = match layout {
                        FormatId::V2019 => "“（六）其他处理”只有一行（2019 年版）",
                        FormatId::V2021 => "“（六）其他处理”拆成了三行（2021 年版）",
                    };
                    sink.report(
                        span,
                        format!(
                            "{year}应使用{}的格式，{}{what}",
                            want.document(),
                            TableId::Applications.name()
                        ),
                    );
                }
            }
        }
        if want == FormatId::V2021 {
            static DOCS: crate::text::Words = crate::text::Words::new(OLD_FORMAT_DOCS);
            for p in &r.prose {
                let line = &ctx.text[p.clone()];
                for (doc, i) in DOCS.found_in(line) {
                    let span: Span = p.start + i..p.start + i + doc.len();
                    sink.report_as(
                        Severity::Warning,
                        span,
                        format!("{year}应依据{}，不是“{doc}”", FormatId::V2021.document()),
                    );
                }
            }
        }
    },
};

pub static TITLE: Rule = Rule {
    code: "GK107",
    name: "title",
    severity: Severity::Warning,
    summary: "标题缺失，或没有写明机关名称和年度",
    docs: r#"## 检查什么

报告开头应有标题，写明机关名称和年度：“<机关名称>YYYY年政府信息公开工作年度报告”。

## 为什么

年度报告要能看出是谁、哪一年的报告（invariants Y-1）。

## 示例

“2025年度政府信息公开工作年度报告”没有机关名称：报 `GK107`。

## 如何修正

补全标题。
"#,
    fixable: false,
    check: |ctx: &Context, sink: &mut Sink| match &ctx.report.title {
        None => {
            let first = ctx
                .report
                .document
                .lines
                .iter()
                .find_map(|l| match &l.kind {
                    crate::read::LineKind::Text { content, .. }
                    | crate::read::LineKind::Heading { content, .. } => Some(content.clone()),
                    _ => None,
                });
            let span = first.unwrap_or(0..0);
            sink.report(
                span,
                "缺少标题：应写作“<机关名称>YYYY年政府信息公开工作年度报告”",
            );
        }
        Some(t) => {
            if t.year.is_none() {
                sink.report(t.span.clone(), "标题没有写明年度（YYYY年）");
            }
            if t.body.is_none() {
                sink.report(t.span.clone(), "标题没有写明机关名称");
            }
        }
    },
};

pub static EXTRA_ROW: Rule = Rule {
    code: "GK108",
    name: "extra-row",
    severity: Severity::Info,
    summary: "表格中有国家格式没有的行",
    docs: r#"## 检查什么

表格中出现了国家格式没有的行，例如在“其他对外管理服务事项”下加的“行政检查”“行政确认”。

## 为什么

地方可以增加行（invariants S-10），这不是错误；提示是为了让增加的行是有意的，且不被误算进合计。

## 示例

表一“行政检查 | 0 | 0 | 0”：报 `GK108`（提示）。

## 如何修正

如果是有意增加的，无需修改；可以用 `gongkai-ignore GK108` 静默。
"#,
    fixable: false,
    check: |ctx: &Context, sink: &mut Sink| {
        let r = ctx.report;
        for row in r.rows().filter(|r| r.def.is_none()) {
            let label: String = row.label.split_whitespace().collect();
            let msg = match (row.subtotal_of, row.parent) {
                (Some(_), _) => format!("“{label}”是报告自加的合计行，国家格式没有这一行"),
                (None, Some(p)) => format!(
                    "“{label}”是国家格式之外增加的行（在“{}”之下）",
                    parent_label(r, p)
                ),
                (None, None) => format!("“{label}”是国家格式之外增加的行"),
            };
            sink.report(row.label_span.clone(), msg);
        }
    },
};

fn parent_label(r: &Report, key: &str) -> &'static str {
    r.format
        .spec()
        .active
        .iter()
        .chain(FormatId::V2019.spec().active.iter())
        .flat_map(|s| s.rows.iter())
        .find(|d| d.key == key)
        .map_or("", |d| d.label)
}

pub static REQUIRED_CONTENT: Rule = Rule {
    code: "GK109",
    name: "required-content",
    severity: Severity::Warning,
    summary: "人民政府的年报没有报告工作考核、社会评议和责任追究结果",
    docs: r#"## 检查什么

各级人民政府（不是其部门）的年度报告，应报告政府信息公开工作考核、社会评议和责任追究结果情况。正文中找不到“考核”“评议”“责任追究”时给警告。

## 为什么

《条例》第五十条第一款第（四）项；30 号文在“总体情况”的说明中点名了这一项（invariants S-3）。

## 示例

“××县人民政府2023年政府信息公开工作年度报告”全文没有提到考核、评议或责任追究：报 `GK109`。

## 如何修正

在“一、总体情况”的监督保障部分写明考核、社会评议和责任追究的结果。
"#,
    fixable: false,
    check: |ctx: &Context, sink: &mut Sink| {
        let Some(t) = &ctx.report.title else { return };
        let Some(body) = &t.body else { return };
        let government = body.ends_with("人民政府");
        if !government {
            return;
        }
        if ["考核", "评议", "责任追究"]
            .iter()
            .any(|w| ctx.text.contains(w))
        {
            return;
        }
        sink.report(t.span.clone(), format!("“{body}”是人民政府，年度报告应写明政府信息公开工作考核、社会评议和责任追究结果（《条例》第五十条第一款第（四）项）"));
    },
};
