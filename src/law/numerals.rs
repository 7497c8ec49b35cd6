//! Chinese numerals as citations write them: 第五十六条, 第一百条, 第（十二）项.

/// The value of one Chinese digit (一…九, 〇/零, and 两).
fn digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn unit(c: char) -> Option<u32> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// Whether `c` can be part of a Chinese numeral.
pub fn is_chinese_numeral_char(c: char) -> bool {
    digit(c).is_some() || unit(c).is_some()
}

/// Whether `c` can be part of a count written in Chinese numerals (as
/// [`is_chinese_numeral_char`], and 万: 一万二千件).
pub fn is_count_numeral_char(c: char) -> bool {
    is_chinese_numeral_char(c) || c == '万'
}

/// An ASCII or full-width digit's value.
pub fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Parse a Chinese numeral: `十` → 10, `二十` → 20, `五十六` → 56,
/// `一百` → 100, `一百零一` → 101, `一〇一` (digit by digit) → 101, and with
/// 万 for counts: `一万二千` → 12000, `三万` → 30000.
pub fn parse_chinese(s: &str) -> Option<u32> {
    match s.split_once('万') {
        Some((high, low)) => {
            let high = parse_below_10000(high)?;
            let low = match low.strip_prefix(['零', '〇']).unwrap_or(low) {
                "" => 0,
                rest => parse_below_10000(rest)?,
            };
            high.checked_mul(10_000)?.checked_add(low)
        }
        None => parse_below_10000(s),
    }
}

fn parse_below_10000(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    // Digit-by-digit form without units (一〇一, only with a 〇 in it, so
    // that 二三 is not read as 23); a lone digit is the same.
    if s.chars().all(|c| digit(c).is_some()) {
        if s.chars().count() > 1 && !s.contains('〇') {
            return None;
        }
        let mut n: u32 = 0;
        for c in s.chars() {
            n = n.checked_mul(10)?.checked_add(digit(c)?)?;
        }
        return (n > 0).then_some(n);
    }
    let mut total = 0u32;
    let mut pending: Option<u32> = None;
    let mut last_unit = u32::MAX;
    for c in s.chars() {
        if let Some(d) = digit(c) {
            if pending.is_some() && d != 0 {
                return None; // two digits in a row: 二三
            }
            pending = if d == 0 { None } else { Some(d) };
        } else if let Some(u) = unit(c) {
            if u >= last_unit {
                return None; // 十百, 百百
            }
            total += pending.take().unwrap_or(1) * u;
            last_unit = u;
        } else {
            return None;
        }
    }
    total += pending.unwrap_or(0);
    (total > 0).then_some(total)
}

/// Write `n` (1..10000) as a Chinese numeral the way the 条例 numbers its
/// articles and items: 1 → 一, 10 → 十, 16 → 十六, 20 → 二十, 100 → 一百,
/// 101 → 一百零一, 110 → 一百一十.
pub fn to_chinese(n: u32) -> String {
    const D: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n == 0 {
        return "零".to_string();
    }
    if n >= 10000 {
        return n.to_string();
    }
    if (10..20).contains(&n) {
        let mut s = String::from("十");
        if n % 10 != 0 {
            s.push(D[(n % 10) as usize]);
        }
        return s;
    }
    let parts = [(n / 1000, '千'), (n / 100 % 10, '百'), (n / 10 % 10, '十')];
    let mut s = String::new();
    let mut zero = false;
    for (d, u) in parts {
        if d == 0 {
            if !s.is_empty() {
                zero = true;
            }
            continue;
        }
        if zero {
            s.push('零');
            zero = false;
        }
        s.push(D[d as usize]);
        s.push(u);
    }
    let ones = n % 10;
    if ones != 0 {
        if zero {
            s.push('零');
        }
        s.push(D[ones as usize]);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_citation_numerals() {
        for (s, n) in [
            ("一", 1),
            ("十", 10),
            ("一万二千", 12_000),
            ("三万", 30_000),
            ("一万零五", 10_005),
            ("十六", 16),
            ("二十", 20),
            ("三十六", 36),
            ("五十六", 56),
            ("五十七", 57),
            ("一百", 100),
            ("一百零一", 101),
            ("一百一十", 110),
            ("一百十", 110),
            ("一〇一", 101),
            ("两百", 200),
        ] {
            assert_eq!(parse_chinese(s), Some(n), "{s}");
        }
        for s in ["", "二三", "十百", "abc", "零"] {
            assert_eq!(parse_chinese(s), None, "{s}");
        }
    }

    #[test]
    fn writes_and_reads_back() {
        for n in 1..=1200 {
            assert_eq!(parse_chinese(&to_chinese(n)), Some(n), "{n}");
        }
        assert_eq!(to_chinese(20), "二十");
        assert_eq!(to_chinese(15), "十五");
        assert_eq!(to_chinese(100), "一百");
        assert_eq!(to_chinese(105), "一百零五");
        assert_eq!(to_chinese(1005), "一千零五");
    }
}
