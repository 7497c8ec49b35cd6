//! Source → a [`Document`]: classified lines, and the cells of tables.
//!
//! Reports come in several shapes. Each file is read by one reader, chosen
//! once from its content (the file name's extension or the editor's
//! language id only breaks a tie; see [`Shape::detect`]):
//!
//! - Markdown ([`markdown`], through pulldown-cmark): headings (ATX and
//!   setext), GFM tables with or without outer pipes, comments; tables in
//!   code fences are not report tables;
//! - plain text pasted from Word, a web page or a PDF ([`plain`]): one cell
//!   a line, tab-separated rows, the pipes a browser copy leaves;
//! - HTML ([`html`]) and Word `.docx` ([`docx`]): their paragraphs and
//!   tables (merged cells expanded to the logical grid) are laid out as a
//!   Markdown [`View`] that remembers where every piece of it stands in the
//!   source, so that findings point into the `.html` file, or name the
//!   paragraph and table cell of the `.docx`.
//!
//! All of them become the same stream of [`Token`]s, which the report
//! builder reads against the format's labels. A document "line" is a block
//! of the source, with its own span: nothing downstream may take its index
//! for a line number of the file.

pub mod docx;
pub mod html;
pub mod markdown;
pub mod plain;
mod view;

pub use view::{ReadError, View};

use crate::diagnostic::Span;

/// The extensions of the files gongkai reads as reports (lower case), with
/// the shape each suggests: the CLI's folder walk, the last-year lookup and
/// the language server share this list.
pub const REPORT_EXTENSIONS: &[(&str, Shape)] = &[
    ("md", Shape::Markdown),
    ("markdown", Shape::Markdown),
    ("txt", Shape::Plain),
    ("text", Shape::Plain),
    ("html", Shape::Html),
    ("htm", Shape::Html),
    ("docx", Shape::Docx),
];

/// Whether `path` has one of [`REPORT_EXTENSIONS`].
pub fn is_report_path(path: &std::path::Path) -> bool {
    Shape::of_path(path).is_some()
}

/// The text of a report file as the checker reads it: the decoded file
/// (Markdown, plain text, HTML), or the Markdown laid out from a .docx.
/// `hint`: the file's extension.
pub fn report_text(bytes: &[u8], hint: Option<&str>) -> Result<String, String> {
    match binary_view(bytes, Shape::detect(bytes, hint)) {
        Some(view) => view.map(|v| v.text).map_err(|e| e.to_string()),
        None => crate::text::decode(bytes)
            .map(|d| d.text)
            .map_err(|e| e.to_string()),
    }
}

/// The Markdown layout of a shape that is text but not read line by line
/// (HTML); `None` for the shapes read as they are.
pub fn text_view(text: &str, shape: Shape) -> Option<Result<View, ReadError>> {
    match shape {
        Shape::Html => Some(html::read(text)),
        _ => None,
    }
}

/// The Markdown layout of a shape that is not text at all (.docx); `None`
/// for the shapes that are decoded as text.
pub fn binary_view(bytes: &[u8], shape: Shape) -> Option<Result<View, ReadError>> {
    match shape {
        Shape::Docx => Some(docx::read(bytes)),
        _ => None,
    }
}

/// The shape a report's source is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Markdown,
    Plain,
    Html,
    Docx,
}

impl Shape {
    /// Markup laid out for reading: `--fix` cannot edit it.
    pub fn is_markup(self) -> bool {
        matches!(self, Shape::Html | Shape::Docx)
    }

    /// The shape of `bytes`: from the content first; `hint` (an extension
    /// such as `md`, or a language id such as `markdown`) decides only when
    /// the content could be either Markdown or plain text.
    pub fn detect(bytes: &[u8], hint: Option<&str>) -> Shape {
        if bytes.starts_with(b"PK\x03\x04") {
            return Shape::Docx;
        }
        match simdutf8::basic::from_utf8(bytes) {
            Ok(text) => Shape::detect_text(text, hint),
            // Not UTF-8 (GB18030, UTF-16…): the page's markup is ASCII,
            // Markdown syntax is not judged, the hint decides.
            Err(_) => {
                let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
                Shape::classify(&head, "", hint)
            }
        }
    }

    /// [`Shape::detect`] for text already decoded.
    pub fn detect_text(text: &str, hint: Option<&str>) -> Shape {
        let mut cut = text.len().min(4096);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        Shape::classify(&text[..cut], text, hint)
    }

    /// `head`: the first 4 KB, for markup; `text`: all of it, for Markdown.
    fn classify(head: &str, text: &str, hint: Option<&str>) -> Shape {
        if looks_like_html(head) {
            return Shape::Html;
        }
        if markdown::has_markdown_syntax(text) {
            return Shape::Markdown;
        }
        let hinted = hint.and_then(|h| match h.to_ascii_lowercase().as_str() {
            "gongkai-report" | "gongkai" => Some(Shape::Markdown),
            ext => Shape::of_extension(ext),
        });
        match hinted {
            Some(Shape::Markdown) => Shape::Markdown,
            Some(Shape::Html) if head.contains('<') => Shape::Html,
            _ => Shape::Plain,
        }
    }

    /// The shape a report file's extension (any case) suggests.
    pub fn of_extension(ext: &str) -> Option<Shape> {
        REPORT_EXTENSIONS
            .iter()
            .find(|(e, _)| e.eq_ignore_ascii_case(ext))
            .map(|(_, s)| *s)
    }

    /// The shape `path`'s extension suggests, if it is a report file.
    pub fn of_path(path: &std::path::Path) -> Option<Shape> {
        Shape::of_extension(path.extension()?.to_str()?)
    }
}

/// An HTML page, not a Markdown or text report with a comment in it: it
/// opens with a doctype or one of the elements a page starts with.
fn looks_like_html(head: &str) -> bool {
    let s = head.trim_start_matches('\u{feff}').trim_start();
    // Every opening below starts with `<`; a report's first words do not.
    if !s.starts_with('<') {
        return false;
    }
    let lower: String = s.chars().take(64).collect::<String>().to_ascii_lowercase();
    let lower = lower.strip_prefix("<?xml").map_or(lower.as_str(), |_| {
        // An XHTML page: look past the XML declaration.
        ""
    });
    if lower.is_empty() {
        return s.to_ascii_lowercase().contains("<html");
    }
    [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<div",
        "<table",
        "<p>",
        "<p ",
        "<title",
        "<section",
        "<article",
    ]
    .iter()
    .any(|t| lower.starts_with(t))
}

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
    /// Cells on a line that is not a row: a run of pipes standing for the
    /// empty cells of a merged one in pasted text (`|||`).
    Cells { cells: Vec<Span> },
    /// A pipe-table delimiter row (`|---|---|`), a setext underline, or a
    /// line inside a code fence: nothing of the report.
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

/// Classify every line of `text`, in the shape its content shows.
pub fn read(text: &str) -> Document {
    let shape = if markdown::has_markdown_syntax(text) {
        Shape::Markdown
    } else {
        Shape::Plain
    };
    read_as(text, shape)
}

/// Classify every line of `text` as `shape`. For HTML and .docx, `text` is
/// the Markdown their [`View`] laid out.
pub fn read_as(text: &str, shape: Shape) -> Document {
    read_lines(text, shape, &LaidOut::default())
}

/// Classify every line of `view`'s text (the Markdown it laid out), with
/// the table rows its writer recorded.
pub fn read_view(view: &View) -> Document {
    let laid_out = LaidOut {
        rows: &view.rows,
        cells: &view.cells,
    };
    read_lines(&view.text, Shape::Html, &laid_out)
}

/// The table rows a [`View`]'s writer recorded (see `View::rows`).
#[derive(Default)]
pub struct LaidOut<'v> {
    rows: &'v [(usize, std::ops::Range<usize>)],
    cells: &'v [Span],
}

fn read_lines(text: &str, shape: Shape, laid_out: &LaidOut) -> Document {
    let spans = line_spans(text);
    let kinds = match shape {
        Shape::Markdown => markdown::read(text, &spans),
        Shape::Plain => plain::read(text, &spans),
        // Only ever the Markdown a View laid out.
        Shape::Html | Shape::Docx => markdown::read_laid_out(text, &spans, laid_out),
    };
    Document {
        lines: spans
            .into_iter()
            .zip(kinds)
            .map(|(span, kind)| Line { span, kind })
            .collect(),
    }
}

/// The lines of `text`, without their endings (`\n` or `\r\n`).
pub fn line_spans(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    // Most reports end lines with `\n` (or `\r\n`): size the list once.
    let mut out = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
    let mut start = 0;
    // Lines end as in the editor (LSP): `\n`, `\r\n` or a bare `\r`. One
    // search over the text (a search per line cost more than the lines).
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if i < start {
            // The `\n` of a `\r\n` already taken.
            continue;
        }
        out.push(start..i);
        start = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i + 2
        } else {
            i + 1
        };
    }
    out.push(start..text.len());
    out
}

/// The cells of a row of pipes: `content` is the trimmed span of `line`
/// (holding a pipe); each cell is trimmed and moved by `offset`. A leading
/// pipe opens the row (`| a | b |`); a last cell may lack its pipe
/// (`a | b`). Markdown rows and pasted ones are split alike.
fn pipe_row(line: &str, content: Span, offset: usize) -> Vec<Span> {
    let leading = line.as_bytes().get(content.start) == Some(&b'|');
    // Room for a row of the official tables without growing.
    let mut cells = Vec::with_capacity(16);
    let mut start = content.start;
    let mut push = |s: Span| cells.push(s.start + offset..s.end + offset);
    for (k, b) in pipe_bounds(line, content.clone()).enumerate() {
        if !(leading && k == 0) {
            push(trim_span(line, start..b));
        }
        start = b + 1;
    }
    let rest = trim_span(line, start..content.end);
    if !rest.is_empty() {
        push(rest);
    }
    cells
}

/// The positions of the pipes in `span` of `line` that separate cells
/// (`\|` does not), in order. An iterator: a list of positions per row was
/// among the most frequent allocations of a folder run.
fn pipe_bounds(line: &str, span: Span) -> impl Iterator<Item = usize> + '_ {
    let end = span.end.min(line.len());
    let bytes = &line.as_bytes()[..end];
    let mut i = span.start;
    std::iter::from_fn(move || {
        while let Some(k) = memchr::memchr2(b'|', b'\\', bytes.get(i..)?) {
            let at = i + k;
            if bytes[at] == b'|' {
                i = at + 1;
                return Some(at);
            }
            // `\|` does not split (nor does any escaped byte).
            i = at + 2;
        }
        i = end;
        None
    })
}

/// Trim whitespace (including the ideographic space and NBSP) from both
/// ends of `span` in `text`.
#[inline]
pub fn trim_span(text: &str, span: Span) -> Span {
    // Most cells are ASCII blanks around words that begin and end with a
    // character plainly not whitespace, told from its bytes: trimmed
    // without decoding (this runs for every cell of every table, inlined).
    let b = &text.as_bytes()[span.clone()];
    let (mut lo, mut hi) = (0, b.len());
    while lo < hi && matches!(b[lo], b' ' | b'\t') {
        lo += 1;
    }
    while hi > lo && matches!(b[hi - 1], b' ' | b'\t') {
        hi -= 1;
    }
    if lo == hi {
        return span.start..span.start;
    }
    if plainly_not_space(&b[lo..hi]) && ends_plainly(&b[lo..hi]) {
        return span.start + lo..span.start + hi;
    }
    trim_span_decoding(text, span)
}

/// [`trim_span`] by characters.
fn trim_span_decoding(text: &str, span: Span) -> Span {
    let s = &text[span.clone()];
    let is_ws = |c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' || c == '\u{feff}';
    let lead = s.len() - s.trim_start_matches(is_ws).len();
    let trail = s.len() - s.trim_end_matches(is_ws).len();
    if lead == s.len() {
        return span.start..span.start;
    }
    span.start + lead..span.end - trail
}

/// Whether the last character of `b` (not empty, UTF-8) is certainly not
/// whitespace: printable ASCII or a CJK ideograph are told at once.
fn ends_plainly(b: &[u8]) -> bool {
    match b {
        [.., 0x21..=0x7e] => true,
        [.., 0xe4..=0xe9, 0x80..=0xbf, 0x80..=0xbf] => true,
        _ => b
            .iter()
            .rposition(|&x| x & 0xc0 != 0x80)
            .is_some_and(|last| plainly_not_space(&b[last..])),
    }
}

/// Whether the character at the start of `b` is certainly not whitespace
/// (nor U+FEFF): printable ASCII, a CJK ideograph, CJK punctuation other
/// than U+3000, a full-width form. `false` means "look closer".
fn plainly_not_space(b: &[u8]) -> bool {
    match b {
        [0x21..=0x7e, ..] | [0xe4..=0xe9, ..] => true,
        [0xe3, second, third, ..] => !(*second == 0x80 && *third == 0x80),
        [0xef, 0xbc..=0xbf, ..] => true,
        _ => false,
    }
}

impl Document {
    /// The tokens of lines `range` (table cells, pasted lines, blank lines).
    pub fn tokens(&self, range: std::ops::Range<usize>) -> Vec<Token> {
        let lines = self.lines.get(range.clone()).unwrap_or_default();
        let count = lines
            .iter()
            .map(|l| match &l.kind {
                LineKind::Row { cells } | LineKind::Cells { cells } => cells.len() + 1,
                _ => 1,
            })
            .sum();
        let mut out = Vec::with_capacity(count);
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
                LineKind::Cells { cells } => out.extend(cells.iter().map(|c| Token {
                    kind: TokenKind::Empty,
                    span: c.clone(),
                    line: i,
                    in_row: false,
                })),
                LineKind::Delimiter => {}
            }
        }
        out
    }

    /// The index of the line (block) whose span holds `offset`, or the last
    /// one that starts before it.
    pub fn line_at(&self, offset: usize) -> Option<usize> {
        let after = self.lines.partition_point(|l| l.span.start <= offset);
        after.checked_sub(1)
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
    fn trimming_knows_every_kind_of_space() {
        fn trimmed(t: &str) -> &str {
            &t[trim_span(t, 0..t.len())]
        }
        assert_eq!(trimmed("（一）予以公开"), "（一）予以公开");
        assert_eq!(trimmed("\u{3000}（一）\u{3000}"), "（一）");
        assert_eq!(trimmed("\u{feff}12\u{a0}"), "12");
        assert_eq!(trimmed("\u{2003}“总计”\u{2028}"), "“总计”");
        assert_eq!(trimmed(" 、 "), "、");
        assert_eq!(trimmed("\t \u{3000}"), "");
        assert_eq!(trimmed("３"), "３");
        assert_eq!(trimmed(" 公开 \u{3000}"), "公开");
        assert_eq!(trimmed("\t公开a "), "公开a");
        // Within a line: a blank span is empty where it starts.
        assert_eq!(trim_span("ab  \t  cd", 2..7), 2..2);
        assert_eq!(trim_span("| 12 | 公开 |", 1..5), 2..4);
        assert_eq!(trim_span("| 12 | 公开 |", 6..14), 7..13);
    }

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
