//! GK502: the years in the report agree.

use super::{Context, Rule, Sink};
use crate::diagnostic::{Fix, Severity, Span};
use crate::report::Report;

/// The year an opening sentence speaks of: a prose line of 一、总体情况 (or
/// the preamble) that begins with "YYYY年".
fn opening_year(text: &str, report: &Report) -> Option<(u16, Span)> {
    let limit = report.section(2).map_or(text.len(), |s| s.heading.start);
    for p in report.prose.iter().filter(|p| p.start < limit) {
        if let Some((y, span)) = crate::report::find_year_in(text, p.clone()) {
            let after = text[span.end..p.end].trim_start_matches(' ');
            let month = after.strip_prefix('年').is_some_and(|a| {
                a.trim_start()
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit())
            });
            if span.start == p.start && !month {
                return Some((y, span));
            }
        }
    }
    None
}

pub static YEAR_MISMATCH: Rule = Rule {
    code: "GK502",
    name: "year-mismatch",
    severity: Severity::Error,
    summary: "标题、统计期限和正文中的年度不一致",
    docs: r#"## 检查什么

标题中的年度、正文写明的统计期限（“本报告中所列数据统计期限为YYYY年1月1日至12月31日”）和总体情况开头的“YYYY年，……”应是同一年。

## 为什么

沿用上一年的报告改写时，最容易漏改年份（invariants Y-1）。

## 示例

标题为“2020年……年度报告”，统计期限却写“2019年1月1日至12月31日”：报 `GK502`，位置在统计期限中的年份。

## 如何修正

把不一致的年份改为报告年度。
"#,
    fixable: false,
    check: |ctx: &Context, sink: &mut Sink| {
        let r = ctx.report;
        let title = r.title.as_ref().and_then(|t| t.year.clone());
        let period = crate::narrative::statistics_period_year(ctx.text, r);
        let opening = opening_year(ctx.text, r);
        let (reference, what) = match (&title, &period) {
            (Some(t), _) => (t.clone(), "标题"),
            (None, Some(p)) => (p.clone(), "统计期限"),
            _ => return,
        };
        let mut check = |found: Option<(u16, Span)>, name: &str| {
            if let Some((y, span)) = found {
                if y != reference.0 && span != reference.1 {
                    sink.report(
                        span.clone(),
                        format!("{name}写的是 {y} 年，{what}却是 {} 年", reference.0),
                    )
                    .with_fix(Fix::unsafe_(
                        format!("改为 {}", reference.0),
                        span,
                        reference.0.to_string(),
                    ));
                }
            }
        };
        if what == "标题" {
            check(period, "统计期限");
        }
        check(opening, "总体情况开头");
    },
};
