//! Title, year, the six sections and the prose between tables.

use super::{Section, Title};
use crate::diagnostic::Span;
use crate::format::{labels, SECTIONS};
use crate::read::{Document, LineKind};

const NUMERALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// Which section a heading line opens, if any: a Chinese numeral and `、`
/// (or a Markdown heading) followed by words of one of the six titles.
pub fn section_number(text: &str, heading: bool) -> Option<u8> {
    if !heading
        && !text
            .trim_start()
            .starts_with(|c: char| NUMERALS.contains(&c))
    {
        return None;
    }
    // Its form would be over 40 characters: not a heading (decided
    // without making the form of every long line).
    let kept = |c: &char| !(c.is_whitespace() || *c == '\u{200b}' || *c == '\u{feff}');
    if text.chars().filter(kept).nth(40).is_some() {
        return None;
    }
    let norm = labels::normalize(text);
    let mut chars = norm.chars();
    let first = chars.next()?;
    let rest = if NUMERALS.contains(&first) && chars.next() == Some('、') {
        chars.as_str()
    } else if heading {
        norm.as_str()
    } else {
        return None;
    };
    SECTIONS
        .iter()
        .find(|s| s.keywords.iter().any(|k| rest.contains(k)))
        .map(|s| s.number)
}

pub fn sections(text: &str, doc: &Document) -> Vec<Section> {
    let mut found: Vec<(u8, Span, usize)> = Vec::new();
    for (i, line) in doc.lines.iter().enumerate() {
        let (content, heading) = match &line.kind {
            LineKind::Text {
                content,
                indented: false,
            } => (content, false),
            LineKind::Heading { content, .. } => (content, true),
            _ => continue,
        };
        if let Some(n) = section_number(&text[content.clone()], heading) {
            found.push((n, content.clone(), i));
        }
    }
    let mut out = Vec::with_capacity(found.len());
    for (k, (number, heading, line)) in found.iter().enumerate() {
        let (end, end_line) = match found.get(k + 1) {
            Some((_, _, next)) => (doc.lines[*next].span.start, *next),
            None => (text.len(), doc.lines.len()),
        };
        out.push(Section {
            number: *number,
            heading: heading.clone(),
            body: heading.start..end,
            lines: *line..end_line,
        });
    }
    out
}

/// The title: the first non-empty lines before the first section, joined
/// when the body's name and the rest stand on two lines.
pub fn title(text: &str, doc: &Document) -> Option<Title> {
    let mut candidates = Vec::new();
    for (i, _) in doc.lines.iter().enumerate().take(12) {
        let Some((s, span)) = doc.line_text(text, i) else {
            continue;
        };
        if section_number(s, false).is_some() {
            break;
        }
        if is_page_chrome(s) {
            continue;
        }
        candidates.push((s, span));
        if candidates.len() == 2 {
            break;
        }
    }
    let is_title = |s: &str| {
        (s.contains("年度报告")
            || s.contains("年报")
            || (s.contains("政府信息公开") && s.contains("报告")))
            && !is_prose(s)
    };
    let (text_, span) = match candidates.as_slice() {
        [(a, sa), (b, sb), ..] if !is_title(a) && is_title(b) && a.chars().count() <= 30 => {
            (format!("{a}{b}"), sa.start..sb.end)
        }
        [(a, sa), ..] if is_title(a) && a.chars().count() <= 60 => (a.to_string(), sa.clone()),
        _ => return None,
    };
    let year = find_year(text, span.clone());
    let body = body_name(&text_);
    Some(Title {
        span,
        text: text_,
        year,
        body,
    })
}

/// The fields of a web page's index data.
const FIELDS: &[&str] = &[
    "索引号",
    "文号",
    "发文字号",
    "所属机构",
    "发布机构",
    "发文机关",
    "主题分类",
    "主题词",
    "关键字",
    "关键词",
    "发布日期",
    "发布时间",
    "成文日期",
    "生成日期",
    "公开日期",
    "信息来源",
    "来源",
    "浏览次数",
    "点击数",
    "访问次数",
    "阅读次数",
    "字号",
    "字体",
    "【字体",
    "分享",
    "打印",
    "关闭",
    "当前位置",
    "您的位置",
    "您当前的位置",
    "所在位置",
    "有效性",
    "公开方式",
    "公开范围",
    "信息分类",
    "组配分类",
    "体裁分类",
    "作者",
    "编辑",
];

/// A line a web page puts around a report: its index data (索引号, 文号,
/// 所属机构, 发布日期 …), the breadcrumb, the font-size and print links.
fn is_page_chrome(s: &str) -> bool {
    // Every kind below begins with one of a few characters: most lines
    // answer without their compact form.
    let Some(first) = s.chars().find(|c| !c.is_whitespace() && *c != '\u{3000}') else {
        return false;
    };
    if !(matches!(first, '首' | '【' | '[') || FIELDS.iter().any(|f| f.starts_with(first))) {
        return false;
    }
    let compact: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect();
    let field = FIELDS.iter().any(|f| {
        compact
            .strip_prefix(f)
            .is_some_and(|r| r.is_empty() || r.starts_with([':', '：', '】', ']']))
    });
    let breadcrumb = compact.starts_with("首页")
        && (compact.contains('>')
            || compact.contains('＞')
            || compact.contains('»')
            || compact.contains('/'));
    field || breadcrumb || compact.starts_with("【大】") || compact.starts_with("[大]")
}

/// A sentence of the preamble that names the report ("根据……现将……报告如下："),
/// not a title.
fn is_prose(s: &str) -> bool {
    let t = s.trim();
    [
        "根据",
        "按照",
        "依据",
        "依照",
        "本报告",
        "现将",
        "现发布",
        "现公布",
    ]
    .iter()
    .any(|p| t.starts_with(p))
        || t.ends_with([':', '：', '。', '，', ','])
}

/// The body's name: the title without its year and the fixed words.
fn body_name(title: &str) -> Option<String> {
    let norm = labels::normalize(title);
    let mut s = norm.as_str();
    for suffix in [
        "政府信息公开工作年度报告",
        "政府信息公开年度报告",
        "政府信息公开工作年报",
        "年度报告",
    ] {
        if let Some(i) = s.find(suffix) {
            s = &s[..i];
            break;
        }
    }
    let mut name = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            while chars.peek().is_some_and(|c| c.is_ascii_digit()) {
                chars.next();
            }
            if chars.peek() == Some(&'年') {
                chars.next();
                if chars.peek() == Some(&'度') {
                    chars.next();
                }
            }
            continue;
        }
        name.push(c);
    }
    (name.chars().count() >= 2).then_some(name)
}

/// The first `YYYY年` (1990–2099) inside `span`.
pub fn find_year(text: &str, span: Span) -> Option<(u16, Span)> {
    years_in(text, span).next()
}

/// Every `YYYY年` or `YYYY 年` (1990–2099) inside `span`, with the digits' span.
pub fn years_in(text: &str, span: Span) -> impl Iterator<Item = (u16, Span)> + '_ {
    let s = &text[span.clone()];
    let b = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i + 4 <= b.len() {
            let at = i;
            i += 1;
            if !b[at..at + 4].iter().all(u8::is_ascii_digit) {
                continue;
            }
            if at > 0 && b[at - 1].is_ascii_digit() {
                continue;
            }
            let rest = s[at + 4..].trim_start_matches(' ');
            if !rest.starts_with('年') {
                continue;
            }
            let y: u16 = s[at..at + 4].parse().ok()?;
            if (1990..=2099).contains(&y) {
                i = at + 4;
                return Some((y, span.start + at..span.start + at + 4));
            }
        }
        None
    })
}

/// The report's year: the title's; else the statistics period's
/// (统计期限…YYYY年1月1日); else the first year in the opening prose.
pub fn report_year(text: &str, doc: &Document, title: Option<&Title>) -> Option<(u16, Span)> {
    if let Some((y, s)) = title.and_then(|t| t.year.clone()) {
        return Some((y, s));
    }
    for (i, _) in doc.lines.iter().enumerate() {
        let Some((s, span)) = doc.line_text(text, i) else {
            continue;
        };
        static PERIOD: crate::text::Words = crate::text::Words::new(&["统计期限", "统计时限"]);
        if let Some((_, p)) = PERIOD.found_in(s).next() {
            if let Some(y) = find_year(text, span.start + p..span.end) {
                return Some(y);
            }
        }
    }
    for (i, _) in doc.lines.iter().enumerate().take(30) {
        let Some((_, span)) = doc.line_text(text, i) else {
            continue;
        };
        if let Some(y) = find_year(text, span) {
            return Some(y);
        }
    }
    None
}

/// Prose lines: text lines that are not headings of sections and not part of
/// a table.
pub fn prose(doc: &Document, consumed: &[std::ops::Range<usize>]) -> Vec<Span> {
    let mut out = Vec::new();
    for (i, line) in doc.lines.iter().enumerate() {
        if consumed.iter().any(|r| r.contains(&i)) {
            continue;
        }
        if let LineKind::Text { content, .. } = &line.kind {
            out.push(content.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        assert_eq!(section_number("一、总体情况", false), Some(1));
        assert_eq!(
            section_number("五、政府信息公开工作存在的主要问题及改进情况", false),
            Some(5)
        );
        assert_eq!(section_number("四、结转下年度继续办理", false), None);
        assert_eq!(
            section_number("一、本年新收政府信息公开申请数量", false),
            None
        );
        assert_eq!(
            section_number("二、上年结转政府信息公开申请数量", false),
            None
        );
        assert_eq!(section_number("三、本年度办理结果", false), None);
        assert_eq!(section_number("其他需要报告的事项", true), Some(6));
        assert_eq!(section_number("（一）主动公开方面", false), None);
    }

    #[test]
    fn years_and_bodies() {
        let t = "2019年上海市人民政府办公厅政府信息公开工作年度报告";
        assert_eq!(find_year(t, 0..t.len()).map(|y| y.0), Some(2019));
        assert_eq!(body_name(t).as_deref(), Some("上海市人民政府办公厅"));
        let t = "淮安市人民政府2024 年政府信息公开工作年度报告";
        assert_eq!(find_year(t, 0..t.len()).map(|y| y.0), Some(2024));
        assert_eq!(body_name(t).as_deref(), Some("淮安市人民政府"));
        assert_eq!(body_name("2025年度政府信息公开工作年度报告"), None);
    }

    #[test]
    fn title_after_page_chrome_not_a_preamble_sentence() {
        let text = "首页 > 政务公开 > 年度报告\n索  引  号: 1162/2026-1 生成日期: 2026-01-28\n文       号: 关键字:\n【字体：大 中 小】\n某区人民政府办公室2025年政府信息公开工作年度报告\n一、总体情况\n";
        let doc = crate::read::read(text);
        let t = title(text, &doc).expect("a title");
        assert_eq!(t.text, "某区人民政府办公室2025年政府信息公开工作年度报告");
        let text = "根据《中华人民共和国政府信息公开条例》规定，现将本局政府信息公开工作年度报告如下：\n一、总体情况\n";
        assert!(title(text, &crate::read::read(text)).is_none());
    }
}
