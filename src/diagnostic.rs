//! What a rule produces: findings with byte spans, and the edits that fix them.

use serde::Serialize;

/// A byte range in the checked text.
pub type Span = std::ops::Range<usize>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" | "information" | "hint" => Some(Severity::Info),
            _ => None,
        }
    }
}

/// Replace `span` with `new_text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub new_text: String,
}

/// A way to resolve a finding. `safe` fixes are certain and applied by
/// `--fix` and "fix all"; the others are offered one at a time in the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub message: String,
    pub edits: Vec<Edit>,
    pub safe: bool,
}

impl Fix {
    pub fn safe(message: impl Into<String>, span: Span, new_text: impl Into<String>) -> Fix {
        Fix {
            message: message.into(),
            edits: vec![Edit {
                span,
                new_text: new_text.into(),
            }],
            safe: true,
        }
    }

    pub fn unsafe_(message: impl Into<String>, span: Span, new_text: impl Into<String>) -> Fix {
        Fix {
            message: message.into(),
            edits: vec![Edit {
                span,
                new_text: new_text.into(),
            }],
            safe: false,
        }
    }
}

/// One problem found in a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable code, e.g. `GK201`.
    pub code: &'static str,
    /// Kebab-case rule name, e.g. `row-total`.
    pub rule: &'static str,
    pub severity: Severity,
    /// Chinese, naming the numbers involved.
    pub message: String,
    /// What the writer must change.
    pub span: Span,
    /// Safe fixes first.
    pub fixes: Vec<Fix>,
}

impl Finding {
    pub fn safe_fix(&self) -> Option<&Fix> {
        self.fixes.iter().find(|f| f.safe)
    }
}
