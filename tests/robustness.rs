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

/// A report with one safe fix (a full-width 0) and what `--fix` makes of it.
fn fixable() -> (String, String) {
    let good = gongkai::skeleton::markdown(2023, None);
    let bad = good.replacen("| 行政事业性收费 | 0 |", "| 行政事业性收费 | ０ |", 1);
    assert_ne!(good, bad);
    (bad, good)
}

fn fix_file(path: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["check", "--fix", "--quiet"])
        .arg(path)
        .output()
        .expect("run gongkai")
}

/// A line appended after the file was read is never lost: the write is
/// refused and says why.
#[test]
fn fixes_are_not_written_over_a_file_that_changed() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("r.md");
    let (bad, good) = fixable();
    std::fs::write(&path, &bad).expect("write");
    let read = std::fs::read(&path).expect("read");
    let appended = format!("{bad}\n补充的一行\n");
    std::fs::write(&path, &appended).expect("append");
    let e = gongkai::fix::write_back(&path, &read, &good, gongkai::text::Encoding::Utf8)
        .expect_err("refused");
    assert_eq!(
        e.to_string(),
        "文件在检查期间被修改了，没有写入修复，以免丢失这些修改；请重新运行"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), appended);
    // Unchanged: written.
    let read = std::fs::read(&path).expect("read");
    let fixed = appended.replacen('０', "0", 1);
    gongkai::fix::write_back(&path, &read, &fixed, gongkai::text::Encoding::Utf8).expect("written");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), fixed);
}

/// `--fix` on a symbolic link fixes its target and leaves the link a link;
/// the file keeps its permissions.
#[cfg(unix)]
#[test]
fn fix_through_a_symlink_keeps_the_link_and_the_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tmp");
    let (bad, good) = fixable();
    let real = dir.path().join("real.md");
    std::fs::write(&real, &bad).expect("write");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink("real.md", &link).expect("symlink");
    let out = fix_file(&link);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(std::fs::symlink_metadata(&link)
        .expect("meta")
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(&real).expect("read"), good);
    let mode = std::fs::metadata(&real).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}

/// A read-only file and a file with another hard link are left alone, with
/// exit 2 and a message saying why.
#[cfg(unix)]
#[test]
fn fix_refuses_read_only_files_and_hard_links() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tmp");
    let (bad, _) = fixable();
    let ro = dir.path().join("ro.md");
    std::fs::write(&ro, &bad).expect("write");
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let out = fix_file(&ro);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ro.md: 文件是只读的，没有写入修复"), "{err}");
    assert_eq!(std::fs::read_to_string(&ro).expect("read"), bad);

    let a = dir.path().join("a.md");
    let b = dir.path().join("b.md");
    std::fs::write(&a, &bad).expect("write");
    std::fs::hard_link(&a, &b).expect("link");
    let out = fix_file(&a);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a.md: 文件有 2 个硬链接"), "{err}");
    assert_eq!(std::fs::read_to_string(&b).expect("read"), bad);
    use std::os::unix::fs::MetadataExt;
    assert_eq!(
        std::fs::metadata(&a).expect("meta").ino(),
        std::fs::metadata(&b).expect("meta").ino()
    );
}

fn gongkai_with_stdin(args: &[&str], stdin: &[u8]) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run gongkai");
    if let Some(mut i) = child.stdin.take() {
        i.write_all(stdin).expect("stdin");
    }
    child.wait_with_output().expect("output")
}

/// `check --fix -`: standard output is the fixed text alone (also when
/// nothing was fixed); the findings, in any format, go to standard error.
#[test]
fn fix_from_standard_input_keeps_standard_output_for_the_text() {
    let (bad, good) = fixable();
    let o = gongkai_with_stdin(
        &[
            "check",
            "--fix",
            "-",
            "--stdin-filename",
            "r.md",
            "--format",
            "json",
        ],
        bad.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert_eq!(String::from_utf8_lossy(&o.stdout), good);
    let findings: serde_json::Value =
        serde_json::from_slice(&o.stderr).expect("standard error is the JSON");
    assert_eq!(findings, serde_json::json!([]));
    // Nothing to fix: the text comes back unchanged.
    let o = gongkai_with_stdin(
        &["check", "--fix", "-", "--stdin-filename", "r.md"],
        good.as_bytes(),
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout), good);
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "检查了 1 个文件，没有发现问题。\n"
    );
}

/// A missing or binary file is never summed up as "no problems".
#[test]
fn unreadable_inputs_are_said_in_the_summary() {
    let dir = tempfile::tempdir().expect("tmp");
    let missing = dir.path().join("missing.md");
    let binary = dir.path().join("binary.md");
    std::fs::write(&binary, b"\x00\x01\x02gongkai\x00").expect("write");
    for p in [&missing, &binary] {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .arg("check")
            .arg(p)
            .output()
            .expect("run");
        assert_eq!(o.status.code(), Some(2), "{o:?}");
        assert_eq!(
            String::from_utf8_lossy(&o.stdout),
            "没有检查任何文件：1 个文件无法检查（原因见上）。\n"
        );
        assert!(String::from_utf8_lossy(&o.stderr).contains(&p.display().to_string()));
    }
    // Beside a report that was checked.
    let (_, good) = fixable();
    let report = dir.path().join("r.md");
    std::fs::write(&report, good).expect("write");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .arg("check")
        .arg(&report)
        .arg(&missing)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "检查了 1 个文件，没有发现问题。另有 1 个文件无法检查（原因见上）。\n"
    );
}

/// Many files: each file's output in the order given, whatever order the
/// workers finish in; JSON stays one array.
#[test]
fn outputs_come_in_input_order() {
    let dir = tempfile::tempdir().expect("tmp");
    let (bad, good) = fixable();
    let mut paths = Vec::new();
    for i in 0..40 {
        let p = dir.path().join(format!("r{i:02}.md"));
        // Every third file has a finding; sizes differ so workers finish
        // out of order.
        let text = if i % 3 == 0 {
            bad.clone()
        } else {
            good.clone()
        };
        std::fs::write(&p, text.repeat(1 + i % 4)).expect("write");
        paths.push(p.display().to_string());
    }
    let mut args = vec!["check".to_string(), "--format".into(), "json".into()];
    args.extend(paths.iter().cloned());
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(&args)
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let files: Vec<&str> = v
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["file"].as_str())
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    assert!(files.len() >= 14, "{files:?}");
}
