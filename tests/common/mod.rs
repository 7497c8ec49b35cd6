//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn read(rel: &str) -> String {
    let p = fixtures().join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

pub fn seed() -> String {
    read("seed/seed-2020.txt")
}

/// Convert every GFM pipe table to the seed's one-cell-a-line layout:
/// each cell on its own tab-indented line (an empty cell a tab-only line),
/// rows separated by a blank line. Everything else is kept.
pub fn to_one_cell_a_line(md: &str) -> String {
    let mut out = String::new();
    for line in md.lines() {
        let t = line.trim();
        if t.starts_with('|') {
            if t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
                continue;
            }
            let inner = t.trim_start_matches('|').trim_end_matches('|');
            for cell in inner.split('|') {
                out.push('\t');
                out.push_str(cell.trim());
                out.push('\n');
            }
            out.push('\n');
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Replace the `n`th (0-based) occurrence of `from` after `after` with `to`.
pub fn replace_after(text: &str, after: &str, from: &str, to: &str, n: usize) -> String {
    let start = text
        .find(after)
        .unwrap_or_else(|| panic!("{after:?} not in text"));
    let mut at = start;
    for _ in 0..=n {
        at = text[at..]
            .find(from)
            .map(|i| at + i)
            .unwrap_or_else(|| panic!("{from:?} not after {after:?}"))
            + from.len();
    }
    let s = at - from.len();
    format!("{}{}{}", &text[..s], to, &text[at..])
}
