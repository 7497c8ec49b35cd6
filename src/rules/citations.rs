//! 4xx: citations of the 条例 and labels.
use super::structure::stub;
use super::{Context, Rule, Sink};
use crate::diagnostic::Severity;

stub!(UNKNOWN_ARTICLE, "GK401", "unknown-article", Severity::Error);
stub!(UNKNOWN_LABEL, "GK402", "unknown-label", Severity::Warning);
stub!(
    WRONG_ITEM_HEADING,
    "GK403",
    "wrong-item-heading",
    Severity::Error
);
stub!(
    OLD_ARTICLE_NUMBER,
    "GK404",
    "old-article-number",
    Severity::Warning
);
