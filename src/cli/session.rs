//! One `gongkai check` run: the inputs (files, folders walked in parallel,
//! standard input), each checked on a worker thread, output in input order,
//! the summary line and the exit code.

use super::{render, ColorWhen, Counts, FileReport, OutputFormat};
use crate::config::{absolute, Config};
use crate::format::FormatId;
use crate::read::Shape;
use crate::text::{decode, Encoding, LineIndex};
use crate::CheckOptions;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What `gongkai check` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Files or folders; `-` for standard input; empty: the current folder.
    pub paths: Vec<PathBuf>,
    pub format: OutputFormat,
    /// `None`: the format the report's year and tables say.
    pub report_format: Option<FormatId>,
    pub stdin_filename: Option<String>,
    pub fix: bool,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub quiet: bool,
    pub only_reports: bool,
    pub previous: Option<PathBuf>,
    pub color: ColorWhen,
}

/// One input: a path (and whether it was named, not found in a folder), or
/// standard input.
enum Input {
    File(PathBuf, bool),
    Stdin,
}

enum Outcome {
    Checked {
        rendered: String,
        counts: Counts,
        note: Option<String>,
        /// `--fix` on standard input: the fixed text, for standard output.
        fixed: Option<String>,
    },
    /// Not checked, and why (in Chinese, for the summary).
    Skipped(Skip),
    Failed(String),
}

/// Why a file found in a folder was not checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Skip {
    /// Read, but not a report (a README, notes).
    NotAReport,
    /// Could not be read (not text, a broken .docx, too large).
    Unreadable,
}

/// Run a check session; the exit code is 2 if a file could not be read or
/// written, 1 if there are errors, 0 otherwise.
pub fn run(args: &Settings) -> ExitCode {
    let base = CheckOptions {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        format: args.report_format,
        findings_only: true,
        ..Default::default()
    };
    let configs = Configs::default();
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut inputs = Vec::new();
    // Inputs that could not be checked (each said why on standard error).
    let mut failed = 0usize;
    for p in &paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if p.is_dir() {
            match walk(p) {
                Ok(files) => inputs.extend(files.into_iter().map(|f| Input::File(f, false))),
                Err(e) => {
                    eprintln!("gongkai: {}: {e}", p.display());
                    failed += 1;
                }
            }
        } else if p.exists() {
            inputs.push(Input::File(p.clone(), true));
        } else {
            eprintln!("gongkai: {}: 没有这个文件或文件夹", p.display());
            failed += 1;
        }
    }
    let color = args.format == OutputFormat::Human && args.color.on_stdout();
    // With `--fix -` the fixed text is standard output: everything else
    // (findings, JSON, SARIF, the summary) goes to standard error.
    let fixed_to_stdout = args.fix && inputs.iter().any(|i| matches!(i, Input::Stdin));
    let report = |bytes: &[u8]| {
        let _ = if fixed_to_stdout {
            std::io::stderr().lock().write_all(bytes)
        } else {
            std::io::stdout().lock().write_all(bytes)
        };
    };
    // Last year's report for each file: --previous, or the one among the
    // given files with the same body and the year before.
    let pairing = if args.previous.is_none() && inputs.len() > 1 {
        let files: Vec<PathBuf> = inputs
            .iter()
            .filter_map(|i| match i {
                Input::File(p, _) => Some(p.clone()),
                Input::Stdin => None,
            })
            .collect();
        // Files read whole while pairing are not read again, unless they
        // may be rewritten (--fix reads what it rewrites itself).
        crate::previous::pair_by_year(&files, !args.fix)
    } else {
        Default::default()
    };
    let check = |input: &Input| {
        let previous = args.previous.clone().or_else(|| match input {
            Input::File(p, _) => pairing.pairs.get(p).cloned(),
            Input::Stdin => None,
        });
        let read = match input {
            Input::File(p, _) => pairing.take(p),
            Input::Stdin => None,
        };
        // A bug in a rule must not take the other files down with it.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            check_one(
                input,
                read,
                args,
                &base,
                &configs,
                previous.as_deref(),
                color,
            )
        }))
        .unwrap_or_else(|_| {
            let name = match input {
                Input::File(p, _) => p.display().to_string(),
                Input::Stdin => "standard input".into(),
            };
            Outcome::Failed(format!(
                "{name}: internal error while checking (please report it with the file)"
            ))
        })
    };

    let mut counts = Counts::default();
    let mut files = 0;
    let mut skipped = (0usize, 0usize);
    let mut fragments = 0;
    // The SARIF head and tail (every rule's metadata) are built only for
    // SARIF: they were a third of a one-file run's time.
    let sarif = matches!(args.format, OutputFormat::Sarif).then(super::sarif::document_parts);
    match (&args.format, &sarif) {
        (OutputFormat::Json, _) => report(b"["),
        (OutputFormat::Sarif, Some((head, _))) => report(head.as_bytes()),
        _ => {}
    }
    // Each outcome is printed as soon as it and those before it are ready.
    in_order(&inputs, check, |o| match o {
        Outcome::Checked {
            rendered,
            counts: c,
            note,
            fixed,
        } => {
            files += 1;
            counts.add(c);
            if let Some(text) = fixed {
                let _ = std::io::stdout().lock().write_all(text.as_bytes());
            }
            if let Some(n) = note {
                eprintln!("{n}");
            }
            match args.format {
                OutputFormat::Json | OutputFormat::Sarif if !rendered.is_empty() => {
                    if fragments > 0 {
                        report(b",\n");
                    }
                    fragments += 1;
                    report(rendered.as_bytes());
                }
                OutputFormat::Json | OutputFormat::Sarif => {}
                _ if !args.quiet => report(rendered.as_bytes()),
                _ => {}
            }
        }
        Outcome::Skipped(Skip::NotAReport) => skipped.0 += 1,
        Outcome::Skipped(Skip::Unreadable) => skipped.1 += 1,
        Outcome::Failed(msg) => {
            eprintln!("gongkai: {msg}");
            failed += 1;
        }
    });
    match args.format {
        OutputFormat::Json => report(b"]\n"),
        OutputFormat::Sarif => {
            if let Some((_, tail)) = &sarif {
                report(format!("{tail}\n").as_bytes());
            }
        }
        OutputFormat::Human => report(format!("{}\n", summary(&counts, files, failed)).as_bytes()),
        OutputFormat::Github => {}
    }
    if skipped.0 + skipped.1 > 0 {
        eprintln!("gongkai: {}", skip_note(skipped, files));
    }
    // Nothing checked because nothing could be read is a failure to check,
    // not a clean result.
    if failed > 0 || (files == 0 && skipped.1 > 0) {
        ExitCode::from(2)
    } else if counts.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Outcomes kept waiting for an earlier one, per worker thread, at the
/// most: output starts at once and memory stays flat however many files.
const AHEAD_PER_THREAD: usize = 4;

/// Run `check` over `inputs` on worker threads and hand each outcome to
/// `print` in input order, as soon as it and those before it are ready.
/// Workers never run more than a small window ahead of the printing.
///
/// The worker that finishes the next outcome in order prints it (and those
/// after it that are ready): no thread wakes another for every file, and
/// a worker is only woken when it waits on the window.
fn in_order(
    inputs: &[Input],
    check: impl Fn(&Input) -> Outcome + Sync,
    print: impl FnMut(Outcome) + Send,
) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Condvar, Mutex};
    struct Printing<P> {
        /// How many outcomes have been printed.
        at: usize,
        waiting: std::collections::BTreeMap<usize, Outcome>,
        print: P,
        /// Workers waiting for the window to move.
        sleepers: usize,
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(inputs.len().max(1));
    let window = threads * AHEAD_PER_THREAD;
    let next = AtomicUsize::new(0);
    let printing = Mutex::new(Printing {
        at: 0,
        waiting: Default::default(),
        print,
        sleepers: 0,
    });
    let moved = Condvar::new();
    let lock = || printing.lock().unwrap_or_else(|e| e.into_inner());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (next, moved, check, lock) = (&next, &moved, &check, &lock);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(input) = inputs.get(i) else { break };
                {
                    let mut p = lock();
                    while i >= p.at + window {
                        p.sleepers += 1;
                        p = moved.wait(p).unwrap_or_else(|e| e.into_inner());
                        p.sleepers -= 1;
                    }
                }
                let outcome = check(input);
                let mut p = lock();
                p.waiting.insert(i, outcome);
                let before = p.at;
                loop {
                    let at = p.at;
                    let Some(o) = p.waiting.remove(&at) else {
                        break;
                    };
                    (p.print)(o);
                    p.at += 1;
                }
                let wake = p.at != before && p.sleepers > 0;
                drop(p);
                if wake {
                    moved.notify_all();
                }
            });
        }
    });
}

/// The last line: what was checked and found, and, when some inputs could
/// not be checked, how many (never "no problems" beside exit status 2).
fn summary(c: &Counts, files: usize, failed: usize) -> String {
    if files == 0 && failed > 0 {
        return format!("没有检查任何文件：{failed} 个文件无法检查（原因见上）。");
    }
    let mut s = if c.total() == 0 {
        format!("检查了 {files} 个文件，没有发现问题。")
    } else {
        format!(
            "检查了 {files} 个文件：{} 个错误，{} 个警告，{} 个提示。",
            c.errors, c.warnings, c.infos
        )
    };
    if c.fixable > 0 {
        s.push_str(&format!("其中 {} 个可用 --fix 自动修复。", c.fixable));
    }
    if failed > 0 {
        s.push_str(&format!("另有 {failed} 个文件无法检查（原因见上）。"));
    }
    s
}

/// How many files were skipped and why.
fn skip_note((not_reports, unreadable): (usize, usize), checked: usize) -> String {
    let mut why = Vec::new();
    if not_reports > 0 {
        why.push(format!("{not_reports} 个不像年度报告"));
    }
    if unreadable > 0 {
        why.push(format!(
            "{unreadable} 个无法读取（不是文本、HTML 或 .docx，或文件已损坏）"
        ));
    }
    let lead = if checked == 0 {
        "没有检查任何文件：".to_string()
    } else {
        String::new()
    };
    format!(
        "{lead}跳过了 {} 个文件：{}。",
        not_reports + unreadable,
        why.join("，")
    )
}

/// Read, check, fix if asked and render one input (`read`: its bytes, when
/// pairing read them already). Runs on a worker thread; keeps nothing but
/// the rendered output, so memory stays flat.
fn check_one(
    input: &Input,
    read: Option<Vec<u8>>,
    args: &Settings,
    base: &CheckOptions,
    configs: &Configs,
    previous: Option<&Path>,
    color: bool,
) -> Outcome {
    let (name, bytes, explicit, path) = match input {
        Input::Stdin => {
            let mut b = Vec::new();
            if let Err(e) = std::io::stdin().read_to_end(&mut b) {
                return Outcome::Failed(format!("standard input: {e}"));
            }
            (
                args.stdin_filename.clone().unwrap_or_else(|| "-".into()),
                b,
                true,
                None,
            )
        }
        Input::File(p, explicit) => match read.map_or_else(|| std::fs::read(p), Ok) {
            Ok(b) => (p.display().to_string(), b, *explicit, Some(p.as_path())),
            Err(e) => return Outcome::Failed(format!("{}: {e}", p.display())),
        },
    };
    let hint = path
        .or_else(|| args.stdin_filename.as_deref().map(Path::new))
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    // A zip (.docx) is laid out as Markdown, and its text is what positions
    // count in; anything else is decoded once and its shape read from the
    // text (validating the bytes again for the shape was a tenth of a run).
    let (shape, decoded, laid_out) = if bytes.starts_with(b"PK\x03\x04") {
        let shape = Shape::detect(&bytes, hint.as_deref());
        match crate::read::binary_view(&bytes, shape) {
            Some(Ok(v)) => (
                shape,
                crate::text::Decoded {
                    text: v.text.clone(),
                    encoding: Encoding::Utf8,
                },
                Some(v),
            ),
            Some(Err(_)) if !explicit => return Outcome::Skipped(Skip::Unreadable),
            Some(Err(e)) => return Outcome::Failed(format!("{name}: {e}")),
            None => match decode(&bytes) {
                Ok(d) => (shape, d, None),
                Err(_) if !explicit => return Outcome::Skipped(Skip::Unreadable),
                Err(e) => return Outcome::Failed(format!("{name}: {e}")),
            },
        }
    } else {
        match decode(&bytes) {
            Ok(d) => (Shape::detect_text(&d.text, hint.as_deref()), d, None),
            Err(_) if !explicit => return Outcome::Skipped(Skip::Unreadable),
            Err(e) => return Outcome::Failed(format!("{name}: {e}")),
        }
    };
    let mut options = base.clone();
    // A file in a folder that does not look like a report is skipped: no
    // rule runs on it.
    options.skip_non_reports = !explicit || args.only_reports;
    let config_at = path
        .map(Path::to_path_buf)
        .or_else(|| args.stdin_filename.as_ref().map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("."));
    let config = match configs.for_file(&config_at) {
        Ok(c) => c,
        Err(e) => return Outcome::Failed(e),
    };
    if let Some(c) = &config {
        c.apply(&mut options);
    }
    let previous = previous
        .map(Path::to_path_buf)
        .or_else(|| config.as_ref().and_then(Config::previous_path));
    let previous_text = match &previous {
        Some(p) => match std::fs::read(p)
            .map_err(|e| e.to_string())
            .and_then(|b| crate::read::report_text(&b, p.extension().and_then(|e| e.to_str())))
        {
            Ok(t) => Some(t),
            Err(e) => return Outcome::Failed(format!("{}: last year's report: {e}", p.display())),
        },
        None => None,
    };
    let mut text = decoded.text;
    let mut fixed_any = false;
    let mut note = (!matches!(decoded.encoding, Encoding::Utf8 | Encoding::Utf8Bom))
        .then(|| format!("提示：{name} 按 {} 编码读取", decoded.encoding.name()));
    let markup = shape.is_markup();
    let mut fixed_text = None;
    if args.fix && markup {
        let refusal = format!(
            "{name}: --fix 不修改 HTML 和 .docx 文件（修复会改动排版之外的内容）：请在原文档中修改，或另存为 Markdown/纯文本后再修复"
        );
        if explicit {
            return Outcome::Failed(refusal);
        }
        note = Some(match note {
            Some(n) => format!("{n}\n{refusal}"),
            None => refusal,
        });
    } else if args.fix {
        let (fixed, n) = crate::fix::fix_all(&text, &options);
        if path.is_none() {
            // Standard input: the text, fixed or not, goes to standard
            // output (an empty output would lose it in a pipe).
            fixed_text = Some(fixed.clone());
        }
        if n > 0 {
            if let Some(p) = path {
                if let Err(e) = crate::fix::write_back(p, &bytes, &fixed, decoded.encoding) {
                    return Outcome::Failed(format!("{name}: {e}"));
                }
                let applied = format!("{name}：已自动修复 {n} 处");
                note = Some(match note {
                    Some(enc) => format!("{enc}\n{applied}"),
                    None => applied,
                });
            }
            text = fixed;
            fixed_any = true;
        }
    }
    let analysis = match &laid_out {
        Some(view) => crate::check::analyze_view(view, previous_text.as_deref(), &options),
        // Fixes may have changed what the shape was told from.
        None if fixed_any => {
            crate::check::analyze_as(&text, hint.as_deref(), previous_text.as_deref(), &options)
        }
        None => crate::check::analyze_shaped(&text, shape, previous_text.as_deref(), &options),
    };
    if options.skip_non_reports && !analysis.report.looks_like_report() {
        return Outcome::Skipped(Skip::NotAReport);
    }
    // `--quiet` prints the summary only: nothing to render.
    let rendered =
        if args.quiet && matches!(args.format, OutputFormat::Human | OutputFormat::Github) {
            String::new()
        } else {
            let index = LineIndex::new(&text);
            let file = FileReport {
                path: &name,
                text: &text,
                index: &index,
                findings: &analysis.findings,
            };
            render(args.format, &file, color)
        };
    Outcome::Checked {
        rendered,
        counts: Counts::of(&analysis.findings),
        note,
        fixed: fixed_text,
    }
}

/// The `gongkai.toml` of each folder, looked up once per run: a folder of
/// a thousand reports has one configuration, not a thousand lookups.
#[derive(Default)]
struct Configs(std::sync::Mutex<ByFolder>);

/// Each folder's configuration, or why it could not be read.
type ByFolder = std::collections::HashMap<PathBuf, Result<Option<Config>, String>>;

impl Configs {
    fn lock(&self) -> std::sync::MutexGuard<'_, ByFolder> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The configuration for the file at `path`: the nearest `gongkai.toml`
    /// in the folder it is listed in, or above.
    fn for_file(&self, path: &Path) -> Result<Option<Config>, String> {
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if let Some(known) = self.lock().get(&folder) {
            return known.clone();
        }
        let found = Config::discover(&absolute(&folder)).map_err(|e| e.to_string());
        self.lock().insert(folder, found.clone());
        found
    }
}

/// Why a folder could not be listed.
#[derive(Debug, thiserror::Error)]
enum WalkError {
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(transparent)]
    Walk(#[from] ignore::Error),
}

/// The report files under `dir` (see [`crate::read::REPORT_EXTENSIONS`]), respecting `.gitignore` and the
/// config's include/exclude globs, in a stable order.
fn walk(dir: &Path) -> Result<Vec<PathBuf>, WalkError> {
    let config = Config::discover(&absolute(dir))?;
    let globs = config.map(|c| c.globs).unwrap_or_default();
    let mut out = Vec::new();
    for entry in ignore::WalkBuilder::new(dir).build() {
        let entry = entry?;
        let p = entry.path();
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let rel = p.strip_prefix(dir).unwrap_or(p);
        let ext_ok = crate::read::is_report_path(p);
        if globs.included(rel, p).unwrap_or(ext_ok) && !globs.excluded(rel, p) {
            out.push(p.to_path_buf());
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_are_printed_in_input_order_whatever_finishes_first() {
        let inputs: Vec<Input> = (0..300)
            .map(|i| Input::File(PathBuf::from(i.to_string()), true))
            .collect();
        let mut printed = Vec::new();
        in_order(
            &inputs,
            |input| {
                let Input::File(p, _) = input else {
                    unreachable!()
                };
                let i: u64 = p.to_string_lossy().parse().unwrap_or(0);
                // Uneven work, so later files often finish first.
                std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 500));
                Outcome::Failed(i.to_string())
            },
            |o| {
                if let Outcome::Failed(s) = o {
                    printed.push(s);
                }
            },
        );
        let want: Vec<String> = (0..300).map(|i| i.to_string()).collect();
        assert_eq!(printed, want);
    }
}
