//! Runs the rule registry over a report, applying configuration and
//! suppression comments.

use crate::diagnostic::Finding;
use crate::format::FormatId;
use crate::report::{self, Report};
use crate::rules::{self, Context, Sink};

/// What to check and how.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Force a format instead of deciding from the document.
    pub format: Option<FormatId>,
    /// Codes or prefixes to enable (empty: all).
    pub select: Vec<String>,
    /// Codes or prefixes to disable.
    pub ignore: Vec<String>,
    /// Per-code severity overrides.
    pub severities: Vec<(String, crate::diagnostic::Severity)>,
}

impl CheckOptions {
    pub fn enabled(&self, code: &str) -> bool {
        let matches = |p: &String| {
            code.to_ascii_uppercase()
                .starts_with(&p.to_ascii_uppercase())
        };
        (self.select.is_empty() || self.select.iter().any(matches))
            && !self.ignore.iter().any(matches)
    }
}

/// A checked text: the model and what is wrong with it.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub report: Report,
    /// Sorted by position, then code.
    pub findings: Vec<Finding>,
}

/// Read and check one text.
pub fn analyze(text: &str, options: &CheckOptions) -> Analysis {
    let report = report::build(text, options.format);
    let ctx = Context {
        text,
        report: &report,
        previous: None,
    };
    let mut findings = Vec::new();
    for rule in rules::RULES {
        if !options.enabled(rule.code) {
            continue;
        }
        let mut sink = Sink::new(rule);
        (rule.check)(&ctx, &mut sink);
        findings.extend(sink.findings);
    }
    for f in &mut findings {
        if let Some((_, s)) = options
            .severities
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(f.code))
        {
            f.severity = *s;
        }
    }
    findings.sort_by(|a, b| {
        (a.span.start, a.code, a.span.end).cmp(&(b.span.start, b.code, b.span.end))
    });
    Analysis { report, findings }
}
