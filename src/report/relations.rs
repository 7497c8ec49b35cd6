//! The format's sum relations found in one report: each target cell with
//! its terms and what they add up to. Built once per check
//! ([`crate::check::Analysis::relations`]); GK201–GK204, hover and inlay
//! hints read the same list.

use super::{Cell, Report, Row};
use crate::diagnostic::Span;
use crate::format::labels::short_label;
use crate::format::relations::{RelationDef, Rows, Shape, MAX_COUNT, REVIEW_GROUP_CELLS};
use crate::format::{RowRole, APPLICANT_COLUMNS, REVIEW_GROUPS};

/// One term of a sum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// A column's label, or a standard row's (terms are never local rows).
    pub label: &'static str,
    /// `None`: not a count (blank cells count as 0).
    pub value: Option<i64>,
    /// Subtracted rather than added.
    pub minus: bool,
}

/// A relation at one place of the report.
#[derive(Debug, Clone)]
pub struct Relation {
    pub def: &'static RelationDef,
    /// The target cell.
    pub span: Span,
    pub written: Option<i64>,
    pub terms: Vec<Term>,
    /// Every row (or group) involved has all its cells: only then is the
    /// relation judged (a short row is GK105's to report).
    pub complete_shape: bool,
    /// Where it holds.
    pub at: At,
    /// The target's name in messages: `总计`, `（七）总计`.
    pub target: &'static str,
}

/// Where a relation holds: the parts of its names, put together only when
/// a message or a hover needs them (most relations hold and are never named).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    /// A row of table 二: its label as written, and the standard label.
    Row {
        written: String,
        standard: Option<&'static str>,
    },
    /// A column of table 二.
    Column(&'static str),
    /// A group of table 三.
    Group(&'static str),
}

impl Relation {
    /// Where it holds, for messages: `“（一）予以公开”一行`, `自然人列`, `行政复议`.
    pub fn place(&self) -> String {
        match &self.at {
            At::Row { written, .. } => format!("“{}”一行", short_label(written)),
            At::Column(c) => format!("{c}列"),
            At::Group(g) => (*g).to_string(),
        }
    }

    /// The target cell for hover and hints: `（七）总计 · 自然人`.
    pub fn name(&self) -> String {
        match &self.at {
            At::Row {
                standard: Some(l), ..
            } => format!("{l} · {}", self.target),
            At::Row { written, .. } => format!("{} · {}", short_label(written), self.target),
            At::Column(c) => format!("{} · {c}", self.target),
            At::Group(g) => format!("{g} · {}", self.target),
        }
    }

    /// Σ plus − Σ minus over the terms that are counts, saturating (a
    /// cell can hold any number of digits).
    pub fn expected(&self) -> i64 {
        self.terms
            .iter()
            .filter_map(|t| {
                t.value
                    .map(|v| if t.minus { v.saturating_neg() } else { v })
            })
            .fold(0i64, i64::saturating_add)
    }

    /// Terms that are not counts.
    pub fn missing(&self) -> usize {
        self.terms.iter().filter(|t| t.value.is_none()).count()
    }

    /// Whether it can be judged: full shape, every term and the target a count.
    pub fn complete(&self) -> bool {
        self.complete_shape && self.missing() == 0 && self.written.is_some()
    }

    /// Every term and the target within what a real count can be.
    pub fn in_range(&self) -> bool {
        self.terms
            .iter()
            .filter_map(|t| t.value)
            .chain(self.written)
            .all(|v| v.unsigned_abs() <= MAX_COUNT as u64)
    }

    /// Judged and wrong.
    pub fn fails(&self) -> bool {
        self.complete() && self.written != Some(self.expected())
    }

    /// The value to put in the target cell, if a fix can be offered: every
    /// term in range and the result a count.
    pub fn fix_value(&self) -> Option<i64> {
        let v = self.expected();
        (self.in_range() && v >= 0).then_some(v)
    }
}

fn count(cell: Option<&Cell>) -> Option<i64> {
    cell.and_then(Cell::count)
}

/// Every relation of the report's format, in text order of the target
/// cells (a cell in several relations: in the format's order).
pub fn relations(report: &Report) -> Vec<Relation> {
    relations_of(report, report.format.spec().relations)
}

/// The relations `defs` in `report`.
pub fn relations_of(report: &Report, defs: &'static [RelationDef]) -> Vec<Relation> {
    let mut out = Vec::new();
    for def in defs {
        match def.shape {
            Shape::AcrossApplicants { target, terms } => {
                let Some(b) = &report.applications else {
                    continue;
                };
                for row in &b.rows {
                    let Some(cell) = row.cells.get(target.index()) else {
                        continue;
                    };
                    out.push(Relation {
                        def,
                        span: cell.span.clone(),
                        written: cell.count(),
                        terms: terms
                            .iter()
                            .map(|c| Term {
                                label: c.def().label,
                                value: count(row.cells.get(c.index())),
                                minus: false,
                            })
                            .collect(),
                        complete_shape: row.cells.len() == APPLICANT_COLUMNS.len(),
                        at: At::Row {
                            written: row.label.clone(),
                            standard: row.def.map(|d| d.label),
                        },
                        target: target.def().label,
                    });
                }
            }
            Shape::DownApplications {
                target,
                plus,
                minus,
            } => {
                let Some(b) = &report.applications else {
                    continue;
                };
                let Some(target_row) = b.row_of(target.role) else {
                    continue;
                };
                // Each side's rows with the name a term gets.
                let side = |sel: &'static [Rows], minus: bool| {
                    sel.iter().flat_map(move |s| {
                        b.rows
                            .iter()
                            .filter(move |r| r.def.is_some_and(|d| d.role == s.role))
                            .map(move |r| (r, s, minus))
                    })
                };
                let rows: Vec<(&'static str, &Row, &Rows, bool)> = side(plus, false)
                    .chain(side(minus, true))
                    .filter_map(|(r, s, minus)| {
                        let label = if s.role == RowRole::Leaf {
                            r.def?.label
                        } else {
                            s.name
                        };
                        Some((label, r, s, minus))
                    })
                    .collect();
                // Each named row must be there for the relation to hold.
                let present = plus
                    .iter()
                    .chain(minus)
                    .all(|s| rows.iter().any(|(_, _, r, _)| r.role == s.role));
                if !present {
                    continue;
                }
                let full = |r: &Row| r.cells.len() == APPLICANT_COLUMNS.len();
                let complete_shape = full(target_row) && rows.iter().all(|(_, r, _, _)| full(r));
                for (i, col) in APPLICANT_COLUMNS.iter().enumerate() {
                    let Some(cell) = target_row.cells.get(i) else {
                        continue;
                    };
                    out.push(Relation {
                        def,
                        span: cell.span.clone(),
                        written: cell.count(),
                        terms: rows
                            .iter()
                            .map(|(label, r, _, minus)| Term {
                                label,
                                value: count(r.cells.get(i)),
                                minus: *minus,
                            })
                            .collect(),
                        complete_shape,
                        at: At::Column(col.label),
                        target: target.name,
                    });
                }
            }
            Shape::WithinReviewGroup { target, terms } => {
                let Some(c) = &report.review else { continue };
                for (g, group) in REVIEW_GROUPS.iter().enumerate() {
                    let cells = c.group(g);
                    let Some(cell) = cells.get(target.index()) else {
                        continue;
                    };
                    out.push(Relation {
                        def,
                        span: cell.span.clone(),
                        written: cell.count(),
                        terms: terms
                            .iter()
                            .map(|col| Term {
                                label: col.def().label,
                                value: count(cells.get(col.index())),
                                minus: false,
                            })
                            .collect(),
                        complete_shape: c.is_complete(),
                        at: At::Group(group.label),
                        target: target.def().label,
                    });
                }
            }
        }
    }
    out.sort_by_key(|r| r.span.start);
    out
}

impl super::ReviewTable {
    /// The cells of group `g` (行政复议, 未经复议直接起诉, 复议后起诉), as
    /// many as were found.
    pub fn group(&self, g: usize) -> &[Cell] {
        let start = (g * REVIEW_GROUP_CELLS).min(self.cells.len());
        let end = ((g + 1) * REVIEW_GROUP_CELLS).min(self.cells.len());
        &self.cells[start..end]
    }

    /// All three groups' cells are there.
    pub fn is_complete(&self) -> bool {
        self.cells.len() == crate::format::relations::REVIEW_CELLS
    }
}

impl super::ApplicationsTable {
    /// The first standard row with `role` (一、本年新收, （七）总计, …).
    pub fn row_of(&self, role: RowRole) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.def.is_some_and(|d| d.role == role))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::relations::FixDef;

    /// A relation added as data only: 四、结转下年度 = 一 + 二 − （七）总计,
    /// judged by GK202 (the rule it names) with GK202's message.
    static FORWARD: [RelationDef; 1] = [RelationDef {
        rule: "GK202",
        reads: "本列一、本年新收加二、上年结转，减去（七）总计",
        because: None,
        shape: Shape::DownApplications {
            target: Rows {
                role: RowRole::Forward,
                name: "四、结转下年度",
            },
            plus: &[
                Rows {
                    role: RowRole::New,
                    name: "一、本年新收",
                },
                Rows {
                    role: RowRole::Carried,
                    name: "二、上年结转",
                },
            ],
            minus: &[Rows {
                role: RowRole::Total,
                name: "（七）总计",
            }],
        },
        fix: FixDef {
            safe: false,
            title: "把四、结转下年度改为 {}",
        },
    }];

    #[test]
    fn a_relation_is_data() {
        let text = include_str!("../../tests/fixtures/lsp-2023.md").replacen(
            "| 四、结转下年度继续办理 |  |  | 0 |",
            "| 四、结转下年度继续办理 |  |  | 2 |",
            1,
        );
        let report = crate::report::build(&text, None);
        let found = relations_of(&report, &FORWARD);
        assert_eq!(found.len(), 7, "one a column");
        let failing: Vec<&Relation> = found.iter().filter(|r| r.fails()).collect();
        assert_eq!(failing.len(), 1);
        let r = failing[0];
        assert_eq!(
            (r.name().as_str(), r.written, r.expected()),
            ("四、结转下年度 · 自然人", Some(2), 0)
        );
        assert_eq!(r.fix_value(), Some(0));
        assert_eq!(&text[r.span.clone()], "2");
    }
}
