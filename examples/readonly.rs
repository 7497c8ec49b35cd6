fn main() {
    let t = std::fs::read_to_string(
        std::env::args()
            .nth(1)
            .unwrap_or("tests/fixtures/corpus/008-2024-huaian-shi.txt".into()),
    )
    .unwrap();
    let what = std::env::args().nth(2).unwrap_or("read".into());
    let n: u32 = std::env::var("N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20000);
    let s = std::time::Instant::now();
    for _ in 0..n {
        match what.as_str() {
            "read" => {
                std::hint::black_box(gongkai::read::read(&t));
            }
            "build" => {
                std::hint::black_box(gongkai::report::build(&t, None));
            }
            "analyze" => {
                std::hint::black_box(gongkai::analyze(
                    &t,
                    &gongkai::CheckOptions {
                        findings_only: true,
                        ..Default::default()
                    },
                ));
            }
            _ => {}
        }
    }
    eprintln!("{:?}", s.elapsed() / n);
}
