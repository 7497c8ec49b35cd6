//! Bad input never panics and never loses data: random documents built from
//! the pieces real reports are made of (labels, numbers, blanks, pipes, tabs,
//! headings, CJK, emoji), checked and fixed.

use gongkai::{analyze, CheckOptions};

const PIECES: &[&str] = &[
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "\t一、本年新收政府信息公开申请数量",
    "\t二、上年结转政府信息公开申请数量",
    "\t（三）不予",
    "公开",
    "\t1.属于国家秘密",
    "\t（六）其他处理",
    "\t（七）总计",
    "\t四、结转下年度继续办理",
    "\t6",
    "\t0",
    "\t",
    "",
    "\t１２",
    "\t无",
    "\t-3",
    "\t1,234",
    "\t5件",
    "\t22.7197",
    "| 第二十条第（一）项 |  |",
    "| 信息内容 | 本年制发件数 | 本年废止件数 |",
    "| 规章 | 1 | 0 | 11 |",
    "| 行政复议 |  |  | 行政诉讼 |",
    "| 结果维持 | 结果纠正 |",
    "| 5 |  | 2 | 7 |",
    "|---|---|",
    "|",
    "||",
    "# ",
    "## 六、其他需要报告的事项",
    "<!-- gongkai-ignore GK201 -->",
    "# gongkai-ignore-file",
    "第二十条第（十六）项",
    "第一百条",
    "《条例》第三十二条",
    "2020年政府信息公开工作年度报告",
    "统计期限为2019年1月1日至12月31日",
    "𠮷😀",
    "\u{feff}",
    "\r",
    "结",
    "果",
    "维",
    "持",
    "总 计",
    "（",
    "）",
];

fn documents(n: usize) -> Vec<String> {
    let mut x: u64 = 0x9e3779b97f4a7c15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    (0..n)
        .map(|_| {
            let lines = (next() % 120) as usize;
            let mut d = String::new();
            for _ in 0..lines {
                d.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
                d.push(if next() % 9 == 0 { '\t' } else { '\n' });
            }
            d
        })
        .collect()
}

#[test]
fn random_documents_never_panic_and_spans_are_valid() {
    for doc in documents(3000) {
        let a = analyze(&doc, &CheckOptions::default());
        for f in &a.findings {
            assert!(
                f.span.start <= f.span.end && f.span.end <= doc.len(),
                "{f:?} in {doc:?}"
            );
            assert!(
                doc.is_char_boundary(f.span.start) && doc.is_char_boundary(f.span.end),
                "{f:?} in {doc:?}"
            );
            for fix in &f.fixes {
                for e in &fix.edits {
                    assert!(
                        doc.is_char_boundary(e.span.start) && doc.is_char_boundary(e.span.end),
                        "{fix:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn fixing_random_documents_keeps_their_text() {
    for doc in documents(600) {
        let (fixed, _) = gongkai::fix::fix_all(&doc, &CheckOptions::default());
        // Fixes only rewrite cells and labels: every line that had no
        // number or label in it is still there.
        for line in doc
            .lines()
            .filter(|l| l.starts_with('#') || l.starts_with("<!--"))
        {
            assert!(fixed.contains(line), "lost {line:?}");
        }
        assert!(
            fixed.lines().count() >= doc.lines().count(),
            "lines lost:\n{doc:?}\n{fixed:?}"
        );
    }
}

/// A number no count can reach (typed as twenty nines) is GK309, takes no
/// part in sums, and no "safe" fix rewrites the row's total from it.
#[test]
fn implausible_numbers_are_reported_and_never_summed() {
    let row = "| 一、本年新收政府信息公开申请数量 | | | 0 | 0 | 0 | 0 | 0 | 0 | 0 |";
    let bad =
        "| 一、本年新收政府信息公开申请数量 | | | 99999999999999999999 | 0 | 0 | 0 | 0 | 0 | 0 |";
    let doc = gongkai::skeleton::markdown(2023, None).replacen(row, bad, 1);
    assert!(doc.contains(bad));
    let a = analyze(&doc, &CheckOptions::default());
    let at = doc.find("99999999999999999999").unwrap_or(0);
    let codes: Vec<&str> = a.findings.iter().map(|f| f.code).collect();
    let gk309: Vec<_> = a.findings.iter().filter(|f| f.code == "GK309").collect();
    assert_eq!(gk309.len(), 1, "{codes:?}");
    assert_eq!(gk309[0].span, at..at + 20);
    assert_eq!(
        gk309[0].message,
        "“一、本年新收政府信息公开申请数量”的“自然人”填写了“99999999999999999999”，达到一万亿以上，不可能是实际的件数或金额；它不参与合计计算"
    );
    // No sum through that row: no GK201 on it and no balance of its columns.
    assert!(
        !codes.iter().any(|c| *c == "GK201" || *c == "GK202"),
        "{codes:?}"
    );
    let (fixed, _) = gongkai::fix::fix_all(&doc, &CheckOptions::default());
    assert!(fixed.contains(bad), "the row was rewritten");
    assert!(
        !fixed.contains("-9223372036854775"),
        "a wrapped sum was written"
    );
}
