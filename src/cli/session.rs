//! One `gongkai check` run: the inputs (files, folders walked in parallel,
//! standard input), each checked on a worker thread, output in input order,
//! the summary line and the exit code.

use super::{render, Counts, FileReport, OutputFormat};
use crate::config::{absolute, Config};
use crate::format::FormatId;
use crate::text::{decode, Encoding, LineIndex};
use crate::CheckOptions;
use rayon::prelude::*;
use std::io::{IsTerminal, Read, Write};
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
    },
    Skipped,
    Failed(String),
}

/// Run a check session; the exit code is 2 if a file could not be read or
/// written, 1 if there are errors, 0 otherwise.
pub fn run(args: &Settings) -> ExitCode {
    let base = CheckOptions {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        format: args.report_format,
        ..Default::default()
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut inputs = Vec::new();
    let mut failed = false;
    for p in &paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if p.is_dir() {
            match walk(p) {
                Ok(files) => inputs.extend(files.into_iter().map(|f| Input::File(f, false))),
                Err(e) => {
                    eprintln!("gongkai: {}: {e}", p.display());
                    failed = true;
                }
            }
        } else if p.exists() {
            inputs.push(Input::File(p.clone(), true));
        } else {
            eprintln!("gongkai: {}: no such file or folder", p.display());
            failed = true;
        }
    }
    let color = args.format == OutputFormat::Human
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    // Last year's report for each file: --previous, or the one among the
    // given files with the same body and the year before.
    let pairs = if args.previous.is_none() && inputs.len() > 1 {
        let files: Vec<PathBuf> = inputs
            .iter()
            .filter_map(|i| match i {
                Input::File(p, _) => Some(p.clone()),
                Input::Stdin => None,
            })
            .collect();
        crate::previous::pair_by_year(&files)
    } else {
        Default::default()
    };
    let outcomes: Vec<Outcome> = inputs
        .par_iter()
        .map(|input| {
            let previous = args.previous.clone().or_else(|| match input {
                Input::File(p, _) => pairs.get(p).cloned(),
                Input::Stdin => None,
            });
            // A bug in a rule must not take the other files down with it.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                check_one(input, args, &base, previous.as_deref(), color)
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
        })
        .collect();

    let mut counts = Counts::default();
    let mut fragments = Vec::new();
    let mut files = 0;
    let mut stdout = std::io::stdout().lock();
    for o in outcomes {
        match o {
            Outcome::Checked {
                rendered,
                counts: c,
                note,
            } => {
                files += 1;
                counts.add(c);
                if let Some(n) = note {
                    eprintln!("{n}");
                }
                if args.format == OutputFormat::Json || args.format == OutputFormat::Sarif {
                    if !rendered.is_empty() {
                        fragments.push(rendered);
                    }
                } else if !args.quiet {
                    let _ = stdout.write_all(rendered.as_bytes());
                }
            }
            Outcome::Skipped => {}
            Outcome::Failed(msg) => {
                eprintln!("gongkai: {msg}");
                failed = true;
            }
        }
    }
    match args.format {
        OutputFormat::Json => {
            let _ = writeln!(stdout, "[{}]", fragments.join(",\n"));
        }
        OutputFormat::Sarif => {
            let _ = writeln!(stdout, "{}", super::sarif::document(&fragments));
        }
        OutputFormat::Human => {
            let summary = summary(&counts, files);
            let _ = writeln!(stdout, "{summary}");
        }
        OutputFormat::Github => {}
    }
    if failed {
        ExitCode::from(2)
    } else if counts.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn summary(c: &Counts, files: usize) -> String {
    if c.total() == 0 {
        return format!("检查了 {files} 个文件，没有发现问题。");
    }
    let mut s = format!(
        "检查了 {files} 个文件：{} 个错误，{} 个警告，{} 个提示。",
        c.errors, c.warnings, c.infos
    );
    if c.fixable > 0 {
        s.push_str(&format!("其中 {} 个可用 --fix 自动修复。", c.fixable));
    }
    s
}

/// Read, check, fix if asked and render one input. Runs on a worker thread;
/// keeps nothing but the rendered output, so memory stays flat.
fn check_one(
    input: &Input,
    args: &Settings,
    base: &CheckOptions,
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
        Input::File(p, explicit) => match std::fs::read(p) {
            Ok(b) => (p.display().to_string(), b, *explicit, Some(p.as_path())),
            Err(e) => return Outcome::Failed(format!("{}: {e}", p.display())),
        },
    };
    let decoded = match decode(&bytes) {
        Ok(d) => d,
        Err(e) => {
            if !explicit {
                return Outcome::Skipped;
            }
            return Outcome::Failed(format!("{name}: {e}"));
        }
    };
    let mut options = base.clone();
    let config_at = path
        .map(Path::to_path_buf)
        .or_else(|| args.stdin_filename.as_ref().map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("."));
    let config = match Config::discover(&absolute(&config_at)) {
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
            .and_then(|b| decode(&b).map_err(|e| e.to_string()))
        {
            Ok(d) => Some(d.text),
            Err(e) => return Outcome::Failed(format!("{}: last year's report: {e}", p.display())),
        },
        None => None,
    };
    let mut text = decoded.text;
    let mut note = (!matches!(decoded.encoding, Encoding::Utf8 | Encoding::Utf8Bom))
        .then(|| format!("note: {name}: read as {}", decoded.encoding.name()));
    if args.fix {
        let (fixed, n) = crate::fix::fix_all(&text, &options);
        if n > 0 {
            match path {
                Some(p) => {
                    if let Err(e) = crate::fix::write_back(p, &bytes, &fixed, decoded.encoding) {
                        return Outcome::Failed(format!("{name}: {e}"));
                    }
                    let applied =
                        format!("{name}: applied {n} fix{}", if n == 1 { "" } else { "es" });
                    note = Some(match note {
                        Some(enc) => format!("{enc}\n{applied}"),
                        None => applied,
                    });
                }
                None => {
                    // Standard input: the fixed text goes to standard output.
                    let _ = std::io::stdout().write_all(fixed.as_bytes());
                }
            }
            text = fixed;
        }
    }
    let analysis = crate::analyze_with_previous(&text, previous_text.as_deref(), &options);
    if (!explicit || args.only_reports) && !analysis.report.looks_like_report() {
        return Outcome::Skipped;
    }
    let index = LineIndex::new(&text);
    let file = FileReport {
        path: &name,
        text: &text,
        index: &index,
        findings: &analysis.findings,
    };
    Outcome::Checked {
        rendered: render(args.format, &file, color),
        counts: Counts::of(&analysis.findings),
        note,
    }
}

/// The `.md` and `.txt` files under `dir`, respecting `.gitignore` and the
/// config's include/exclude globs, in a stable order.
fn walk(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let config = Config::discover(&absolute(dir))?;
    let build = |globs: &[String]| -> Result<Option<globset::GlobSet>, String> {
        if globs.is_empty() {
            return Ok(None);
        }
        let mut b = globset::GlobSetBuilder::new();
        for g in globs {
            b.add(globset::Glob::new(g).map_err(|e| e.to_string())?);
        }
        b.build().map(Some).map_err(|e| e.to_string())
    };
    let include = build(config.as_ref().map_or(&[][..], |c| &c.include))?;
    let exclude = build(config.as_ref().map_or(&[][..], |c| &c.exclude))?;
    let mut out = Vec::new();
    for entry in ignore::WalkBuilder::new(dir).build() {
        let entry = entry.map_err(|e| e.to_string())?;
        let p = entry.path();
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let rel = p.strip_prefix(dir).unwrap_or(p);
        let ext_ok = matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("md" | "txt" | "markdown")
        );
        let included = include
            .as_ref()
            .map_or(ext_ok, |g| g.is_match(rel) || g.is_match(p));
        if included
            && !exclude
                .as_ref()
                .is_some_and(|g| g.is_match(rel) || g.is_match(p))
        {
            out.push(p.to_path_buf());
        }
    }
    out.sort();
    Ok(out)
}
