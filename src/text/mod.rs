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
