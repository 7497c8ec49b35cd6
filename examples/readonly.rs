fn main() {
    let t = std::fs::read_to_string(
        std::env::args()
            .nth(1)
            .unwrap_or("tests/fixtures/corpus/008-2024-huaian-shi.txt".into()),
    )
    .unwrap();
    let what = std::env::args().nth(2).unwrap_or("read".into());
    let s = std::time::Instant::now();
    for _ in 0..20000 {
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
    eprintln!("{:?}", s.elapsed() / 20000);
}
