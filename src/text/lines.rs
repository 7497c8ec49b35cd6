/// How a column is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Unicode scalar values: the CLI's and the JSON output's columns.
    Chars,
    /// UTF-16 code units: LSP's default.
    Utf16,
    /// Bytes: LSP clients that negotiate `utf-8`.
    Utf8,
}

/// A zero-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// Start offsets of every line, for converting byte offsets to positions and
/// back. Lines end at `\n`; a `\r` before it belongs to the line ending.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
            }
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte range of line `line` without its line ending.
    pub fn line_span(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(line).copied().unwrap_or(self.len);
        let mut end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end
    }

    /// The line containing byte `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset → position, counting columns as `kind`. An offset inside
    /// a character is moved to that character's start.
    pub fn position(&self, text: &str, offset: usize, kind: ColumnKind) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.starts[line];
        let mut column = 0u32;
        for (i, c) in text[start..].char_indices() {
            if start + i >= offset {
                break;
            }
            column += match kind {
                ColumnKind::Chars => 1,
                ColumnKind::Utf16 => c.len_utf16() as u32,
                ColumnKind::Utf8 => c.len_utf8() as u32,
            };
        }
        Position {
            line: line as u32,
            column,
        }
    }

    /// Position → byte offset. Columns past the end of the line clamp to the
    /// line end; a column inside a surrogate pair (or a UTF-8 sequence) moves
    /// to the character's start. Lines past the end clamp to the text's end.
    pub fn offset(&self, text: &str, pos: Position, kind: ColumnKind) -> usize {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let span = self.line_span(text, line);
        let mut column = 0u32;
        for (i, c) in text[span.clone()].char_indices() {
            let w = match kind {
                ColumnKind::Chars => 1,
                ColumnKind::Utf16 => c.len_utf16() as u32,
                ColumnKind::Utf8 => c.len_utf8() as u32,
            };
            if column + w > pos.column {
                return span.start + i;
            }
            column += w;
        }
        span.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "标题\r\n𠮷a😀总计 6\n\n末";

    #[test]
    fn columns_in_three_units() {
        let idx = LineIndex::new(TEXT);
        let six = TEXT.find('6').unwrap();
        assert_eq!(
            idx.position(TEXT, six, ColumnKind::Chars),
            Position { line: 1, column: 6 }
        );
        // 𠮷 and 😀 are two UTF-16 units each.
        assert_eq!(
            idx.position(TEXT, six, ColumnKind::Utf16),
            Position { line: 1, column: 8 }
        );
        assert_eq!(
            idx.position(TEXT, six, ColumnKind::Utf8),
            Position {
                line: 1,
                column: 16
            }
        );
        for kind in [ColumnKind::Chars, ColumnKind::Utf16, ColumnKind::Utf8] {
            let p = idx.position(TEXT, six, kind);
            assert_eq!(idx.offset(TEXT, p, kind), six);
        }
    }

    #[test]
    fn crlf_and_clamping() {
        let idx = LineIndex::new(TEXT);
        assert_eq!(idx.line_span(TEXT, 0), 0..6);
        assert_eq!(
            idx.offset(
                TEXT,
                Position {
                    line: 0,
                    column: 99
                },
                ColumnKind::Utf16
            ),
            6
        );
        assert_eq!(
            idx.offset(
                TEXT,
                Position {
                    line: 99,
                    column: 0
                },
                ColumnKind::Utf16
            ),
            TEXT.len()
        );
        // Inside the surrogate pair of 𠮷: back to its start.
        let start = idx.offset(TEXT, Position { line: 1, column: 0 }, ColumnKind::Utf16);
        assert_eq!(
            idx.offset(TEXT, Position { line: 1, column: 1 }, ColumnKind::Utf16),
            start
        );
        assert_eq!(idx.line_count(), 4);
        assert_eq!(
            idx.position(TEXT, TEXT.len(), ColumnKind::Chars),
            Position { line: 3, column: 1 }
        );
    }
}
