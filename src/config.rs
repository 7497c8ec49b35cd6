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

pub const FILE_NAME: &str = "gongkai.toml";

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Config {
    #[serde(alias = "report_format")]
    pub report_format: Option<String>,
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
    pub severity: std::collections::BTreeMap<String, String>,
    /// The folder the file was found in (not read from the file).
    #[serde(skip)]
    pub root: Option<PathBuf>,
}

impl Config {
    pub fn parse(s: &str) -> Result<Config, String> {
        let c: Config = toml::from_str(s).map_err(|e| e.to_string())?;
        c.validate()?;
        Ok(c)
    }

    fn validate(&self) -> Result<(), String> {
        if let Some(f) = &self.report_format {
            if f != "auto" && FormatId::parse(f).is_none() {
                return Err(format!(
                    "report-format must be \"auto\", \"2019\" or \"2021\", not {f:?}"
                ));
            }
        }
        for (code, sev) in &self.severity {
            if Severity::parse(sev).is_none() {
                return Err(format!(
                    "severity of {code} must be error, warning or info, not {sev:?}"
                ));
            }
        }
        Ok(())
    }

    /// The nearest `gongkai.toml` in `start` or a folder above it.
    pub fn discover(start: &Path) -> Result<Option<Config>, String> {
        let mut dir = if start.is_dir() {
            Some(start)
        } else {
            start.parent()
        };
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                let text = std::fs::read_to_string(&candidate)
                    .map_err(|e| format!("{}: {e}", candidate.display()))?;
                let mut c =
                    Config::parse(&text).map_err(|e| format!("{}: {e}", candidate.display()))?;
                c.root = Some(d.to_path_buf());
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
            options.format = self.report_format.as_deref().and_then(FormatId::parse);
        }
        options.select.extend(self.select.iter().cloned());
        options.ignore.extend(self.ignore.iter().cloned());
        for (code, sev) in &self.severity {
            if let Some(s) = Severity::parse(sev) {
                options.severities.push((code.clone(), s));
            }
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
    fn rejects_bad_values() {
        assert!(Config::parse("report-format = \"2020\"").is_err());
        assert!(Config::parse("[severity]\nGK305 = \"fatal\"").is_err());
        assert!(Config::parse("unknown = 1").is_err());
    }
}
