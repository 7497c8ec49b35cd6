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

/// Whether `bytes` hold a control character other than a tab or a line
/// ending. Told a block of 64 bytes at a time without branching inside the
/// block, which the compiler turns into vector code: a byte-at-a-time
/// search of every Markdown document was 4 % of checking a folder.
pub fn has_control(bytes: &[u8]) -> bool {
    let bad = |b: u8| {
        u8::from(b < 0x20) & u8::from(b != b'\t') & u8::from(b != b'\n') & u8::from(b != b'\r')
    };
    let mut blocks = bytes.chunks_exact(64);
    for block in &mut blocks {
        if block.iter().fold(0u8, |acc, &b| acc | bad(b)) != 0 {
            return true;
        }
    }
    blocks.remainder().iter().any(|&b| bad(b) != 0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_anywhere_in_a_block() {
        let plain = "年度报告\t第一\r\n二\n".repeat(20);
        assert!(!super::has_control(plain.as_bytes()));
        for at in [0, 63, 64, 100, plain.len() - 1] {
            for c in [0u8, 0x07, 0x0b, 0x0c, 0x1b, 0x1f] {
                let mut b = plain.clone().into_bytes();
                b[at] = c;
                assert!(super::has_control(&b), "{c:#x} at {at}");
            }
        }
        assert!(!super::has_control(b""));
        assert!(!super::has_control(b" \x20\x7f"));
    }
}
