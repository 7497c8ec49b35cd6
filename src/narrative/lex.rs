//! Prose → tokens: numbers with their units, the words that name what a
//! number counts, the filler words that may stand between the two, and the
//! punctuation that ends a clause.
//!
//! The lexicon is small and closed on purpose: a number is only tied to a
//! table cell when everything between the subject word and the number is a
//! known filler word, so unknown wording leaves a number untied (silent)
//! rather than tied to the wrong cell.

use crate::diagnostic::Span;
use crate::law::numerals::is_count_numeral_char;

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
type Index = Vec<(char, Vec<(&'static str, Word)>)>;

/// Every character `lex` may do something with besides adding it to a run
/// of ordinary text (digits, numerals, the first characters of carry
/// phrases, punctuation and spaces, those that stand alone); the lexicon's
/// first characters are added to these. A unit test checks the list
/// against the tests `lex` makes of a character.
const SPECIAL: &str = "0123456789０１２３４５６７８９〇零一二两三四五六七八九十百千万\
    结顺转延上去往 \t\u{3000}\u{a0}\n\r（(）)，,、：:。；;！？!?\
    “”‘’《》「」『』\"约近超逾过余多左以每这那此该某同哪任几数均全都未没不无零被占";

/// The lexicon by first character, and what each character of the Basic
/// Multilingual Plane is to `lex`, so that one look-up answers both whether
/// a character is ordinary text and which entries begin with it.
struct Table {
    index: Index,
    /// Per character: `PLAIN`, `SPECIAL_ONLY`, or 1 + its place in `index`.
    classes: Vec<u16>,
}

/// A character that only extends a run of ordinary text.
const PLAIN: u16 = 0;
/// A character in `SPECIAL` that begins no lexicon entry.
const SPECIAL_ONLY: u16 = u16::MAX;

fn table() -> &'static Table {
    static TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut index: Index = Vec::new();
        for &(w, kind) in lexicon() {
            let Some(first) = w.chars().next() else {
                continue;
            };
            match index.binary_search_by_key(&first, |e| e.0) {
                Ok(i) => index[i].1.push((w, kind)),
                Err(i) => index.insert(i, (first, vec![(w, kind)])),
            }
        }
        for (_, v) in index.iter_mut() {
            v.sort_by_key(|e| std::cmp::Reverse(e.0.chars().count()));
        }
        let mut classes = vec![PLAIN; 65536];
        for c in SPECIAL.chars() {
            if let Some(class) = classes.get_mut(c as usize) {
                *class = SPECIAL_ONLY;
            }
        }
        for (k, (c, _)) in index.iter().enumerate() {
            if let (Some(class), Ok(slot)) = (classes.get_mut(*c as usize), u16::try_from(k + 1)) {
                *class = slot;
            }
        }
        Table { index, classes }
    })
}

impl Table {
    /// `c`'s class (see `classes`); outside the Basic Multilingual Plane
    /// every character is left to the general path.
    fn class(&self, c: char) -> u16 {
        self.classes
            .get(c as usize)
            .copied()
            .unwrap_or(SPECIAL_ONLY)
    }

    /// Whether `c` can only extend a run of ordinary text: most characters
    /// of prose are, and one look-up spares them the tests of every rule.
    fn is_plain(&self, c: char) -> bool {
        self.class(c) == PLAIN
    }

    /// The entries starting with `c`.
    fn entries(&self, c: char) -> Option<&[(&'static str, Word)]> {
        match self.class(c) {
            PLAIN | SPECIAL_ONLY => None,
            slot => self
                .index
                .get(usize::from(slot) - 1)
                .map(|e| e.1.as_slice()),
        }
    }

    /// The longest lexicon entry at byte `i` of `b`, which begins with `c`.
    fn word_at(&self, b: &[u8], i: usize, c: char) -> Option<(&'static str, Word)> {
        // Every entry found begins with `c`: compare only what follows it.
        let skip = c.len_utf8();
        let rest = b.get(i + skip..)?;
        self.entries(c)?
            .iter()
            .find(|(w, _)| {
                let tail = w.as_bytes().get(skip..).unwrap_or_default();
                rest.get(..tail.len())
                    .is_some_and(|r| r.iter().zip(tail).all(|(x, y)| x == y))
            })
            .copied()
    }
}

/// Whether a carry phrase (结转下年度, 上年结转 …) may begin with `c`.
fn may_start_carry(c: char) -> bool {
    matches!(c, '结' | '顺' | '转' | '延' | '上' | '去' | '往')
}

/// The token a character other than a number or word makes.
fn punctuation(c: char) -> TokKind {
    match c {
        ' ' | '\t' | '\u{3000}' | '\u{a0}' | '\n' | '\r' => TokKind::Space,
        '（' | '(' => TokKind::Open,
        '）' | ')' => TokKind::Close,
        '，' | ',' | '、' | '：' | ':' => TokKind::Comma(c),
        '。' | '；' | ';' | '！' | '？' | '!' | '?' => TokKind::Stop,
        _ => TokKind::Other,
    }
}

/// Whether `b[i..]` begins with `w` (false past the end).
fn has(b: &[u8], i: usize, w: &str) -> bool {
    b.get(i..).is_some_and(|r| r.starts_with(w.as_bytes()))
}

/// The first of `words` that `b[i..]` begins with: its length in bytes.
fn any_at(b: &[u8], i: usize, words: &[&str]) -> Option<usize> {
    words.iter().find(|w| has(b, i, w)).map(|w| w.len())
}

/// The character at byte `i` (a character boundary) of `s`.
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..)?.chars().next()
}

/// The digit (ASCII or full-width) at byte `i`: its value, its length in
/// bytes and whether it is full-width.
fn digit_at(b: &[u8], i: usize) -> Option<(u8, usize, bool)> {
    match b.get(i..)? {
        [d @ b'0'..=b'9', ..] => Some((d - b'0', 1, false)),
        // '０'..='９' are U+FF10..=U+FF19, encoded EF BC 90..=99.
        [0xEF, 0xBC, d @ 0x90..=0x99, ..] => Some((d - 0x90, 3, true)),
        _ => None,
    }
}

/// A structural match for the forms of 结转下年度 (结转/顺延/转入/转 +
/// 至/到/入 + 下(一)年(度)) and 上年结转 (上(一)年(度)/去年/往年 + 结转/转结;
/// 结转上年(度)) at byte `i` of `b`. Returns the length in bytes.
fn match_carry(b: &[u8], i: usize) -> Option<(usize, RowWord)> {
    let starts = |k: usize, w: &str| has(b, i + k, w);
    // 下(一)年(度) or 上(一)年(度) at k: its length.
    let year_word = |k: usize, first: &str| -> Option<usize> {
        if !starts(k, first) {
            return None;
        }
        let mut n = first.len();
        if starts(k + n, "一") {
            n += "一".len();
        }
        if !starts(k + n, "年") {
            return None;
        }
        n += "年".len();
        if starts(k + n, "度") {
            n += "度".len();
        }
        Some(n)
    };
    let next_year = |k: usize| year_word(k, "下");
    // 上(一)年(度) / 去年 / 往年 at k.
    let last_year = |k: usize| -> Option<usize> {
        any_at(b, i + k, &["去年", "往年"]).or_else(|| year_word(k, "上"))
    };
    for verb in ["结转", "顺延", "转入", "延续", "转至", "转到", "延至", "转"] {
        if starts(0, verb) {
            let mut k = verb.len();
            k += any_at(b, i + k, &["至", "到", "入"]).unwrap_or(0);
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
        if let Some(len) = any_at(b, i + n, &["结转", "转结", "结余", "遗留"]) {
            return Some((n + len, RowWord::Carried));
        }
    }
    None
}

/// Tokenise `text[span]`. Works on the bytes of the text (no per-sentence
/// character vectors): offsets are byte offsets throughout.
pub fn lex(text: &str, span: Span) -> Vec<Tok> {
    let base = span.start;
    let s = &text[span];
    let b = s.as_bytes();
    let table = table();
    // About one token in two characters of three bytes: growing the vector
    // costs more than a larger first allocation.
    let mut out: Vec<Tok> = Vec::with_capacity(b.len() / 6 + 4);
    let mut i = 0;
    // Whether the last token is a run of ordinary characters to extend.
    let mut merge_other = false;
    while let Some(c) = char_at(s, i) {
        let start = base + i;
        if !matches!(out.last().map(|t| &t.kind), Some(TokKind::Other)) {
            merge_other = false;
        }
        if table.is_plain(c) {
            let rest = s.get(i..).unwrap_or_default();
            let j = i + rest
                .char_indices()
                .find(|&(_, d)| !table.is_plain(d))
                .map_or(rest.len(), |(k, _)| k);
            match out.last_mut() {
                Some(last) if merge_other => last.span.end = base + j,
                _ => {
                    out.push(Tok {
                        kind: TokKind::Other,
                        span: start..base + j,
                    });
                    merge_other = true;
                }
            }
            i = j;
            continue;
        }
        // Numbers: digits (either width), grouped with ',' and with a
        // decimal point; or Chinese numerals directly before a unit.
        if digit_at(b, i).is_some() {
            let mut j = i;
            let mut value: f64 = 0.0;
            let mut fullwidth = false;
            loop {
                if let Some((d, len, wide)) = digit_at(b, j) {
                    fullwidth |= wide;
                    value = value * 10.0 + d as f64;
                    j += len;
                } else if b.get(j) == Some(&b',')
                    && b.get(j + 1..j + 4)
                        .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
                    && !b.get(j + 4).is_some_and(u8::is_ascii_digit)
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let mut decimals = 0u8;
            if let Some(point) = any_at(b, j, &[".", "．"]) {
                if digit_at(b, j + point).is_some() {
                    j += point;
                    let mut scale = 0.1;
                    while let Some((d, len, _)) = digit_at(b, j) {
                        value += d as f64 * scale;
                        scale /= 10.0;
                        decimals = decimals.saturating_add(1);
                        j += len;
                    }
                }
            }
            out.push(Tok {
                kind: TokKind::Num(NumTok {
                    value,
                    decimals,
                    chinese: false,
                    fullwidth,
                }),
                span: start..base + j,
            });
            i = lex_unit(b, j, base, &mut out);
            continue;
        }
        if is_count_numeral_char(c) {
            let mut j = i;
            while let Some(d) = char_at(s, j).filter(|&d| is_count_numeral_char(d)) {
                j += d.len_utf8();
            }
            let mut k = j;
            while b.get(k) == Some(&b' ') {
                k += 1;
            }
            let before_unit = any_at(b, k, &["件", "宗", "起"]).is_some();
            let word = &s[i..j];
            if before_unit && word != "零" && word != "〇" {
                if let Some(v) = crate::report::cell::chinese_numeral(word) {
                    out.push(Tok {
                        kind: TokKind::Num(NumTok {
                            value: v as f64,
                            decimals: 0,
                            chinese: true,
                            fullwidth: false,
                        }),
                        span: start..base + j,
                    });
                    i = lex_unit(b, j, base, &mut out);
                    continue;
                }
            }
        }
        let carry = if may_start_carry(c) {
            match_carry(b, i)
        } else {
            None
        };
        if let Some((n, w)) = carry {
            out.push(Tok {
                kind: TokKind::Word(Word::Row(w)),
                span: start..start + n,
            });
            i += n;
            continue;
        }
        if let Some((w, kind)) = table.word_at(b, i, c) {
            out.push(Tok {
                kind: TokKind::Word(kind),
                span: start..start + w.len(),
            });
            i += w.len();
            continue;
        }
        let kind = punctuation(c);
        let end = start + c.len_utf8();
        // Runs of ordinary characters make one token; the characters the
        // extractor looks at one by one stand alone.
        if kind == TokKind::Other && !stands_alone(c) {
            if merge_other {
                if let Some(last) = out.last_mut() {
                    last.span.end = end;
                    i += c.len_utf8();
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
        i += c.len_utf8();
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

/// The units a number may have, in the order they are tried (万元 before
/// 万).
const UNITS: &[(&str, Unit)] = &[
    ("件", Unit::Count),
    ("宗", Unit::Count),
    ("起", Unit::Count),
    ("%", Unit::Percent),
    ("％", Unit::Percent),
    ("元", Unit::Money),
    ("万元", Unit::Money),
    ("余", Unit::Approx),
    ("多", Unit::Approx),
    ("万", Unit::Approx),
    ("千", Unit::Approx),
    ("百", Unit::Approx),
    ("亿", Unit::Approx),
];

/// After a number ending at byte `i`: the unit, if any (spaces allowed
/// before it). Returns where lexing goes on.
fn lex_unit(b: &[u8], i: usize, base: usize, out: &mut Vec<Tok>) -> usize {
    let mut k = i;
    while b.get(k) == Some(&b' ') {
        k += 1;
    }
    let Some(&(w, unit)) = UNITS.iter().find(|(w, _)| has(b, k, w)) else {
        return i;
    };
    out.push(Tok {
        kind: TokKind::Unit(unit),
        span: base + k..base + k + w.len(),
    });
    k + w.len()
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
    fn plain_characters_need_no_other_test() {
        let table = table();
        let is_plain = |c| table.is_plain(c);
        for c in (0..65536u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_plain(c))
        {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            assert!(digit_at(b, 0).is_none(), "{c:?}");
            assert!(!is_count_numeral_char(c), "{c:?}");
            assert!(!may_start_carry(c), "{c:?}");
            assert!(table.entries(c).is_none(), "{c:?}");
            assert_eq!(punctuation(c), TokKind::Other, "{c:?}");
            assert!(!stands_alone(c), "{c:?}");
        }
        assert!(
            is_plain('统')
                && !is_plain('政')
                && !is_plain('申')
                && !is_plain('的')
                && !is_plain('无')
        );
    }

    #[test]
    fn byte_spans() {
        // Full-width digits are three bytes each; the unit follows them.
        let s = "共１２件，";
        let t = lex(s, 0..s.len());
        assert_eq!(t[1].span, 3..9);
        assert_eq!(t[2].kind, TokKind::Unit(Unit::Count));
        assert_eq!(t[2].span, 9..12);
        // A sentence that ends in a number, lexed at an offset.
        let s = "前文。受理12.5";
        let from = "前文。".len();
        let t = lex(s, from..s.len());
        assert!(matches!(t[1].kind, TokKind::Num(n) if n.value == 12.5 && n.decimals == 1));
        assert_eq!(t[1].span, from + 6..s.len());
        // A full-width decimal point; a point with no digit after it.
        let t = lex("３．５%", 0.."３．５%".len());
        assert!(matches!(t[0].kind, TokKind::Num(n) if n.value == 3.5 && n.fullwidth));
        assert_eq!(t[1].span, 9..10);
        let k = kinds("7．");
        assert!(matches!(k[0], TokKind::Num(n) if n.value == 7.0 && n.decimals == 0));
        assert_eq!(k[1], TokKind::Other);
        // Grouping commas only before exactly three digits.
        assert!(matches!(kinds("1,234件")[0], TokKind::Num(n) if n.value == 1234.0));
        assert!(matches!(kinds("1,2345件")[0], TokKind::Num(n) if n.value == 1.0));
        // Chinese numerals before 件 (spaces allowed); 零 alone is no count.
        let t = lex("十二 件", 0.."十二 件".len());
        assert!(matches!(t[0].kind, TokKind::Num(n) if n.value == 12.0 && n.chinese));
        assert_eq!(t[0].span, 0..6);
        assert_eq!(t[1].span, 7..10);
        assert!(!matches!(kinds("零件")[0], TokKind::Num(_)));
        // 万元 is money, 万 alone approximate.
        assert_eq!(kinds("5万元")[1], TokKind::Unit(Unit::Money));
        assert_eq!(kinds("5万人")[1], TokKind::Unit(Unit::Approx));
        // Text cut inside a carry phrase or a lexicon word.
        assert_eq!(kinds("结转下"), [TokKind::Other]);
        // 以 stands alone (以上, 以下 make a number approximate).
        assert_eq!(
            kinds("予以公"),
            [TokKind::Other, TokKind::Other, TokKind::Other]
        );
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
