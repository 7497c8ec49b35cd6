//! Published HTML pages: tokenised by html5gum (which tells the reader its
//! byte position, so every node keeps its span), built into a small tree with the implied ends a browser
//! applies to `p`, `td` and `tr`, and laid out as a Markdown [`View`]:
//! paragraphs as lines, `h1`–`h6` as headings, tables on the logical grid
//! (a `rowspan`/`colspan` cell first in its slot, empty cells after it,
//! each pointing at the merged cell). Layout tables (a table holding a
//! table) are read as blocks. Findings then point at the cell's text in
//! the `.html` file.

use std::convert::Infallible;

use html5gum::{naive_next_state, Emitter, State, Tokenizer};

use super::view::{ReadError, View};
use crate::diagnostic::Span;
use crate::text::may_start_whitespace;
use std::ops::Range;

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

/// One node of the page, in a flat list: it links to its first child and
/// its next sibling instead of holding a list of children (one allocation
/// per element was a tenth of reading a page). 0 means none: the root, node
/// 0, is nobody's child or sibling.
struct Node {
    kind: Kind,
    first: usize,
    last: usize,
    next: usize,
}

enum Kind {
    Element {
        tag: Tag,
        /// `colspan`, `rowspan`.
        span: (usize, usize),
        /// Just after the start tag: where an empty element is.
        inside: usize,
        /// A table with a table inside it: a layout table.
        holds_table: bool,
    },
    Text {
        /// The decoded text, when it is not the source's own (entities).
        value: Option<String>,
        source: Span,
    },
    /// Only the comments that matter: `gongkai-ignore` ones.
    Comment { value: String, source: Span },
}

/// The children of `id`, in order.
fn children(nodes: &[Node], id: usize) -> impl Iterator<Item = usize> + '_ {
    let mut at = nodes[id].first;
    std::iter::from_fn(move || {
        let c = at;
        (c != 0).then(|| {
            at = nodes[c].next;
            c
        })
    })
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
    // About one mapped run per node (a word, a cell).
    out.view.reserve(source.len(), nodes.len());
    out.title();
    out.block(0, 0);
    Ok(out.view)
}

/// Builds the tree as html5gum's tokenizer reads the page: it is the
/// tokenizer's emitter, so no token is made on the way (reading is most of
/// the time an HTML page takes). Parse errors are not looked for: a page is
/// read as a browser shows it.
struct Builder<'s> {
    source: &'s str,
    nodes: Vec<Node>,
    /// The open elements, innermost last.
    stack: Vec<usize>,
    /// Where the tokenizer is, in bytes of `source`.
    position: usize,
    /// Where the tag or comment being read starts (its `<`).
    tag_start: usize,
    /// The tag being read.
    name: Name,
    is_end_tag: bool,
    self_closing: bool,
    /// Its `colspan`, `rowspan`.
    span: (usize, usize),
    /// The attribute being read.
    attr_name: Vec<u8>,
    attr_value: Vec<u8>,
    /// Whether text is being read, and where its source starts and ends.
    in_text: bool,
    text_source: (usize, usize),
    /// The text being read, decoded, once it differs from its source (an
    /// entity, a `\r\n`); until then the source is the text.
    decoded: Option<Vec<u8>>,
    comment: Vec<u8>,
    /// The last start tag's name: the tokenizer needs it to end raw text
    /// such as `<script>`.
    last_start: Name,
}

/// A tag's name, kept in place: names come a byte or two at a time, and a
/// vector grown per tag was 8 % of reading a page. Every name this
/// reader knows is shorter than the buffer; a longer one is only unequal
/// to every other name.
#[derive(Clone, Copy, Default)]
struct Name {
    bytes: [u8; 16],
    len: usize,
    long: bool,
}

impl Name {
    fn clear(&mut self) {
        self.len = 0;
        self.long = false;
    }

    fn push(&mut self, s: &[u8]) {
        // Most pieces are one byte: no call to copy them.
        if let ([b], Some(slot)) = (s, self.bytes.get_mut(self.len)) {
            *slot = *b;
            self.len += 1;
            return;
        }
        match self.bytes.get_mut(self.len..self.len + s.len()) {
            Some(room) => {
                room.copy_from_slice(s);
                self.len += s.len();
            }
            None => self.long = true,
        }
    }

    /// The name; a long one as its beginning.
    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    fn is_empty(&self) -> bool {
        self.len == 0 && !self.long
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        !self.long && !other.long && self.as_bytes() == other.as_bytes()
    }
}

// What a tag is to this reader, as flags:
/// it has no content and no end tag (`<br>`);
const VOID: u8 = 1;
/// its content is not shown (scripts, forms);
const SKIP: u8 = 2;
/// it is a block: lines break around it.
const BLOCK: u8 = 4;

/// The elements this reader tells apart, as one byte each (no allocation
/// per element, and no string compared when the tree is built or walked);
/// any other is `Other`.
macro_rules! tags {
    ($($tag:ident $name:literal $($flag:ident)*;)*) => {
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        enum Tag {
            $($tag,)*
            Other,
            Root,
        }

        fn intern(name: &[u8]) -> Tag {
            match name {
                $($name => Tag::$tag,)*
                _ => Tag::Other,
            }
        }

        impl Tag {
            fn is(self, flag: u8) -> bool {
                let flags = match self {
                    $(Tag::$tag => 0 $(| $flag)*,)*
                    Tag::Other => 0,
                    Tag::Root => BLOCK,
                };
                flags & flag != 0
            }
        }
    };
}

tags! {
    Td b"td" BLOCK;
    Th b"th" BLOCK;
    Tr b"tr" BLOCK;
    Tbody b"tbody" BLOCK;
    Thead b"thead" BLOCK;
    Tfoot b"tfoot" BLOCK;
    Table b"table" BLOCK;
    Caption b"caption" BLOCK;
    Col b"col" VOID;
    Colgroup b"colgroup";
    P b"p" BLOCK;
    Div b"div" BLOCK;
    Br b"br" VOID;
    Hr b"hr" VOID BLOCK;
    H1 b"h1";
    H2 b"h2";
    H3 b"h3";
    H4 b"h4";
    H5 b"h5";
    H6 b"h6";
    Ul b"ul" BLOCK;
    Ol b"ol" BLOCK;
    Li b"li" BLOCK;
    Dl b"dl" BLOCK;
    Dt b"dt" BLOCK;
    Dd b"dd" BLOCK;
    Html b"html" BLOCK;
    Head b"head" SKIP;
    Body b"body" BLOCK;
    Title b"title";
    Meta b"meta" VOID;
    Link b"link" VOID;
    Base b"base" VOID;
    Script b"script" SKIP;
    Style b"style" SKIP;
    Noscript b"noscript" SKIP;
    Template b"template" SKIP;
    Select b"select" SKIP;
    Option b"option";
    Button b"button" SKIP;
    Iframe b"iframe" SKIP;
    Object b"object" SKIP;
    Svg b"svg" SKIP;
    Textarea b"textarea" SKIP;
    Input b"input" VOID;
    Img b"img" VOID;
    Wbr b"wbr" VOID;
    Area b"area" VOID;
    Source b"source" VOID;
    Param b"param" VOID;
    Embed b"embed" VOID;
    Track b"track" VOID;
    Section b"section" BLOCK;
    Article b"article" BLOCK;
    Header b"header" BLOCK;
    Footer b"footer" BLOCK;
    Nav b"nav" BLOCK;
    Main b"main" BLOCK;
    Aside b"aside" BLOCK;
    Figure b"figure" BLOCK;
    Address b"address" BLOCK;
    Blockquote b"blockquote" BLOCK;
    Center b"center" BLOCK;
    Pre b"pre" BLOCK;
    Form b"form" BLOCK;
    Span b"span";
    A b"a";
    B b"b";
    Strong b"strong";
    Font b"font";
    Em b"em";
    I b"i";
    U b"u";
    Sup b"sup";
    Sub b"sub";
    Small b"small";
    Big b"big";
    Label b"label";
    OP b"o:p";
}

impl Tag {
    fn heading_level(self) -> Option<usize> {
        Some(match self {
            Tag::H1 => 1,
            Tag::H2 => 2,
            Tag::H3 => 3,
            Tag::H4 => 4,
            Tag::H5 => 5,
            Tag::H6 => 6,
            _ => return None,
        })
    }

    /// The parts of a table that a cell or a row sits in.
    fn is_table_part(self) -> bool {
        matches!(
            self,
            Tag::Td | Tag::Th | Tag::Tr | Tag::Tbody | Tag::Thead | Tag::Tfoot
        )
    }
}

fn tag_of(nodes: &[Node], id: usize) -> Option<Tag> {
    match &nodes[id].kind {
        Kind::Element { tag, .. } => Some(*tag),
        _ => None,
    }
}

impl<'s> Builder<'s> {
    fn new(source: &'s str) -> Self {
        let root = Node {
            kind: Kind::Element {
                tag: Tag::Root,
                span: (1, 1),
                inside: 0,
                holds_table: false,
            },
            first: 0,
            last: 0,
            next: 0,
        };
        // A node per tag and per text between tags, at the most; a page of
        // `<`s that open no tag must not reserve gigabytes, so the guess is
        // capped (the list grows past it if a page is that big).
        let tags = memchr::memchr_iter(b'<', source.as_bytes()).count();
        let mut nodes = Vec::with_capacity((2 * tags + 1).min(1 << 16));
        nodes.push(root);
        Builder {
            source,
            nodes,
            stack: vec![0],
            position: 0,
            tag_start: 0,
            name: Name::default(),
            is_end_tag: false,
            self_closing: false,
            span: (1, 1),
            attr_name: Vec::new(),
            attr_value: Vec::new(),
            in_text: false,
            text_source: (0, 0),
            decoded: None,
            comment: Vec::new(),
            last_start: Name::default(),
        }
    }

    fn add(&mut self, kind: Kind) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node {
            kind,
            first: 0,
            last: 0,
            next: 0,
        });
        let parent = self.stack.last().copied().unwrap_or(0);
        match self.nodes[parent].last {
            0 => self.nodes[parent].first = id,
            last => self.nodes[last].next = id,
        }
        self.nodes[parent].last = id;
        id
    }

    /// The text read since the last tag, as a node.
    fn flush_text(&mut self) {
        if !self.in_text {
            return;
        }
        self.in_text = false;
        let source = self.text_source.0..self.text_source.1;
        let value = self.decoded.take().and_then(|text| {
            let same = self.source.as_bytes().get(source.clone()) == Some(&text[..]);
            (!same).then(|| String::from_utf8_lossy(&text).into_owned())
        });
        self.add(Kind::Text { value, source });
    }

    /// The attribute just read, if it is `colspan` or `rowspan`.
    fn flush_attribute(&mut self) {
        if self.attr_name.is_empty() && self.attr_value.is_empty() {
            return;
        }
        if !self.attr_value.is_empty() {
            let colspan = self.attr_name.eq_ignore_ascii_case(b"colspan");
            if colspan || self.attr_name.eq_ignore_ascii_case(b"rowspan") {
                let n = std::str::from_utf8(&self.attr_value)
                    .ok()
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .max(1);
                if colspan {
                    self.span.0 = n.min(MAX_COLSPAN);
                } else {
                    self.span.1 = n.min(MAX_ROWSPAN);
                }
            }
            self.attr_value.clear();
        }
        self.attr_name.clear();
    }

    /// The tag being read; a name too long for [`Name`] is no tag known.
    fn tag(&self) -> Tag {
        if self.name.long {
            return Tag::Other;
        }
        intern(self.name.as_bytes())
    }

    fn start_tag(&mut self, self_closing: bool, end: usize) {
        use Tag::*;
        let tag = self.tag();
        // The ends a browser implies: a cell ends the open cell of its
        // row, a row the open row of its table, a block the open paragraph.
        let (target, wall): (&[Tag], &[Tag]) = match tag {
            Td | Th => (&[Tr, Tbody, Thead, Tfoot, Table], &[]),
            Tr => (&[Tbody, Thead, Tfoot, Table], &[]),
            Tbody | Thead | Tfoot => (&[Table], &[]),
            P | Table | Div | H1 | H2 | H3 | H4 | H5 | H6 | Ul | Ol | Li => {
                (&[P], &[Td, Th, Table, Div, Li])
            }
            _ => (&[], &[]),
        };
        let opens_inside = tag.is_table_part();
        if !target.is_empty() {
            for k in (1..self.stack.len()).rev() {
                let Some(open) = tag_of(&self.nodes, self.stack[k]) else {
                    continue;
                };
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
        if tag == Table {
            for &open in &self.stack {
                if let Kind::Element {
                    tag, holds_table, ..
                } = &mut self.nodes[open].kind
                {
                    *holds_table |= *tag == Table;
                }
            }
        }
        let opens = !self_closing && !tag.is(VOID) && self.stack.len() < MAX_DEPTH;
        let id = self.add(Kind::Element {
            tag,
            span: self.span,
            inside: end,
            holds_table: false,
        });
        if opens {
            self.stack.push(id);
        }
    }

    /// Close the nearest open element named `name`, not across a table for
    /// the parts of a table.
    fn end_tag(&mut self, tag: Tag) {
        // An element this reader does not know closes only if it is the
        // innermost open one: never a cell or table around it.
        if tag == Tag::Other {
            if self.stack.len() > 1
                && self.stack.last().and_then(|&t| tag_of(&self.nodes, t)) == Some(Tag::Other)
            {
                self.stack.pop();
            }
            return;
        }
        let table_part = tag.is_table_part();
        for k in (1..self.stack.len()).rev() {
            let open = tag_of(&self.nodes, self.stack[k]);
            if open == Some(tag) {
                self.stack.truncate(k);
                break;
            }
            if table_part && open == Some(Tag::Table) {
                break;
            }
        }
    }
}

/// What the tokenizer tells the builder. Doctypes and parse errors are
/// dropped; text is gathered until the next tag or comment.
impl Emitter for &mut Builder<'_> {
    type Token = Infallible;

    fn move_position(&mut self, offset: isize) {
        self.position = self.position.wrapping_add_signed(offset);
    }

    fn set_last_start_tag(&mut self, last: Option<&[u8]>) {
        self.last_start.clear();
        self.last_start.push(last.unwrap_or_default());
    }

    fn emit_eof(&mut self) {
        self.flush_text();
    }

    fn emit_error(&mut self, _: html5gum::Error) {}

    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn pop_token(&mut self) -> Option<Infallible> {
        None
    }

    fn init_string(&mut self) {
        // Text goes on across a `<` that starts no tag.
        if !self.in_text {
            self.text_source = (self.position, self.position);
        }
    }

    fn emit_string(&mut self, s: &[u8]) {
        if s.is_empty() {
            return;
        }
        let end = self.text_source.1;
        self.in_text = true;
        self.text_source.1 = self.position;
        if let Some(text) = &mut self.decoded {
            text.extend_from_slice(s);
            return;
        }
        // The tokenizer hands out slices of the page itself: the text goes
        // on verbatim when the chunk is the source's next bytes.
        let source = self.source.as_bytes();
        let next = source.get(end..end + s.len());
        let verbatim =
            end + s.len() == self.position && next.is_some_and(|n| std::ptr::eq(n, s) || n == s);
        if !verbatim {
            let mut text = source
                .get(self.text_source.0..end)
                .unwrap_or_default()
                .to_vec();
            text.extend_from_slice(s);
            self.decoded = Some(text);
        }
    }

    fn start_open_tag(&mut self) {
        self.tag_start = self.position.saturating_sub(1);
    }

    fn init_start_tag(&mut self) {
        self.name.clear();
        self.is_end_tag = false;
        self.self_closing = false;
        self.span = (1, 1);
    }

    fn init_end_tag(&mut self) {
        self.name.clear();
        self.is_end_tag = true;
    }

    /// Already in lower case: html5gum lowers ASCII letters of tag names.
    fn push_tag_name(&mut self, s: &[u8]) {
        self.name.push(s);
    }

    fn set_self_closing(&mut self) {
        self.self_closing = !self.is_end_tag;
    }

    fn init_attribute(&mut self) {
        self.flush_text();
        self.flush_attribute();
    }

    fn push_attribute_name(&mut self, s: &[u8]) {
        self.attr_name.extend_from_slice(s);
    }

    fn push_attribute_value(&mut self, s: &[u8]) {
        self.attr_value.extend_from_slice(s);
    }

    fn emit_current_tag(&mut self) -> Option<State> {
        self.flush_text();
        self.flush_attribute();
        if self.is_end_tag {
            self.last_start.clear();
            self.end_tag(self.tag());
            return None;
        }
        self.last_start = self.name;
        self.start_tag(self.self_closing, self.position);
        // `<title>`, `<script>`, `<style>` hold raw text up to their end.
        let next = naive_next_state(self.last_start.as_bytes());
        if next.is_some() {
            self.init_string();
        }
        next
    }

    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        self.is_end_tag && !self.last_start.is_empty() && self.last_start == self.name
    }

    fn init_comment(&mut self) {
        self.flush_text();
        self.comment.clear();
    }

    fn push_comment(&mut self, s: &[u8]) {
        self.comment.extend_from_slice(s);
    }

    fn emit_current_comment(&mut self) {
        if memchr::memmem::find(&self.comment, b"gongkai-ignore").is_some() {
            let value = String::from_utf8_lossy(&self.comment).into_owned();
            let source = self.tag_start..self.position;
            self.add(Kind::Comment { value, source });
        }
        self.comment.clear();
    }

    fn init_doctype(&mut self) {
        self.flush_text();
    }

    fn emit_current_doctype(&mut self) {}
    fn set_force_quirks(&mut self) {}
    fn push_doctype_name(&mut self, _: &[u8]) {}
    fn set_doctype_public_identifier(&mut self, _: &[u8]) {}
    fn set_doctype_system_identifier(&mut self, _: &[u8]) {}
    fn push_doctype_public_identifier(&mut self, _: &[u8]) {}
    fn push_doctype_system_identifier(&mut self, _: &[u8]) {}
}

fn parse(source: &str) -> Vec<Node> {
    let mut builder = Builder::new(source);
    // Reading a `&str` cannot fail.
    let Ok(()) = Tokenizer::new_with_emitter(source, &mut builder).finish();
    builder.nodes
}

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
        let Some(id) = self.find(0, Tag::Title) else {
            return;
        };
        let nodes = self.nodes;
        for c in children(nodes, id) {
            self.inline(c);
        }
        self.end_line();
    }

    fn find(&self, id: usize, tag: Tag) -> Option<usize> {
        let mut todo = vec![id];
        while let Some(i) = todo.pop() {
            if let Kind::Element { tag: t, .. } = &self.nodes[i].kind {
                if *t == tag {
                    return Some(i);
                }
                let at = todo.len();
                todo.extend(children(self.nodes, i));
                todo[at..].reverse();
            }
        }
        None
    }

    /// A node in block context.
    fn block(&mut self, id: usize, depth: usize) {
        let nodes = self.nodes;
        match &nodes[id].kind {
            Kind::Text { .. } => self.inline(id),
            // Only `gongkai-ignore` comments are kept by the builder.
            Kind::Comment { value, source } => {
                self.end_line();
                let s = format!("<!--{}-->", value.replace("-->", ""));
                self.view.push_mapped(&s, source.clone(), false);
                self.view.push_synthetic("\n");
            }
            Kind::Element {
                tag, holds_table, ..
            } => {
                if tag.is(SKIP) || depth > MAX_DEPTH {
                    return;
                }
                if *tag == Tag::Table && !holds_table {
                    // Blank lines around it: Markdown runs a table on over
                    // the lines that follow it.
                    self.end_line();
                    self.view.push_synthetic("\n");
                    self.table(id);
                    self.view.push_synthetic("\n");
                    return;
                }
                if let Some(level) = tag.heading_level() {
                    self.end_line();
                    self.view.push_synthetic(&"#".repeat(level));
                    self.view.push_synthetic(" ");
                    for c in children(nodes, id) {
                        self.inline(c);
                    }
                    self.end_line();
                    return;
                }
                let is_block = tag.is(BLOCK);
                if *tag == Tag::Br {
                    self.end_line();
                }
                if is_block {
                    self.end_line();
                }
                for c in children(nodes, id) {
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
        let nodes = self.nodes;
        match &nodes[id].kind {
            Kind::Text { value, source } => self.text(value.as_deref(), source.clone()),
            Kind::Comment { .. } => {}
            Kind::Element { tag, .. } => {
                if tag.is(SKIP) {
                    return;
                }
                for c in children(nodes, id) {
                    self.inline(c);
                }
            }
        }
    }

    fn text(&mut self, value: Option<&str>, source: Span) {
        let raw = self.source.get(source.clone()).unwrap_or("");
        let Some(value) = value.filter(|v| *v != raw) else {
            // The usual case, no entities: runs of words map byte for byte.
            let bytes = raw.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                let mut end = i;
                while end < bytes.len() {
                    match space_at(raw, end) {
                        0 => break,
                        n => end += n,
                    }
                }
                if end > i {
                    self.space();
                } else if bytes[i] == b'|' {
                    // A pipe inside a cell would split it.
                    let at = source.start + i;
                    self.view.push_mapped("｜", at..at + 1, false);
                    end = i + 1;
                } else {
                    // A word ends at white space or a pipe, which start
                    // characters: `end` stays on a character boundary.
                    end = i + 1;
                    loop {
                        while end < bytes.len() && !MAY_END_WORD[usize::from(bytes[end])] {
                            end += 1;
                        }
                        if end >= bytes.len() || bytes[end] == b'|' || space_at(raw, end) > 0 {
                            break;
                        }
                        end += 1;
                    }
                    let at = source.start + i;
                    self.view.push_mapped(&raw[i..end], at..at + end - i, true);
                }
                i = end;
            }
            return;
        };
        let mut map = Aligner {
            raw,
            base: source.start,
            at: 0,
        };
        for (i, c) in value.char_indices() {
            let src = map.next(c, &value[i + c.len_utf8()..]);
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
        // Every row's cells, one after another in `cells`.
        let (mut cells, mut rows) = (Vec::new(), Vec::new());
        self.collect_rows(id, &mut cells, &mut rows);
        // grid[r][c] = (cell, whether this is the merged cell's first slot)
        // Rows sized for the widest row's cells: most tables are even.
        let guess = rows.iter().map(|r| r.len()).max().unwrap_or(0);
        let new_row = || Vec::with_capacity(guess);
        let mut grid: Vec<Vec<Option<(usize, bool)>>> = Vec::with_capacity(rows.len());
        for (r, row) in rows.iter().enumerate() {
            let row_cells = &cells[row.clone()];
            if grid.len() <= r {
                grid.resize_with(r + 1, new_row);
            }
            let mut c = 0;
            for &cell in row_cells {
                while grid[r].get(c).is_some_and(Option::is_some) {
                    c += 1;
                }
                let (cols, rs) = match &self.nodes[cell].kind {
                    Kind::Element { span, .. } => *span,
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
                        grid.resize_with(r + dr + 1, new_row);
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
        // A cell for every slot.
        let slots = grid
            .iter()
            .map(|row| if pad { width } else { row.len() })
            .sum();
        self.view.reserve_rows(grid.len(), slots);
        for (r, row) in grid.iter().enumerate() {
            self.view.open_row();
            for c in 0..if pad { width } else { row.len() } {
                // An empty cell's span is where its text would start, just
                // after the pipe: that is the point that stands for it.
                let cell = row.get(c).copied().flatten();
                match cell.map(|(id, _)| &self.nodes[id].kind) {
                    Some(Kind::Element { inside, .. }) => self.view.anchor(*inside),
                    _ => {
                        let here = self.view.text.len();
                        let at = self.view.to_source(here..here);
                        self.view.anchor(at.start);
                    }
                }
                let from = self.view.text.len();
                self.view.push_synthetic(" ");
                if let Some((id, true)) = cell {
                    self.cell(id);
                }
                self.view.close_cell(from, " |");
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

    /// The rows of table `id`: their cells go to `cells`, and each row's
    /// range of them to `rows` (one list for the table, not one per row).
    fn collect_rows(&self, id: usize, cells: &mut Vec<usize>, rows: &mut Vec<Range<usize>>) {
        for c in children(self.nodes, id) {
            if let Kind::Element { tag, .. } = &self.nodes[c].kind {
                match *tag {
                    Tag::Tr => {
                        let from = cells.len();
                        cells.extend(
                            children(self.nodes, c).filter(|&k| {
                                matches!(tag_of(self.nodes, k), Some(Tag::Td | Tag::Th))
                            }),
                        );
                        rows.push(from..cells.len());
                    }
                    Tag::Tbody | Tag::Thead | Tag::Tfoot => self.collect_rows(c, cells, rows),
                    _ => {}
                }
            }
        }
    }

    /// A cell's text on one line: its paragraphs and line breaks joined.
    fn cell(&mut self, id: usize) {
        let start = self.view.text.len();
        let nodes = self.nodes;
        for c in children(nodes, id) {
            self.inline(c);
        }
        while self.view.text.len() > start && self.view.text.ends_with(' ') {
            self.view.text.pop();
        }
    }
}

/// The bytes that may start white space or a pipe (see [`space_at`]): a
/// word is skipped over a table lookup a byte.
const MAY_END_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b as u8 == b'|' || may_start_whitespace(b as u8);
        b += 1;
    }
    t
};

/// The length of the white space character at byte `i` of `s`, or 0: only
/// the bytes that may start one are decoded.
fn space_at(s: &str, i: usize) -> usize {
    match s.as_bytes().get(i) {
        Some(&b) if !may_start_whitespace(b) => 0,
        Some(&b) if b.is_ascii() => 1,
        Some(_) => s
            .get(i..)
            .and_then(|t| t.chars().next())
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
        None => 0,
    }
}

/// Walks the raw source of a text token alongside its decoded value, to
/// find the source of each decoded character (an entity stands for one).
struct Aligner<'a> {
    raw: &'a str,
    base: usize,
    at: usize,
}

impl Aligner<'_> {
    /// The source of `c`, the next decoded character; `after` is the
    /// decoded text after it.
    fn next(&mut self, c: char, after: &str) -> Span {
        let rest = self.raw.get(self.at..).unwrap_or("");
        let here = self.base + self.at;
        if let Some(tail) = rest.strip_prefix('&') {
            // A reference is `&`, a name or number, and maybe `;`. An `&`
            // the page means literally is followed by the same text in the
            // source and in the decoded value.
            let name = 1 + tail
                .bytes()
                .take(40)
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
                .count();
            let len = name + usize::from(rest[name..].starts_with(';'));
            let literal = c == '&' && after.starts_with(&rest[1..len]);
            if len > 1 && !literal {
                self.at += len;
                return here..here + len;
            }
        }
        if rest.starts_with(c) {
            self.at += c.len_utf8();
            return here..here + c.len_utf8();
        }
        if c == '\n' && rest.starts_with('\r') {
            let len = if rest.starts_with("\r\n") { 2 } else { 1 };
            self.at += len;
            return here..here + len;
        }
        if let Some(ch) = rest.chars().next() {
            self.at += ch.len_utf8();
        }
        here..here
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
    fn text_maps_back_across_entities_line_ends_and_odd_spaces() {
        let html = "<P>总\u{3000}计&amp;\r\n合计\u{2003}|x\u{3001}</P><TD COLSPAN=2>3</TD>";
        let v = read(html).unwrap();
        assert_eq!(v.text, "总 计& 合计 ｜x\u{3001}\n3\n");
        for word in ["合计", "x\u{3001}", "3"] {
            let at = v.text.find(word).unwrap();
            assert_eq!(&html[v.to_source(at..at + word.len())], word);
        }
        let amp = v.text.find('&').unwrap();
        assert_eq!(&html[v.to_source(amp..amp + 1)], "&amp;");
        let pipe = v.text.find('｜').unwrap();
        assert_eq!(&html[v.to_source(pipe..pipe + "｜".len())], "|");
    }

    #[test]
    fn space_at_knows_every_white_space_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("{c}x");
            let want = if c.is_whitespace() { c.len_utf8() } else { 0 };
            assert_eq!(space_at(&s, 0), want, "U+{:04X}", c as u32);
        }
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
