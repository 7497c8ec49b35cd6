//! Where the time of one check of the seed goes: `cargo run --release --example prof`
//! (`N=30 valgrind --tool=callgrind target/release/examples/prof` for instruction counts).

fn main() {
    let seed = std::fs::read_to_string("tests/fixtures/seed/seed-2020.txt").unwrap();
    let opts = gongkai::CheckOptions::default();
    let n: u32 = std::env::var("N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000);
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(gongkai::read::read(&seed));
    }
    println!("read {:?}", t.elapsed() / n);
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(gongkai::report::build(&seed, None));
    }
    println!("build {:?}", t.elapsed() / n);
    let r = gongkai::report::build(&seed, None);
    for rule in gongkai::rules::RULES {
        let ctx = gongkai::rules::Context::new(&seed, &r, None);
        let t = std::time::Instant::now();
        for _ in 0..n {
            let mut s = gongkai::rules::Sink::new(rule);
            (rule.check)(&ctx, &mut s);
            std::hint::black_box(s.findings);
        }
        let e = t.elapsed() / n;
        if e.as_micros() >= 2 {
            println!("{} {:?}", rule.code, e);
        }
    }
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(gongkai::analyze(&seed, &opts));
    }
    println!("analyze {:?}", t.elapsed() / n);
    let without = gongkai::CheckOptions {
        ignore: vec!["GK5".into(), "GK207".into()],
        ..Default::default()
    };
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(gongkai::analyze(&seed, &without));
    }
    println!(
        "analyze without the text checks (GK5xx, GK207) {:?}",
        t.elapsed() / n
    );
}
