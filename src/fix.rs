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

/// Why fixes were not written back to a file. The messages are for the
/// report's writer.
#[derive(Debug)]
pub enum WriteError {
    /// The file is read-only: its owner did not want it changed.
    ReadOnly,
    /// The file has other hard links; replacing it would split them.
    HardLinks(u64),
    /// The file changed while it was checked (an editor saved it, a line
    /// was appended): writing would lose that change.
    Changed,
    Io(std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::ReadOnly => f.write_str("文件是只读的，没有写入修复"),
            WriteError::HardLinks(n) => write!(
                f,
                "文件有 {n} 个硬链接，替换它会让这些链接分开，没有写入修复（可先复制一份再修复）"
            ),
            WriteError::Changed => {
                f.write_str("文件在检查期间被修改了，没有写入修复，以免丢失这些修改；请重新运行")
            }
            WriteError::Io(e) => write!(f, "无法写入修复：{e}"),
        }
    }
}

impl std::error::Error for WriteError {}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// Write the fixed text of the file at `path` back, in `encoding`, when
/// the file still holds `read` (the bytes that were checked).
///
/// Atomic: a temporary file in the same folder, with the file's
/// permissions, renamed over it, so a crash never leaves half a report. A
/// symbolic link is followed and its target replaced (the link stays a
/// link). Refused, leaving the file as it is: a read-only file; a file with
/// other hard links (a rename would split them, and writing in place would
/// not be atomic); a file whose bytes changed since they were read
/// (compared once more just before the rename).
pub fn write_back(
    path: &std::path::Path,
    read: &[u8],
    fixed: &str,
    encoding: crate::text::Encoding,
) -> Result<(), WriteError> {
    use std::io::Write;
    let target = std::fs::canonicalize(path)?;
    let meta = std::fs::metadata(&target)?;
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(WriteError::HardLinks(meta.nlink()));
        }
    }
    let unchanged = || -> Result<(), WriteError> {
        if std::fs::read(&target)? == read {
            Ok(())
        } else {
            Err(WriteError::Changed)
        }
    };
    unchanged()?;
    let bytes = crate::text::encode(fixed, encoding)?;
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(&bytes)?;
    tmp.as_file().sync_all()?;
    std::fs::set_permissions(tmp.path(), meta.permissions())?;
    unchanged()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
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
