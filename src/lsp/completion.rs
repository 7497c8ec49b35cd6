//! Completion: the standard labels of the table the cursor is in (those not
//! yet present first), column headers, section headings in order, 第二十条
//! item headings, 条例 citations after 第…条, a snippet for each table and a
//! whole report skeleton.

use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, InsertTextFormat,
    MarkupContent, MarkupKind, Position, Range, TextEdit,
};

use crate::format::{
    FormatId, TableId, APPLICANT_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS, SECTIONS,
};
use crate::report::Report;

use super::document::Snapshot;
use super::hover::place_at;
use super::labels::Place;
use super::law_bridge;
use super::position::Encoding;
use super::skeleton;

pub fn completion(snap: &Snapshot, encoding: Encoding, pos: Position) -> Vec<CompletionItem> {
    let m = snap.mapper(encoding);
    let offset = m.offset(pos);
    let line = snap.index.line_of(offset);
    let line_span = snap.index.line_span(&snap.text, line);
    let prefix = snap.text.get(line_span.start..offset).unwrap_or("");
    let word_start = line_span.start + cell_start(prefix);
    let range = Range::new(m.position(word_start), pos);
    let blank_doc = snap.text.trim().is_empty();
    if !snap.is_report && !blank_doc {
        return Vec::new();
    }
    if let Some(items) = citations(prefix, line_span.start, &m, pos) {
        return items;
    }
    let mut c = Collector {
        items: Vec::new(),
        range,
    };
    let year = snap
        .report()
        .year
        .as_ref()
        .map(|(y, _)| *y)
        .unwrap_or_else(last_year);
    let format = if snap.report().year.is_some() || !blank_doc {
        snap.report().format
    } else {
        FormatId::for_year(year)
    };
    if !blank_doc {
        labels_for(&mut c, snap.report(), format, offset);
    }
    snippets(&mut c, year, format);
    c.items
}

/// Where the cell (or line's text) being typed starts, in `prefix`.
fn cell_start(prefix: &str) -> usize {
    let after_pipe = prefix.rfind('|').map_or(0, |i| i + 1);
    let rest = &prefix[after_pipe..];
    let skip = rest.len()
        - rest
            .trim_start_matches(|c: char| c.is_whitespace() || c == '#' || c == '\u{3000}')
            .len();
    after_pipe + skip
}

struct Collector {
    items: Vec<CompletionItem>,
    range: Range,
}

impl Collector {
    fn push(&mut self, label: &str, kind: CompletionItemKind, sort: String, detail: String) {
        self.items.push(CompletionItem {
            label: label.to_string(),
            kind: Some(kind),
            detail: Some(detail),
            sort_text: Some(sort),
            filter_text: Some(label.to_string()),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                self.range,
                label.to_string(),
            ))),
            ..Default::default()
        });
    }

    fn snippet(&mut self, label: &str, detail: &str, body: String, sort: String) {
        let escaped = body
            .replace('\\', "\\\\")
            .replace('$', "\\$")
            .replace('}', "\\}");
        self.items.push(CompletionItem {
            label: label.to_string(),
            kind: Some(CompletionItemKind::SNIPPET),
            detail: Some(detail.to_string()),
            sort_text: Some(sort),
            filter_text: Some(label.to_string()),
            documentation: Some(Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value: format!("```markdown\n{body}```"),
            })),
            insert_text_format: Some(InsertTextFormat::SNIPPET),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                self.range,
                format!("{escaped}$0"),
            ))),
            ..Default::default()
        });
    }
}

/// The standard labels of the table around `offset`, then section headings.
fn labels_for(c: &mut Collector, report: &Report, format: FormatId, offset: usize) {
    let spec = format.spec();
    let place = place_at(report, offset);
    match place {
        Some(Place::Applications) => {
            let present: Vec<&str> = report
                .applications
                .iter()
                .flat_map(|b| b.rows.iter().filter_map(|r| r.key()))
                .collect();
            let before = report
                .applications
                .iter()
                .flat_map(|b| b.rows.iter())
                .filter(|r| r.label_span.start < offset)
                .filter_map(|r| r.key())
                .filter_map(|k| spec.applications.iter().position(|d| d.key == k))
                .max();
            let mut preselected = false;
            for (i, r) in spec.applications.iter().enumerate() {
                let missing = !present.contains(&r.key);
                let label = r.full_label();
                let detail = match r.group {
                    Some(g) => format!("{} › {}", TableId::Applications.name(), g.label),
                    None => TableId::Applications.name().to_string(),
                };
                c.push(
                    &label,
                    CompletionItemKind::FIELD,
                    format!("{}{i:03}", if missing { "0" } else { "1" }),
                    if missing {
                        format!("{detail}（尚未填写）")
                    } else {
                        detail
                    },
                );
                if missing && !preselected && before.is_none_or(|b| i > b) {
                    preselected = true;
                    if let Some(last) = c.items.last_mut() {
                        last.preselect = Some(true);
                    }
                }
            }
            for (i, g) in spec.application_groups().iter().enumerate() {
                c.push(
                    g.label,
                    CompletionItemKind::ENUM,
                    format!("2{i:03}"),
                    format!("{} 合并行名", TableId::Applications.name()),
                );
            }
            for (i, col) in APPLICANT_COLUMNS.iter().enumerate() {
                c.push(
                    col.label,
                    CompletionItemKind::PROPERTY,
                    format!("3{i:03}"),
                    format!("{} 列", TableId::Applications.name()),
                );
            }
        }
        Some(Place::Active(item)) => {
            let present_subs: Vec<u8> = report
                .active
                .iter()
                .flat_map(|a| a.subs.iter().filter_map(|s| s.item))
                .collect();
            if let Some(sub) = spec.sub_table(item) {
                let present: Vec<&str> = report
                    .active
                    .iter()
                    .flat_map(|a| a.subs.iter().filter(|s| s.item == Some(item)))
                    .flat_map(|s| s.rows.iter().filter_map(|r| r.key()))
                    .collect();
                for (i, r) in sub.rows.iter().enumerate() {
                    let missing = !present.contains(&r.key);
                    c.push(
                        r.label,
                        CompletionItemKind::FIELD,
                        format!("{}{i:03}", if missing { "0" } else { "1" }),
                        format!("{} › {}", TableId::Active.name(), sub.heading),
                    );
                }
                let mut cols = vec![crate::format::ACTIVE_CONTENT_HEADER];
                cols.extend(sub.columns.iter().map(|col| col.label));
                for (i, col) in cols.iter().enumerate() {
                    c.push(
                        col,
                        CompletionItemKind::PROPERTY,
                        format!("3{i:03}"),
                        format!("{} › {} 列", TableId::Active.name(), sub.heading),
                    );
                }
            }
            for (i, sub) in spec.active.iter().enumerate() {
                let missing = !present_subs.contains(&sub.item);
                c.push(
                    sub.heading,
                    CompletionItemKind::MODULE,
                    format!("{}{i:03}", if missing { "0" } else { "2" }),
                    format!(
                        "{} 小表：{}",
                        TableId::Active.name(),
                        sub.rows
                            .iter()
                            .map(|r| r.label)
                            .collect::<Vec<_>>()
                            .join("、")
                    ),
                );
            }
        }
        Some(Place::Review) => {
            for (i, g) in REVIEW_GROUPS.iter().enumerate() {
                c.push(
                    g.label,
                    CompletionItemKind::ENUM,
                    format!("0{i:03}"),
                    format!("{} 分组", TableId::Review.name()),
                );
            }
            c.push(
                crate::format::LITIGATION_HEADER,
                CompletionItemKind::ENUM,
                "0010".into(),
                format!("{} 分组", TableId::Review.name()),
            );
            for (i, col) in REVIEW_COLUMNS.iter().enumerate() {
                c.push(
                    col.label,
                    CompletionItemKind::PROPERTY,
                    format!("1{i:03}"),
                    format!("{} 列", TableId::Review.name()),
                );
            }
        }
        _ => {}
    }
    // Section headings, in order, the missing ones first.
    let tier_missing = if matches!(place, Some(Place::Section) | None) {
        "0"
    } else {
        "4"
    };
    for s in &SECTIONS {
        let missing = report.section(s.number).is_none();
        c.push(
            s.title,
            CompletionItemKind::MODULE,
            format!(
                "{}{:03}",
                if missing { tier_missing } else { "5" },
                s.number
            ),
            if missing {
                format!("第{}部分（尚未写）", s.number)
            } else {
                format!("第{}部分", s.number)
            },
        );
    }
}

/// Table snippets and the report skeleton.
fn snippets(c: &mut Collector, year: u16, format: FormatId) {
    c.snippet(
        &TableId::Active.heading(),
        &format!("{}格式 第二十条各项小表", format.name()),
        skeleton::table_a(format),
        "6001".into(),
    );
    c.snippet(
        &TableId::Applications.heading(),
        &format!(
            "{}格式 {} 行",
            format.name(),
            format.spec().applications.len()
        ),
        skeleton::table_b(format),
        "6002".into(),
    );
    c.snippet(
        &TableId::Review.heading(),
        "15 栏",
        skeleton::table_c(),
        "6003".into(),
    );
    c.snippet(
        &format!("{year}年度报告框架"),
        &format!("{}（{}）", format.document(), format.name()),
        crate::skeleton::markdown(year, Some(format)),
        "6000".into(),
    );
}

fn last_year() -> u16 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    (1970 + secs / 31_556_952).saturating_sub(1) as u16
}

/// Citation completions when the line before the cursor ends in `第…`
/// (articles) or `第…条` / `第…条第…` (its 款 and 项).
fn citations(
    prefix: &str,
    line_start: usize,
    m: &super::position::Mapper,
    pos: Position,
) -> Option<Vec<CompletionItem>> {
    let di = prefix.rfind('第')?;
    let tail = &prefix[di + '第'.len_utf8()..];
    let is_num = |c: char| c.is_ascii_digit() || "零一二三四五六七八九十".contains(c);
    let articles = law_bridge::articles();
    let mut items = Vec::new();
    // `第二十条第` / `第二十条`: complete 款 and 项 after the article.
    let article_prefix = |s: &str| -> Option<(u32, usize)> {
        let art = s.find('条')?;
        let n = law_bridge::parse_number(s.get(..art)?)?;
        Some((n, art))
    };
    let (start, kind) = if tail.chars().all(is_num) {
        // Maybe `第二十条第` — the 第 we found is the second one.
        let before = &prefix[..di];
        match before.rfind('第').and_then(|d0| {
            let t = &before[d0 + '第'.len_utf8()..];
            article_prefix(t)
                .filter(|(_, a)| t[a + '条'.len_utf8()..].is_empty())
                .map(|(n, _)| (d0, n))
        }) {
            Some((d0, n)) if tail.is_empty() => (d0, Some(n)),
            _ => (di, None),
        }
    } else {
        match article_prefix(tail) {
            Some((n, a)) if tail[a + '条'.len_utf8()..].is_empty() => (di, Some(n)),
            _ => return None,
        }
    };
    let range = Range::new(m.position(line_start + start), pos);
    let edit = |label: &str| Some(CompletionTextEdit::Edit(TextEdit::new(range, label.into())));
    match kind {
        None => {
            for a in &articles {
                items.push(CompletionItem {
                    label: a.label.clone(),
                    kind: Some(CompletionItemKind::REFERENCE),
                    detail: Some(a.summary.clone()),
                    sort_text: Some(format!("{:03}", a.number)),
                    filter_text: Some(a.label.clone()),
                    text_edit: edit(&a.label),
                    ..Default::default()
                });
            }
            if articles.is_empty() {
                for n in 1..=56 {
                    let label = law_bridge::citation_label(n, None, None);
                    items.push(CompletionItem {
                        label: label.clone(),
                        kind: Some(CompletionItemKind::REFERENCE),
                        sort_text: Some(format!("{n:03}")),
                        filter_text: Some(label.clone()),
                        text_edit: edit(&label),
                        ..Default::default()
                    });
                }
            }
        }
        Some(n) => {
            let a = articles.iter().find(|a| a.number == n)?;
            for (i, item) in a.items.iter().enumerate() {
                let label = law_bridge::citation_label(n, None, Some(i as u32 + 1));
                items.push(CompletionItem {
                    label: label.clone(),
                    kind: Some(CompletionItemKind::REFERENCE),
                    detail: Some(item.chars().take(40).collect()),
                    sort_text: Some(format!("1{i:03}")),
                    filter_text: Some(label.clone()),
                    text_edit: edit(&label),
                    ..Default::default()
                });
            }
            if a.paragraphs > 1 {
                for p in 1..=a.paragraphs as u32 {
                    let label = law_bridge::citation_label(n, Some(p), None);
                    items.push(CompletionItem {
                        label: label.clone(),
                        kind: Some(CompletionItemKind::REFERENCE),
                        sort_text: Some(format!("0{p:03}")),
                        filter_text: Some(label.clone()),
                        text_edit: edit(&label),
                        ..Default::default()
                    });
                }
            }
        }
    }
    Some(items)
}
