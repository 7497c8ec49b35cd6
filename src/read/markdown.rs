//! The Markdown shape, read with pulldown-cmark: headings (ATX and setext),
//! GFM tables (with or without outer pipes), HTML comments. Tables inside
//! code fences or comments are not the report's. Every other line is read
//! as pasted text (see [`super::plain`]): a Markdown report often holds
//! pasted tables too.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::{plain, trim_span, LineKind};
use crate::diagnostic::Span;

/// Whether `text` uses Markdown's block syntax: an ATX heading, a GFM
/// delimiter row, a code fence or an HTML comment line.
pub fn has_markdown_syntax(text: &str) -> bool {
    // Every mark below is one of these bytes: most pasted text has none.
    let bytes = text.as_bytes();
    if memchr::memchr3(b'#', b'|', b'`', bytes).is_none()
        && memchr::memchr2(b'~', b'<', bytes).is_none()
    {
        return false;
    }
    text.lines().any(|l| {
        let t = l.trim();
        heading_level(t).is_some_and(|n| {
            let rest = t[n as usize..].trim_start();
            !rest.is_empty() && !rest.starts_with("gongkai-ignore")
        }) || (t.contains('|') && is_delimiter(t))
            || t.starts_with("```")
            || t.starts_with("~~~")
            || t.starts_with("<!--")
    })
}

/// What pulldown-cmark says a line is.
#[derive(Clone)]
enum Mark {
    None,
    TableRow,
    TableDelimiter,
    Heading {
        level: u8,
        content: Span,
    },
    /// Inside a code fence, a setext underline or the rest of a comment.
    Skip,
    Comment {
        content: Span,
    },
}

/// Classify the lines `spans` of `text`.
pub fn read(text: &str, spans: &[Span]) -> Vec<LineKind> {
    let marks = mark_lines(text, spans);
    let mut out = Vec::with_capacity(spans.len());
    let mut open_cell = false;
    for (span, mark) in spans.iter().zip(marks) {
        let line = &text[span.clone()];
        let kind = match mark {
            Mark::TableDelimiter | Mark::Skip => LineKind::Delimiter,
            // GFM lets a table run on over lines without pipes; in a report
            // such a line is a heading or prose that follows the table.
            Mark::TableRow if line.contains('|') => LineKind::Row {
                cells: table_cells(line, span.start),
            },
            Mark::TableRow => plain::classify(text, span.clone(), open_cell),
            Mark::Heading { level, content } => {
                if text[content.clone()]
                    .trim_start()
                    .starts_with("gongkai-ignore")
                {
                    LineKind::Comment {
                        content: trim_span(text, span.clone()),
                    }
                } else {
                    LineKind::Heading { level, content }
                }
            }
            Mark::Comment { content } => LineKind::Comment { content },
            Mark::None => plain::classify(text, span.clone(), open_cell),
        };
        open_cell = matches!(kind, LineKind::Text { .. }) && !line.trim_end().ends_with('|');
        out.push(kind);
    }
    out
}

/// Classify the lines of a [`super::View`]: Markdown this crate laid out
/// itself, so its tables, headings and comments are known by their first
/// characters and no Markdown parser is needed (it would be most of the
/// time of reading a page).
pub fn read_laid_out(text: &str, spans: &[Span]) -> Vec<LineKind> {
    let mut out = Vec::with_capacity(spans.len());
    let mut open_cell = false;
    for span in spans {
        let line = &text[span.clone()];
        let kind = if line.starts_with('|') {
            if is_delimiter(line) {
                LineKind::Delimiter
            } else {
                LineKind::Row {
                    cells: table_cells(line, span.start),
                }
            }
        } else if line.starts_with("<!--") {
            LineKind::Comment {
                content: trim_span(text, span.clone()),
            }
        } else if let Some(level) = heading_level(line) {
            let content = trim_span(line, level as usize..line.len());
            LineKind::Heading {
                level,
                content: content.start + span.start..content.end + span.start,
            }
        } else {
            plain::classify(text, span.clone(), open_cell)
        };
        open_cell = matches!(kind, LineKind::Text { .. }) && !line.trim_end().ends_with('|');
        out.push(kind);
    }
    out
}

fn mark_lines(text: &str, spans: &[Span]) -> Vec<Mark> {
    let mut marks = vec![Mark::None; spans.len()];
    // The line whose text or ending holds `offset`.
    let line_of = |offset: usize| {
        spans
            .partition_point(|s| s.start <= offset)
            .saturating_sub(1)
    };
    let mut in_head = false;
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                // The delimiter row follows the head row.
                let l = line_of(range.start) + 1;
                if l < marks.len() {
                    marks[l] = Mark::TableDelimiter;
                }
            }
            Event::Start(Tag::TableRow) => marks[line_of(range.start)] = Mark::TableRow,
            Event::Start(Tag::TableCell) if in_head => marks[line_of(range.start)] = Mark::TableRow,
            Event::Start(Tag::Heading { level, .. }) => {
                let first = line_of(range.start);
                let last = line_of(range.end.saturating_sub(1).max(range.start));
                let line = &text[spans[first].clone()];
                if first == last {
                    // ATX: the text after the marks, without closing marks.
                    let lead = line.len() - line.trim_start().len();
                    let n = line[lead..].bytes().take_while(|&b| b == b'#').count();
                    let content = strip_closing_hashes(line, trim_span(line, lead + n..line.len()));
                    marks[first] = Mark::Heading {
                        level: level as u8,
                        content: content.start + spans[first].start
                            ..content.end + spans[first].start,
                    };
                } else if last == first + 1 {
                    // Setext: the text line, then its underline.
                    marks[first] = Mark::Heading {
                        level: level as u8,
                        content: trim_span(text, spans[first].clone()),
                    };
                    marks[last] = Mark::Skip;
                }
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
                let first = line_of(range.start);
                let last = line_of(range.end.saturating_sub(1).max(range.start));
                for m in &mut marks[first..=last] {
                    *m = Mark::Skip;
                }
            }
            Event::Html(html) if html.trim_start().starts_with("<!--") => {
                // One event per line of an HTML block: the comment opens on
                // this line and what follows until `-->` is the comment too.
                let first = line_of(range.start);
                let end = text[range.start..]
                    .find("-->")
                    .map_or(text.len(), |i| range.start + i + 3);
                let last = line_of(end.saturating_sub(1).max(range.start));
                marks[first] = Mark::Comment {
                    content: trim_span(text, spans[first].start.max(range.start)..end),
                };
                for m in &mut marks[first + 1..=last.max(first)] {
                    *m = Mark::Skip;
                }
            }
            _ => {}
        }
    }
    marks
}

/// `#` to `######` followed by a space (or nothing).
fn heading_level(s: &str) -> Option<u8> {
    let n = s.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&n) && s[n..].chars().next().is_none_or(|c| c == ' ' || c == '\t') {
        Some(n as u8)
    } else {
        None
    }
}

fn strip_closing_hashes(line: &str, content: Span) -> Span {
    let s = &line[content.clone()];
    let t = s.trim_end_matches('#');
    if t.len() < s.len() && (t.is_empty() || t.ends_with(' ')) {
        return trim_span(line, content.start..content.start + t.len());
    }
    content
}

fn is_delimiter(s: &str) -> bool {
    s.contains('-') && s.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// The cells of a GFM table row, trimmed, as absolute spans: outer pipes
/// optional, `\|` does not split.
fn table_cells(line: &str, offset: usize) -> Vec<Span> {
    let content = trim_span(line, 0..line.len());
    let bounds = super::pipe_bounds(line, content.clone());
    let mut cells = Vec::new();
    let mut start = content.start;
    for (k, &b) in bounds.iter().enumerate() {
        if !(k == 0 && b == content.start) {
            let s = trim_span(line, start..b);
            cells.push(s.start + offset..s.end + offset);
        }
        start = b + 1;
    }
    if start < content.end || bounds.is_empty() {
        let s = trim_span(line, start..content.end);
        if !s.is_empty() || bounds.is_empty() {
            cells.push(s.start + offset..s.end + offset);
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::super::{read_as, Shape};
    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        read_as(text, Shape::Markdown)
            .lines
            .iter()
            .map(|l| match &l.kind {
                LineKind::Row { cells } => format!(
                    "R:{}",
                    cells
                        .iter()
                        .map(|c| &text[c.clone()])
                        .collect::<Vec<_>>()
                        .join(",")
                ),
                LineKind::Heading { level, content } => {
                    format!("H{level}:{}", &text[content.clone()])
                }
                LineKind::Text { content, .. } => format!("T:{}", &text[content.clone()]),
                LineKind::Delimiter => "D".into(),
                LineKind::Comment { .. } => "C".into(),
                LineKind::Blank => "B".into(),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn tables_without_outer_pipes_and_setext_headings() {
        assert_eq!(
            kinds("标题\n===\n\na | b\n---|---\n1 | \n"),
            ["H1:标题", "D", "B", "R:a,b", "D", "R:1", "B"]
        );
    }

    #[test]
    fn fenced_and_commented_tables_are_not_the_reports() {
        assert_eq!(
            kinds("```\n| a | b |\n|---|---|\n```\n<!--\n| a | b |\n-->\n正文"),
            ["D", "D", "D", "D", "C", "D", "D", "T:正文"]
        );
    }

    #[test]
    fn plain_ignore_line_is_a_comment() {
        assert_eq!(
            kinds("# 标题\n# gongkai-ignore GK201\n"),
            ["H1:标题", "C", "B"]
        );
    }
}
