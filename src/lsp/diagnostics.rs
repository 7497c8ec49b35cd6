//! Findings → LSP diagnostics. Every fix travels in the diagnostic's `data`,
//! already converted to ranges of that version, so code actions never need
//! to check the document again.

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{Diagnostic, DiagnosticSeverity, NumberOrString, Range, TextEdit};

use crate::diagnostic::{Finding, Severity};

use super::document::Snapshot;
use super::position::{Encoding, Mapper};

pub const SOURCE: &str = "gongkai";

/// What a diagnostic carries in `data`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DiagnosticData {
    pub rule: String,
    #[serde(default)]
    pub fixes: Vec<FixData>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FixData {
    pub title: String,
    pub safe: bool,
    pub edits: Vec<TextEdit>,
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

pub fn fixes(finding: &Finding, m: &Mapper) -> Vec<FixData> {
    finding
        .fixes
        .iter()
        .map(|f| FixData {
            title: f.message.clone(),
            safe: f.safe,
            edits: f
                .edits
                .iter()
                .map(|e| TextEdit::new(m.range(&e.span), e.new_text.clone()))
                .collect(),
        })
        .collect()
}

pub fn diagnostic(finding: &Finding, m: &Mapper) -> Diagnostic {
    let data = DiagnosticData {
        rule: finding.rule.to_string(),
        fixes: fixes(finding, m),
    };
    Diagnostic {
        range: m.range(&finding.span),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.code.to_string())),
        source: Some(SOURCE.to_string()),
        message: finding.message.clone(),
        data: serde_json::to_value(data).ok(),
        ..Default::default()
    }
}

/// The diagnostics of a snapshot: none for a document that is not a report.
pub fn diagnostics(snap: &Snapshot, encoding: Encoding) -> Vec<Diagnostic> {
    if !snap.is_report {
        return Vec::new();
    }
    let m = snap.mapper(encoding);
    snap.analysis
        .findings
        .iter()
        .map(|f| diagnostic(f, &m))
        .collect()
}

/// Read back the data of a diagnostic the client sends with a code action
/// request.
pub fn data_of(d: &Diagnostic) -> Option<DiagnosticData> {
    d.data
        .as_ref()
        .and_then(|v| serde_json::from_value(v.clone()).ok())
}

/// The code (`GK201`) of one of our diagnostics.
pub fn code_of(d: &Diagnostic) -> Option<&str> {
    if d.source.as_deref() != Some(SOURCE) {
        return None;
    }
    match &d.code {
        Some(NumberOrString::String(s)) => Some(s.as_str()),
        _ => None,
    }
}

/// Whether two ranges overlap or touch.
pub fn touches(a: &Range, b: &Range) -> bool {
    a.start <= b.end && b.start <= a.end
}
