//! What the server needs from [`crate::law`]: citations under the cursor,
//! the article text with the cited 款/项 marked, the basis of a label, and
//! the articles and items to complete.

use crate::diagnostic::Span;
use crate::law;

/// A citation containing `offset` and the hover Markdown for it: the
/// article with the cited 款/项 in bold, and our explanation.
pub fn citation_at(text: &str, offset: usize) -> Option<(Span, String)> {
    // Citations do not cross lines: search only the line around `offset`.
    let start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let end = text
        .get(offset..)?
        .find('\n')
        .map_or(text.len(), |i| offset + i);
    let line = text.get(start..end)?;
    let c = law::find_citations(line)
        .into_iter()
        .find(|c| start + c.span.start <= offset && offset <= start + c.span.end)?;
    Some((
        start + c.span.start..start + c.span.end,
        citation_markdown(&c),
    ))
}

/// The hover Markdown of a citation: the article with the cited 款/项 in
/// bold and our explanation, or what is wrong with the reference.
pub fn citation_markdown(c: &law::Citation) -> String {
    law::render_markdown(c.article, c.paragraph, c.item).unwrap_or_else(|| {
        format!(
            "**{}**：《政府信息公开条例》（2019）没有这一条款（共 {} 条）。",
            c.label(),
            law::ARTICLE_COUNT
        )
    })
}

/// The article a label rests on, with our explanation (Markdown).
pub fn label_basis(label: &str) -> Option<String> {
    let b = law::label_basis(&crate::format::labels::normalize(label))?;
    let title = law::article(b.article).map_or("", |a| a.chapter.as_str());
    Some(format!(
        "**依据**：《政府信息公开条例》{}（{}）\n\n{}",
        b.citation, title, b.explanation
    ))
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
    law::articles()
        .iter()
        .map(|a| ArticleInfo {
            number: u32::from(a.number),
            label: a.label.clone(),
            summary: a
                .paragraphs
                .first()
                .map(|p| p.text.chars().take(30).collect::<String>() + "…")
                .unwrap_or_default(),
            items: a.items().to_vec(),
            paragraphs: a.paragraphs.len(),
        })
        .collect()
}

/// `第二十条第（五）项` etc.
pub fn citation_label(article: u32, paragraph: Option<u32>, item: Option<u32>) -> String {
    law::citation_label(article, paragraph, item)
}

/// Parse a Chinese or Arabic numeral.
pub fn parse_number(s: &str) -> Option<u32> {
    s.parse::<u32>()
        .ok()
        .or_else(|| law::numerals::parse_chinese(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_under_the_cursor() {
        let text = "首行\n依据《条例》第二十条第（五）项公开。";
        let at = text.find("二十").unwrap_or(0);
        let (span, md) = citation_at(text, at).expect("citation");
        assert_eq!(&text[span], "第二十条第（五）项");
        assert!(md.contains("**（五）"), "{md}");
        assert!(citation_at(text, 2).is_none());
        assert_eq!(parse_number("二十"), Some(20));
        assert_eq!(parse_number("36"), Some(36));
        assert_eq!(citation_label(20, None, Some(5)), "第二十条第（五）项");
        assert!(label_basis("5.属于三类内部事务信息").is_some_and(|b| b.contains("第十六条")));
        assert_eq!(articles().len(), 56);
    }
}
