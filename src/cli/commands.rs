//! The small commands: `explain`, `article`, `new`. Each prints to standard
//! output, ignoring a closed pipe (`gongkai article 20 | head`).

use crate::format::FormatId;
use std::io::Write;
use std::process::ExitCode;

macro_rules! outln {
    ($($t:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

/// `gongkai explain [CODE] [--all]`: one rule's documentation, or the list.
pub fn explain(code: Option<String>, all: bool) -> ExitCode {
    if all || code.is_none() {
        for r in crate::rules::RULES {
            outln!(
                "{}  {:<26} {:<8} {}",
                r.code,
                r.name,
                r.severity.as_str(),
                r.summary
            );
        }
        return ExitCode::SUCCESS;
    }
    let code = code.unwrap_or_default();
    match crate::rules::find(&code) {
        Some(r) => {
            outln!(
                "# {} {}（默认级别：{}{}）\n\n{}\n\n{}",
                r.code,
                r.name,
                r.severity.as_str(),
                if r.fixable { "，可自动修复" } else { "" },
                r.summary,
                r.docs.trim_end()
            );
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("gongkai explain: no rule {code:?} (see `gongkai explain --all`)");
            ExitCode::from(2)
        }
    }
}

/// `gongkai article REF`: an article of the 条例 with our explanation.
pub fn article(reference: &str) -> ExitCode {
    let Some((a, p, i)) = crate::law::parse_reference(reference) else {
        eprintln!(
            "gongkai article: cannot read {reference:?}; write e.g. 20, 20.5 or 第二十条第（五）项"
        );
        return ExitCode::from(2);
    };
    match crate::law::render_text(a, p, i) {
        Some(t) => {
            outln!("{}", t.trim_end());
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("gongkai article: the 条例 has 56 articles; {reference:?} is not one of them (or has no such 款/项)");
            ExitCode::from(2)
        }
    }
}

/// `gongkai new`: an empty report skeleton in Markdown.
pub fn new(year: Option<u16>, format: Option<FormatId>) -> ExitCode {
    let year = year.unwrap_or_else(last_year);
    let _ = write!(
        std::io::stdout(),
        "{}",
        crate::skeleton::markdown(year, format)
    );
    ExitCode::SUCCESS
}

fn last_year() -> u16 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Days since 1970 → a year; exact enough for "last year".
    (1970 + secs / 31_556_952) as u16 - 1
}
