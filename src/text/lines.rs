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

/// Bytes between two marks: a conversion walks at most this far, so
/// positions on a very long line cost O(log n), not the line's length.
const STRIDE: usize = 256;

/// Characters and UTF-16 units before byte `byte` of the text.
#[derive(Debug, Clone, Copy, Default)]
struct Mark {
    byte: usize,
    chars: usize,
    utf16: usize,
}

impl Mark {
    fn units(&self, kind: ColumnKind) -> usize {
        match kind {
            ColumnKind::Chars => self.chars,
            ColumnKind::Utf16 => self.utf16,
            ColumnKind::Utf8 => self.byte,
        }
    }

    /// Walk forward over `c`.
    fn step(&mut self, c: char) {
        self.byte += c.len_utf8();
        self.chars += 1;
        self.utf16 += c.len_utf16();
    }

    /// Walk forward over `bytes`, whole characters, counted from their
    /// bytes: a character is a byte that is not a continuation byte, and one
    /// beyond the BMP (a four-byte one) is two UTF-16 units.
    fn skip(mut self, bytes: &[u8]) -> Mark {
        // Counted in chunks of at most 255 into bytes, which the compiler
        // turns into vector adds.
        let (mut chars, mut astral) = (0usize, 0usize);
        for chunk in bytes.chunks(255) {
            let (mut c, mut a) = (0u8, 0u8);
            for &b in chunk {
                c += u8::from((b as i8) >= -0x40);
                a += u8::from(b >= 0xf0);
            }
            chars += usize::from(c);
            astral += usize::from(a);
        }
        self.byte += bytes.len();
        self.chars += chars;
        self.utf16 += chars + astral;
        self
    }
}

/// Start offsets of every line, for converting byte offsets to positions and
/// back. Lines end as LSP says they do: at `\n`, `\r\n` or a bare `\r`.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Counts at char boundaries about every [`STRIDE`] bytes (the first at 0).
    marks: Vec<Mark>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let ends_line = bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n');
            if ends_line {
                starts.push(i + 1);
            }
        }
        // A mark at the first character boundary at or after every STRIDE
        // bytes from the last one.
        let mut marks = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut at = Mark::default();
        marks.push(at);
        while at.byte + STRIDE <= bytes.len() {
            let mut end = at.byte + STRIDE;
            while !text.is_char_boundary(end) {
                end += 1;
            }
            at = at.skip(&bytes[at.byte..end]);
            marks.push(at);
        }
        LineIndex {
            starts,
            marks,
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

    /// The line containing byte `offset` (clamped to the text). The `\n`
    /// of a `\r\n` belongs to the line the `\r` ends.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// The counts before byte `offset`, which must be a char boundary.
    fn mark_at(&self, text: &str, offset: usize) -> Mark {
        let i = self.marks.partition_point(|m| m.byte <= offset);
        let m = self.marks[i.saturating_sub(1)];
        m.skip(&text.as_bytes()[m.byte..offset])
    }

    /// Byte offset → position, counting columns as `kind`. An offset inside
    /// a character is moved to that character's start.
    pub fn position(&self, text: &str, offset: usize, kind: ColumnKind) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line].min(offset);
        let column = match kind {
            ColumnKind::Utf8 => offset - start,
            _ => {
                let a = self.mark_at(text, start);
                let b = self.mark_at(text, offset);
                b.units(kind) - a.units(kind)
            }
        };
        Position {
            line: line as u32,
            column: u32::try_from(column).unwrap_or(u32::MAX),
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
        let column = pos.column as usize;
        if kind == ColumnKind::Utf8 {
            let at = span.start.saturating_add(column).min(span.end);
            return floor_char_boundary(text, at);
        }
        let start = self.mark_at(text, span.start);
        let target = start.units(kind).saturating_add(column);
        // The last mark inside the line at or before the target column.
        let first = self.marks.partition_point(|m| m.byte <= span.start);
        let last = self.marks.partition_point(|m| m.byte <= span.end);
        let within = &self.marks[first.min(last)..last];
        let k = within.partition_point(|m| m.units(kind) <= target);
        let mut m = if k == 0 { start } else { within[k - 1] };
        for c in text[m.byte..span.end].chars() {
            let mut next = m;
            next.step(c);
            if next.units(kind) > target {
                return m.byte;
            }
            m = next;
        }
        span.end
    }
}

/// The largest char boundary at or before `i` (`i` ≤ `text.len()`).
fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
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
    #[test]
    fn a_bare_cr_ends_a_line() {
        let text = "一\r二\r\n三\n四\r";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 5);
        assert_eq!(&text[idx.line_span(text, 1)], "二");
        assert_eq!(&text[idx.line_span(text, 3)], "四");
        assert_eq!(idx.line_span(text, 4), text.len()..text.len());
        let three = text.find('三').unwrap_or(0);
        assert_eq!(
            idx.position(text, three, ColumnKind::Utf16),
            Position { line: 2, column: 0 }
        );
        assert_eq!(
            idx.offset(text, Position { line: 1, column: 9 }, ColumnKind::Utf16),
            text.find("二").unwrap_or(0) + "二".len()
        );
    }

    /// Every offset of a long mixed line, against counting from the start.
    #[test]
    fn long_lines_agree_with_a_walk_from_the_start() {
        let line: String = (0..400)
            .map(|i| ["a", "总", "𠮷", "😀", "\t"][i % 5])
            .collect();
        let text = format!("x\n{line}\r\ny");
        let idx = LineIndex::new(&text);
        let start = 2;
        for kind in [ColumnKind::Chars, ColumnKind::Utf16, ColumnKind::Utf8] {
            let mut column = 0u32;
            for (i, c) in text[start..start + line.len()].char_indices() {
                let p = Position { line: 1, column };
                assert_eq!(idx.position(&text, start + i, kind), p, "{kind:?} {i}");
                assert_eq!(idx.offset(&text, p, kind), start + i, "{kind:?} {i}");
                column += match kind {
                    ColumnKind::Chars => 1,
                    ColumnKind::Utf16 => c.len_utf16() as u32,
                    ColumnKind::Utf8 => c.len_utf8() as u32,
                };
            }
            let end = Position { line: 1, column };
            assert_eq!(idx.position(&text, start + line.len(), kind), end);
            assert_eq!(
                idx.offset(
                    &text,
                    Position {
                        line: 1,
                        column: column + 5
                    },
                    kind
                ),
                start + line.len()
            );
        }
    }
}
