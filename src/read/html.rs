//! Published HTML pages: tokenised by html5gum (which keeps every token's
//! byte span), built into a small tree with the implied ends a browser
//! applies to `p`, `td` and `tr`, and laid out as a Markdown [`View`]:
//! paragraphs as lines, `h1`–`h6` as headings, tables on the logical grid
//! (a `rowspan`/`colspan` cell first in its slot, empty cells after it,
//! each pointing at the merged cell). Layout tables (a table holding a
//! table) are read as blocks. Findings then point at the cell's text in
//! the `.html` file.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::view::{ReadError, View};
use crate::diagnostic::Span;

/// Larger pages are refused: a report page is a few hundred KB.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;
/// Deeper nesting is flattened (and keeps the walk's recursion bounded).
const MAX_DEPTH: usize = 256;
/// A `colspan`/`rowspan` beyond these is a mistake, not a report table.
const MAX_COLSPAN: usize = 64;
const MAX_ROWSPAN: usize = 512;

enum Node {
    Element {
        name: String,
        /// `colspan`, `rowspan`.
        span: (usize, usize),
        /// Just after the start tag: where an empty element is.
        inside: usize,
        children: Vec<usize>,
    },
    Text {
        value: String,
        source: Span,
    },
    Comment {
        value: String,
        source: Span,
    },
}

/// Lay `source` out as Markdown.
pub fn read(source: &str) -> Result<View, ReadError> {
    if source.len() as u64 > MAX_BYTES {
        return Err(ReadError::TooLarge {
            what: "HTML 文件",
            limit: MAX_BYTES,
        });
    }
    let nodes = parse(source);
    let mut out = Writer {
        view: View::default(),
        nodes: &nodes,
        source,
    };
    out.title();
    out.block(0, 0);
    Ok(out.view)
}

const VOID: &[&str] = &[
    "br", "img", "hr", "meta", "link", "input", "col", "wbr", "area", "base", "source", "param",
    "embed", "track",
];

fn parse(source: &str) -> Vec<Node> {
    let mut nodes = vec![Node::Element {
        name: String::new(),
        span: (1, 1),
        inside: 0,
        children: Vec::new(),
    }];
    let mut stack: Vec<usize> = vec![0];
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let name_of = |nodes: &[Node], i: usize| match &nodes[i] {
        Node::Element { name, .. } => name.clone(),
        _ => String::new(),
    };
    let add = |nodes: &mut Vec<Node>, stack: &[usize], node: Node| -> usize {
        nodes.push(node);
        let id = nodes.len() - 1;
        let parent = *stack.last().unwrap_or(&0);
        if let Node::Element { children, .. } = &mut nodes[parent] {
            children.push(id);
        }
        id
    };
    for token in Tokenizer::new_with_emitter(source, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let attr = |k: &str| {
                    tag.attributes
                        .get(k.as_bytes())
                        .and_then(|v| String::from_utf8_lossy(v).trim().parse::<usize>().ok())
                        .unwrap_or(1)
                        .max(1)
                };
                let span = (
                    attr("colspan").min(MAX_COLSPAN),
                    attr("rowspan").min(MAX_ROWSPAN),
                );
                // The ends a browser implies: a cell ends the open cell of
                // its row, a row the open row of its table, a block the
                // open paragraph.
                let (target, wall): (&[&str], &[&str]) = match name.as_str() {
                    "td" | "th" => (&["tr", "tbody", "thead", "tfoot", "table"], &[]),
                    "tr" => (&["tbody", "thead", "tfoot", "table"], &[]),
                    "tbody" | "thead" | "tfoot" => (&["table"], &[]),
                    "p" | "table" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul"
                    | "ol" | "li" => (&["p"], &["td", "th", "table", "div", "li"]),
                    _ => (&[], &[]),
                };
                let opens_inside = matches!(
                    name.as_str(),
                    "td" | "th" | "tr" | "tbody" | "thead" | "tfoot"
                );
                for k in (1..stack.len()).rev() {
                    let open = name_of(&nodes, stack[k]);
                    if target.contains(&open.as_str()) {
                        // Cells and rows go inside their container; a new
                        // block goes after the paragraph it ends.
                        stack.truncate(if opens_inside { k + 1 } else { k });
                        break;
                    }
                    if wall.contains(&open.as_str()) {
                        break;
                    }
                }
                let id = add(
                    &mut nodes,
                    &stack,
                    Node::Element {
                        name: name.clone(),
                        span,
                        inside: tag.span.end,
                        children: Vec::new(),
                    },
                );
                if !tag.self_closing && !VOID.contains(&name.as_str()) && stack.len() < MAX_DEPTH {
                    stack.push(id);
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                // Close the nearest open one, not across a table for the
                // parts of a table.
                let table_part = matches!(
                    name.as_str(),
                    "td" | "th" | "tr" | "tbody" | "thead" | "tfoot"
                );
                for k in (1..stack.len()).rev() {
                    let open = name_of(&nodes, stack[k]);
                    if open == name {
                        stack.truncate(k);
                        break;
                    }
                    if table_part && open == "table" {
                        break;
                    }
                }
            }
            Token::String(s) => {
                let value = String::from_utf8_lossy(&s.value).into_owned();
                add(
                    &mut nodes,
                    &stack,
                    Node::Text {
                        value,
                        source: s.span.start..s.span.end,
                    },
                );
            }
            Token::Comment(c) => {
                let value = String::from_utf8_lossy(&c.value).into_owned();
                add(
                    &mut nodes,
                    &stack,
                    Node::Comment {
                        value,
                        source: c.span.start..c.span.end,
                    },
                );
            }
            Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    nodes
}

const SKIP: &[&str] = &[
    "head", "script", "style", "noscript", "template", "select", "button", "iframe", "object",
    "svg", "textarea",
];
const BLOCK: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "blockquote",
    "center",
    "pre",
    "form",
    "dl",
    "dt",
    "dd",
    "caption",
    "body",
    "html",
    "main",
    "aside",
    "figure",
    "address",
    "hr",
];

struct Writer<'a> {
    view: View,
    nodes: &'a [Node],
    source: &'a str,
}

impl Writer<'_> {
    fn end_line(&mut self) {
        if !self.view.ends_line() {
            self.view.push_synthetic("\n");
        }
    }

    /// The page's `<title>`, as the first line: pages often carry the
    /// report's title only there.
    fn title(&mut self) {
        let Some(id) = self.find(0, "title") else {
            return;
        };
        if let Node::Element { children, .. } = &self.nodes[id] {
            for &c in children {
                self.inline(c);
            }
        }
        self.end_line();
    }

    fn find(&self, id: usize, name: &str) -> Option<usize> {
        let mut todo = vec![id];
        while let Some(i) = todo.pop() {
            if let Node::Element {
                name: n, children, ..
            } = &self.nodes[i]
            {
                if n == name {
                    return Some(i);
                }
                todo.extend(children.iter().rev());
            }
        }
        None
    }

    /// A node in block context.
    fn block(&mut self, id: usize, depth: usize) {
        match &self.nodes[id] {
            Node::Text { .. } => self.inline(id),
            Node::Comment { value, source } => {
                if value.contains("gongkai-ignore") {
                    self.end_line();
                    let s = format!("<!--{}-->", value.replace("-->", ""));
                    self.view.push_mapped(&s, source.clone(), false);
                    self.view.push_synthetic("\n");
                }
            }
            Node::Element { name, children, .. } => {
                if SKIP.contains(&name.as_str()) || depth > MAX_DEPTH {
                    return;
                }
                if name == "table" && !self.has_table_inside(id) {
                    // Blank lines around it: Markdown runs a table on over
                    // the lines that follow it.
                    self.end_line();
                    self.view.push_synthetic("\n");
                    self.table(id);
                    self.view.push_synthetic("\n");
                    return;
                }
                if let Some(level) = heading_level(name) {
                    self.end_line();
                    self.view.push_synthetic(&"#".repeat(level));
                    self.view.push_synthetic(" ");
                    for &c in children {
                        self.inline(c);
                    }
                    self.end_line();
                    return;
                }
                let is_block = BLOCK.contains(&name.as_str()) || name.is_empty();
                if name == "br" {
                    self.end_line();
                }
                if is_block {
                    self.end_line();
                }
                for &c in children {
                    self.block(c, depth + 1);
                }
                if is_block {
                    self.end_line();
                }
            }
        }
    }

    fn has_table_inside(&self, id: usize) -> bool {
        let Node::Element { children, .. } = &self.nodes[id] else {
            return false;
        };
        children.iter().any(|&c| self.find(c, "table").is_some())
    }

    /// A node in a line: text, with runs of white space as one space.
    fn inline(&mut self, id: usize) {
        match &self.nodes[id] {
            Node::Text { value, source } => self.text(value, source.clone()),
            Node::Comment { .. } => {}
            Node::Element { name, children, .. } => {
                if SKIP.contains(&name.as_str()) {
                    return;
                }
                for &c in children {
                    self.inline(c);
                }
            }
        }
    }

    fn text(&mut self, value: &str, source: Span) {
        let raw = self.source.get(source.clone()).unwrap_or("");
        let same = raw == value;
        let mut pending_space = false;
        let mut map = Aligner {
            raw,
            base: source.start,
            at: 0,
        };
        for (j, c) in value.char_indices() {
            let src = if same {
                source.start + j..source.start + j + c.len_utf8()
            } else {
                map.next(c)
            };
            if c.is_whitespace() || c == '\u{a0}' {
                pending_space = true;
                continue;
            }
            if pending_space && !self.view.ends_line() && !self.view.text.ends_with(' ') {
                self.view.push_synthetic(" ");
            }
            pending_space = false;
            let mut buf = [0u8; 4];
            // A pipe inside a cell would split it.
            let s = if c == '|' {
                "｜"
            } else {
                c.encode_utf8(&mut buf)
            };
            let exact = c != '|' && src.len() == c.len_utf8();
            self.view.push_mapped(s, src, exact);
        }
        if pending_space && !self.view.ends_line() && !self.view.text.ends_with(' ') {
            self.view.push_synthetic(" ");
        }
    }

    /// A table on its logical grid, as a Markdown table.
    fn table(&mut self, id: usize) {
        let mut rows: Vec<Vec<usize>> = Vec::new();
        self.collect_rows(id, &mut rows);
        // grid[r][c] = (cell, whether this is the merged cell's first slot)
        let mut grid: Vec<Vec<Option<(usize, bool)>>> = Vec::new();
        for (r, cells) in rows.iter().enumerate() {
            if grid.len() <= r {
                grid.resize(r + 1, Vec::new());
            }
            let mut c = 0;
            for &cell in cells {
                while grid[r].get(c).is_some_and(Option::is_some) {
                    c += 1;
                }
                let (cols, rs) = match &self.nodes[cell] {
                    Node::Element { span, .. } => *span,
                    _ => (1, 1),
                };
                let rs = rs.min(rows.len() - r);
                for dr in 0..rs {
                    if grid.len() <= r + dr {
                        grid.resize(r + dr + 1, Vec::new());
                    }
                    let row = &mut grid[r + dr];
                    if row.len() < c + cols {
                        row.resize(c + cols, None);
                    }
                    for dc in 0..cols {
                        row[c + dc] = Some((cell, dr == 0 && dc == 0));
                    }
                }
                c += cols;
            }
        }
        let width = grid.iter().map(Vec::len).max().unwrap_or(0);
        if width == 0 {
            return;
        }
        for (r, row) in grid.iter().enumerate() {
            self.view.push_synthetic("|");
            for c in 0..width {
                // An empty cell's span is where its text would start, just
                // after the pipe: that is the point that stands for it.
                let cell = row.get(c).copied().flatten();
                match cell.map(|(id, _)| &self.nodes[id]) {
                    Some(Node::Element { inside, .. }) => self.view.anchor(*inside),
                    _ => {
                        let here = self.view.text.len();
                        let at = self.view.to_source(here..here);
                        self.view.anchor(at.start);
                    }
                }
                self.view.push_synthetic(" ");
                if let Some((id, true)) = cell {
                    self.cell(id);
                }
                self.view.push_synthetic(" |");
            }
            self.view.push_synthetic("\n");
            if r == 0 {
                self.view.push_synthetic("|");
                self.view.push_synthetic(&"---|".repeat(width));
                self.view.push_synthetic("\n");
            }
        }
    }

    fn collect_rows(&self, id: usize, rows: &mut Vec<Vec<usize>>) {
        let Node::Element { children, .. } = &self.nodes[id] else {
            return;
        };
        for &c in children {
            if let Node::Element {
                name,
                children: cells,
                ..
            } = &self.nodes[c]
            {
                match name.as_str() {
                    "tr" => rows.push(
                        cells
                            .iter()
                            .copied()
                            .filter(|&k| {
                                matches!(&self.nodes[k], Node::Element { name, .. } if name == "td" || name == "th")
                            })
                            .collect(),
                    ),
                    "tbody" | "thead" | "tfoot" => self.collect_rows(c, rows),
                    _ => {}
                }
            }
        }
    }

    /// A cell's text on one line: its paragraphs and line breaks joined.
    fn cell(&mut self, id: usize) {
        let start = self.view.text.len();
        if let Node::Element { children, .. } = &self.nodes[id] {
            for &c in children {
                self.inline(c);
            }
        }
        while self.view.text.len() > start && self.view.text.ends_with(' ') {
            self.view.text.pop();
        }
    }
}

fn heading_level(name: &str) -> Option<usize> {
    let b = name.as_bytes();
    (b.len() == 2 && b[0] == b'h' && (b'1'..=b'6').contains(&b[1])).then(|| (b[1] - b'0') as usize)
}

/// Walks the raw source of a text token alongside its decoded value, to
/// find the source of each decoded character (an entity stands for one).
struct Aligner<'a> {
    raw: &'a str,
    base: usize,
    at: usize,
}

impl Aligner<'_> {
    fn next(&mut self, c: char) -> Span {
        let rest = self.raw.get(self.at..).unwrap_or("");
        if rest.starts_with(c) {
            let s = self.base + self.at..self.base + self.at + c.len_utf8();
            self.at += c.len_utf8();
            return s;
        }
        if c == '\n' && rest.starts_with("\r\n") {
            let s = self.base + self.at..self.base + self.at + 2;
            self.at += 2;
            return s;
        }
        if rest.starts_with('&') {
            let len = rest
                .char_indices()
                .take(40)
                .find(|&(_, ch)| ch == ';')
                .map_or(1, |(i, _)| i + 1);
            let s = self.base + self.at..self.base + self.at + len;
            self.at += len;
            return s;
        }
        let s = self.base + self.at..self.base + self.at;
        if let Some(ch) = rest.chars().next() {
            self.at += ch.len_utf8();
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_cells_on_the_grid() {
        let html = "<table><tr><td rowspan=2>（三）不予公开</td><td>1.属于国家秘密</td><td>3</td></tr>\
                    <tr><td>2.其他</td><td>&nbsp;</td></tr><tr><td colspan=2>总&nbsp;计</td><td>4</td></tr></table>";
        let v = read(html).unwrap();
        assert_eq!(
            v.text,
            "\n| （三）不予公开 | 1.属于国家秘密 | 3 |\n|---|---|---|\n|  | 2.其他 |  |\n| 总 计 |  | 4 |\n\n"
        );
        // The 4 points at its own cell.
        let four = v.text.rfind('4').unwrap();
        let s = v.to_source(four..four + 1);
        assert_eq!(&html[s], "4");
        // The rowspan's empty slot points inside the merged cell.
        let row2 = v.text.find("|  | 2.").unwrap() + 1;
        let s = v.to_source(row2..row2);
        assert!(html[s.start..].starts_with("（三）"));
        // A label around an entity spans it in the source.
        let sp = v.text.find("总 计").unwrap();
        assert_eq!(&html[v.to_source(sp..sp + "总 计".len())], "总&nbsp;计");
    }

    #[test]
    fn implied_ends_and_layout_tables() {
        let html = "<table><tr><td><p>标题<table><tr><td>规章<td>1</table></table><p>正文<o:p></o:p><script>x|y</script>";
        let v = read(html).unwrap();
        assert_eq!(v.text, "标题\n\n| 规章 | 1 |\n|---|---|\n\n正文\n");
    }

    #[test]
    fn malformed_pages_do_not_panic() {
        for html in [
            "<td rowspan=99999 colspan=99999>1",
            "</tr></table><tr><td>",
            "<<<>>>&#xFFFFFFFF;",
            "<table><tr><td>",
        ] {
            let _ = read(html).unwrap();
        }
    }
}
