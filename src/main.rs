//! The `gongkai` binary: argument parsing and dispatch only.

use clap::{Parser, Subcommand};
use gongkai::cli::{self, session, ColorWhen, OutputFormat};
use gongkai::format::FormatId;
use std::path::PathBuf;
use std::process::ExitCode;

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
    /// Apply safe fixes in place (atomically); report what remains. With
    /// `-`, the fixed text goes to standard output and the findings (any
    /// --format) and summary to standard error. Read-only files, files with
    /// other hard links and files changed while checked are not written.
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
    /// Skip named files that do not read as a report (a report title with
    /// two section headings, or a report table), as folders always do: for
    /// hooks that pass every Markdown and text file.
    #[arg(long)]
    only_reports: bool,
    /// Last year's report, for the cross-year rules.
    #[arg(long)]
    previous: Option<PathBuf>,
    /// Colour the human output: on a terminal unless NO_COLOR is set
    /// (auto), always, or never.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorWhen,
}

/// mimalloc instead of glibc's heap: checking a report makes and drops many
/// small strings and lists, and glibc's `malloc` and `free` were a tenth of
/// a folder run's instructions (docs/performance.md has the figures and the
/// memory it costs).
#[global_allocator]
static HEAP: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match Args::parse().command {
        Command::Check(c) => session::run(&session::Settings {
            paths: c.paths,
            format: c.format,
            report_format: FormatId::parse(&c.report_format),
            stdin_filename: c.stdin_filename,
            fix: c.fix,
            select: c.select,
            ignore: c.ignore,
            quiet: c.quiet,
            only_reports: c.only_reports,
            previous: c.previous,
            color: c.color,
        }),
        Command::Lsp { .. } => match gongkai::lsp::run_stdio() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("gongkai lsp: {e}");
                ExitCode::from(2)
            }
        },
        Command::Explain { code, all } => cli::commands::explain(code, all),
        Command::Article { reference } => cli::commands::article(&reference),
        Command::New { year, format } => {
            cli::commands::new(year, format.as_deref().and_then(FormatId::parse))
        }
    }
}
