//! The numbers the prose states, tied to the table cells they speak of.
//!
//! A report's 总体情况 usually restates the tables: "共受理政府信息公开申请
//! 859件", "予以公开及部分公开258件，占33.9%", "行政复议7件，诉讼9件，均获
//! 维持". [`claims`] finds such statements and reads the cells they speak
//! of, so that GK501 can report a contradiction on the number in the text,
//! and the editor can show on hover which cells a number was tied to.
//!
//! The extraction is deliberately strict: a number is tied to a cell only
//! when the words between its subject (受理, 予以公开, 行政复议, …) and the
//! number are known filler words (政府信息公开申请, 共计, 案件, …). Anything
//! else leaves the number untied, and an untied number is never reported:
//! no false alarm is worth more than recall here.

mod count;
mod dates;
mod extract;
mod implied;
mod lex;
pub mod quantity;
mod share;

pub use dates::{publication_dates, statistics_period_year, PublicationDate};
pub use quantity::{ColSel, Quantity, Reading, RowSel};

use extract::{quoted, Extractor};

use crate::diagnostic::Span;
use crate::report::Report;
use lex::{ColWord, FillerKind, Groups, RowWord, Tok, TokKind, Unit, Word};
use lex::{G_LITIGATION, G_REVIEW};
use quantity::{group_d, group_n, group_o, group_u};

/// A statement in the prose about a number the tables give.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The number in the text (for a statement without a number, such as
    /// "均获维持", the words that imply one).
    pub span: Span,
    /// The claim as written, from its subject to its unit:
    /// `受理政府信息公开申请 17 件`.
    pub quote: String,
    pub kind: ClaimKind,
    /// What the text speaks of, as the table reads it; the first is the
    /// reading messages name, the others are other ways reports count the
    /// same words (收到 N 件: 一 alone, or 一 + 二).
    pub quantities: Vec<Quantity>,
    /// The cells read (for a total, the 总计 cells).
    pub cells: Vec<Span>,
    /// What the table says, when it can be read.
    pub table_value: Option<i64>,
    pub status: Status,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ClaimKind {
    /// "N 件".
    Count(i64),
    /// "占 N%" after a count: the count's share of a total.
    Share {
        percent: f64,
        decimals: u8,
        /// The count it is a share of.
        count: i64,
        /// The total the table gives and the share it makes, when the
        /// claim does not hold (for messages and fixes).
        expected: Option<(i64, f64)>,
    },
    /// Words that imply a value: "均获维持" (结果维持 = 总计), "未发生行政
    /// 复议" (0), "所有申请均已办理完成" (结转 0).
    Implied { value: i64, what: Implied },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Implied {
    /// Every case of the group was upheld.
    AllMaintained,
    /// None at all.
    Zero,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Holds,
    Contradicted,
    /// The tables are missing or unreadable where the claim points.
    Unknown,
}

impl Claim {
    /// The number the text states or implies.
    pub fn text_value(&self) -> String {
        match &self.kind {
            ClaimKind::Count(n) => n.to_string(),
            ClaimKind::Share {
                percent, decimals, ..
            } => format!("{percent:.*}%", *decimals as usize),
            ClaimKind::Implied { value, .. } => value.to_string(),
        }
    }

    /// What the claim's number counts, in the table's words:
    /// `表二“一、本年新收政府信息公开申请数量”的总计` (worked out when a message
    /// or hover shows it, not for every claim).
    pub fn description(&self, report: &Report) -> String {
        self.quantities
            .first()
            .map(|q| q.describe(report))
            .unwrap_or_default()
    }

    /// Markdown for the editor's hover.
    pub fn hover(&self, report: &Report) -> String {
        let mut s = format!(
            "**正文数字** “{}”\n\n对应{}",
            self.quote,
            self.description(report)
        );
        match (&self.kind, self.table_value) {
            (
                ClaimKind::Share {
                    count, expected, ..
                },
                _,
            ) => {
                s.push_str(&format!("\n\n占比以 {count} 件计算"));
                if let Some((d, p)) = expected {
                    s.push_str(&format!("：{count} ÷ {d} = {p:.2}%"));
                }
            }
            (_, Some(v)) => s.push_str(&format!("，表中为 **{v}**")),
            (_, None) => s.push_str("（表格中未能读出）"),
        }
        s.push_str(match self.status {
            Status::Holds => "\n\n✔ 与表格一致",
            Status::Contradicted => "\n\n✘ 与表格不一致",
            Status::Unknown => "",
        });
        s
    }
}

/// The claim whose number (or phrase) covers byte `offset`, if any.
pub fn claim_at(text: &str, report: &Report, offset: usize) -> Option<Claim> {
    claims(text, report)
        .into_iter()
        .find(|c| c.span.start <= offset && offset <= c.span.end)
}

/// Every claim in the report's prose, in text order.
pub fn claims(text: &str, report: &Report) -> Vec<Claim> {
    let mut out = Vec::new();
    for para in paragraphs(text, &report.prose) {
        // Claims do not reach across sentences: lex only the sentences that
        // name something a claim needs.
        for sentence in triggered_sentences(text, para) {
            let toks = lex::lex(text, sentence);
            let quoted = quoted(text, &toks);
            Extractor {
                text,
                report,
                toks: &toks,
                quoted: &quoted,
                out: &mut out,
            }
            .run();
        }
    }
    out.sort_by_key(|c| (c.span.start, c.span.end));
    out
}

/// Every claim names one of these.
const TRIGGERS: &[&str] = &[
    "件",
    "宗",
    "起",
    "申请",
    "复议",
    "诉讼",
    "维持",
    "纠错",
    "败诉",
    "办结",
    "办理完",
];

/// The sentences of a paragraph, each with its closing mark.
/// The sentences of paragraph `para` that hold one of [`TRIGGERS`] (the
/// others claim no number), found in one pass over its characters: the
/// trigger words are looked for only where one begins.
fn triggered_sentences(text: &str, para: Span) -> Vec<Span> {
    let s = &text[para.clone()];
    let mut out = Vec::new();
    let (mut start, mut hit) = (0, false);
    for (i, c) in s.char_indices() {
        match c {
            '。' | '；' | ';' | '！' | '？' | '!' | '?' => {
                let end = i + c.len_utf8();
                if hit {
                    out.push(para.start + start..para.start + end);
                }
                (start, hit) = (end, false);
            }
            '件' | '宗' | '起' | '申' | '复' | '诉' | '维' | '纠' | '败' | '办' if !hit =>
            {
                hit = TRIGGERS.iter().any(|w| s[i..].starts_with(w));
            }
            _ => {}
        }
    }
    if hit && start < s.len() {
        out.push(para.start + start..para.end);
    }
    out
}

fn paragraphs(text: &str, prose: &[Span]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for span in prose {
        if let Some(last) = out.last_mut() {
            if last.end <= span.start {
                let gap = &text[last.end..span.start];
                if gap.trim().is_empty() && gap.matches('\n').count() == 1 {
                    last.end = span.end;
                    continue;
                }
            }
        }
        out.push(span.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::share::share_matches;

    #[test]
    fn sentences_with_a_trigger_word() {
        for w in super::TRIGGERS {
            let text = format!("本年共{w}。无关的句子；又一句{w}");
            let found: Vec<&str> = super::triggered_sentences(&text, 0..text.len())
                .into_iter()
                .map(|s| &text[s])
                .collect();
            assert_eq!(found, [format!("本年共{w}。"), format!("又一句{w}")], "{w}");
        }
    }

    #[test]
    fn shares() {
        assert!(share_matches(33.9, 1, 273, 805));
        assert!(!share_matches(33.9, 1, 275, 805));
        assert!(share_matches(4.34, 2, 35, 805));
        assert!(share_matches(4.35, 2, 35, 805));
        assert!(!share_matches(4.36, 2, 35, 805));
        assert!(share_matches(17.46, 2, 208, 1191));
        assert!(share_matches(50.0, 0, 1, 2));
    }
}
