//! Text → a [`Document`]: classified lines, and the cells of tables.
//!
//! Reports come in several shapes, often mixed in one file: plain text pasted
//! from Word or a web page (one cell a line, tab-indented; see [`plain`]) and
//! Markdown (headings with `#`, GFM pipe tables; see [`markdown`]). The shape
//! is recognised line by line from the content, never from the file name.
//! Both become the same stream of [`Token`]s, which the report builder reads
//! against the format's labels.

pub mod markdown;
pub mod plain;

use crate::diagnostic::Span;

/// What one line of the source is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind {
    /// Empty (or only spaces).
    Blank,
    /// Only tabs (and spaces), with at least one tab: an empty table cell in
    /// pasted text.
    EmptyCell,
    /// A line of text; `content` is trimmed. `indented` is true for
    /// tab-indented lines, which in pasted text are table cells.
    Text { content: Span, indented: bool },
    /// A Markdown heading (`# …`); `content` is the text after the marks.
    Heading { level: u8, content: Span },
    /// A pipe-table row (or a tab-separated row of cells); each cell trimmed,
    /// an empty cell as an empty span at its position.
    Row { cells: Vec<Span> },
    /// A pipe-table delimiter row (`|---|---|`).
    Delimiter,
    /// A suppression or other HTML comment line (`<!-- … -->`), or a `#`
    /// comment in plain text (`# gongkai-ignore …`).
    Comment { content: Span },
}

#[derive(Debug, Clone)]
pub struct Line {
    /// The whole line without its ending.
    pub span: Span,
    pub kind: LineKind,
}

/// The classified lines of a text.
#[derive(Debug, Clone)]
pub struct Document {
    pub lines: Vec<Line>,
}

/// One unit of a table as the report builder sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A non-empty cell or line.
    Text,
    /// An empty cell: a tab-only line, or an empty pipe-table cell.
    Empty,
    /// A blank line: separates rows in pasted text, but may also stand for
    /// an empty cell where a row has too few.
    Break,
    /// The end of a pipe-table row.
    RowEnd,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
    /// Index of the line it comes from.
    pub line: usize,
    /// Whether it comes from a pipe-table (or tab-separated) row: then
    /// empty cells before a label are label columns, not values.
    pub in_row: bool,
}

/// Classify every line of `text`.
pub fn read(text: &str) -> Document {
    let mut lines = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    while start <= text.len() {
        // Lines end as in the editor (LSP): `\n`, `\r\n` or a bare `\r`.
        let eol = bytes[start..]
            .iter()
            .position(|&c| c == b'\n' || c == b'\r')
            .map(|i| start + i);
        let end = eol.unwrap_or(text.len());
        lines.push(Line {
            span: start..end,
            kind: classify(text, start..end),
        });
        match eol {
            Some(i) if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') => start = i + 2,
            Some(i) => start = i + 1,
            None => break,
        }
    }
    Document { lines }
}

fn classify(text: &str, span: Span) -> LineKind {
    let line = &text[span.clone()];
    if let Some(kind) = markdown::classify(line, span.start) {
        return kind;
    }
    plain::classify(line, span.start)
}

/// Trim whitespace (including the ideographic space and NBSP) from both
/// ends of `span` in `text`.
pub fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.clone()];
    let is_ws = |c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' || c == '\u{feff}';
    let lead = s.len() - s.trim_start_matches(is_ws).len();
    let trail = s.len() - s.trim_end_matches(is_ws).len();
    if lead == s.len() {
        return span.start..span.start;
    }
    span.start + lead..span.end - trail
}

impl Document {
    /// The tokens of lines `range` (table cells, pasted lines, blank lines).
    pub fn tokens(&self, range: std::ops::Range<usize>) -> Vec<Token> {
        let mut out = Vec::new();
        for i in range {
            let Some(line) = self.lines.get(i) else { break };
            match &line.kind {
                LineKind::Blank => out.push(Token {
                    kind: TokenKind::Break,
                    span: line.span.clone(),
                    line: i,
                    in_row: false,
                }),
                LineKind::EmptyCell => out.push(Token {
                    kind: TokenKind::Empty,
                    span: line.span.start..line.span.start,
                    line: i,
                    in_row: false,
                }),
                LineKind::Text { content, .. } => out.push(Token {
                    kind: TokenKind::Text,
                    span: content.clone(),
                    line: i,
                    in_row: false,
                }),
                // A heading or a comment is never part of a cell or label:
                // it ends whatever row came before it.
                LineKind::Heading { .. } | LineKind::Comment { .. } => out.push(Token {
                    kind: TokenKind::RowEnd,
                    span: line.span.start..line.span.start,
                    line: i,
                    in_row: false,
                }),
                LineKind::Row { cells } => {
                    for c in cells {
                        let kind = if c.is_empty() {
                            TokenKind::Empty
                        } else {
                            TokenKind::Text
                        };
                        out.push(Token {
                            kind,
                            span: c.clone(),
                            line: i,
                            in_row: true,
                        });
                    }
                    out.push(Token {
                        kind: TokenKind::RowEnd,
                        span: line.span.end..line.span.end,
                        line: i,
                        in_row: true,
                    });
                }
                LineKind::Delimiter => {}
            }
        }
        out
    }

    /// The trimmed text content of line `i`, if it is a text or heading line.
    pub fn line_text<'t>(&self, text: &'t str, i: usize) -> Option<(&'t str, Span)> {
        match &self.lines.get(i)?.kind {
            LineKind::Text { content, .. } | LineKind::Heading { content, .. } => {
                Some((&text[content.clone()], content.clone()))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixed_shapes() {
        let text = "# 标题\r\n\n\t规章\n\t\n| a | | 3 |\n|---|---|---|\n<!-- gongkai-ignore GK201 -->\n正文";
        let doc = read(text);
        let kinds: Vec<_> = doc
            .lines
            .iter()
            .map(|l| std::mem::discriminant(&l.kind))
            .collect();
        assert_eq!(kinds.len(), 8);
        assert!(matches!(
            doc.lines[0].kind,
            LineKind::Heading { level: 1, .. }
        ));
        assert!(matches!(doc.lines[1].kind, LineKind::Blank));
        assert!(matches!(
            doc.lines[2].kind,
            LineKind::Text { indented: true, .. }
        ));
        assert!(matches!(doc.lines[3].kind, LineKind::EmptyCell));
        let LineKind::Row { cells } = &doc.lines[4].kind else {
            panic!("{:?}", doc.lines[4])
        };
        assert_eq!(
            cells.iter().map(|c| &text[c.clone()]).collect::<Vec<_>>(),
            ["a", "", "3"]
        );
        assert!(matches!(doc.lines[5].kind, LineKind::Delimiter));
        assert!(matches!(doc.lines[6].kind, LineKind::Comment { .. }));
        let LineKind::Heading { content, .. } = &doc.lines[0].kind else {
            unreachable!()
        };
        assert_eq!(&text[content.clone()], "标题");
    }

    #[test]
    fn tokens_of_pipe_row() {
        let text = "|  | （三）不予公开 | 1.属于国家秘密 | 2 |  |";
        let doc = read(text);
        let toks = doc.tokens(0..1);
        let kinds: Vec<_> = toks.iter().map(|t| t.kind).collect();
        use TokenKind::*;
        assert_eq!(kinds, [Empty, Text, Text, Text, Empty, RowEnd]);
    }
}
