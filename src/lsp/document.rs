//! One checked version of an open document: what every request reads.

use crate::check::{analyze_as, analyze_with_previous, Analysis, CheckOptions};
use crate::report::Report;
use crate::text::LineIndex;

use super::position::{Encoding, Mapper};

/// How comments and tables are written in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Markdown,
    Plain,
    /// A published web page: checked (findings on its cells), but the
    /// editing features, which work on the report model's Markdown layout,
    /// are off.
    Html,
}

impl Flavor {
    /// From the client's language id, else the file name's extension.
    pub fn of(language_id: &str, path: &str) -> Option<Flavor> {
        use crate::read::Shape;
        let shape = match language_id {
            "markdown" | "md" => Some(Shape::Markdown),
            "plaintext" | "text" | "txt" => Some(Shape::Plain),
            "html" => Some(Shape::Html),
            // The file types the CLI and the last-year lookup read too.
            _ => Shape::of_path(std::path::Path::new(path)).or_else(|| {
                // The extension's own language, e.g. an untitled new report.
                matches!(language_id, "gongkai-report" | "gongkai").then_some(Shape::Markdown)
            }),
        };
        match shape? {
            Shape::Markdown => Some(Flavor::Markdown),
            Shape::Plain => Some(Flavor::Plain),
            Shape::Html => Some(Flavor::Html),
            // A zip: the server works on text documents only.
            Shape::Docx => None,
        }
    }

    /// A line that silences `code` on the next line.
    pub fn suppression(self, code: &str) -> String {
        match self {
            Flavor::Markdown | Flavor::Html => format!("<!-- gongkai-ignore {code} -->"),
            Flavor::Plain => format!("# gongkai-ignore {code}"),
        }
    }
}

/// A document's text at one version, with its analysis.
pub struct Snapshot {
    pub version: i32,
    /// Bumped on every change of text or settings: the key for staleness.
    pub generation: u64,
    pub text: String,
    pub index: LineIndex,
    pub analysis: Analysis,
    pub flavor: Flavor,
    /// Whether the document is a report at all (other files get nothing).
    pub is_report: bool,
}

impl Snapshot {
    pub fn build(
        text: String,
        version: i32,
        generation: u64,
        flavor: Flavor,
        options: &CheckOptions,
        report_override: Option<bool>,
        previous: Option<&str>,
    ) -> Snapshot {
        let analysis = match flavor {
            Flavor::Html => analyze_as(&text, Some("html"), previous, options),
            _ => analyze_with_previous(&text, previous, options),
        };
        let is_report = report_override.unwrap_or_else(|| analysis.report.looks_like_report());
        let index = LineIndex::new(&text);
        Snapshot {
            version,
            generation,
            text,
            index,
            analysis,
            flavor,
            is_report,
        }
    }

    pub fn mapper(&self, encoding: Encoding) -> Mapper<'_> {
        Mapper::new(&self.text, &self.index, encoding)
    }

    pub fn report(&self) -> &Report {
        &self.analysis.report
    }
}

/// The `gongkai.toml` found above `path`, if `path` is a file on disk.
pub fn discover_config(path: &str) -> Option<crate::config::Config> {
    let path = std::path::Path::new(path);
    if !path.is_absolute() {
        return None;
    }
    crate::config::Config::discover(path).ok()?
}

/// Apply `config` (the `gongkai.toml` above `path`) to `options`; its
/// include and exclude globs say whether the file is a report (`None`: let
/// the content decide).
pub fn project_config(
    path: &str,
    config: Option<&crate::config::Config>,
    options: &mut CheckOptions,
) -> Option<bool> {
    let config = config?;
    config.apply(options);
    config.decides(std::path::Path::new(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flavour_from_the_shared_list_of_report_files() {
        assert_eq!(Flavor::of("", "/r/a.MD"), Some(Flavor::Markdown));
        assert_eq!(Flavor::of("", "/r/a.text"), Some(Flavor::Plain));
        assert_eq!(Flavor::of("", "/r/a.htm"), Some(Flavor::Html));
        assert_eq!(Flavor::of("plaintext", "/r/a.md"), Some(Flavor::Plain));
        assert_eq!(
            Flavor::of("gongkai-report", "untitled:1"),
            Some(Flavor::Markdown)
        );
        // Listed for the CLI, but a zip is not a text document.
        assert_eq!(Flavor::of("", "/r/a.docx"), None);
        assert_eq!(Flavor::of("rust", "/r/a.rs"), None);
    }

    #[test]
    fn project_globs_decide() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::write(
            root.join("gongkai.toml"),
            "include = [\"reports/**\"]\nexclude = [\"reports/old/**\"]\nignore = [\"GK5\"]\n",
        )
        .expect("write config");
        let p = |rel: &str| root.join(rel).to_string_lossy().into_owned();
        let decide = |rel: &str, o: &mut CheckOptions| {
            let path = p(rel);
            project_config(&path, discover_config(&path).as_ref(), o)
        };
        let mut o = CheckOptions::default();
        assert_eq!(decide("reports/a.md", &mut o), Some(true));
        assert_eq!(o.ignore, vec!["GK5"]);
        let mut o = CheckOptions::default();
        assert_eq!(decide("reports/old/a.md", &mut o), Some(false));
        assert_eq!(decide("notes.md", &mut o), None);
    }

    #[test]
    fn reports_and_other_files() {
        let opts = CheckOptions::default();
        let build = |t: &str| Snapshot::build(t.into(), 1, 1, Flavor::Markdown, &opts, None, None);
        assert!(build(
            "# 某局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n二、主动公开政府信息情况\n"
        )
        .is_report);
        // A title alone, headings alone, or a note that mentions 年度报告.
        assert!(!build("# 某局2023年政府信息公开工作年度报告\n").is_report);
        assert!(!build("一、总体情况\n\n二、主动公开政府信息情况\n").is_report);
        assert!(!build("# 说明\n\n本仓库存放年度报告。\n").is_report);
        assert!(!build("# README\n\nSome notes.\n").is_report);
        assert!(
            Snapshot::build("x".into(), 1, 1, Flavor::Plain, &opts, Some(true), None).is_report
        );
        assert_eq!(
            Flavor::of("gongkai-report", "untitled:Untitled-1"),
            Some(Flavor::Markdown)
        );
        assert_eq!(
            Flavor::of("gongkai-report", "/r/报告.txt"),
            Some(Flavor::Plain)
        );
        assert_eq!(Flavor::of("markdown", "a.txt"), Some(Flavor::Markdown));
        assert_eq!(Flavor::of("", "/x/A.TXT"), Some(Flavor::Plain));
        assert_eq!(Flavor::of("rust", "a.rs"), None);
        assert_eq!(Flavor::Plain.suppression("GK201"), "# gongkai-ignore GK201");
    }
}
