//! The 条例 (2019 revision, 国务院令第711号) as data, citations of it found
//! in text, and our explanations of what each article means for a report.
//!
//! The statutory text is bundled from `data/tiaoli-2019.json` and parsed
//! once. The explanations ([`explanation`], [`label_basis`]) are the
//! project's own words.

use serde::Deserialize;
use std::sync::OnceLock;

mod cite;
mod explain;
pub mod numerals;
mod render;

pub use cite::{
    find_citations, old_numbering, parse_reference, validate, Citation, CitationProblem,
    OldNumbering,
};
pub use explain::{explanation, label_basis, LabelBasis};
pub use render::{render_markdown, render_text};

/// Number of articles in the 2019 text.
pub const ARTICLE_COUNT: u32 = 56;

/// One article of the 条例.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Article {
    #[serde(rename = "article")]
    pub number: u8,
    /// `第二十条`
    pub label: String,
    /// `第三章 主动公开`
    pub chapter: String,
    pub paragraphs: Vec<Paragraph>,
}

/// One 款 of an article; its 项 (if any) are listed in `items`, each with
/// its own `（一）` marker.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Paragraph {
    pub text: String,
    pub items: Vec<String>,
}

impl Article {
    /// All items of the article, whichever 款 holds them (only one does).
    pub fn items(&self) -> &[String] {
        self.paragraphs
            .iter()
            .find(|p| !p.items.is_empty())
            .map_or(&[], |p| &p.items[..])
    }

    /// The 1-based number of the 款 that holds the items, if any.
    pub fn items_paragraph(&self) -> Option<u32> {
        self.paragraphs
            .iter()
            .position(|p| !p.items.is_empty())
            .map(|i| i as u32 + 1)
    }
}

static DATA: &str = include_str!("../../data/tiaoli-2019.json");

/// All 56 articles, in order.
pub fn articles() -> &'static [Article] {
    static ARTICLES: OnceLock<Vec<Article>> = OnceLock::new();
    ARTICLES.get_or_init(|| serde_json::from_str(DATA).expect("bundled 条例 data is valid JSON"))
}

/// Article `n` (1-based), if the 条例 has it.
pub fn article(n: u32) -> Option<&'static Article> {
    let i = usize::try_from(n).ok()?.checked_sub(1)?;
    articles().get(i).filter(|a| u32::from(a.number) == n)
}

/// `第二十条`, `第一百条`: the label of any article number.
pub fn article_label(n: u32) -> String {
    format!("第{}条", numerals::to_chinese(n))
}

/// `第二十条第（五）项`, `第五十条第一款第（四）项`: how a citation is written.
pub fn citation_label(article: u32, paragraph: Option<u32>, item: Option<u32>) -> String {
    let mut s = article_label(article);
    if let Some(p) = paragraph {
        s.push_str(&format!("第{}款", numerals::to_chinese(p)));
    }
    if let Some(i) = item {
        s.push_str(&format!("第（{}）项", numerals::to_chinese(i)));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_articles_load_in_order() {
        let all = articles();
        assert_eq!(all.len(), 56);
        for (i, a) in all.iter().enumerate() {
            assert_eq!(usize::from(a.number), i + 1);
            assert_eq!(a.label, article_label(i as u32 + 1));
            assert!(a.chapter.starts_with('第') && a.chapter.contains('章'));
            assert!(!a.paragraphs.is_empty());
            for p in &a.paragraphs {
                assert!(!p.text.is_empty());
                for (k, item) in p.items.iter().enumerate() {
                    let marker = format!("（{}）", numerals::to_chinese(k as u32 + 1));
                    assert!(item.starts_with(&marker), "{} {item}", a.label);
                }
            }
        }
        assert!(article(0).is_none());
        assert!(article(57).is_none());
        assert_eq!(article(56).unwrap().label, "第五十六条");
    }

    #[test]
    fn paragraph_and_item_counts() {
        let items = |n| article(n).unwrap().items().len();
        let paras = |n| article(n).unwrap().paragraphs.len();
        // L-2: the articles with items.
        for (n, count) in [
            (4, 5),
            (20, 15),
            (29, 3),
            (31, 3),
            (36, 7),
            (50, 5),
            (53, 3),
        ] {
            assert_eq!(items(n), count, "第{n}条");
        }
        let with_items = articles().iter().filter(|a| !a.items().is_empty()).count();
        assert_eq!(with_items, 7);
        assert_eq!(article(4).unwrap().items_paragraph(), Some(2));
        assert_eq!(article(50).unwrap().items_paragraph(), Some(1));
        assert_eq!(article(20).unwrap().items_paragraph(), Some(1));
        // L-3: the articles with more than one 款.
        assert_eq!(paras(3), 4);
        for n in [10, 12, 17, 25, 33] {
            assert_eq!(paras(n), 3, "第{n}条");
        }
        let two = [4, 6, 11, 13, 16, 29, 39, 42, 44, 47, 49, 50, 55];
        for n in two {
            assert_eq!(paras(n), 2, "第{n}条");
        }
        let multi = articles().iter().filter(|a| a.paragraphs.len() > 1).count();
        assert_eq!(multi, 1 + 5 + two.len());
    }

    #[test]
    fn labels() {
        assert_eq!(citation_label(20, None, Some(5)), "第二十条第（五）项");
        assert_eq!(
            citation_label(50, Some(1), Some(4)),
            "第五十条第一款第（四）项"
        );
        assert_eq!(article_label(100), "第一百条");
    }
}
