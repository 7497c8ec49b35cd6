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

fn paint(s: &str, style: Style, color: bool) -> String {
    if color {
        format!("{}{s}{}", style.render(), style.render_reset())
    } else {
        s.to_owned()
    }
}

/// 级别: the severity as the writer reads it, and its colour.
fn level(severity: Severity) -> (&'static str, Style) {
    match severity {
        Severity::Error => ("错误", AnsiColor::Red.on_default().bold()),
        Severity::Warning => ("警告", AnsiColor::Yellow.on_default().bold()),
        Severity::Info => ("提示", AnsiColor::Cyan.on_default().bold()),
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
        let (sev, sev_color) = level(f.severity);
        let _ = writeln!(
            out,
            "{}:{line}:{col}: {} {}",
            paint(file.path, PATH, color),
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
        let bar = paint("|", GUTTER, color);
        let _ = writeln!(out, "{:gutter$} {bar}", "");
        let _ = writeln!(
            out,
            "{} {bar} {lead}{}{tail}",
            paint(&line.to_string(), GUTTER, color),
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
            "{:gutter$} {} 规则：{}（详见 gongkai explain {}）",
            "",
            paint("=", GUTTER, color),
            f.rule,
            f.code
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
