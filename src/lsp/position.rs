//! The one place where LSP positions meet byte offsets.
//!
//! The counting itself is [`crate::text::LineIndex`]'s; this module picks the
//! column unit from the negotiated `positionEncoding` and converts whole
//! positions, ranges and the edits of `didChange` (applied to a rope).

use std::ops::Range as Span;

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

use crate::text::{ColumnKind, LineIndex, Position as TextPosition};

/// The column unit agreed with the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8 code units (bytes), when the client offers `utf-8`.
    Utf8,
    /// UTF-16 code units: LSP's default, and what every client supports.
    #[default]
    Utf16,
}

impl Encoding {
    /// UTF-8 if the client offers it, else UTF-16 (which every client must
    /// support).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn columns(self) -> ColumnKind {
        match self {
            Encoding::Utf8 => ColumnKind::Utf8,
            Encoding::Utf16 => ColumnKind::Utf16,
        }
    }
}

/// Converts between byte offsets in one text and LSP positions.
#[derive(Clone, Copy)]
pub struct Mapper<'a> {
    text: &'a str,
    index: &'a LineIndex,
    encoding: Encoding,
}

impl<'a> Mapper<'a> {
    pub fn new(text: &'a str, index: &'a LineIndex, encoding: Encoding) -> Self {
        Mapper {
            text,
            index,
            encoding,
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        let p = self
            .index
            .position(self.text, offset, self.encoding.columns());
        Position::new(p.line, p.column)
    }

    pub fn range(&self, span: &Span<usize>) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// Position → byte offset, clamped as LSP asks: a column past the end
    /// of its line means the line's end.
    pub fn offset(&self, pos: Position) -> usize {
        self.index.offset(
            self.text,
            TextPosition {
                line: pos.line,
                column: pos.character,
            },
            self.encoding.columns(),
        )
    }

    pub fn span(&self, range: Range) -> Span<usize> {
        let a = self.offset(range.start);
        let b = self.offset(range.end);
        a.min(b)..a.max(b)
    }
}

/// Position → char index in `rope`, for applying an incremental change.
/// Lines end at `\n`, `\r\n` or a bare `\r`, as in [`LineIndex`] (ropey's
/// `cr_lines`); out-of-range positions clamp to the line's or the text's
/// end. O(log n): no walk along the line.
pub fn rope_char(rope: &Rope, pos: Position, encoding: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let start = rope.line_to_char(line);
    let slice = rope.line(line);
    let mut len = slice.len_chars();
    // Drop the line ending: `\r\n` is one break, `\n` or `\r` alone another.
    if len > 0 && slice.char(len - 1) == '\n' {
        len -= 1;
    }
    if len > 0 && slice.char(len - 1) == '\r' {
        len -= 1;
    }
    let end = start + len;
    let column = pos.character as usize;
    match encoding {
        Encoding::Utf16 => {
            let target = rope.char_to_utf16_cu(start).saturating_add(column);
            rope.utf16_cu_to_char(target.min(rope.char_to_utf16_cu(end)))
        }
        Encoding::Utf8 => {
            let target = rope.char_to_byte(start).saturating_add(column);
            rope.byte_to_char(target.min(rope.char_to_byte(end)))
        }
    }
}

/// Apply one `didChange` edit (a range and its replacement) to `rope`.
pub fn apply_edit(rope: &mut Rope, range: Range, new_text: &str, encoding: Encoding) {
    let a = rope_char(rope, range.start, encoding);
    let b = rope_char(rope, range.end, encoding);
    let (a, b) = (a.min(b), a.max(b));
    rope.remove(a..b);
    rope.insert(a, new_text);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CJK (3 bytes, 1 unit), 𠮷 (CJK Ext-B: 4 bytes, 2 UTF-16 units) and
    /// 😀 (4 bytes, 2 units) before the target.
    const TEXT: &str = "总计\r\n𠮷😀（七）总计 6\n末";

    #[test]
    fn negotiation_prefers_utf8() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF16])),
            Encoding::Utf16
        );
        assert_eq!(
            Encoding::negotiate(Some(&[
                PositionEncodingKind::UTF16,
                PositionEncodingKind::UTF8
            ])),
            Encoding::Utf8
        );
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Encoding::Utf16
        );
    }

    #[test]
    fn cjk_ext_b_and_emoji_columns() {
        let idx = LineIndex::new(TEXT);
        let six = TEXT.find('6').unwrap_or_default();
        let u16 = Mapper::new(TEXT, &idx, Encoding::Utf16);
        let u8 = Mapper::new(TEXT, &idx, Encoding::Utf8);
        // 𠮷 2 + 😀 2 + （七）总计 5 + space 1 = 10 UTF-16 units.
        assert_eq!(u16.position(six), Position::new(1, 10));
        // 4 + 4 + 5×3 + 1 = 24 bytes.
        assert_eq!(u8.position(six), Position::new(1, 24));
        assert_eq!(u16.offset(Position::new(1, 10)), six);
        assert_eq!(u8.offset(Position::new(1, 24)), six);
        // Inside 𠮷's surrogate pair: back to its start.
        assert_eq!(
            u16.offset(Position::new(1, 1)),
            TEXT.find('𠮷').unwrap_or(0)
        );
        // Past the line's end (before \r\n): the line's end.
        assert_eq!(u16.offset(Position::new(0, 99)), "总计".len());
        assert_eq!(u16.range(&(six..six + 1)).end, Position::new(1, 11));
    }

    #[test]
    fn rope_edits_in_both_encodings() {
        for (enc, col) in [(Encoding::Utf16, 10), (Encoding::Utf8, 24)] {
            let mut rope = Rope::from_str(TEXT);
            apply_edit(
                &mut rope,
                Range::new(Position::new(1, col), Position::new(1, col + 1)),
                "7",
                enc,
            );
            assert_eq!(rope.to_string(), TEXT.replace(" 6", " 7"));
            // Insert at the very end, and past it.
            apply_edit(
                &mut rope,
                Range::new(Position::new(9, 0), Position::new(9, 0)),
                "!",
                enc,
            );
            assert!(rope.to_string().ends_with("末!"));
        }
        // Replace across lines, CRLF kept intact around the edit.
        let mut rope = Rope::from_str(TEXT);
        apply_edit(
            &mut rope,
            Range::new(Position::new(0, 1), Position::new(1, 4)),
            "X",
            Encoding::Utf16,
        );
        assert_eq!(rope.to_string(), "总X（七）总计 6\n末");
    }
}
