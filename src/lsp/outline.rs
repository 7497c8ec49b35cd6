//! Document symbols (sections → tables → sub-tables), folding ranges and
//! inlay hints with the computed sum beside each total that is wrong.

use tower_lsp_server::ls_types::{
    DocumentSymbol, FoldingRange, FoldingRangeKind, InlayHint, InlayHintLabel, InlayHintTooltip,
    Range, SymbolKind,
};

use crate::diagnostic::Span;

use super::document::Snapshot;
use super::position::{Encoding, Mapper};
use super::totals;
use crate::format::TableId;

#[allow(deprecated)]
fn symbol(
    m: &Mapper,
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    span: &Span,
    selection: &Span,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    let range = m.range(span);
    let mut selection_range = m.range(selection);
    // The selection must lie inside the range.
    if selection_range.start < range.start || selection_range.end > range.end {
        selection_range = Range::new(range.start, range.start);
    }
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range,
        children: (!children.is_empty()).then_some(children),
    }
}

/// Tables, each with its span, name and children.
fn tables(snap: &Snapshot, m: &Mapper) -> Vec<(Span, DocumentSymbol)> {
    let report = snap.report();
    let text = &snap.text;
    let mut out = Vec::new();
    if let Some(a) = &report.active {
        let mut subs = Vec::new();
        for (i, sub) in a.subs.iter().enumerate() {
            let end = a
                .subs
                .get(i + 1)
                .map_or(a.span.end, |n| n.heading.start)
                .max(sub.heading.end);
            let end = sub
                .rows
                .iter()
                .flat_map(|r| r.cells.iter().map(|c| c.span.end).chain([r.label_span.end]))
                .filter(|&e| e <= end)
                .max()
                .unwrap_or(sub.heading.end)
                .max(sub.heading.end);
            let name = text
                .get(sub.heading.clone())
                .unwrap_or("第二十条")
                .trim()
                .to_string();
            subs.push(symbol(
                m,
                name,
                Some(format!("{} 行", sub.rows.len())),
                SymbolKind::STRUCT,
                &(sub.heading.start..end),
                &sub.heading,
                Vec::new(),
            ));
        }
        out.push((
            a.span.clone(),
            symbol(
                m,
                TableId::Active.heading(),
                Some(format!("{} 个小表", a.subs.len())),
                SymbolKind::CLASS,
                &a.span,
                &a.span,
                subs,
            ),
        ));
    }
    if let Some(b) = &report.applications {
        out.push((
            b.span.clone(),
            symbol(
                m,
                TableId::Applications.heading(),
                Some(format!("{} 行", b.rows.len())),
                SymbolKind::CLASS,
                &b.span,
                &b.span,
                Vec::new(),
            ),
        ));
    }
    if let Some(c) = &report.review {
        out.push((
            c.span.clone(),
            symbol(
                m,
                TableId::Review.heading(),
                Some(format!("{} 栏", c.cells.len())),
                SymbolKind::CLASS,
                &c.span,
                &c.span,
                Vec::new(),
            ),
        ));
    }
    out
}

pub fn document_symbols(snap: &Snapshot, encoding: Encoding) -> Vec<DocumentSymbol> {
    if !snap.is_report {
        return Vec::new();
    }
    let m = snap.mapper(encoding);
    let report = snap.report();
    let mut tables = tables(snap, &m);
    let mut out = Vec::new();
    if let Some(t) = &report.title {
        out.push(symbol(
            &m,
            t.text.clone(),
            None,
            SymbolKind::FILE,
            &t.span,
            &t.span,
            Vec::new(),
        ));
    }
    for s in &report.sections {
        let body = s.body.start..trim_end(&snap.text, s.body.clone());
        let (inside, rest): (Vec<_>, Vec<_>) = tables
            .into_iter()
            .partition(|(span, _)| body.start <= span.start && span.end <= body.end);
        tables = rest;
        let name = snap
            .text
            .get(s.heading.clone())
            .unwrap_or_default()
            .trim()
            .to_string();
        out.push(symbol(
            &m,
            name,
            None,
            SymbolKind::NAMESPACE,
            &body,
            &s.heading,
            inside.into_iter().map(|(_, sym)| sym).collect(),
        ));
    }
    out.extend(tables.into_iter().map(|(_, s)| s));
    out
}

fn trim_end(text: &str, span: Span) -> usize {
    let s = text.get(span.clone()).unwrap_or_default();
    span.start + s.trim_end().len()
}

pub fn folding_ranges(snap: &Snapshot) -> Vec<FoldingRange> {
    if !snap.is_report {
        return Vec::new();
    }
    let report = snap.report();
    let mut spans: Vec<Span> = report
        .sections
        .iter()
        .map(|s| s.body.start..trim_end(&snap.text, s.body.clone()))
        .collect();
    if let Some(a) = &report.active {
        spans.push(a.span.clone());
    }
    if let Some(b) = &report.applications {
        spans.push(b.span.clone());
    }
    if let Some(c) = &report.review {
        spans.push(c.span.clone());
    }
    let mut out: Vec<FoldingRange> = spans
        .into_iter()
        .filter_map(|s| {
            let a = snap.index.line_of(s.start) as u32;
            let b = snap.index.line_of(s.end) as u32;
            (b > a).then(|| FoldingRange {
                start_line: a,
                end_line: b,
                kind: Some(FoldingRangeKind::Region),
                ..Default::default()
            })
        })
        .collect();
    out.sort_by_key(|f| (f.start_line, std::cmp::Reverse(f.end_line)));
    out.dedup_by_key(|f| (f.start_line, f.end_line));
    out
}

pub fn inlay_hints(snap: &Snapshot, encoding: Encoding, range: Range) -> Vec<InlayHint> {
    if !snap.is_report {
        return Vec::new();
    }
    let m = snap.mapper(encoding);
    let span = m.span(range);
    totals::hints(&snap.analysis.derived.relations, &span)
        .into_iter()
        .map(|(at, label, tooltip)| InlayHint {
            position: m.position(at),
            label: InlayHintLabel::String(label),
            kind: None,
            text_edits: None,
            tooltip: Some(InlayHintTooltip::String(tooltip)),
            padding_left: Some(true),
            padding_right: None,
            data: None,
        })
        .collect()
}
