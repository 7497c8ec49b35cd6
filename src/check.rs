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
    /// The format's sum relations in this report (worked out once, for the
    /// rules and the editor).
    pub relations: Vec<report::Relation>,
}

/// Read and check one text.
pub fn analyze(text: &str, options: &CheckOptions) -> Analysis {
    analyze_with_previous(text, None, options)
}

/// Read and check one text, with last year's report of the same body for
/// the cross-year rules.
pub fn analyze_with_previous(
    text: &str,
    previous: Option<&str>,
    options: &CheckOptions,
) -> Analysis {
    let report = report::build(text, options.format);
    let previous_report = previous.map(|p| report::build(p, None));
    let ctx = Context::new(text, &report, previous.zip(previous_report.as_ref()));
    let mut findings = Vec::new();
    for rule in rules::RULES {
        if !options.enabled(rule.code) {
            continue;
        }
        let mut sink = Sink::new(rule);
        (rule.check)(&ctx, &mut sink);
        findings.extend(sink.findings);
    }
    let relations = ctx.into_derived();
    for f in &mut findings {
        if let Some((_, s)) = options
            .severities
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(f.code))
        {
            f.severity = *s;
        }
    }
    suppress(text, &report, &mut findings);
    findings.sort_by(|a, b| {
        (a.span.start, a.code, a.span.end).cmp(&(b.span.start, b.code, b.span.end))
    });
    Analysis {
        report,
        findings,
        relations,
    }
}

/// Drop findings silenced by `gongkai-ignore CODE…` (the next non-blank
/// line) or `gongkai-ignore-file CODE…` (anywhere: the whole file). A
/// comment without codes silences every code.
fn suppress(text: &str, report: &Report, findings: &mut Vec<Finding>) {
    use crate::read::LineKind;
    let lines = &report.document.lines;
    let mut file_codes: Vec<String> = Vec::new();
    let mut line_codes: Vec<(usize, Vec<String>)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let LineKind::Comment { content } = &line.kind else {
            continue;
        };
        let c = &text[content.clone()];
        let body = c
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim_start_matches('#')
            .trim();
        let (file, rest) = if let Some(r) = body.strip_prefix("gongkai-ignore-file") {
            (true, r)
        } else if let Some(r) = body.strip_prefix("gongkai-ignore") {
            (false, r)
        } else {
            continue;
        };
        let mut codes: Vec<String> = rest
            .split(|ch: char| ch == ',' || ch.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(|s| s.to_ascii_uppercase())
            .collect();
        if codes.is_empty() {
            codes.push("GK".into());
        }
        if file {
            file_codes.extend(codes);
        } else if let Some(next) = (i + 1..lines.len())
            .find(|&j| !matches!(lines[j].kind, LineKind::Blank | LineKind::Comment { .. }))
        {
            line_codes.push((next, codes));
        }
    }
    if file_codes.is_empty() && line_codes.is_empty() {
        return;
    }
    let index = crate::text::LineIndex::new(text);
    findings.retain(|f| {
        let hit = |codes: &Vec<String>| codes.iter().any(|c| f.code.starts_with(c.as_str()));
        if hit(&file_codes) {
            return false;
        }
        let line = index.line_of(f.span.start);
        !line_codes.iter().any(|(l, codes)| *l == line && hit(codes))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<&'static str> {
        analyze(
            text,
            &CheckOptions {
                select: vec!["GK305".into()],
                ..Default::default()
            },
        )
        .findings
        .iter()
        .map(|f| f.code)
        .collect()
    }

    const TABLE_C: &str = "| 行政复议 |  |  |  |  |\n|---|---|---|---|---|\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n";

    #[test]
    fn markdown_suppression_comments() {
        let row = "| 1 |  | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";
        let plain = format!("{TABLE_C}{row}");
        assert_eq!(codes(&plain), vec!["GK305"]);
        let line = format!("{TABLE_C}<!-- gongkai-ignore GK305 -->\n{row}");
        assert!(codes(&line).is_empty());
        let other = format!("{TABLE_C}<!-- gongkai-ignore GK201 -->\n{row}");
        assert_eq!(codes(&other), vec!["GK305"]);
        let file = format!("<!-- gongkai-ignore-file GK3 -->\n{TABLE_C}{row}");
        assert!(codes(&file).is_empty());
    }
}
