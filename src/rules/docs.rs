//! `docs/rules/`: one Markdown page a rule, generated from the registry so
//! the two cannot drift (a test compares them; `GONGKAI_BLESS=1 cargo test`
//! rewrites the pages).

use super::RULES;

/// The page for one rule.
pub fn page(rule: &super::Rule) -> String {
    format!(
        "# {} {}\n\n默认级别：{}{}\n\n{}\n\n{}\n",
        rule.code,
        rule.name,
        rule.severity.as_str(),
        if rule.fixable {
            "；部分发现带有安全修复（`--fix`）"
        } else {
            ""
        },
        rule.summary,
        rule.docs.trim_end()
    )
}

/// The index page listing every rule.
pub fn index() -> String {
    let mut s = String::from("# 规则\n\n由 `src/rules/` 中的规则注册表生成；`gongkai explain CODE` 显示同样的内容。\n\n| code | name | 级别 | 检查什么 |\n|---|---|---|---|\n");
    for r in RULES {
        s.push_str(&format!(
            "| [{}]({}.md) | {} | {} | {} |\n",
            r.code,
            r.code,
            r.name,
            r.severity.as_str(),
            r.summary
        ));
    }
    s
}
