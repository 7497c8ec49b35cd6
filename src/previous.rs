//! Finding last year's report of the same body, for the cross-year rules
//! (GK207, GK504): the `previous` of `gongkai.toml`, else a report nearby
//! (same folder, or a sibling folder such as `2023/` beside `2024/`) whose
//! title names the same body and the year before.
//!
//! The folder scan looks at regular files only (a FIFO or a device, which
//! could block for good, is opened without blocking and left unread, or on
//! other systems than Unix not opened at all), reads only the first
//! `PREFIX_BYTES` (64 KB) of each candidate to learn its body and year, and skips
//! files over [`MAX_REPORT_BYTES`]. The language server runs the scan in the
//! background ([`find_within`]): a check waits for it a moment at most and
//! is redone when a late scan finds something.

use crate::config::Config;
use crate::text::decode;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

/// Files looked at, at the most, so a huge folder never stalls a check.
const MAX_CANDIDATES: usize = 400;

/// How long a folder scan's answer is reused: the server asks on every
/// check (every pause in typing), and new files rarely appear.
const SCAN_TTL: Duration = Duration::from_secs(10);

/// A report is some hundred KB; a file over this is not one (and reading it
/// whole would cost its size in memory).
pub const MAX_REPORT_BYTES: u64 = 16 << 20;

/// What is read of a candidate to find its title and year.
const PREFIX_BYTES: u64 = 64 << 10;

/// What is decoded and read first: enough for the title of nearly every
/// report.
const HEAD_BYTES: u64 = 8 << 10;

type Key = (PathBuf, String, u16);
type Found = Option<PathBuf>;
type Callback = Box<dyn FnOnce() + Send>;

#[derive(Default)]
struct Scans {
    done: HashMap<Key, (Instant, Found)>,
    /// Scans running, with what to call when each ends.
    running: HashMap<Key, Vec<Callback>>,
}

static SCANS: Mutex<Option<Scans>> = Mutex::new(None);
static SCAN_ENDED: Condvar = Condvar::new();

fn scans() -> MutexGuard<'static, Option<Scans>> {
    SCANS.lock().unwrap_or_else(|e| e.into_inner())
}

/// Last year's report for the report `text` at `path`: its path and text,
/// waiting for a folder scan as long as it takes. `config` is the
/// `gongkai.toml` above `path`, if the caller has it.
pub fn find(path: &Path, text: &str, config: Option<&Config>) -> Option<(PathBuf, String)> {
    find_within(path, text, config, None, None)
}

/// Like [`find`], but waiting at most `wait` for a folder scan (`None`:
/// as long as it takes). If the scan ends later with another answer than
/// the one returned, `on_late` is called (from the scan's thread) so the
/// caller can check again.
pub fn find_within(
    path: &Path,
    text: &str,
    config: Option<&Config>,
    wait: Option<Duration>,
    on_late: Option<Callback>,
) -> Option<(PathBuf, String)> {
    if let Some(p) = config.and_then(Config::previous_path) {
        let t = read_report(&p)?;
        return Some((p, t));
    }
    let (body, year) = crate::report::identify(text)?;
    let key: Key = (path.to_path_buf(), body, year);
    let deadline = wait.map(|w| Instant::now() + w);
    let mut guard = scans();
    let state = guard.get_or_insert_with(Scans::default);
    // A fresh answer: no scan.
    if let Some((at, found)) = state.done.get(&key) {
        if at.elapsed() < SCAN_TTL {
            let found = found.clone();
            drop(guard);
            return found.and_then(|p| read_report(&p).map(|t| (p, t)));
        }
    }
    let stale = state.done.get(&key).map(|(_, f)| f.clone());
    if !state.running.contains_key(&key) {
        state.running.insert(key.clone(), Vec::new());
        let k = key.clone();
        let spawned = std::thread::Builder::new()
            .name("gongkai-previous".into())
            .spawn(move || {
                let found = scan(&k.0, &k.1, k.2);
                let callbacks = {
                    let mut guard = scans();
                    let state = guard.get_or_insert_with(Scans::default);
                    state.done.insert(k.clone(), (Instant::now(), found));
                    state.running.remove(&k).unwrap_or_default()
                };
                SCAN_ENDED.notify_all();
                for f in callbacks {
                    f();
                }
            });
        if spawned.is_err() {
            state.running.remove(&key);
            return None;
        }
    }
    // Wait for the scan (until the deadline), else answer with what was
    // known before and be called back if the scan changes it.
    loop {
        let state = guard.get_or_insert_with(Scans::default);
        if !state.running.contains_key(&key) {
            let found = state.done.get(&key).and_then(|(_, f)| f.clone());
            drop(guard);
            return found.and_then(|p| read_report(&p).map(|t| (p, t)));
        }
        let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        if left.is_some_and(|l| l.is_zero()) {
            let known = stale.clone().flatten();
            if let Some(f) = on_late {
                let before = known.clone();
                let k = key.clone();
                // Called when the scan ends: only if its answer differs.
                let f: Callback = Box::new(move || {
                    let now = scans()
                        .as_ref()
                        .and_then(|s| s.done.get(&k).and_then(|(_, f)| f.clone()));
                    if now != before {
                        f();
                    }
                });
                if let Some(list) = state.running.get_mut(&key) {
                    list.push(f);
                }
            }
            drop(guard);
            return known.and_then(|p| read_report(&p).map(|t| (p, t)));
        }
        guard = match left {
            Some(l) => {
                SCAN_ENDED
                    .wait_timeout(guard, l)
                    .unwrap_or_else(|e| e.into_inner())
                    .0
            }
            None => SCAN_ENDED.wait(guard).unwrap_or_else(|e| e.into_inner()),
        };
    }
}

/// The same folder and its sibling folders: a report of `body` for `year - 1`.
fn scan(path: &Path, body: &str, year: u16) -> Option<PathBuf> {
    let dir = path.parent()?;
    let mut dirs = vec![dir.to_path_buf()];
    if let Some(parent) = dir.parent() {
        if let Ok(entries) = std::fs::read_dir(parent) {
            let mut siblings: Vec<PathBuf> = entries
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_dir() && p != dir)
                .collect();
            siblings.sort();
            dirs.extend(siblings);
        }
    }
    let mut seen = 0;
    for d in dirs {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p != path && crate::read::is_report_path(p))
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

/// The metadata of `p` if it is a regular file of at most
/// [`MAX_REPORT_BYTES`] (following links): anything else is never opened.
fn report_file(p: &Path) -> Option<std::fs::Metadata> {
    let meta = std::fs::metadata(p).ok()?;
    (meta.is_file() && meta.len() <= MAX_REPORT_BYTES).then_some(meta)
}

/// `p` opened for reading. On Unix the open itself cannot block (a FIFO
/// with no writer would, for good), so the file's type is checked on the
/// open file and needs no `stat` of the path first: one system call less
/// per file of a folder.
#[cfg(unix)]
fn open_without_blocking(p: &Path) -> Option<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(p)
        .ok()
}

#[cfg(not(unix))]
fn open_without_blocking(p: &Path) -> Option<std::fs::File> {
    report_file(p)?;
    std::fs::File::open(p).ok()
}

/// Up to `limit` bytes of the regular file `p`.
fn read_prefix(p: &Path, limit: u64) -> Option<Vec<u8>> {
    let mut file = open_without_blocking(p)?;
    // A regular file of a report's size, as opened (not swapped for a FIFO
    // meanwhile).
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() > MAX_REPORT_BYTES {
        return None;
    }
    // Read what the size says in one call (a folder's files are paired
    // by their beginnings: the calls per file are much of the cost).
    let mut bytes = vec![0; meta.len().min(limit) as usize];
    let mut got = 0;
    while got < bytes.len() {
        match file.read(&mut bytes[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    bytes.truncate(got);
    Some(bytes)
}

/// The whole text of the report file `p`, if it is one.
fn read_report(p: &Path) -> Option<String> {
    let bytes = read_prefix(p, MAX_REPORT_BYTES)?;
    let ext = p.extension().and_then(|e| e.to_str());
    crate::read::report_text(&bytes, ext).ok()
}

/// The text of `bytes`, the first `limit` bytes of a file (or all of
/// it): a prefix cut inside a character is decoded without that character.
fn decode_start(bytes: &[u8], limit: u64) -> Option<String> {
    let whole = (bytes.len() as u64) < limit;
    let cuts = if whole { 0..1 } else { 0..4 };
    cuts.filter_map(|cut| bytes.len().checked_sub(cut))
        .find_map(|n| decode(&bytes[..n]).ok())
        .map(|d| d.text)
}

/// The body and year of the report in file `p`: its first [`PREFIX_BYTES`]
/// are read in one call, and only their first [`HEAD_BYTES`] decoded and
/// read unless those do not tell; a zip is read whole.
fn identify_file(p: &Path) -> Identity {
    identify_reading(p).0
}

/// [`identify_file`], and the file's bytes when they were all read.
fn identify_reading(p: &Path) -> (Identity, Option<Vec<u8>>) {
    if crate::read::Shape::of_path(p) == Some(crate::read::Shape::Docx) {
        return (
            read_report(p).and_then(|t| crate::report::identify(&t)),
            None,
        );
    }
    let Some(bytes) = read_prefix(p, PREFIX_BYTES) else {
        return (None, None);
    };
    let head = &bytes[..bytes.len().min(HEAD_BYTES as usize)];
    let head_text = decode_start(head, HEAD_BYTES);
    let identity = match head_text.as_deref().map(crate::report::identify_from_head) {
        Some(Some(known)) => known,
        // The head was the whole file: read the rest of what it says.
        Some(None) if head.len() == bytes.len() && (head.len() as u64) < HEAD_BYTES => {
            head_text.as_deref().and_then(crate::report::identify_whole)
        }
        _ => decode_start(&bytes, PREFIX_BYTES).and_then(|t| crate::report::identify(&t)),
    };
    // Fewer bytes than asked for: the whole file.
    let whole = (bytes.len() as u64) < PREFIX_BYTES;
    (identity, whole.then_some(bytes))
}

/// The files of a `gongkai check` run paired by year, and what was read of
/// them on the way.
#[derive(Default)]
pub struct Pairing {
    /// For each file, the file among them that is the same body's report
    /// for the year before.
    pub pairs: HashMap<PathBuf, PathBuf>,
    /// Files read whole while pairing, up to [`PREFETCH_BYTES`] in all:
    /// taken by the check, which then does not read them again (reading
    /// each file twice cost about 4 % of a folder's CPU time).
    prefetched: Mutex<HashMap<PathBuf, Vec<u8>>>,
}

/// What pairing keeps of the files it read, at the most: memory stays
/// bounded in a folder of any size, and most folders fit.
const PREFETCH_BYTES: usize = 16 << 20;

impl Pairing {
    /// The bytes of `p` as pairing read them, once.
    pub fn take(&self, p: &Path) -> Option<Vec<u8>> {
        self.prefetched.lock().ok()?.remove(p)
    }
}

/// For each of `files` (the files of one `gongkai check` run), the file
/// among them that is the same body's report for the year before. With
/// `keep`, the files read whole are kept for [`Pairing::take`].
pub fn pair_by_year(files: &[PathBuf], keep: bool) -> Pairing {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let budget = AtomicUsize::new(if keep { PREFETCH_BYTES } else { 0 });
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    // Each file is looked at once (no cache), on as many threads as there
    // are cores, each keeping its own findings until the end.
    type Found<'f> = (
        Vec<(usize, &'f PathBuf, (String, u16))>,
        Vec<(PathBuf, Vec<u8>)>,
    );
    let work = || -> Found<'_> {
        let (mut known, mut kept) = (Vec::new(), Vec::new());
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(p) = files.get(i) else { break };
            // A bug in reading one file loses that file's pairing only.
            let (identity, bytes) =
                std::panic::catch_unwind(|| identify_reading(p)).unwrap_or((None, None));
            if let Some(bytes) = bytes {
                let fits = budget
                    .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                        left.checked_sub(bytes.len())
                    })
                    .is_ok();
                if fits {
                    kept.push((p.clone(), bytes));
                }
            }
            if let Some(id) = identity {
                known.push((i, p, id));
            }
        }
        (known, kept)
    };
    let mut known = Vec::new();
    let mut kept = HashMap::new();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mine = work();
        for found in workers
            .into_iter()
            .filter_map(|w| w.join().ok())
            .chain([mine])
        {
            known.extend(found.0);
            kept.extend(found.1);
        }
    });
    // In the files' order: the first of two reports of one body and year
    // is the one paired.
    known.sort_unstable_by_key(|k| k.0);
    let known: Vec<(&PathBuf, (String, u16))> =
        known.into_iter().map(|(_, p, id)| (p, id)).collect();
    let prefetched = Mutex::new(kept);
    // One index by (body, year): pairing is linear in the number of files.
    let mut index: HashMap<(&str, u16), &PathBuf> = HashMap::new();
    for (p, (body, year)) in &known {
        index.entry((body.as_str(), *year)).or_insert(*p);
    }
    let mut out = HashMap::new();
    for (p, (body, year)) in &known {
        let prev = year
            .checked_sub(1)
            .and_then(|y| index.get(&(body.as_str(), y)));
        if let Some(prev) = prev {
            out.insert((*p).clone(), (*prev).clone());
        }
    }
    Pairing {
        pairs: out,
        prefetched,
    }
}

/// `candidate` is `body`'s report for `year - 1` (the folder scan's test;
/// [`pair_by_year`] looks up the same key, `(body, year - 1)`).
fn is_year_before(candidate: &(String, u16), body: &str, year: u16) -> bool {
    candidate.0 == body && candidate.1 + 1 == year
}

type Identity = Option<(String, u16)>;
type IdentityCache = HashMap<PathBuf, (SystemTime, u64, Identity)>;

/// The body and year of the report in file `p`, cached by modification
/// time (the language server asks on every check).
fn identity(p: &Path) -> Identity {
    static CACHE: Mutex<Option<IdentityCache>> = Mutex::new(None);
    let meta = report_file(p)?;
    let stamp = (meta.modified().ok()?, meta.len());
    if let Ok(guard) = CACHE.lock() {
        if let Some((t, l, id)) = guard.as_ref().and_then(|m| m.get(p)) {
            if (*t, *l) == stamp {
                return id.clone();
            }
        }
    }
    let id = identify_file(p);
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
    /// Runs `f` on a thread and gives up after a generous while, so a hang
    /// fails the test instead of stalling the suite.
    fn without_hanging<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(f());
        });
        rx.recv_timeout(Duration::from_secs(20))
            .expect("the lookup hung")
    }

    #[cfg(unix)]
    #[test]
    fn fifos_and_huge_files_are_never_read() {
        let dir = tempfile::tempdir().expect("tmp");
        let (a, b) = (dir.path().join("2023"), dir.path().join("2024"));
        std::fs::create_dir_all(&a).expect("mkdir");
        std::fs::create_dir_all(&b).expect("mkdir");
        for fifo in [a.join("a.md"), b.join("a.txt")] {
            let made = std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .expect("mkfifo");
            assert!(made.success());
        }
        // 200 MB (sparse) with the right title: over the limit, skipped.
        let title = "# 丁县人民政府2023年政府信息公开工作年度报告\n";
        let huge = std::fs::File::create(a.join("b.txt")).expect("create");
        std::io::Write::write_all(&mut &huge, title.as_bytes()).expect("w");
        huge.set_len(200 << 20).expect("set_len");
        std::fs::write(a.join("c.md"), title).expect("w");
        let this = b.join("r.md");
        let text = "# 丁县人民政府2024年政府信息公开工作年度报告\n";
        std::fs::write(&this, text).expect("w");
        let found = without_hanging(move || find(&this, text, None));
        let (p, t) = found.expect("found");
        assert_eq!(p, a.join("c.md"));
        assert_eq!(t, title);
    }

    #[test]
    fn a_slow_scan_answers_later_through_the_callback() {
        let dir = tempfile::tempdir().expect("tmp");
        let last = dir.path().join("2023.md");
        std::fs::write(&last, "# 戊县人民政府2023年政府信息公开工作年度报告\n").expect("w");
        let this = dir.path().join("2024.md");
        let text = "# 戊县人民政府2024年政府信息公开工作年度报告\n";
        let (tx, rx) = std::sync::mpsc::channel();
        // No time to wait: the first answer is what was known (nothing),
        // and the callback says the scan found something.
        let first = find_within(
            &this,
            text,
            None,
            Some(Duration::ZERO),
            Some(Box::new(move || {
                let _ = tx.send(());
            })),
        );
        assert!(first.is_none());
        rx.recv_timeout(Duration::from_secs(20))
            .expect("called back");
        let (p, _) = find_within(&this, text, None, Some(Duration::ZERO), None).expect("cached");
        assert_eq!(p, last);
    }

    #[test]
    fn pairing_keeps_the_small_files_it_read_whole_once() {
        let dir = tempfile::tempdir().expect("tmp");
        let (a, b, big) = (
            dir.path().join("a.md"),
            dir.path().join("b.md"),
            dir.path().join("big.md"),
        );
        let last = "# 己县人民政府2023年政府信息公开工作年度报告\n";
        let this = "# 己县人民政府2024年政府信息公开工作年度报告\n";
        std::fs::write(&a, last).expect("w");
        std::fs::write(&b, this).expect("w");
        // Longer than what pairing reads: never kept.
        std::fs::write(&big, format!("{this}{}", "正文。\n".repeat(10_000))).expect("w");
        let files = vec![a.clone(), b.clone(), big.clone()];
        let kept = pair_by_year(&files, true);
        assert_eq!(kept.pairs.get(&b), Some(&a));
        assert_eq!(kept.take(&a).as_deref(), Some(last.as_bytes()));
        assert_eq!(kept.take(&a), None, "taken once");
        assert_eq!(kept.take(&b).as_deref(), Some(this.as_bytes()));
        assert_eq!(kept.take(&big), None);
        let not_kept = pair_by_year(&files, false);
        assert_eq!(not_kept.pairs.get(&b), Some(&a));
        assert_eq!(not_kept.take(&a), None);
    }
}
