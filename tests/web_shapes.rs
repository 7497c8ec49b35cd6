//! Reports in the shapes people copy from web pages, and as published HTML
//! and Word files: real excerpts (tests/fixtures/web-shapes, see its
//! README) give exactly their ground truth, and the `gongkai new` skeleton
//! rewritten in every shape reads clean and puts a changed 总计 on its cell.

// Grids of merged cells read more plainly by row and column index.
#![allow(clippy::needless_range_loop)]

mod common;

use gongkai::check::{analyze_as, analyze_view};
use gongkai::read::{docx, Shape};
use gongkai::{Analysis, CheckOptions, Finding};
use std::collections::BTreeMap;

fn fixture(name: &str) -> String {
    common::read(&format!("web-shapes/{name}"))
}

fn check(text: &str, ext: &str) -> Analysis {
    analyze_as(text, Some(ext), None, &CheckOptions::default())
}

fn counts(findings: &[Finding]) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for f in findings {
        *m.entry(f.code).or_insert(0) += 1;
    }
    m
}

/// Every file's findings by code. What is there is read (no table or row
/// that is present reported missing); blank cells are GK305; what the
/// excerpt cuts off is reported as missing (GK101/GK103/GK104/GK105, and the
/// title GK107 where the excerpt starts after it).
#[test]
fn each_excerpt_gives_its_ground_truth() {
    let want: &[(&str, &[(&str, usize)])] = &[
        (
            "101-2023-xuwen-sfj.txt",
            &[("GK101", 3), ("GK104", 16), ("GK107", 1), ("GK305", 53)],
        ),
        (
            "101-2023-xuwen-sfj.md",
            &[("GK101", 3), ("GK104", 16), ("GK107", 1), ("GK305", 53)],
        ),
        (
            "103-2022-wuqi-swj.txt",
            &[("GK101", 3), ("GK103", 1), ("GK107", 1), ("GK402", 1)],
        ),
        (
            "103-2022-wuqi-swj.md",
            &[("GK101", 3), ("GK103", 1), ("GK107", 1), ("GK402", 1)],
        ),
        (
            "105-2023-cangxi-xczxj.txt",
            &[("GK101", 3), ("GK103", 1), ("GK107", 1)],
        ),
        (
            "105-2023-cangxi-xczxj.md",
            &[("GK101", 3), ("GK103", 1), ("GK107", 1)],
        ),
        // The title stands after the page's 索引号/文号/所属机构 lines.
        ("112-2025-pingchuan-bgs.txt", &[("GK101", 5)]),
        (
            "202-2019-ankang-bm.txt",
            &[("GK101", 3), ("GK104", 23), ("GK107", 1)],
        ),
        // 一、工作基本情况 is not the standard 一、总体情况; the excerpt is cut
        // inside table 3's first result row; 采购总金额 has no unit.
        (
            "205-2020-liangcheng-zhen.txt",
            &[
                ("GK101", 4),
                ("GK104", 20),
                ("GK105", 1),
                ("GK107", 1),
                ("GK303", 1),
            ],
        ),
        ("216-2025-ceshi-shi.txt", &[]),
        ("216-2025-ceshi-shi.md", &[]),
        ("216-2025-ceshi-shi.html", &[]),
    ];
    for (name, codes) in want {
        let text = fixture(name);
        let ext = name.rsplit('.').next().unwrap_or("");
        let a = check(&text, ext);
        let want: BTreeMap<&str, usize> = codes.iter().copied().collect();
        assert_eq!(counts(&a.findings), want, "{name}");
        // Every tables that is there is read: no table or row reported
        // missing before the point where the excerpt stops.
        for f in &a.findings {
            if matches!(f.code, "GK103" | "GK104") {
                let after = text[f.span.start..].trim();
                assert!(
                    after.lines().count() <= 3,
                    "{name}: {} {} at {:?} is not at the cut",
                    f.code,
                    f.message,
                    f.span
                );
            }
            if f.code == "GK305" {
                assert!(text[f.span.clone()].trim().is_empty(), "{name}: {f:?}");
            }
        }
    }
}

/// The pasted text and the Markdown of one report give the same findings.
#[test]
fn twins_give_the_same_findings() {
    for stem in [
        "101-2023-xuwen-sfj",
        "103-2022-wuqi-swj",
        "105-2023-cangxi-xczxj",
    ] {
        let msgs = |ext: &str| -> Vec<(&'static str, String)> {
            check(&fixture(&format!("{stem}.{ext}")), ext)
                .findings
                .into_iter()
                .map(|f| (f.code, f.message))
                .collect()
        };
        assert_eq!(msgs("txt"), msgs("md"), "{stem}");
    }
}

/// 216's 表二 总计 13810 changed to 13811 is reported on that cell in the
/// browser copy, the Markdown and the published HTML.
#[test]
fn a_changed_total_is_found_on_its_cell_in_every_shape() {
    for ext in ["txt", "md", "html"] {
        let text = fixture(&format!("216-2025-ceshi-shi.{ext}")).replace("13810", "13811");
        let at = text.find("13811").expect("the total");
        let a = check(&text, ext);
        let codes: Vec<_> = a.findings.iter().map(|f| f.code).collect();
        assert_eq!(
            codes,
            ["GK201", "GK202", "GK203"],
            "{ext}: {:#?}",
            a.findings
        );
        for f in &a.findings {
            assert_eq!(f.span, at..at + 5, "{ext}: {f:?}");
        }
    }
}

/// The HTML's findings are on the cell's line of the .html file.
#[test]
fn html_positions_are_the_cells_in_the_file() {
    let text = fixture("216-2025-ceshi-shi.html").replace(">13810<", ">13811<");
    let a = check(&text, "html");
    let f = a.findings.first().expect("a finding");
    let index = gongkai::text::LineIndex::new(&text);
    let want = text
        .lines()
        .position(|l| l.contains(">13811<"))
        .expect("the row");
    assert_eq!(index.line_of(f.span.start), want);
    assert_eq!(&text[f.span.clone()], "13811");
}

// ---- the skeleton in every shape -------------------------------------

/// One table of the skeleton: its rows of cells.
type Table = Vec<Vec<String>>;

enum Block {
    Line(String),
    Table(Table),
}

/// The `gongkai new` skeleton with every 0 kept, and (七)总计's 总计 cell set
/// to `total`.
fn skeleton(total: &str) -> Vec<Block> {
    let md = gongkai::skeleton::markdown(2024, None);
    let mut blocks = Vec::new();
    let mut table: Table = Vec::new();
    for line in md.lines() {
        let t = line.trim();
        if t.starts_with('|') {
            if t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
                continue;
            }
            let inner = t.strip_prefix('|').unwrap_or(t);
            let inner = inner.strip_suffix('|').unwrap_or(inner);
            let mut cells: Vec<String> = inner.split('|').map(|c| c.trim().to_string()).collect();
            if cells.iter().any(|c| c.contains("（七）总计")) {
                if let Some(last) = cells.last_mut() {
                    *last = total.to_string();
                }
            }
            table.push(cells);
            continue;
        }
        if !table.is_empty() {
            blocks.push(Block::Table(std::mem::take(&mut table)));
        }
        if !t.is_empty() {
            blocks.push(Block::Line(t.trim_start_matches('#').trim().to_string()));
        }
    }
    if !table.is_empty() {
        blocks.push(Block::Table(table));
    }
    blocks
}

/// Write the skeleton as pasted text, each table row by `row`.
fn pasted(blocks: &[Block], row: impl Fn(&[String]) -> String) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Line(l) => {
                out.push_str(l);
                out.push('\n');
            }
            Block::Table(t) => {
                for r in t {
                    out.push_str(&row(r));
                }
            }
        }
    }
    out
}

/// `a | b | c |`: every cell followed by its pipe.
fn trailing_pipes(r: &[String]) -> String {
    let mut s: String = r.iter().map(|c| format!("{c} | ")).collect();
    s.truncate(s.trim_end().len());
    s + "\n"
}

/// `cell |` one a line, a run of empty cells as one line of pipes.
fn cell_a_line(r: &[String]) -> String {
    let mut s = String::new();
    let mut empties = 0;
    for c in r {
        if c.is_empty() {
            empties += 1;
            continue;
        }
        if empties > 0 {
            s.push_str(&"|".repeat(empties));
            s.push('\n');
            empties = 0;
        }
        s.push_str(&format!("{c} |\n"));
    }
    if empties > 0 {
        s.push_str(&"|".repeat(empties));
        s.push('\n');
    }
    s
}

/// A cell line, then a bare `|` line; an empty cell is the `|` alone.
fn bare_pipe_lines(r: &[String]) -> String {
    r.iter()
        .map(|c| {
            if c.is_empty() {
                "|\n".to_string()
            } else {
                format!("{c}\n|\n")
            }
        })
        .collect()
}

/// PDF text: labels on their own lines (table 三's headers broken in two),
/// the numbers of a row on one line.
fn pdf_row(r: &[String]) -> String {
    let mut s = String::new();
    let numbers: Vec<&str> = r
        .iter()
        .map(String::as_str)
        .filter(|c| c.chars().all(|ch| ch.is_ascii_digit()) && !c.is_empty())
        .collect();
    for c in r
        .iter()
        .filter(|c| !c.is_empty() && !numbers.contains(&c.as_str()))
    {
        let chars: Vec<char> = c.chars().collect();
        if r.len() == 15 && chars.len() == 4 {
            // 结果维持 → 结果 ⏎ 维持
            s.push_str(&chars[..2].iter().collect::<String>());
            s.push('\n');
            s.push_str(&chars[2..].iter().collect::<String>());
        } else {
            s.push_str(c);
        }
        s.push('\n');
    }
    if numbers.len() >= 3 {
        s.push_str(&numbers.join(" "));
        s.push('\n');
    } else {
        for n in numbers {
            s.push_str(n);
            s.push('\n');
        }
    }
    s
}

/// The skeleton as a published page: each table on its logical grid with
/// merged label cells as `rowspan`/`colspan`, blanks as `&nbsp;`, values
/// wrapped the way Word's HTML wraps them.
fn html(blocks: &[Block]) -> String {
    let mut out = String::from("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>");
    if let Some(Block::Line(t)) = blocks.first() {
        out.push_str(t);
    }
    out.push_str("</title><style>td{}</style></head>\n<body><div class=\"zoom\">\n");
    for b in blocks.iter().skip(1) {
        match b {
            Block::Line(l) => out.push_str(&format!("<p class=\"MsoNormal\">{l}<o:p></o:p></p>\n")),
            Block::Table(t) => out.push_str(&html_table(t)),
        }
    }
    out.push_str("</div></body></html>\n");
    out
}

/// The merged cells of a skeleton table: a label's empty slots below it
/// (its whole width empty there) are a rowspan, those right of it a colspan.
/// `owner[r][c]` is the cell covering a slot, `span` a cell's (rows, cols).
#[allow(clippy::type_complexity)]
fn merged(
    t: &Table,
) -> (
    Vec<Vec<Option<(usize, usize)>>>,
    Vec<Vec<(usize, usize)>>,
    usize,
) {
    let width = t.iter().map(Vec::len).max().unwrap_or(0);
    // owner[r][c]: the (row, col) of the cell that covers the slot.
    let mut owner = vec![vec![None::<(usize, usize)>; width]; t.len()];
    let mut span = vec![vec![(1usize, 1usize); width]; t.len()]; // (rows, cols)
    for r in 0..t.len() {
        for c in 0..width {
            if owner[r][c].is_some() {
                continue;
            }
            let cell = t[r].get(c).map_or("", String::as_str);
            if !cell.is_empty() {
                owner[r][c] = Some((r, c));
                continue;
            }
            // Down from the cell above, when its whole width is empty here.
            if let Some((or, oc)) = r.checked_sub(1).and_then(|u| owner[u][c]) {
                let (rows, cols) = span[or][oc];
                let free = (oc..oc + cols)
                    .all(|k| t[r].get(k).is_none_or(|s| s.is_empty()) && owner[r][k].is_none());
                if oc == c && or + rows == r && free {
                    span[or][oc].0 += 1;
                    for k in oc..oc + cols {
                        owner[r][k] = Some((or, oc));
                    }
                    continue;
                }
            }
            // Right of a cell on this row.
            if let Some((or, oc)) = c.checked_sub(1).and_then(|l| owner[r][l]) {
                if or == r && span[or][oc].0 == 1 && oc + span[or][oc].1 == c {
                    span[or][oc].1 += 1;
                    owner[r][c] = Some((or, oc));
                    continue;
                }
            }
            owner[r][c] = Some((r, c));
        }
    }
    (owner, span, width)
}

fn html_table(t: &Table) -> String {
    let (owner, span, width) = merged(t);
    let mut s = String::from("<table border=\"1\"><tbody>\n");
    for r in 0..t.len() {
        s.push_str("<tr>");
        for c in 0..width {
            if owner[r][c] != Some((r, c)) {
                continue;
            }
            let (rows, cols) = span[r][c];
            let mut attrs = String::new();
            if rows > 1 {
                attrs.push_str(&format!(" rowspan=\"{rows}\""));
            }
            if cols > 1 {
                attrs.push_str(&format!(" colspan={cols}"));
            }
            let cell = t[r].get(c).map_or("", String::as_str);
            let body = if cell.is_empty() {
                "&nbsp;".to_string()
            } else if cell.chars().all(|ch| ch.is_ascii_digit()) {
                format!("<p align=\"center\"><span lang=\"EN-US\">{cell}<o:p></o:p></span></p>")
            } else {
                format!("<p><span>{cell}</span></p>")
            };
            s.push_str(&format!("<td{attrs}>{body}</td>"));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody></table>\n");
    s
}

/// The skeleton as a .docx: paragraphs and tables, merged cells as Word
/// writes them (`gridSpan`, `vMerge`).
fn docx_bytes(blocks: &[Block]) -> Vec<u8> {
    use std::io::Write;
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let mut body = String::new();
    for b in blocks {
        match b {
            Block::Line(l) => body.push_str(&format!(
                "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                esc(l)
            )),
            Block::Table(t) => {
                let (owner, span, width) = merged(t);
                body.push_str("<w:tbl><w:tblPr/>");
                for r in 0..t.len() {
                    body.push_str("<w:tr>");
                    for c in 0..width {
                        let Some((or, oc)) = owner[r][c] else { continue };
                        if oc != c {
                            continue;
                        }
                        let (rows, cols) = span[or][oc];
                        let merge = if or < r {
                            "<w:vMerge/>"
                        } else if rows > 1 {
                            "<w:vMerge w:val=\"restart\"/>"
                        } else {
                            ""
                        };
                        let grid = if cols > 1 {
                            format!("<w:gridSpan w:val=\"{cols}\"/>")
                        } else {
                            String::new()
                        };
                        let text = if or < r { "" } else { t[r].get(c).map_or("", String::as_str) };
                        body.push_str(&format!(
                            "<w:tc><w:tcPr>{grid}{merge}</w:tcPr><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>",
                            esc(text)
                        ));
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
        }
    }
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("[Content_Types].xml", opts).expect("zip");
        zip.write_all(b"<?xml version=\"1.0\"?><Types/>")
            .expect("zip");
        zip.start_file("word/document.xml", opts).expect("zip");
        zip.write_all(xml.as_bytes()).expect("zip");
        zip.finish().expect("zip");
    }
    buf.into_inner()
}

type Writer = fn(&[Block]) -> String;

fn shapes() -> Vec<(&'static str, &'static str, Writer)> {
    vec![
        ("a | b | c |", "txt", |b| pasted(b, trailing_pipes)),
        ("cell | one a line, ||| runs", "txt", |b| {
            pasted(b, cell_a_line)
        }),
        ("cell line, bare | line", "txt", |b| {
            pasted(b, bare_pipe_lines)
        }),
        ("PDF text", "txt", |b| pasted(b, pdf_row)),
        ("HTML with rowspan/colspan", "html", html),
    ]
}

#[test]
fn the_skeleton_reads_clean_in_every_shape() {
    let blocks = skeleton("0");
    for (shape, ext, write) in shapes() {
        let text = write(&blocks);
        let a = check(&text, ext);
        assert!(a.findings.is_empty(), "{shape}:\n{text}\n{:#?}", a.findings);
        let b = a.report.applications.as_ref().expect("table 2");
        assert_eq!(b.rows.len(), 25, "{shape}");
        assert_eq!(
            a.report.review.as_ref().map(|c| c.cells.len()),
            Some(15),
            "{shape}"
        );
    }
}

#[test]
fn a_changed_total_is_on_its_cell_in_every_shape() {
    // The Markdown skeleton says which findings follow.
    let md = gongkai::skeleton::markdown(2024, None);
    let mut rows = md.lines().filter(|l| l.contains("（七）总计"));
    let row = rows.next().expect("the total row");
    let changed = md.replace(
        row,
        &format!("{}99 |", row.trim_end().trim_end_matches("0 |")),
    );
    let want: Vec<_> = check(&changed, "md")
        .findings
        .iter()
        .map(|f| f.code)
        .collect();
    assert_eq!(want, ["GK201", "GK202", "GK203"]);

    let blocks = skeleton("99");
    for (shape, ext, write) in shapes() {
        let text = write(&blocks);
        let at = text.find("99").expect("the changed cell");
        let a = check(&text, ext);
        let got: Vec<_> = a.findings.iter().map(|f| f.code).collect();
        assert_eq!(got, want, "{shape}:\n{text}");
        for f in &a.findings {
            assert_eq!(f.span, at..at + 2, "{shape}: {f:?}");
        }
    }
}

#[test]
fn a_docx_reads_clean_and_names_the_changed_cell() {
    let clean = docx_bytes(&skeleton("0"));
    assert_eq!(Shape::detect(&clean, Some("docx")), Shape::Docx);
    let view = docx::read(&clean).expect("a .docx");
    let a = analyze_view(&view, None, &CheckOptions::default());
    assert!(a.findings.is_empty(), "{}\n{:#?}", view.text, a.findings);

    let changed = docx::read(&docx_bytes(&skeleton("99"))).expect("a .docx");
    let a = analyze_view(&changed, None, &CheckOptions::default());
    let got: Vec<_> = a.findings.iter().map(|f| f.code).collect();
    assert_eq!(got, ["GK201", "GK202", "GK203"], "{}", changed.text);
    let at = changed.text.find("99").expect("the cell");
    for f in &a.findings {
        assert_eq!(f.span, at..at + 2);
        // 表二 is the file's fifth table (after the four of 表一).
        assert!(
            f.message.ends_with("（位置：第5个表格第25行第10列）"),
            "{}",
            f.message
        );
    }
}

#[test]
fn broken_docx_and_html_never_panic() {
    let whole = docx_bytes(&skeleton("0"));
    for cut in [4, 30, whole.len() / 2, whole.len() - 10] {
        let err = docx::read(&whole[..cut]).expect_err("a truncated zip");
        assert!(err.to_string().contains("无法读取"), "{err}");
    }
    let html = html(&skeleton("0"));
    for cut in (0..html.len()).step_by(97) {
        let Some(part) = html.get(..cut) else {
            continue;
        };
        let _ = check(part, "html");
    }
    for nasty in [
        "<table><tr><td rowspan=0 colspan=-1>1<td rowspan=99999>2",
        "<table><table><table><tr><td></table>",
        &"<div>".repeat(5000),
        "<p>&#x110000;&bogus;&nbsp</p><!-- gongkai-ignore",
    ] {
        let _ = check(nasty, "html");
    }
}

/// A value cell that holds only `&nbsp;<o:p></o:p>` (Word's HTML for an
/// empty cell) is blank: GK305, pointing inside that cell.
#[test]
fn an_html_blank_cell_is_blank() {
    let page = html(&skeleton("0"));
    let zero = "<span lang=\"EN-US\">0<o:p></o:p></span>";
    let at = page.find(zero).expect("a value cell");
    let page = page.replacen(zero, "&nbsp;<o:p></o:p>", 1);
    let a = check(&page, "html");
    let codes: Vec<_> = a.findings.iter().map(|f| f.code).collect();
    assert_eq!(codes, ["GK305"], "{:#?}", a.findings);
    let f = &a.findings[0];
    // The point just inside the blank cell's <td>.
    let inside = page[..at].rfind("<td>").expect("its td") + "<td>".len();
    assert_eq!(f.span, inside..inside, "{f:?}");
}

/// Headings and labels in traditional characters read like simplified ones.
#[test]
fn traditional_characters_read_as_simplified() {
    let md = gongkai::skeleton::markdown(2024, None)
        .replace("一、总体情况", "一、總體情況")
        .replace(
            "收到和处理政府信息公开申请情况",
            "收到和處理政府信息公開申請情況",
        )
        .replace(
            "一、本年新收政府信息公开申请数量",
            "一、本年新收政府信息公開申請數量",
        );
    let a = check(&md, "md");
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    assert_eq!(a.report.sections.len(), 6);
}

/// `# gongkai-ignore GK201` in pasted text silences the row after it (the
/// next block, whatever line it is on), and is not read as a heading.
#[test]
fn plain_text_suppression_comment() {
    let text = pasted(&skeleton("99"), trailing_pipes);
    let at = text.find("（七）总计").expect("total row");
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let mut silenced = text.clone();
    silenced.insert_str(line_start, "# gongkai-ignore GK201\n\n");
    let a = check(&silenced, "txt");
    let codes: Vec<_> = a.findings.iter().map(|f| f.code).collect();
    assert_eq!(codes, ["GK202", "GK203"], "{:#?}", a.findings);
    assert_eq!(a.report.sections.len(), 6);
}

// ---- the command line over published files ---------------------------

fn gongkai(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run gongkai")
}

/// A folder of published files is checked like one of Markdown: .html and
/// .docx are found and read; what cannot be read is counted and explained.
#[test]
fn folders_of_pages_and_word_files() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let page = fixture("216-2025-ceshi-shi.html").replace(">13810<", ">13811<");
    std::fs::write(d.join("216.html"), &page).expect("write");
    std::fs::write(d.join("new.docx"), docx_bytes(&skeleton("99"))).expect("write");
    let o = gongkai(&["check", "--format", "json", &d.display().to_string()]);
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let found: Vec<(String, String, u64)> = json
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["file"]
                    .as_str()
                    .unwrap_or("")
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_string(),
                f["code"].as_str().unwrap_or("").to_string(),
                f["range"]["start"]["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let line = 1 + page
        .lines()
        .position(|l| l.contains(">13811<"))
        .expect("row") as u64;
    let html: Vec<_> = found.iter().filter(|f| f.0 == "216.html").collect();
    assert_eq!(html.len(), 3, "{found:?}");
    assert!(html.iter().all(|f| f.2 == line), "{found:?}");
    let word: Vec<_> = json
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["file"].as_str().is_some_and(|p| p.ends_with("new.docx")))
        .collect();
    assert_eq!(word.len(), 3, "{found:?}");
    assert!(word.iter().all(|f| f["message"]
        .as_str()
        .is_some_and(|m| m.contains("第5个表格第25行第10列"))));

    // Nothing readable: said, and not a clean exit.
    let broken = tempfile::tempdir().expect("tmp");
    std::fs::write(
        broken.path().join("a.docx"),
        &docx_bytes(&skeleton("0"))[..100],
    )
    .expect("write");
    let o = gongkai(&["check", &broken.path().display().to_string()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("跳过了 1 个文件") && err.contains("无法读取"),
        "{err}"
    );
}

#[test]
fn fix_refuses_pages_and_word_files() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("216.html");
    let page = fixture("216-2025-ceshi-shi.html");
    std::fs::write(&p, &page).expect("write");
    let o = gongkai(&["check", "--fix", &p.display().to_string()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--fix 不修改 HTML 和 .docx 文件"));
    assert_eq!(std::fs::read_to_string(&p).expect("read"), page);
}
