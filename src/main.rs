fn main() {
    // Temporary dispatch until the CLI lands on main.
    if std::env::args().nth(1).as_deref() == Some("lsp") {
        if let Err(e) = gongkai::lsp::run_stdio() {
            eprintln!("gongkai lsp: {e}");
            std::process::exit(2);
        }
        return;
    }
    let path = std::env::args().nth(1).unwrap_or_default();
    let bytes = std::fs::read(&path).unwrap_or_default();
    let text = gongkai::text::decode(&bytes)
        .map(|d| d.text)
        .unwrap_or_default();
    let a = gongkai::analyze(&text, &Default::default());
    println!(
        "{:#?}",
        a.report.applications.as_ref().map(|t| t
            .rows
            .iter()
            .map(|r| (
                r.key(),
                r.label.clone(),
                r.cells
                    .iter()
                    .map(|c| text[c.span.clone()].to_string())
                    .collect::<Vec<_>>()
            ))
            .collect::<Vec<_>>())
    );
}
