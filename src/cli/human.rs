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

/// Display columns shown before and after a finding (and of the finding
/// itself) on its source line.
const CONTEXT: usize = 100;

/// Marks a source line cut short.
const ELLIPSIS: &str = "...";

/// The start of the last `cols` display columns of `text[floor..at]`.
fn back(text: &str, floor: usize, at: usize, cols: usize) -> usize {
    let mut w = 0;
    for (i, c) in text[floor..at].char_indices().rev() {
        w += width(c.encode_utf8(&mut [0; 4]));
        if w > cols {
            return floor + i + c.len_utf8();
        }
    }
    floor
}

/// The end of the first `cols` display columns of `text[at..ceil]`.
fn forward(text: &str, at: usize, ceil: usize, cols: usize) -> usize {
    let mut w = 0;
    for (i, c) in text[at..ceil].char_indices() {
        w += width(c.encode_utf8(&mut [0; 4]));
        if w > cols {
            return at + i;
        }
    }
    ceil
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
        let start = f.span.start.clamp(line_span.start, line_span.end);
        let end = f.span.end.clamp(start, line_span.end);
        // A window of the line around the finding: a very long line is not
        // repeated whole for each of its findings.
        let end = forward(file.text, start, end, CONTEXT);
        let from = back(file.text, line_span.start, start, CONTEXT);
        let to = forward(file.text, end, line_span.end, CONTEXT);
        let (lead, tail) = (
            if from > line_span.start { ELLIPSIS } else { "" },
            if to < line_span.end { ELLIPSIS } else { "" },
        );
        let gutter = line.to_string().len();
        let bar = paint("|", "34", color);
        let _ = writeln!(out, "{:gutter$} {bar}", "");
        let _ = writeln!(
            out,
            "{} {bar} {lead}{}{tail}",
            paint(&line.to_string(), "34", color),
            expand(&file.text[from..to])
        );
        let pad = lead.len() + width(&file.text[from..start]);
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
    fn long_lines_are_clipped_around_the_finding() {
        let text = format!("{}总计 X{}", "a".repeat(5000), "b".repeat(5000));
        let x = text.find('X').unwrap_or(0);
        let index = crate::text::LineIndex::new(&text);
        let findings = [crate::diagnostic::Finding {
            code: "GK301",
            rule: "not-a-number",
            severity: Severity::Error,
            message: "不是数字".into(),
            span: x..x + 1,
            fixes: Vec::new(),
        }];
        let file = FileReport {
            path: "r.md",
            text: &text,
            index: &index,
            findings: &findings,
        };
        let out = render(&file, false);
        let lines: Vec<&str> = out.lines().collect();
        let shown = format!("...{}总计 X{}...", "a".repeat(95), "b".repeat(100));
        assert_eq!(lines[2], format!("1 | {shown}"));
        assert_eq!(lines[3], format!("  | {}^", " ".repeat(3 + 95 + 5)));
    }

    #[test]
    fn widths() {
        assert_eq!(width("总计"), 4);
        assert_eq!(width("\t6"), 5);
        assert_eq!(width("a"), 1);
    }
}
