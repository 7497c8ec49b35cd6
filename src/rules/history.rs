//! Rules that compare a report with last year's (`Context::previous`):
//! GK207 carry-over and GK504 copied-report.

use super::{Context, Rule, Sink};
use crate::diagnostic::{Fix, Severity};
use crate::format::{RowRole, APPLICANT_COLUMNS};
use crate::report::Report;

pub static CARRY_OVER: Rule = Rule {
    code: "GK207",
    name: "carry-over",
    severity: Severity::Warning,
    summary: "本年“上年结转”与上一年度报告的“结转下年度继续办理”不一致",
    docs: CARRY_DOCS,
    fixable: false,
    check: check_carry_over,
};

const CARRY_DOCS: &str = r#"## 检查什么

有上一年度的报告时（配置 `previous = "…"`，或在 `check` 时同时给出两个文件），逐列比较本年表二“二、上年结转政府信息公开申请数量”与上一年度表二“四、结转下年度继续办理”：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计。

## 为什么

上一年没有办完、结转到下一年的申请，就是下一年从上一年结转来的申请，两个数应当相等（invariants.md B-6）。没有官方原文规定这一点，机关也可能更正上一年的数字，所以只给警告。

## 示例

2023 年报“四、结转下年度继续办理”总计 96，2024 年报“二、上年结转政府信息公开申请数量”总计 121：报告 2024 年报的该单元格。

## 如何修正

核对两年的台账：本年的“上年结转”通常应改为上一年报告的“结转下年度继续办理”；若是上一年的数字有误，在本年报告中说明更正情况。
"#;

fn previous_is_last_year<'a>(ctx: &Context<'a>) -> Option<&'a Report> {
    let (_, prev) = ctx.previous?;
    match (ctx.report.year.as_ref(), prev.year.as_ref()) {
        (Some((y, _)), Some((p, _))) if *p + 1 != *y => None,
        _ => Some(prev),
    }
}

fn check_carry_over(ctx: &Context, sink: &mut Sink) {
    let Some(prev) = previous_is_last_year(ctx) else {
        return;
    };
    let (Some(this), Some(last)) = (ctx.report.applications.as_ref(), prev.applications.as_ref())
    else {
        return;
    };
    let (Some(carried), Some(forward)) =
        (this.row_of(RowRole::Carried), last.row_of(RowRole::Forward))
    else {
        return;
    };
    let this_label = carried.def.map_or("二、上年结转政府信息公开申请数量", |d| {
        d.label
    });
    let last_label = forward.def.map_or("四、结转下年度继续办理", |d| d.label);
    let prev_year = prev
        .year
        .as_ref()
        .map_or("上一年度".to_owned(), |(y, _)| format!(" {y} 年"));
    for (i, col) in APPLICANT_COLUMNS.iter().enumerate() {
        let (Some(a), Some(b)) = (carried.cells.get(i), forward.cells.get(i)) else {
            continue;
        };
        let (Some(av), Some(bv)) = (a.count(), b.count()) else {
            continue;
        };
        if av == bv {
            continue;
        }
        sink.report(
            a.span.clone(),
            format!(
                "“{this_label}”的{}为 {av}，但{prev_year}报告“{last_label}”的{}为 {bv}",
                col.label, col.label
            ),
        )
        .with_fix(Fix::unsafe_(
            format!("改为上一年度报告的 {bv}"),
            a.span.clone(),
            bv.to_string(),
        ));
    }
}

pub static COPIED_REPORT: Rule = Rule {
    code: "GK504",
    name: "copied-report",
    severity: Severity::Info,
    summary: "正文或表中数字与上一年度报告几乎相同",
    docs: COPIED_DOCS,
    fixable: false,
    check: check_copied,
};

const COPIED_DOCS: &str = r#"## 检查什么

有上一年度的报告时，比较两份报告：正文（不计数字）与上一年的重复率达到九成以上，或表二、表三的数字与上一年完全相同（且不全为 0），给出提示。

## 为什么

30 号文点名批评年报“内容雷同、敷衍塞责”；社科院法学所 2017 年指出“部分年报与去年的重复率竟达90%”；有的机关连续三年年报“除年份数字不同外……一字不差”，数据完全一样（invariants.md Y-4）。

## 示例

2024 年报的“总体情况”等各部分与 2023 年报逐字相同，只改了年份和几个数字：提示“正文与上一年度报告的重复率约 97%”。

## 如何修正

按本年度的实际工作重写总体情况、存在的主要问题及改进情况等部分；核对表中数字是否确为本年度的统计。
"#;

/// Character 8-grams of the prose, digits folded (so a changed year or
/// count does not hide a copy), as a set of hashes. A rolling
/// polynomial hash: each window costs two multiplications, not a hasher run.
fn shingles(text: &str, report: &Report) -> Shingles {
    const WIDTH: usize = 8;
    const BASE: u64 = 0x100_0000_01b3;
    let top = BASE.wrapping_pow(WIDTH as u32 - 1);
    let mut window = [0u64; WIDTH];
    let (mut seen, mut hash) = (0usize, 0u64);
    // About one shingle per character, and most characters take three
    // bytes: sized once instead of grown.
    let mut out = Shingles::with_capacity(report.prose.iter().map(|s| s.len()).sum::<usize>() / 3);
    for span in &report.prose {
        for c in text[span.clone()].chars() {
            if c.is_whitespace() {
                continue;
            }
            let c = if c.is_ascii_digit() || ('０'..='９').contains(&c) {
                '0'
            } else {
                c
            };
            let slot = seen % WIDTH;
            let leaving = if seen >= WIDTH { window[slot] } else { 0 };
            window[slot] = u64::from(c);
            hash = hash
                .wrapping_sub(leaving.wrapping_mul(top))
                .wrapping_mul(BASE)
                .wrapping_add(u64::from(c));
            seen += 1;
            if seen >= WIDTH {
                out.insert(hash);
            }
        }
    }
    out
}

/// A set of shingle hashes: open addressing with linear probing over one
/// vector (sorting them, then a hash set, were most of the check). The
/// hashes are already well mixed; a multiplication spreads them over the
/// slots.
#[derive(Debug)]
struct Shingles {
    /// A power of two in length; 0 marks a free slot.
    slots: Vec<u64>,
    len: usize,
    /// Whether the hash 0 (which cannot sit in a slot) is in the set.
    zero: bool,
}

impl Shingles {
    fn with_capacity(n: usize) -> Shingles {
        Shingles {
            slots: vec![0; (n * 2).next_power_of_two().max(16)],
            len: 0,
            zero: false,
        }
    }

    fn slot(&self, h: u64) -> usize {
        let bits = self.slots.len().trailing_zeros();
        (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
    }

    fn insert(&mut self, h: u64) {
        if h == 0 {
            self.len += usize::from(!self.zero);
            self.zero = true;
            return;
        }
        if self.len * 2 >= self.slots.len() {
            let grown = vec![0; self.slots.len() * 2];
            let old = std::mem::replace(&mut self.slots, grown);
            self.len = usize::from(self.zero);
            old.into_iter()
                .filter(|&h| h != 0)
                .for_each(|h| self.insert(h));
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot(h);
        loop {
            match self.slots[i] {
                0 => {
                    self.slots[i] = h;
                    self.len += 1;
                    return;
                }
                x if x == h => return,
                _ => i = (i + 1) & mask,
            }
        }
    }

    fn contains(&self, h: u64) -> bool {
        if h == 0 {
            return self.zero;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot(h);
        loop {
            match self.slots[i] {
                0 => return false,
                x if x == h => return true,
                _ => i = (i + 1) & mask,
            }
        }
    }

    fn len(&self) -> usize {
        self.len
    }

    fn iter(&self) -> impl Iterator<Item = u64> + '_ {
        let zero = self.zero.then_some(0);
        zero.into_iter()
            .chain(self.slots.iter().copied().filter(|&h| h != 0))
    }

    /// The hashes in order (for tests).
    #[cfg(test)]
    fn sorted(&self) -> Vec<u64> {
        let mut v: Vec<u64> = self.iter().collect();
        v.sort_unstable();
        v
    }
}

/// Every number of tables B and C, in order, if both are readable.
fn table_numbers(report: &Report) -> Option<Vec<i64>> {
    let apps = report.applications.as_ref()?;
    let mut out = Vec::new();
    for row in &apps.rows {
        for c in &row.cells {
            out.push(c.count()?);
        }
    }
    if let Some(review) = &report.review {
        for c in &review.cells {
            out.push(c.count()?);
        }
    }
    Some(out)
}

fn check_copied(ctx: &Context, sink: &mut Sink) {
    let Some((prev_text, prev)) = ctx.previous else {
        return;
    };
    if let (Some((y, _)), Some((p, _))) = (ctx.report.year.as_ref(), prev.year.as_ref()) {
        if y <= p {
            return;
        }
    }
    let anchor = ctx
        .report
        .title
        .as_ref()
        .map(|t| t.span.clone())
        .or_else(|| ctx.report.prose.first().cloned());
    // The prose.
    let this = shingles(ctx.text, ctx.report);
    if this.len() >= 100 {
        let last = shingles(prev_text, prev);
        let shared = this.iter().filter(|&h| last.contains(h)).count();
        let ratio = shared as f64 / this.len() as f64;
        if ratio >= 0.9 {
            if let Some(span) = anchor.clone() {
                sink.report(
                    span,
                    format!(
                        "正文与上一年度报告的重复率约 {:.0}%（不计数字），请按本年度实际情况撰写",
                        ratio * 100.0
                    ),
                );
            }
        }
    }
    // The numbers.
    if let (Some(a), Some(b)) = (table_numbers(ctx.report), table_numbers(prev)) {
        if a == b && a.iter().any(|v| *v != 0) {
            let span = ctx
                .report
                .applications
                .as_ref()
                .map(|t| t.header.clone())
                .or(anchor);
            if let Some(span) = span {
                sink.report(
                    span,
                    "表二、表三的数字与上一年度报告完全相同，请核对是否为本年度的统计",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose_only(text: &str) -> Report {
        let mut r = crate::report::build(text, None);
        r.prose = std::iter::once(0..text.len()).collect();
        r
    }

    #[test]
    fn shingles_fold_digits_and_whitespace_and_match_a_direct_hash() {
        let a = "本机关2023年共收到申请 12 件，全部按时答复。";
        let b = "本机关2024年共收到申请\n98件，全部按时答复。";
        assert_eq!(
            shingles(a, &prose_only(a)).sorted(),
            shingles(b, &prose_only(b)).sorted()
        );
        // The rolling hash of each window equals the hash computed afresh.
        let chars: Vec<u64> = a
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| u64::from(if c.is_ascii_digit() { '0' } else { c }))
            .collect();
        let mut direct: Vec<u64> = chars
            .windows(8)
            .map(|w| {
                w.iter().fold(0u64, |h, c| {
                    h.wrapping_mul(0x100_0000_01b3).wrapping_add(*c)
                })
            })
            .collect();
        direct.sort_unstable();
        direct.dedup();
        assert_eq!(shingles(a, &prose_only(a)).sorted(), direct);
        let other = "本机关全年未收到任何政府信息公开申请。";
        let s = shingles(other, &prose_only(other));
        assert!(s.iter().all(|h| direct.binary_search(&h).is_err()));
    }
}
