//! Document + format → [`Report`]: the title, year, sections and the three
//! tables, every label and number with its exact source span.
//!
//! The builder is template-driven: it knows every label from
//! [`crate::format`], finds them in the token stream after normalising, and
//! reads the value cells that follow each one. A half-typed report gives a
//! partial model; what is missing is for the structure rules to say.

pub mod cell;
pub mod relations;
mod sections;
mod tables;

pub use cell::{Cell, CellValue, Number};
pub use relations::{relations, At, Relation};
pub use sections::{find_year as find_year_in, section_number};

use crate::diagnostic::Span;
use crate::format::{FormatId, RowDef, SubTableDef};
use crate::read::Document;

/// How the report's format was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatBasis {
    /// Given by the user (`--report-format`, config).
    Forced,
    /// From the report's year.
    Year,
    /// From the tables' own headers and rows.
    Tables,
    /// Nothing to go on: the current format.
    Default,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub title: Option<Title>,
    /// The report year and where it was read.
    pub year: Option<(u16, Span)>,
    pub format: FormatId,
    pub format_basis: FormatBasis,
    pub sections: Vec<Section>,
    pub active: Option<ActiveTable>,
    pub applications: Option<ApplicationsTable>,
    pub review: Option<ReviewTable>,
    /// Lines of prose (not headings, not table cells): byte spans.
    pub prose: Vec<Span>,
    pub document: Document,
}

#[derive(Debug, Clone)]
pub struct Title {
    pub span: Span,
    pub text: String,
    pub year: Option<(u16, Span)>,
    /// The body's name, if the title has one.
    pub body: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Section {
    /// 1 to 6, as recognised from the heading's words.
    pub number: u8,
    pub heading: Span,
    /// From the heading to the next recognised section (or the end).
    pub body: Span,
    /// Line indices of the heading and of the end (exclusive).
    pub lines: std::ops::Range<usize>,
}

/// How a written label matched the standard one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelMatch {
    Exact,
    /// A known variant (规范性文件 for 行政规范性文件).
    Alias,
    /// A near miss: a typo or abbreviation of the standard label.
    Near,
}

/// A table row: its label, how that matched, and its value cells in order.
#[derive(Debug, Clone)]
pub struct Row {
    /// The format row it is, or `None` for a locally added row.
    pub def: Option<&'static RowDef>,
    pub label: String,
    pub label_span: Span,
    pub label_match: LabelMatch,
    /// The cells found, in column order; fewer or more than the table's
    /// columns is what GK105 reports.
    pub cells: Vec<Cell>,
    /// For a local row: the standard row it sits under, if any.
    pub parent: Option<&'static str>,
    /// A subtotal the report added for a group (（三）不予公开 合计).
    pub subtotal_of: Option<&'static str>,
}

impl Row {
    pub fn key(&self) -> Option<&'static str> {
        self.def.map(|d| d.key)
    }
}

/// Table A: 二、主动公开政府信息情况.
#[derive(Debug, Clone)]
pub struct ActiveTable {
    pub span: Span,
    pub subs: Vec<ActiveSub>,
}

/// A table A sub-table (第二十条第（N）项).
#[derive(Debug, Clone)]
pub struct ActiveSub {
    /// The item number cited in the heading.
    pub item: Option<u8>,
    pub heading: Span,
    /// The format sub-table its rows and columns are, if recognised.
    pub def: Option<&'static SubTableDef>,
    pub columns: Vec<ColumnHeader>,
    pub rows: Vec<Row>,
    /// The format its column headers belong to, if they say.
    pub layout: Option<FormatId>,
}

#[derive(Debug, Clone)]
pub struct ColumnHeader {
    pub text: String,
    pub span: Span,
    /// 万元 / 元, from the header's parentheses.
    pub unit: Option<&'static str>,
    /// 保留N位小数, from the header.
    pub decimals: Option<u8>,
}

/// Table B: 三、收到和处理政府信息公开申请情况.
#[derive(Debug, Clone)]
pub struct ApplicationsTable {
    pub span: Span,
    pub rows: Vec<Row>,
    /// Which format's row layout it uses ((六) as one row or three).
    pub layout: Option<FormatId>,
    /// Where the header ends: missing rows are reported here when nothing
    /// better is known.
    pub header: Span,
}

impl ApplicationsTable {
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key() == Some(key))
    }
}

/// Table C: 四、政府信息公开行政复议、行政诉讼情况: 15 cells in one row.
#[derive(Debug, Clone)]
pub struct ReviewTable {
    pub span: Span,
    pub cells: Vec<Cell>,
    pub header: Span,
}

/// [`identify`] from the first lines of `text` alone: `None` when the rest
/// of the text must be read to know (a text of a few lines, a web page, a
/// title without the year). Pairing
/// reports by year reads every file of a folder, and reads no more than
/// their beginnings this way.
pub fn identify_from_head(text: &str) -> Option<Option<(String, u16)>> {
    use crate::read::Shape;
    // The title is within the first 12 lines; Markdown blocks depend on the
    // lines after them by a line or so, so these lines read alone as they
    // do in the whole text.
    const HEAD_LINES: usize = 16;
    let at = memchr::memchr_iter(b'\n', text.as_bytes()).nth(HEAD_LINES)?;
    let head = &text[..at];
    // Without a hint, the shape is Markdown or plain text as the whole
    // text says; a web page's title is found in its laid-out text: read it
    // whole.
    let shape = Shape::detect_text(text, None);
    if shape == Shape::Html {
        return None;
    }
    let document = crate::read::read_as(head, shape);
    // No title naming a body: nobody to pair with, whatever the year.
    let Some(Title {
        body: Some(body),
        year,
        ..
    }) = sections::title(head, &document)
    else {
        return Some(None);
    };
    let (year, _) = year?;
    Some(Some((body, year)))
}

/// Who and which year a report is, without reading its tables: the body
/// named in the title and the report year, when both are known. Used to
/// pair a report with last year's.
pub fn identify(text: &str) -> Option<(String, u16)> {
    match identify_from_head(text) {
        Some(known) => known,
        None => identify_whole(text),
    }
}

/// [`identify`] when [`identify_from_head`] could not tell: from the whole
/// text.
pub fn identify_whole(text: &str) -> Option<(String, u16)> {
    let shape = crate::read::Shape::detect_text(text, None);
    let view = crate::read::text_view(text, shape).and_then(Result::ok);
    let text = view.as_ref().map_or(text, |v| v.text.as_str());
    let document = crate::read::read(text);
    let title = sections::title(text, &document)?;
    let year = sections::report_year(text, &document, Some(&title)).map(|(y, _)| y)?;
    Some((title.body?, year))
}

/// Build the report model of `text` (Markdown or plain text, told apart by
/// its content).
pub fn build(text: &str, forced: Option<FormatId>) -> Report {
    build_document(text, crate::read::read(text), forced)
}

/// Build the report model of `text` read as `document`.
pub fn build_document(text: &str, document: Document, forced: Option<FormatId>) -> Report {
    let title = sections::title(text, &document);
    let sections = sections::sections(text, &document);
    let year = sections::report_year(text, &document, title.as_ref());
    let mut tables = tables::read_tables(text, &document, &sections);
    let (format, format_basis) = match (forced, &year) {
        (Some(f), _) => (f, FormatBasis::Forced),
        (None, Some((y, _))) => (FormatId::for_year(*y), FormatBasis::Year),
        (None, None) => match tables.layout() {
            Some(f) => (f, FormatBasis::Tables),
            None => (FormatId::V2021, FormatBasis::Default),
        },
    };
    tables.resolve(format);
    let prose = sections::prose(&document, &tables.consumed_lines);
    Report {
        title,
        year,
        format,
        format_basis,
        sections,
        active: tables.active,
        applications: tables.applications,
        review: tables.review,
        prose,
        document,
    }
}

impl Report {
    /// Whether the text is a report at all: a report title together with
    /// two of the six section headings, or one of the three tables. A note
    /// that only mentions 年度报告 (a README beside the drafts) is not, and
    /// the CLI (in folders, `--only-reports`) and the editor leave it alone.
    pub fn looks_like_report(&self) -> bool {
        (self.title.is_some() && self.sections.len() >= 2)
            || self.applications.is_some()
            || self.review.is_some()
            || self.active.is_some()
    }

    /// Every labelled row of tables A and B, in order.
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        let a = self
            .active
            .iter()
            .flat_map(|a| a.subs.iter().flat_map(|s| s.rows.iter()));
        a.chain(self.applications.iter().flat_map(|b| b.rows.iter()))
    }

    pub fn section(&self, number: u8) -> Option<&Section> {
        self.sections.iter().find(|s| s.number == number)
    }
}

/// A value cell with what the format says it must hold.
#[derive(Debug, Clone, Copy)]
pub struct ValueCell<'r> {
    pub cell: &'r Cell,
    pub kind: crate::format::CellKind,
    /// The header's unit and decimals, for amounts.
    pub header: Option<&'r ColumnHeader>,
    /// The row label (or table C group) and column, for messages.
    pub row: &'r str,
    pub column: &'static str,
}

impl Report {
    /// Every value cell of the three tables, with its kind.
    pub fn value_cells(&self) -> Vec<ValueCell<'_>> {
        use crate::format::{CellKind, APPLICANT_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS};
        let mut out = Vec::new();
        if let Some(a) = &self.active {
            for sub in &a.subs {
                for row in &sub.rows {
                    for (i, cell) in row.cells.iter().enumerate() {
                        let def_col = sub.def.and_then(|d| d.columns.get(i));
                        out.push(ValueCell {
                            cell,
                            kind: def_col.map_or(CellKind::Count, |c| c.kind),
                            header: sub.columns.get(i),
                            row: &row.label,
                            column: def_col.map_or("", |c| c.label),
                        });
                    }
                }
            }
        }
        if let Some(b) = &self.applications {
            for row in &b.rows {
                for (i, cell) in row.cells.iter().enumerate() {
                    out.push(ValueCell {
                        cell,
                        kind: CellKind::Count,
                        header: None,
                        row: &row.label,
                        column: APPLICANT_COLUMNS.get(i).map_or("", |c| c.label),
                    });
                }
            }
        }
        if let Some(c) = &self.review {
            for (i, cell) in c.cells.iter().enumerate() {
                out.push(ValueCell {
                    cell,
                    kind: CellKind::Count,
                    header: None,
                    row: REVIEW_GROUPS.get(i / 5).map_or("", |g| g.label),
                    column: REVIEW_COLUMNS.get(i % 5).map_or("", |c| c.label),
                });
            }
        }
        out
    }
}
