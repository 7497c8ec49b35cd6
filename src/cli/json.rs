//! `--format json`: one array of findings (cli.md's shape).

use super::{line_col, FileReport};
use serde_json::{json, Value};

fn range(file: &FileReport, span: &std::ops::Range<usize>) -> Value {
    let (sl, sc) = line_col(file, span.start);
    let (el, ec) = line_col(file, span.end);
    json!({"start": {"line": sl, "column": sc}, "end": {"line": el, "column": ec}})
}

pub fn finding_json(file: &FileReport, f: &crate::Finding) -> Value {
    let fix = f.fixes.first().map(|x| {
        json!({
            "message": x.message,
            "applicability": if x.safe { "safe" } else { "unsafe" },
            "edits": x.edits.iter().map(|e| json!({"range": range(file, &e.span), "new_text": e.new_text})).collect::<Vec<_>>(),
        })
    });
    json!({
        "file": file.path,
        "code": f.code,
        "rule": f.rule,
        "severity": f.severity.as_str(),
        "message": f.message,
        "range": range(file, &f.span),
        "fix": fix,
    })
}

/// The file's findings as comma-separated array elements.
pub fn render(file: &FileReport) -> String {
    file.findings
        .iter()
        .map(|f| finding_json(file, f).to_string())
        .collect::<Vec<_>>()
        .join(",\n")
}
