//! The sums a report's tables must satisfy (勾稽关系), as data: each
//! relation names its target cell and its terms in format terms (typed
//! columns and row roles, no indices), the rule that judges it, how it
//! reads and what fix it offers. [`crate::report::relations`] finds them in
//! a report once; the rules, hover and inlay hints all read that.
//!
//! A new relation is one more entry in [`RELATIONS`] (or in a format's own
//! list): it is judged by the rule it names, with that rule's message.

use super::{ColumnDef, RowRole, APPLICANT_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS};

/// Table 二's value columns by meaning (the order of [`APPLICANT_COLUMNS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applicant {
    NaturalPerson,
    Business,
    Research,
    PublicInterest,
    Legal,
    OtherOrganisation,
    Total,
}

impl Applicant {
    pub const ALL: [Applicant; 7] = [
        Applicant::NaturalPerson,
        Applicant::Business,
        Applicant::Research,
        Applicant::PublicInterest,
        Applicant::Legal,
        Applicant::OtherOrganisation,
        Applicant::Total,
    ];
    /// The six kinds of applicant that 总计 adds up.
    pub const KINDS: [Applicant; 6] = [
        Applicant::NaturalPerson,
        Applicant::Business,
        Applicant::Research,
        Applicant::PublicInterest,
        Applicant::Legal,
        Applicant::OtherOrganisation,
    ];

    /// Its position among a row's value cells.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn def(self) -> &'static ColumnDef {
        &APPLICANT_COLUMNS[self.index()]
    }
}

/// Table 三's five cells of each group (the order of [`REVIEW_COLUMNS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewColumn {
    Maintained,
    Corrected,
    Other,
    Pending,
    Total,
}

impl ReviewColumn {
    pub const RESULTS: [ReviewColumn; 4] = [
        ReviewColumn::Maintained,
        ReviewColumn::Corrected,
        ReviewColumn::Other,
        ReviewColumn::Pending,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn def(self) -> &'static ColumnDef {
        &REVIEW_COLUMNS[self.index()]
    }
}

/// How many cells a group of table 三 has, and how many groups there are.
pub const REVIEW_GROUP_CELLS: usize = REVIEW_COLUMNS.len();
pub const REVIEW_CELLS: usize = REVIEW_GROUPS.len() * REVIEW_COLUMNS.len();

/// Rows of table 二 by role, with the short name messages use for them.
#[derive(Debug, Clone, Copy)]
pub struct Rows {
    pub role: RowRole,
    /// E.g. `一、本年新收`; for [`RowRole::Leaf`] (many rows) each row's own
    /// label is used instead.
    pub name: &'static str,
}

/// Where a relation holds and what it adds up.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// In every row of table 二 (standard, local and subtotal rows alike):
    /// `target` = Σ `terms`.
    AcrossApplicants {
        target: Applicant,
        terms: &'static [Applicant],
    },
    /// In every column of table 二: the `target` row = Σ `plus` − Σ `minus`.
    DownApplications {
        target: Rows,
        plus: &'static [Rows],
        minus: &'static [Rows],
    },
    /// In each group of table 三: `target` = Σ `terms`.
    WithinReviewGroup {
        target: ReviewColumn,
        terms: &'static [ReviewColumn],
    },
}

/// The fix a failing relation offers: set the target to the computed value.
#[derive(Debug, Clone, Copy)]
pub struct FixDef {
    /// Safe (applied by `--fix`) or to be confirmed.
    pub safe: bool,
    /// The fix's title; `{}` is the computed value.
    pub title: &'static str,
}

#[derive(Debug)]
pub struct RelationDef {
    /// The rule that judges it (GK201…).
    pub rule: &'static str,
    /// How the sum is made, for hover and hints.
    pub reads: &'static str,
    /// What the sum is, in messages (`{n}`: how many terms); `None`: the
    /// terms themselves, `自然人 1 + 商业企业 0 + …`.
    pub because: Option<&'static str>,
    pub shape: Shape,
    pub fix: FixDef,
}

/// A count no report can hold: beyond it a cell is a typing slip, and no
/// sum with it is offered as a fix.
pub const MAX_COUNT: i64 = 1_000_000_000;

const TOTAL_ROW: Rows = Rows {
    role: RowRole::Total,
    name: "（七）总计",
};

/// The relations both formats share, in the order hover lists them.
pub static RELATIONS: [RelationDef; 4] = [
    RelationDef {
        rule: "GK201",
        reads: "本行六类申请人之和",
        because: None,
        shape: Shape::AcrossApplicants {
            target: Applicant::Total,
            terms: &Applicant::KINDS,
        },
        fix: FixDef {
            safe: true,
            title: "把总计改为 {}",
        },
    },
    RelationDef {
        rule: "GK203",
        reads: "本列（一）至（六）各项之和",
        because: Some("（一）至（六）{n} 个明细行之和"),
        shape: Shape::DownApplications {
            target: TOTAL_ROW,
            plus: &[Rows {
                role: RowRole::Leaf,
                name: "明细行",
            }],
            minus: &[],
        },
        fix: FixDef {
            safe: false,
            title: "把（七）总计改为明细之和 {}",
        },
    },
    RelationDef {
        rule: "GK202",
        reads: "本列一、本年新收加二、上年结转，减去四、结转下年度",
        because: None,
        shape: Shape::DownApplications {
            target: TOTAL_ROW,
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
                role: RowRole::Forward,
                name: "四、结转下年度",
            }],
        },
        fix: FixDef {
            safe: false,
            title: "把（七）总计改为 {}（= 新收 + 结转 − 结转下年度）",
        },
    },
    RelationDef {
        rule: "GK204",
        reads: "本组结果维持、结果纠正、其他结果、尚未审结之和",
        because: None,
        shape: Shape::WithinReviewGroup {
            target: ReviewColumn::Total,
            terms: &ReviewColumn::RESULTS,
        },
        fix: FixDef {
            safe: true,
            title: "把总计改为 {}",
        },
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_columns_match_the_format_columns() {
        assert_eq!(Applicant::ALL.len(), APPLICANT_COLUMNS.len());
        assert_eq!(Applicant::Total.def().label, "总计");
        assert_eq!(Applicant::NaturalPerson.def().label, "自然人");
        assert_eq!(ReviewColumn::Total.def().label, "总计");
        assert_eq!(ReviewColumn::Pending.def().label, "尚未审结");
        assert_eq!(REVIEW_CELLS, 15);
    }
}
