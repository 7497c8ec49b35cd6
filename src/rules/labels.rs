//! GK402, GK403: table labels and sub-table headings.
use super::structure::stub;
use super::{Context, Rule, Sink};
use crate::diagnostic::Severity;

stub!(UNKNOWN_LABEL, "GK402", "unknown-label", Severity::Warning);
stub!(
    WRONG_ITEM_HEADING,
    "GK403",
    "wrong-item-heading",
    Severity::Error
);
