//! What the server needs from [`crate::law`]: citations under the cursor,
//! the article text with the cited 款/项 marked, the basis of a label, and
//! the articles and items to complete.

use crate::diagnostic::Span;

/// A citation containing `offset` and the hover Markdown for it.
pub fn citation_at(_text: &str, _offset: usize) -> Option<(Span, String)> {
    None
}

/// The article a label rests on, with our explanation (Markdown).
pub fn label_basis(_label: &str) -> Option<String> {
    None
}

/// An article for completion: number, label (`第二十条`), first words.
pub struct ArticleInfo {
    pub number: u32,
    pub label: String,
    pub summary: String,
    /// The item texts (`（一）…`), if the article lists items.
    pub items: Vec<String>,
    /// Number of 款.
    pub paragraphs: usize,
}

pub fn articles() -> Vec<ArticleInfo> {
    Vec::new()
}

/// `第二十条第（五）项` etc.
pub fn citation_label(article: u32, paragraph: Option<u32>, item: Option<u32>) -> String {
    let mut s = format!("第{}条", chinese(article));
    if let Some(p) = paragraph {
        s.push_str(&format!("第{}款", chinese(p)));
    }
    if let Some(i) = item {
        s.push_str(&format!("第（{}）项", chinese(i)));
    }
    s
}

/// Chinese numerals 1..=99.
pub fn chinese(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[(n - 10) as usize] }),
        20..=99 => format!(
            "{}十{}",
            D[(n / 10) as usize],
            if n % 10 == 0 { "" } else { D[(n % 10) as usize] }
        ),
        _ => n.to_string(),
    }
}

/// Parse a Chinese (or Arabic) numeral 1..=99.
pub fn parse_number(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [d] if *d != '十' => digit(*d).map(|v| v as u32),
        ['十'] => Some(10),
        ['十', d] => digit(*d).map(|v| 10 + v as u32),
        [t, '十'] => digit(*t).map(|v| v as u32 * 10),
        [t, '十', d] => Some(digit(*t)? as u32 * 10 + digit(*d)? as u32),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        for n in 1..=99 {
            assert_eq!(parse_number(&chinese(n)), Some(n), "{n}");
        }
        assert_eq!(chinese(20), "二十");
        assert_eq!(citation_label(20, None, Some(5)), "第二十条第（五）项");
    }
}
