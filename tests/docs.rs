//! `docs/rules/` is generated from the rule registry; this test fails when
//! they differ. `GONGKAI_BLESS=1 cargo test --test docs` rewrites them.

use gongkai::rules::{docs, RULES};
use std::path::PathBuf;

#[test]
fn rule_docs_match_the_registry() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    let mut pages: Vec<(PathBuf, String)> = RULES
        .iter()
        .map(|r| (dir.join(format!("{}.md", r.code)), docs::page(r)))
        .collect();
    pages.push((dir.join("README.md"), docs::index()));
    if std::env::var_os("GONGKAI_BLESS").is_some() {
        std::fs::create_dir_all(&dir).expect("mkdir");
        for (p, s) in &pages {
            std::fs::write(p, s).expect("write");
        }
    }
    for (p, want) in &pages {
        let got = std::fs::read_to_string(p).unwrap_or_default();
        assert_eq!(
            &got,
            want,
            "{} is out of date: run GONGKAI_BLESS=1 cargo test --test docs",
            p.display()
        );
    }
    let on_disk = std::fs::read_dir(&dir).expect("docs/rules").count();
    assert_eq!(on_disk, pages.len(), "a page in docs/rules has no rule");
}
