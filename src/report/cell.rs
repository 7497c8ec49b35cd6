//! What a table cell holds, read from its text.

use crate::diagnostic::Span;

/// A cell as written: its trimmed source span and what it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The trimmed text; for an empty cell an empty span where it is.
    pub span: Span,
    pub value: CellValue,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Number(Number),
    /// Nothing written.
    Blank,
    /// "无", "/", "-", "—": written, but not a number.
    Placeholder(String),
    /// Anything else ("六", "1.2.3", "约5").
    Text(String),
}

/// A number as written, with the forms a checker needs to comment on.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub value: f64,
    /// Digits after the decimal point.
    pub decimals: u8,
    /// A unit written in the cell: 件, 元, 万元 …
    pub unit: Option<&'static str>,
    /// Full-width digits, signs or point (１２, ＋, －, ．).
    pub fullwidth: bool,
    /// Grouped with separators (1,234 or 1，234).
    pub grouped: bool,
    /// An explicit `+`.
    pub plus: bool,
}

/// No real count or amount reaches this: a trillion (一万亿) is over a
/// hundred times the world's population, and more yuan than any body's
/// fees or purchases in a year. A number this large (GK309) is a typing
/// slip, takes no part in sums, and sums of the numbers below it fit in an
/// `i64` and an `f64` exactly.
pub const MAX_PLAUSIBLE: f64 = 1e12;

impl Number {
    /// The number in plain ASCII, as the writer meant it: sign as typed,
    /// no separators, no unit (for messages; worked out when one needs it
    /// rather than kept for every cell).
    pub fn ascii(&self) -> String {
        let sign = if self.plus { "+" } else { "" };
        format!("{sign}{:.*}", self.decimals as usize, self.value)
    }

    /// The whole-number value, if it has no fractional part.
    pub fn integer(&self) -> Option<i64> {
        // Below 2^53 every whole number is exact, so converting there and
        // back tells a fraction (`fract` is a call into libm on x86-64).
        let whole = self.value as i64;
        (self.value.abs() < 9.0e15 && whole as f64 == self.value).then_some(whole)
    }

    /// Whether the magnitude is below [`MAX_PLAUSIBLE`].
    pub fn plausible(&self) -> bool {
        self.value.abs() < MAX_PLAUSIBLE
    }
}

impl Cell {
    /// The value inside sums: blanks and placeholders count as 0, text and
    /// implausibly large numbers as nothing (the sum is then unknown).
    pub fn count(&self) -> Option<i64> {
        match &self.value {
            CellValue::Number(n) if !n.plausible() => None,
            CellValue::Number(n) => n.integer().or(Some(n.value.round() as i64)),
            CellValue::Blank | CellValue::Placeholder(_) => Some(0),
            CellValue::Text(_) => None,
        }
    }

    pub fn number(&self) -> Option<&Number> {
        match &self.value {
            CellValue::Number(n) => Some(n),
            _ => None,
        }
    }
}

const PLACEHOLDERS: &[&str] = &[
    "无", "/", "-", "—", "——", "－", "／", "\\", "空", "--", "–", "×", "N/A", "n/a",
];

/// Units that may follow a number in a cell, longest first.
const UNITS: &[&str] = &["万元", "元", "件", "个", "项", "条", "次", "宗", "人次"];

/// Read a cell's trimmed text.
pub fn parse(raw: &str) -> CellValue {
    if raw.is_empty() {
        return CellValue::Blank;
    }
    if PLACEHOLDERS.contains(&raw) {
        return CellValue::Placeholder(raw.to_owned());
    }
    match parse_number(raw) {
        Some(n) => CellValue::Number(n),
        None => CellValue::Text(raw.to_owned()),
    }
}

fn parse_number(raw: &str) -> Option<Number> {
    // The common case: plain ASCII digits.
    if raw.len() <= 15 && raw.bytes().all(|b| b.is_ascii_digit()) {
        let value: f64 = raw.parse::<u64>().ok()? as f64;
        return Some(Number {
            value,
            decimals: 0,
            unit: None,
            fullwidth: false,
            grouped: false,
            plus: false,
        });
    }
    let mut fullwidth = false;
    let mut folded = String::with_capacity(raw.len());
    for c in raw.chars() {
        let f = match c {
            '０'..='９' | '＋' | '－' | '．' | '，' => {
                fullwidth |= c != '，';
                char::from_u32(c as u32 - 0xfee0).unwrap_or(c)
            }
            '−' => '-',
            ' ' | '\u{a0}' | '\u{3000}' => continue,
            _ => c,
        };
        folded.push(f);
    }
    let mut body = folded.as_str();
    let mut unit = None;
    for u in UNITS {
        if let Some(rest) = body.strip_suffix(u) {
            unit = Some(*u);
            body = rest;
            break;
        }
    }
    let (negative, plus, digits) = match body.as_bytes().first() {
        Some(b'+') => (false, true, &body[1..]),
        Some(b'-') => (true, false, &body[1..]),
        _ => (false, false, body),
    };
    if digits.is_empty() {
        return None;
    }
    let (int_part, frac_part) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let grouped = int_part.contains(',');
    if grouped {
        // Groups of three after the first: 1,234,567.
        let mut groups = int_part.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
    } else if int_part.is_empty() || !int_part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Some(f) = frac_part {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    let plain_int: String = int_part.chars().filter(|&c| c != ',').collect();
    let magnitude: f64 = match frac_part {
        Some(f) => format!("{plain_int}.{f}").parse().ok()?,
        None => plain_int.parse().ok()?,
    };
    Some(Number {
        value: if negative { -magnitude } else { magnitude },
        decimals: frac_part.map_or(0, |f| f.len().min(255) as u8),
        unit,
        fullwidth,
        grouped,
        plus,
    })
}

/// Chinese numerals written for a count ("六", "十二件"): their value, so a
/// message can say what was probably meant.
pub fn chinese_numeral(raw: &str) -> Option<i64> {
    let s = UNITS
        .iter()
        .find_map(|u| raw.strip_suffix(u))
        .unwrap_or(raw);
    match s {
        "零" | "〇" => Some(0),
        _ => crate::law::numerals::parse_chinese(s).map(i64::from),
    }
}

/// Whether a token's text looks like a cell value rather than a label: a
/// number or placeholder, a Chinese numeral, or something with digits that is
/// not an enumerated label (`1.属于…`).
pub fn is_value_like(raw: &str) -> bool {
    if !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    // Most labels start with a character no value starts with: answer
    // those without parsing.
    match raw.chars().next() {
        Some('（' | '(' | '【' | '“' | '《') => return false,
        Some(c)
            if ('\u{4e00}'..='\u{9fff}').contains(&c)
                && !"零一二三四五六七八九十百千万两无空约".contains(c) =>
        {
            return false
        }
        _ => {}
    }
    if !matches!(parse(raw), CellValue::Text(_)) {
        return true;
    }
    if chinese_numeral(raw).is_some() && raw.chars().count() <= 6 {
        return true;
    }
    // Only a digit (either width) can make the rest a value.
    if !raw
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return false;
    }
    let norm = crate::format::labels::normalize(raw);
    let has_digit = norm.chars().any(|c| c.is_ascii_digit());
    if !has_digit {
        return false;
    }
    // `1.属于国家秘密`, `3.其他`: labels. `1.2.3`, `5件`, `约5`: values.
    let mut chars = norm.chars().peekable();
    let mut saw_digit = false;
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            saw_digit = true;
            chars.next();
        } else {
            break;
        }
    }
    if saw_digit && chars.next() == Some('.') {
        if let Some(c) = chars.next() {
            return c.is_ascii_digit();
        }
    }
    norm.chars().count() <= 8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Number {
        match parse(s) {
            CellValue::Number(n) => n,
            v => panic!("{s}: {v:?}"),
        }
    }

    #[test]
    fn numbers_as_written() {
        assert_eq!(num("6").integer(), Some(6));
        assert_eq!(num("1.0").integer(), Some(1));
        assert_eq!(num("-0.5").integer(), None);
        assert_eq!(
            num("8999999999999999").integer(),
            Some(8_999_999_999_999_999)
        );
        assert_eq!(num("9000000000000000").integer(), None);
        let n = num("１２");
        assert!(n.fullwidth);
        assert_eq!((n.integer(), n.ascii().as_str()), (Some(12), "12"));
        let n = num("+335");
        assert!(n.plus);
        assert_eq!(n.integer(), Some(335));
        assert_eq!(num("-8").integer(), Some(-8));
        let n = num("1,234");
        assert!(n.grouped);
        assert_eq!(n.integer(), Some(1234));
        assert!(num("1，234").grouped);
        let n = num("22.7197");
        assert_eq!((n.decimals, n.integer()), (4, None));
        assert_eq!(num("251000元").unit, Some("元"));
        assert_eq!(num("160.5964万元").unit, Some("万元"));
        assert_eq!(num("5件").unit, Some("件"));
        for (typed, ascii) in [
            ("+335", "+335"),
            ("-8", "-8"),
            ("1,234", "1234"),
            ("22.7197", "22.7197"),
            ("－０．５０", "-0.50"),
            ("160.5964万元", "160.5964"),
        ] {
            assert_eq!(num(typed).ascii(), ascii, "{typed}");
        }
    }

    #[test]
    fn implausible_numbers_take_no_part_in_sums() {
        let cell = |raw: &str| Cell {
            span: 0..raw.len(),
            value: parse(raw),
        };
        for raw in [
            "99999999999999999999",
            "-99999999999999999999",
            "1000000000000",
        ] {
            let c = cell(raw);
            assert!(c.number().is_some_and(|n| !n.plausible()), "{raw}");
            assert_eq!(c.count(), None, "{raw}");
        }
        assert_eq!(cell("999999999999").count(), Some(999_999_999_999));
    }

    #[test]
    fn not_numbers() {
        assert_eq!(parse(""), CellValue::Blank);
        assert!(matches!(parse("无"), CellValue::Placeholder(_)));
        assert!(matches!(parse("—"), CellValue::Placeholder(_)));
        assert!(matches!(parse("六"), CellValue::Text(_)));
        assert!(matches!(parse("1.2.3"), CellValue::Text(_)));
        assert!(matches!(parse("12,34"), CellValue::Text(_)));
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese_numeral("六"), Some(6));
        assert_eq!(chinese_numeral("十二件"), Some(12));
        assert_eq!(chinese_numeral("二十"), Some(20));
        assert_eq!(chinese_numeral("行政"), None);
        assert_eq!(chinese_numeral("两件"), Some(2));
        assert_eq!(chinese_numeral("一万二千"), Some(12_000));
        assert_eq!(chinese_numeral("零"), Some(0));
    }

    #[test]
    fn values_and_labels() {
        for v in ["6", "无", "六", "1.2.3", "5件", "１２", "+10", "约5"] {
            assert!(is_value_like(v), "{v}");
        }
        for l in [
            "1.属于国家秘密",
            "3.其他",
            "行政检查",
            "（七）总计",
            "1、其他",
        ] {
            assert!(!is_value_like(l), "{l}");
        }
    }
}
