//! The `gongkai` binary as users and CI scripts run it: exit codes, output
//! formats, bad input, `--fix`.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn gongkai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run gongkai")
}

fn gongkai_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write");
    child.wait_with_output().expect("wait")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn seed_path() -> String {
    common::fixtures()
        .join("seed/seed-2020.txt")
        .display()
        .to_string()
}

fn wrong_total() -> String {
    common::replace_after(&common::seed(), "（七）总计", "\t6", "\t7", 1)
}

/// The simple cases, as data: `tests/cmd/*.toml` (arguments, exit code)
/// with the expected output beside each (`TRYCMD=overwrite` to bless).
#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}

#[test]
fn colour_when_asked_and_never_with_no_color() {
    let seed = seed_path();
    let o = gongkai(&["check", "--color", "always", &seed]);
    assert!(
        out(&o).contains("\x1b[1m\x1b[36m提示[GK108]\x1b[0m"),
        "{}",
        out(&o)
    );
    // NO_COLOR is set by `gongkai()`; auto is then plain, as is never.
    for args in [
        vec!["check", &seed],
        vec!["check", "--color", "never", &seed],
    ] {
        let o = gongkai(&args);
        assert!(!out(&o).contains('\x1b'), "{}", out(&o));
        assert!(out(&o).contains("提示[GK108]"), "{}", out(&o));
    }
}

#[test]
fn json_output_has_the_contract_shape() {
    let o = gongkai_stdin(
        &[
            "check",
            "-",
            "--stdin-filename",
            "r/2020.txt",
            "--format",
            "json",
            "--select",
            "GK201",
        ],
        wrong_total().as_bytes(),
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("json");
    assert_eq!(
        v,
        serde_json::json!([{
            "file": "r/2020.txt", "code": "GK201", "rule": "row-total", "severity": "error",
            "message": "“（七）总计”一行的总计应为 6（自然人 6 + 商业企业 0 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0），实际填写 7",
            "range": {"start": {"line": 366, "column": 2}, "end": {"line": 366, "column": 3}},
            "fix": {"message": "把总计改为 6", "applicability": "safe",
                    "edits": [{"range": {"start": {"line": 366, "column": 2}, "end": {"line": 366, "column": 3}}, "new_text": "6"}]}
        }])
    );
}

#[test]
fn sarif_and_github_formats() {
    let o = gongkai_stdin(
        &[
            "check",
            "-",
            "--stdin-filename",
            "a.txt",
            "--format",
            "sarif",
        ],
        wrong_total().as_bytes(),
    );
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("sarif json");
    assert_eq!(v["version"], "2.1.0");
    assert_eq!(v["runs"][0]["columnKind"], "unicodeCodePoints");
    let results = v["runs"][0]["results"].as_array().expect("results");
    let errors: Vec<_> = results.iter().filter(|r| r["level"] == "error").collect();
    assert_eq!(errors.len(), 3);
    assert_eq!(results.len(), 5, "and the two GK108 notes");
    assert_eq!(errors[0]["ruleId"], "GK201");
    assert_eq!(
        errors[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        366
    );
    let o = gongkai_stdin(
        &[
            "check",
            "-",
            "--stdin-filename",
            "a.txt",
            "--format",
            "github",
            "--select",
            "GK201",
        ],
        wrong_total().as_bytes(),
    );
    assert_eq!(out(&o).lines().next().unwrap_or(""), "::error file=a.txt,line=366,col=2,endLine=366,endColumn=3,title=GK201 row-total::“（七）总计”一行的总计应为 6（自然人 6 + 商业企业 0 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0），实际填写 7");
}

#[test]
fn human_output_lines_up_under_cjk() {
    let text = common::seed().replacen("2.其他法律行政法规禁止公开", "2.其他法律行政法规禁公开", 1);
    let o = gongkai_stdin(
        &["check", "-", "--stdin-filename", "x.txt"],
        text.as_bytes(),
    );
    let s = out(&o);
    assert!(s.contains("x.txt:181:2: 警告[GK402] 行名“2.其他法律行政法规禁公开”不标准，应为“2.其他法律行政法规禁止公开”"), "{s}");
    // Tab → 4 columns; each CJK character is two columns wide: 24 columns for "2." and 11 characters.
    assert!(
        s.contains(&format!("    | {}{} 可修复", " ".repeat(4), "^".repeat(24))),
        "{s}"
    );
}

#[test]
fn binary_input_is_exit_two_with_a_message() {
    let dir = tempfile::tempdir().expect("tmp");
    let bin = dir.path().join("x.txt");
    std::fs::write(&bin, b"\x7fELF\x02\x01\x01\x00\x00\x00binary").expect("write");
    let o = gongkai(&["check", &bin.display().to_string()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("not a text file"), "{}", err(&o));
}

#[test]
fn garbage_never_panics() {
    // Empty, random bytes that decode as GB18030, a report with its tables
    // shuffled, a large file.
    let mut inputs: Vec<Vec<u8>> = vec![Vec::new(), b"\n\n\t\t\n|||\n| |\n".to_vec()];
    let mut x: u32 = 12345;
    let noise: Vec<u8> = (0..20_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x % 254 + 1) as u8
        })
        .collect();
    inputs.push(noise);
    let seed = common::seed();
    let mut lines: Vec<String> = seed.lines().map(str::to_owned).collect();
    lines.sort_by_key(|l| l.chars().rev().collect::<String>());
    inputs.push(lines.join("\n").into_bytes());
    let md = common::read("corpus/008-2024-huaian-shi.txt");
    let mut rows: Vec<&str> = md.lines().collect();
    rows.reverse();
    inputs.push(rows.join("\n").into_bytes());
    inputs.push(seed.repeat(2600).into_bytes()); // ~20 MB
    for (i, input) in inputs.iter().enumerate() {
        let o = gongkai_stdin(&["check", "-", "--quiet"], input);
        assert!(
            matches!(o.status.code(), Some(0..=2)),
            "input {i}: {:?} {}",
            o.status,
            err(&o)
        );
        assert!(!err(&o).contains("panicked"), "input {i}: {}", err(&o));
    }
}

#[test]
fn fix_applies_safe_fixes_atomically_and_keeps_everything_else() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("report.txt");
    let broken = wrong_total()
        .replacen(
            "\t1\n\t0\n\t0\n\t0\n\t0\n\t0\n\t1\n",
            "\t１\n\t0\n\t0\n\t0\n\t0\n\t0\n\t1\n",
            1,
        )
        .replace('\n', "\r\n");
    std::fs::write(&p, &broken).expect("write");
    let o = gongkai(&["check", "--fix", &p.display().to_string()]);
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    let fixed = std::fs::read_to_string(&p).expect("read");
    assert_eq!(fixed, common::seed().replace('\n', "\r\n"));
    // Nothing to fix: the file is not rewritten.
    let before = std::fs::metadata(&p)
        .and_then(|m| m.modified())
        .expect("mtime");
    let o = gongkai(&["check", "--fix", &p.display().to_string()]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        std::fs::metadata(&p)
            .and_then(|m| m.modified())
            .expect("mtime"),
        before
    );
}

#[test]
fn fix_keeps_the_file_encoding() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("gbk.txt");
    let source = wrong_total();
    let (bytes, _, _) = encoding_rs::GBK.encode(&source);
    std::fs::write(&p, &bytes).expect("write");
    let o = gongkai(&["check", "--fix", &p.display().to_string()]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(err(&o).contains("按 GB18030 编码读取"), "{}", err(&o));
    let back = std::fs::read(&p).expect("read");
    let (text, _, bad) = encoding_rs::GB18030.decode(&back);
    assert!(!bad);
    assert_eq!(text, common::seed());
}

/// A report title with two section headings is a report, even under
/// --only-reports (a note that only mentions 年度报告 is not: tests/cmd/note-*).
#[test]
fn a_title_and_two_sections_are_a_report() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("r.md");
    std::fs::write(
        &p,
        "# 某县人民政府2023年政府信息公开工作年度报告\n\n一、总体情况\n\n二、主动公开政府信息情况\n",
    )
    .expect("write");
    let o = gongkai(&[
        "check",
        "--only-reports",
        &p.display().to_string(),
        "--quiet",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).contains("检查了 1 个文件"), "{}", out(&o));
}

#[test]
fn folders_config_and_suppression() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("README.md"), "# Notes\n\nnot a report\n").expect("write");
    std::fs::write(dir.path().join("a.txt"), wrong_total()).expect("write");
    let o = gongkai(&["check", &dir.path().display().to_string(), "--quiet"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).contains("检查了 1 个文件：3 个错误"), "{}", out(&o));
    // Named explicitly, a README is checked (and fails) unless --only-reports.
    let readme = dir.path().join("README.md").display().to_string();
    assert_eq!(
        gongkai(&["check", &readme, "--quiet"]).status.code(),
        Some(1)
    );
    let o = gongkai(&["check", "--only-reports", &readme, "--quiet"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(out(&o).contains("检查了 0 个文件"), "{}", out(&o));
    std::fs::write(dir.path().join("gongkai.toml"), "ignore = [\"GK2\"]\n").expect("write");
    let o = gongkai(&["check", &dir.path().display().to_string(), "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    std::fs::write(dir.path().join("gongkai.toml"), "select = [\"GK2\"]\n").expect("write");
    let suppressed = common::replace_after(
        &wrong_total(),
        "（七）总计",
        "\t7",
        "# gongkai-ignore GK201 GK202 GK203\n\t7",
        0,
    );
    std::fs::write(dir.path().join("a.txt"), suppressed).expect("write");
    let o = gongkai(&["check", &dir.path().display().to_string()]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    std::fs::write(dir.path().join("gongkai.toml"), "report-format = 2021\n").expect("write");
    let o = gongkai(&["check", &dir.path().display().to_string()]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "a bad config is the command's failure"
    );
}

#[test]
fn new_skeletons_check_clean() {
    for args in [
        &["new", "--year", "2020"][..],
        &["new", "--year", "2024"],
        &["new", "--year", "2023", "--format", "2021"],
    ] {
        let o = gongkai(args);
        assert_eq!(o.status.code(), Some(0));
        let c = gongkai_stdin(&["check", "-", "--stdin-filename", "new.md"], &o.stdout);
        assert_eq!(c.status.code(), Some(0), "{args:?}: {}", out(&c));
        assert!(out(&c).contains("没有发现问题"), "{args:?}: {}", out(&c));
    }
}

#[test]
fn explain_and_article() {
    let o = gongkai(&["explain", "GK202"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(out(&o).contains("本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和"));
    let o = gongkai(&["explain", "--all"]);
    assert_eq!(out(&o).lines().count(), gongkai::rules::RULES.len());
    let o = gongkai(&["article", "20.5"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        out(&o).contains("▶ （五）办理行政许可和其他对外管理服务事项"),
        "{}",
        out(&o)
    );
    let o = gongkai(&["article", "57"]);
    assert_eq!(o.status.code(), Some(2));
}
