//! Published HTML pages: tokenised by html5gum (which keeps every token's
//! byte span), built into a small tree with the implied ends a browser
//! applies to `p`, `td` and `tr`, and laid out as a Markdown [`View`]:
//! paragraphs as lines, `h1`–`h6` as headings, tables on the logical grid
//! (a `rowspan`/`colspan` cell first in its slot, empty cells after it,
//! each pointing at the merged cell). Layout tables (a table holding a
//! table) are read as blocks. Findings then point at the cell's text in
//! the `.html` file.

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, Tokenizer};

use super::view::{ReadError, View};
use crate::diagnostic::Span;

/// Larger pages are refused: a report page is a few hundred KB.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;
/// Deeper nesting is flattened (and keeps the walk's recursion bounded).
const MAX_DEPTH: usize = 256;
/// A `colspan`/`rowspan` beyond these is a mistake, not a report table.
const MAX_COLSPAN: usize = 64;
const MAX_ROWSPAN: usize = 512;
/// Slots of the logical grids, all tables together: merged cells beyond
/// this are read as single cells (a page of huge spans is a bomb, not a
/// report).
const MAX_SLOTS: usize = 1 << 20;

enum Node {
    Element {
        /// Lower case; `?` for an element this reader has no use for.
        name: &'static str,
        /// `colspan`, `rowspan`.
        span: (usize, usize),
        /// Just after the start tag: where an empty element is.
        inside: usize,
        children: Vec<usize>,
        /// A table with a table inside it: a layout table.
        holds_table: bool,
    },
    Text {
        /// The decoded text, when it is not the source's own (entities).
        value: Option<String>,
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
        slots: MAX_SLOTS,
        nodes: &nodes,
        source,
    };
    out.view.text.reserve(source.len());
    out.title();
    out.block(0, 0);
    Ok(out.view)
}

const VOID: &[&str] = &[
    "br", "img", "hr", "meta", "link", "input", "col", "wbr", "area", "base", "source", "param",
    "embed", "track",
];

/// Builds the tree from html5gum's events, as they come (no token is
/// allocated on the way: this is most of the reading time).
struct Builder<'s> {
    source: &'s str,
    nodes: Vec<Node>,
    /// The open elements, innermost last.
    stack: Vec<usize>,
    /// The start tag being read: its name, colspan, rowspan.
    tag: (String, usize, usize),
    /// The attribute being read, if it is colspan (1) or rowspan (2).
    attr: u8,
}

/// The names this reader tells apart, as static strings (no allocation per
/// element); any other is `?`.
macro_rules! names {
    ($($n:literal)*) => {
        fn intern(name: &str) -> &'static str {
            match name {
                $($n => $n,)*
                _ => "?",
            }
        }
    };
}

names! {
    "td" "th" "tr" "tbody" "thead" "tfoot" "table" "caption" "col" "colgroup"
    "p" "div" "br" "hr" "h1" "h2" "h3" "h4" "h5" "h6" "ul" "ol" "li" "dl" "dt" "dd"
    "html" "head" "body" "title" "meta" "link" "base" "script" "style" "noscript"
    "template" "select" "option" "button" "iframe" "object" "svg" "textarea" "input"
    "img" "wbr" "area" "source" "param" "embed" "track" "section" "article" "header"
    "footer" "nav" "main" "aside" "figure" "address" "blockquote" "center" "pre" "form"
    "span" "a" "b" "strong" "font" "em" "i" "u" "sup" "sub" "small" "big" "label" "o:p"
}

fn name_of(nodes: &[Node], id: usize) -> &str {
    match &nodes[id] {
        Node::Element { name, .. } => name,
        _ => "",
    }
}

impl Builder<'_> {
    fn add(&mut self, node: Node) -> usize {
        self.nodes.push(node);
        let id = self.nodes.len() - 1;
        let parent = self.stack.last().copied().unwrap_or(0);
        if let Node::Element { children, .. } = &mut self.nodes[parent] {
            children.push(id);
        }
        id
    }

    fn event(&mut self, event: CallbackEvent<'_>, span: html5gum::Span<usize>) {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.tag.0.clear();
                self.tag.0.push_str(&String::from_utf8_lossy(name));
                self.tag.0.make_ascii_lowercase();
                self.tag.1 = 1;
                self.tag.2 = 1;
                self.attr = 0;
            }
            CallbackEvent::AttributeName { name } => {
                self.attr = if name.eq_ignore_ascii_case(b"colspan") {
                    1
                } else if name.eq_ignore_ascii_case(b"rowspan") {
                    2
                } else {
                    0
                };
            }
            CallbackEvent::AttributeValue { value } if self.attr > 0 => {
                let n = std::str::from_utf8(value)
                    .ok()
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .max(1);
                if self.attr == 1 {
                    self.tag.1 = n.min(MAX_COLSPAN);
                } else {
                    self.tag.2 = n.min(MAX_ROWSPAN);
                }
            }
            CallbackEvent::CloseStartTag { self_closing } => self.start_tag(self_closing, span.end),
            CallbackEvent::EndTag { name } => {
                self.tag.0.clear();
                self.tag.0.push_str(&String::from_utf8_lossy(name));
                self.tag.0.make_ascii_lowercase();
                self.end_tag(intern(&self.tag.0))
            }
            CallbackEvent::String { value } => {
                let source = span.start..span.end;
                let same = self.source.as_bytes().get(source.clone()) == Some(value);
                let value = (!same).then(|| String::from_utf8_lossy(value).into_owned());
                self.add(Node::Text { value, source });
            }
            CallbackEvent::Comment { value } => {
                let value = String::from_utf8_lossy(value).into_owned();
                self.add(Node::Comment {
                    value,
                    source: span.start..span.end,
                });
            }
            _ => {}
        }
    }

    fn start_tag(&mut self, self_closing: bool, end: usize) {
        let name = intern(&self.tag.0);
        // The ends a browser implies: a cell ends the open cell of its
        // row, a row the open row of its table, a block the open paragraph.
        let (target, wall): (&[&str], &[&str]) = match name {
            "td" | "th" => (&["tr", "tbody", "thead", "tfoot", "table"], &[]),
            "tr" => (&["tbody", "thead", "tfoot", "table"], &[]),
            "tbody" | "thead" | "tfoot" => (&["table"], &[]),
            "p" | "table" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol"
            | "li" => (&["p"], &["td", "th", "table", "div", "li"]),
            _ => (&[], &[]),
        };
        let opens_inside = matches!(name, "td" | "th" | "tr" | "tbody" | "thead" | "tfoot");
        if !target.is_empty() {
            for k in (1..self.stack.len()).rev() {
                let open = name_of(&self.nodes, self.stack[k]);
                if target.contains(&open) {
                    // Cells and rows go inside their container; a new
                    // block goes after the paragraph it ends.
                    self.stack.truncate(if opens_inside { k + 1 } else { k });
                    break;
                }
                if wall.contains(&open) {
                    break;
                }
            }
        }
        if name == "table" {
            for &open in &self.stack {
                if let Node::Element {
                    name, holds_table, ..
                } = &mut self.nodes[open]
                {
                    *holds_table |= *name == "table";
                }
            }
        }
        let opens = !self_closing && !VOID.contains(&name) && self.stack.len() < MAX_DEPTH;
        let id = self.add(Node::Element {
            name,
            span: (self.tag.1, self.tag.2),
            inside: end,
            children: Vec::new(),
            holds_table: false,
        });
        if opens {
            self.stack.push(id);
        }
    }

    /// Close the nearest open element named `name`, not across a table for
    /// the parts of a table.
    fn end_tag(&mut self, name: &str) {
        // An element this reader does not know closes only if it is the
        // innermost open one: never a cell or table around it.
        if name == "?" {
            if self.stack.len() > 1
                && self.stack.last().map(|&t| name_of(&self.nodes, t)) == Some("?")
            {
                self.stack.pop();
            }
            return;
        }
        let table_part = matches!(name, "td" | "th" | "tr" | "tbody" | "thead" | "tfoot");
        for k in (1..self.stack.len()).rev() {
            let open = name_of(&self.nodes, self.stack[k]);
            if open == name {
                self.stack.truncate(k);
                break;
            }
            if table_part && open == "table" {
                break;
            }
        }
    }
}

/// html5gum's callback emitter without its parse errors: a report page is
/// read as a browser shows it, and checking every byte for errors nobody
/// reads is a fifth of the reading time.
struct Quiet<E>(E);

macro_rules! forward {
    ($($name:ident($($arg:ident: $ty:ty),*) $(-> $ret:ty)?;)*) => {
        $(fn $name(&mut self, $($arg: $ty),*) $(-> $ret)? { self.0.$name($($arg),*) })*
    };
}

impl<E: Emitter> Emitter for Quiet<E> {
    type Token = E::Token;

    fn emit_error(&mut self, _: html5gum::Error) {}

    fn should_emit_errors(&mut self) -> bool {
        false
    }

    forward! {
        set_last_start_tag(last: Option<&[u8]>);
        emit_eof();
        pop_token() -> Option<Self::Token>;
        init_string();
        emit_string(c: &[u8]);
        init_start_tag();
        init_end_tag();
        init_comment();
        emit_current_tag() -> Option<html5gum::State>;
        emit_current_comment();
        emit_current_doctype();
        set_self_closing();
        set_force_quirks();
        push_tag_name(s: &[u8]);
        push_comment(s: &[u8]);
        push_doctype_name(s: &[u8]);
        init_doctype();
        init_attribute();
        init_attribute_value();
        push_attribute_name(s: &[u8]);
        push_attribute_value(s: &[u8]);
        set_doctype_public_identifier(v: &[u8]);
        set_doctype_system_identifier(v: &[u8]);
        push_doctype_public_identifier(s: &[u8]);
        push_doctype_system_identifier(s: &[u8]);
        start_open_tag();
        current_is_appropriate_end_tag_token() -> bool;
        adjusted_current_node_present_but_not_in_html_namespace() -> bool;
        move_position(offset: isize);
    }
}

fn parse(source: &str) -> Vec<Node> {
    let mut builder = Builder {
        source,
        nodes: Vec::with_capacity(source.len() / 8),
        stack: vec![0],
        tag: (String::new(), 1, 1),
        attr: 0,
    };
    builder.nodes.push(Node::Element {
        name: "#root",
        span: (1, 1),
        inside: 0,
        children: Vec::new(),
        holds_table: false,
    });
    {
        let mut emitter =
            CallbackEmitter::new(|event: CallbackEvent<'_>, span: html5gum::Span<usize>| {
                builder.event(event, span);
                None::<()>
            });
        emitter.naively_switch_states(true);
        for _ in Tokenizer::new_with_emitter(source, Quiet(emitter)) {}
    }
    builder.nodes
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
    /// Grid slots left (see [`MAX_SLOTS`]).
    slots: usize,
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
                if *n == name {
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
            Node::Element {
                name,
                children,
                holds_table,
                ..
            } => {
                if SKIP.contains(name) || depth > MAX_DEPTH {
                    return;
                }
                if *name == "table" && !holds_table {
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
                let is_block = BLOCK.contains(name) || *name == "#root";
                if *name == "br" {
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

    /// A node in a line: text, with runs of white space as one space.
    fn inline(&mut self, id: usize) {
        match &self.nodes[id] {
            Node::Text { value, source } => {
                let raw = self.source.get(source.clone()).unwrap_or("");
                self.text(value.as_deref().unwrap_or(raw), source.clone())
            }
            Node::Comment { .. } => {}
            Node::Element { name, children, .. } => {
                if SKIP.contains(name) {
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
        if raw == value {
            // The usual case, no entities: runs of words map byte for byte.
            let is_space = |c: char| c.is_whitespace() || c == '\u{a0}';
            let mut rest = value;
            let mut at = source.start;
            while !rest.is_empty() {
                let space = rest.len() - rest.trim_start_matches(is_space).len();
                if space > 0 {
                    self.space();
                    rest = &rest[space..];
                    at += space;
                    continue;
                }
                let word = rest
                    .find(|c: char| is_space(c) || c == '|')
                    .unwrap_or(rest.len());
                if word == 0 {
                    // A pipe inside a cell would split it.
                    self.view.push_mapped("｜", at..at + 1, false);
                    rest = &rest[1..];
                    at += 1;
                    continue;
                }
                self.view.push_mapped(&rest[..word], at..at + word, true);
                rest = &rest[word..];
                at += word;
            }
            return;
        }
        let mut map = Aligner {
            raw,
            base: source.start,
            at: 0,
        };
        for c in value.chars() {
            let src = map.next(c);
            if c.is_whitespace() || c == '\u{a0}' {
                self.space();
                continue;
            }
            let mut buf = [0u8; 4];
            let s = if c == '|' {
                "｜"
            } else {
                c.encode_utf8(&mut buf)
            };
            let exact = c != '|' && src.len() == c.len_utf8();
            self.view.push_mapped(s, src, exact);
        }
    }

    /// White space in a line: one space, and none at its start.
    fn space(&mut self) {
        if !self.view.ends_line() && !self.view.text.ends_with(' ') {
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
                let (rs, cols) = if rs * cols > self.slots {
                    (1, 1)
                } else {
                    (rs, cols)
                };
                self.slots = self.slots.saturating_sub(rs * cols);
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
        // Short rows are padded to the grid's width, unless that would
        // blow the table up.
        let pad = grid.len().saturating_mul(width) <= MAX_SLOTS;
        for (r, row) in grid.iter().enumerate() {
            self.view.push_synthetic("|");
            for c in 0..if pad { width } else { row.len() } {
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
                // As many as the head row has: GFM wants them equal.
                let head = if pad { width } else { row.len().max(1) };
                self.view.push_synthetic("|");
                self.view.push_synthetic(&"---|".repeat(head));
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
                match *name {
                    "tr" => rows.push(
                        cells
                            .iter()
                            .copied()
                            .filter(|&k| {
                                matches!(&self.nodes[k], Node::Element { name, .. } if matches!(*name, "td" | "th"))
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
    fn huge_spans_are_read_as_single_cells() {
        let cell = "<td rowspan=512 colspan=64>1</td>";
        let html = format!(
            "<table>{}</table>",
            format!("<tr>{}</tr>", cell.repeat(40)).repeat(600)
        );
        let v = read(&html).unwrap();
        // At most the slot budget, and the page's own cells are all there.
        assert!(v.text.len() < 8 * MAX_SLOTS, "{}", v.text.len());
        assert_eq!(v.text.matches('1').count(), 40 * 600);
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
