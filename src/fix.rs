//! Applying fixes to text.

use crate::diagnostic::{Edit, Finding};

/// Apply the safe fixes of `findings` to `text`. Overlapping edits are
/// skipped (an identical duplicate is applied once). Returns the new text
/// and how many fixes were applied.
pub fn apply_safe(text: &str, findings: &[Finding]) -> (String, usize) {
    let fixes: Vec<&crate::diagnostic::Fix> =
        findings.iter().filter_map(|f| f.safe_fix()).collect();
    apply(text, fixes.iter().map(|f| f.edits.as_slice()))
}

/// Apply groups of edits (each group one fix, applied whole or not at all).
pub fn apply<'a>(text: &str, fixes: impl Iterator<Item = &'a [Edit]>) -> (String, usize) {
    let mut chosen: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    'fix: for edits in fixes {
        for e in edits {
            if e.span.end > text.len()
                || e.span.start > e.span.end
                || !text.is_char_boundary(e.span.start)
                || !text.is_char_boundary(e.span.end)
            {
                continue 'fix;
            }
            for c in &chosen {
                if *c == e {
                    continue;
                }
                let overlap = e.span.start < c.span.end && c.span.start < e.span.end;
                let same_point =
                    e.span.is_empty() && c.span.is_empty() && e.span.start == c.span.start;
                if overlap || same_point {
                    continue 'fix;
                }
            }
        }
        for e in edits {
            if !chosen.contains(&e) {
                chosen.push(e);
            }
        }
        applied += 1;
    }
    chosen.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in chosen {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.new_text);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// Check and fix until nothing safe is left (a fix can make another
/// finding appear or go), at most a few rounds.
pub fn fix_all(text: &str, options: &crate::CheckOptions) -> (String, usize) {
    let mut current = text.to_owned();
    let mut total = 0;
    for _ in 0..4 {
        let analysis = crate::analyze(&current, options);
        let (next, n) = apply_safe(&current, &analysis.findings);
        if n == 0 || next == current {
            break;
        }
        total += n;
        current = next;
    }
    (current, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(s: std::ops::Range<usize>, t: &str) -> Edit {
        Edit {
            span: s,
            new_text: t.into(),
        }
    }

    #[test]
    fn applies_and_skips_overlaps() {
        let text = "总计 6 和 7";
        let a = [edit(7..8, "5")];
        let b = [edit(7..8, "5")];
        let c = [edit(7..12, "x")];
        let d = [edit(13..14, "8")];
        let (out, n) = apply(text, [&a[..], &b[..], &c[..], &d[..]].into_iter());
        assert_eq!(out, "总计 5 和 8");
        assert_eq!(n, 3);
    }

    #[test]
    fn refuses_edits_off_char_boundaries() {
        let (out, n) = apply("总计", [&[edit(1..2, "x")][..]].into_iter());
        assert_eq!((out.as_str(), n), ("总计", 0));
    }
}
