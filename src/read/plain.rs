//! The plain-text shape: what "save as text" in Word/WPS, a copy from a
//! government web page or a PDF-to-text tool gives.
//!
//! Tables come in many forms, often mixed in one file: one cell a line
//! (usually tab-indented; an empty cell is a tab-only line), a row as one
//! line of tab-separated cells, and the pipes a browser copy leaves — every
//! cell followed by `|` (`a | b | c |`, or `cell |` one a line), a cell line
//! followed by a bare `|` line, and `|||` runs standing for the empty cells
//! of a merged one. A PDF gives a row of numbers on one line, separated by
//! spaces.

use super::{trim_span, LineKind};
use crate::diagnostic::Span;

/// Classify the lines `spans` of `text` (absolute spans, without endings).
pub fn read(text: &str, spans: &[Span]) -> Vec<LineKind> {
    let mut out = Vec::with_capacity(spans.len());
    // Whether the previous line ended with a cell its own `|` did not close:
    // then a following line of pipes closes it first.
    let mut open_cell = false;
    for span in spans {
        let kind = classify(text, span.clone(), open_cell);
        open_cell = match &kind {
            LineKind::Text { content, .. } => {
                !text[span.start..span.end].trim_end().ends_with('|') && !content.is_empty()
            }
            LineKind::Blank | LineKind::EmptyCell | LineKind::Cells { .. } => false,
            _ => false,
        };
        out.push(kind);
    }
    out
}

/// One line of pasted text. `open_cell`: the line before ended with a cell
/// not closed by a pipe.
pub fn classify(text: &str, span: Span, open_cell: bool) -> LineKind {
    let line = &text[span.clone()];
    let offset = span.start;
    let abs = |s: Span| s.start + offset..s.end + offset;
    let content = trim_span(line, 0..line.len());
    if content.is_empty() {
        return if line.contains('\t') {
            LineKind::EmptyCell
        } else {
            LineKind::Blank
        };
    }
    let body = &line[content.clone()];
    if let Some(rest) = body.strip_prefix('#') {
        if rest.trim_start().starts_with("gongkai-ignore") {
            return LineKind::Comment {
                content: abs(content),
            };
        }
    }
    if body.starts_with("<!--") {
        return LineKind::Comment {
            content: abs(content),
        };
    }
    // The memchr crate's search is vectorised; `str::contains(char)` reads
    // a word at a time, and most lines are long paragraphs.
    if memchr::memchr(b'|', body.as_bytes()).is_some() {
        return pipe_line(line, content, offset, open_cell);
    }
    // Cells separated by tabs on one line: a whole row.
    if memchr::memchr(b'\t', body.as_bytes()).is_some() {
        let mut cells = Vec::new();
        let mut start = content.start;
        for (i, c) in body.char_indices() {
            if c == '\t' {
                cells.push(abs(trim_span(line, start..content.start + i)));
                start = content.start + i + 1;
            }
        }
        cells.push(abs(trim_span(line, start..content.end)));
        return LineKind::Row { cells };
    }
    if let Some(cells) = number_row(line, content.clone()) {
        return LineKind::Row {
            cells: cells.into_iter().map(abs).collect(),
        };
    }
    let indented = line.starts_with('\t');
    LineKind::Text {
        content: abs(content),
        indented,
    }
}

/// A line with pipes in pasted text. Every cell is followed by its pipe;
/// a line that also starts with one (`| a | b |`) is written the Markdown
/// way and its first pipe opens the row instead.
fn pipe_line(line: &str, content: Span, offset: usize, open_cell: bool) -> LineKind {
    let body = &line[content.clone()];
    if body.chars().all(|c| c == '|' || c.is_whitespace()) {
        // Only pipes: each closes an empty cell, except the first one when
        // it closes the cell on the line before.
        let mut cells: Vec<Span> = body
            .char_indices()
            .filter(|&(_, c)| c == '|')
            .map(|(i, _)| {
                let at = offset + content.start + i;
                at..at
            })
            .collect();
        if open_cell && !cells.is_empty() {
            cells.remove(0);
        }
        return LineKind::Cells { cells };
    }
    let markdown_way = body.starts_with('|');
    let cells = super::pipe_row(line, content, offset);
    match cells.as_slice() {
        _ if markdown_way => LineKind::Row { cells },
        [one] if !one.is_empty() => LineKind::Text {
            content: one.clone(),
            indented: line.starts_with('\t'),
        },
        [] => LineKind::Blank,
        _ => LineKind::Row { cells },
    }
}

/// A line of three or more numbers separated by spaces, as a PDF gives a
/// table row: one cell each.
fn number_row(line: &str, content: Span) -> Option<Vec<Span>> {
    let body = &line[content.clone()];
    // Its first word is a number (most lines answer here).
    if !body.starts_with(|c: char| c.is_ascii_digit())
        || (!body.contains(' ') && !body.contains('\u{3000}'))
    {
        return None;
    }
    let mut cells = Vec::new();
    let mut start = None;
    for (i, c) in body
        .char_indices()
        .chain(std::iter::once((body.len(), ' ')))
    {
        let sep = c == ' ' || c == '\u{3000}' || c == '\u{a0}';
        match (sep, start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let word = &body[s..i];
                let numeric = word.chars().all(|c| c.is_ascii_digit() || c == '.')
                    && word.starts_with(|c: char| c.is_ascii_digit());
                if !numeric {
                    return None;
                }
                cells.push(content.start + s..content.start + i);
                start = None;
            }
            _ => {}
        }
    }
    (cells.len() >= 3).then_some(cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        let mut spans = Vec::new();
        let mut start = 0;
        for l in text.split('\n') {
            spans.push(start..start + l.len());
            start += l.len() + 1;
        }
        read(text, &spans)
            .iter()
            .map(|k| match k {
                LineKind::Text { content, .. } => format!("T:{}", &text[content.clone()]),
                LineKind::Row { cells } => format!(
                    "R:{}",
                    cells
                        .iter()
                        .map(|c| &text[c.clone()])
                        .collect::<Vec<_>>()
                        .join(",")
                ),
                LineKind::Cells { cells } => format!("E{}", cells.len()),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn browser_copy_pipes() {
        assert_eq!(
            kinds("规章 | 0 | 0 | 0 |\n第二十条第(一)项 | |||\n信息内容 |\n|||\n0 |\n||"),
            [
                "R:规章,0,0,0",
                "R:第二十条第(一)项,,,",
                "T:信息内容",
                "E3",
                "T:0",
                "E2"
            ]
        );
        // A bare pipe line closes the cell above it.
        assert_eq!(
            kinds("规章\n|\n0\n|\n"),
            ["T:规章", "E0", "T:0", "E0", "Blank"]
        );
        // Rows that start with a pipe as well as end with one.
        assert_eq!(kinds("| | 2.其他 | 0 |"), ["R:,2.其他,0"]);
    }

    #[test]
    fn pdf_number_rows() {
        assert_eq!(kinds("1 0 0 1 0"), ["R:1,0,0,1,0"]);
        assert_eq!(kinds("2025年 1 2"), ["T:2025年 1 2"]);
        assert_eq!(kinds("1 2"), ["T:1 2"]);
    }

    #[test]
    fn suppression_comment_is_not_a_heading() {
        assert!(matches!(
            classify("# gongkai-ignore GK201", 0..22, false),
            LineKind::Comment { .. }
        ));
    }
}
