//! Hover: a 总计 cell → its computed sum and terms; a 条例 citation → the
//! article with the cited 款/项 marked and our explanation; a standard
//! label → what belongs there and the article it rests on.

use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use crate::diagnostic::Span;
use crate::read::LineKind;
use crate::report::Report;

use super::document::Snapshot;
use super::labels::{self, Place};
use super::law_bridge;
use super::position::Encoding;
use super::totals;

pub fn hover(snap: &Snapshot, encoding: Encoding, pos: Position) -> Option<Hover> {
    if !snap.is_report {
        return None;
    }
    let m = snap.mapper(encoding);
    let offset = m.offset(pos);
    let (span, markdown) = hover_at(snap, offset)?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(m.range(&span)),
    })
}

/// The span hovered and its Markdown.
pub fn hover_at(snap: &Snapshot, offset: usize) -> Option<(Span, String)> {
    let report = snap.report();
    let derived = &snap.analysis.derived;
    let sums = totals::at(&derived.relations, offset);
    if let Some(first) = sums.first() {
        return Some((first.span.clone(), totals::hover_markdown(&sums)));
    }
    let covers = |span: &Span| span.start <= offset && offset <= span.end;
    if let Some(c) = derived.citations.iter().find(|c| covers(&c.span)) {
        return Some((c.span.clone(), law_bridge::citation_markdown(c)));
    }
    // A number in the prose: the table cell it was tied to.
    if let Some(claim) = derived.claims.iter().find(|c| covers(&c.span)) {
        return Some((claim.span.clone(), claim.hover(report)));
    }
    let (span, text) = label_at(snap, offset)?;
    let place = place_at(report, offset);
    let label = labels::find(report.format, &text, place)?;
    Some((span, label_markdown(&label)))
}

fn label_markdown(label: &labels::Label) -> String {
    let mut s = format!("**{}**", label.text);
    s.push_str(&format!("\n\n{}", label.place.table_name()));
    if let Some(g) = label.group {
        s.push_str(&format!(" › {g}"));
    }
    s.push_str(&format!("\n\n{}", label.belongs));
    if let Some(basis) = law_bridge::label_basis(&label.text) {
        s.push_str(&format!("\n\n{basis}"));
    }
    s
}

/// Which table the offset is in, from the section around it.
pub fn place_at(report: &Report, offset: usize) -> Option<Place> {
    if let Some(b) = &report.applications {
        if b.span.start <= offset && offset <= b.span.end {
            return Some(Place::Applications);
        }
    }
    if let Some(c) = &report.review {
        if c.span.start <= offset && offset <= c.span.end {
            return Some(Place::Review);
        }
    }
    let section = report
        .sections
        .iter()
        .find(|s| s.body.start <= offset && offset < s.body.end.max(s.body.start + 1))?;
    match section.number {
        2 => {
            let item = report.active.as_ref().and_then(|a| {
                a.subs
                    .iter()
                    .rev()
                    .find(|s| s.heading.start <= offset)
                    .and_then(|s| s.item)
            });
            Some(Place::Active(item.unwrap_or(1)))
        }
        3 => Some(Place::Applications),
        4 => Some(Place::Review),
        _ => Some(Place::Section),
    }
}

/// The label text under the cursor: a row label the report model read
/// (which knows labels split over lines), else the cell or line's text.
fn label_at(snap: &Snapshot, offset: usize) -> Option<(Span, String)> {
    let report = snap.report();
    let inside = |s: &Span| s.start <= offset && offset <= s.end && s.start < s.end;
    let b_rows = report.applications.iter().flat_map(|b| b.rows.iter());
    let a_rows = report
        .active
        .iter()
        .flat_map(|a| a.subs.iter().flat_map(|s| s.rows.iter()));
    for row in b_rows.chain(a_rows) {
        if inside(&row.label_span) {
            let text = row
                .def
                .map_or_else(|| row.label.clone(), |d| d.full_label());
            return Some((row.label_span.clone(), text));
        }
    }
    let line = report
        .document
        .lines
        .get(report.document.line_at(offset)?)?;
    let span = match &line.kind {
        LineKind::Row { cells } => cells.iter().find(|c| inside(c))?.clone(),
        LineKind::Text { content, .. } | LineKind::Heading { content, .. } if inside(content) => {
            content.clone()
        }
        _ => return None,
    };
    Some((span.clone(), snap.text.get(span)?.to_string()))
}
