//! Share claims: "占 33.9%" after a count, checked against the total the
//! count is a share of.

use super::extract::*;
use super::*;

impl Extractor<'_> {
    /// "占 33.9%" after a count claim.
    pub(super) fn share(&mut self, i: usize, n: lex::NumTok, st: &Sentence) {
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
    pub(super) fn denominators(&mut self, q: &Quantity) -> Vec<i64> {
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
            if let Some(r) = self.reading(&q) {
                for &v in &r.values {
                    if v > 0 && !out.contains(&v) {
                        out.push(v);
                    }
                }
            }
        }
        out
    }
}

/// Whether `percent` (written with `decimals` places) is `count / total`,
/// rounded, truncated or rounded up to that many places.
pub(super) fn share_matches(percent: f64, decimals: u8, count: i64, total: i64) -> bool {
    if total <= 0 {
        return false;
    }
    let scale = 10f64.powi(decimals as i32);
    let exact = 100.0 * count as f64 / total as f64 * scale;
    let written = percent * scale;
    let eps = 1e-6;
    written >= exact.floor() - eps && written <= exact.ceil() + eps
}
