//! Prose → tokens: numbers with their units, the words that name what a
//! number counts, the filler words that may stand between the two, and the
//! punctuation that ends a clause.
//!
//! The lexicon is small and closed on purpose: a number is only tied to a
//! table cell when everything between the subject word and the number is a
//! known filler word, so unknown wording leaves a number untied (silent)
//! rather than tied to the wrong cell.

use crate::diagnostic::Span;
use crate::law::numerals::{arabic_digit, is_count_numeral_char};

/// Which applicant column a word names (table B's value columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColWord {
    /// One column, by index into `APPLICANT_COLUMNS`.
    One(usize),
    /// 法人或其他组织: the five columns between 自然人 and 总计.
    Orgs,
}

/// What a table B row word names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowWord {
    /// 新收: only 一、本年新收.
    NewOnly,
    /// 收到 / 受理 / 收办 …: 一、本年新收, or (as many reports count) 一 + 二.
    Received,
    /// 答复 / 办结 / 办理: （七）总计.
    Handled,
    Carried,
    Forward,
    Granted,
    Partial,
    GrantedPartial,
    Denied,
    Unable,
    NotProcessed,
    OtherProcessing,
}

impl RowWord {
    /// Verbs are weaker than the names of result rows: in "同意公开答复 9 件"
    /// the count is of 同意公开, 答复 is a filler.
    pub fn is_verb(self) -> bool {
        matches!(
            self,
            RowWord::NewOnly | RowWord::Received | RowWord::Handled
        )
    }
}

/// Table C groups a word names: bit 0 行政复议, bit 1 未经复议直接起诉,
/// bit 2 复议后起诉.
pub type Groups = u8;
pub const G_REVIEW: Groups = 0b001;
pub const G_LITIGATION: Groups = 0b110;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    Row(RowWord),
    Column(ColWord),
    /// A table C group (or several).
    Group(Groups),
    /// A table C result column (index into `REVIEW_COLUMNS`); 败诉 also
    /// names the litigation groups.
    Result(usize, Groups),
    /// Words that may stand between a subject and its number.
    Filler(FillerKind),
    /// 相关案件 / 上述案件: the table C groups named before in the sentence.
    GroupRef,
    /// 和 / 及 / 与 / 或.
    Conj,
    /// 其中: what follows is a part of what was just counted.
    Among,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FillerKind {
    Plain,
    /// 申请 and its compounds: the count is of applications.
    Application,
    /// 共 / 共计 / 合计 / 总计 / 累计: a grand total.
    Total,
    /// 各类 / 所有 / 全部: every kind.
    Every,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TokKind {
    /// A number: its value (×100 for none; the exact decimal is kept),
    /// decimals, whether written in Chinese numerals, whether approximate.
    Num(NumTok),
    /// A unit right after a number: 件 / 宗 / % / 元 / 万元 / other.
    Unit(Unit),
    Word(Word),
    Space,
    /// （ or (.
    Open,
    /// ） or ).
    Close,
    /// Clause punctuation: ，,、：:
    Comma(char),
    /// Sentence end: 。；;！？!?
    Stop,
    /// Anything else, one character.
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumTok {
    pub value: f64,
    pub decimals: u8,
    pub chinese: bool,
    pub fullwidth: bool,
}

impl NumTok {
    pub fn integer(&self) -> Option<i64> {
        (self.decimals == 0 && self.value.abs() < 1e15).then_some(self.value as i64)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// 件 / 宗 / 起: a count of applications or cases.
    Count,
    Percent,
    Money,
    /// 余 / 多 / 万 …: the number is not exact.
    Approx,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tok {
    pub kind: TokKind,
    pub span: Span,
}

/// The lexicon, longest entries matched first.
fn lexicon() -> &'static [(&'static str, Word)] {
    use ColWord as C;
    use FillerKind as F;
    use RowWord as R;
    use Word::*;
    &[
        // Table B rows.
        ("本年新收", Row(R::NewOnly)),
        ("新收到", Row(R::NewOnly)),
        ("新收", Row(R::NewOnly)),
        ("收到", Row(R::Received)),
        ("受理", Row(R::Received)),
        ("收办", Row(R::Received)),
        ("接收", Row(R::Received)),
        ("接到", Row(R::Received)),
        ("收悉", Row(R::Received)),
        ("办结", Row(R::Handled)),
        ("办理完毕", Row(R::Handled)),
        ("办理完成", Row(R::Handled)),
        ("办理", Row(R::Handled)),
        ("处理", Row(R::Handled)),
        ("答复", Row(R::Handled)),
        ("作出答复", Row(R::Handled)),
        ("予以答复", Row(R::Handled)),
        ("予以公开及部分公开", Row(R::GrantedPartial)),
        ("予以公开和部分公开", Row(R::GrantedPartial)),
        ("予以公开或部分公开", Row(R::GrantedPartial)),
        ("予以公开与部分公开", Row(R::GrantedPartial)),
        ("公开及部分公开", Row(R::GrantedPartial)),
        ("公开和部分公开", Row(R::GrantedPartial)),
        ("同意公开及部分公开", Row(R::GrantedPartial)),
        ("同意公开和部分公开", Row(R::GrantedPartial)),
        ("全部或部分公开", Row(R::GrantedPartial)),
        ("全部公开或部分公开", Row(R::GrantedPartial)),
        ("全部公开和部分公开", Row(R::GrantedPartial)),
        ("全部公开及部分公开", Row(R::GrantedPartial)),
        ("予以全部或部分公开", Row(R::GrantedPartial)),
        ("予以公开", Row(R::Granted)),
        ("同意公开", Row(R::Granted)),
        ("准予公开", Row(R::Granted)),
        ("全部公开", Row(R::Granted)),
        ("部分公开", Row(R::Partial)),
        ("不予公开", Row(R::Denied)),
        ("无法提供", Row(R::Unable)),
        ("不予处理", Row(R::NotProcessed)),
        ("其他处理", Row(R::OtherProcessing)),
        ("其它处理", Row(R::OtherProcessing)),
        // Applicant columns.
        ("自然人", Column(C::One(0))),
        ("商业企业", Column(C::One(1))),
        ("科研机构", Column(C::One(2))),
        ("社会公益组织", Column(C::One(3))),
        ("法律服务机构", Column(C::One(4))),
        ("法人或其他组织", Column(C::Orgs)),
        ("法人或者其他组织", Column(C::Orgs)),
        ("法人和其他组织", Column(C::Orgs)),
        ("法人及其他组织", Column(C::Orgs)),
        // Table C.
        ("行政复议和行政诉讼", Group(G_REVIEW | G_LITIGATION)),
        ("行政复议及行政诉讼", Group(G_REVIEW | G_LITIGATION)),
        ("行政复议、行政诉讼", Group(G_REVIEW | G_LITIGATION)),
        ("行政复议与行政诉讼", Group(G_REVIEW | G_LITIGATION)),
        ("复议和诉讼", Group(G_REVIEW | G_LITIGATION)),
        ("复议、诉讼", Group(G_REVIEW | G_LITIGATION)),
        ("复议诉讼", Group(G_REVIEW | G_LITIGATION)),
        ("行政复议", Group(G_REVIEW)),
        ("复议", Group(G_REVIEW)),
        ("行政诉讼", Group(G_LITIGATION)),
        ("诉讼", Group(G_LITIGATION)),
        ("未经复议直接起诉", Group(0b010)),
        ("直接起诉", Group(0b010)),
        ("复议后起诉", Group(0b100)),
        ("相关案件", GroupRef),
        ("上述案件", GroupRef),
        ("此类案件", GroupRef),
        ("该类案件", GroupRef),
        ("结果维持", Result(0, 0)),
        ("维持", Result(0, 0)),
        ("结果纠正", Result(1, 0)),
        ("纠正", Result(1, 0)),
        ("纠错", Result(1, 0)),
        ("败诉", Result(1, G_LITIGATION)),
        ("其他结果", Result(2, 0)),
        ("其它结果", Result(2, 0)),
        ("尚未审结", Result(3, 0)),
        ("未审结", Result(3, 0)),
        ("正在审理", Result(3, 0)),
        ("审理中", Result(3, 0)),
        // Fillers.
        ("政府信息公开申请", Filler(F::Application)),
        ("信息公开申请", Filler(F::Application)),
        ("依申请公开", Filler(F::Application)),
        ("依申请", Filler(F::Application)),
        ("申请", Filler(F::Application)),
        ("被申请", Filler(F::Plain)),
        ("政府信息公开", Filler(F::Plain)),
        ("政府信息", Filler(F::Plain)),
        ("信息公开", Filler(F::Plain)),
        ("共计", Filler(F::Total)),
        ("合计", Filler(F::Total)),
        ("总计", Filler(F::Total)),
        ("累计", Filler(F::Total)),
        ("总共", Filler(F::Total)),
        ("一共", Filler(F::Total)),
        ("共有", Filler(F::Total)),
        ("共", Filler(F::Total)),
        ("各类", Filler(F::Every)),
        ("所有", Filler(F::Every)),
        ("继续办理", Filler(F::Plain)),
        ("全年", Filler(F::Plain)),
        ("本年度", Filler(F::Plain)),
        ("本年", Filler(F::Plain)),
        ("年度内", Filler(F::Plain)),
        ("当年", Filler(F::Plain)),
        ("今年", Filler(F::Plain)),
        ("案件", Filler(F::Plain)),
        ("件数", Filler(F::Plain)),
        ("数量", Filler(F::Plain)),
        ("总数", Filler(F::Plain)),
        ("事项", Filler(F::Plain)),
        ("涉及", Filler(F::Plain)),
        ("工作", Filler(F::Plain)),
        ("提起", Filler(F::Plain)),
        ("依法", Filler(F::Plain)),
        ("按期", Filler(F::Plain)),
        ("达到", Filler(F::Plain)),
        ("结果", Filler(F::Plain)),
        ("的", Filler(F::Plain)),
        ("有", Filler(F::Plain)),
        ("为", Filler(F::Plain)),
        ("是", Filler(F::Plain)),
        ("了", Filler(F::Plain)),
        ("数", Filler(F::Plain)),
        ("类", Filler(F::Plain)),
        ("达", Filler(F::Plain)),
        ("计", Filler(F::Plain)),
        ("案", Filler(F::Plain)),
        ("其中", Among),
        ("以及", Conj),
        ("并", Conj),
        ("和", Conj),
        ("及", Conj),
        ("与", Conj),
        ("或", Conj),
    ]
}

/// Lexicon entries by first character, sorted by that character; each
/// character's entries longest first.
type Index = Vec<(char, Vec<(Vec<char>, Word)>)>;

/// The lexicon entries by first character, longest first.
fn index() -> &'static Index {
    static INDEX: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map: Index = Vec::new();
        for (w, kind) in lexicon() {
            let chars: Vec<char> = w.chars().collect();
            let Some(&first) = chars.first() else {
                continue;
            };
            match map.binary_search_by_key(&first, |e| e.0) {
                Ok(i) => map[i].1.push((chars, *kind)),
                Err(i) => map.insert(i, (first, vec![(chars, *kind)])),
            }
        }
        for (_, v) in map.iter_mut() {
            v.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        }
        map
    })
}

/// Which characters of the Basic Multilingual Plane begin a lexicon entry.
fn first_chars() -> &'static [u64] {
    static BITS: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    BITS.get_or_init(|| {
        let mut bits = vec![0u64; 1024];
        for (c, _) in index() {
            let n = *c as usize;
            if n < 65536 {
                bits[n / 64] |= 1 << (n % 64);
            }
        }
        bits
    })
}

/// The entries starting with `c`.
fn entries(c: char) -> Option<&'static [(Vec<char>, Word)]> {
    let n = c as usize;
    if n < 65536 && first_chars()[n / 64] & (1 << (n % 64)) == 0 {
        return None;
    }
    let index = index();
    index
        .binary_search_by_key(&c, |e| e.0)
        .ok()
        .map(|i| index[i].1.as_slice())
}

fn is_ascii_or_wide_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A structural match for the forms of 结转下年度 (结转/顺延/转入/转 +
/// 至/到/入 + 下(一)年(度)) and 上年结转 (上(一)年(度)/去年/往年 + 结转/转结;
/// 结转上年(度)). Returns the length in chars.
fn match_carry(chars: &[char], i: usize) -> Option<(usize, RowWord)> {
    let at = |k: usize| chars.get(i + k).copied();
    let starts = |k: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(j, c)| chars.get(i + k + j) == Some(&c))
    };
    // 下(一)年(度) or 上(一)年(度) at k: its length.
    let year_word = |k: usize, first: char| -> Option<usize> {
        if at(k) != Some(first) {
            return None;
        }
        let mut n = 1;
        if at(k + n) == Some('一') {
            n += 1;
        }
        if at(k + n) != Some('年') {
            return None;
        }
        n += 1;
        if at(k + n) == Some('度') {
            n += 1;
        }
        Some(n)
    };
    let next_year = |k: usize| year_word(k, '下');
    // 上(一)年(度) / 去年 / 往年 at k.
    let last_year = |k: usize| -> Option<usize> {
        if starts(k, "去年") || starts(k, "往年") {
            return Some(2);
        }
        year_word(k, '上')
    };
    for verb in ["结转", "顺延", "转入", "延续", "转至", "转到", "延至", "转"] {
        if starts(0, verb) {
            let mut k = verb.chars().count();
            if matches!(at(k), Some('至' | '到' | '入')) {
                k += 1;
            }
            if let Some(n) = next_year(k) {
                return Some((k + n, RowWord::Forward));
            }
            if verb == "结转" {
                if let Some(n) = last_year(k) {
                    return Some((k + n, RowWord::Carried));
                }
            }
        }
    }
    if let Some(n) = last_year(0) {
        for verb in ["结转", "转结", "结余", "遗留"] {
            if starts(n, verb) {
                return Some((n + 2, RowWord::Carried));
            }
        }
    }
    None
}

/// Tokenise `text[span]`.
pub fn lex(text: &str, span: Span) -> Vec<Tok> {
    let base = span.start;
    let s = &text[span];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let cs: Vec<char> = chars.iter().map(|&(_, c)| c).collect();
    let end_of = |k: usize| -> usize { chars.get(k).map_or(s.len(), |&(b, _)| b) + base };
    let mut out: Vec<Tok> = Vec::with_capacity(cs.len() / 4 + 4);
    let mut i = 0;
    // Whether the last token is a run of ordinary characters to extend.
    let mut merge_other = false;
    while i < cs.len() {
        let c = cs[i];
        let start = end_of(i);
        if !matches!(out.last().map(|t| &t.kind), Some(TokKind::Other)) {
            merge_other = false;
        }
        // Numbers: digits (either width), grouped with ',' and with a
        // decimal point; or Chinese numerals directly before a unit.
        if is_ascii_or_wide_digit(c) {
            let mut j = i;
            let mut value: f64 = 0.0;
            let mut fullwidth = false;
            while j < cs.len() {
                if is_ascii_or_wide_digit(cs[j]) {
                    fullwidth |= !cs[j].is_ascii_digit();
                    value = value * 10.0 + arabic_digit(cs[j]).unwrap_or(0) as f64;
                    j += 1;
                } else if cs[j] == ','
                    && j + 3 < cs.len() + 1
                    && (1..=3).all(|d| cs.get(j + d).is_some_and(|c| c.is_ascii_digit()))
                    && !cs.get(j + 4).is_some_and(|c| c.is_ascii_digit())
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let mut decimals = 0u8;
            if j + 1 < cs.len() && matches!(cs[j], '.' | '．') && is_ascii_or_wide_digit(cs[j + 1])
            {
                j += 1;
                let mut scale = 0.1;
                while j < cs.len() && is_ascii_or_wide_digit(cs[j]) {
                    value += arabic_digit(cs[j]).unwrap_or(0) as f64 * scale;
                    scale /= 10.0;
                    decimals = decimals.saturating_add(1);
                    j += 1;
                }
            }
            out.push(Tok {
                kind: TokKind::Num(NumTok {
                    value,
                    decimals,
                    chinese: false,
                    fullwidth,
                }),
                span: start..end_of(j),
            });
            i = j;
            i = lex_unit(&cs, i, &end_of, &mut out);
            continue;
        }
        if is_count_numeral_char(c) {
            let mut j = i;
            while j < cs.len() && is_count_numeral_char(cs[j]) {
                j += 1;
            }
            let mut k = j;
            while k < cs.len() && cs[k] == ' ' {
                k += 1;
            }
            let before_unit = matches!(cs.get(k), Some('件' | '宗' | '起'));
            let word: String = cs[i..j].iter().collect();
            if before_unit && word != "零" && word != "〇" {
                if let Some(v) = crate::report::cell::chinese_numeral(&word) {
                    out.push(Tok {
                        kind: TokKind::Num(NumTok {
                            value: v as f64,
                            decimals: 0,
                            chinese: true,
                            fullwidth: false,
                        }),
                        span: start..end_of(j),
                    });
                    i = lex_unit(&cs, j, &end_of, &mut out);
                    continue;
                }
            }
        }
        let carry = if matches!(c, '结' | '顺' | '转' | '延' | '上' | '去' | '往') {
            match_carry(&cs, i)
        } else {
            None
        };
        if let Some((n, w)) = carry {
            out.push(Tok {
                kind: TokKind::Word(Word::Row(w)),
                span: start..end_of(i + n),
            });
            i += n;
            continue;
        }
        if let Some(entries) = entries(c) {
            if let Some((w, kind)) = entries
                .iter()
                .find(|(w, _)| cs.get(i..i + w.len()) == Some(w.as_slice()))
            {
                out.push(Tok {
                    kind: TokKind::Word(*kind),
                    span: start..end_of(i + w.len()),
                });
                i += w.len();
                continue;
            }
        }
        let kind = match c {
            ' ' | '\t' | '\u{3000}' | '\u{a0}' | '\n' | '\r' => TokKind::Space,
            '（' | '(' => TokKind::Open,
            '）' | ')' => TokKind::Close,
            '，' | ',' | '、' | '：' | ':' => TokKind::Comma(c),
            '。' | '；' | ';' | '！' | '？' | '!' | '?' => TokKind::Stop,
            _ => TokKind::Other,
        };
        let end = end_of(i + 1);
        // Runs of ordinary characters make one token; the characters the
        // extractor looks at one by one stand alone.
        if kind == TokKind::Other && !stands_alone(c) {
            if merge_other {
                if let Some(last) = out.last_mut() {
                    last.span.end = end;
                    i += 1;
                    continue;
                }
            }
            merge_other = true;
        } else {
            merge_other = false;
        }
        out.push(Tok {
            kind,
            span: start..end,
        });
        i += 1;
    }
    out
}

/// Characters that are tokens of their own even among other text: quotation
/// marks, the words that make a number approximate or not the year's
/// (约, 余, 每 …), and the first characters of the phrases that imply a
/// number (均获维持, 未发生, 无, 零 …).
fn stands_alone(c: char) -> bool {
    matches!(
        c,
        '“' | '”'
            | '‘'
            | '’'
            | '《'
            | '》'
            | '「'
            | '」'
            | '『'
            | '』'
            | '"'
            | '约'
            | '近'
            | '超'
            | '逾'
            | '过'
            | '余'
            | '多'
            | '左'
            | '以'
            | '每'
            | '这'
            | '那'
            | '此'
            | '该'
            | '某'
            | '同'
            | '哪'
            | '任'
            | '几'
            | '数'
            | '均'
            | '全'
            | '都'
            | '未'
            | '没'
            | '不'
            | '无'
            | '零'
            | '被'
            | '占'
    )
}

/// After a number at `i`: the unit, if any (spaces allowed before it).
fn lex_unit(cs: &[char], i: usize, end_of: &dyn Fn(usize) -> usize, out: &mut Vec<Tok>) -> usize {
    let mut k = i;
    while k < cs.len() && cs[k] == ' ' {
        k += 1;
    }
    let (unit, len) = match cs.get(k) {
        Some('件' | '宗' | '起') => (Unit::Count, 1),
        Some('%' | '％') => (Unit::Percent, 1),
        Some('元') => (Unit::Money, 1),
        Some('万') if cs.get(k + 1) == Some(&'元') => (Unit::Money, 2),
        Some('余' | '多' | '万' | '千' | '百' | '亿') => (Unit::Approx, 1),
        _ => return i,
    };
    out.push(Tok {
        kind: TokKind::Unit(unit),
        span: end_of(k)..end_of(k + len),
    });
    k + len
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<TokKind> {
        lex(s, 0..s.len())
            .into_iter()
            .map(|t| t.kind)
            .filter(|k| *k != TokKind::Space)
            .collect()
    }

    #[test]
    fn numbers_and_units() {
        let k = kinds("受理申请１２件，占33.9%");
        assert_eq!(k[0], TokKind::Word(Word::Row(RowWord::Received)));
        assert!(matches!(k[2], TokKind::Num(n) if n.value == 12.0 && n.fullwidth));
        assert_eq!(k[3], TokKind::Unit(Unit::Count));
        assert!(matches!(k[6], TokKind::Num(n) if n.decimals == 1));
        assert_eq!(k[7], TokKind::Unit(Unit::Percent));
        let k = kinds("六件");
        assert!(matches!(k[0], TokKind::Num(n) if n.value == 6.0 && n.chinese));
        // No number in 统一; ordinary characters make one token.
        let k = kinds("统一受理");
        assert_eq!(k.len(), 2);
        assert_eq!(k[1], TokKind::Word(Word::Row(RowWord::Received)));
    }

    #[test]
    fn carry_words() {
        for (s, w) in [
            ("结转下年度", RowWord::Forward),
            ("顺延到下年度", RowWord::Forward),
            ("结转下一年", RowWord::Forward),
            ("转下一年度", RowWord::Forward),
            ("上年结转", RowWord::Carried),
            ("上年度结转", RowWord::Carried),
            ("结转上一年度", RowWord::Carried),
        ] {
            assert_eq!(kinds(s)[0], TokKind::Word(Word::Row(w)), "{s}");
        }
    }
}
