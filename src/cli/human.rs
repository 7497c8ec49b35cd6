//! rustc/ruff-like output: `path:line:col: CODE message`, the source line,
//! and a caret under the range that lines up under CJK text.

use super::{line_col, FileReport};
use crate::diagnostic::Severity;
use std::fmt::Write;
use unicode_width::UnicodeWidthChar;

const TAB: usize = 4;

fn paint(s: &str, code: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_owned()
    }
}

/// Display width of `s` with tabs expanded.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if c == '\t' {
                TAB
            } else {
                c.width().unwrap_or(0)
            }
        })
        .sum()
}

fn expand(s: &str) -> String {
    s.replace('\t', &" ".repeat(TAB))
}

pub fn render(file: &FileReport, color: bool) -> String {
    let mut out = String::new();
    for f in file.findings {
        let (line, col) = line_col(file, f.span.start);
        let (sev, sev_color) = match f.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
            Severity::Info => ("info", "1;36"),
        };
        let _ = writeln!(
            out,
            "{}:{line}:{col}: {} {}",
            paint(file.path, "1", color),
            paint(&format!("{}[{}]", sev, f.code), sev_color, color),
            f.message
        );
        let line_span = file.index.line_span(file.text, line as usize - 1);
        let src = &file.text[line_span.clone()];
        let gutter = line.to_string().len();
        let bar = paint("|", "34", color);
        let _ = writeln!(out, "{:gutter$} {bar}", "");
        let _ = writeln!(
            out,
            "{} {bar} {}",
            paint(&line.to_string(), "34", color),
            expand(src)
        );
        let start = f.span.start.clamp(line_span.start, line_span.end);
        let end = f.span.end.clamp(start, line_span.end);
        let pad = width(&file.text[line_span.start..start]);
        let len = width(&file.text[start..end]).max(1);
        let mut caret = format!("{}{}", " ".repeat(pad), "^".repeat(len));
        if let Some(fix) = f.safe_fix() {
            let _ = write!(caret, " 可修复：{}", fix.message);
        }
        let _ = writeln!(
            out,
            "{:gutter$} {bar} {}",
            "",
            paint(&caret, sev_color, color)
        );
        let _ = writeln!(
            out,
            "{:gutter$} {} rule: {}",
            "",
            paint("=", "34", color),
            f.rule
        );
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths() {
        assert_eq!(width("总计"), 4);
        assert_eq!(width("\t6"), 5);
        assert_eq!(width("a"), 1);
    }
}
