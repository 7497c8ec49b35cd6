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
    // Every mark below has one of these bytes: only the lines holding one
    // are looked at (most lines of a report hold none).
    let bytes = text.as_bytes();
    // The next hit of each search, kept until passed: searching again from
    // every line would rescan the text to a far-off `<` for each `|` line.
    let marks = |from: usize| memchr::memchr3(b'#', b'|', b'`', &bytes[from..]).map(|i| from + i);
    let others = |from: usize| memchr::memchr2(b'~', b'<', &bytes[from..]).map(|i| from + i);
    let (mut mark, mut other) = (marks(0), others(0));
    let mut next_mark = |from: usize| {
        if mark.is_some_and(|h| h < from) {
            mark = marks(from);
        }
        if other.is_some_and(|h| h < from) {
            other = others(from);
        }
        match (mark, other) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    };
    let mut from = 0;
    while let Some(at) = next_mark(from) {
        let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        if is_markdown_line(&text[start..end]) {
            return true;
        }
        from = (end + 1).min(bytes.len());
        if end >= bytes.len() {
            break;
        }
    }
    false
}

/// An ATX heading, a GFM delimiter row, a code fence or an HTML comment.
fn is_markdown_line(line: &str) -> bool {
    let t = line.trim();
    heading_level(t).is_some_and(|n| {
        let rest = t[n as usize..].trim_start();
        !rest.is_empty() && !rest.starts_with("gongkai-ignore")
    }) || (t.contains('|') && is_delimiter(t))
        || t.starts_with("```")
        || t.starts_with("~~~")
        || t.starts_with("<!--")
}

/// What pulldown-cmark says a line is.
#[derive(Clone, Debug, PartialEq)]
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
pub fn read_laid_out(text: &str, spans: &[Span], laid_out: &super::LaidOut) -> Vec<LineKind> {
    let mut out = Vec::with_capacity(spans.len());
    let mut open_cell = false;
    let mut rows = laid_out.rows.iter().peekable();
    for span in spans {
        let line = &text[span.clone()];
        let kind = if line.starts_with('|') {
            if is_delimiter(line) {
                LineKind::Delimiter
            } else {
                // A row the writer laid out has its cells already: each is
                // what is between its pipes, trimmed, as `table_cells` finds.
                while rows.next_if(|r| r.0 < span.start).is_some() {}
                let cells = match rows.next_if(|r| r.0 == span.start) {
                    Some((_, row)) => laid_out
                        .cells
                        .get(row.clone())
                        .unwrap_or_default()
                        .iter()
                        .map(|b| super::trim_span(text, b.clone()))
                        .collect(),
                    None => table_cells(line, span.start),
                };
                debug_assert_eq!(cells, table_cells(line, span.start), "{line:?}");
                LineKind::Row { cells }
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
    match mark_simple(text, spans) {
        Some(marks) => {
            // Every test document checks the shortcut against the parser.
            debug_assert_eq!(marks, mark_parsed(text, spans), "{text:?}");
            marks
        }
        None => mark_parsed(text, spans),
    }
}

/// The marks of a document written in the plain subset of Markdown that
/// reports use (ATX headings, pipe tables, comment lines, paragraphs),
/// found without a parser; `None` if any line could be read otherwise
/// (indented, a list, a quote, a fence, a setext underline, raw HTML,
/// backslashes or backticks), for pulldown-cmark to decide. Parsing was
/// a fifth of checking a Markdown report.
///
/// The rules below are GFM's as pulldown-cmark applies them: a table
/// starts on a paragraph's first line, or on a line starting with `|`,
/// when the next line is a delimiter row with as many columns as it has
/// cells; it runs until a blank line, a heading or a comment.
fn mark_simple(text: &str, spans: &[Span]) -> Option<Vec<Mark>> {
    let bytes = text.as_bytes();
    if memchr::memchr3(b'`', b'\\', b'\0', bytes).is_some()
        || crate::text::has_control(bytes)
        || memchr::memmem::find(bytes, "\u{feff}".as_bytes()).is_some()
        // pulldown-cmark ends some blocks at `\n` only.
        || memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'))
    {
        return None;
    }
    #[derive(PartialEq)]
    enum State {
        Between,
        Paragraph,
        Table,
    }
    let mut marks = vec![Mark::None; spans.len()];
    let mut state = State::Between;
    let mut i = 0;
    while i < spans.len() {
        let line = &text[spans[i].clone()];
        let b = line.as_bytes();
        if b.iter().all(|&c| c == b' ' || c == b'\t') {
            state = State::Between;
            i += 1;
            continue;
        }
        // Up to three spaces before a paragraph's words change nothing
        // (pasted paragraphs often keep one); anything else indented is
        // left to the parser.
        let indent = b.iter().take_while(|&&c| c == b' ').count();
        if indent > 0 {
            let rest = &line[indent..];
            if indent > 3
                || !starts_plainly(rest)
                || rest.starts_with(['#', '<'])
                || rest.contains('|')
            {
                return None;
            }
            if state == State::Table {
                marks[i] = Mark::TableRow;
            } else {
                state = State::Paragraph;
            }
            i += 1;
            continue;
        }
        if !starts_plainly(line) {
            return None;
        }
        if let Some(level) = heading_level(line) {
            let n = level as usize;
            let content = strip_closing_hashes(line, trim_span(line, n..line.len()));
            marks[i] = Mark::Heading {
                level,
                content: content.start + spans[i].start..content.end + spans[i].start,
            };
            state = State::Between;
            i += 1;
            continue;
        }
        if let Some(after) = line.strip_prefix("<!--") {
            // An HTML block: to the first line holding `-->` (this one
            // if it closes here), or to the end. `<!-->` and `<!--->` are
            // left to the parser.
            if after.starts_with('>') || after.starts_with("->") {
                return None;
            }
            let from = spans[i].start;
            let end = text[from + 4..]
                .find("-->")
                .map_or(text.len(), |k| from + 4 + k + 3);
            let last = spans
                .partition_point(|s| s.start < end)
                .saturating_sub(1)
                .max(i);
            marks[i] = Mark::Comment {
                content: trim_span(text, from..end),
            };
            for (k, m) in marks.iter_mut().enumerate().take(last + 1).skip(i + 1) {
                let l = &text[spans[k].clone()];
                if l.trim_start().starts_with("<!--") {
                    return None;
                }
                *m = Mark::Skip;
            }
            state = State::Between;
            i = last + 1;
            continue;
        }
        if state == State::Table {
            // A row, with or without pipes; a lone `|` has no cells and
            // would end the table.
            if line.bytes().all(|c| matches!(c, b'|' | b' ' | b'\t')) {
                return None;
            }
            marks[i] = Mark::TableRow;
            i += 1;
            continue;
        }
        let may_start_table = state == State::Between || b[0] == b'|';
        if may_start_table {
            if let Some(next) = spans.get(i + 1) {
                let head = &text[next.clone()];
                if let Some(columns) = delimiter_columns(head) {
                    if header_cells(line) == Some(columns) {
                        marks[i] = Mark::TableRow;
                        marks[i + 1] = Mark::TableDelimiter;
                        state = State::Table;
                        i += 2;
                        continue;
                    }
                }
            }
        }
        state = State::Paragraph;
        i += 1;
    }
    Some(marks)
}

/// A line that begins no block of its own other than a heading, a table
/// or a comment: not indented, and not a list item, quote, fence,
/// thematic break, setext underline, link definition or HTML.
fn starts_plainly(line: &str) -> bool {
    let b = line.as_bytes();
    match b.first() {
        None => true,
        Some(b' ' | b'\t' | b'>' | b'-' | b'*' | b'+' | b'_' | b'=' | b'~' | b'[') => false,
        Some(b'<') => line.starts_with("<!--"),
        Some(c) if c.is_ascii_digit() => {
            // An ordered list item: up to nine digits, `.` or `)`, then a
            // space or the end of the line.
            let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
            !(n <= 9
                && matches!(b.get(n), Some(b'.' | b')'))
                && matches!(b.get(n + 1), None | Some(b' ' | b'\t')))
        }
        Some(_) => true,
    }
}

/// The columns of a GFM delimiter row (`|---|:--:|`), as pulldown-cmark
/// counts them; `None` if the line is not one.
fn delimiter_columns(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    // Up to three spaces of indent (a tab is four).
    let mut i = b.iter().take_while(|&&c| c == b' ').count();
    if i > 3 || b.get(i) == Some(&b'\t') {
        return None;
    }
    let mut found_pipe = false;
    if b.get(i) == Some(&b'|') {
        i += 1;
        found_pipe = true;
    }
    let (mut columns, mut start_col, mut hyphen, mut hyphen_in_col) = (0, true, false, false);
    for &c in &b[i..] {
        match c {
            b' ' => {}
            b':' => start_col = false,
            b'-' => {
                start_col = false;
                hyphen = true;
                hyphen_in_col = true;
            }
            b'|' => {
                if !hyphen_in_col {
                    return None;
                }
                start_col = true;
                found_pipe = true;
                columns += 1;
                hyphen_in_col = false;
            }
            _ => return None,
        }
    }
    if !start_col {
        columns += 1;
    }
    (found_pipe && hyphen).then_some(columns)
}

/// The cells of a table's header row as pulldown-cmark counts them from
/// its pipes; `None` without pipes.
fn header_cells(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let pipes = memchr::memchr_iter(b'|', b).count();
    let last = memchr::memrchr(b'|', b)?;
    let lead = b.iter().take_while(|&&c| c == b' ' || c == b'\t').count();
    let mut cells = pipes;
    if b.get(lead) == Some(&b'|') {
        cells -= 1;
    }
    if !b[last + 1..].iter().all(|&c| c == b' ' || c == b'\t') {
        cells += 1;
    }
    Some(cells)
}

/// Every line's mark, from pulldown-cmark's events.
fn mark_parsed(text: &str, spans: &[Span]) -> Vec<Mark> {
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
    super::pipe_row(line, trim_span(line, 0..line.len()), offset)
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

#[cfg(test)]
mod shortcut_tests {
    use super::*;

    /// The shortcut's marks are the parser's wherever it takes them.
    fn same(text: &str) -> bool {
        let spans = super::super::line_spans(text);
        match mark_simple(text, &spans) {
            Some(marks) => {
                assert_eq!(marks, mark_parsed(text, &spans), "{text:?}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn corpus_reports_take_the_shortcut() {
        for text in [
            include_str!("../../tests/fixtures/corpus/008-2024-huaian-shi.txt"),
            include_str!("../../tests/fixtures/corpus/001-2019-shanghai-bgt.txt"),
            include_str!("../../tests/fixtures/corpus/015-2025-shanghai-bgt.txt"),
            // Paragraphs indented by a space.
            include_str!("../../tests/fixtures/corpus/012-2023-shuyang-fgj.txt"),
        ] {
            assert!(same(text));
        }
    }

    #[test]
    fn the_shortcut_agrees_with_the_parser_on_random_documents() {
        // Lines that start, continue, end or break tables and paragraphs.
        const LINES: &[&str] = &[
            "",
            "   ",
            "正文一段",
            "| 甲 | 乙 |",
            "| 1 | 2 |",
            "甲 | 乙",
            "|---|---|",
            "| --- | :-: |",
            "|---|---|---|",
            "---|---",
            "| - |",
            "|",
            "| |",
            "# 标题",
            "## 二、标题 ##",
            "#没有空格",
            "<!-- 注释 -->",
            "<!-- 开始",
            "结束 -->",
            "<!--->",
            "1. 列表",
            "1.没有空格",
            "2023年",
            "- 列表",
            "===",
            "> 引用",
            "    缩进",
            " 一个空格的段落",
            "   三个空格 1. 列表",
            "  | 甲 | 乙 |",
            "  # 标题",
            "\t制表",
            "[a]: /b",
            "<div>",
            "a | b | c |",
            "|a|b|",
            "| 合计 |  |",
        ];
        let mut taken = 0;
        for start in [0x2545_f491_4f6c_dd1du64, 7, 0x9e37_79b9_7f4a_7c15, 12345] {
            let mut seed = start;
            let mut next = |n: usize| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed % n as u64) as usize
            };
            for _ in 0..50_000 {
                let n = 1 + next(9);
                let mut text = String::new();
                for k in 0..n {
                    if k > 0 {
                        text.push_str(["\n", "\r\n", "\n", "\r"][next(4)]);
                    }
                    text.push_str(LINES[next(LINES.len())]);
                }
                taken += usize::from(same(&text));
            }
        }
        // Most documents are in the subset: the test compares something.
        assert!(taken > 20_000, "{taken}");
    }
}
