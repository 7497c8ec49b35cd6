//! GK401, GK404: citations of the 条例.
use super::structure::stub;
use super::{Context, Rule, Sink};
use crate::diagnostic::Severity;

stub!(UNKNOWN_ARTICLE, "GK401", "unknown-article", Severity::Error);
stub!(
    OLD_ARTICLE_NUMBER,
    "GK404",
    "old-article-number",
    Severity::Warning
);
