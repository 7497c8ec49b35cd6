//! The command line: the check session (`session.rs`), the small commands
//! (`commands.rs`), and printing findings. Output formats live one per
//! file; none of them knows about rules.

pub mod commands;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod session;

use crate::diagnostic::{Finding, Severity};
use crate::text::{ColumnKind, LineIndex};

/// One checked file, as every output format needs it.
pub struct FileReport<'a> {
    /// The name to print.
    pub path: &'a str,
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub findings: &'a [Finding],
}

/// A 1-based line and character column.
pub fn line_col(file: &FileReport, offset: usize) -> (u32, u32) {
    let p = file.index.position(file.text, offset, ColumnKind::Chars);
    (p.line + 1, p.column + 1)
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub fixable: usize,
}

impl Counts {
    pub fn of(findings: &[Finding]) -> Counts {
        let mut c = Counts::default();
        for f in findings {
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
            if f.safe_fix().is_some() {
                c.fixable += 1;
            }
        }
        c
    }

    pub fn add(&mut self, o: Counts) {
        self.errors += o.errors;
        self.warnings += o.warnings;
        self.infos += o.infos;
        self.fixable += o.fixable;
    }

    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

/// The output formats of `gongkai check --format`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    #[default]
    Human,
    Json,
    Sarif,
    Github,
}

/// When `gongkai check` colours its human output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless `NO_COLOR` is set (or `CLICOLOR=0`).
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorWhen {
    /// Whether to colour standard output.
    pub fn on_stdout(self) -> bool {
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
            }
        }
    }
}

/// Render one file's findings in `format`. JSON and SARIF give fragments
/// (array elements) that the caller joins.
pub fn render(format: OutputFormat, file: &FileReport, color: bool) -> String {
    match format {
        OutputFormat::Human => human::render(file, color),
        OutputFormat::Json => json::render(file),
        OutputFormat::Sarif => sarif::results(file),
        OutputFormat::Github => github::render(file),
    }
}
