//! 5xx: the text agrees with the calendar.
use super::structure::stub;
use super::{Context, Rule, Sink};
use crate::diagnostic::Severity;

stub!(YEAR_MISMATCH, "GK502", "year-mismatch", Severity::Error);
