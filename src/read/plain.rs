//! The plain-text shape: what "save as text" in Word/WPS or a copy from a
//! government web page gives. Tables become one cell a line, usually
//! tab-indented; an empty cell is a tab-only line; a row may also come as
//! one line of tab-separated cells.

use super::{trim_span, LineKind};

pub fn classify(line: &str, offset: usize) -> LineKind {
    let content = trim_span(line, 0..line.len());
    if content.is_empty() {
        return if line.contains('\t') {
            LineKind::EmptyCell
        } else {
            LineKind::Blank
        };
    }
    let body = &line[content.clone()];
    if let Some(rest) = body.strip_prefix('#') {
        if rest.trim_start().starts_with("gongkai-ignore") {
            return LineKind::Comment {
                content: content.start + offset..content.end + offset,
            };
        }
    }
    // Cells separated by tabs on one line: a whole row.
    if body.contains('\t') {
        let mut cells = Vec::new();
        let mut start = content.start;
        for (i, c) in line[content.clone()].char_indices() {
            if c == '\t' {
                let s = trim_span(line, start..content.start + i);
                cells.push(s.start + offset..s.end + offset);
                start = content.start + i + 1;
            }
        }
        let s = trim_span(line, start..content.end);
        cells.push(s.start + offset..s.end + offset);
        return LineKind::Row { cells };
    }
    let indented = line.starts_with('\t');
    LineKind::Text {
        content: content.start + offset..content.end + offset,
        indented,
    }
}
