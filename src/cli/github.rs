//! `--format github`: GitHub Actions workflow commands (annotations).

use super::{line_col, FileReport};
use crate::diagnostic::Severity;

/// Escape per the workflow-command rules.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(file: &FileReport) -> String {
    let mut out = String::new();
    for f in file.findings {
        let (l, c) = line_col(file, f.span.start);
        let (el, ec) = line_col(file, f.span.end);
        let kind = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        out.push_str(&format!(
            "::{kind} file={},line={l},col={c},endLine={el},endColumn={ec},title={}::{}\n",
            property(file.path),
            property(&format!("{} {}", f.code, f.rule)),
            data(&f.message)
        ));
    }
    out
}
