//! The rule registry.
//!
//! A rule is a small pure function from the report model to findings, with
//! its stable code, kebab-case name, default severity and documentation next
//! to it. Adding a rule is: write the file, add it to [`RULES`].

use crate::diagnostic::{Finding, Fix, Severity, Span};
use crate::report::Report;

pub mod arithmetic;
pub mod citations;
pub mod docs;
pub mod history;
pub mod labels;
pub mod narrative;
pub mod structure;
pub mod values;
pub mod year;

/// Everything a rule may look at.
pub struct Context<'a> {
    pub text: &'a str,
    pub report: &'a Report,
    /// Last year's report of the same body, when known (`previous` in
    /// gongkai.toml, both files given to `check`, or found by the server).
    pub previous: Option<(&'a str, &'a Report)>,
    /// Worked out once, for the several rules that need them.
    citations: std::cell::OnceCell<Vec<crate::law::Citation>>,
    value_cells: std::cell::OnceCell<Vec<crate::report::ValueCell<'a>>>,
    relations: std::cell::OnceCell<Vec<crate::report::Relation>>,
    claims: std::cell::OnceCell<Vec<crate::narrative::Claim>>,
}

/// What the rules worked out that the editor shows too (hover, hints):
/// kept in the [`crate::check::Analysis`] so nothing is worked out twice.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    pub relations: Vec<crate::report::Relation>,
    pub claims: Vec<crate::narrative::Claim>,
    pub citations: Vec<crate::law::Citation>,
}

impl<'a> Context<'a> {
    pub fn new(text: &'a str, report: &'a Report, previous: Option<(&'a str, &'a Report)>) -> Self {
        Context {
            text,
            report,
            previous,
            citations: Default::default(),
            value_cells: Default::default(),
            relations: Default::default(),
            claims: Default::default(),
        }
    }

    /// The numbers the prose states, tied to table cells.
    pub fn claims(&self) -> &[crate::narrative::Claim] {
        self.claims
            .get_or_init(|| crate::narrative::claims(self.text, self.report))
    }

    /// The format's sum relations in this report.
    pub fn relations(&self) -> &[crate::report::Relation] {
        self.relations
            .get_or_init(|| crate::report::relations(self.report))
    }

    /// What the rules worked out that the editor shows too; what no
    /// enabled rule needed is worked out now.
    pub fn into_derived(self) -> Derived {
        let (text, report) = (self.text, self.report);
        Derived {
            relations: self
                .relations
                .into_inner()
                .unwrap_or_else(|| crate::report::relations(report)),
            claims: self
                .claims
                .into_inner()
                .unwrap_or_else(|| crate::narrative::claims(text, report)),
            citations: self
                .citations
                .into_inner()
                .unwrap_or_else(|| crate::law::find_citations(text)),
        }
    }

    /// What the rules happened to work out, nothing more.
    pub fn into_computed(self) -> Derived {
        Derived {
            relations: self.relations.into_inner().unwrap_or_default(),
            claims: self.claims.into_inner().unwrap_or_default(),
            citations: self.citations.into_inner().unwrap_or_default(),
        }
    }

    /// Every citation of the 条例 in the text.
    pub fn citations(&self) -> &[crate::law::Citation] {
        self.citations
            .get_or_init(|| crate::law::find_citations(self.text))
    }

    /// Every value cell of the tables, with its kind.
    pub fn value_cells(&self) -> &[crate::report::ValueCell<'a>] {
        self.value_cells.get_or_init(|| self.report.value_cells())
    }
}

/// A rule's identity, documentation and check.
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// One line, in Chinese: what the rule checks.
    pub summary: &'static str,
    /// Markdown: what, why (basis), example, fix.
    pub docs: &'static str,
    /// Whether some of its findings carry a safe fix.
    pub fixable: bool,
    pub check: fn(&Context, &mut Sink),
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.code, self.name)
    }
}

/// Collects one rule's findings.
pub struct Sink<'r> {
    rule: &'r Rule,
    pub findings: Vec<Finding>,
}

impl<'r> Sink<'r> {
    pub fn new(rule: &'r Rule) -> Self {
        Sink {
            rule,
            findings: Vec::new(),
        }
    }

    /// Report at the rule's default severity.
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> &mut Finding {
        self.report_as(self.rule.severity, span, message)
    }

    /// Report at another severity (e.g. an alias label is only worth an info).
    pub fn report_as(
        &mut self,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Finding {
        self.findings.push(Finding {
            code: self.rule.code,
            rule: self.rule.name,
            severity,
            message: message.into(),
            span,
            fixes: Vec::new(),
        });
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }
}

impl Finding {
    pub fn with_fix(&mut self, fix: Fix) -> &mut Self {
        self.fixes.push(fix);
        self
    }
}

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &structure::MISSING_SECTION,
    &structure::SECTION_ORDER,
    &structure::MISSING_TABLE,
    &structure::MISSING_ROW,
    &structure::CELL_COUNT,
    &structure::WRONG_FORMAT,
    &structure::TITLE,
    &structure::EXTRA_ROW,
    &structure::REQUIRED_CONTENT,
    &arithmetic::ROW_TOTAL,
    &arithmetic::BALANCE,
    &arithmetic::RESULTS_TOTAL,
    &arithmetic::REVIEW_TOTAL,
    &arithmetic::ACTIVE_LOGIC,
    &arithmetic::SUBTOTAL,
    &history::CARRY_OVER,
    &values::NOT_A_NUMBER,
    &values::FULLWIDTH_DIGITS,
    &values::AMOUNT_FORMAT,
    &values::NEGATIVE_COUNT,
    &values::EMPTY_CELL,
    &values::NON_INTEGER_COUNT,
    &values::THOUSANDS_SEPARATOR,
    &values::UNIT_IN_CELL,
    &values::IMPLAUSIBLE_NUMBER,
    &citations::UNKNOWN_ARTICLE,
    &labels::UNKNOWN_LABEL,
    &labels::WRONG_ITEM_HEADING,
    &citations::OLD_ARTICLE_NUMBER,
    &narrative::NARRATIVE_MISMATCH,
    &year::YEAR_MISMATCH,
    &narrative::LATE_PUBLICATION,
    &history::COPIED_REPORT,
];

/// Look a rule up by code (`GK201`) or name (`row-total`), case-insensitively.
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| {
        r.code.eq_ignore_ascii_case(code_or_name) || r.name.eq_ignore_ascii_case(code_or_name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_and_documented() {
        let codes: Vec<_> = RULES.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted);
        for r in RULES {
            assert!(r.code.starts_with("GK") && r.code.len() == 5, "{}", r.code);
            assert!(
                r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                r.name
            );
            for part in ["## 检查什么", "## 为什么", "## 示例", "## 如何修正"] {
                assert!(r.docs.contains(part), "{} docs lack {part}", r.code);
            }
        }
    }
}
