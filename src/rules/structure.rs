//! 1xx: the report's structure.
use super::{Context, Rule, Sink};
use crate::diagnostic::Severity;

macro_rules! stub {
    ($id:ident, $code:literal, $name:literal, $sev:expr) => {
        pub static $id: Rule = Rule {
            code: $code,
            name: $name,
            severity: $sev,
            summary: "",
            docs: "## 检查什么\n## 为什么\n## 示例\n## 如何修正\n",
            fixable: false,
            check: |_: &Context, _: &mut Sink| {},
        };
    };
}
pub(crate) use stub;

stub!(MISSING_SECTION, "GK101", "missing-section", Severity::Error);
stub!(SECTION_ORDER, "GK102", "section-order", Severity::Warning);
stub!(MISSING_TABLE, "GK103", "missing-table", Severity::Error);
stub!(MISSING_ROW, "GK104", "missing-row", Severity::Error);
stub!(CELL_COUNT, "GK105", "cell-count", Severity::Error);
stub!(WRONG_FORMAT, "GK106", "wrong-format", Severity::Error);
stub!(TITLE, "GK107", "title", Severity::Warning);
stub!(EXTRA_ROW, "GK108", "extra-row", Severity::Info);
stub!(
    REQUIRED_CONTENT,
    "GK109",
    "required-content",
    Severity::Warning
);
