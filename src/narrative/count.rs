//! Count claims: "受理政府信息公开申请 17 件", and "0 件" read as zero.

use super::extract::*;
use super::*;

impl Extractor<'_> {
    pub(super) fn count(&mut self, i: usize, n: lex::NumTok, st: &mut Sentence) {
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
            subject.quantities,
            false,
        );
        let row_claim = !subject.column && matches!(primary, Quantity::Applications { .. });
        st.claimed.push(primary);
        self.out.push(claim);
        let at = self.out.len() - 1;
        if row_claim {
            st.parent = Some(at);
        }
        st.last_count = Some((at, i + 2));
    }

    /// A statement without a number ("均获维持", "未收到申请") that the
    /// quantities are zero.
    pub(super) fn push_zero_claim(&mut self, span: Span, quantities: Vec<Quantity>) {
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
}
