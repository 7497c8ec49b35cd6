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
use quantity::{group_d, group_n, group_o, group_u, Readings};

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
    let mut readings = Readings::default();
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
                readings: &mut readings,
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

/// The marks that end a sentence.
const SENTENCE_ENDS: [char; 7] = ['。', '；', ';', '！', '？', '!', '?'];

/// The first characters of [`TRIGGERS`].
const TRIGGER_STARTS: [char; 10] = ['件', '宗', '起', '申', '复', '诉', '维', '纠', '败', '办'];

/// By the low twelve bits of a three-byte character (what its last two
/// bytes carry), one bit: whether the character may be a sentence end or
/// the start of a trigger word. Nearly every other character of prose is
/// ruled out by this one look-up, without being decoded.
const MAY_MATTER: [u64; 64] = {
    let mut bits = [0u64; 64];
    let mut k = 0;
    while k < SENTENCE_ENDS.len() + TRIGGER_STARTS.len() {
        let c = if k < SENTENCE_ENDS.len() {
            SENTENCE_ENDS[k]
        } else {
            TRIGGER_STARTS[k - SENTENCE_ENDS.len()]
        };
        let low = c as usize & 0xFFF;
        bits[low / 64] |= 1 << (low % 64);
        k += 1;
    }
    bits
};

/// The sentences of paragraph `para` that hold one of [`TRIGGERS`] (the
/// others claim no number), each with its closing mark, found in one pass
/// over its characters: the trigger words are looked for only where one
/// begins.
fn triggered_sentences(text: &str, para: Span) -> Vec<Span> {
    let s = text.get(para.clone()).unwrap_or_default();
    let b = s.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut hit) = (0, false);
    let mut i = 0;
    while let Some(&lead) = b.get(i) {
        // The character's length from its first byte; only ASCII and
        // three-byte characters can matter.
        let len = match lead {
            0..0x80 => 1,
            0xE0..0xF0 => 3,
            0xF0.. => 4,
            _ => 2,
        };
        let matters = match len {
            1 => matches!(lead, b';' | b'!' | b'?'),
            3 => match b.get(i + 1..i + 3) {
                Some(&[b1, b2]) => {
                    let low = usize::from(b1 & 0x3F) << 6 | usize::from(b2 & 0x3F);
                    MAY_MATTER[low / 64] & (1 << (low % 64)) != 0
                }
                _ => false,
            },
            _ => false,
        };
        if matters {
            let c = s
                .get(i..)
                .and_then(|r| r.chars().next())
                .unwrap_or_default();
            if SENTENCE_ENDS.contains(&c) {
                let end = i + len;
                if hit {
                    out.push(para.start + start..para.start + end);
                }
                (start, hit) = (end, false);
            } else if !hit && TRIGGER_STARTS.contains(&c) {
                hit = TRIGGERS
                    .iter()
                    .any(|w| b.get(i..).is_some_and(|r| r.starts_with(w.as_bytes())));
            }
        }
        i += len;
    }
    if hit && start < b.len() {
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
    fn sentences_among_characters_of_every_length() {
        // 倂 (U+5002) shares its last two bytes' bits with 。 (U+3002);
        // é is two bytes, 😀 four; '?' ends a sentence, a trailing piece
        // with a trigger word is a sentence of its own.
        let text = "é😀倂申请5件倂?无关😀。起诉é";
        let found: Vec<&str> = super::triggered_sentences(text, 0..text.len())
            .into_iter()
            .map(|s| &text[s])
            .collect();
        assert_eq!(found, ["é😀倂申请5件倂?", "起诉é"]);
        // Offsets are the text's, not the paragraph's.
        let from = "前文。".len();
        let found = super::triggered_sentences(text, from..from);
        assert!(found.is_empty());
        let text = "前文。受理3件";
        let found = super::triggered_sentences(text, from..text.len());
        assert_eq!(found.len(), 1);
        assert_eq!(found.first(), Some(&(from..text.len())));
        // The first characters the scan stops at are the trigger words'.
        for w in super::TRIGGERS {
            assert!(w
                .chars()
                .next()
                .is_some_and(|c| super::TRIGGER_STARTS.contains(&c)));
        }
        assert!(super::TRIGGER_STARTS
            .iter()
            .all(|&c| super::TRIGGERS.iter().any(|w| w.starts_with(c))));
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
