//! 2xx: the numbers must add up (勾稽关系).
use super::structure::stub;
use super::{Context, Rule, Sink};
use crate::diagnostic::Severity;

stub!(ROW_TOTAL, "GK201", "row-total", Severity::Error);
stub!(BALANCE, "GK202", "balance", Severity::Error);
stub!(RESULTS_TOTAL, "GK203", "results-total", Severity::Error);
stub!(
    REVIEW_TOTAL,
    "GK204",
    "review-litigation-total",
    Severity::Error
);
stub!(
    ACTIVE_LOGIC,
    "GK205",
    "active-disclosure-logic",
    Severity::Warning
);
stub!(SUBTOTAL, "GK206", "subtotal", Severity::Warning);
