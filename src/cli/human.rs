//! rustc/ruff-like output for the report writer, framed in Chinese:
//! `path:line:col: 错误[GK201] message`, the source line, a caret under the
//! range that lines up under CJK text, and the rule's name.

use super::{line_col, FileReport};
use crate::diagnostic::Severity;
use anstyle::{AnsiColor, Style};
use std::fmt::Write;
use unicode_width::UnicodeWidthChar;

const TAB: usize = 4;

const PATH: Style = Style::new().bold();
const GUTTER: Style = AnsiColor::Blue.on_default();

/// Append `s`, in `style` when colouring.
fn paint(out: &mut String, s: &str, style: Style, color: bool) {
    if color {
        let _ = write!(out, "{}{s}{}", style.render(), style.render_reset());
    } else {
        out.push_str(s);
    }
}

fn spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// 级别: the severity as the writer reads it, and its colour.
fn level(severity: Severity) -> (&'static str, Style) {
    match severity {
        Severity::Error => ("错误", AnsiColor::Red.on_default().bold()),
        Severity::Warning => ("警告", AnsiColor::Yellow.on_default().bold()),
        Severity::Info => ("提示", AnsiColor::Cyan.on_default().bold()),
    }
}

/// Display width of `c`, a tab as [`TAB`]. Printable ASCII and the CJK
/// ideographs, which are most of a report, are told without the Unicode
/// tables: every finding measures up to two hundred columns around it.
fn char_width(c: char) -> usize {
    match c {
        '\t' => TAB,
        ' '..='~' => 1,
        '\u{4e00}'..='\u{9fff}' => 2,
        _ => c.width().unwrap_or(0),
    }
}

/// Display width of `s` with tabs expanded.
fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
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
        w += char_width(c);
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
        w += char_width(c);
        if w > cols {
            return at + i;
        }
    }
    ceil
}

/// Append `s` with its tabs expanded.
fn push_expanded(out: &mut String, s: &str) {
    if memchr::memchr(b'\t', s.as_bytes()).is_none() {
        out.push_str(s);
    } else {
        out.push_str(&s.replace('\t', &" ".repeat(TAB)));
    }
}

/// Written piece by piece into one string, without a `String` per piece:
/// a folder's output is thousands of these.
pub fn render(file: &FileReport, color: bool) -> String {
    let mut out = String::new();
    for f in file.findings {
        let (line, col) = line_col(file, f.span.start);
        let (sev, sev_color) = level(f.severity);
        let number = line.to_string();
        paint(&mut out, file.path, PATH, color);
        let _ = write!(out, ":{line}:{col}: ");
        paint(&mut out, &format!("{}[{}]", sev, f.code), sev_color, color);
        out.push(' ');
        out.push_str(&f.message);
        out.push('\n');
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
        let gutter = number.len();
        // `   |`, `12 | the line`, `   | ^^^`, `   = 规则`
        spaces(&mut out, gutter + 1);
        paint(&mut out, "|", GUTTER, color);
        out.push('\n');
        paint(&mut out, &number, GUTTER, color);
        out.push(' ');
        paint(&mut out, "|", GUTTER, color);
        out.push(' ');
        out.push_str(lead);
        push_expanded(&mut out, &file.text[from..to]);
        out.push_str(tail);
        out.push('\n');
        let pad = lead.len() + width(&file.text[from..start]);
        let len = width(&file.text[start..end]).max(1);
        let mut caret = String::with_capacity(pad + len);
        spaces(&mut caret, pad);
        caret.extend(std::iter::repeat_n('^', len));
        if let Some(fix) = f.safe_fix() {
            caret.push_str(" 可修复：");
            caret.push_str(&fix.message);
        }
        spaces(&mut out, gutter + 1);
        paint(&mut out, "|", GUTTER, color);
        out.push(' ');
        paint(&mut out, &caret, sev_color, color);
        out.push('\n');
        spaces(&mut out, gutter + 1);
        paint(&mut out, "=", GUTTER, color);
        let _ = write!(
            out,
            " 规则：{}（详见 gongkai explain {}）\n\n",
            f.rule, f.code
        );
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
    fn framed_in_chinese_and_coloured_only_when_asked() {
        let text = "（七）总计\t7\n";
        let index = crate::text::LineIndex::new(text);
        let at = text.find('7').unwrap_or(0);
        let findings = [crate::diagnostic::Finding {
            code: "GK201",
            rule: "row-total",
            severity: Severity::Warning,
            message: "总计应为 6".into(),
            span: at..at + 1,
            fixes: Vec::new(),
        }];
        let file = FileReport {
            path: "r.txt",
            text,
            index: &index,
            findings: &findings,
        };
        let plain = render(&file, false);
        assert_eq!(
            plain,
            "r.txt:1:7: 警告[GK201] 总计应为 6\n  |\n1 | （七）总计    7\n  |               ^\n  = 规则：row-total（详见 gongkai explain GK201）\n\n"
        );
        let coloured = render(&file, true);
        assert!(
            coloured.contains("\x1b[1m\x1b[33m警告[GK201]\x1b[0m"),
            "{coloured:?}"
        );
        assert!(!plain.contains('\x1b'));
    }

    #[test]
    fn widths() {
        assert_eq!(width("总计"), 4);
        assert_eq!(width("\t6"), 5);
        assert_eq!(width("a"), 1);
    }
}
