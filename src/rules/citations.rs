//! GK401, GK404: citations of the 条例.
use super::{Context, Rule, Sink};
use crate::diagnostic::{Fix, Severity};
use crate::law::{old_numbering, validate, Citation};

/// Whether the report predates the 2019 text: its citations rightly use
/// the 2007 numbering.
fn predates_2019(ctx: &Context) -> bool {
    ctx.report.year.as_ref().is_some_and(|(y, _)| *y <= 2018)
}

pub static UNKNOWN_ARTICLE: Rule = Rule {
    code: "GK401",
    name: "unknown-article",
    severity: Severity::Error,
    summary: "引用了《条例》中不存在的条、款或项",
    docs: r#"## 检查什么

正文和表格中对《政府信息公开条例》的每一处引用（`第二十条第（五）项`、`《条例》第五十条`、`第36条`、`第十四条、第十五条` 等），核对所引的条、款、项在 2019 年修订的条例中是否存在：

- 条号只能是第一条至第五十六条；
- 只有第四、二十、二十九、三十一、三十六、五十、五十三条列有“项”，项号不能超过该条列举的数目（如第二十条 15 项、第三十六条 7 项）；
- 款号不能超过该条的款数（如第五条只有 1 款）。

紧跟在其他法律、文件名称之后的引用（如 `《立法法》第七十二条`）不检查。看起来是 2007 年旧条号的引用由 GK404 报告。

## 为什么

现行条例（国务院令第711号，2019 年 5 月 15 日起施行）共 56 条，条、款、项的数目是确定的（规则依据 L-1、L-2、L-3）。引用不存在的条款，说明抄错了条号或沿用了别的文本，读者无法据此找到依据。

## 示例

错误：

```text
依据《条例》第二十条第（十六）项主动公开……
根据《条例》第五条第二款……
```

正确：

```text
依据《条例》第二十条第（十五）项主动公开……
根据《条例》第五条……
```

## 如何修正

对照条例原文（`gongkai article 20`）找到真正要引用的条款，改正条号、款号或项号。“第五十条第四项”与“第五十条第（四）项”两种写法都可以。
"#,
    fixable: false,
    check: check_unknown,
};

fn check_unknown(ctx: &Context, sink: &mut Sink) {
    for c in ctx.citations() {
        let Err(problem) = validate(c) else { continue };
        // 2007 numbers are GK404's to report, with a better message.
        if old_numbering(ctx.text, c).is_some() {
            continue;
        }
        sink.report(c.span.clone(), problem.message(c));
    }
}

pub static OLD_ARTICLE_NUMBER: Rule = Rule {
    code: "GK404",
    name: "old-article-number",
    severity: Severity::Warning,
    summary: "引用《条例》时沿用了 2007 年旧条例的条号",
    docs: r#"## 检查什么

根据引用前后的文字，找出按 2007 年旧条例编号的引用：

- 讲年度报告公布期限（1 月 31 日、3 月 31 日、公布年报）却引用第三十一条，现行条例是**第四十九条**；
- 讲年度报告内容或编制却引用第三十二条，现行条例是**第五十条**；
- 讲依申请公开的答复却引用第二十一条，现行条例是**第三十六条**；
- 讲不予公开的范围却引用第十四条第四款，现行条例是**第十四至十六条**。

报告年度为 2018 年及以前的，旧条号本来就对，不检查。

## 为什么

条例 2019 年修订后条文重新编号（规则依据 L-4）。新条例的第三十一条讲的是如何确定收到申请之日，第三十二条讲征求第三方意见，第二十一条讲市县乡的主动公开内容，第十四条只有一款；沿用旧条号会让引用指向毫不相干的条文。

## 示例

错误：

```text
根据《中华人民共和国政府信息公开条例》第三十一条、第三十二条规定，编制本年度报告。
```

正确：

```text
根据《中华人民共和国政府信息公开条例》第四十九条、第五十条规定，编制本年度报告。
```

## 如何修正

改用现行条例的条号。编辑器中提供替换为新条号的快速修复；因为判断依据的是上下文，修复需要人工确认，不会自动应用。
"#,
    fixable: false,
    check: check_old,
};

/// Whether the citation's span is the whole citation (`第三十一条`), not a
/// member of a list sharing its words (`第十四、十五条`), and so can be
/// replaced as a whole.
fn replaceable(text: &str, c: &Citation) -> bool {
    let s = &text[c.span.clone()];
    s.starts_with('第') && s.ends_with(['条', '款', '项'])
}

fn check_old(ctx: &Context, sink: &mut Sink) {
    if predates_2019(ctx) {
        return;
    }
    for c in ctx.citations() {
        let Some(old) = old_numbering(ctx.text, c) else {
            continue;
        };
        let label = c.label();
        let message = format!(
            "{label}沿用了 2007 年旧条例的条号（{}），现行条例（2019 年修订）为{}",
            old.topic,
            old.replacements.join("或")
        );
        let fixable = replaceable(ctx.text, c);
        let finding = sink.report(c.span.clone(), message);
        if fixable {
            for r in &old.replacements {
                finding.with_fix(Fix::unsafe_(format!("改为{r}"), c.span.clone(), r.clone()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Finding;

    fn run(rule: &Rule, text: &str) -> Vec<Finding> {
        let report = crate::report::build(text, None);
        let ctx = Context::new(text, &report, None);
        let mut sink = Sink::new(rule);
        (rule.check)(&ctx, &mut sink);
        sink.findings
    }

    fn spans<'t>(text: &'t str, findings: &[Finding]) -> Vec<(&'t str, String)> {
        findings
            .iter()
            .map(|f| (&text[f.span.clone()], f.message.clone()))
            .collect()
    }

    #[test]
    fn unknown_articles_items_and_paragraphs() {
        let text = "依据《条例》第二十条第（十六）项公开。\n根据第五条第二款，按第五十七条处理；\n第一百条。第十条第（二）项。";
        let f = run(&UNKNOWN_ARTICLE, text);
        assert_eq!(
            spans(text, &f),
            [
                (
                    "第二十条第（十六）项",
                    "第二十条只有 15 项，没有第（十六）项".into()
                ),
                ("第五条第二款", "第五条只有 1 款，没有第二款".into()),
                ("第五十七条", "《条例》只有 56 条，没有第五十七条".into()),
                ("第一百条", "《条例》只有 56 条，没有第一百条".into()),
                ("第十条第（二）项", "第十条没有列举的项".into()),
            ]
        );
        assert!(f
            .iter()
            .all(|f| f.severity == Severity::Error && f.code == "GK401"));
        let start = text.find("第二十条").unwrap();
        assert_eq!(f[0].span, start..start + "第二十条第（十六）项".len());
    }

    #[test]
    fn valid_and_foreign_citations_pass() {
        let text = "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条，依照第二十条第（五）项、第五十条第四项、第三十六条第（七）项和《立法法》第七十二条。";
        assert!(run(&UNKNOWN_ARTICLE, text).is_empty());
    }

    #[test]
    fn old_numbers_are_left_to_gk404() {
        let text = "依据第十四条第四款不予公开。";
        assert!(run(&UNKNOWN_ARTICLE, text).is_empty());
        let f = run(&OLD_ARTICLE_NUMBER, text);
        assert_eq!(
            spans(text, &f),
            [(
                "第十四条第四款",
                "第十四条第四款沿用了 2007 年旧条例的条号（不予公开的范围），现行条例（2019 年修订）为第十四至十六条".into()
            )]
        );
    }

    #[test]
    fn old_numbers_with_fixes() {
        let text = "根据《中华人民共和国政府信息公开条例》第三十一条、第三十二条规定，编制并公布本机关2023年度报告。";
        let f = run(&OLD_ARTICLE_NUMBER, text);
        assert_eq!(
            spans(text, &f),
            [
                (
                    "第三十一条",
                    "第三十一条沿用了 2007 年旧条例的条号（年度报告的公布期限），现行条例（2019 年修订）为第四十九条".into()
                ),
                (
                    "第三十二条",
                    "第三十二条沿用了 2007 年旧条例的条号（年度报告的内容），现行条例（2019 年修订）为第五十条".into()
                ),
            ]
        );
        assert!(f
            .iter()
            .all(|f| f.severity == Severity::Warning && f.code == "GK404"));
        let fix = &f[0].fixes[0];
        assert!(!fix.safe);
        assert_eq!(fix.edits[0].span, f[0].span);
        assert_eq!(fix.edits[0].new_text, "第四十九条");
        assert_eq!(f[1].fixes[0].edits[0].new_text, "第五十条");

        let text = "对申请人的申请，依照第二十一条第（二）项作出答复。";
        let f = run(&OLD_ARTICLE_NUMBER, text);
        assert_eq!(
            spans(text, &f),
            [(
                "第二十一条第（二）项",
                "第二十一条第（二）项沿用了 2007 年旧条例的条号（依申请公开的答复），现行条例（2019 年修订）为第三十六条第（三）项".into()
            )]
        );
        assert_eq!(f[0].fixes[0].edits[0].new_text, "第三十六条第（三）项");
    }

    #[test]
    fn current_numbers_are_not_old() {
        let text = "依据第三十一条确定收到申请之日；依据第三十二条书面征求第三方意见；根据《条例》第四十九条、第五十条，公布本年度报告。";
        assert!(run(&OLD_ARTICLE_NUMBER, text).is_empty());
        assert!(run(&UNKNOWN_ARTICLE, text).is_empty());
    }

    #[test]
    fn reports_before_2019_may_use_old_numbers() {
        let body = "政府信息公开工作年度报告\n根据《条例》第三十一条规定，公布本年度报告。";
        let text = format!("某市2018年{body}");
        let report = crate::report::build(&text, None);
        assert_eq!(report.year.map(|y| y.0), Some(2018));
        assert!(run(&OLD_ARTICLE_NUMBER, &text).is_empty());
        assert_eq!(
            run(&OLD_ARTICLE_NUMBER, &format!("某市2023年{body}")).len(),
            1
        );
    }

    #[test]
    fn real_reports_cite_correctly() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut checked = 0;
        for sub in ["corpus", "seed"] {
            let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
                continue;
            };
            for e in entries.flatten() {
                let path = e.path();
                if path.extension().and_then(|x| x.to_str()) != Some("txt") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for rule in [&UNKNOWN_ARTICLE, &OLD_ARTICLE_NUMBER] {
                    let f = run(rule, &text);
                    assert!(f.is_empty(), "{}: {:?}", path.display(), f);
                }
                checked += 1;
            }
        }
        assert!(checked > 0 || !dir.exists());
    }
}
