//! Code actions: the fixes carried in each diagnostic's `data`, "fix all
//! safe", a suppression comment, and inserting a missing section or row.

use std::collections::HashMap;

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Diagnostic, Position, Range,
    TextEdit, Uri, WorkspaceEdit,
};

use crate::format::{RowDef, SECTIONS};
use crate::read::LineKind;

use super::diagnostics::{code_of, data_of};
use super::document::Snapshot;
use super::hover::place_at;
use super::labels::Place;
use super::position::{Encoding, Mapper};
use super::skeleton;

pub const FIX_ALL: CodeActionKind = CodeActionKind::new("source.fixAll.gongkai");

fn wants(only: Option<&Vec<CodeActionKind>>, kind: &CodeActionKind) -> bool {
    match only {
        None => true,
        Some(list) => list.iter().any(|k| {
            kind.as_str() == k.as_str() || kind.as_str().starts_with(&format!("{}.", k.as_str()))
        }),
    }
}

fn edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

fn action(
    title: String,
    kind: CodeActionKind,
    uri: &Uri,
    edits: Vec<TextEdit>,
    diagnostics: Option<Vec<Diagnostic>>,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics,
        edit: Some(edit(uri, edits)),
        is_preferred: preferred.then_some(true),
        ..Default::default()
    })
}

pub fn code_actions(
    snap: &Snapshot,
    encoding: Encoding,
    params: &CodeActionParams,
) -> Vec<CodeActionOrCommand> {
    let uri = &params.text_document.uri;
    let only = params.context.only.as_ref();
    let mut out = Vec::new();
    if !snap.is_report {
        return out;
    }
    let m = snap.mapper(encoding);
    let quickfix = wants(only, &CodeActionKind::QUICKFIX);
    let ours: Vec<&Diagnostic> = params
        .context
        .diagnostics
        .iter()
        .filter(|d| code_of(d).is_some())
        .collect();
    if quickfix {
        // The fixes the rules proposed, exactly as carried in `data`.
        for d in &ours {
            let Some(data) = data_of(d) else { continue };
            for fix in data.fixes {
                out.push(action(
                    fix.title,
                    CodeActionKind::QUICKFIX,
                    uri,
                    fix.edits,
                    Some(vec![(*d).clone()]),
                    fix.safe,
                ));
            }
        }
        // Suppression comments, one per code.
        let mut seen = Vec::new();
        for d in &ours {
            let Some(code) = code_of(d) else { continue };
            if seen.contains(&(code, d.range.start.line)) {
                continue;
            }
            seen.push((code, d.range.start.line));
            let comment = snap.flavor.suppression(code);
            let at = Position::new(d.range.start.line, 0);
            out.push(action(
                format!("在上一行加 {comment}，忽略此处的 {code}"),
                CodeActionKind::QUICKFIX,
                uri,
                vec![TextEdit::new(Range::new(at, at), format!("{comment}\n"))],
                Some(vec![(*d).clone()]),
                false,
            ));
        }
        let offset = m.offset(params.range.start);
        let asked_section = ours.iter().any(|d| code_of(d) == Some("GK101"));
        let line_blank = snap
            .text
            .get(snap.index.line_span(&snap.text, snap.index.line_of(offset)))
            .is_some_and(|l| l.trim().is_empty());
        if asked_section || line_blank {
            out.extend(missing_sections(snap, &m, uri));
        }
        let asked_row = ours.iter().any(|d| code_of(d) == Some("GK104"));
        if asked_row || place_at(snap.report(), offset) == Some(Place::Applications) {
            out.extend(missing_rows(snap, &m, uri));
        }
    }
    if wants(only, &FIX_ALL) {
        if let Some(a) = fix_all(snap, &m, uri) {
            out.push(a);
        }
    }
    out
}

/// Every safe fix of the document in one edit (overlapping ones skipped:
/// the next round of checking will offer them again).
pub fn fix_all(snap: &Snapshot, m: &Mapper, uri: &Uri) -> Option<CodeActionOrCommand> {
    let mut spans: Vec<&crate::diagnostic::Edit> = snap
        .analysis
        .findings
        .iter()
        .filter_map(|f| f.safe_fix())
        .flat_map(|f| f.edits.iter())
        .collect();
    spans.sort_by_key(|e| (e.span.start, e.span.end));
    let mut edits = Vec::new();
    let mut end = 0usize;
    for e in spans {
        if e.span.start < end {
            continue;
        }
        end = e
            .span
            .end
            .max(e.span.start + usize::from(e.span.is_empty()));
        edits.push(TextEdit::new(m.range(&e.span), e.new_text.clone()));
    }
    if edits.is_empty() {
        return None;
    }
    let n = edits.len();
    Some(action(
        format!("gongkai：应用全部 {n} 处安全修正"),
        FIX_ALL,
        uri,
        edits,
        None,
        false,
    ))
}

/// Insert each missing section before the next present one (or at the end).
fn missing_sections(snap: &Snapshot, m: &Mapper, uri: &Uri) -> Vec<CodeActionOrCommand> {
    let report = snap.report();
    let mut out = Vec::new();
    for s in &SECTIONS {
        if report.section(s.number).is_some() {
            continue;
        }
        let next = report
            .sections
            .iter()
            .filter(|p| p.number > s.number)
            .map(|p| line_start(snap, p.heading.start))
            .min();
        let body = skeleton::section(s.number, report.format, snap.flavor);
        let (at, text) = match next {
            Some(at) => (at, body),
            None => {
                let lead = if snap.text.ends_with("\n\n") || snap.text.is_empty() {
                    ""
                } else if snap.text.ends_with('\n') {
                    "\n"
                } else {
                    "\n\n"
                };
                (snap.text.len(), format!("{lead}{body}"))
            }
        };
        out.push(insertion(
            format!("插入缺少的部分：{}", s.title),
            uri,
            m.position(at),
            text,
        ));
    }
    out
}

/// A quick fix that inserts `text` at `pos`.
fn insertion(title: String, uri: &Uri, pos: Position, text: String) -> CodeActionOrCommand {
    action(
        title,
        CodeActionKind::QUICKFIX,
        uri,
        vec![TextEdit::new(Range::new(pos, pos), text)],
        None,
        false,
    )
}

fn line_start(snap: &Snapshot, offset: usize) -> usize {
    snap.index
        .line_span(&snap.text, snap.index.line_of(offset))
        .start
}

fn line_end(snap: &Snapshot, offset: usize) -> usize {
    snap.index
        .line_span(&snap.text, snap.index.line_of(offset))
        .end
}

/// Insert each missing table B row after the row before it in the format.
fn missing_rows(snap: &Snapshot, m: &Mapper, uri: &Uri) -> Vec<CodeActionOrCommand> {
    let report = snap.report();
    let Some(b) = &report.applications else {
        return Vec::new();
    };
    let spec = report.format.spec();
    let mut out = Vec::new();
    for (i, def) in spec.applications.iter().enumerate() {
        if b.row(def.key).is_some() {
            continue;
        }
        // The nearest present row before it in the format's order.
        let prev = spec.applications[..i]
            .iter()
            .rev()
            .find_map(|d| b.row(d.key));
        let Some(prev) = prev else { continue };
        let end = prev
            .cells
            .last()
            .map_or(prev.label_span.end, |c| c.span.end)
            .max(prev.label_span.end);
        let at = line_end(snap, end);
        let text = match &report
            .document
            .line_at(prev.label_span.start)
            .and_then(|i| report.document.lines.get(i))
            .map(|l| &l.kind)
        {
            Some(LineKind::Row { cells }) => pipe_row(def, cells.len()),
            _ => pasted_row(def),
        };
        out.push(insertion(
            format!("插入缺少的行：{}", def.label),
            uri,
            m.position(at),
            text,
        ));
    }
    out
}

fn pipe_row(def: &RowDef, width: usize) -> String {
    let values = crate::format::APPLICANT_COLUMNS.len();
    let label_col = width.saturating_sub(values + 1);
    let mut s = String::from("\n|");
    for i in 0..width.max(values + 1) {
        if i == label_col {
            s.push_str(&format!(" {} |", def.full_label()));
        } else {
            s.push_str(" |");
        }
    }
    s
}

fn pasted_row(def: &RowDef) -> String {
    let mut s = format!("\n\n\t{}", def.full_label());
    for _ in 0..crate::format::APPLICANT_COLUMNS.len() {
        s.push_str("\n\t");
    }
    s
}
