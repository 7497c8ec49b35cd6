//! Latency of the language server, measured over stdio against the real
//! binary (not a timed test: run `cargo bench --bench lsp_latency`).
//!
//! edit → published diagnostics, p50/p99 over 200 edits, for the seed and a
//! 1 MB report, with the default debounce and with none; then the resident
//! memory of the server with 100 reports open.

#[path = "../tests/lsp_support/mod.rs"]
mod lsp_support;

use lsp_support::{line_of, seed, Client};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const EDITS: usize = 200;

fn big_report() -> String {
    // The seed with its first section grown to 1 MB of prose.
    let s = seed();
    let at = s.find("1.组织领导情况").unwrap_or(0);
    let para = "2020年，本街道持续深化政务公开，依据《条例》第二十条第（五）项主动公开行政许可信息，完善政府信息管理和平台建设。\n\n";
    let mut filler = String::new();
    while s.len() + filler.len() < 1 << 20 {
        filler.push_str(para);
    }
    format!("{}{}{}", &s[..at], filler, &s[at..])
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn run(name: &str, text: &str, debounce: Option<u64>) {
    let mut c = Client::spawn();
    let options = match debounce {
        Some(ms) => json!({"debounceMs": ms}),
        None => Value::Null,
    };
    c.initialize(json!({}), options);
    let uri = "file:///tmp/gongkai-bench/report.txt";
    c.open(uri, "plaintext", text);
    c.diagnostics(uri, Some(1));
    let line = line_of(text, "\t（七）总计", 0) + 7;
    let mut times = Vec::with_capacity(EDITS);
    for i in 0..EDITS {
        let version = i as i64 + 2;
        let digit = if i % 2 == 0 { "7" } else { "6" };
        let start = Instant::now();
        c.change(
            uri,
            version,
            json!([{"range": {"start": {"line": line, "character": 1},
                              "end": {"line": line, "character": 2}}, "text": digit}]),
        );
        let d = c.diagnostics(uri, Some(version));
        times.push(start.elapsed());
        let n = d["params"]["diagnostics"].as_array().map_or(0, Vec::len);
        assert!(n > 0 || digit == "6");
    }
    times.sort();
    println!(
        "{name:<28} {:>8.1} KB  debounce {:>3} ms   p50 {:>7.2} ms   p99 {:>7.2} ms   max {:>7.2} ms",
        text.len() as f64 / 1024.0,
        debounce.unwrap_or(50),
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3,
        times.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
    c.shutdown();
}

fn rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn memory(name: &str, text: &str, n: usize) {
    let mut c = Client::spawn();
    c.initialize(json!({}), Value::Null);
    let before = rss_kb(c.pid()).unwrap_or(0);
    for i in 0..n {
        let uri = format!("file:///tmp/gongkai-bench/r{i}.txt");
        c.open(&uri, "plaintext", text);
        c.diagnostics(&uri, Some(1));
    }
    std::thread::sleep(Duration::from_millis(200));
    let after = rss_kb(c.pid()).unwrap_or(0);
    println!(
        "{name:<28} {n} open: RSS {:.1} MB (idle server {:.1} MB)",
        after as f64 / 1024.0,
        before as f64 / 1024.0
    );
    c.shutdown();
}

fn main() {
    // `cargo test --all-targets` runs benches without --bench: skip then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let seed = seed();
    let big = big_report();
    println!("gongkai lsp: edit → publishDiagnostics over stdio, {EDITS} edits each");
    run("seed (plain text, 2020)", &seed, None);
    run("seed (plain text, 2020)", &seed, Some(0));
    run("1 MB report", &big, None);
    run("1 MB report", &big, Some(0));
    memory("seed", &seed, 100);
    memory("1 MB report", &big, 100);
}
