//! An article's text for hovers (Markdown) and the terminal (plain text),
//! with the cited 款 or 项 marked.

use super::{article, citation_label, explanation, Article};

/// Which part of the article is cited: the 0-based paragraph and item.
fn marked(
    a: &Article,
    paragraph: Option<u32>,
    item: Option<u32>,
) -> (Option<usize>, Option<usize>) {
    let idx = |n: u32| usize::try_from(n).ok()?.checked_sub(1);
    let para = match (paragraph, item) {
        (Some(p), _) => idx(p).filter(|&p| p < a.paragraphs.len()),
        // 第五十条第（四）项: the items sit in the one 款 that has them.
        (None, Some(_)) => a.items_paragraph().and_then(idx),
        (None, None) => None,
    };
    let item = item
        .and_then(idx)
        .filter(|&i| para.is_some_and(|p| i < a.paragraphs[p].items.len()));
    (para, item)
}

fn heading(a: &Article, paragraph: Option<u32>, item: Option<u32>) -> String {
    let n = u32::from(a.number);
    let cited = if paragraph.is_some() || item.is_some() {
        format!("（引用：{}）", citation_label(n, paragraph, item))
    } else {
        String::new()
    };
    format!("《政府信息公开条例》{} · {}{cited}", a.label, a.chapter)
}

/// Markdown for a hover or `gongkai article`: a heading with the article's
/// label and chapter, every paragraph with its items as a list, the cited
/// 款 or 项 in bold, then 说明 with our explanation. `None` when the 条例 has
/// no such article.
pub fn render_markdown(
    article_no: u32,
    paragraph: Option<u32>,
    item: Option<u32>,
) -> Option<String> {
    let a = article(article_no)?;
    let (mp, mi) = marked(a, paragraph, item);
    let mut out = format!("### {}\n\n", heading(a, paragraph, item));
    for (p, para) in a.paragraphs.iter().enumerate() {
        if mp == Some(p) && mi.is_none() {
            out.push_str(&format!("**{}**\n\n", para.text));
        } else {
            out.push_str(&format!("{}\n\n", para.text));
        }
        if !para.items.is_empty() {
            for (i, it) in para.items.iter().enumerate() {
                if mp == Some(p) && mi == Some(i) {
                    out.push_str(&format!("- **{it}**\n"));
                } else {
                    out.push_str(&format!("- {it}\n"));
                }
            }
            out.push('\n');
        }
    }
    out.push_str("#### 说明\n\n");
    out.push_str(explanation(article_no));
    out.push('\n');
    Some(out)
}

/// Plain text for the terminal (`gongkai article 20.5`): the same content
/// as [`render_markdown`], the cited 款 or 项 marked with `▶`.
pub fn render_text(article_no: u32, paragraph: Option<u32>, item: Option<u32>) -> Option<String> {
    let a = article(article_no)?;
    let (mp, mi) = marked(a, paragraph, item);
    let mut out = format!("{}\n\n", heading(a, paragraph, item));
    for (p, para) in a.paragraphs.iter().enumerate() {
        let mark = if mp == Some(p) && mi.is_none() {
            "▶ "
        } else {
            "  "
        };
        out.push_str(&format!("{mark}{}\n", para.text));
        for (i, it) in para.items.iter().enumerate() {
            let mark = if mp == Some(p) && mi == Some(i) {
                "▶ "
            } else {
                "  "
            };
            out.push_str(&format!("  {mark}{it}\n"));
        }
        out.push('\n');
    }
    out.push_str("说明：");
    out.push_str(explanation(article_no));
    out.push('\n');
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_for_article_20_item_5() {
        let md = render_markdown(20, None, Some(5)).unwrap();
        assert!(md.starts_with(
            "### 《政府信息公开条例》第二十条 · 第三章 主动公开（引用：第二十条第（五）项）\n"
        ));
        assert!(md.contains(
            "行政机关应当依照本条例第十九条的规定，主动公开本行政机关的下列政府信息：\n"
        ));
        assert!(md.contains(
            "\n- **（五）办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果；**\n"
        ));
        assert!(md.contains("\n- （四）国民经济和社会发展统计信息；\n"));
        assert!(md.contains("\n- （十五）"));
        assert_eq!(md.matches("**").count(), 2);
        assert_eq!(md.matches("\n- ").count(), 15);
        assert!(md.contains("#### 说明\n\n"));
        assert!(md.trim_end().ends_with(explanation(20)));
    }

    #[test]
    fn text_for_article_20_item_5() {
        let t = render_text(20, None, Some(5)).unwrap();
        assert!(t.starts_with(
            "《政府信息公开条例》第二十条 · 第三章 主动公开（引用：第二十条第（五）项）\n"
        ));
        assert_eq!(t.matches('▶').count(), 1);
        assert!(t.contains(
            "\n  ▶ （五）办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果；\n"
        ));
        assert!(t.contains("\n    （六）"));
        assert!(t.contains("说明："));
        assert!(!t.contains("**"));
    }

    #[test]
    fn marks_paragraphs_and_items_in_other_paragraphs() {
        // 第五十条第（四）项: the items are in its first 款.
        let md = render_markdown(50, None, Some(4)).unwrap();
        assert!(md.contains("- **（四）政府信息公开工作存在的主要问题"));
        let md = render_markdown(16, Some(2), None).unwrap();
        assert!(md.contains("**行政机关在履行行政管理职能过程中形成的讨论记录"));
        assert_eq!(md.matches("**").count(), 2);
        let t = render_text(4, Some(2), Some(3)).unwrap();
        assert!(t.contains("▶ （三）组织编制"));
        // Nothing to mark: the article alone, no marks.
        let md = render_markdown(5, Some(2), None).unwrap();
        assert!(!md.contains("**"));
        assert!(render_text(57, None, None).is_none());
        assert!(render_markdown(0, None, None).is_none());
    }
}
