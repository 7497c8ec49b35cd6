//! Bytes → text, byte offsets ↔ line/column positions, and searching
//! fixed words in many lines ([`Words`]).
//!
//! Everything downstream works on `&str` with byte spans; this module is the
//! only place that knows about encodings and about the three ways of counting
//! columns (Unicode scalar values for the CLI, UTF-16 or UTF-8 code units for
//! LSP clients).

mod decode;
mod encode;
mod lines;
mod words;

pub use decode::{decode, DecodeError, Decoded, Encoding};
pub use encode::encode;
pub use lines::{ColumnKind, LineIndex, Position};
pub use words::Words;

/// Whether byte `b` of UTF-8 text may begin a white space character (as
/// `char::is_whitespace` has it): an ASCII blank, or the lead byte of
/// U+0085 and U+00A0 (C2), U+1680 (E1), U+2000–U+205F (E2) or U+3000 (E3).
/// No other byte does, so text is scanned for white space without decoding
/// all of it.
pub const fn may_start_whitespace(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3)
}
