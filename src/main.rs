//! The `gongkai` binary: argument parsing and dispatch only.

use clap::{Parser, Subcommand};
use gongkai::cli::{self, Counts, FileReport, OutputFormat};
use gongkai::config::Config;
use gongkai::format::FormatId;
use gongkai::text::{decode, Encoding, LineIndex};
use gongkai::CheckOptions;
use rayon::prelude::*;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Print to standard output, ignoring a closed pipe (`gongkai article 20 | head`).
macro_rules! outln {
    ($($t:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}
macro_rules! out {
    ($($t:tt)*) => {{
        let _ = write!(std::io::stdout(), $($t)*);
    }};
}

#[derive(Parser)]
#[command(name = "gongkai", version, about = "政府信息公开工作年度报告的检查工具和语言服务器", long_about = None)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check reports (files or folders; `-` for standard input).
    Check(CheckArgs),
    /// Run the language server on stdin/stdout.
    Lsp {
        /// Accepted for VS Code's client; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Show a rule's documentation.
    Explain {
        /// A code (GK201) or rule name (row-total).
        code: Option<String>,
        /// List every rule.
        #[arg(long)]
        all: bool,
    },
    /// Show an article of the 条例 with our explanation (`20`, `20.5` for item 5).
    Article { reference: String },
    /// Print an empty report skeleton in Markdown.
    New {
        /// The report year (default: last year).
        #[arg(long)]
        year: Option<u16>,
        /// The official format (default: the year's).
        #[arg(long, value_parser = ["2019", "2021"])]
        format: Option<String>,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or folders (default: the current folder).
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: OutputFormat,
    /// Which official format to check against.
    #[arg(long, value_parser = ["auto", "2019", "2021"], default_value = "auto")]
    report_format: String,
    /// The name to report for standard input (`-`).
    #[arg(long)]
    stdin_filename: Option<String>,
    /// Apply safe fixes in place (atomically); report what remains.
    #[arg(long)]
    fix: bool,
    /// Only these codes or prefixes (comma-separated).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Not these codes or prefixes (comma-separated).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Only the summary line.
    #[arg(long)]
    quiet: bool,
    /// Skip named files that do not read as a report (no report title,
    /// section headings or tables), as folders always do: for hooks that
    /// pass every Markdown and text file.
    #[arg(long)]
    only_reports: bool,
    /// Last year's report, for the cross-year rules.
    #[arg(long)]
    previous: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match args.command {
        Command::Check(c) => check(c),
        Command::Lsp { .. } => match gongkai::lsp::run_stdio() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("gongkai lsp: {e}");
                ExitCode::from(2)
            }
        },
        Command::Explain { code, all } => explain(code, all),
        Command::Article { reference } => article(&reference),
        Command::New { year, format } => {
            let year = year.unwrap_or_else(last_year);
            out!(
                "{}",
                gongkai::skeleton::markdown(year, format.as_deref().and_then(FormatId::parse))
            );
            ExitCode::SUCCESS
        }
    }
}

fn last_year() -> u16 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Days since 1970 → a year; exact enough for "last year".
    (1970 + secs / 31_556_952) as u16 - 1
}

fn explain(code: Option<String>, all: bool) -> ExitCode {
    if all || code.is_none() {
        for r in gongkai::rules::RULES {
            outln!(
                "{}  {:<26} {:<8} {}",
                r.code,
                r.name,
                r.severity.as_str(),
                r.summary
            );
        }
        return ExitCode::SUCCESS;
    }
    let code = code.unwrap_or_default();
    match gongkai::rules::find(&code) {
        Some(r) => {
            outln!(
                "# {} {}（默认级别：{}{}）\n\n{}\n\n{}",
                r.code,
                r.name,
                r.severity.as_str(),
                if r.fixable { "，可自动修复" } else { "" },
                r.summary,
                r.docs.trim_end()
            );
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("gongkai explain: no rule {code:?} (see `gongkai explain --all`)");
            ExitCode::from(2)
        }
    }
}

fn article(reference: &str) -> ExitCode {
    let Some((a, p, i)) = gongkai::law::parse_reference(reference) else {
        eprintln!(
            "gongkai article: cannot read {reference:?}; write e.g. 20, 20.5 or 第二十条第（五）项"
        );
        return ExitCode::from(2);
    };
    match gongkai::law::render_text(a, p, i) {
        Some(t) => {
            outln!("{}", t.trim_end());
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("gongkai article: the 条例 has 56 articles; {reference:?} is not one of them (or has no such 款/项)");
            ExitCode::from(2)
        }
    }
}

/// One input: a path, or standard input.
enum Input {
    File(PathBuf, bool),
    Stdin,
}

fn check(args: CheckArgs) -> ExitCode {
    let mut base = CheckOptions {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        ..Default::default()
    };
    if args.report_format != "auto" {
        base.format = FormatId::parse(&args.report_format);
    }
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
        pair_by_year(&inputs)
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
                check_one(input, &args, &base, previous.as_deref(), color)
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
            let _ = writeln!(stdout, "{}", cli::sarif::document(&fragments));
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

enum Outcome {
    Checked {
        rendered: String,
        counts: Counts,
        note: Option<String>,
    },
    Skipped,
    Failed(String),
}

/// Read, check, fix if asked and render one input. Runs on a worker thread;
/// keeps nothing but the rendered output, so memory stays flat.
fn check_one(
    input: &Input,
    args: &CheckArgs,
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
        let (fixed, n) = gongkai::fix::fix_all(&text, &options);
        if n > 0 {
            match path {
                Some(p) => {
                    if let Err(e) = write_atomically(p, &fixed, decoded.encoding) {
                        return Outcome::Failed(format!("{name}: could not write the fixes: {e}"));
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
    let analysis = gongkai::analyze_with_previous(&text, previous_text.as_deref(), &options);
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
        rendered: cli::render(args.format, &file, color),
        counts: Counts::of(&analysis.findings),
        note,
    }
}

/// For each file, the file among `inputs` that is the same body's report
/// for the year before.
fn pair_by_year(inputs: &[Input]) -> std::collections::HashMap<PathBuf, PathBuf> {
    let known: Vec<(PathBuf, String, u16)> = inputs
        .par_iter()
        .filter_map(|i| match i {
            Input::File(p, _) => {
                let text = decode(&std::fs::read(p).ok()?).ok()?.text;
                match gongkai::report::identify(&text) {
                    (Some(body), Some(year)) => Some((p.clone(), body, year)),
                    _ => None,
                }
            }
            Input::Stdin => None,
        })
        .collect();
    let mut out = std::collections::HashMap::new();
    for (p, body, year) in &known {
        if let Some((prev, _, _)) = known.iter().find(|(_, b, y)| b == body && *y + 1 == *year) {
            out.insert(p.clone(), prev.clone());
        }
    }
    out
}

fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    })
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

/// Write `text` back in the file's own encoding via a temporary file in the
/// same folder and a rename, so a crash never leaves half a report.
fn write_atomically(path: &Path, text: &str, encoding: Encoding) -> std::io::Result<()> {
    let bytes: Vec<u8> = match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(),
        Encoding::Utf16Le => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        Encoding::Utf16Be => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        Encoding::Gb18030 => {
            let (b, _, unmappable) = encoding_rs::GB18030.encode(text);
            if unmappable {
                return Err(std::io::Error::other(
                    "the fixed text cannot be written back as GB18030",
                ));
            }
            b.into_owned()
        }
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(&bytes)?;
    tmp.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
