//! Every 总计 cell of the report and the sum it should hold, for hover and
//! inlay hints. (The rules judge the sums; this only shows them.)

use crate::diagnostic::Span;
use crate::format::{RowRole, APPLICANT_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS};
use crate::report::{Cell, Report, Row};

/// One term of a sum.
#[derive(Debug, Clone)]
pub struct Term {
    pub label: String,
    /// `None`: blank or not a count.
    pub value: Option<i64>,
}

/// A total cell and one relation it is the result of.
#[derive(Debug, Clone)]
pub struct Total {
    /// The 总计 cell.
    pub span: Span,
    /// What the cell is, e.g. `（七）总计 · 自然人`.
    pub name: String,
    /// How the sum is made, e.g. `本行六类申请人之和`.
    pub rule: &'static str,
    pub written: Option<i64>,
    pub terms: Vec<Term>,
}

impl Total {
    /// The sum of the terms that are counts.
    pub fn sum(&self) -> i64 {
        self.terms.iter().filter_map(|t| t.value).sum()
    }

    /// Terms that are blank or not numbers.
    pub fn missing(&self) -> usize {
        self.terms.iter().filter(|t| t.value.is_none()).count()
    }

    pub fn holds(&self) -> bool {
        self.missing() == 0 && self.written == Some(self.sum())
    }
}

fn short(label: &str) -> String {
    // Labels keep their printed notes; the hover needs only the label.
    let l = label.split_whitespace().collect::<String>();
    match l.find("（区分") {
        Some(i) => l[..i].to_string(),
        None => l,
    }
}

fn row_name(row: &Row) -> String {
    match row.def {
        Some(d) => d.label.to_string(),
        None => short(&row.label),
    }
}

fn count(cell: Option<&Cell>) -> Option<i64> {
    cell.and_then(Cell::count)
}

/// Every total relation of the report, in text order of the total cells.
pub fn totals(report: &Report) -> Vec<Total> {
    let mut out = Vec::new();
    let tot = APPLICANT_COLUMNS.len() - 1;
    if let Some(b) = &report.applications {
        // Per row: 总计 = the six applicant columns.
        for row in &b.rows {
            let Some(cell) = row.cells.get(tot) else {
                continue;
            };
            out.push(Total {
                span: cell.span.clone(),
                name: format!("{} · 总计", row_name(row)),
                rule: "本行六类申请人之和",
                written: cell.count(),
                terms: APPLICANT_COLUMNS[..tot]
                    .iter()
                    .enumerate()
                    .map(|(i, c)| Term {
                        label: c.label.to_string(),
                        value: count(row.cells.get(i)),
                    })
                    .collect(),
            });
        }
        // Per column: （七）总计 = every result row.
        if let Some(total_row) = b.row("total") {
            let leaves: Vec<&Row> = b
                .rows
                .iter()
                .filter(|r| r.def.is_some_and(|d| d.role == RowRole::Leaf))
                .collect();
            for (i, col) in APPLICANT_COLUMNS.iter().enumerate() {
                let Some(cell) = total_row.cells.get(i) else {
                    continue;
                };
                out.push(Total {
                    span: cell.span.clone(),
                    name: format!("（七）总计 · {}", col.label),
                    rule: "本列（一）至（六）各项之和",
                    written: cell.count(),
                    terms: leaves
                        .iter()
                        .map(|r| Term {
                            label: row_name(r),
                            value: count(r.cells.get(i)),
                        })
                        .collect(),
                });
            }
        }
    }
    if let Some(c) = &report.review {
        let n = REVIEW_COLUMNS.len();
        for (g, group) in REVIEW_GROUPS.iter().enumerate() {
            let Some(cell) = c.cells.get(g * n + n - 1) else {
                continue;
            };
            out.push(Total {
                span: cell.span.clone(),
                name: format!("{} · 总计", group.label),
                rule: "本组结果维持、结果纠正、其他结果、尚未审结之和",
                written: cell.count(),
                terms: REVIEW_COLUMNS[..n - 1]
                    .iter()
                    .enumerate()
                    .map(|(i, col)| Term {
                        label: col.label.to_string(),
                        value: count(c.cells.get(g * n + i)),
                    })
                    .collect(),
            });
        }
    }
    out.sort_by_key(|t| t.span.start);
    out
}

/// The relations whose total cell contains `offset` (a cursor at the cell's
/// end counts).
pub fn at(report: &Report, offset: usize) -> Vec<Total> {
    totals(report)
        .into_iter()
        .filter(|t| t.span.start <= offset && offset <= t.span.end)
        .collect()
}

/// Markdown for a hover on a total cell.
pub fn hover_markdown(totals: &[Total]) -> String {
    let mut s = String::new();
    for t in totals {
        if !s.is_empty() {
            s.push_str("\n\n---\n\n");
        }
        let written = t
            .written
            .map_or_else(|| "（未填或不是数字）".to_string(), |w| w.to_string());
        s.push_str(&format!(
            "**{}**：{}\n\n计算值 **{}**，表中填写 {}",
            t.name,
            t.rule,
            t.sum(),
            written
        ));
        if t.holds() {
            s.push_str(" ✓");
        } else if t.missing() == 0 {
            s.push_str(" ✗");
        }
        s.push_str("\n\n");
        let terms: Vec<String> = t
            .terms
            .iter()
            .map(|term| match term.value {
                Some(v) => format!("{} {v}", term.label),
                None => format!("{} （空）", term.label),
            })
            .collect();
        s.push_str(&format!("{} = {}", t.sum(), terms.join(" + ")));
        if t.missing() > 0 {
            s.push_str(&format!(
                "\n\n有 {} 项未填或不是数字，未计入。",
                t.missing()
            ));
        }
    }
    s
}
