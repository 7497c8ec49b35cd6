//! Claims without a number: words that imply one ("均获维持", "未发生
//! 行政复议", "所有申请均已办理完成").

use super::extract::*;
use super::*;
use crate::text::Words;

impl Extractor<'_> {
    /// Statements without a number that imply one.
    pub(super) fn implied(&mut self) {
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

    pub(super) fn implied_in(&mut self, range: std::ops::Range<usize>) {
        let toks = self.toks;
        let sentence_start = toks[range.start].span.start;
        let sentence_end = toks[range.end - 1].span.end;
        let sentence = &self.text[sentence_start..sentence_end];
        // Groups named so far, for 均获维持.
        let mut groups: Vec<Groups> = Vec::new();
        let mut k = range.start;
        while k < range.end {
            let t = &toks[k];
            match t.kind {
                TokKind::Word(Word::Group(g)) => groups.push(g),
                TokKind::Word(Word::Row(RowWord::Handled)) => self.all_done(k, range.clone()),
                _ => {}
            }
            // Every implying phrase begins with one of these, in ordinary
            // text: no other token's text need be looked at.
            let rest = match t.kind {
                TokKind::Other if !self.quoted[k] => sentence
                    .get(t.span.start - sentence_start..)
                    .filter(|r| r.starts_with(['均', '全', '都', '未', '没', '不', '无', '零'])),
                _ => None,
            };
            let Some(rest) = rest else {
                k += 1;
                continue;
            };
            // 均获维持 and its forms.
            if let Some(w) = ALL_MAINTAINED
                .iter()
                .find(|w| rest.starts_with(*w) && !self.part_upheld(range.start, k))
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
                    let total = self.reading(&Quantity::Review { groups: g, col: 4 });
                    let Some(total) = total.map(|r| r.primary) else {
                        continue;
                    };
                    let claim = self.make_claim(
                        span.clone(),
                        format!("{}{}", group_name(g), w),
                        ClaimKind::Implied {
                            value: total,
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
            if let Some(neg) = NEGATIONS.iter().find(|w| rest.starts_with(*w)) {
                let named = groups.iter().fold(0, |a, g| a | g);
                if let Some(next) = self.zero_claims(k, t.span.start + neg.len(), range.end, named)
                {
                    k = next;
                    continue;
                }
            }
            k += 1;
        }
    }

    /// "其中 3 件均获维持", "其余均获维持": the phrase speaks of a part.
    pub(super) fn part_upheld(&self, sentence_start: usize, k: usize) -> bool {
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
        static REST: Words = Words::new(&["其余", "其他", "剩余", "余下", "除"]);
        REST.any_in(clause)
    }

    /// After a negation ending at byte `from` (token `k` starts it): "未发生
    /// ……行政复议、行政诉讼" → both 0; "零败诉" → 诉讼结果纠正 0; "未收到
    /// 政府信息公开申请" → 新收 0. Returns the token to continue from.
    pub(super) fn zero_claims(
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
        static DENYING: Words = Words::new(DENY_IN_ZERO);
        if DENYING.any_in(&window) {
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
                if self.reading(&q).is_none() {
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
    pub(super) fn all_done(&mut self, k: usize, sentence: std::ops::Range<usize>) {
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
        static NOT_ALL_DONE: Words = Words::new(ALL_DONE_DENY);
        if NOT_ALL_DONE.any_in(clause) {
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

pub(super) fn group_name(g: Groups) -> &'static str {
    if g == G_REVIEW {
        "行政复议"
    } else {
        "行政诉讼"
    }
}

pub(super) const ALL_MAINTAINED: &[&str] = &[
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

pub(super) const NEGATIONS: &[&str] = &[
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
pub(super) const DENY_IN_ZERO: &[&str] = &[
    "导致", "造成", "以外", "之外", "除", "但", "而", "理由", "正当", "重复", "反复", "投诉",
    "举报", "上年", "结转", "费",
];

/// Words that make "均已办结" speak of timeliness or of last year's cases.
pub(super) const ALL_DONE_DENY: &[&str] = &[
    "上年",
    "法定期限",
    "期限内",
    "按期",
    "按时",
    "当场",
    "及时",
    "时限",
];
