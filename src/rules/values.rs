//! 3xx: values and amounts.
use super::structure::stub;
use super::{Context, Rule, Sink};
use crate::diagnostic::Severity;

stub!(NOT_A_NUMBER, "GK301", "not-a-number", Severity::Error);
stub!(
    FULLWIDTH_DIGITS,
    "GK302",
    "fullwidth-digits",
    Severity::Warning
);
stub!(AMOUNT_FORMAT, "GK303", "amount-format", Severity::Warning);
stub!(NEGATIVE_COUNT, "GK304", "negative-count", Severity::Error);
stub!(EMPTY_CELL, "GK305", "empty-cell", Severity::Warning);
stub!(
    NON_INTEGER_COUNT,
    "GK306",
    "non-integer-count",
    Severity::Error
);
stub!(
    THOUSANDS_SEPARATOR,
    "GK307",
    "thousands-separator",
    Severity::Warning
);
stub!(UNIT_IN_CELL, "GK308", "unit-in-cell", Severity::Info);
