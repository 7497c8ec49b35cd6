//! Every standard label of the report, where it belongs and what goes
//! there — gathered from the format data, for hover and completion.

use crate::format::{
    labels::{normalize, without_note},
    FormatId, RowDef, RowRole, TableId, ACTIVE_CONTENT_HEADER, APPLICANT_COLUMNS,
    APPLICANT_HEADERS, BALANCE_NOTE, LITIGATION_HEADER, REVIEW_COLUMNS, REVIEW_GROUPS, SECTIONS,
};
use crate::law::numerals::to_chinese;

/// Which part of the report a label belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Section,
    /// Table A, sub-table of 第二十条 item N.
    Active(u8),
    /// Table B.
    Applications,
    /// Table C.
    Review,
}

impl Place {
    /// The table it is in, with its section: `表二 三、收到和处理政府信息公开申请情况`.
    pub fn table_name(self) -> String {
        let table = match self {
            Place::Section => return "报告的六个部分".into(),
            Place::Active(_) => TableId::Active,
            Place::Applications => TableId::Applications,
            Place::Review => TableId::Review,
        };
        format!("{} {}", table.name(), table.section().title)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Heading,
    Row,
    Group,
    Column,
}

/// One standard label.
#[derive(Debug, Clone)]
pub struct Label {
    pub text: String,
    pub place: Place,
    pub kind: Kind,
    /// What belongs in the row, column or section (our words).
    pub belongs: String,
    /// The merged group label above it, if any.
    pub group: Option<&'static str>,
}

fn row_belongs(r: &RowDef) -> String {
    match (r.key, r.role) {
        ("new", _) => "本年度新收到的政府信息公开申请件数，按申请人类别分列。".into(),
        ("carried", _) => "上一年度收到、未办结而结转到本年度继续办理的申请件数。".into(),
        ("forward", _) => "本年度尚未办结、结转下年度继续办理的申请件数。".into(),
        (_, RowRole::Total) => {
            "本年度办理完毕的申请总数：（一）至（六）各行之和；并且一、二之和等于（七）总计与四之和。"
                .into()
        }
        ("partial", _) => {
            "部分公开的申请件数。区分处理的（一部分公开、一部分不公开）只计这一情形，不再计入其他情形。"
                .into()
        }
        (_, RowRole::Leaf) => match r.group {
            Some(g) if g.key != "results" => format!(
                "本年度办理结果为“{}”中“{}”的申请件数，按申请人类别分列。",
                g.label, r.label
            ),
            _ => format!(
                "本年度办理结果为“{}”的申请件数，按申请人类别分列。",
                r.label
            ),
        },
        _ => format!("“{}”的数量。", r.label),
    }
}

/// Every label of `format`, sections first, then tables A, B and C.
pub fn all(format: FormatId) -> Vec<Label> {
    let mut out = Vec::new();
    for s in &SECTIONS {
        out.push(Label {
            text: s.title.to_string(),
            place: Place::Section,
            kind: Kind::Heading,
            belongs: format!("年度报告的第{}部分。", s.number),
            group: None,
        });
    }
    let spec = format.spec();
    for sub in spec.active {
        let place = Place::Active(sub.item);
        out.push(Label {
            text: sub.heading.to_string(),
            place,
            kind: Kind::Heading,
            belongs: format!(
                "{}的小表：条例第二十条第（{}）项规定主动公开的信息，填{}。",
                TableId::Active.name(),
                to_chinese(u32::from(sub.item)),
                sub.rows
                    .iter()
                    .map(|r| r.label)
                    .collect::<Vec<_>>()
                    .join("、")
            ),
            group: None,
        });
        out.push(Label {
            text: ACTIVE_CONTENT_HEADER.to_string(),
            place,
            kind: Kind::Column,
            belongs: format!("{}各小表的首列：信息的类别。", TableId::Active.name()),
            group: None,
        });
        for c in sub.columns {
            out.push(Label {
                text: c.label.to_string(),
                place,
                kind: Kind::Column,
                belongs: format!("{}：每个类别一个数。", c.label),
                group: None,
            });
        }
        for r in sub.rows {
            out.push(Label {
                text: r.label.to_string(),
                place,
                kind: Kind::Row,
                belongs: format!(
                    "{}：{}。",
                    r.label,
                    sub.columns
                        .iter()
                        .map(|c| c.label)
                        .collect::<Vec<_>>()
                        .join("、")
                ),
                group: None,
            });
        }
    }
    out.push(Label {
        text: BALANCE_NOTE.to_string(),
        place: Place::Applications,
        kind: Kind::Column,
        belongs: format!(
            "{}左上角的说明：一、二之和等于三（（七）总计）、四之和。",
            TableId::Applications.name()
        ),
        group: None,
    });
    for h in APPLICANT_HEADERS {
        out.push(Label {
            text: h.to_string(),
            place: Place::Applications,
            kind: Kind::Column,
            belongs: format!(
                "{}的合并表头：按申请人类别分列。",
                TableId::Applications.name()
            ),
            group: None,
        });
    }
    for (i, c) in APPLICANT_COLUMNS.iter().enumerate() {
        let belongs = if i + 1 == APPLICANT_COLUMNS.len() {
            "本行六类申请人（自然人及五类法人或其他组织）之和。".to_string()
        } else if i == 0 {
            "申请人为自然人的申请件数。".to_string()
        } else {
            format!("申请人为法人或其他组织中“{}”的申请件数。", c.label)
        };
        out.push(Label {
            text: c.label.to_string(),
            place: Place::Applications,
            kind: Kind::Column,
            belongs,
            group: if i == 0 || i + 1 == APPLICANT_COLUMNS.len() {
                None
            } else {
                Some("法人或其他组织")
            },
        });
    }
    for g in spec.application_groups() {
        out.push(Label {
            text: g.label.to_string(),
            place: Place::Applications,
            kind: Kind::Group,
            belongs: format!(
                "{}的合并行名：其下各行分列“{}”的各种情形。",
                TableId::Applications.name(),
                g.label
            ),
            group: None,
        });
    }
    for r in spec.applications {
        out.push(Label {
            text: r.full_label(),
            place: Place::Applications,
            kind: Kind::Row,
            belongs: row_belongs(r),
            group: r.group.map(|g| g.label),
        });
    }
    for g in &REVIEW_GROUPS {
        out.push(Label {
            text: g.label.to_string(),
            place: Place::Review,
            kind: Kind::Group,
            belongs: format!(
                "“{}”的案件数，分结果维持、结果纠正、其他结果、尚未审结和总计五栏。",
                g.label
            ),
            group: (g.key != "r").then_some(LITIGATION_HEADER),
        });
    }
    out.push(Label {
        text: LITIGATION_HEADER.to_string(),
        place: Place::Review,
        kind: Kind::Group,
        belongs: "行政诉讼分“未经复议直接起诉”和“复议后起诉”两组。".into(),
        group: None,
    });
    for (i, c) in REVIEW_COLUMNS.iter().enumerate() {
        let belongs = if i + 1 == REVIEW_COLUMNS.len() {
            "本组前四栏（结果维持、结果纠正、其他结果、尚未审结）之和。".to_string()
        } else {
            format!(
                "因政府信息公开工作被申请行政复议或提起行政诉讼、{}的案件数。",
                c.label
            )
        };
        out.push(Label {
            text: c.label.to_string(),
            place: Place::Review,
            kind: Kind::Column,
            belongs,
            group: None,
        });
    }
    out
}

/// The label `text` is (after normalising), preferring `place`.
pub fn find(format: FormatId, text: &str, place: Option<Place>) -> Option<Label> {
    let norm = normalize(text);
    if norm.is_empty() {
        return None;
    }
    let labels = all(format);
    let matches = |l: &Label| {
        let full = normalize(&l.text);
        full == norm
            || (l.kind == Kind::Row && without_note(&full) == norm)
            || (l.kind == Kind::Row && norm.ends_with(&without_note(&full)) && norm.len() > 3)
    };
    let mut found: Vec<Label> = labels.into_iter().filter(|l| matches(l)).collect();
    found.sort_by_key(|l| (Some(l.place) != place, l.kind != Kind::Row));
    found.into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_labels_as_written() {
        let f = FormatId::V2021;
        let l = find(f, "5、属于三类内部事务信息", None).expect("d5");
        assert_eq!(l.place, Place::Applications);
        assert_eq!(l.group, Some("（三）不予公开"));
        let l = find(f, "（三）不予公开 5.属于三类内部事务信息", None).expect("d5 in one cell");
        assert_eq!(l.text, "5.属于三类内部事务信息");
        let l = find(f, "（二）部分公开", None).expect("partial");
        assert!(l.belongs.contains("只计这一情形"));
        let l = find(f, "总计", Some(Place::Review)).expect("review total");
        assert_eq!(l.place, Place::Review);
        let l = find(f, "总计", Some(Place::Applications)).expect("b total");
        assert_eq!(l.place, Place::Applications);
        assert!(find(f, "行政许可", None).is_some());
        assert!(find(f, "随便写的", None).is_none());
    }
}
