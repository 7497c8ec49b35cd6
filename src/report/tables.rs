//! Reading the three tables from the token stream, label by label.

use super::cell::{self, Cell};
use super::{
    ActiveSub, ActiveTable, ApplicationsTable, ColumnHeader, LabelMatch, ReviewTable, Row, Section,
};
use crate::diagnostic::Span;
use crate::format::{
    self, labels, FormatId, GroupDef, RowDef, APPLICANT_COLUMNS, APPLICANT_HEADERS, BALANCE_NOTE,
    LITIGATION_HEADER, REVIEW_COLUMNS, REVIEW_GROUPS,
};
use crate::read::{Document, Token, TokenKind};

pub struct Tables {
    pub active: Option<ActiveTable>,
    pub applications: Option<ApplicationsTable>,
    pub review: Option<ReviewTable>,
    /// Line ranges the tables occupy (not prose).
    pub consumed_lines: Vec<std::ops::Range<usize>>,
}

impl Tables {
    /// The format the tables' own headers and rows say, if any.
    pub fn layout(&self) -> Option<FormatId> {
        let from_active = self
            .active
            .as_ref()
            .and_then(|a| a.subs.iter().find_map(|s| s.layout));
        from_active.or(self.applications.as_ref().and_then(|b| b.layout))
    }

    /// Point table A's sub-tables and rows at the report format's
    /// definitions where their own layout does not say otherwise.
    pub fn resolve(&mut self, format: FormatId) {
        let Some(active) = &mut self.active else {
            return;
        };
        for sub in &mut active.subs {
            let spec = sub.layout.unwrap_or(format).spec();
            sub.def = sub.item.and_then(|i| spec.sub_table(i));
            if let Some(def) = sub.def {
                for row in &mut sub.rows {
                    if let Some(key) = row.key() {
                        row.def = def.rows.iter().find(|r| r.key == key).or(row.def);
                        if let Some(d) = row.def {
                            let norm = labels::normalize(&row.label);
                            if row.label_match == LabelMatch::Alias
                                && strip_note(&norm) == labels::normalized(d.label)
                            {
                                row.label_match = LabelMatch::Exact;
                            }
                        }
                    }
                }
            }
        }
    }
}

pub fn read_tables(text: &str, doc: &Document, sections: &[Section]) -> Tables {
    let region = |n: u8| {
        sections
            .iter()
            .find(|s| s.number == n)
            .map(|s| s.lines.clone())
    };
    let all = 0..doc.lines.len();
    let mut consumed = Vec::new();

    let reader = |range: std::ops::Range<usize>| TokenReader::new(text, doc.tokens(range));
    // The whole document's reader, built once: where the sections do not
    // hold the tables (a text without headings), every table is looked for
    // in all of it, and normalising it three times was 4% of a folder run.
    let whole = std::cell::OnceCell::new();
    let read = |range: std::ops::Range<usize>| {
        if range == all {
            Held::Shared(whole.get_or_init(|| reader(all.clone())))
        } else {
            Held::Own(reader(range))
        }
    };

    let applications = region(3)
        .and_then(|r| reader(r).applications())
        .or_else(|| read(all.clone()).applications());
    if let Some((_, lines)) = &applications {
        consumed.push(lines.clone());
    }
    let b_start = applications.as_ref().map(|(_, l)| l.start);

    let active = region(2)
        .map(|r| r.start..b_start.map_or(r.end, |b| b.min(r.end).max(r.start)))
        .and_then(|r| reader(r).active())
        .or_else(|| read(0..b_start.unwrap_or(all.end)).active());
    if let Some((_, lines)) = &active {
        consumed.push(lines.clone());
    }

    let review = region(4).and_then(|r| reader(r).review()).or_else(|| {
        let from = applications.as_ref().map_or(0, |(_, l)| l.end);
        read(from..all.end).review()
    });
    if let Some((_, lines)) = &review {
        consumed.push(lines.clone());
    }

    Tables {
        active: active.map(|a| a.0),
        applications: applications.map(|a| a.0),
        review: review.map(|a| a.0),
        consumed_lines: consumed,
    }
}

/// A reader of the tables' tokens, or the shared one of the whole document.
enum Held<'a, 't> {
    Shared(&'a TokenReader<'t>),
    Own(TokenReader<'t>),
}

impl<'t> std::ops::Deref for Held<'_, 't> {
    type Target = TokenReader<'t>;
    fn deref(&self) -> &TokenReader<'t> {
        match self {
            Held::Shared(r) => r,
            Held::Own(r) => r,
        }
    }
}

/// A vocabulary of normalised labels, sorted so that prefix questions are
/// binary searches (they are asked for every token), within the entries
/// that share the question's first character (many labels share long
/// beginnings such as `(一)`: comparing whole labels was most of the search).
struct Vocab {
    entries: Vec<(String, Known)>,
    /// Each first character, with the range of the entries it begins.
    firsts: Vec<(char, std::ops::Range<usize>)>,
}

impl std::ops::Deref for Vocab {
    type Target = [(String, Known)];
    fn deref(&self) -> &Self::Target {
        &self.entries
    }
}

impl Vocab {
    fn new(mut entries: Vec<(String, Known)>) -> Vocab {
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut firsts: Vec<(char, std::ops::Range<usize>)> = Vec::new();
        for (i, (k, _)) in entries.iter().enumerate() {
            let Some(c) = k.chars().next() else { continue };
            match firsts.last_mut() {
                Some((last, range)) if *last == c => range.end = i + 1,
                _ => firsts.push((c, i..i + 1)),
            }
        }
        Vocab { entries, firsts }
    }

    /// Entries that start with `s` (including `s` itself).
    fn starting_with<'a>(&'a self, s: &'a str) -> impl Iterator<Item = &'a (String, Known)> + 'a {
        let range = match s.chars().next() {
            None => 0..self.entries.len(),
            Some(c) => self
                .firsts
                .binary_search_by(|(f, _)| f.cmp(&c))
                .map_or(0..0, |i| self.firsts[i].1.clone()),
        };
        let within = &self.entries[range];
        let from = within.partition_point(|(k, _)| k.as_str() < s);
        within[from..]
            .iter()
            .take_while(move |(k, _)| k.starts_with(s))
    }

    /// Entries equal to `s`, in their order.
    fn equal_to<'a>(&'a self, s: &'a str) -> impl Iterator<Item = &'a (String, Known)> + 'a {
        // Equal entries come first among those starting with `s`.
        self.starting_with(s)
            .take_while(move |(k, _)| k.len() == s.len())
    }

    fn has_strict_prefix(&self, s: &str) -> bool {
        self.starting_with(s).any(|(k, _)| k.len() > s.len())
    }

    fn has_prefix_or_eq(&self, s: &str) -> bool {
        self.starting_with(s).next().is_some()
    }
}

/// What a known label names.
#[derive(Clone, Copy)]
enum Known {
    Row(&'static RowDef),
    Group(&'static GroupDef),
    Header,
}

struct TokenReader<'t> {
    text: &'t str,
    toks: Vec<Token>,
    /// Every text token normalised, one after another in one string
    /// (a string per token was a tenth of reading the tables).
    norms: String,
    /// Where each token's form is in `norms` (empty for the others).
    norm_at: Vec<std::ops::Range<usize>>,
}

/// A label assembled from one or more tokens.
struct Assembled<'a> {
    /// Borrowed from the token's form unless lines were joined.
    norm: std::borrow::Cow<'a, str>,
    span: Span,
    /// Index of the token after the label.
    next: usize,
}

impl<'t> TokenReader<'t> {
    fn new(text: &'t str, toks: Vec<Token>) -> Self {
        // Forms are no longer than their text, but for `,` → `、`.
        let text_bytes: usize = toks
            .iter()
            .filter(|t| t.kind == TokenKind::Text)
            .map(|t| t.span.len())
            .sum();
        let mut norms = String::with_capacity(text_bytes + text_bytes / 4);
        let norm_at = toks
            .iter()
            .map(|t| {
                let from = norms.len();
                if t.kind == TokenKind::Text {
                    labels::normalize_into(&text[t.span.clone()], &mut norms);
                }
                from..norms.len()
            })
            .collect();
        TokenReader {
            text,
            toks,
            norms,
            norm_at,
        }
    }

    fn norm(&self, i: usize) -> &str {
        &self.norms[self.norm_at[i].clone()]
    }

    fn raw(&self, i: usize) -> &'t str {
        &self.text[self.toks[i].span.clone()]
    }

    fn is_text(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokenKind::Text)
    }

    /// Join token `i` with the following pasted lines while the result is
    /// still the beginning of a known label ("（三）不予" ⏎ "公开", vertical
    /// headers one character a line). Pipe-table cells are never joined.
    fn assemble(&self, i: usize, known: &Vocab) -> Assembled<'_> {
        let tok = &self.toks[i];
        let mut norm = std::borrow::Cow::Borrowed(self.norm(i));
        let mut span = tok.span.clone();
        let mut next = i + 1;
        if !tok.in_row {
            loop {
                if !known.has_strict_prefix(&norm) {
                    break;
                }
                let mut j = next;
                while self.toks.get(j).is_some_and(|t| t.kind == TokenKind::Break) {
                    j += 1;
                }
                if !self.is_text(j) || self.toks[j].in_row {
                    break;
                }
                let extended = format!("{norm}{}", self.norm(j));
                if !known.has_prefix_or_eq(&extended) {
                    break;
                }
                norm = std::borrow::Cow::Owned(extended);
                span.end = self.toks[j].span.end;
                next = j + 1;
            }
        }
        Assembled { norm, span, next }
    }

    /// The next index at or after `i` that is a text token.
    fn next_text(&self, mut i: usize) -> Option<usize> {
        while i < self.toks.len() {
            if self.toks[i].kind == TokenKind::Text {
                return Some(i);
            }
            i += 1;
        }
        None
    }

    /// Whether the next meaningful token after `i` (skipping blanks and
    /// empty cells, staying in the row) is a value.
    fn values_follow(&self, mut i: usize) -> bool {
        while let Some(t) = self.toks.get(i) {
            match t.kind {
                TokenKind::Text => return cell::is_value_like(self.raw(i)),
                TokenKind::RowEnd => return false,
                _ => i += 1,
            }
        }
        false
    }

    /// Whether the next label after `i` is one of the 2021 format's
    /// （六） rows, so that a （六）其他处理 before it is their group label.
    fn group_o_follows(&self, i: usize, known: &Vocab) -> bool {
        let Some(t) = self.next_text(i) else {
            return false;
        };
        if cell::is_value_like(self.raw(t)) {
            return false;
        }
        let a = self.assemble(t, known);
        match match_row(&a.norm, Some(&format::GROUP_O), known) {
            Some((r, _)) => r.group.is_some_and(|g| g.key == "o"),
            None => a.norm.starts_with("1."),
        }
    }

    /// Read up to `n` value cells from `i`. Returns the cells and the index
    /// after the last token that belongs to them.
    fn take_values(&self, i: usize, n: usize) -> (Vec<Cell>, usize) {
        let mut items: Vec<usize> = Vec::with_capacity(n + 4);
        let mut j = i;
        let mut row_end = None;
        while let Some(t) = self.toks.get(j) {
            match t.kind {
                TokenKind::Text => {
                    if !cell::is_value_like(self.raw(j)) {
                        break;
                    }
                    items.push(j);
                }
                TokenKind::Empty | TokenKind::Break => items.push(j),
                TokenKind::RowEnd => {
                    row_end = Some(j);
                    break;
                }
            }
            j += 1;
        }
        let is_break = |k: usize| self.toks[k].kind == TokenKind::Break;
        let is_blank = |k: usize| self.toks[k].kind != TokenKind::Text;
        let count = |v: &[usize]| v.iter().filter(|&&k| !is_break(k)).count();
        // Blank lines before the first cell separate rows.
        while items.first().is_some_and(|&k| is_break(k)) {
            items.remove(0);
        }
        let in_row = items.first().is_some_and(|&k| self.toks[k].in_row);
        // Too many: empty cells after the row's last blank line are the
        // next row's merged label cells (pasted text)...
        if count(&items) > n {
            if let Some(b) = items.iter().rposition(|&k| is_break(k)) {
                if items[b..].iter().all(|&k| is_blank(k)) {
                    items.truncate(b);
                }
            }
        }
        while items.last().is_some_and(|&k| is_break(k)) {
            items.pop();
        }
        // ...then leading empty cells are label columns, then trailing
        // empty cells are surplus.
        loop {
            if count(&items) <= n {
                break;
            }
            if items.first().is_some_and(|&k| is_blank(k)) {
                items.remove(0);
            } else if items.last().is_some_and(|&k| is_blank(k)) {
                items.pop();
                while items.last().is_some_and(|&k| is_break(k)) {
                    items.pop();
                }
            } else {
                break;
            }
        }
        // Too few: a blank line inside the run stands for an empty cell.
        let mut breaks_as_cells = n.saturating_sub(count(&items));
        let mut cells = Vec::with_capacity(items.len());
        for &k in &items {
            let t = &self.toks[k];
            match t.kind {
                TokenKind::Break if breaks_as_cells > 0 => {
                    breaks_as_cells -= 1;
                    cells.push(Cell {
                        span: t.span.start..t.span.start,
                        value: cell::CellValue::Blank,
                    });
                }
                TokenKind::Break => {}
                TokenKind::Empty => cells.push(Cell {
                    span: t.span.clone(),
                    value: cell::CellValue::Blank,
                }),
                _ => cells.push(Cell {
                    span: t.span.clone(),
                    value: cell::parse(self.raw(k)),
                }),
            }
        }
        let next = match row_end {
            Some(e) if items.last().is_none_or(|&l| l < e) && (items.len() == j - i || in_row) => {
                e + 1
            }
            _ => items.last().map_or(i, |&l| l + 1),
        };
        (cells, next.max(i))
    }

    // ---- table B ------------------------------------------------------

    fn applications(&self) -> Option<(ApplicationsTable, std::ops::Range<usize>)> {
        let known = table_b_labels();
        let headers = table_b_header_labels();
        static ROWS: std::sync::OnceLock<Vocab> = std::sync::OnceLock::new();
        let row_known = ROWS.get_or_init(|| {
            Vocab::new(
                known
                    .iter()
                    .filter(|(_, k)| !matches!(k, Known::Header))
                    .cloned()
                    .collect(),
            )
        });

        // The table starts at its 勾稽 note, its applicant header or its
        // first row label.
        let mut start = None;
        let mut i = 0;
        while let Some(t) = self.next_text(i) {
            let norm = self.norm(t);
            let is_header = norm == labels::normalized(BALANCE_NOTE) || norm == "申请人情况";
            let a = self.assemble(t, known);
            let is_row = matches!(lookup(&a.norm, row_known), Some(Known::Row(r)) if r.key == "new" || r.key == "carried");
            if is_header || is_row {
                start = Some(t);
                break;
            }
            i = t + 1;
        }
        let start = start?;
        let first_line = self.toks[start].line;
        let mut rows: Vec<Row> = Vec::new();
        let mut group: Option<&'static GroupDef> = None;
        let mut has_o_group = false;
        let mut has_o_row = false;
        let mut i = start;
        let mut last_line = first_line;
        let mut end = self.toks[start].span.end;
        let mut header_end = self.toks[start].span.end;
        while let Some(t) = self.next_text(i) {
            let a = self.assemble(t, known);
            // Header cells: skip, but remember where the header ends.
            if rows.is_empty()
                && headers.iter().any(|h| {
                    *h == a.norm || (h.starts_with(&*a.norm) && a.norm.chars().count() >= 2)
                })
            {
                header_end = a.span.end;
                last_line = self.toks[a.next - 1].line;
                i = a.next;
                continue;
            }
            let mut rest: &str = &a.norm;
            // Strip merged group labels written in the same cell.
            loop {
                let mut stripped = false;
                for (k, kn) in known.iter() {
                    if let Known::Group(g) = kn {
                        if !k.is_empty() && rest.starts_with(k.as_str()) {
                            // （六）其他处理 alone and followed by values is the
                            // 2019 format's single row, not the 2021 group.
                            if g.key == "o"
                                && rest == k.as_str()
                                && !self.group_o_follows(a.next, row_known)
                            {
                                break;
                            }
                            group = Some(g);
                            if g.key == "o" {
                                has_o_group = true;
                            }
                            rest = &rest[k.len()..];
                            stripped = true;
                            break;
                        }
                    }
                }
                if !stripped || rest.is_empty() {
                    break;
                }
            }
            if rest.is_empty() {
                // A group label; with values after it, a subtotal row.
                if self.values_follow(a.next) {
                    let (cells, next) = self.take_values(a.next, 7);
                    rows.push(Row {
                        def: None,
                        label: self.text[a.span.clone()].to_owned(),
                        label_span: a.span.clone(),
                        label_match: LabelMatch::Exact,
                        cells,
                        parent: None,
                        subtotal_of: group.map(|g| g.key),
                    });
                    i = next;
                } else {
                    i = a.next;
                }
                last_line = self.toks[i.saturating_sub(1).max(t)].line;
                end = self.toks[i.saturating_sub(1).max(t)].span.end.max(end);
                continue;
            }
            // A misspelt group label ("（六）其他") over its rows.
            if !self.values_follow(a.next) {
                if let Some(g) = near_group(rest, known) {
                    group = Some(g);
                    if g.key == "o" {
                        has_o_group = true;
                    }
                    i = a.next;
                    continue;
                }
            }
            let matched = match_row(rest, group, row_known);
            if matched.is_none() && !self.values_follow(a.next) {
                // Text that is neither a label nor followed by values: a note
                // under the table, or prose — the table has ended.
                if !rows.is_empty() {
                    break;
                }
                i = a.next;
                continue;
            }
            let (cells, next) = self.take_values(a.next, 7);
            let (def, label_match) = match matched {
                Some((d, m)) => (Some(d), m),
                None => (None, LabelMatch::Exact),
            };
            if def.is_some_and(|d| d.key == "o") {
                has_o_row = true;
            }
            if def.is_some_and(|d| d.group.is_none()) {
                group = None;
            }
            let subtotal_of = if def.is_none() && (rest.contains("合计") || rest.contains("小计"))
            {
                group.map(|g| g.key)
            } else {
                None
            };
            let is_forward = def.is_some_and(|d| d.key == "forward");
            rows.push(Row {
                def,
                label: self.text[a.span.clone()].to_owned(),
                label_span: a.span.clone(),
                label_match,
                cells,
                parent: None,
                subtotal_of,
            });
            let last_tok = next.saturating_sub(1).max(t);
            last_line = self.toks[last_tok].line;
            end = self.toks[last_tok].span.end.max(a.span.end);
            i = next.max(a.next);
            if is_forward {
                break;
            }
        }
        if rows.is_empty()
            && header_end == self.toks[start].span.end
            && self.toks[start].kind != TokenKind::Text
        {
            return None;
        }
        let layout = if has_o_group && !has_o_row {
            Some(FormatId::V2021)
        } else if has_o_row && !has_o_group {
            Some(FormatId::V2019)
        } else {
            None
        };
        let span = self.toks[start].span.start..end.max(header_end);
        Some((
            ApplicationsTable {
                span,
                rows,
                layout,
                header: header_end..header_end,
            },
            first_line..last_line + 1,
        ))
    }

    // ---- table C ------------------------------------------------------

    fn review(&self) -> Option<(ReviewTable, std::ops::Range<usize>)> {
        let known = table_c_labels();
        let mut i = 0;
        let start = loop {
            let t = self.next_text(i)?;
            let a = self.assemble(t, known);
            if a.norm == "行政复议" || a.norm == "结果维持" {
                break t;
            }
            i = a.next;
        };
        let first_line = self.toks[start].line;
        // Skip the header: its labels, empty cells and row ends.
        let mut i = start;
        let mut header_end = self.toks[start].span.end;
        let mut last_row_end = None;
        let mut last_break = None;
        while let Some(t) = self.toks.get(i) {
            match t.kind {
                TokenKind::Text => {
                    let a = self.assemble(i, known);
                    if known.iter().any(|(k, _)| k.starts_with(&*a.norm))
                        && !cell::is_value_like(self.raw(i))
                    {
                        header_end = a.span.end;
                        i = a.next;
                        continue;
                    }
                    break;
                }
                TokenKind::RowEnd => last_row_end = Some(i),
                TokenKind::Break => last_break = Some(i),
                TokenKind::Empty => {}
            }
            i += 1;
        }
        if i >= self.toks.len() || !cell::is_value_like(self.raw(i)) {
            let header = header_end..header_end;
            let lines = first_line..self.toks[i.min(self.toks.len()) - 1].line + 1;
            return Some((
                ReviewTable {
                    span: self.toks[start].span.start..header_end,
                    cells: Vec::new(),
                    header,
                },
                lines,
            ));
        }
        // A pipe row's leading empty cells belong to the data row.
        let data_start = match (self.toks[i].in_row, last_row_end, last_break) {
            (true, Some(e), _) => e + 1,
            (false, _, Some(b)) if b + 1 < i => b + 1,
            _ => i,
        };
        let (mut cells, next) = self.take_values(data_start, 15);
        if cells.len() > 15 {
            cells.truncate(cells.len());
        }
        let last_tok = next.saturating_sub(1).max(i);
        let end = self.toks[last_tok].span.end;
        Some((
            ReviewTable {
                span: self.toks[start].span.start..end,
                cells,
                header: header_end..header_end,
            },
            first_line..self.toks[last_tok].line + 1,
        ))
    }

    // ---- table A ------------------------------------------------------

    fn active(&self) -> Option<(ActiveTable, std::ops::Range<usize>)> {
        let rows_known = table_a_row_labels();
        let cols_known = table_a_column_labels();
        let b_known = table_b_labels();
        static ALL: std::sync::OnceLock<Vocab> = std::sync::OnceLock::new();
        let all_known: &Vocab = ALL.get_or_init(|| {
            let mut v = rows_known.to_vec();
            v.extend(cols_known.iter().cloned());
            v.push((
                labels::normalize(format::ACTIVE_CONTENT_HEADER),
                Known::Header,
            ));
            Vocab::new(v)
        });

        let mut subs: Vec<ActiveSub> = Vec::new();
        let mut i = 0;
        let mut first_line = None;
        let mut last_line = 0;
        let mut start_span = 0;
        let mut end = 0;
        while let Some(t) = self.next_text(i) {
            let raw = self.raw(t);
            let norm = self.norm(t);
            if let Some(item) = sub_table_item(norm) {
                if first_line.is_none() {
                    first_line = Some(self.toks[t].line);
                    start_span = self.toks[t].span.start;
                }
                subs.push(ActiveSub {
                    item: Some(item),
                    heading: self.toks[t].span.clone(),
                    def: None,
                    columns: Vec::new(),
                    rows: Vec::new(),
                    layout: if item == 9 {
                        Some(FormatId::V2019)
                    } else {
                        None
                    },
                });
                last_line = self.toks[t].line;
                end = self.toks[t].span.end;
                i = t + 1;
                continue;
            }
            let Some(sub) = subs.last_mut() else {
                i = t + 1;
                continue;
            };
            // Table B begins: table A has ended.
            if norm == labels::normalized(BALANCE_NOTE)
                || matches!(lookup(norm, b_known), Some(Known::Row(r)) if r.key == "new")
            {
                break;
            }
            let a = self.assemble(t, all_known);
            if a.norm == labels::normalized(format::ACTIVE_CONTENT_HEADER) {
                i = a.next;
                last_line = self.toks[a.next - 1].line;
                continue;
            }
            // A note in parentheses under a heading, or a stray number: not a row.
            if a.norm.starts_with('(') && a.norm.ends_with(')')
                || (cell::is_value_like(raw) && sub.columns.is_empty() && sub.rows.is_empty())
            {
                i = a.next;
                continue;
            }
            let row_match = match_active_row(&a.norm, sub.item, rows_known);
            if row_match.is_none()
                && sub.rows.is_empty()
                && !cell::is_value_like(raw)
                && !self.values_follow(a.next)
            {
                // A column header.
                if a.norm.chars().count() > 40 {
                    break;
                }
                let (unit, decimals) = header_unit(&a.norm);
                let stripped =
                    labels::normalize(&labels::strip_parenthesized(&self.text[a.span.clone()]));
                if let Some(f) = format::format_of_column_header(&stripped) {
                    sub.layout.get_or_insert(f);
                }
                sub.columns.push(ColumnHeader {
                    text: self.text[a.span.clone()].to_owned(),
                    span: a.span.clone(),
                    unit,
                    decimals,
                });
                last_line = self.toks[a.next - 1].line;
                end = a.span.end;
                i = a.next;
                continue;
            }
            if row_match.is_none() && !self.values_follow(a.next) {
                if a.norm.chars().count() > 40 {
                    break;
                }
                // A parent label for local rows, or a stray note.
                i = a.next;
                continue;
            }
            let n = if sub.columns.is_empty() {
                sub.item
                    .and_then(|it| {
                        FormatId::V2021
                            .spec()
                            .sub_table(it)
                            .or(FormatId::V2019.spec().sub_table(it))
                    })
                    .map_or(3, |d| d.columns.len())
            } else {
                sub.columns.len()
            };
            let (cells, next) = self.take_values(a.next, n);
            let parent = if row_match.is_none() {
                sub.rows.iter().rev().find_map(|r| r.key())
            } else {
                None
            };
            let (def, label_match) = match row_match {
                Some((d, m)) => (Some(d), m),
                None => (None, LabelMatch::Exact),
            };
            sub.rows.push(Row {
                def,
                label: self.text[a.span.clone()].to_owned(),
                label_span: a.span.clone(),
                label_match,
                cells,
                parent,
                subtotal_of: None,
            });
            let last_tok = next.saturating_sub(1).max(t);
            last_line = self.toks[last_tok].line;
            end = self.toks[last_tok].span.end.max(a.span.end);
            i = next.max(a.next);
        }
        let first_line = first_line?;
        Some((
            ActiveTable {
                span: start_span..end,
                subs,
            },
            first_line..last_line + 1,
        ))
    }
}

/// 第二十条第（N）项 → N.
pub fn sub_table_item(norm: &str) -> Option<u8> {
    let rest = norm.strip_prefix("第二十条")?;
    let rest = rest.strip_prefix('第').unwrap_or(rest);
    let inner = rest.strip_suffix('项')?;
    let inner = inner
        .strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'))
        .unwrap_or(inner);
    let n = cell::chinese_numeral(inner).or_else(|| inner.parse().ok())?;
    u8::try_from(n).ok().filter(|n| (1..=30).contains(n))
}

fn header_unit(norm: &str) -> (Option<&'static str>, Option<u8>) {
    let unit = if norm.contains("万元") {
        Some("万元")
    } else if norm.contains('元') {
        Some("元")
    } else {
        None
    };
    let decimals = norm.find("保留").and_then(|p| {
        let after = &norm[p + "保留".len()..];
        let end = after.find("位小数")?;
        cell::chinese_numeral(&after[..end])
            .or_else(|| after[..end].parse().ok())
            .and_then(|n| u8::try_from(n).ok())
    });
    (unit, decimals)
}

fn near_group(norm: &str, known: &Vocab) -> Option<&'static GroupDef> {
    known.iter().find_map(|(k, v)| match v {
        Known::Group(g) if labels::is_near(norm, k) && norm.chars().count() >= 4 => Some(*g),
        _ => None,
    })
}

fn lookup(norm: &str, known: &Vocab) -> Option<Known> {
    known
        .starting_with(norm)
        .find(|(k, _)| k == norm)
        .map(|(_, v)| *v)
}

/// Match a (group-stripped) table B label to its row.
fn match_row(
    rest: &str,
    group: Option<&GroupDef>,
    known: &Vocab,
) -> Option<(&'static RowDef, LabelMatch)> {
    let rows = known.iter().filter_map(|(k, v)| match v {
        Known::Row(r) => Some((k, *r)),
        _ => None,
    });
    // Exact, or exact with a note in parentheses after it: the labels equal
    // to `rest` cut before one of its `(`, or whole, looked up rather than
    // compared with every row, shortest first as they are sorted.
    let cuts = memchr::memchr_iter(b'(', rest.as_bytes()).chain([rest.len()]);
    let exact = cuts.flat_map(|cut| known.equal_to(&rest[..cut]));
    let mut best: Option<(&'static RowDef, LabelMatch)> = None;
    for (k, v) in exact {
        let Known::Row(r) = *v else { continue };
        let m = if labels::normalized(r.label) == *k
            || (r.note.is_some() && labels::normalize(&r.full_label()) == *k)
        {
            LabelMatch::Exact
        } else {
            LabelMatch::Alias
        };
        // Prefer a row of the current group.
        let same_group = r.group.map(|g| g.key) == group.map(|g| g.key);
        if best.is_none() || same_group {
            best = Some((r, m));
        }
    }
    if best.is_some() {
        return best;
    }
    // A near miss: prefer a row in the current group with the same number.
    let core = strip_note(rest);
    let mut candidates: Vec<(usize, &'static RowDef)> = rows
        .filter_map(|(_, r)| Some((labels::near_distance(core, labels::normalized(r.label))?, r)))
        .collect();
    candidates.sort_by_key(|(d, r)| (r.group.map(|g| g.key) != group.map(|g| g.key), *d));
    candidates.first().map(|(_, r)| (*r, LabelMatch::Near))
}

fn match_active_row(
    norm: &str,
    item: Option<u8>,
    known: &Vocab,
) -> Option<(&'static RowDef, LabelMatch)> {
    let core = strip_note(norm);
    // The rows of sub-table `item` in either format.
    let item_rows = |it: u8| {
        [FormatId::V2019, FormatId::V2021]
            .into_iter()
            .filter_map(move |f| f.spec().sub_table(it))
            .flat_map(|s| s.rows.iter())
    };
    for (k, v) in known.starting_with(core) {
        if let Known::Row(r) = v {
            if *k == core && item.is_none_or(|it| item_rows(it).any(|x| std::ptr::eq(x, *r))) {
                let m = if labels::normalized(r.label) == *k {
                    LabelMatch::Exact
                } else {
                    LabelMatch::Alias
                };
                return Some((r, m));
            }
        }
    }
    for (k, v) in known.starting_with(core) {
        if let Known::Row(r) = v {
            if *k == core {
                return Some((r, LabelMatch::Exact));
            }
        }
    }
    if core.chars().count() < 3 {
        return None;
    }
    item_rows(item?)
        .filter_map(|r| Some((labels::near_distance(core, labels::normalized(r.label))?, r)))
        .min_by_key(|(d, _)| *d)
        .map(|(_, r)| (r, LabelMatch::Near))
}

/// A label without its trailing parenthesised note.
fn strip_note(norm: &str) -> &str {
    match norm.find('(') {
        Some(p) if p > 0 => &norm[..p],
        _ => norm,
    }
}

fn table_b_labels() -> &'static Vocab {
    static CACHE: std::sync::OnceLock<Vocab> = std::sync::OnceLock::new();
    CACHE.get_or_init(|| Vocab::new(table_b_labels_uncached()))
}

fn table_b_labels_uncached() -> Vec<(String, Known)> {
    let mut out = Vec::new();
    for f in [FormatId::V2021, FormatId::V2019] {
        for r in f.spec().applications {
            for label in std::iter::once(r.label).chain(r.aliases.iter().copied()) {
                let n = labels::normalize(label);
                if !out
                    .iter()
                    .any(|(k, v): &(String, Known)| *k == n && matches!(v, Known::Row(_)))
                {
                    out.push((n, Known::Row(r)));
                }
            }
        }
        for g in f.spec().application_groups() {
            let n = labels::normalize(g.label);
            if !out
                .iter()
                .any(|(k, v): &(String, Known)| *k == n && matches!(v, Known::Group(_)))
            {
                out.push((n, Known::Group(g)));
            }
        }
    }
    for h in table_b_header_labels() {
        out.push((h.clone(), Known::Header));
    }
    out
}

fn table_b_header_labels() -> &'static [String] {
    static CACHE: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    CACHE.get_or_init(table_b_header_labels_uncached)
}

fn table_b_header_labels_uncached() -> Vec<String> {
    let mut out = vec![labels::normalize(BALANCE_NOTE)];
    out.extend(APPLICANT_HEADERS.iter().map(|h| labels::normalize(h)));
    out.extend(APPLICANT_COLUMNS.iter().map(|c| labels::normalize(c.label)));
    out.push("小计".into());
    out
}

fn table_c_labels() -> &'static Vocab {
    static CACHE: std::sync::OnceLock<Vocab> = std::sync::OnceLock::new();
    CACHE.get_or_init(|| Vocab::new(table_c_labels_uncached()))
}

fn table_c_labels_uncached() -> Vec<(String, Known)> {
    let mut out: Vec<(String, Known)> = REVIEW_GROUPS
        .iter()
        .map(|g| (labels::normalize(g.label), Known::Header))
        .collect();
    out.push((labels::normalize(LITIGATION_HEADER), Known::Header));
    out.extend(
        REVIEW_COLUMNS
            .iter()
            .map(|c| (labels::normalize(c.label), Known::Header)),
    );
    out
}

fn table_a_row_labels() -> &'static Vocab {
    static CACHE: std::sync::OnceLock<Vocab> = std::sync::OnceLock::new();
    CACHE.get_or_init(|| Vocab::new(table_a_row_labels_uncached()))
}

fn table_a_row_labels_uncached() -> Vec<(String, Known)> {
    let mut out = Vec::new();
    for f in [FormatId::V2021, FormatId::V2019] {
        for s in f.spec().active {
            for r in s.rows {
                for label in std::iter::once(r.label).chain(r.aliases.iter().copied()) {
                    out.push((labels::normalize(label), Known::Row(r)));
                }
            }
        }
    }
    out
}

fn table_a_column_labels() -> &'static Vocab {
    static CACHE: std::sync::OnceLock<Vocab> = std::sync::OnceLock::new();
    CACHE.get_or_init(|| Vocab::new(table_a_column_labels_uncached()))
}

fn table_a_column_labels_uncached() -> Vec<(String, Known)> {
    let mut out = Vec::new();
    for f in [FormatId::V2021, FormatId::V2019] {
        for s in f.spec().active {
            for c in s.columns {
                out.push((labels::normalize(c.label), Known::Header));
                out.push((
                    labels::normalize(&labels::strip_parenthesized(c.label)),
                    Known::Header,
                ));
            }
        }
    }
    out
}
