//! Dates in a report: the statistics period and the date it was published.

use crate::diagnostic::Span;
use crate::read::LineKind;
use crate::report::Report;
use crate::text::Words;

/// Words that introduce the statistics period: "本报告中所列数据统计期限为
/// 2023年1月1日至12月31日".
const PERIOD_MARKERS: &[&str] = &[
    "统计期限",
    "统计时限",
    "统计周期",
    "统计区间",
    "统计时间",
    "统计数据时间范围",
    "数据时间范围",
    "统计范围",
    "統計期限",
];

/// The year of the statistics period the report states ("统计期限为YYYY年1月1日
/// 至12月31日"), with the span of its digits.
pub fn statistics_period_year(text: &str, report: &Report) -> Option<(u16, Span)> {
    for span in &report.prose {
        let line = &text[span.clone()];
        // Every marker has one of these: skip lines with none.
        static WORDS: Words = Words::new(&["统计", "数据时间", "統計"]);
        if !WORDS.any_in(line) {
            continue;
        }
        static MARKERS: Words = Words::new(PERIOD_MARKERS);
        for (marker, p) in MARKERS.found_in(line) {
            let from = span.start + p + marker.len();
            // The first year within a short reach of the marker.
            let mut end = from;
            for (n, (i, c)) in text[from..span.end].char_indices().enumerate() {
                end = from + i + c.len_utf8();
                if n >= 24 {
                    break;
                }
            }
            if let Some(y) = first_year(text, from..end) {
                return Some(y);
            }
        }
    }
    None
}

/// The first `YYYY年` (or `YYYY 年`) in `span`, 1990–2099.
fn first_year(text: &str, span: Span) -> Option<(u16, Span)> {
    let s = &text[span.clone()];
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && s[i + 4..].trim_start_matches(' ').starts_with('年')
        {
            let y: u16 = s[i..i + 4].parse().ok()?;
            if (1990..=2099).contains(&y) {
                return Some((y, span.start + i..span.start + i + 4));
            }
        }
        i += 1;
    }
    None
}

/// A date the report gives as its publication (or signing) date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicationDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub span: Span,
}

/// Labels of a publication date line.
const DATE_LABELS: &[&str] = &[
    "发布日期",
    "发布时间",
    "公开日期",
    "公布日期",
    "成文日期",
    "印发日期",
    "发文日期",
    "生成日期",
    "日期",
];

/// Dates that say when the report was published: a labelled date line
/// ("发布日期：2020-01-31") or a line that is only a date (the signature
/// under the title or at the end).
pub fn publication_dates(text: &str, report: &Report) -> Vec<PublicationDate> {
    let mut out = Vec::new();
    for line in &report.document.lines {
        let LineKind::Text { content, .. } = &line.kind else {
            continue;
        };
        let s = &text[content.clone()];
        // A date line is short and starts its date within a few characters.
        if s.len() > 180 || !has_year_digits(s) {
            continue;
        }
        // Every label ends in one of these.
        static ENDINGS: Words = Words::new(&["日期", "时间"]);
        let may_be_labelled = ENDINGS.any_in(s);
        static LABELS: Words = Words::new(DATE_LABELS);
        let labelled = LABELS
            .found_in(if may_be_labelled { s } else { "" })
            .find_map(|(l, p)| {
                let rest = &s[p + l.len()..];
                let rest_t = rest.trim_start();
                let rest_t = rest_t
                    .strip_prefix('：')
                    .or_else(|| rest_t.strip_prefix(':'))?;
                let off = content.start + (s.len() - rest_t.len());
                parse_date(text, off, content.end)
            });
        if let Some(d) = labelled {
            out.push(d);
            continue;
        }
        // A line that is only a date, perhaps in parentheses.
        let inner = s
            .trim()
            .trim_start_matches(['(', '（'])
            .trim_end_matches([')', '）']);
        // `inner` is a part of `s`: its offset without a search.
        let off = content.start + (inner.as_ptr() as usize - s.as_ptr() as usize);
        if let Some(d) = parse_date(text, off, content.end) {
            let consumed = d.span.end - off;
            if inner[consumed.min(inner.len())..].trim().is_empty() {
                out.push(d);
            }
        }
    }
    out
}

/// Whether `s` has four ASCII digits in a row (a year).
fn has_year_digits(s: &str) -> bool {
    let mut run = 0;
    for b in s.bytes() {
        if b.is_ascii_digit() {
            run += 1;
            if run == 4 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// A date at `from`: `YYYY年M月D日`, `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD`
/// (spaces allowed around the parts).
fn parse_date(text: &str, from: usize, limit: usize) -> Option<PublicationDate> {
    let s = &text[from..limit];
    let mut chars = s.char_indices().peekable();
    let mut parts: Vec<u32> = Vec::new();
    let mut end = 0;
    let skip_spaces = |it: &mut std::iter::Peekable<std::str::CharIndices>| {
        while it
            .peek()
            .is_some_and(|(_, c)| *c == ' ' || *c == '\u{3000}')
        {
            it.next();
        }
    };
    skip_spaces(&mut chars);
    for part in 0..3 {
        let mut v = 0u32;
        let mut digits = 0;
        while let Some(&(i, c)) = chars.peek() {
            if let Some(d) = c.to_digit(10) {
                v = v * 10 + d;
                digits += 1;
                end = i + 1;
                chars.next();
            } else {
                break;
            }
        }
        let ok = match part {
            0 => digits == 4,
            _ => (1..=2).contains(&digits),
        };
        if !ok {
            return None;
        }
        parts.push(v);
        skip_spaces(&mut chars);
        let sep = chars.peek().map(|&(i, c)| (i, c));
        match (part, sep) {
            (0, Some((i, c @ ('年' | '-' | '/' | '.'))))
            | (1, Some((i, c @ ('月' | '-' | '/' | '.')))) => {
                let _ = c;
                chars.next();
                end = i + c.len_utf8();
                skip_spaces(&mut chars);
            }
            (2, Some((i, '日'))) => {
                end = i + '日'.len_utf8();
            }
            (2, _) => {}
            _ => return None,
        }
    }
    let (year, month, day) = (parts[0], parts[1], parts[2]);
    if !(1990..=2099).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(PublicationDate {
        year: year as u16,
        month: month as u8,
        day: day as u8,
        span: from..from + end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<(u16, u8, u8)> {
        parse_date(s, 0, s.len()).map(|d| (d.year, d.month, d.day))
    }

    #[test]
    fn dates() {
        assert_eq!(date("2020-01-31"), Some((2020, 1, 31)));
        assert_eq!(date("2026年1月23日"), Some((2026, 1, 23)));
        assert_eq!(date("2024 年 3 月 5 日"), Some((2024, 3, 5)));
        assert_eq!(date("2022-01-29 16:33"), Some((2022, 1, 29)));
        assert_eq!(date("2024年"), None);
        assert_eq!(date("2024年13月1日"), None);
    }
}
