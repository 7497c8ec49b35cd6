//! Sections as text for the "insert missing section" action, in the
//! document's own flavour; the tables come from [`crate::skeleton`].

use crate::format::{FormatId, SECTIONS};
pub use crate::skeleton::{active_sub, b_row, table_a, table_b, table_c};

use super::document::Flavor;

/// A section heading as written in this kind of document.
pub fn heading(title: &str, flavor: Flavor) -> String {
    match flavor {
        Flavor::Markdown | Flavor::Html => format!("## {title}"),
        Flavor::Plain => title.to_string(),
    }
}

/// A section with its table, if it has one.
pub fn section(number: u8, format: FormatId, flavor: Flavor) -> String {
    let title = SECTIONS
        .iter()
        .find(|s| s.number == number)
        .map_or("", |s| s.title);
    let body = match number {
        2 => table_a(format),
        3 => table_b(format),
        4 => table_c(),
        _ => String::new(),
    };
    if body.is_empty() {
        format!("{}\n\n", heading(title, flavor))
    } else {
        format!("{}\n\n{body}\n", heading(title, flavor))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{analyze, CheckOptions};

    #[test]
    fn skeletons_read_back_whole() {
        for (year, format) in [(2020, FormatId::V2019), (2023, FormatId::V2021)] {
            for flavor in [Flavor::Markdown, Flavor::Plain] {
                let mut text = format!("# XX{year}年政府信息公开工作年度报告\n\n");
                for sec in &SECTIONS {
                    text.push_str(&section(sec.number, format, flavor));
                }
                let a = analyze(&text, &CheckOptions::default());
                let r = &a.report;
                assert_eq!(r.format, format, "{text}");
                assert_eq!(r.sections.len(), 6, "{text}");
                let b = r.applications.as_ref().expect("table B");
                let keys: Vec<_> = b.rows.iter().filter_map(|r| r.key()).collect();
                let want: Vec<_> = format.spec().applications.iter().map(|r| r.key).collect();
                assert_eq!(keys, want, "{text}");
                assert!(b.rows.iter().all(|r| r.cells.len() == 7), "{:#?}", b.rows);
                let a_ = r.active.as_ref().expect("table A");
                assert_eq!(a_.subs.len(), format.spec().active.len());
                assert!(a_
                    .subs
                    .iter()
                    .all(|s| s.rows.len() == s.def.map_or(0, |d| d.rows.len())));
                let c = r.review.as_ref().expect("table C");
                assert_eq!(c.cells.len(), 15, "{text}");
                assert!(a.findings.is_empty(), "{:#?}", a.findings);
            }
        }
    }
}
