//! Hover and inlay hints on 总计 cells, from the relations the check
//! worked out ([`crate::check::Analysis::relations`]). The rules judge the
//! sums; this only shows them.

use crate::report::Relation;

/// The relations whose target cell contains `offset` (a cursor at the
/// cell's end counts).
pub fn at(relations: &[Relation], offset: usize) -> Vec<&Relation> {
    relations
        .iter()
        .filter(|r| r.span.start <= offset && offset <= r.span.end)
        .collect()
}

/// Markdown for a hover on a total cell.
pub fn hover_markdown(relations: &[&Relation]) -> String {
    let mut s = String::new();
    for r in relations {
        if !s.is_empty() {
            s.push_str("\n\n---\n\n");
        }
        let written = r
            .written
            .map_or_else(|| "（未填或不是数字）".to_string(), |w| w.to_string());
        s.push_str(&format!(
            "**{}**：{}\n\n计算值 **{}**，表中填写 {}",
            r.name(),
            r.def.reads,
            r.expected(),
            written
        ));
        if r.complete() {
            s.push_str(if r.fails() { " ✗" } else { " ✓" });
        }
        s.push_str("\n\n");
        let mut terms = String::new();
        for (i, term) in r.terms.iter().enumerate() {
            if i > 0 || term.minus {
                terms.push_str(if term.minus { " − " } else { " + " });
            }
            match term.value {
                Some(v) => terms.push_str(&format!("{} {v}", term.label)),
                None => terms.push_str(&format!("{} （空）", term.label)),
            }
        }
        s.push_str(&format!("{} = {}", r.expected(), terms));
        if r.missing() > 0 {
            s.push_str(&format!(
                "\n\n有 {} 项未填或不是数字，未计入。",
                r.missing()
            ));
        }
    }
    s
}

/// The inlay hints of the relations in `span`: `应为 N` after each target
/// cell whose relation fails, once a cell; nothing where the sums hold.
pub fn hints(
    relations: &[Relation],
    span: &crate::diagnostic::Span,
) -> Vec<(usize, String, String)> {
    let mut out: Vec<(usize, String, String)> = Vec::new();
    for r in relations {
        if r.span.end < span.start || r.span.start > span.end || !r.fails() {
            continue;
        }
        // A cell in two failing relations: the first (the format's order).
        if out.last().is_some_and(|(at, _, _)| *at == r.span.end) {
            continue;
        }
        out.push((
            r.span.end,
            format!("应为 {}", r.expected()),
            format!("{}：{}", r.name(), r.def.reads),
        ));
    }
    out
}
