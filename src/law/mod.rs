//! The 条例 (2019 revision) as data, and citations of it found in text.
//! (Being filled in: see the law work package.)

/// Parse `gongkai article`'s argument ("20", "20.5", "第二十条第（五）项").
pub fn parse_reference(_s: &str) -> Option<(u32, Option<u32>, Option<u32>)> {
    None
}

/// The article's text for the terminal.
pub fn render_text(_article: u32, _paragraph: Option<u32>, _item: Option<u32>) -> Option<String> {
    None
}
