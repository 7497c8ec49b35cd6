//! `gongkai.toml`: found by walking up from the checked file.
//!
//! ```toml
//! report-format = "auto"        # or "2019", "2021"
//! select = ["GK1", "GK2"]       # codes or prefixes; empty = all
//! ignore = ["GK108"]
//! include = ["**/*年度报告*.md"] # which files in a folder are reports
//! exclude = ["drafts/old/**"]
//! previous = "../2023/report.md" # last year's report, for GK207/GK504
//!
//! [severity]
//! GK305 = "error"
//! ```

use crate::check::CheckOptions;
use crate::diagnostic::Severity;
use crate::format::FormatId;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

pub const FILE_NAME: &str = "gongkai.toml";

/// Why a `gongkai.toml` could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Bad TOML, an unknown key, a value out of its set or a bad glob.
    #[error("{path}: {source}")]
    Invalid { path: PathBuf, source: ParseError },
}

/// What is wrong with a config's text (the TOML error names the line and
/// what is allowed).
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error(transparent)]
    Toml(#[from] toml::de::Error),
    #[error(transparent)]
    Glob(#[from] globset::Error),
}

/// `report-format`: which official format to check against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum ReportFormat {
    Auto,
    Fixed(FormatId),
}

impl TryFrom<String> for ReportFormat {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        match s.as_str() {
            "auto" => Ok(ReportFormat::Auto),
            _ => FormatId::parse(&s).map(ReportFormat::Fixed).ok_or_else(|| {
                format!("report-format must be \"auto\", \"2019\" or \"2021\", not {s:?}")
            }),
        }
    }
}

/// A severity in `[severity]`: error, warning (warn) or info (hint).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct SeverityName(pub Severity);

impl TryFrom<String> for SeverityName {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Severity::parse(&s)
            .map(SeverityName)
            .ok_or_else(|| format!("a severity must be error, warning or info, not {s:?}"))
    }
}

/// The include/exclude globs, compiled once when the file is read.
#[derive(Debug, Clone, Default)]
pub struct FileGlobs {
    include: Option<globset::GlobSet>,
    exclude: Option<globset::GlobSet>,
}

impl FileGlobs {
    fn build(globs: &[String]) -> Result<Option<globset::GlobSet>, globset::Error> {
        if globs.is_empty() {
            return Ok(None);
        }
        let mut b = globset::GlobSetBuilder::new();
        for g in globs {
            b.add(globset::Glob::new(g)?);
        }
        b.build().map(Some)
    }

    /// `Some(true)`: an include glob matches `rel` (relative to the config's
    /// folder) or `abs`; `Some(false)`: include globs exist and none does;
    /// `None`: there are none.
    pub fn included(&self, rel: &Path, abs: &Path) -> Option<bool> {
        self.include
            .as_ref()
            .map(|g| g.is_match(rel) || g.is_match(abs))
    }

    pub fn excluded(&self, rel: &Path, abs: &Path) -> bool {
        self.exclude
            .as_ref()
            .is_some_and(|g| g.is_match(rel) || g.is_match(abs))
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Config {
    #[serde(alias = "report_format")]
    pub report_format: Option<ReportFormat>,
    #[serde(default)]
    pub select: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    pub previous: Option<String>,
    #[serde(default)]
    pub severity: std::collections::BTreeMap<String, SeverityName>,
    /// The folder the file was found in (not read from the file).
    #[serde(skip)]
    pub root: Option<PathBuf>,
    #[serde(skip)]
    pub globs: FileGlobs,
}

type Cache = std::collections::HashMap<PathBuf, (SystemTime, u64, Config)>;

impl Config {
    /// Read a config's text; the error says what is wrong and where.
    pub fn parse(s: &str) -> Result<Config, ParseError> {
        let mut c: Config = toml::from_str(s)?;
        c.globs = FileGlobs {
            include: FileGlobs::build(&c.include)?,
            exclude: FileGlobs::build(&c.exclude)?,
        };
        Ok(c)
    }

    /// The nearest `gongkai.toml` in `start` or a folder above it. Parsed
    /// once per version of the file (the server asks on every check).
    pub fn discover(start: &Path) -> Result<Option<Config>, ConfigError> {
        static CACHE: Mutex<Option<Cache>> = Mutex::new(None);
        let mut dir = if start.is_dir() {
            Some(start)
        } else {
            start.parent()
        };
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if let Some(meta) = std::fs::metadata(&candidate).ok().filter(|m| m.is_file()) {
                let stamp = (meta.modified().ok(), meta.len());
                if let Some(at) = stamp.0 {
                    let cached = CACHE.lock().ok().and_then(|g| {
                        g.as_ref()
                            .and_then(|m| m.get(&candidate))
                            .filter(|(t, l, _)| (*t, *l) == (at, stamp.1))
                            .map(|(_, _, c)| c.clone())
                    });
                    if let Some(c) = cached {
                        return Ok(Some(c));
                    }
                }
                let text =
                    std::fs::read_to_string(&candidate).map_err(|source| ConfigError::Read {
                        path: candidate.clone(),
                        source,
                    })?;
                let mut c = Config::parse(&text).map_err(|source| ConfigError::Invalid {
                    path: candidate.clone(),
                    source,
                })?;
                c.root = Some(d.to_path_buf());
                if let (Some(at), Ok(mut g)) = (stamp.0, CACHE.lock()) {
                    g.get_or_insert_with(Default::default)
                        .insert(candidate, (at, stamp.1, c.clone()));
                }
                return Ok(Some(c));
            }
            dir = d.parent();
        }
        Ok(None)
    }

    /// Merge into check options: the config first, then what the command
    /// line adds.
    pub fn apply(&self, options: &mut CheckOptions) {
        if options.format.is_none() {
            if let Some(ReportFormat::Fixed(f)) = self.report_format {
                options.format = Some(f);
            }
        }
        options.select.extend(self.select.iter().cloned());
        options.ignore.extend(self.ignore.iter().cloned());
        for (code, sev) in &self.severity {
            options.severities.push((code.clone(), sev.0));
        }
    }

    /// The `previous` report's path, resolved against the config's folder.
    pub fn previous_path(&self) -> Option<PathBuf> {
        let p = self.previous.as_ref()?;
        Some(
            self.root
                .as_ref()
                .map_or_else(|| PathBuf::from(p), |r| r.join(p)),
        )
    }

    /// Whether the config's globs make `path` a report (`Some(true)`), not
    /// one (`Some(false)`), or leave it to the content (`None`).
    pub fn decides(&self, path: &Path) -> Option<bool> {
        let rel = self
            .root
            .as_deref()
            .and_then(|r| path.strip_prefix(r).ok())
            .unwrap_or(path);
        if self.globs.excluded(rel, path) {
            return Some(false);
        }
        self.globs.included(rel, path).filter(|i| *i)
    }
}

/// `p` made absolute (canonical if it exists), so that discovery can walk
/// up from a relative path.
pub fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_applies() {
        let c = Config::parse("report-format = \"2019\"\nselect = [\"GK2\"]\nignore = [\"GK205\"]\n[severity]\nGK305 = \"error\"\n").unwrap();
        let mut o = CheckOptions::default();
        c.apply(&mut o);
        assert_eq!(o.format, Some(FormatId::V2019));
        assert!(o.enabled("GK201") && !o.enabled("GK205") && !o.enabled("GK101"));
        assert_eq!(o.severities, vec![("GK305".to_string(), Severity::Error)]);
    }

    #[test]
    fn rejects_bad_values_saying_what_is_allowed() {
        let e = Config::parse("report-format = \"2020\"")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("report-format must be \"auto\", \"2019\" or \"2021\", not \"2020\""),
            "{e}"
        );
        assert!(e.contains("line 1"), "{e}");
        let e = Config::parse("[severity]\nGK305 = \"fatal\"")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("a severity must be error, warning or info, not \"fatal\""),
            "{e}"
        );
        assert!(e.contains("line 2"), "{e}");
        assert!(Config::parse("report-format = 2021").is_err());
        assert!(Config::parse("unknown = 1").is_err());
        let e = Config::parse("include = [\"a/[\"]")
            .unwrap_err()
            .to_string();
        assert!(e.contains("a/["), "{e}");
        let c = Config::parse("report-format = \"auto\"\n[severity]\nGK305 = \"Warn\"").unwrap();
        assert_eq!(c.report_format, Some(ReportFormat::Auto));
        assert_eq!(c.severity["GK305"], SeverityName(Severity::Warning));
    }
}
