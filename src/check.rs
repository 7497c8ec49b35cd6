//! Runs the rule registry over a report, applying configuration and
//! suppression comments.

use crate::diagnostic::{Finding, Span};
use crate::format::FormatId;
use crate::read::{self, Shape, View};
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
    /// The caller reads the findings only (`gongkai check`): the facts the
    /// enabled rules did not need are not worked out for
    /// [`Analysis::derived`].
    pub findings_only: bool,
    /// Run no rule on a text that does not look like a report (a README
    /// in a folder of reports): it is skipped, its findings would be
    /// dropped.
    pub skip_non_reports: bool,
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
    /// The sum relations, prose claims and citations of the text, worked
    /// out once for the rules and the editor.
    pub derived: rules::Derived,
}

/// Read and check one text.
pub fn analyze(text: &str, options: &CheckOptions) -> Analysis {
    analyze_with_previous(text, None, options)
}

/// Read and check one text, with last year's report of the same body for
/// the cross-year rules. The text's shape (Markdown, plain text, HTML) is
/// told from its content.
pub fn analyze_with_previous(
    text: &str,
    previous: Option<&str>,
    options: &CheckOptions,
) -> Analysis {
    analyze_as(text, None, previous, options)
}

/// Like [`analyze_with_previous`], with `hint` (the file's extension or the
/// editor's language id) deciding the shape where the content does not.
/// For HTML, the findings' spans are spans of `text`; the model's are of
/// the Markdown laid out from it.
pub fn analyze_as(
    text: &str,
    hint: Option<&str>,
    previous: Option<&str>,
    options: &CheckOptions,
) -> Analysis {
    analyze_shaped(text, Shape::detect_text(text, hint), previous, options)
}

/// Like [`analyze_as`], for a text whose shape the caller has told already
/// (telling it reads the whole text).
pub fn analyze_shaped(
    text: &str,
    shape: Shape,
    previous: Option<&str>,
    options: &CheckOptions,
) -> Analysis {
    match read::text_view(text, shape) {
        Some(Ok(view)) => analyze_view(&view, previous, options),
        // Too large to lay out: read what the text says.
        Some(Err(_)) => run(text, read::read_as(text, Shape::Plain), previous, options),
        None => run(text, read::read_as(text, shape), previous, options),
    }
}

/// Check a report laid out from markup (HTML, .docx): findings point into
/// the source, and name their place where the source has no positions.
/// Their fixes are dropped: they would edit the layout, not the source.
/// The model and the relations keep the layout's spans (`view.text`).
pub fn analyze_view(view: &View, previous: Option<&str>, options: &CheckOptions) -> Analysis {
    let document = read::read_view(view);
    let mut analysis = run(&view.text, document, previous, options);
    for f in &mut analysis.findings {
        if let Some(place) = view.place(f.span.start).filter(|p| !p.is_empty()) {
            f.message.push_str(&format!("（位置：{place}）"));
        }
        f.span = view.to_source(f.span.clone());
        f.fixes.clear();
    }
    sort(&mut analysis.findings);
    analysis
}

fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.span.start, a.code, a.span.end).cmp(&(b.span.start, b.code, b.span.end))
    });
}

fn run(
    text: &str,
    document: read::Document,
    previous: Option<&str>,
    options: &CheckOptions,
) -> Analysis {
    let report = report::build_document(text, document, options.format);
    if options.skip_non_reports && !report.looks_like_report() {
        return Analysis {
            report,
            findings: Vec::new(),
            derived: Default::default(),
        };
    }
    // Last year's report may be a web page too.
    let previous_view = previous
        .and_then(|p| read::text_view(p, Shape::detect_text(p, None)))
        .and_then(Result::ok);
    let previous = previous_view.as_ref().map(|v| v.text.as_str()).or(previous);
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
    let derived = if options.findings_only {
        ctx.into_computed()
    } else {
        ctx.into_derived()
    };
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
    sort(&mut findings);
    Analysis {
        report,
        findings,
        derived,
    }
}

/// Drop findings silenced by `gongkai-ignore CODE…` (the next block that
/// is not blank: a line of text, a table row) or `gongkai-ignore-file CODE…` (anywhere: the whole file). A
/// comment without codes silences every code.
fn suppress(text: &str, report: &Report, findings: &mut Vec<Finding>) {
    use crate::read::LineKind;
    let lines = &report.document.lines;
    let mut file_codes: Vec<String> = Vec::new();
    // The source span of the block each comment silences.
    let mut block_codes: Vec<(Span, Vec<String>)> = Vec::new();
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
        } else if let Some(next) = (i + 1..lines.len()).find(|&j| {
            !matches!(
                lines[j].kind,
                LineKind::Blank | LineKind::Comment { .. } | LineKind::Delimiter
            )
        }) {
            block_codes.push((lines[next].span.clone(), codes));
        }
    }
    if file_codes.is_empty() && block_codes.is_empty() {
        return;
    }
    findings.retain(|f| {
        let hit = |codes: &Vec<String>| codes.iter().any(|c| f.code.starts_with(c.as_str()));
        if hit(&file_codes) {
            return false;
        }
        !block_codes
            .iter()
            .any(|(b, codes)| b.start <= f.span.start && f.span.start <= b.end && hit(codes))
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
