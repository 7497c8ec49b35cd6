//! One stage of checking a file, repeated: `cargo run --release --example
//! readonly -- FILE [read|build|analyze|html|identify]` prints the mean time per run
//! (`N` runs, 20,000 by default). For instruction counts that do not wander
//! with the machine's load, run it under callgrind with `N=21` and `N=1` and
//! divide the difference by 20 (docs/performance.md).

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tests/fixtures/seed/seed-2020.txt".into());
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path}");
        std::process::exit(2);
    };
    let stage = std::env::args().nth(2).unwrap_or_else(|| "analyze".into());
    let n: u32 = std::env::var("N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000)
        .max(1);
    // What `gongkai check` asks for.
    let options = gongkai::CheckOptions {
        findings_only: true,
        ..Default::default()
    };
    let start = std::time::Instant::now();
    for _ in 0..n {
        match stage.as_str() {
            "read" => drop(std::hint::black_box(gongkai::read::read(&text))),
            "html" => drop(std::hint::black_box(gongkai::read::html::read(&text))),
            "identify" => drop(std::hint::black_box(gongkai::report::identify(&text))),
            "build" => drop(std::hint::black_box(gongkai::report::build(&text, None))),
            _ => drop(std::hint::black_box(gongkai::analyze(&text, &options))),
        }
    }
    eprintln!("{stage}: {:?}", start.elapsed() / n);
}
