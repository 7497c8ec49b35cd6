//! The Markdown shape: `#` headings, GFM pipe tables, HTML comments.

use super::{trim_span, LineKind};

/// Classify a line if it is Markdown-specific; `None` leaves it to the plain
/// reader. `offset` is the line's start in the text.
pub fn classify(line: &str, offset: usize) -> Option<LineKind> {
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    if trimmed.starts_with("<!--") {
        return Some(LineKind::Comment {
            content: offset + lead..offset + line.trim_end().len(),
        });
    }
    if let Some(level) = heading_level(trimmed) {
        let after = lead + level as usize;
        let content = trim_span(line, after..line.len());
        let content = strip_closing_hashes(line, content);
        return Some(LineKind::Heading {
            level,
            content: content.start + offset..content.end + offset,
        });
    }
    if trimmed.starts_with('|') {
        let body = trimmed.trim_end();
        if is_delimiter(body) {
            return Some(LineKind::Delimiter);
        }
        return Some(LineKind::Row {
            cells: pipe_cells(line, offset),
        });
    }
    None
}

/// `#` to `######` followed by a space (or nothing).
fn heading_level(s: &str) -> Option<u8> {
    let n = s.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&n) && s[n..].chars().next().is_none_or(|c| c == ' ' || c == '\t') {
        Some(n as u8)
    } else {
        None
    }
}

fn strip_closing_hashes(line: &str, content: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let s = &line[content.clone()];
    let t = s.trim_end_matches('#');
    if t.len() < s.len() && (t.is_empty() || t.ends_with(' ')) {
        return trim_span(line, content.start..content.start + t.len());
    }
    content
}

fn is_delimiter(s: &str) -> bool {
    s.contains('-') && s.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// The cells of a pipe row, trimmed, as absolute spans. `\|` does not split.
fn pipe_cells(line: &str, offset: usize) -> Vec<std::ops::Range<usize>> {
    let bytes = line.as_bytes();
    let mut bounds = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'|' => bounds.push(i),
            _ => {}
        }
        i += 1;
    }
    let mut cells = Vec::new();
    for w in bounds.windows(2) {
        let span = trim_span(line, w[0] + 1..w[1]);
        cells.push(span.start + offset..span.end + offset);
    }
    // A row without a closing pipe still has its last cell.
    if let Some(&last) = bounds.last() {
        let rest = &line[last + 1..];
        if !rest.trim().is_empty() {
            let span = trim_span(line, last + 1..line.len());
            cells.push(span.start + offset..span.end + offset);
        }
    }
    cells
}
