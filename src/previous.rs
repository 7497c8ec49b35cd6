//! Finding last year's report of the same body, for the cross-year rules
//! (GK207, GK504): the `previous` of `gongkai.toml`, else a report nearby
//! (same folder, or a sibling folder such as `2023/` beside `2024/`) whose
//! title names the same body and the year before.

use crate::config::Config;
use crate::text::decode;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

/// Files looked at, at the most, so a huge folder never stalls a check.
const MAX_CANDIDATES: usize = 400;

/// How long a folder scan's answer is reused: the server asks on every
/// check (every pause in typing), and new files rarely appear.
const SCAN_TTL: Duration = Duration::from_secs(10);

type Scans = HashMap<(PathBuf, String, u16), (Instant, Option<PathBuf>)>;

/// Last year's report for the report `text` at `path`: its path and text.
/// `config` is the `gongkai.toml` above `path`, if the caller has it.
pub fn find(path: &Path, text: &str, config: Option<&Config>) -> Option<(PathBuf, String)> {
    if let Some(p) = config.and_then(Config::previous_path) {
        let t = read(&p)?;
        return Some((p, t));
    }
    let (Some(body), Some(year)) = crate::report::identify(text) else {
        return None;
    };
    static SCANS: Mutex<Option<Scans>> = Mutex::new(None);
    let key = (path.to_path_buf(), body, year);
    let cached = SCANS.lock().ok().and_then(|g| {
        g.as_ref()
            .and_then(|m| m.get(&key))
            .filter(|(at, _)| at.elapsed() < SCAN_TTL)
            .map(|(_, p)| p.clone())
    });
    let found = match cached {
        Some(found) => found,
        None => {
            let found = scan(path, &key.1, year);
            if let Ok(mut g) = SCANS.lock() {
                g.get_or_insert_with(HashMap::new)
                    .insert(key, (Instant::now(), found.clone()));
            }
            found
        }
    };
    let p = found?;
    let t = read(&p)?;
    Some((p, t))
}

/// The same folder and its sibling folders: a report of `body` for `year - 1`.
fn scan(path: &Path, body: &str, year: u16) -> Option<PathBuf> {
    let dir = path.parent()?;
    let mut dirs = vec![dir.to_path_buf()];
    if let Some(parent) = dir.parent() {
        if let Ok(entries) = std::fs::read_dir(parent) {
            dirs.extend(
                entries
                    .filter_map(|e| e.ok())
                    .map(|e| e.path())
                    .filter(|p| p.is_dir() && p != dir),
            );
        }
    }
    let mut seen = 0;
    for d in dirs {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p != path
                    && matches!(
                        p.extension().and_then(|e| e.to_str()),
                        Some("md" | "txt" | "markdown")
                    )
            })
            .collect();
        files.sort();
        for f in files {
            seen += 1;
            if seen > MAX_CANDIDATES {
                return None;
            }
            if identity(&f).is_some_and(|id| is_year_before(&id, body, year)) {
                return Some(f);
            }
        }
    }
    None
}

/// For each of `files` (the files of one `gongkai check` run), the file
/// among them that is the same body's report for the year before.
pub fn pair_by_year(files: &[PathBuf]) -> HashMap<PathBuf, PathBuf> {
    use rayon::prelude::*;
    let known: Vec<(&PathBuf, (String, u16))> = files
        .par_iter()
        .filter_map(|p| Some((p, identity(p)?)))
        .collect();
    let mut out = HashMap::new();
    for (p, (body, year)) in &known {
        if let Some((prev, _)) = known.iter().find(|(_, id)| is_year_before(id, body, *year)) {
            out.insert((*p).clone(), (*prev).clone());
        }
    }
    out
}

/// The one test of pairing: `candidate` is `body`'s report for `year - 1`.
fn is_year_before(candidate: &(String, u16), body: &str, year: u16) -> bool {
    candidate.0 == body && candidate.1 + 1 == year
}

fn read(p: &Path) -> Option<String> {
    decode(&std::fs::read(p).ok()?).ok().map(|d| d.text)
}

type Identity = Option<(String, u16)>;
type IdentityCache = HashMap<PathBuf, (SystemTime, u64, Identity)>;

/// The body and year of the report in file `p`, cached by modification
/// time (the language server asks on every check).
fn identity(p: &Path) -> Identity {
    static CACHE: Mutex<Option<IdentityCache>> = Mutex::new(None);
    let meta = std::fs::metadata(p).ok()?;
    let stamp = (meta.modified().ok()?, meta.len());
    if let Ok(guard) = CACHE.lock() {
        if let Some((t, l, id)) = guard.as_ref().and_then(|m| m.get(p)) {
            if (*t, *l) == stamp {
                return id.clone();
            }
        }
    }
    let id = read(p).and_then(|t| match crate::report::identify(&t) {
        (Some(b), Some(y)) => Some((b, y)),
        _ => None,
    });
    if let Ok(mut guard) = CACHE.lock() {
        guard
            .get_or_insert_with(HashMap::new)
            .insert(p.to_path_buf(), (stamp.0, stamp.1, id.clone()));
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_same_body_a_year_before_in_a_sibling_folder() {
        let dir = tempfile::tempdir().expect("tmp");
        let (a, b) = (dir.path().join("2023"), dir.path().join("2024"));
        std::fs::create_dir_all(&a).expect("mkdir");
        std::fs::create_dir_all(&b).expect("mkdir");
        std::fs::write(
            a.join("r.md"),
            "# 甲县人民政府2023年政府信息公开工作年度报告\n",
        )
        .expect("w");
        std::fs::write(
            a.join("other.md"),
            "# 乙县人民政府2023年政府信息公开工作年度报告\n",
        )
        .expect("w");
        let this = b.join("r.md");
        let text = "# 甲县人民政府2024年政府信息公开工作年度报告\n";
        std::fs::write(&this, text).expect("w");
        let (p, t) = find(&this, text, None).expect("found");
        assert_eq!(p, a.join("r.md"));
        assert!(t.contains("2023"));
        assert!(find(
            &this,
            "# 丙县人民政府2024年政府信息公开工作年度报告\n",
            None
        )
        .is_none());
    }
}
