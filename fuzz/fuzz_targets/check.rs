//! read → check → fix → language-server features, on any bytes.
//!
//! The first byte picks the options (position encoding, Markdown or plain
//! text, a forced format); the rest is the file. Besides "never panics",
//! it asserts what the rest of the program relies on: findings and fixes
//! on char boundaries inside the text, fixes that apply, positions that
//! map back to their offsets, and incremental edits (on a rope) that agree
//! with the same edit made on the string.

#![no_main]

use gongkai::lsp::document::{Flavor, Snapshot};
use gongkai::lsp::position::{apply_edit, Encoding};
use gongkai::lsp::{actions, completion, diagnostics, hover, outline};
use gongkai::CheckOptions;
use libfuzzer_sys::fuzz_target;
use tower_lsp_server::ls_types::{
    CodeActionContext, CodeActionParams, PartialResultParams, Position, Range,
    TextDocumentIdentifier, Uri, WorkDoneProgressParams,
};

fn valid(text: &str, span: &std::ops::Range<usize>) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

fuzz_target!(|data: &[u8]| {
    let Some((&knobs, bytes)) = data.split_first() else {
        return;
    };
    // Read: any bytes either decode or are refused.
    let Ok(decoded) = gongkai::text::decode(bytes) else {
        return;
    };
    let text = decoded.text;
    let options = CheckOptions {
        format: match knobs % 3 {
            0 => None,
            1 => gongkai::format::FormatId::parse("2019"),
            _ => gongkai::format::FormatId::parse("2021"),
        },
        ..Default::default()
    };
    let encoding = if knobs & 0x10 == 0 {
        Encoding::Utf16
    } else {
        Encoding::Utf8
    };
    let flavor = if knobs & 0x20 == 0 {
        Flavor::Markdown
    } else {
        Flavor::Plain
    };

    // Check.
    let analysis = gongkai::analyze(&text, &options);
    for f in &analysis.findings {
        assert!(valid(&text, &f.span), "{f:?}");
        for fix in &f.fixes {
            for e in &fix.edits {
                assert!(valid(&text, &e.span), "{fix:?}");
            }
        }
    }

    // Fix: the fixed text checks again, and last year's report may be any text.
    let (fixed, _) = gongkai::fix::fix_all(&text, &options);
    let _ = gongkai::analyze_with_previous(&fixed, Some(&text), &options);

    // Language-server features, through the library.
    let snap = Snapshot::build(text.clone(), 1, 1, flavor, &options, Some(true), None);
    let m = snap.mapper(encoding);
    for f in &snap.analysis.findings {
        let range = m.range(&f.span);
        assert_eq!(m.span(range), f.span, "{f:?}");
    }
    let diags = diagnostics::diagnostics(&snap, encoding);
    let Ok(uri) = "file:///fuzz/report.md".parse::<Uri>() else {
        return;
    };
    // Positions taken from the input's own bytes (and some past the end).
    let points: Vec<Position> = bytes
        .iter()
        .take(8)
        .zip(bytes.iter().rev().take(8))
        .map(|(&a, &b)| Position::new(u32::from(a) % 40, u32::from(b) % 64))
        .chain([Position::new(0, 0), Position::new(u32::MAX, u32::MAX)])
        .collect();
    for &p in &points {
        let _ = hover::hover(&snap, encoding, p);
        let _ = completion::completion(&snap, encoding, p);
        let params = CodeActionParams {
            text_document: TextDocumentIdentifier { uri: uri.clone() },
            range: Range::new(p, p),
            context: CodeActionContext {
                diagnostics: diags.clone(),
                only: None,
                trigger_kind: None,
            },
            work_done_progress_params: WorkDoneProgressParams::default(),
            partial_result_params: PartialResultParams::default(),
        };
        let _ = actions::code_actions(&snap, encoding, &params);
    }
    let _ = outline::document_symbols(&snap, encoding);
    let _ = outline::folding_ranges(&snap);
    let _ = outline::inlay_hints(
        &snap,
        encoding,
        Range::new(Position::new(0, 0), Position::new(u32::MAX, 0)),
    );

    // An incremental edit on a rope lands where the same range lands in
    // the string.
    if points.len() >= 2 {
        let range = Range::new(points[0], points[1]);
        let mut rope = ropey::Rope::from_str(&text);
        apply_edit(&mut rope, range, "\r6\n", encoding);
        let span = m.span(range);
        let expected = format!("{}\r6\n{}", &text[..span.start], &text[span.end..]);
        assert_eq!(rope.to_string(), expected, "{range:?}");
    }
});
