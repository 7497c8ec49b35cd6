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

mod dates;
mod lex;
pub mod quantity;

pub use dates::{publication_dates, statistics_period_year, PublicationDate};
pub use quantity::{ColSel, Quantity, Reading, RowSel};

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
    /// The cells in words: `表二“一、本年新收政府信息公开申请数量”的总计`.
    pub description: String,
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

    /// Markdown for the editor's hover.
    pub fn hover(&self) -> String {
        let mut s = format!("**正文数字** “{}”\n\n对应{}", self.quote, self.description);
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
        for sentence in sentences(text, para) {
            let s = &text[sentence.clone()];
            if !TRIGGERS.iter().any(|w| s.contains(w)) {
                continue;
            }
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
fn sentences(text: &str, para: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = para.start;
    for (i, c) in text[para.clone()].char_indices() {
        if matches!(c, '。' | '；' | ';' | '！' | '？' | '!' | '?') {
            let end = para.start + i + c.len_utf8();
            out.push(start..end);
            start = end;
        }
    }
    if start < para.end {
        out.push(start..para.end);
    }
    out
}

/// Prose lines joined where they follow one another (a PDF copy breaks a
/// sentence over lines).
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

/// What a sentence has said so far.
#[derive(Default)]
struct Sentence {
    /// Table C groups mentioned, in order.
    groups: Vec<Groups>,
    /// Since 其中.
    among: bool,
    /// The last row claim: what a column claim (自然人 N 件) is a part of.
    parent: Option<Vec<Quantity>>,
    /// The last verb (收到, 答复 …).
    last_verb: Option<RowWord>,
    /// Quantities claimed in this sentence.
    claimed: Vec<Quantity>,
    /// The last count claim: its index in `out` and the token after its unit.
    last_count: Option<(usize, usize)>,
}

struct Extractor<'a> {
    text: &'a str,
    report: &'a Report,
    toks: &'a [Tok],
    quoted: &'a [bool],
    out: &'a mut Vec<Claim>,
}

/// Which tokens stand inside quotation marks or a title (“办结一件申请”,
/// 《……》): slogans and names, not statements of the year's numbers.
fn quoted(text: &str, toks: &[Tok]) -> Vec<bool> {
    let mut out = Vec::with_capacity(toks.len());
    let mut depth = 0usize;
    let mut straight = false;
    for t in toks {
        let s = &text[t.span.clone()];
        match (t.kind.clone(), s) {
            (TokKind::Other, "“" | "《" | "「" | "『" | "‘") => depth += 1,
            (TokKind::Other, "”" | "》" | "」" | "』" | "’") => {
                depth = depth.saturating_sub(1)
            }
            (TokKind::Other, "\"") => straight = !straight,
            (TokKind::Stop, _) => {
                depth = 0;
                straight = false;
            }
            _ => {}
        }
        out.push(depth > 0 || straight);
    }
    out
}

/// A subject found before (or after) a number.
struct Subject {
    quantities: Vec<Quantity>,
    /// Where the subject's words begin.
    start: usize,
    /// Whether it is a verb (收到, 答复 …) rather than a row's name.
    verb: bool,
    /// Whether it names an applicant column.
    column: bool,
    /// Where a subject written after the number ends.
    end: Option<usize>,
}

fn row_quantities(w: RowWord) -> Vec<Quantity> {
    use ColSel::Total;
    use RowSel::Key;
    let one = |k: &'static str| vec![Quantity::apps(&[Key(k)], Total)];
    match w {
        RowWord::NewOnly => one("new"),
        RowWord::Received => vec![
            Quantity::apps(&[Key("new")], Total),
            Quantity::apps(&[Key("new"), Key("carried")], Total),
        ],
        RowWord::Handled => one("total"),
        RowWord::Carried => one("carried"),
        RowWord::Forward => one("forward"),
        RowWord::Granted => one("granted"),
        RowWord::Partial => one("partial"),
        RowWord::GrantedPartial => vec![Quantity::apps(&[Key("granted"), Key("partial")], Total)],
        RowWord::Denied => vec![Quantity::apps(&[group_d()], Total)],
        RowWord::Unable => vec![Quantity::apps(&[group_u()], Total)],
        RowWord::NotProcessed => vec![Quantity::apps(&[group_n()], Total)],
        RowWord::OtherProcessing => vec![Quantity::apps(&[group_o()], Total)],
    }
}

fn col_sel(c: ColWord) -> ColSel {
    match c {
        ColWord::One(i) => ColSel::One(i),
        ColWord::Orgs => ColSel::Orgs,
    }
}

/// Words before a subject that make its number something else: another
/// year, a comparison.
const COMPARISON: &[&str] = &[
    "去年",
    "上年",
    "上一年",
    "前年",
    "同期",
    "较",
    "相比",
    "比上",
    "比去",
    "同比",
    "环比",
];

/// Ways of applying that make a count a part of the whole.
const CHANNELS: &[&str] = &[
    "网上", "网络", "在线", "线上", "线下", "当面", "现场", "信函", "邮寄", "传真", "邮件", "电话",
    "口头", "窗口", "网站", "纸质", "平台", "电子",
];

impl Extractor<'_> {
    fn tok_text(&self, i: usize) -> &str {
        &self.text[self.toks[i].span.clone()]
    }

    fn next_non_space(&self, mut i: usize) -> Option<usize> {
        while i < self.toks.len() {
            if !matches!(self.toks[i].kind, TokKind::Space) {
                return Some(i);
            }
            i += 1;
        }
        None
    }

    fn prev_non_space(&self, i: usize) -> Option<usize> {
        (0..i)
            .rev()
            .find(|&j| !matches!(self.toks[j].kind, TokKind::Space))
    }

    fn run(&mut self) {
        let mut st = Sentence::default();
        let mut i = 0;
        while i < self.toks.len() {
            match self.toks[i].kind {
                TokKind::Stop => st = Sentence::default(),
                TokKind::Word(Word::Group(g)) => st.groups.push(g),
                TokKind::Word(Word::Result(_, g)) if g != 0 => st.groups.push(g),
                TokKind::Word(Word::Among) => st.among = true,
                TokKind::Word(Word::Row(w)) if w.is_verb() => st.last_verb = Some(w),
                TokKind::Num(n) if !self.quoted[i] => {
                    if let Some(TokKind::Unit(u)) = self.toks.get(i + 1).map(|t| &t.kind) {
                        match u {
                            Unit::Count => self.count(i, n, &mut st),
                            Unit::Percent => self.share(i, n, &st),
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
            i += 1;
        }
        self.implied();
    }

    /// Whether the number at `i` is approximate (约 5 件, 5 余件, 5 件左右).
    fn approximate(&self, i: usize) -> bool {
        if let Some(p) = self.prev_non_space(i) {
            let t = self.tok_text(p);
            if matches!(t, "约" | "近" | "超" | "逾" | "过" | "余" | "达约") {
                return true;
            }
            // "每一件", "这两件": not a count of the year's cases.
            if matches!(
                t,
                "每" | "这" | "那" | "此" | "该" | "某" | "同" | "哪" | "任" | "几" | "数"
            ) {
                return true;
            }
        }
        if let Some(n) = self.next_non_space(i + 2) {
            let t = self.tok_text(n);
            if matches!(t, "余" | "多" | "左" | "以") {
                return true;
            }
        }
        false
    }

    /// The tokens before `i` that may belong to a number's subject: words,
    /// fillers, spaces and whole parenthesised asides. Returns their indices
    /// in text order and the index of the token that stopped the run.
    fn run_back(&self, i: usize) -> (Vec<usize>, Option<usize>) {
        let mut run = Vec::new();
        let mut j = i;
        while j > 0 {
            j -= 1;
            match self.toks[j].kind {
                TokKind::Space => {}
                TokKind::Word(Word::Conj) | TokKind::Word(Word::Among) => {
                    run.reverse();
                    return (run, Some(j));
                }
                TokKind::Word(_) => run.push(j),
                TokKind::Close => {
                    let mut depth = 1;
                    let mut k = j;
                    while k > 0 && depth > 0 {
                        k -= 1;
                        match self.toks[k].kind {
                            TokKind::Close => depth += 1,
                            TokKind::Open => depth -= 1,
                            _ => {}
                        }
                    }
                    if depth > 0 {
                        run.reverse();
                        return (run, Some(j));
                    }
                    j = k;
                }
                _ => {
                    run.reverse();
                    return (run, Some(j));
                }
            }
        }
        run.reverse();
        (run, None)
    }

    /// The subject of the number at `i` from the words before it.
    fn subject_before(&self, run: &[usize], st: &Sentence) -> Option<Subject> {
        let mut rows: Vec<(RowWord, usize)> = Vec::new();
        let mut column: Option<(ColWord, usize)> = None;
        let mut group: Option<(Groups, usize)> = None;
        let mut result: Option<(usize, Groups, usize)> = None;
        let mut application = false;
        let mut total = false;
        let mut every = false;
        for &k in run {
            match self.toks[k].kind {
                TokKind::Word(Word::GroupRef) => {
                    // Cases of the groups named before, or of nothing known.
                    let named = st.groups.iter().fold(0, |a, g| a | g);
                    if named == 0 {
                        return None;
                    }
                    group = Some((named, k));
                }
                TokKind::Word(Word::Row(w)) => rows.push((w, k)),
                TokKind::Word(Word::Column(c)) => column = Some((c, k)),
                TokKind::Word(Word::Group(g)) => group = Some((g, k)),
                TokKind::Word(Word::Result(c, g)) => result = Some((c, g, k)),
                TokKind::Word(Word::Filler(FillerKind::Application)) => application = true,
                TokKind::Word(Word::Filler(FillerKind::Total)) => total = true,
                TokKind::Word(Word::Filler(FillerKind::Every)) => every = true,
                _ => {}
            }
        }
        let start = |k: usize| self.toks[k].span.start;
        let specific: Vec<&(RowWord, usize)> = rows.iter().filter(|(w, _)| !w.is_verb()).collect();
        if let Some(&&(w, k)) = specific.first() {
            if specific.iter().any(|(o, _)| *o != w) {
                return None;
            }
            if group.is_some() || result.is_some() {
                return None;
            }
            let mut qs = row_quantities(w);
            let mut begin = start(k);
            if let Some((c, ck)) = column {
                qs = qs.iter().filter_map(|q| q.with_col(col_sel(c))).collect();
                begin = begin.min(start(ck));
            }
            return Some(Subject {
                quantities: qs,
                start: begin,
                verb: false,
                column: column.is_some(),
                end: None,
            });
        }
        if let Some((col, g, k)) = result {
            let groups = if g != 0 {
                g
            } else if let Some((g, _)) = group {
                g
            } else {
                *st.groups.last()?
            };
            if groups & G_REVIEW != 0 && groups & G_LITIGATION != 0 {
                return None;
            }
            let begin = group.map_or(start(k), |(_, gk)| start(gk).min(start(k)));
            return Some(Subject {
                quantities: vec![Quantity::Review { groups, col }],
                start: begin,
                verb: false,
                column: false,
                end: None,
            });
        }
        if let Some((g, k)) = group {
            return Some(Subject {
                quantities: vec![Quantity::Review { groups: g, col: 4 }],
                start: start(k),
                verb: false,
                column: false,
                end: None,
            });
        }
        let verb = rows.first().copied();
        if let Some((c, k)) = column {
            let parent = match verb {
                Some((w, _)) => row_quantities(w),
                None => st.parent.clone()?,
            };
            let qs: Vec<Quantity> = parent
                .iter()
                .filter_map(|q| q.with_col(col_sel(c)))
                .collect();
            return Some(Subject {
                quantities: qs,
                start: verb.map_or(start(k), |(_, vk)| start(vk).min(start(k))),
                verb: false,
                column: true,
                end: None,
            });
        }
        if let Some((w, k)) = verb {
            if matches!(w, RowWord::Received) && !application {
                return None;
            }
            return Some(Subject {
                quantities: row_quantities(w),
                start: start(k),
                verb: true,
                column: false,
                end: None,
            });
        }
        // "接收……各类政府信息公开申请共计 81 件": the verb stands further back.
        if application && total {
            let w = st.last_verb?;
            let first = *run.first()?;
            return Some(Subject {
                quantities: row_quantities(w),
                start: start(first),
                verb: !every,
                column: false,
                end: None,
            });
        }
        None
    }

    /// A subject after the number: "另有 72 件申请……顺延到下年度答复",
    /// "有 1 件涉及政府信息公开工作的行政复议".
    fn subject_after(&self, unit: usize) -> Option<Subject> {
        let mut j = unit + 1;
        let mut chars = 0;
        let mut only_fillers = true;
        while j < self.toks.len() && chars <= 16 {
            match self.toks[j].kind {
                TokKind::Word(Word::Row(RowWord::Forward)) => {
                    return Some(Subject {
                        quantities: row_quantities(RowWord::Forward),
                        start: self.toks[unit - 1].span.start,
                        verb: false,
                        column: false,
                        end: Some(self.toks[j].span.end),
                    });
                }
                TokKind::Word(Word::Group(g)) if only_fillers => {
                    // Not "1 件行政复议被纠错": the group must end the clause.
                    let next = self.next_non_space(j + 1);
                    let ends = next.is_none_or(|n| {
                        matches!(self.toks[n].kind, TokKind::Comma(_) | TokKind::Stop)
                            || matches!(
                                self.toks[n].kind,
                                TokKind::Word(Word::Filler(FillerKind::Plain))
                            ) && self.tok_text(n) == "案件"
                    });
                    if !ends {
                        return None;
                    }
                    return Some(Subject {
                        quantities: vec![Quantity::Review { groups: g, col: 4 }],
                        start: self.toks[unit - 1].span.start,
                        verb: false,
                        column: false,
                        end: Some(self.toks[j].span.end),
                    });
                }
                TokKind::Word(Word::Filler(_)) | TokKind::Space => {}
                TokKind::Other => only_fillers = false,
                _ => return None,
            }
            chars += self.tok_text(j).chars().count();
            j += 1;
        }
        None
    }

    /// The clause before a subject: from the last clause mark up to `start`.
    fn clause_before(&self, start: usize) -> &str {
        let mut from = 0;
        for t in self.toks {
            if t.span.start >= start {
                break;
            }
            if matches!(t.kind, TokKind::Comma(c) if c != '、') || matches!(t.kind, TokKind::Stop)
            {
                from = t.span.end;
            }
        }
        let from = from.max(self.toks.first().map_or(0, |t| t.span.start));
        &self.text[from.min(start)..start]
    }

    /// Whether the words before a subject make its number another year's or
    /// a part's.
    fn guarded(&self, subject: &Subject) -> bool {
        let before = self.clause_before(subject.start);
        if COMPARISON.iter().any(|w| before.contains(w)) {
            return true;
        }
        if let Some((year, _)) = &self.report.year {
            let b = before.as_bytes();
            for k in 0..b.len().saturating_sub(3) {
                if b[k..k + 4].iter().all(u8::is_ascii_digit)
                    && (k == 0 || !b[k - 1].is_ascii_digit())
                    && before[k + 4..].trim_start().starts_with('年')
                {
                    if let Ok(y) = before[k..k + 4].parse::<u16>() {
                        if y != *year {
                            return true;
                        }
                    }
                }
            }
        }
        if subject.verb {
            let tail: String = before
                .chars()
                .rev()
                .take(6)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if CHANNELS.iter().any(|w| tail.contains(w)) {
                return true;
            }
        }
        false
    }

    fn count(&mut self, i: usize, n: lex::NumTok, st: &mut Sentence) {
        let Some(value) = n.integer() else { return };
        if self.approximate(i) {
            return;
        }
        let (run, stop) = self.run_back(i);
        let mut subject = self.subject_before(&run, st);
        if subject.is_some() {
            // "行政复议和行政诉讼 N 件" written with a conjunction: the
            // number is of both, which no single word names.
            if let Some(s) = stop {
                let conj = matches!(self.toks[s].kind, TokKind::Word(Word::Conj))
                    || self.toks[s].kind == TokKind::Comma('、');
                if conj {
                    if let Some(p) = self.prev_non_space(s) {
                        if matches!(self.toks[p].kind, TokKind::Word(_)) {
                            subject = None;
                        }
                    }
                }
            }
        } else if run.iter().all(|&k| {
            !matches!(
                self.toks[k].kind,
                TokKind::Word(Word::Row(_)) | TokKind::Word(Word::Column(_))
            )
        }) {
            subject = self.subject_after(i + 1);
        }
        let Some(subject) = subject else { return };
        if subject.quantities.is_empty() || self.guarded(&subject) {
            return;
        }
        let primary = subject.quantities[0].clone();
        // "受理申请 100 件，其中网上受理 60 件": a part of what was counted.
        if st.among && st.claimed.contains(&primary) {
            return;
        }
        if st.claimed.contains(&primary) {
            // Said twice in one sentence: the second is of something else.
            return;
        }
        let unit_end = subject.end.unwrap_or(self.toks[i + 1].span.end);
        let quote = self.text[subject.start.min(self.toks[i].span.start)..unit_end].to_owned();
        let claim = self.make_claim(
            self.toks[i].span.clone(),
            quote,
            ClaimKind::Count(value),
            subject.quantities.clone(),
            false,
        );
        st.claimed.push(primary);
        if !subject.column && matches!(subject.quantities[0], Quantity::Applications { .. }) {
            st.parent = Some(subject.quantities);
        }
        self.out.push(claim);
        st.last_count = Some((self.out.len() - 1, i + 2));
    }

    /// "占 33.9%" after a count claim.
    fn share(&mut self, i: usize, n: lex::NumTok, st: &Sentence) {
        let Some((ci, after)) = st.last_count else {
            return;
        };
        if after > i || self.approximate(i) {
            return;
        }
        // The words between the count and the percentage.
        let gap: Vec<usize> = (after..i)
            .filter(|&k| !matches!(self.toks[k].kind, TokKind::Space))
            .collect();
        let mut rest = gap.as_slice();
        if let Some(&first) = rest.first() {
            if matches!(
                self.toks[first].kind,
                TokKind::Open | TokKind::Comma('，' | ',')
            ) {
                rest = &rest[1..];
            }
        }
        if !rest.is_empty() {
            let words: String = rest.iter().map(|&k| self.tok_text(k)).collect();
            if !words.starts_with('占') && !words.starts_with("约占") {
                return;
            }
            if words.chars().count() > 14
                || rest.iter().any(|&k| {
                    matches!(
                        self.toks[k].kind,
                        TokKind::Num(_) | TokKind::Comma(_) | TokKind::Stop | TokKind::Open
                    )
                })
            {
                return;
            }
        }
        let parent = &self.out[ci];
        let ClaimKind::Count(count) = parent.kind else {
            return;
        };
        let quantities = parent.quantities.clone();
        let parent_status = parent.status;
        let unit_end = self.toks[after - 1].span.end;
        let quote = format!(
            "{}{}",
            parent.quote,
            &self.text[unit_end.min(self.toks[i + 1].span.end)..self.toks[i + 1].span.end]
        );
        let denominators = self.denominators(&quantities[0]);
        let (status, expected) = match parent_status {
            Status::Holds if !denominators.is_empty() => {
                let ok = denominators
                    .iter()
                    .any(|&d| share_matches(n.value, n.decimals, count, d));
                let d = denominators[0];
                let p = 100.0 * count as f64 / d as f64;
                if ok {
                    (Status::Holds, None)
                } else {
                    (Status::Contradicted, Some((d, p)))
                }
            }
            _ => (Status::Unknown, None),
        };
        let mut claim = self.make_claim(
            self.toks[i].span.start..self.toks[i + 1].span.end,
            quote,
            ClaimKind::Share {
                percent: n.value,
                decimals: n.decimals,
                count,
                expected,
            },
            quantities,
            false,
        );
        claim.status = status;
        self.out.push(claim);
    }

    /// The totals a share may be of, the one messages name first.
    fn denominators(&self, q: &Quantity) -> Vec<i64> {
        use ColSel::Total;
        use RowSel::Key;
        let mut qs: Vec<Quantity> = Vec::new();
        match q {
            Quantity::Applications { col, .. } => {
                if *col != Total {
                    // A column's share of its row.
                    if let Some(t) = q.with_col(Total) {
                        qs.push(t);
                    }
                }
                qs.push(Quantity::apps(&[Key("total")], Total));
                qs.push(Quantity::apps(&[Key("new")], Total));
                qs.push(Quantity::apps(&[Key("new"), Key("carried")], Total));
                qs.push(Quantity::apps(&[Key("total"), Key("forward")], Total));
            }
            Quantity::Review { groups, .. } => {
                qs.push(Quantity::Review {
                    groups: *groups,
                    col: 4,
                });
            }
        }
        let mut out: Vec<i64> = Vec::new();
        for q in qs {
            if let Some(r) = q.read(self.report) {
                for v in r.values {
                    if v > 0 && !out.contains(&v) {
                        out.push(v);
                    }
                }
            }
        }
        out
    }

    /// A statement without a number ("均获维持", "未收到申请") that the
    /// quantities are zero.
    fn push_zero_claim(&mut self, span: Span, quantities: Vec<Quantity>) {
        let quote = self.text[span.clone()].to_owned();
        let claim = self.make_claim(
            span,
            quote,
            ClaimKind::Implied {
                value: 0,
                what: Implied::Zero,
            },
            quantities,
            true,
        );
        self.out.push(claim);
    }

    fn make_claim(
        &self,
        span: Span,
        quote: String,
        kind: ClaimKind,
        quantities: Vec<Quantity>,
        strict: bool,
    ) -> Claim {
        let readings: Vec<Option<Reading>> =
            quantities.iter().map(|q| q.read(self.report)).collect();
        let description = quantities
            .first()
            .map(|q| q.describe(self.report))
            .unwrap_or_default();
        let first = readings.first().cloned().flatten();
        let value = match &kind {
            ClaimKind::Count(v) => Some(*v),
            ClaimKind::Implied { value, .. } => Some(*value),
            ClaimKind::Share { .. } => None,
        };
        let status = match (value, &first) {
            (Some(v), Some(r)) => {
                let holds = if strict {
                    r.values.iter().all(|x| *x == v)
                } else {
                    readings.iter().flatten().any(|r| r.values.contains(&v))
                };
                if holds {
                    Status::Holds
                } else {
                    Status::Contradicted
                }
            }
            _ => Status::Unknown,
        };
        let table_value = first.as_ref().map(|r| {
            if strict {
                // The reading that breaks the claim.
                r.values
                    .iter()
                    .copied()
                    .find(|x| Some(*x) != value)
                    .unwrap_or(r.primary)
            } else {
                r.primary
            }
        });
        Claim {
            span,
            quote,
            kind,
            quantities,
            description,
            cells: first.map(|r| r.cells).unwrap_or_default(),
            table_value,
            status,
        }
    }

    /// Statements without a number that imply one.
    fn implied(&mut self) {
        let mut start = 0;
        for k in 0..=self.toks.len() {
            if k == self.toks.len() || matches!(self.toks[k].kind, TokKind::Stop) {
                if start < k {
                    self.implied_in(start..k);
                }
                start = k + 1;
            }
        }
    }

    fn implied_in(&mut self, range: std::ops::Range<usize>) {
        let toks = self.toks;
        let sentence_start = toks[range.start].span.start;
        let sentence_end = toks[range.end - 1].span.end;
        let sentence = &self.text[sentence_start..sentence_end];
        // Groups named so far, for 均获维持.
        let mut groups: Vec<Groups> = Vec::new();
        let mut k = range.start;
        while k < range.end {
            let t = &toks[k];
            let at = t.span.start - sentence_start;
            let rest = &sentence[at..];
            if let TokKind::Word(Word::Group(g)) = t.kind {
                groups.push(g);
            }
            // 均获维持 and its forms.
            // Every implying phrase begins with one of these.
            let other = matches!(t.kind, TokKind::Other)
                && !self.quoted[k]
                && rest.starts_with(['均', '全', '都', '未', '没', '不', '无', '零']);
            if let Some(w) = ALL_MAINTAINED
                .iter()
                .find(|w| other && rest.starts_with(*w) && !self.part_upheld(range.start, k))
            {
                let span = t.span.start..t.span.start + w.len();
                let mut named: Groups = groups.iter().fold(0, |a, g| a | g);
                if named & G_LITIGATION != 0 {
                    named |= G_LITIGATION;
                }
                for g in [G_REVIEW, G_LITIGATION] {
                    if named & g == 0 {
                        continue;
                    }
                    let total = Quantity::Review { groups: g, col: 4 }.read(self.report);
                    let Some(total) = total else { continue };
                    let claim = self.make_claim(
                        span.clone(),
                        format!("{}{}", group_name(g), w),
                        ClaimKind::Implied {
                            value: total.primary,
                            what: Implied::AllMaintained,
                        },
                        vec![Quantity::Review { groups: g, col: 0 }],
                        false,
                    );
                    self.out.push(claim);
                }
                k = self.skip_to(k, span.end);
                continue;
            }
            if let Some(neg) = NEGATIONS.iter().find(|w| other && rest.starts_with(*w)) {
                let named = groups.iter().fold(0, |a, g| a | g);
                if let Some(next) = self.zero_claims(k, t.span.start + neg.len(), range.end, named)
                {
                    k = next;
                    continue;
                }
            }
            if let TokKind::Word(Word::Row(RowWord::Handled)) = t.kind {
                self.all_done(k, range.clone());
            }
            k += 1;
        }
    }

    /// "其中 3 件均获维持", "其余均获维持": the phrase speaks of a part.
    fn part_upheld(&self, sentence_start: usize, k: usize) -> bool {
        let mut from = sentence_start;
        for j in (sentence_start..k).rev() {
            match self.toks[j].kind {
                TokKind::Comma(c) if c != '、' => {
                    from = j + 1;
                    break;
                }
                TokKind::Num(_) => return true,
                _ => {}
            }
        }
        let clause = &self.text[self.toks[from.min(k)].span.start..self.toks[k].span.start];
        ["其余", "其他", "剩余", "余下", "除"]
            .iter()
            .any(|w| clause.contains(w))
    }

    fn skip_to(&self, mut k: usize, end: usize) -> usize {
        while k < self.toks.len() && self.toks[k].span.start < end {
            k += 1;
        }
        k
    }

    /// After a negation ending at byte `from` (token `k` starts it): "未发生
    /// ……行政复议、行政诉讼" → both 0; "零败诉" → 诉讼结果纠正 0; "未收到
    /// 政府信息公开申请" → 新收 0. Returns the token to continue from.
    fn zero_claims(
        &mut self,
        k: usize,
        from: usize,
        end: usize,
        named_before: Groups,
    ) -> Option<usize> {
        let neg_start = self.toks[k].span.start;
        let neg = &self.text[neg_start..from];
        let mut j = self.skip_to(k, from);
        let mut groups: Groups = 0;
        let mut corrected = false;
        let mut other_result = false;
        let mut application: Option<usize> = None;
        let mut only_fillers = true;
        let mut chars = 0;
        let mut last = from;
        let mut window = String::new();
        let mut ended_by_number = false;
        while j < end && chars <= 30 {
            let t = &self.toks[j];
            match t.kind {
                TokKind::Comma(c) if c != '、' => break,
                TokKind::Stop => break,
                TokKind::Num(_) => {
                    ended_by_number = true;
                    break;
                }
                TokKind::Word(Word::Group(g)) => {
                    groups |= g;
                    last = t.span.end;
                }
                TokKind::Word(Word::Result(c, g)) => {
                    groups |= g;
                    if c == 1 {
                        corrected = true;
                    } else {
                        other_result = true;
                    }
                    last = t.span.end;
                }
                TokKind::Word(Word::Filler(FillerKind::Application)) => {
                    let next = self.toks.get(j + 1).map(|n| &self.text[n.span.clone()]);
                    if application.is_none() && !next.is_some_and(|n| n.starts_with('人')) {
                        application = Some(t.span.end);
                    }
                }
                TokKind::Word(Word::Filler(_)) | TokKind::Space => {}
                _ => only_fillers = false,
            }
            window.push_str(&self.text[t.span.clone()]);
            chars += self.text[t.span.clone()].chars().count();
            j += 1;
        }
        if DENY_IN_ZERO.iter().any(|w| window.contains(w)) {
            return None;
        }
        if neg == "零" && !(corrected && window.starts_with(['败', '纠'])) {
            return None;
        }
        let mut made = false;
        if ended_by_number {
            return None;
        }
        // "行政复议 5 件，均未被纠错": the group was named before.
        if groups == 0 && corrected {
            groups = named_before;
        }
        if groups != 0 && !other_result {
            let col = if corrected { 1 } else { 4 };
            let span = neg_start..last;
            let mut named: Vec<Groups> = Vec::new();
            if groups & G_REVIEW != 0 {
                named.push(G_REVIEW);
            }
            match groups & G_LITIGATION {
                0 => {}
                G_LITIGATION => named.push(G_LITIGATION),
                one => named.push(one),
            }
            for g in named {
                let q = Quantity::Review { groups: g, col };
                if q.read(self.report).is_none() {
                    continue;
                }
                self.push_zero_claim(span.clone(), vec![q]);
                made = true;
            }
        } else if let Some(app_end) = application {
            let receiving = matches!(neg, "未收到" | "没有收到" | "未接到" | "未受理")
                || (neg == "无" && only_fillers);
            if receiving && groups == 0 {
                let span = neg_start..app_end;
                self.push_zero_claim(
                    span.clone(),
                    vec![Quantity::apps(&[RowSel::Key("new")], ColSel::Total)],
                );
                made = true;
            }
        }
        made.then_some(j)
    }

    /// "所有申请均已按要求办理完成": nothing carried to next year.
    fn all_done(&mut self, k: usize, sentence: std::ops::Range<usize>) {
        let word = self.tok_text(k);
        if !matches!(word, "办结" | "办理完毕" | "办理完成") {
            return;
        }
        // Not "办结 143 件".
        if let Some(n) = self.next_non_space(k + 1) {
            if matches!(self.toks[n].kind, TokKind::Num(_)) || self.tok_text(n) == "的" {
                return;
            }
        }
        // The clause around it.
        let mut from = sentence.start;
        for j in (sentence.start..k).rev() {
            if matches!(self.toks[j].kind, TokKind::Comma(c) if c != '、') {
                from = j + 1;
                break;
            }
        }
        let mut to = sentence.end;
        for j in k..sentence.end {
            if matches!(self.toks[j].kind, TokKind::Comma(c) if c != '、') {
                to = j;
                break;
            }
        }
        if (from..to).any(|j| matches!(self.toks[j].kind, TokKind::Num(_))) {
            return;
        }
        let clause = &self.text[self.toks[from].span.start..self.toks[k].span.end];
        let whole = clause.contains("所有") || clause.contains("全部");
        let done = clause.contains("均已") || clause.contains("全部") || clause.contains("都已");
        if !(whole && done && clause.contains("申请")) {
            return;
        }
        if ALL_DONE_DENY.iter().any(|w| clause.contains(w)) {
            return;
        }
        let span = self.toks[from].span.start..self.toks[k].span.end;
        let span = crate::read::trim_span(self.text, span);
        self.push_zero_claim(
            span.clone(),
            vec![Quantity::apps(&[RowSel::Key("forward")], ColSel::Total)],
        );
    }
}

fn group_name(g: Groups) -> &'static str {
    if g == G_REVIEW {
        "行政复议"
    } else {
        "行政诉讼"
    }
}

const ALL_MAINTAINED: &[&str] = &[
    "均获维持",
    "均被维持",
    "均予维持",
    "均予以维持",
    "均维持",
    "全部维持",
    "均为维持",
    "都获维持",
    "全部获得维持",
    "均得到维持",
    "全部被维持",
    "均获得维持",
];

const NEGATIONS: &[&str] = &[
    "未发生",
    "没有发生",
    "未出现",
    "未收到",
    "没有收到",
    "未接到",
    "未受理",
    "未有",
    "没有",
    "不存在",
    "未产生",
    "均未被",
    "未被",
    "无",
    "零",
];

/// Words that make a negation speak of something else.
const DENY_IN_ZERO: &[&str] = &[
    "导致", "造成", "以外", "之外", "除", "但", "而", "理由", "正当", "重复", "反复", "投诉",
    "举报", "上年", "结转", "费",
];

/// Words that make "均已办结" speak of timeliness or of last year's cases.
const ALL_DONE_DENY: &[&str] = &[
    "上年",
    "法定期限",
    "期限内",
    "按期",
    "按时",
    "当场",
    "及时",
    "时限",
];

/// Whether `percent` (written with `decimals` places) is `count / total`,
/// rounded, truncated or rounded up to that many places.
fn share_matches(percent: f64, decimals: u8, count: i64, total: i64) -> bool {
    if total <= 0 {
        return false;
    }
    let scale = 10f64.powi(decimals as i32);
    let exact = 100.0 * count as f64 / total as f64 * scale;
    let written = percent * scale;
    let eps = 1e-6;
    written >= exact.floor() - eps && written <= exact.ceil() + eps
}

#[cfg(test)]
mod tests {
    use super::*;

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
