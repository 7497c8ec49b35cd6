//! `--format sarif`: SARIF 2.1.0, for code-scanning uploads. Columns are
//! Unicode code points, and the run says so (`columnKind`).

use super::{line_col, FileReport};
use crate::diagnostic::Severity;
use crate::rules::RULES;
use serde_json::{json, Value};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The file's results as comma-separated array elements.
pub fn results(file: &FileReport) -> String {
    file.findings
        .iter()
        .map(|f| {
            let (sl, sc) = line_col(file, f.span.start);
            let (el, ec) = line_col(file, f.span.end);
            let mut r = json!({
                "ruleId": f.code,
                "ruleIndex": RULES.iter().position(|r| r.code == f.code).unwrap_or(0),
                "level": level(f.severity),
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": file.path.replace('\\', "/")},
                    "region": {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec}
                }}]
            });
            if let Some(fix) = f.safe_fix() {
                r["fixes"] = json!([{
                    "description": {"text": fix.message},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": file.path.replace('\\', "/")},
                        "replacements": fix.edits.iter().map(|e| {
                            let (a, b) = line_col(file, e.span.start);
                            let (c, d) = line_col(file, e.span.end);
                            json!({"deletedRegion": {"startLine": a, "startColumn": b, "endLine": c, "endColumn": d},
                                   "insertedContent": {"text": e.new_text}})
                        }).collect::<Vec<_>>()
                    }]
                }]);
            }
            r.to_string()
        })
        .collect::<Vec<_>>()
        .join(",\n")
}

/// Wrap result fragments in a complete SARIF log.
pub fn document(results: &[String]) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.docs},
                "defaultConfiguration": {"level": level(r.severity)},
            })
        })
        .collect();
    let head = json!({
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{
            "tool": {"driver": {"name": "gongkai", "version": env!("CARGO_PKG_VERSION"), "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": []
        }]
    });
    let head = head.to_string();
    // Splice the pre-rendered results into the empty array.
    let body = results
        .iter()
        .filter(|r| !r.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(",\n");
    head.replacen("\"results\":[]", &format!("\"results\":[\n{body}\n]"), 1)
}

/// The document of [`document`] around its results, so a session can
/// print each file's results as they come: what goes before the first
/// and after the last (results are separated by `,\n`).
pub fn document_parts() -> (String, String) {
    let whole = document(&[]);
    let (before, after) = whole
        .split_once("\"results\":[\n\n]")
        .unwrap_or((&whole, ""));
    (format!("{before}\"results\":[\n"), format!("\n]{after}"))
}
