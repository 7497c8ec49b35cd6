//! Client settings under `gongkai`: reportFormat, select, ignore, severity.
//!
//! ```json
//! {"gongkai": {"reportFormat": "2021", "select": ["GK2"], "ignore": ["GK206"],
//!              "severity": {"GK201": "warning"}}}
//! ```

use serde_json::Value;

use crate::check::CheckOptions;
use crate::diagnostic::Severity;
use crate::format::FormatId;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// `None` is "auto": the document decides.
    pub report_format: Option<FormatId>,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub severity: Vec<(String, Severity)>,
}

impl Settings {
    /// Read settings from a JSON value that is either the `gongkai` section
    /// itself or an object holding it. Unknown keys and malformed values are
    /// ignored (a typo in the editor's settings must not stop the server).
    pub fn from_json(value: &Value) -> Option<Settings> {
        let section = match value.get("gongkai") {
            Some(v) if v.is_object() => v,
            _ if is_section(value) => value,
            _ => return None,
        };
        let mut s = Settings::default();
        if let Some(f) = section.get("reportFormat").and_then(Value::as_str) {
            s.report_format = FormatId::parse(f.trim());
        }
        s.select = codes(section.get("select"));
        s.ignore = codes(section.get("ignore"));
        if let Some(map) = section.get("severity").and_then(Value::as_object) {
            for (code, sev) in map {
                if let Some(sev) = sev.as_str().and_then(Severity::parse) {
                    s.severity.push((code.trim().to_ascii_uppercase(), sev));
                }
            }
        }
        Some(s)
    }

    pub fn options(&self) -> CheckOptions {
        CheckOptions {
            format: self.report_format,
            select: self.select.clone(),
            ignore: self.ignore.clone(),
            severities: self.severity.clone(),
            ..Default::default()
        }
    }
}

fn is_section(v: &Value) -> bool {
    v.as_object().is_some_and(|o| {
        ["reportFormat", "select", "ignore", "severity"]
            .iter()
            .any(|k| o.contains_key(*k))
    })
}

/// `["GK2", "GK101"]` or `"GK2, GK101"`.
fn codes(v: Option<&Value>) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |s: &str| {
        for part in s.split([',', ' ']) {
            let p = part.trim();
            if !p.is_empty() {
                out.push(p.to_ascii_uppercase());
            }
        }
    };
    match v {
        Some(Value::String(s)) => push(s),
        Some(Value::Array(items)) => {
            for i in items {
                if let Some(s) = i.as_str() {
                    push(s);
                }
            }
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_section_in_both_shapes() {
        let v = json!({"gongkai": {"reportFormat": "2019", "select": "gk2, GK101",
            "ignore": ["GK206"], "severity": {"gk201": "warning", "GK202": "nonsense"}}});
        let s = Settings::from_json(&v).unwrap_or_default();
        assert_eq!(s.report_format, Some(FormatId::V2019));
        assert_eq!(s.select, vec!["GK2", "GK101"]);
        assert_eq!(s.ignore, vec!["GK206"]);
        assert_eq!(s.severity, vec![("GK201".to_string(), Severity::Warning)]);
        let inner = Settings::from_json(&json!({"reportFormat": "auto"}));
        assert_eq!(inner, Some(Settings::default()));
        assert_eq!(Settings::from_json(&json!({"other": 1})), None);
        assert_eq!(Settings::from_json(&Value::Null), None);
    }
}
