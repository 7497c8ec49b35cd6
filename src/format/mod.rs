//! The two official report formats as data.
//!
//! 国办公开办函〔2019〕60号 (reports for 2019 and 2020) and
//! 国办公开办函〔2021〕30号 (2021 on). Readers use these labels to find the
//! tables, rules to know which cells add up, the editor to complete and
//! explain labels: a label is written once, here.
//!
//! Tables are named as the official formats number them ([`TableId`]):
//! 表一 is 二、主动公开政府信息情况, 表二 三、收到和处理政府信息公开申请情况,
//! 表三 四、政府信息公开行政复议、行政诉讼情况. (In the code they are table
//! A, B and C, or `active`, `applications`, `review`.)

pub mod labels;
pub mod relations;
mod table_b;
mod v2019;
mod v2021;

/// The three tables of a report, with the names the official formats give
/// them: every message, hover, outline and completion uses these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableId {
    /// 表一, in section 二.
    Active,
    /// 表二, in section 三.
    Applications,
    /// 表三, in section 四.
    Review,
}

impl TableId {
    pub const ALL: [TableId; 3] = [TableId::Active, TableId::Applications, TableId::Review];

    /// 表一, 表二, 表三.
    pub fn name(self) -> &'static str {
        match self {
            TableId::Active => "表一",
            TableId::Applications => "表二",
            TableId::Review => "表三",
        }
    }

    /// What it reports on, short: `行政复议、行政诉讼情况`.
    pub fn subject(self) -> &'static str {
        match self {
            TableId::Active => "主动公开政府信息情况",
            TableId::Applications => "收到和处理政府信息公开申请情况",
            TableId::Review => "行政复议、行政诉讼情况",
        }
    }

    /// The section it stands in.
    pub fn section(self) -> &'static SectionDef {
        &SECTIONS[match self {
            TableId::Active => 1,
            TableId::Applications => 2,
            TableId::Review => 3,
        }]
    }

    /// `表二：收到和处理政府信息公开申请情况`, for outlines and completions.
    pub fn heading(self) -> String {
        format!("{}：{}", self.name(), self.subject())
    }
}

/// Which official format a report follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FormatId {
    V2019,
    V2021,
}

impl FormatId {
    /// The format that applies to a report for `year`.
    pub fn for_year(year: u16) -> FormatId {
        if year <= 2020 {
            FormatId::V2019
        } else {
            FormatId::V2021
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            FormatId::V2019 => "2019",
            FormatId::V2021 => "2021",
        }
    }

    /// The document that issued the format.
    pub fn document(self) -> &'static str {
        match self {
            FormatId::V2019 => "国办公开办函〔2019〕60号",
            FormatId::V2021 => "国办公开办函〔2021〕30号",
        }
    }

    pub fn parse(s: &str) -> Option<FormatId> {
        match s {
            "2019" => Some(FormatId::V2019),
            "2021" => Some(FormatId::V2021),
            _ => None,
        }
    }

    pub fn spec(self) -> &'static Format {
        match self {
            FormatId::V2019 => &v2019::FORMAT,
            FormatId::V2021 => &v2021::FORMAT,
        }
    }
}

/// One official format.
#[derive(Debug)]
pub struct Format {
    pub id: FormatId,
    /// Table A: the 第二十条 sub-tables, in order.
    pub active: &'static [SubTableDef],
    /// Table B: every row, in order.
    pub applications: &'static [RowDef],
    /// The sums its tables must satisfy.
    pub relations: &'static [relations::RelationDef],
}

/// The six sections, the same in both formats.
pub static SECTIONS: [SectionDef; 6] = [
    SectionDef {
        number: 1,
        title: "一、总体情况",
        keywords: &["总体情况"],
    },
    SectionDef {
        number: 2,
        title: "二、主动公开政府信息情况",
        keywords: &["主动公开"],
    },
    SectionDef {
        number: 3,
        title: "三、收到和处理政府信息公开申请情况",
        keywords: &["收到和处理", "依申请公开情况", "申请情况"],
    },
    SectionDef {
        number: 4,
        title: "四、政府信息公开行政复议、行政诉讼情况",
        keywords: &["行政复议", "行政诉讼"],
    },
    SectionDef {
        number: 5,
        title: "五、存在的主要问题及改进情况",
        keywords: &["主要问题", "改进情况", "存在的问题", "整改"],
    },
    SectionDef {
        number: 6,
        title: "六、其他需要报告的事项",
        keywords: &["其他需要报告"],
    },
];

#[derive(Debug)]
pub struct SectionDef {
    /// 1 to 6.
    pub number: u8,
    /// The canonical heading.
    pub title: &'static str,
    /// Any one of these after the numeral marks a heading as this section
    /// (real reports vary the wording, see spec S-2).
    pub keywords: &'static [&'static str],
}

/// What a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// A count: a whole number ≥ 0.
    Count,
    /// A signed whole number (2019's 本年增/减).
    Signed,
    /// A sum of money; its unit comes from the header or the cell.
    Amount,
}

#[derive(Debug)]
pub struct ColumnDef {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: CellKind,
}

/// A sub-table of table A, headed 第二十条第（N）项.
#[derive(Debug)]
pub struct SubTableDef {
    /// The item of 第二十条 it reports on.
    pub item: u8,
    pub heading: &'static str,
    pub columns: &'static [ColumnDef],
    pub rows: &'static [RowDef],
}

/// What a row of table B contributes to its relations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowRole {
    /// 一、本年新收: the column's inflow of this year.
    New,
    /// 二、上年结转: the inflow carried over from last year.
    Carried,
    /// A result row that （七）总计 sums.
    Leaf,
    /// （七）总计.
    Total,
    /// 四、结转下年度继续办理.
    Forward,
    /// Table A rows: no relation in table B.
    Plain,
}

#[derive(Debug)]
pub struct RowDef {
    /// Stable key (`new`, `d1`, …), used by rules, tests and the editor.
    pub key: &'static str,
    /// The official label, without its printed note.
    pub label: &'static str,
    /// The note printed after the label, if any.
    pub note: Option<&'static str>,
    /// The merged group label the row sits under, if any.
    pub group: Option<&'static GroupDef>,
    pub role: RowRole,
    /// Other labels seen in real reports for this row, accepted with an info.
    pub aliases: &'static [&'static str],
}

impl RowDef {
    /// The label as printed in the official table (with its note).
    pub fn full_label(&self) -> String {
        match self.note {
            Some(n) => format!("{}{}", self.label, n),
            None => self.label.to_owned(),
        }
    }
}

/// A merged label over several rows (（三）不予公开 …), which has no cells.
#[derive(Debug)]
pub struct GroupDef {
    pub key: &'static str,
    pub label: &'static str,
}

/// Table B's header over its label columns: the printed 勾稽 note.
///
/// 勾稽关系 is the accountants' term for the cross-checks between cells that
/// must hold for a table to be internally consistent.
pub const BALANCE_NOTE: &str =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

pub static RESULTS_GROUP: GroupDef = GroupDef {
    key: "results",
    label: "三、本年度办理结果",
};
pub static GROUP_D: GroupDef = GroupDef {
    key: "d",
    label: "（三）不予公开",
};
pub static GROUP_U: GroupDef = GroupDef {
    key: "u",
    label: "（四）无法提供",
};
pub static GROUP_N: GroupDef = GroupDef {
    key: "n",
    label: "（五）不予处理",
};
pub static GROUP_O: GroupDef = GroupDef {
    key: "o",
    label: "（六）其他处理",
};

/// Table B's seven value columns, in order. There is no 法人或其他组织
/// subtotal column: that label is a merged header over the five in between.
pub static APPLICANT_COLUMNS: [ColumnDef; 7] = [
    ColumnDef {
        key: "np",
        label: "自然人",
        kind: CellKind::Count,
    },
    ColumnDef {
        key: "c1",
        label: "商业企业",
        kind: CellKind::Count,
    },
    ColumnDef {
        key: "c2",
        label: "科研机构",
        kind: CellKind::Count,
    },
    ColumnDef {
        key: "c3",
        label: "社会公益组织",
        kind: CellKind::Count,
    },
    ColumnDef {
        key: "c4",
        label: "法律服务机构",
        kind: CellKind::Count,
    },
    ColumnDef {
        key: "c5",
        label: "其他",
        kind: CellKind::Count,
    },
    ColumnDef {
        key: "tot",
        label: "总计",
        kind: CellKind::Count,
    },
];

/// Table B's merged headers above the value columns.
pub static APPLICANT_HEADERS: [&str; 2] = ["申请人情况", "法人或其他组织"];

/// Table C: three groups of five cells.
pub static REVIEW_GROUPS: [ReviewGroupDef; 3] = [
    ReviewGroupDef {
        key: "r",
        label: "行政复议",
    },
    ReviewGroupDef {
        key: "l1",
        label: "未经复议直接起诉",
    },
    ReviewGroupDef {
        key: "l2",
        label: "复议后起诉",
    },
];

/// The header over the two litigation groups.
pub const LITIGATION_HEADER: &str = "行政诉讼";

/// The five cells of each table C group; the last is the group's 总计.
pub static REVIEW_COLUMNS: [ColumnDef; 5] = [
    ColumnDef {
        key: "maintained",
        label: "结果维持",
        kind: CellKind::Count,
    },
    ColumnDef {
        key: "corrected",
        label: "结果纠正",
        kind: CellKind::Count,
    },
    ColumnDef {
        key: "other",
        label: "其他结果",
        kind: CellKind::Count,
    },
    ColumnDef {
        key: "pending",
        label: "尚未审结",
        kind: CellKind::Count,
    },
    ColumnDef {
        key: "total",
        label: "总计",
        kind: CellKind::Count,
    },
];

#[derive(Debug)]
pub struct ReviewGroupDef {
    pub key: &'static str,
    pub label: &'static str,
}

/// The first column header of every table A sub-table.
pub const ACTIVE_CONTENT_HEADER: &str = "信息内容";

impl Format {
    pub fn sub_table(&self, item: u8) -> Option<&'static SubTableDef> {
        self.active.iter().find(|s| s.item == item)
    }

    pub fn application_row(&self, key: &str) -> Option<&'static RowDef> {
        self.applications.iter().find(|r| r.key == key)
    }

    /// Every merged group label of table B, in order.
    pub fn application_groups(&self) -> Vec<&'static GroupDef> {
        let mut out: Vec<&'static GroupDef> = vec![&RESULTS_GROUP];
        for r in self.applications {
            if let Some(g) = r.group {
                if !out.iter().any(|o| o.key == g.key) {
                    out.push(g);
                }
            }
        }
        out
    }
}

/// Column headers that only one of the two formats has: seeing one of them
/// tells which format a table was written in.
pub fn format_of_column_header(normalized: &str) -> Option<FormatId> {
    static DISTINCT: std::sync::OnceLock<Vec<(String, FormatId)>> = std::sync::OnceLock::new();
    let distinct = DISTINCT.get_or_init(|| {
        let headers = |f: FormatId| -> Vec<String> {
            f.spec()
                .active
                .iter()
                .flat_map(|s| s.columns.iter())
                .map(|c| labels::normalize(&labels::strip_parenthesized(c.label)))
                .collect()
        };
        let (old, new) = (headers(FormatId::V2019), headers(FormatId::V2021));
        let mut out = Vec::new();
        for h in &old {
            if !new.contains(h) {
                out.push((h.clone(), FormatId::V2019));
            }
        }
        for h in &new {
            if !old.contains(h) {
                out.push((h.clone(), FormatId::V2021));
            }
        }
        out
    });
    distinct
        .iter()
        .find(|(h, _)| h == normalized)
        .map(|(_, f)| *f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_b_shapes() {
        assert_eq!(FormatId::V2019.spec().applications.len(), 23);
        assert_eq!(FormatId::V2021.spec().applications.len(), 25);
        let leaves = |f: FormatId| {
            f.spec()
                .applications
                .iter()
                .filter(|r| r.role == RowRole::Leaf)
                .count()
        };
        assert_eq!(leaves(FormatId::V2019), 19);
        assert_eq!(leaves(FormatId::V2021), 21);
    }

    #[test]
    fn table_a_shapes() {
        let items = |f: FormatId| f.spec().active.iter().map(|s| s.item).collect::<Vec<_>>();
        assert_eq!(items(FormatId::V2019), vec![1, 5, 6, 8, 9]);
        assert_eq!(items(FormatId::V2021), vec![1, 5, 6, 8]);
    }

    /// Every fixed text names tables the official way: 表一 to 表三, never
    /// 表A–C or 表四, and each 表N（…） with its own subject.
    #[test]
    fn one_name_per_table() {
        let mut texts: Vec<&str> = crate::rules::RULES
            .iter()
            .flat_map(|r| [r.summary, r.docs])
            .collect();
        texts.extend((1..=56).map(crate::law::explanation));
        for t in texts {
            for bad in ["表A", "表B", "表C", "表四"] {
                assert!(!t.contains(bad), "{bad} in {t}");
            }
            for table in TableId::ALL {
                let named = format!("{}（", table.name());
                for (i, _) in t.match_indices(&named) {
                    let after = &t[i + named.len()..];
                    let other = TableId::ALL.iter().filter(|o| **o != table).any(|o| {
                        after.starts_with(&o.subject().chars().take(2).collect::<String>())
                    });
                    assert!(!other, "{} named wrongly in {t}", table.name());
                }
            }
        }
    }

    #[test]
    fn distinctive_headers() {
        assert_eq!(
            format_of_column_header("上一年项目数量"),
            Some(FormatId::V2019)
        );
        assert_eq!(
            format_of_column_header("本年制发件数"),
            Some(FormatId::V2021)
        );
        assert_eq!(
            format_of_column_header("本年收费金额"),
            Some(FormatId::V2021)
        );
        assert_eq!(format_of_column_header("信息内容"), None);
    }
}
