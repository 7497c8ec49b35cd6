//! Citations of the 条例 in a report's text, and whether they exist.
//!
//! Reports cite in many ways: `第二十条第（五）项`, `第二十条第(五)项`,
//! `第二十条第五项`, `第五十条第一款第（四）项`, `《条例》第五十条`,
//! `条例第十四条`, Arabic `第36条`, lists `第十四条、第十五条`,
//! `第十四、十五、十六条`, ranges `第十四至十六条`, item lists
//! `第二十条第（一）、（五）项` and continuations `第三条第二款、第三款`.
//! Citations right after another law's title (`《立法法》第七十二条`) or a
//! document number (`〔2019〕60号第三条`) are not the 条例's and are skipped.

use super::numerals::{arabic_digit, is_chinese_numeral_char, parse_chinese, to_chinese};
use super::{article, citation_label, ARTICLE_COUNT};
use std::ops::Range;

/// A citation of the 条例 found in text, with its exact byte span.
///
/// For a single citation the span covers all of it (`第二十条第（五）项`).
/// Lists share their words, so each member covers its own part:
/// `第十四、十五条` gives `第十四` and `十五条`; `第二十条第（一）、（五）项`
/// gives `第二十条第（一）` and `（五）项`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub span: Range<usize>,
    pub article: u32,
    /// 1-based 款.
    pub paragraph: Option<u32>,
    /// 1-based 项.
    pub item: Option<u32>,
}

impl Citation {
    /// How the citation is written in the canonical form.
    pub fn label(&self) -> String {
        citation_label(self.article, self.paragraph, self.item)
    }
}

/// Why a citation does not exist in the 2019 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CitationProblem {
    /// L-1: the article number is not 1..=56.
    NoSuchArticle,
    /// L-3: the article (has only `paragraphs` 款).
    NoSuchParagraph { paragraphs: usize },
    /// L-2: the item number is beyond the `items` listed.
    NoSuchItem { items: usize },
    /// L-2: the article (or the cited 款) lists no items at all.
    NoItems,
}

impl CitationProblem {
    /// A Chinese sentence naming the problem with `c`, e.g.
    /// `第二十条只有 15 项，没有第（十六）项`.
    pub fn message(&self, c: &Citation) -> String {
        let art = super::article_label(c.article);
        let holder = match c.paragraph {
            Some(p) => format!("{art}第{}款", to_chinese(p)),
            None => art.clone(),
        };
        match *self {
            CitationProblem::NoSuchArticle => {
                format!("《条例》只有 {ARTICLE_COUNT} 条，没有{art}")
            }
            CitationProblem::NoSuchParagraph { paragraphs } => format!(
                "{art}只有 {paragraphs} 款，没有第{}款",
                to_chinese(c.paragraph.unwrap_or(0))
            ),
            CitationProblem::NoSuchItem { items } => format!(
                "{holder}只有 {items} 项，没有第（{}）项",
                to_chinese(c.item.unwrap_or(0))
            ),
            CitationProblem::NoItems => format!("{holder}没有列举的项"),
        }
    }
}

/// Check a citation against the 2019 text (invariants L-1, L-2, L-3).
pub fn validate(c: &Citation) -> Result<(), CitationProblem> {
    let a = article(c.article).ok_or(CitationProblem::NoSuchArticle)?;
    let items = match c.paragraph {
        Some(p) => {
            let para = usize::try_from(p)
                .ok()
                .and_then(|p| p.checked_sub(1))
                .and_then(|i| a.paragraphs.get(i))
                .ok_or(CitationProblem::NoSuchParagraph {
                    paragraphs: a.paragraphs.len(),
                })?;
            &para.items[..]
        }
        None => a.items(),
    };
    if let Some(i) = c.item {
        if items.is_empty() {
            return Err(CitationProblem::NoItems);
        }
        if i == 0 || i as usize > items.len() {
            return Err(CitationProblem::NoSuchItem { items: items.len() });
        }
    }
    Ok(())
}

/// Every citation of the 条例 in `text`, in order.
pub fn find_citations(text: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    let mut pos = 0;
    // End of the last citation group and whether it was another law's.
    let mut last: Option<(usize, bool)> = None;
    // memmem looks for the whole character: `str::find` would stop at every
    // byte 0xAC, the last byte of 第 and of many other CJK characters.
    let di = memchr::memmem::Finder::new("第");
    while let Some(off) = di.find(&text.as_bytes()[pos..]) {
        let start = pos + off;
        let mut cur = Cursor {
            s: text,
            pos: start,
        };
        let Some(group) = parse_group(&mut cur) else {
            pos = start + '第'.len_utf8();
            continue;
        };
        let foreign = match context_before(text, start) {
            Before::Tiaoli => false,
            Before::Foreign => true,
            Before::Connector(end) => match last {
                Some((last_end, f)) if last_end == end => f,
                _ => false,
            },
            Before::Other => false,
        };
        last = Some((cur.pos, foreign));
        if !foreign {
            out.extend(group);
        }
        pos = cur.pos;
    }
    out
}

/// Parse the argument of `gongkai article`: `20`, `20.5` (article 20 item
/// 5), `50.1.4` (article 50, 款 1, item 4), `第二十条`, `第二十条第（五）项`,
/// `《条例》第五十条第一款`.
pub fn parse_reference(s: &str) -> Option<(u32, Option<u32>, Option<u32>)> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.chars()
        .all(|c| arabic_digit(c).is_some() || c == '.' || c == '．')
    {
        let parts: Vec<u32> = s
            .split(['.', '．'])
            .map(|p| {
                p.chars()
                    .try_fold(0u32, |n, c| {
                        n.checked_mul(10)?.checked_add(arabic_digit(c)?)
                    })
                    .filter(|_| !p.is_empty())
            })
            .collect::<Option<_>>()?;
        return match parts[..] {
            [a] => Some((a, None, None)),
            [a, i] => Some((a, None, Some(i))),
            [a, p, i] => Some((a, Some(p), Some(i))),
            _ => None,
        };
    }
    let mut cur = Cursor { s, pos: 0 };
    cur.skip_tiaoli_title();
    let start = cur.pos;
    let group = parse_group(&mut cur)?;
    if group.len() != 1 || cur.pos != s.len() || group[0].span.start != start {
        return None;
    }
    let c = &group[0];
    Some((c.article, c.paragraph, c.item))
}

/// A citation that looks like the 2007 numbering used with the 2019 text
/// (invariant L-4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OldNumbering {
    /// What the 2007 article was about: `年度报告的公布期限`.
    pub topic: &'static str,
    /// The 2019 citations to use instead, the likeliest first.
    pub replacements: Vec<String>,
}

/// Whether `c` (found in `text`) cites an article by its 2007 number: the
/// words around it speak of what the old article was about and not of what
/// the new article with that number is about.
pub fn old_numbering(text: &str, c: &Citation) -> Option<OldNumbering> {
    // The only 2007 articles told apart below: the sentence around the
    // citation is built for them alone.
    if !matches!((c.article, c.paragraph), (31 | 32 | 21, _) | (14, Some(4))) {
        return None;
    }
    let ctx = sentence_around(text, &c.span);
    let has = |words: &[&str]| words.iter().any(|w| ctx.contains(w));
    let one = |s: &str| vec![s.to_string()];
    let (topic, replacements) = match (c.article, c.paragraph, c.item) {
        (31, _, None)
            if has(&["年度报告", "年报", "1月31日", "3月31日", "公布"])
                && !has(&[
                    "收到申请",
                    "收到政府信息公开申请",
                    "签收",
                    "确认之日",
                    "提交之日",
                ]) =>
        {
            ("年度报告的公布期限", one("第四十九条"))
        }
        (32, _, None)
            if has(&["年度报告", "年报", "编制", "内容"]) && !has(&["第三方", "征求", "意见"]) =>
        {
            ("年度报告的内容", one("第五十条"))
        }
        (21, _, item)
            if has(&["答复", "申请"])
                && !has(&[
                    "主动公开涉及",
                    "市政建设",
                    "公益事业",
                    "土地征收",
                    "房屋征收",
                    "治安管理",
                    "社会救助",
                    "乡(镇)",
                    "设区的市",
                ]) =>
        {
            let r = match item {
                None => one("第三十六条"),
                Some(1) => vec!["第三十六条第（二）项".into(), "第三十六条第（一）项".into()],
                Some(2) => one("第三十六条第（三）项"),
                Some(3) => vec!["第三十六条第（四）项".into(), "第三十六条第（五）项".into()],
                Some(4) => one("第三十条"),
                Some(_) => one("第三十六条"),
            };
            ("依申请公开的答复", r)
        }
        (14, Some(4), _) => ("不予公开的范围", one("第十四至十六条")),
        _ => return None,
    };
    Some(OldNumbering {
        topic,
        replacements,
    })
}

/// The sentence holding `span`, at most 80 characters either side, in its
/// comparison form (see [`crate::format::labels::normalize`]).
fn sentence_around(text: &str, span: &Range<usize>) -> String {
    const STOPS: [char; 6] = ['。', '！', '？', '；', '\n', ';'];
    let before: String = text[..span.start]
        .chars()
        .rev()
        .take_while(|c| !STOPS.contains(c))
        .take(80)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text[span.end..]
        .chars()
        .take_while(|c| !STOPS.contains(c))
        .take(80)
        .collect();
    crate::format::labels::normalize(&format!("{before}{}{after}", &text[span.clone()]))
}

/// What comes right before a citation.
enum Before {
    /// 《条例》, 《中华人民共和国政府信息公开条例》 or bare 条例.
    Tiaoli,
    /// Another law's title or a document number.
    Foreign,
    /// A list connector (、和及或至) ending at the byte before it; the
    /// citation continues whatever ends at that offset.
    Connector(usize),
    Other,
}

fn context_before(text: &str, start: usize) -> Before {
    let mut p = text[..start].trim_end_matches(is_space);
    // 《…条例》（以下简称《条例》）第五十条: step over the parenthesis.
    if p.ends_with(['）', ')']) {
        let mut depth = 0usize;
        let mut cut = None;
        for (i, ch) in p.char_indices().rev() {
            match ch {
                '）' | ')' => depth += 1,
                '（' | '(' => {
                    depth -= 1;
                    if depth == 0 {
                        cut = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        if let Some(i) = cut {
            p = p[..i].trim_end_matches(is_space);
        }
    }
    if let Some(q) = p.strip_suffix('》') {
        let title = match q.rfind('《') {
            Some(i) => &q[i + '《'.len_utf8()..],
            None => q,
        };
        return if is_tiaoli_title(title) {
            Before::Tiaoli
        } else {
            Before::Foreign
        };
    }
    if p.ends_with("条例") {
        return Before::Tiaoli;
    }
    if p.ends_with('号') || p.ends_with("号文") {
        return Before::Foreign;
    }
    for conn in ["以及", "、", "和", "及", "或", "至", "到"] {
        if let Some(q) = p.strip_suffix(conn) {
            return Before::Connector(q.trim_end_matches(is_space).len());
        }
    }
    Before::Other
}

/// `条例`, `政府信息公开条例`, `中华人民共和国政府信息公开条例（2019年修订）`.
fn is_tiaoli_title(title: &str) -> bool {
    let t = crate::format::labels::strip_parenthesized(title);
    let t: String = t.chars().filter(|c| !is_space(*c)).collect();
    let t = t.strip_prefix("中华人民共和国").unwrap_or(&t);
    t == "政府信息公开条例" || t == "条例"
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{3000}' || c == '\u{a0}'
}

struct Cursor<'a> {
    s: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.pos..].chars().next()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn eat_any(&mut self, cs: &[char]) -> bool {
        match self.peek() {
            Some(c) if cs.contains(&c) => {
                self.pos += c.len_utf8();
                true
            }
            _ => false,
        }
    }

    fn eat_str(&mut self, s: &str) -> bool {
        if self.s[self.pos..].starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(is_space) {
            self.pos += self.peek().map_or(0, char::len_utf8);
        }
    }

    /// `《条例》`, `《中华人民共和国政府信息公开条例》`, `条例` at the start.
    fn skip_tiaoli_title(&mut self) {
        let save = self.pos;
        if self.eat('《') {
            match self.s[self.pos..].find('》') {
                Some(i) if is_tiaoli_title(&self.s[self.pos..self.pos + i]) => {
                    self.pos += i + '》'.len_utf8();
                }
                _ => self.pos = save,
            }
        } else {
            self.eat_str("条例");
        }
        self.skip_space();
    }

    /// A number in Chinese (五十六) or Arabic (56, ５６) digits.
    fn number(&mut self) -> Option<u32> {
        let start = self.pos;
        let rest = &self.s[self.pos..];
        if rest.chars().next().and_then(arabic_digit).is_some() {
            let mut n: u32 = 0;
            for c in rest.chars() {
                let Some(d) = arabic_digit(c) else { break };
                n = n.saturating_mul(10).saturating_add(d);
                self.pos += c.len_utf8();
            }
            return Some(n);
        }
        let len: usize = rest
            .chars()
            .take_while(|&c| is_chinese_numeral_char(c))
            .map(char::len_utf8)
            .sum();
        match parse_chinese(&rest[..len]) {
            Some(n) => {
                self.pos += len;
                Some(n)
            }
            None => {
                self.pos = start;
                None
            }
        }
    }

    /// `（五）`, `(五)`, `五`, `(5)`: an item number.
    fn item_number(&mut self) -> Option<u32> {
        let save = self.pos;
        if self.eat_any(&['（', '(']) {
            self.skip_space();
            let n = self.number();
            self.skip_space();
            if n.is_some() && self.eat_any(&['）', ')']) {
                return n;
            }
            self.pos = save;
            return None;
        }
        self.number()
    }

    /// `第一款` → 1.
    fn paragraph(&mut self) -> Option<u32> {
        let save = self.pos;
        if self.eat('第') {
            self.skip_space();
            if let Some(n) = self.number() {
                self.skip_space();
                if self.eat('款') {
                    return Some(n);
                }
            }
        }
        self.pos = save;
        None
    }

    /// `第（一）、（五）项` → the numbers and the end of each one's marker.
    fn items(&mut self) -> Option<Vec<(Range<usize>, u32)>> {
        let save = self.pos;
        if !self.eat('第') {
            return None;
        }
        self.skip_space();
        let mut out = Vec::new();
        loop {
            let start = self.pos;
            let Some(n) = self.item_number() else { break };
            out.push((start..self.pos, n));
            let before_sep = self.pos;
            self.skip_space();
            // Only parenthesised markers form lists: 第（一）、（五）项, and
            // ranges 第（一）至（五）项 (the two ends).
            let paren = self.s[start..].starts_with(['（', '(']);
            if paren && self.eat_any(&['、', '，', ',', '至', '到', '-', '—', '～', '~']) {
                self.skip_space();
                if self.peek().is_some_and(|c| c == '（' || c == '(') {
                    continue;
                }
            }
            self.pos = before_sep;
            break;
        }
        self.skip_space();
        if !out.is_empty() && self.eat('项') {
            return Some(out);
        }
        self.pos = save;
        None
    }

    /// After `条`: `第一款`, `第（五）项`, `第一款第（四）项`, or nothing.
    /// Returns the paragraph and the items with their marker spans.
    fn tail(&mut self) -> (Option<u32>, Vec<(Range<usize>, u32)>) {
        let save = self.pos;
        self.skip_space();
        let paragraph = self.paragraph();
        let after_paragraph = self.pos;
        if paragraph.is_some() {
            self.skip_space();
        }
        if let Some(items) = self.items() {
            return (paragraph, items);
        }
        if paragraph.is_some() {
            self.pos = after_paragraph;
        } else {
            self.pos = save;
        }
        (paragraph, Vec::new())
    }
}

/// Citations sharing one article with given paragraph and items, the
/// first starting at `start`.
fn with_items(
    start: usize,
    end: usize,
    article: u32,
    paragraph: Option<u32>,
    items: Vec<(Range<usize>, u32)>,
    out: &mut Vec<Citation>,
) {
    if items.len() <= 1 {
        out.push(Citation {
            span: start..end,
            article,
            paragraph,
            item: items.first().map(|i| i.1),
        });
        return;
    }
    let last = items.len() - 1;
    for (k, (marker, n)) in items.into_iter().enumerate() {
        let s = if k == 0 { start } else { marker.start };
        let e = if k == last { end } else { marker.end };
        out.push(Citation {
            span: s..e,
            article,
            paragraph,
            item: Some(n),
        });
    }
}

/// Parse a citation group starting at `第`; on success the cursor is after
/// it.
fn parse_group(cur: &mut Cursor) -> Option<Vec<Citation>> {
    let start = cur.pos;
    if !cur.eat('第') {
        return None;
    }
    cur.skip_space();
    // 第十四、十五、十六条 and 第十四至十六条: several numbers, one 条.
    let mut numbers = Vec::new();
    loop {
        let s = cur.pos;
        let Some(n) = cur.number() else {
            cur.pos = start;
            return None;
        };
        numbers.push((s..cur.pos, n));
        let before_sep = cur.pos;
        if cur.eat_any(&['、', '至', '到', '-', '－', '—', '~', '～']) && cur.number().is_some()
        {
            cur.pos = before_sep + cur.s[before_sep..].chars().next().unwrap().len_utf8();
            continue;
        }
        cur.pos = before_sep;
        break;
    }
    cur.skip_space();
    if !cur.eat('条') {
        cur.pos = start;
        return None;
    }
    let mut out = Vec::new();
    if numbers.len() > 1 {
        let last = numbers.len() - 1;
        for (k, (span, n)) in numbers.into_iter().enumerate() {
            let s = if k == 0 { start } else { span.start };
            let e = if k == last { cur.pos } else { span.end };
            out.push(Citation {
                span: s..e,
                article: n,
                paragraph: None,
                item: None,
            });
        }
        return Some(out);
    }
    let article = numbers[0].1;
    let (mut paragraph, items) = cur.tail();
    with_items(start, cur.pos, article, paragraph, items, &mut out);
    // Continuations of the same article: 第三条第二款、第三款;
    // 第二十条第（五）项、第（六）项.
    loop {
        let save = cur.pos;
        cur.skip_space();
        let connected = ["以及", "、", "和", "及", "或", "至", "到"]
            .iter()
            .any(|c| cur.eat_str(c));
        if !connected {
            cur.pos = save;
            break;
        }
        cur.skip_space();
        let s = cur.pos;
        if let Some(p) = cur.paragraph() {
            let after = cur.pos;
            cur.skip_space();
            let items = cur.items().unwrap_or_default();
            if items.is_empty() {
                cur.pos = after;
            }
            paragraph = Some(p);
            with_items(s, cur.pos, article, paragraph, items, &mut out);
        } else if let Some(items) = cur.items() {
            with_items(s, cur.pos, article, paragraph, items, &mut out);
        } else {
            cur.pos = save;
            break;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (cited text, article, paragraph, item) for each citation in `text`.
    fn found(text: &str) -> Vec<(&str, u32, Option<u32>, Option<u32>)> {
        find_citations(text)
            .into_iter()
            .map(|c| (&text[c.span], c.article, c.paragraph, c.item))
            .collect()
    }

    #[test]
    fn item_forms() {
        let t = "依据第二十条第（五）项公开";
        assert_eq!(found(t), [("第二十条第（五）项", 20, None, Some(5))]);
        let c = &find_citations(t)[0];
        assert_eq!(c.span, "依据".len().."依据第二十条第（五）项".len());
        assert_eq!(
            found("第二十条第(五)项"),
            [("第二十条第(五)项", 20, None, Some(5))]
        );
        assert_eq!(
            found("按第二十条第五项规定"),
            [("第二十条第五项", 20, None, Some(5))]
        );
        assert_eq!(
            found("第五十条第一款第（四）项的要求"),
            [("第五十条第一款第（四）项", 50, Some(1), Some(4))]
        );
        assert_eq!(
            found("第三十六条第（三）项"),
            [("第三十六条第（三）项", 36, None, Some(3))]
        );
        assert_eq!(
            found("第二十条 第（ 十五 ）项"),
            [("第二十条 第（ 十五 ）项", 20, None, Some(15))]
        );
    }

    #[test]
    fn titles_and_bare_forms() {
        let t = "根据《条例》第五十条规定";
        assert_eq!(found(t), [("第五十条", 50, None, None)]);
        assert_eq!(
            found("依照《中华人民共和国政府信息公开条例》第三十六条"),
            [("第三十六条", 36, None, None)]
        );
        assert_eq!(
            found("《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条"),
            [("第五十条", 50, None, None)]
        );
        assert_eq!(found("条例第十四条"), [("第十四条", 14, None, None)]);
        assert_eq!(found("按第36条答复"), [("第36条", 36, None, None)]);
        assert_eq!(found("按第３６条答复"), [("第３６条", 36, None, None)]);
        assert_eq!(found("第一百条"), [("第一百条", 100, None, None)]);
        assert_eq!(
            found("第五十条第二款"),
            [("第五十条第二款", 50, Some(2), None)]
        );
    }

    #[test]
    fn lists_and_ranges() {
        assert_eq!(
            found("第十四条、第十五条、第十六条规定"),
            [
                ("第十四条", 14, None, None),
                ("第十五条", 15, None, None),
                ("第十六条", 16, None, None)
            ]
        );
        assert_eq!(
            found("第十四、十五、十六条"),
            [
                ("第十四", 14, None, None),
                ("十五", 15, None, None),
                ("十六条", 16, None, None)
            ]
        );
        assert_eq!(
            found("第十四至十六条"),
            [("第十四", 14, None, None), ("十六条", 16, None, None)]
        );
        assert_eq!(
            found("第十四条至第十六条"),
            [("第十四条", 14, None, None), ("第十六条", 16, None, None)]
        );
        assert_eq!(
            found("第二十条第（一）、（五）、（六）、（八）项"),
            [
                ("第二十条第（一）", 20, None, Some(1)),
                ("（五）", 20, None, Some(5)),
                ("（六）", 20, None, Some(6)),
                ("（八）项", 20, None, Some(8))
            ]
        );
        assert_eq!(
            found("第二十条第（五）项、第（六）项和第（八）项"),
            [
                ("第二十条第（五）项", 20, None, Some(5)),
                ("第（六）项", 20, None, Some(6)),
                ("第（八）项", 20, None, Some(8))
            ]
        );
        assert_eq!(
            found("第五十条第一款第（一）至（五）项"),
            [
                ("第五十条第一款第（一）", 50, Some(1), Some(1)),
                ("（五）项", 50, Some(1), Some(5))
            ]
        );
        assert_eq!(
            found("第二十条第（一）项至第（十五）项"),
            [
                ("第二十条第（一）项", 20, None, Some(1)),
                ("第（十五）项", 20, None, Some(15))
            ]
        );
        assert_eq!(
            found("第三条第二款、第三款"),
            [
                ("第三条第二款", 3, Some(2), None),
                ("第三款", 3, Some(3), None)
            ]
        );
        assert_eq!(
            found("第二十条第（五）项、第二十一条"),
            [
                ("第二十条第（五）项", 20, None, Some(5)),
                ("第二十一条", 21, None, None)
            ]
        );
    }

    #[test]
    fn other_laws_and_documents_are_skipped() {
        assert!(found("《立法法》第七十二条").is_empty());
        assert!(found("根据《中华人民共和国保守国家秘密法》第九条、第十条").is_empty());
        assert!(found("国办公开办函〔2019〕60号第三条").is_empty());
        assert!(found("国务院令第711号").is_empty());
        assert!(found("第一季度、第三项加第四项").is_empty());
        // A new clause starts over: the comma does not carry the other law.
        assert_eq!(
            found("《立法法》第七十二条，第五十条"),
            [("第五十条", 50, None, None)]
        );
        assert_eq!(
            found("《立法法》第七十二条和《条例》第五十条"),
            [("第五十条", 50, None, None)]
        );
        assert_eq!(
            found("《关于施行〈中华人民共和国政府信息公开条例〉若干问题的意见》第三条；条例第三条"),
            [("第三条", 3, None, None)]
        );
    }

    #[test]
    fn validates_l1_l2_l3() {
        let c = |article, paragraph, item| Citation {
            span: 0..0,
            article,
            paragraph,
            item,
        };
        assert_eq!(validate(&c(20, None, Some(5))), Ok(()));
        assert_eq!(validate(&c(20, None, Some(15))), Ok(()));
        assert_eq!(
            validate(&c(20, None, Some(16))),
            Err(CitationProblem::NoSuchItem { items: 15 })
        );
        assert_eq!(
            validate(&c(5, Some(2), None)),
            Err(CitationProblem::NoSuchParagraph { paragraphs: 1 })
        );
        assert_eq!(
            validate(&c(57, None, None)),
            Err(CitationProblem::NoSuchArticle)
        );
        assert_eq!(
            validate(&c(0, None, None)),
            Err(CitationProblem::NoSuchArticle)
        );
        assert_eq!(validate(&c(56, None, None)), Ok(()));
        assert_eq!(
            validate(&c(10, None, Some(2))),
            Err(CitationProblem::NoItems)
        );
        assert_eq!(validate(&c(50, None, Some(4))), Ok(()));
        assert_eq!(validate(&c(50, Some(1), Some(4))), Ok(()));
        assert_eq!(
            validate(&c(50, Some(2), Some(1))),
            Err(CitationProblem::NoItems)
        );
        assert_eq!(validate(&c(4, Some(2), Some(3))), Ok(()));
        assert_eq!(validate(&c(3, Some(4), None)), Ok(()));
        assert_eq!(
            validate(&c(3, Some(5), None)),
            Err(CitationProblem::NoSuchParagraph { paragraphs: 4 })
        );
        assert_eq!(
            validate(&c(36, None, Some(8))),
            Err(CitationProblem::NoSuchItem { items: 7 })
        );
        assert_eq!(
            validate(&c(20, None, Some(0))),
            Err(CitationProblem::NoSuchItem { items: 15 })
        );
        // Both ways of writing 第五十条's items parse to the same citation.
        for t in ["第五十条第四项", "第五十条第（四）项"] {
            let c = &find_citations(t)[0];
            assert_eq!((c.article, c.item), (50, Some(4)));
            assert_eq!(validate(c), Ok(()));
        }
    }

    #[test]
    fn messages() {
        let check = |t: &str| {
            let c = &find_citations(t)[0];
            validate(c).unwrap_err().message(c)
        };
        assert_eq!(check("第一百条"), "《条例》只有 56 条，没有第一百条");
        assert_eq!(
            check("第二十条第（十六）项"),
            "第二十条只有 15 项，没有第（十六）项"
        );
        assert_eq!(check("第五条第二款"), "第五条只有 1 款，没有第二款");
        assert_eq!(check("第十条第（二）项"), "第十条没有列举的项");
        assert_eq!(
            check("第五十条第二款第（一）项"),
            "第五十条第二款没有列举的项"
        );
        assert_eq!(check("第五十七条"), "《条例》只有 56 条，没有第五十七条");
    }

    #[test]
    fn references() {
        assert_eq!(parse_reference("20"), Some((20, None, None)));
        assert_eq!(parse_reference("20.5"), Some((20, None, Some(5))));
        assert_eq!(parse_reference("50.1.4"), Some((50, Some(1), Some(4))));
        assert_eq!(parse_reference("第二十条"), Some((20, None, None)));
        assert_eq!(
            parse_reference("第二十条第（五）项"),
            Some((20, None, Some(5)))
        );
        assert_eq!(
            parse_reference(" 第二十条第(五)项 "),
            Some((20, None, Some(5)))
        );
        assert_eq!(
            parse_reference("《条例》第五十条第一款"),
            Some((50, Some(1), None))
        );
        assert_eq!(parse_reference("第一百条"), Some((100, None, None)));
        for bad in [
            "",
            "20.",
            ".5",
            "1.2.3.4",
            "abc",
            "第二十条abc",
            "第十四、十五条",
        ] {
            assert_eq!(parse_reference(bad), None, "{bad}");
        }
    }

    #[test]
    fn old_numbers() {
        let old = |t: &str| {
            let c = &find_citations(t)[0];
            old_numbering(t, c).map(|o| o.replacements[0].clone())
        };
        assert_eq!(
            old("根据《条例》第三十一条规定，现公布本机关2020年度报告。").as_deref(),
            Some("第四十九条")
        );
        assert_eq!(
            old("按照《条例》第三十二条的要求编制本年度报告。").as_deref(),
            Some("第五十条")
        );
        assert_eq!(
            old("依照第二十一条对申请作出答复。").as_deref(),
            Some("第三十六条")
        );
        assert_eq!(
            old("依据第十四条第四款不予公开。").as_deref(),
            Some("第十四至十六条")
        );
        // The 2019 meaning of the same numbers.
        assert_eq!(old("按第三十一条确定收到申请之日。"), None);
        assert_eq!(old("依第三十二条书面征求第三方意见。"), None);
        assert_eq!(old("第二十一条要求县级人民政府公开土地征收信息。"), None);
        assert_eq!(old("依照第三十六条对申请作出答复。"), None);
        assert_eq!(old("第三十一条第（二）项规定的签收"), None);
    }
}
