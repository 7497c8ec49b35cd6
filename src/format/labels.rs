//! Comparing labels as people type and paste them.
//!
//! Web and PDF copies break labels anywhere, mix full- and half-width forms,
//! write `1、` for `1.` and straight for curly quotes. Labels are compared
//! after [`normalize`], and near misses are measured with [`distance`].

/// Fold a label to its comparison form: no whitespace, ASCII for full-width
/// forms, `.` for the enumeration marks `、`/`．` after a digit, one kind of
/// double and single quote.
/// Traditional characters are read as their simplified forms (總體情況 is
/// 总体情况), for the characters of the formats' labels and titles.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(s, &mut out);
    out
}

/// [`normalize`], appending to `out`.
pub fn normalize_into(s: &str, out: &mut String) {
    // A count is its own form.
    if s.bytes().all(|b| b.is_ascii_digit()) {
        out.push_str(s);
        return;
    }
    let traditional = Traditional::get();
    let from = out.len();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Most of a label is runs of simplified CJK ideographs (three
        // bytes from E4 to E9) and CJK punctuation that stay as they are:
        // each run is copied at once, its characters only tested against
        // the traditional ones and the marks that change.
        if (0xe3..=0xe9).contains(&b) {
            let run = i;
            while let Some(&[b0, b1, b2]) = bytes.get(i..i + 3) {
                if !stays(traditional, b0, b1, b2) {
                    break;
                }
                i += 3;
            }
            if i > run {
                out.push_str(&s[run..i]);
                continue;
            }
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
            continue;
        }
        let c = traditional.simplified(fold_char(c));
        // Enumeration commas: 、 and , are one mark in labels.
        let c = if c == ',' { '、' } else { c };
        if c == '、' && out[from..].ends_with(|p: char| p.is_ascii_digit()) {
            out.push('.');
            continue;
        }
        out.push(c);
    }
}

/// Whether the three-byte character `b0 b1 b2` is its own comparison form:
/// a simplified ideograph (E4–E9), or a CJK mark from 。 to U+303F but
/// 〔〕〝〞, which [`fold_char`] changes (、 and the ideographic space,
/// below 。, are handled one by one).
fn stays(traditional: &Traditional, b0: u8, b1: u8, b2: u8) -> bool {
    match b0 {
        0xe4..=0xe9 => {
            let code =
                u32::from(b0 & 0x0f) << 12 | u32::from(b1 & 0x3f) << 6 | u32::from(b2 & 0x3f);
            !traditional.is_marked_code(code)
        }
        0xe3 => b1 == 0x80 && b2 >= 0x82 && !matches!(b2, 0x94 | 0x95 | 0x9d | 0x9e),
        _ => false,
    }
}

/// Traditional characters of the formats' labels and titles with their
/// simplified forms. A bit per character of the Basic Multilingual Plane
/// says whether to look one up, so the common case (a simplified character)
/// costs one bit test, with no range or bounds check.
struct Traditional {
    marked: [u64; 1024],
    pairs: Vec<(char, char)>,
}

impl Traditional {
    /// Pairs of traditional and simplified characters.
    const PAIRS: &'static str = "並并佈布係系個个內内劃划動动務务區区參参員员問问單单國国執执報报實实審审對对屬属帶带廢废廣广廳厅強强後后從从復复應应採采據据數数於于時时會会條条業业構构標标機机權权歷历歸归氣气決决沒没況况準准為为無无營营獲获現现環环當当發发確确稱称穩稳範范糾纠納纳級级組组結结統统經经維维網网縣县總总織织繳缴繼继續续罰罚與与舉举萬万處处號号衛卫補补製制複复覆复規规計计訟讼訪访許许訴诉詢询認认請请議议護护費费資资購购轉转辦办這这進进過过鄉乡鎮镇門门開开間间關关電电項项題题額额類类體体";

    fn get() -> &'static Traditional {
        static TABLE: std::sync::OnceLock<Traditional> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| {
            let chars: Vec<char> = Self::PAIRS.chars().collect();
            let mut pairs: Vec<(char, char)> = chars
                .chunks(2)
                .filter_map(|p| Some((p[0], *p.get(1)?)))
                .collect();
            pairs.sort_unstable();
            let mut marked = [0u64; 1024];
            for (t, _) in &pairs {
                let u = *t as usize;
                marked[(u >> 6) & 1023] |= 1 << (u & 63);
            }
            Traditional { marked, pairs }
        })
    }

    /// Whether the character with code point `u` (under U+10000) is one of
    /// the traditional characters looked up.
    fn is_marked_code(&self, u: u32) -> bool {
        let u = u as usize;
        self.marked[(u >> 6) & 1023] & (1 << (u & 63)) != 0
    }

    fn simplified(&self, c: char) -> char {
        if (c as u32) >= 0x10000 || !self.is_marked_code(c as u32) {
            return c;
        }
        self.pairs
            .binary_search_by_key(&c, |p| p.0)
            .map_or(c, |i| self.pairs[i].1)
    }
}

/// [`normalize`] for the format's own labels, computed once each.
pub fn normalized(label: &'static str) -> &'static str {
    use std::collections::HashMap;
    use std::hash::BuildHasherDefault;
    use std::sync::RwLock;
    // Keyed by where the literal is (address and length): hashing that is
    // two multiplications, where hashing the text was most of the cost.
    type ByAddress = HashMap<(usize, usize), &'static str, BuildHasherDefault<IntHasher>>;
    static CACHE: RwLock<Option<ByAddress>> = RwLock::new(None);
    let key = (label.as_ptr() as usize, label.len());
    if let Ok(guard) = CACHE.read() {
        if let Some(n) = guard.as_ref().and_then(|m| m.get(&key)) {
            return n;
        }
    }
    // The format's labels are a fixed, small set: leaking each once is fine.
    let Ok(mut guard) = CACHE.write() else {
        return Box::leak(normalize(label).into_boxed_str());
    };
    guard
        .get_or_insert_with(HashMap::default)
        .entry(key)
        .or_insert_with(|| Box::leak(normalize(label).into_boxed_str()))
}

/// A multiplicative hash for integer keys (the address keys of
/// [`normalized`], the shingle hashes of GK504): two operations a key,
/// where SipHash was most of the cost.
#[derive(Default)]
pub struct IntHasher(u64);

impl std::hash::Hasher for IntHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// One character's comparison form.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '“' | '”' | '„' | '‟' | '〝' | '〞' => '"',
        '‘' | '’' | '‛' => '\'',
        '〔' => '[',
        '〕' => ']',
        _ => c,
    }
}

/// A row label without the note printed after it, either width:
/// `（二）部分公开（区分处理的，…）` → `（二）部分公开`, `其他(请注明)` → `其他`.
/// A leading enumerator (`（二）`) is part of the label, not a note.
pub fn without_note(label: &str) -> &str {
    let is_open = |c: char| c == '（' || c == '(';
    let lead = if label.starts_with(is_open) {
        label.find(['）', ')']).map_or(0, |i| {
            i + label[i..].chars().next().map_or(1, char::len_utf8)
        })
    } else {
        0
    };
    match label[lead..].find(is_open) {
        Some(p) if lead + p > 0 => &label[..lead + p],
        _ => label,
    }
}

/// A written row label as messages quote it: without blanks and the note.
pub fn short_label(label: &str) -> String {
    let joined: String = label.split_whitespace().collect();
    without_note(&joined).to_owned()
}

/// Remove every parenthesised part (either width): `本年(2023)制发件数` →
/// `本年制发件数`. Used for column headers, which carry units and years.
pub fn strip_parenthesized(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Levenshtein distance over characters.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Whether `typed` is close enough to `standard` (both normalised) to be a
/// misspelling of it rather than a different label: at most a third of the
/// standard label's characters differ.
pub fn is_near(typed: &str, standard: &str) -> bool {
    near_distance(typed, standard).is_some()
}

/// The edit distance of `typed` from `standard` when [`is_near`]; `None`
/// otherwise, found without finishing the computation once the distance
/// is known to be too large (most labels compared are not near).
pub fn near_distance(typed: &str, standard: &str) -> Option<usize> {
    const STACK: usize = 64;
    let (mut ta, mut sa) = (['\0'; STACK], ['\0'; STACK]);
    let (mut tv, mut sv) = (Vec::new(), Vec::new());
    let chars = |s: &str, stack: &'_ mut [char; STACK], heap: &'_ mut Vec<char>| -> usize {
        let mut n = 0;
        for c in s.chars() {
            if n < STACK {
                stack[n] = c;
            } else {
                if n == STACK {
                    heap.extend_from_slice(&stack[..]);
                }
                heap.push(c);
            }
            n += 1;
        }
        n
    };
    let m = chars(typed, &mut ta, &mut tv);
    let n = chars(standard, &mut sa, &mut sv);
    let a: &[char] = if m > STACK { &tv } else { &ta[..m] };
    let b: &[char] = if n > STACK { &sv } else { &sa[..n] };
    let bound = n.max(3) / 3;
    // The distance is at least the difference in length: skip the work.
    if m.abs_diff(n) > bound {
        return None;
    }
    let mut prev: Vec<usize> = (0..=n).collect();
    let mut cur = vec![0; n + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut best = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            best = best.min(cur[j + 1]);
        }
        // No cell of a row gets smaller further down.
        if best > bound {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[n];
    (d > 0 && d <= bound).then_some(d)
}

#[cfg(test)]
mod tests {
    /// [`super::normalize`] a character at a time, as the fast paths must.
    fn normalize_slowly(s: &str) -> String {
        let t = super::Traditional::get();
        let mut out = String::new();
        for c in s.chars() {
            if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
                continue;
            }
            let c = t.simplified(super::fold_char(c));
            let c = if c == ',' { '、' } else { c };
            if c == '、' && out.ends_with(|p: char| p.is_ascii_digit()) {
                out.push('.');
                continue;
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn runs_copied_at_once_fold_as_characters_do() {
        let marks: String = ('\u{3000}'..='\u{303f}').collect();
        let samples = [
            marks.as_str(),
            "總體情況。（一）予以公開，3、4，第二十條〔2021〕〝引〞「規章」",
            "　本年度共收到申請12件，辦結12件。　",
            "行政复议、诉讼；其中“维持”5件",
            "",
            "12",
            "ａｂ１２，３",
        ];
        for s in samples {
            assert_eq!(super::normalize(s), normalize_slowly(s), "{s}");
        }
        // Every mark between ideographs, and after a digit.
        for m in marks.chars() {
            let s = format!("公开{m}总计3{m}4");
            assert_eq!(super::normalize(&s), normalize_slowly(&s), "{m:?}");
        }
    }

    use super::*;

    #[test]
    fn notes_are_stripped_and_enumerators_kept() {
        assert_eq!(
            without_note("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            "（二）部分公开"
        );
        assert_eq!(without_note("(二)部分公开(区分处理的)"), "(二)部分公开");
        assert_eq!(without_note("（三）不予公开"), "（三）不予公开");
        assert_eq!(without_note("其他（请注明）"), "其他");
        assert_eq!(without_note("（区分处理的）"), "（区分处理的）");
        assert_eq!(short_label("1.属于 国家秘密（注）"), "1.属于国家秘密");
    }

    #[test]
    fn traditional_characters_are_read_simplified_inside_runs() {
        assert_eq!(normalize("總體情況"), "总体情况");
        assert_eq!(normalize("一、總體 情况（續）"), "一、总体情况(续)");
        assert_eq!(normalize("政府信息公开數量"), "政府信息公开数量");
        assert_eq!(normalize("1、屬於國家秘密"), "1.属于国家秘密");
    }

    #[test]
    fn folds_what_real_reports_vary() {
        assert_eq!(normalize("1、属于国家秘密"), "1.属于国家秘密");
        assert_eq!(normalize("１．属于 国家\n秘密"), "1.属于国家秘密");
        assert_eq!(
            normalize("3.危及“三安全一稳定”"),
            normalize("3.危及\"三安全一稳定\"")
        );
        assert_eq!(normalize("第二十条 第（一）项"), "第二十条第(一)项");
        assert_eq!(normalize("一、本年新收"), "一、本年新收");
    }

    #[test]
    fn strips_units_and_years() {
        assert_eq!(strip_parenthesized("本年(2023)制发件数"), "本年制发件数");
        assert_eq!(
            strip_parenthesized("本年收费金额（单位：万元）"),
            "本年收费金额"
        );
    }

    #[test]
    fn near_misses() {
        assert!(is_near(
            &normalize("2.其他法律行政止公开"),
            &normalize("2.其他法律行政法规禁止公开")
        ));
        assert!(!is_near("2.重复申请", "1.信访举报投诉类申请"));
        assert!(!is_near("规章", "规章"));
    }
}
