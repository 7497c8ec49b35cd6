//! Word `.docx` files: the zip's `word/document.xml`, read with quick-xml,
//! laid out as Markdown — each body paragraph a line, each table on its
//! logical grid (`gridSpan` and `vMerge` expanded). A .docx has no text
//! positions a reader could go to, so the laid-out text is what positions
//! are counted in, and every block is also named (`第3段`,
//! `第2个表格第5行第3列`) for the findings' messages.

use std::io::Read;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::view::{ReadError, View};

/// Larger files are refused: a report is a few MB at most, images included.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The unpacked document part: beyond this it is a zip bomb, not a report.
pub const MAX_XML_BYTES: u64 = 16 * 1024 * 1024;
/// Grid slots of all tables together: merged cells beyond this are read as
/// single cells, and short rows are padded only within it.
const MAX_SLOTS: usize = 1 << 20;

/// Read the body of a .docx.
pub fn read(bytes: &[u8]) -> Result<View, ReadError> {
    read_limited(bytes, MAX_XML_BYTES)
}

fn read_limited(bytes: &[u8], max_xml: u64) -> Result<View, ReadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            what: ".docx 文件",
            limit: MAX_FILE_BYTES,
        });
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ReadError::Corrupt(format!("不是完整的 .docx（zip）文件（{e}）")))?;
    let mut part = zip
        .by_name("word/document.xml")
        .map_err(|_| ReadError::Corrupt("其中没有 word/document.xml，不是 Word 文档".into()))?;
    let too_large = ReadError::TooLarge {
        what: ".docx 的正文部分解压后",
        limit: max_xml,
    };
    if part.size() > max_xml {
        return Err(too_large);
    }
    let mut xml = Vec::new();
    // The declared size may lie: never unpack more than the limit.
    (&mut part)
        .take(max_xml + 1)
        .read_to_end(&mut xml)
        .map_err(|e| ReadError::Corrupt(format!(".docx 的正文部分已损坏（{e}）")))?;
    if xml.len() as u64 > max_xml {
        return Err(too_large);
    }
    let xml = String::from_utf8(xml)
        .map_err(|_| ReadError::Corrupt(".docx 的正文部分不是 UTF-8".into()))?;
    layout(&xml)
}

#[derive(Default)]
struct CellBuf {
    text: String,
    /// `gridSpan`: how many grid columns the cell covers.
    cols: usize,
    /// Continues the merged cell above (`vMerge` without `restart`).
    continued: bool,
}

/// Lay the document part out as Markdown.
pub fn layout(xml: &str) -> Result<View, ReadError> {
    let mut reader = Reader::from_str(xml);
    let mut view = View::identity();
    let mut para = String::new();
    let mut paragraphs = 0usize;
    let mut tables = 0usize;
    let mut depth = 0usize;
    let mut rows: Vec<Vec<CellBuf>> = Vec::new();
    let mut in_text = false;
    let mut slots = MAX_SLOTS;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| ReadError::Corrupt(format!(".docx 的正文部分不是有效的 XML（{e}）")))?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"tbl" => {
                    depth += 1;
                    if depth == 1 {
                        rows.clear();
                    }
                }
                b"tr" if depth == 1 => rows.push(Vec::new()),
                b"tc" if depth == 1 => {
                    if let Some(r) = rows.last_mut() {
                        r.push(CellBuf {
                            cols: 1,
                            ..CellBuf::default()
                        });
                    }
                }
                b"t" => in_text = true,
                b"vMerge" => mark_merge(&e, &mut rows),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"gridSpan" if depth == 1 => {
                    let n = attr(&e, b"val")
                        .and_then(|v| v.parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, 64);
                    if let Some(c) = rows.last_mut().and_then(|r| r.last_mut()) {
                        if n <= slots {
                            slots -= n;
                            c.cols = n;
                        }
                    }
                }
                b"vMerge" => mark_merge(&e, &mut rows),
                b"tab" | b"br" => push_text(depth, &mut rows, &mut para, " "),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" if depth == 0 => {
                    paragraphs += 1;
                    let line = para.trim();
                    if !line.is_empty() {
                        view.mark_place(format!("第{paragraphs}段"));
                        view.push_synthetic(&line.replace('|', "｜"));
                    }
                    view.push_synthetic("\n");
                    para.clear();
                }
                b"tbl" => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        tables += 1;
                        emit_table(&mut view, tables, &rows, &mut slots);
                        rows.clear();
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                let s = t
                    .decode()
                    .map_err(|e| ReadError::Corrupt(format!(".docx 的文字无法解码（{e}）")))?;
                push_text(depth, &mut rows, &mut para, &s);
            }
            Event::GeneralRef(r) if in_text => {
                let ch = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*r {
                        b"amp" => Some('&'),
                        b"lt" => Some('<'),
                        b"gt" => Some('>'),
                        b"quot" => Some('"'),
                        b"apos" => Some('\''),
                        // Other entities are not expanded (no DTD bombs).
                        _ => None,
                    },
                };
                if let Some(c) = ch {
                    push_text(depth, &mut rows, &mut para, c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(view)
}

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name)
            .then(|| String::from_utf8_lossy(&a.value).into_owned())
    })
}

fn mark_merge(e: &BytesStart, rows: &mut [Vec<CellBuf>]) {
    let restart = attr(e, b"val").is_some_and(|v| v == "restart");
    if let Some(c) = rows.last_mut().and_then(|r| r.last_mut()) {
        c.continued = !restart;
    }
}

fn push_text(depth: usize, rows: &mut [Vec<CellBuf>], para: &mut String, s: &str) {
    if depth == 0 {
        para.push_str(s);
    } else if let Some(c) = rows.last_mut().and_then(|r| r.last_mut()) {
        c.text.push_str(s);
    }
}

fn emit_table(view: &mut View, number: usize, rows: &[Vec<CellBuf>], slots: &mut usize) {
    let width = rows
        .iter()
        .map(|r| r.iter().map(|c| c.cols).sum::<usize>())
        .max()
        .unwrap_or(0);
    if width == 0 {
        return;
    }
    // Blank lines around it: Markdown runs a table on over the lines that
    // follow it (and into the next table).
    if !view.ends_line() {
        view.push_synthetic("\n");
    }
    view.push_synthetic("\n");
    for (r, row) in rows.iter().enumerate() {
        view.push_synthetic("|");
        let mut col = 0;
        for cell in row {
            for k in 0..cell.cols {
                col += 1;
                view.push_synthetic(" ");
                if k == 0 {
                    view.mark_place(format!("第{number}个表格第{}行第{col}列", r + 1));
                }
                if k == 0 && !cell.continued {
                    view.push_synthetic(cell.text.trim().replace('|', "｜").as_str());
                }
                view.push_synthetic(" |");
            }
        }
        let pad = width.saturating_sub(col);
        if pad <= *slots {
            *slots -= pad;
            for _ in col..width {
                view.push_synthetic("  |");
            }
            col = width;
        }
        view.push_synthetic("\n");
        if r == 0 {
            view.push_synthetic("|");
            // As many as the head row has: GFM wants them equal.
            view.push_synthetic(&"---|".repeat(col.max(1)));
            view.push_synthetic("\n");
        }
    }
    view.push_synthetic("\n");
    view.mark_place(String::new());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_cells_and_places() {
        let xml = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>标题</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>（三）不予公开</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>2 &amp; 3</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>总计</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#;
        let v = layout(xml).unwrap();
        assert_eq!(
            v.text,
            "标题\n\n| （三）不予公开 | 1 |\n|---|---|\n|  | 2 & 3 |\n| 总计 |  |\n\n"
        );
        let at = v.text.find("2 &").unwrap();
        assert_eq!(v.place(at), Some("第1个表格第2行第2列"));
        assert_eq!(v.place(0), Some("第1段"));
    }

    #[test]
    fn a_zip_bomb_is_refused_before_it_is_unpacked() {
        use std::io::Write;
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default();
            zip.start_file("word/document.xml", opts).unwrap();
            // 4 MB of spaces packs into a few KB.
            zip.write_all(&vec![b' '; 4 << 20]).unwrap();
            zip.finish().unwrap();
        }
        let bytes = buf.into_inner();
        assert!(bytes.len() < 64 << 10);
        let err = read_limited(&bytes, 1 << 20).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { .. }), "{err}");
        assert!(err.to_string().contains("超过 1 MB"), "{err}");
    }

    #[test]
    fn broken_files_are_errors() {
        assert!(matches!(
            read(b"PK\x03\x04trunc"),
            Err(ReadError::Corrupt(_))
        ));
        // Mismatched tags are an XML error, not a panic.
        assert!(matches!(
            layout("<w:p><w:t>a</w:p>"),
            Err(ReadError::Corrupt(_))
        ));
    }
}
