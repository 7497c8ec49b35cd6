//! What a claim speaks of in the tables, and what the tables say of it.

use crate::diagnostic::Span;
use crate::format::{
    GroupDef, TableId, APPLICANT_COLUMNS, GROUP_D, GROUP_N, GROUP_O, GROUP_U, REVIEW_COLUMNS,
    REVIEW_GROUPS,
};
use crate::report::{CellValue, Report, Row};

/// Rows of table B a quantity adds up.
#[derive(Debug, Clone, Copy)]
pub enum RowSel {
    /// One row by key.
    Key(&'static str),
    /// Every leaf row of a group: （三）不予公开 and so on.
    Group(&'static GroupDef),
}

impl PartialEq for RowSel {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (RowSel::Key(a), RowSel::Key(b)) => a == b,
            (RowSel::Group(a), RowSel::Group(b)) => a.key == b.key,
            _ => false,
        }
    }
}

impl Eq for RowSel {}

/// Columns of table B a quantity adds up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColSel {
    /// 总计 (or, where the 总计 cells say otherwise, the six columns' sum).
    Total,
    One(usize),
    /// 法人或其他组织: the five columns between 自然人 and 总计.
    Orgs,
}

/// A number the tables give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Quantity {
    Applications {
        rows: Vec<RowSel>,
        col: ColSel,
    },
    /// Table C: the sum over `groups` (bits, see [`super::lex::Groups`]) of
    /// one result column (index into `REVIEW_COLUMNS`; 4 = 总计).
    Review {
        groups: u8,
        col: usize,
    },
}

/// What the tables give for a quantity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The value a message names: the 总计 cells' sum, or where those are
    /// blank the sum of the applicant columns.
    pub primary: i64,
    /// Every value a reader could take from the table (the 总计 cells, the
    /// applicant columns' sum); the text agrees if it says any of them.
    pub values: Vec<i64>,
    /// The cells read (the 总计 cells for a total).
    pub cells: Vec<Span>,
}

impl Quantity {
    pub fn apps(rows: &[RowSel], col: ColSel) -> Quantity {
        Quantity::Applications {
            rows: rows.to_vec(),
            col,
        }
    }

    /// The same rows, another column.
    pub fn with_col(&self, col: ColSel) -> Option<Quantity> {
        match self {
            Quantity::Applications { rows, .. } => Some(Quantity::Applications {
                rows: rows.clone(),
                col,
            }),
            Quantity::Review { .. } => None,
        }
    }

    /// Read the quantity from the report's tables.
    pub fn read(&self, report: &Report) -> Option<Reading> {
        match self {
            Quantity::Applications { rows, col } => read_apps(report, rows, *col),
            Quantity::Review { groups, col } => {
                let review = report.review.as_ref()?;
                if !review.is_complete() {
                    return None;
                }
                let total_col = REVIEW_COLUMNS.len() - 1;
                let mut sum = 0;
                // For a 总计: the four results' sum, which the text may
                // follow where the 总计 cell is wrong (GK204's finding).
                let mut parts = 0;
                let mut cells = Vec::new();
                for g in 0..REVIEW_GROUPS.len() {
                    if groups & (1 << g) == 0 {
                        continue;
                    }
                    let row = review.group(g);
                    let cell = row.get(*col)?;
                    sum += cell.count()?;
                    cells.push(cell.span.clone());
                    if *col == total_col {
                        for c in &row[..total_col] {
                            parts += c.count()?;
                        }
                    }
                }
                if cells.is_empty() {
                    return None;
                }
                let mut values = vec![sum];
                if *col == total_col && parts != sum {
                    values.push(parts);
                }
                Some(Reading {
                    primary: sum,
                    values,
                    cells,
                })
            }
        }
    }

    /// The cells in words, for messages: `表二“（三）不予公开”各项的总计之和`.
    pub fn describe(&self, report: &Report) -> String {
        match self {
            Quantity::Applications { rows, col } => {
                let names: Vec<String> = rows
                    .iter()
                    .map(|r| match r {
                        RowSel::Key(k) => format!("“{}”", row_label(report, k)),
                        RowSel::Group(g) => format!("“{}”各项", g.label),
                    })
                    .collect();
                let col_name = match col {
                    ColSel::Total => "总计".to_owned(),
                    ColSel::One(i) => format!("“{}”列", APPLICANT_COLUMNS[*i].label),
                    ColSel::Orgs => "“法人或其他组织”五列".to_owned(),
                };
                let several = rows.len() > 1
                    || rows.iter().any(|r| matches!(r, RowSel::Group(_)))
                    || *col == ColSel::Orgs;
                format!(
                    "{}{}的{}{}",
                    TableId::Applications.name(),
                    names.join("与"),
                    col_name,
                    if several { "之和" } else { "" }
                )
            }
            Quantity::Review { groups, col } => {
                let names: Vec<String> = REVIEW_GROUPS
                    .iter()
                    .enumerate()
                    .filter(|(g, _)| groups & (1 << g) != 0)
                    .map(|(_, d)| format!("“{}”", d.label))
                    .collect();
                format!(
                    "{}{}的“{}”{}",
                    TableId::Review.name(),
                    names.join("与"),
                    REVIEW_COLUMNS[*col].label,
                    if names.len() > 1 { "之和" } else { "" }
                )
            }
        }
    }

    /// Whether the quantity is one cell, which a fix could set.
    pub fn single_cell(&self, report: &Report) -> Option<Span> {
        let reading = self.read(report)?;
        match self {
            Quantity::Applications { rows, col } => {
                (rows.len() == 1 && matches!(rows[0], RowSel::Key(_)) && *col != ColSel::Orgs)
                    .then(|| reading.cells.first().cloned())
                    .flatten()
            }
            Quantity::Review { .. } => (reading.cells.len() == 1)
                .then(|| reading.cells.first().cloned())
                .flatten(),
        }
    }
}

/// The readings of one report's quantities, each worked out once: a
/// report's claims, and the shares after them, read the same few cells
/// again and again.
#[derive(Default)]
pub(super) struct Readings {
    read: Vec<(Quantity, Option<Reading>)>,
}

impl Readings {
    /// What `q.read(report)` gives; `report` must be the same on every call.
    pub(super) fn get(&mut self, report: &Report, q: &Quantity) -> Option<&Reading> {
        let at = match self.read.iter().position(|(known, _)| known == q) {
            Some(at) => at,
            None => {
                self.read.push((q.clone(), q.read(report)));
                self.read.len() - 1
            }
        };
        self.read.get(at).and_then(|(_, r)| r.as_ref())
    }
}

fn row_label(report: &Report, key: &str) -> String {
    report
        .format
        .spec()
        .application_row(key)
        .map_or_else(|| key.to_owned(), |d| d.label.to_owned())
}

/// Whether `key` is a leaf of group `g` (`d3` of `d`; `o` or `o2` of `o`).
fn in_group(key: &str, g: &GroupDef) -> bool {
    let prefix = g.key;
    match key.strip_prefix(prefix) {
        Some("") => true,
        Some(rest) => rest.bytes().all(|b| b.is_ascii_digit()),
        None => false,
    }
}

fn selected_rows<'r>(report: &'r Report, sel: &RowSel) -> Option<Vec<&'r Row>> {
    let table = report.applications.as_ref()?;
    match sel {
        RowSel::Key(k) => Some(vec![table.row(k)?]),
        RowSel::Group(g) => {
            let rows: Vec<&Row> = table
                .rows
                .iter()
                .filter(|r| r.subtotal_of.is_none() && r.key().is_some_and(|k| in_group(k, g)))
                .collect();
            // （六）其他处理: the 2021 format splits it into three rows; a
            // report may still carry the one-row label as a header.
            let numbered: Vec<&Row> = rows
                .iter()
                .copied()
                .filter(|r| r.key().is_some_and(|k| k.len() > g.key.len()))
                .collect();
            let rows = if numbered.is_empty() { rows } else { numbered };
            (!rows.is_empty()).then_some(rows)
        }
    }
}

fn read_apps(report: &Report, sels: &[RowSel], col: ColSel) -> Option<Reading> {
    let tot = APPLICANT_COLUMNS.len() - 1;
    let mut total_cells = 0i64;
    let mut column_sum = 0i64;
    let mut cells = Vec::new();
    for sel in sels {
        for row in selected_rows(report, sel)? {
            let cell = |i: usize| row.cells.get(i);
            match col {
                ColSel::One(i) => {
                    let c = cell(i)?;
                    column_sum += c.count()?;
                    cells.push(c.span.clone());
                }
                ColSel::Orgs => {
                    for i in 1..tot {
                        let c = cell(i)?;
                        column_sum += c.count()?;
                        cells.push(c.span.clone());
                    }
                }
                ColSel::Total => {
                    let mut sum = 0;
                    let mut any = false;
                    for i in 0..tot {
                        if let Some(c) = cell(i) {
                            sum += c.count()?;
                            any = true;
                        }
                    }
                    let written = match cell(tot) {
                        Some(c) => {
                            cells.push(c.span.clone());
                            match c.number() {
                                Some(_) => Some(c.count()?),
                                None if matches!(c.value, CellValue::Text(_)) => return None,
                                None => None,
                            }
                        }
                        None => None,
                    };
                    if !any && written.is_none() {
                        return None;
                    }
                    total_cells += written.unwrap_or(sum);
                    column_sum += if any { sum } else { written.unwrap_or(0) };
                }
            }
        }
    }
    if col != ColSel::Total {
        return Some(Reading {
            primary: column_sum,
            values: vec![column_sum],
            cells,
        });
    }
    // A blank 总计 cell is read as its row's columns; where a written 总计
    // disagrees with the columns, the text may follow either.
    let mut values = vec![total_cells];
    if column_sum != total_cells {
        values.push(column_sum);
    }
    Some(Reading {
        primary: total_cells,
        values,
        cells,
    })
}

pub fn group_d() -> RowSel {
    RowSel::Group(&GROUP_D)
}
pub fn group_u() -> RowSel {
    RowSel::Group(&GROUP_U)
}
pub fn group_n() -> RowSel {
    RowSel::Group(&GROUP_N)
}
pub fn group_o() -> RowSel {
    RowSel::Group(&GROUP_O)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_are_the_quantities_readings() {
        let text = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/narrative/base.md"
        ))
        .replace("{{PROSE}}", "本年收到申请5件。");
        let report = crate::report::build(&text, None);
        assert!(report.applications.is_some() && report.review.is_some());
        let quantities = [
            Quantity::apps(&[RowSel::Key("new")], ColSel::Total),
            Quantity::apps(&[RowSel::Key("new"), RowSel::Key("carried")], ColSel::Total),
            Quantity::apps(&[RowSel::Key("new")], ColSel::One(0)),
            Quantity::apps(&[group_d()], ColSel::Orgs),
            // No such row: read as nothing, and remembered so.
            Quantity::apps(&[RowSel::Key("no such row")], ColSel::Total),
            Quantity::Review { groups: 1, col: 4 },
            Quantity::Review { groups: 6, col: 0 },
        ];
        let mut readings = Readings::default();
        for _ in 0..2 {
            for q in &quantities {
                assert_eq!(readings.get(&report, q).cloned(), q.read(&report), "{q:?}");
            }
        }
        assert_eq!(readings.read.len(), quantities.len());
    }
}
