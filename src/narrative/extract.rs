//! The claim extractor's core: sentences' state, subjects before and after
//! a number, and how a claim is made. Each kind of claim has its file:
//! counts (`count.rs`), shares (`share.rs`), words that imply a value
//! (`implied.rs`).

use super::*;
use crate::text::Words;

/// What a sentence has said so far.
#[derive(Default)]
pub(super) struct Sentence {
    /// Table C groups mentioned, in order.
    pub(super) groups: Vec<Groups>,
    /// Since 其中.
    pub(super) among: bool,
    /// The last row claim, by its index in `out`: what a column claim
    /// (自然人 N 件) is a part of.
    pub(super) parent: Option<usize>,
    /// The last verb (收到, 答复 …).
    pub(super) last_verb: Option<RowWord>,
    /// Quantities claimed in this sentence.
    pub(super) claimed: Vec<Quantity>,
    /// The last count claim: its index in `out` and the token after its unit.
    pub(super) last_count: Option<(usize, usize)>,
}

impl Sentence {
    /// Forget what the sentence said, keeping the vectors' room for the
    /// next. Every field is named so that a new one is not forgotten.
    fn clear(&mut self) {
        let Sentence {
            groups,
            among,
            parent,
            last_verb,
            claimed,
            last_count,
        } = self;
        groups.clear();
        *among = false;
        *parent = None;
        *last_verb = None;
        claimed.clear();
        *last_count = None;
    }
}

pub(super) struct Extractor<'a> {
    pub(super) text: &'a str,
    pub(super) report: &'a Report,
    pub(super) toks: &'a [Tok],
    pub(super) quoted: &'a [bool],
    pub(super) readings: &'a mut Readings,
    pub(super) out: &'a mut Vec<Claim>,
}

/// Which tokens stand inside quotation marks or a title (“办结一件申请”,
/// 《……》): slogans and names, not statements of the year's numbers.
pub(super) fn quoted(text: &str, toks: &[Tok]) -> Vec<bool> {
    let mut out = Vec::with_capacity(toks.len());
    let mut depth = 0usize;
    let mut straight = false;
    for t in toks {
        match t.kind {
            // Only these tokens' text matters: the marks stand alone.
            TokKind::Other => match text.get(t.span.clone()) {
                Some("“" | "《" | "「" | "『" | "‘") => depth += 1,
                Some("”" | "》" | "」" | "』" | "’") => depth = depth.saturating_sub(1),
                Some("\"") => straight = !straight,
                _ => {}
            },
            TokKind::Stop => {
                depth = 0;
                straight = false;
            }
            _ => {}
        }
        out.push(depth > 0 || straight);
    }
    out
}

/// The last `n` characters of `s` (all of it if shorter).
pub(super) fn last_chars(s: &str, n: usize) -> &str {
    let from = s
        .char_indices()
        .rev()
        .take(n)
        .last()
        .map_or(s.len(), |(k, _)| k);
    s.get(from..).unwrap_or_default()
}

/// A subject found before (or after) a number.
pub(super) struct Subject {
    pub(super) quantities: Vec<Quantity>,
    /// Where the subject's words begin.
    pub(super) start: usize,
    /// Whether it is a verb (收到, 答复 …) rather than a row's name.
    pub(super) verb: bool,
    /// Whether it names an applicant column.
    pub(super) column: bool,
    /// Where a subject written after the number ends.
    pub(super) end: Option<usize>,
}

pub(super) fn row_quantities(w: RowWord) -> Vec<Quantity> {
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

pub(super) fn col_sel(c: ColWord) -> ColSel {
    match c {
        ColWord::One(i) => ColSel::One(i),
        ColWord::Orgs => ColSel::Orgs,
    }
}

/// Words before a subject that make its number something else: another
/// year, a comparison.
pub(super) const COMPARISON: &[&str] = &[
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
pub(super) const CHANNELS: &[&str] = &[
    "网上", "网络", "在线", "线上", "线下", "当面", "现场", "信函", "邮寄", "传真", "邮件", "电话",
    "口头", "窗口", "网站", "纸质", "平台", "电子",
];

impl Extractor<'_> {
    pub(super) fn tok_text(&self, i: usize) -> &str {
        &self.text[self.toks[i].span.clone()]
    }

    pub(super) fn next_non_space(&self, mut i: usize) -> Option<usize> {
        while i < self.toks.len() {
            if !matches!(self.toks[i].kind, TokKind::Space) {
                return Some(i);
            }
            i += 1;
        }
        None
    }

    pub(super) fn prev_non_space(&self, i: usize) -> Option<usize> {
        (0..i)
            .rev()
            .find(|&j| !matches!(self.toks[j].kind, TokKind::Space))
    }

    pub(super) fn run(&mut self) {
        let mut st = Sentence::default();
        let mut i = 0;
        while i < self.toks.len() {
            match self.toks[i].kind {
                TokKind::Stop => st.clear(),
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
    pub(super) fn approximate(&self, i: usize) -> bool {
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
    pub(super) fn run_back(&self, i: usize) -> (Vec<usize>, Option<usize>) {
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
    pub(super) fn subject_before(&self, run: &[usize], st: &Sentence) -> Option<Subject> {
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
            let of_verb;
            let parent = match verb {
                Some((w, _)) => {
                    of_verb = row_quantities(w);
                    &of_verb
                }
                None => &self.out.get(st.parent?)?.quantities,
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
    pub(super) fn subject_after(&self, unit: usize) -> Option<Subject> {
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
    pub(super) fn clause_before(&self, start: usize) -> &str {
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
    pub(super) fn guarded(&self, subject: &Subject) -> bool {
        let before = self.clause_before(subject.start);
        static COMPARING: Words = Words::new(COMPARISON);
        if COMPARING.any_in(before) {
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
            static CHANNEL_WORDS: Words = Words::new(CHANNELS);
            if CHANNEL_WORDS.any_in(last_chars(before, 6)) {
                return true;
            }
        }
        false
    }

    /// What the tables give for `q`.
    pub(super) fn reading(&mut self, q: &Quantity) -> Option<&Reading> {
        self.readings.get(self.report, q)
    }

    pub(super) fn make_claim(
        &mut self,
        span: Span,
        quote: String,
        kind: ClaimKind,
        quantities: Vec<Quantity>,
        strict: bool,
    ) -> Claim {
        let value = match &kind {
            ClaimKind::Count(v) => Some(*v),
            ClaimKind::Implied { value, .. } => Some(*value),
            ClaimKind::Share { .. } => None,
        };
        // A lenient claim holds where any reading says its value; the first
        // reading decides all else.
        let said_by_another = !strict
            && value.is_some_and(|v| {
                quantities
                    .iter()
                    .skip(1)
                    .any(|q| self.reading(q).is_some_and(|r| r.values.contains(&v)))
            });
        let Some(first) = quantities.first().and_then(|q| self.reading(q)) else {
            return Claim {
                span,
                quote,
                kind,
                quantities,
                cells: Vec::new(),
                table_value: None,
                status: Status::Unknown,
            };
        };
        let status = match value {
            Some(v) => {
                let holds = if strict {
                    first.values.iter().all(|x| *x == v)
                } else {
                    said_by_another || first.values.contains(&v)
                };
                if holds {
                    Status::Holds
                } else {
                    Status::Contradicted
                }
            }
            None => Status::Unknown,
        };
        let table_value = if strict {
            // The reading that breaks the claim.
            first
                .values
                .iter()
                .copied()
                .find(|x| Some(*x) != value)
                .unwrap_or(first.primary)
        } else {
            first.primary
        };
        let cells = first.cells.clone();
        Claim {
            span,
            quote,
            kind,
            quantities,
            cells,
            table_value: Some(table_value),
            status,
        }
    }

    pub(super) fn skip_to(&self, mut k: usize, end: usize) -> usize {
        while k < self.toks.len() && self.toks[k].span.start < end {
            k += 1;
        }
        k
    }
}

#[cfg(test)]
mod tests {
    use super::last_chars;

    #[test]
    fn last_characters() {
        assert_eq!(last_chars("", 6), "");
        assert_eq!(last_chars("网上", 6), "网上");
        assert_eq!(last_chars("通过网上平台受理申请", 6), "平台受理申请");
        assert_eq!(last_chars("ab网上c😀é", 4), "上c😀é");
        assert_eq!(last_chars("申请", 0), "");
    }
}
