//! A report read out of markup (HTML, .docx), laid out as Markdown: the text
//! the report is read from, and where each piece of it stands in the source.

use crate::diagnostic::Span;

/// Why a file could not be read as a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Larger than the reader accepts (a zip or XML bomb, or not a report).
    TooLarge { what: &'static str, limit: u64 },
    /// Not a readable file of its kind (a truncated zip, no document part).
    Corrupt(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::TooLarge { what, limit } => write!(
                f,
                "{what}超过 {} MB 的上限，不像是一份年度报告，没有读取",
                limit / (1024 * 1024)
            ),
            ReadError::Corrupt(why) => write!(f, "无法读取：{why}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// A Markdown layout of a markup source.
#[derive(Debug, Clone, Default)]
pub struct View {
    /// The Markdown the report is read from.
    pub text: String,
    /// Mapped runs of `text`, in order.
    pieces: Vec<Piece>,
    /// Positions in `text` that stand for a point of the source (an empty
    /// cell: the inside of its tag), in order.
    anchors: Vec<(usize, usize)>,
    /// Where a block starts in `text`, and how to name it to a reader of
    /// the source (`第3段`, `第2个表格第5行第3列`); in order.
    places: Vec<(usize, String)>,
    /// Whether spans already are spans of the source (the .docx text).
    identity: bool,
    /// The table rows the writer laid out, so that reading the view does
    /// not split them again: where each starts in `text`, and its cells in
    /// `cells`. In order.
    pub(super) rows: Vec<(usize, std::ops::Range<usize>)>,
    /// Each laid-out cell's span between its pipes, row after row.
    pub(super) cells: Vec<Span>,
}

#[derive(Debug, Clone)]
struct Piece {
    at: usize,
    len: usize,
    source: Span,
    /// Byte for byte the same as the source (else the whole piece stands
    /// for the whole source span: an entity, say).
    exact: bool,
}

impl View {
    /// A view whose text is itself what positions are counted in (the text
    /// drawn from a .docx), with only the places to name.
    pub(crate) fn identity() -> View {
        View {
            identity: true,
            ..View::default()
        }
    }

    /// Room for `text` bytes of text made of about `pieces` mapped runs.
    pub(crate) fn reserve(&mut self, text: usize, pieces: usize) {
        self.text.reserve(text);
        self.pieces.reserve(pieces);
    }

    /// Append text that has no counterpart in the source (pipes, marks).
    pub(crate) fn push_synthetic(&mut self, s: &str) {
        self.text.push_str(s);
    }

    /// Append `s`, which stands for `source`.
    pub(crate) fn push_mapped(&mut self, s: &str, source: Span, exact: bool) {
        if s.is_empty() {
            return;
        }
        let at = self.text.len();
        self.text.push_str(s);
        if let Some(last) = self.pieces.last_mut() {
            if exact && last.exact && last.at + last.len == at && last.source.end == source.start {
                last.len += s.len();
                last.source.end = source.end;
                return;
            }
        }
        self.pieces.push(Piece {
            at,
            len: s.len(),
            source,
            exact,
        });
    }

    /// Room for `rows` laid-out table rows of `cells` cells in all.
    pub(crate) fn reserve_rows(&mut self, rows: usize, cells: usize) {
        self.rows.reserve(rows);
        self.cells.reserve(cells);
    }

    /// Start a laid-out table row (`|`), recorded with its cells (see
    /// [`View::close_cell`]) so that reading the view need not split it.
    /// The writer keeps each row on one line.
    pub(crate) fn open_row(&mut self) {
        let at = self.cells.len();
        self.rows.push((self.text.len(), at..at));
        self.text.push('|');
    }

    /// End a cell of the row opened last with `closing` (white space, then
    /// the pipe), recording the cell from `from`, just after the pipe before
    /// it, to this pipe.
    pub(crate) fn close_cell(&mut self, from: usize, closing: &str) {
        debug_assert!(closing.ends_with('|'));
        self.text.push_str(closing);
        self.cells.push(from..self.text.len() - 1);
        if let Some(row) = self.rows.last_mut() {
            row.1.end = self.cells.len();
        }
    }

    /// The current end of the text stands for `source_offset`.
    pub(crate) fn anchor(&mut self, source_offset: usize) {
        self.anchors.push((self.text.len(), source_offset));
    }

    /// A block named `place` starts at the current end of the text.
    pub(crate) fn mark_place(&mut self, place: String) {
        self.places.push((self.text.len(), place));
    }

    pub(crate) fn ends_line(&self) -> bool {
        self.text.is_empty() || self.text.ends_with('\n')
    }

    /// The source span of `span` of the text.
    pub fn to_source(&self, span: Span) -> Span {
        if self.identity {
            return span;
        }
        let start = self.source_start(span.start);
        if span.is_empty() {
            return start..start;
        }
        let end = self.source_end(span.end).max(start);
        start..end
    }

    fn source_start(&self, at: usize) -> usize {
        let anchor = self.anchors.partition_point(|a| a.0 < at);
        let anchored = self.anchors.get(anchor).filter(|a| a.0 == at).map(|a| a.1);
        let i = self.pieces.partition_point(|p| p.at + p.len <= at);
        match self.pieces.get(i) {
            Some(p) if p.at <= at => {
                if p.exact {
                    p.source.start + (at - p.at)
                } else {
                    p.source.start
                }
            }
            // Between pieces: an empty cell's anchor, or the next piece.
            Some(p) => anchored.unwrap_or(p.source.start),
            None => anchored
                .or_else(|| self.pieces.last().map(|p| p.source.end))
                .unwrap_or(0),
        }
    }

    fn source_end(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.at + p.len < at);
        match self.pieces.get(i) {
            Some(p) if p.at < at => {
                if p.exact {
                    p.source.start + (at - p.at)
                } else {
                    p.source.end
                }
            }
            _ => match i.checked_sub(1).and_then(|k| self.pieces.get(k)) {
                Some(p) => p.source.end,
                None => self.source_start(at),
            },
        }
    }

    /// How to name the block that holds `offset` of the text, if the
    /// source has such names (.docx).
    pub fn place(&self, offset: usize) -> Option<&str> {
        let i = self.places.partition_point(|p| p.0 <= offset);
        i.checked_sub(1).map(|k| self.places[k].1.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_exact_and_entity_pieces() {
        let mut v = View::default();
        v.push_synthetic("| ");
        v.push_mapped("总计", 10..16, true);
        v.push_mapped(" ", 16..22, false);
        v.push_synthetic(" | ");
        v.anchor(40);
        v.push_synthetic(" |");
        // "总" is bytes 2..5 of the text, 10..13 of the source.
        assert_eq!(v.to_source(2..5), 10..13);
        assert_eq!(v.to_source(2..8), 10..16);
        assert_eq!(v.to_source(8..9), 16..22);
        let empty = v.text.len() - 2;
        assert_eq!(v.to_source(empty..empty), 40..40);
    }
}
