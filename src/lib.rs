//! gongkai: a linter and language server for 政府信息公开工作年度报告.
//!
//! The flow is bytes → text ([`text`]) → document ([`read`]) → report
//! ([`report`], guided by [`format`]) → findings ([`rules`], run by
//! [`check`]) → terminal, JSON or LSP ([`cli`], [`lsp`]).

pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod fix;
pub mod format;
pub mod law;
pub mod lsp;
pub mod narrative;
pub mod previous;
pub mod read;
pub mod report;
pub mod rules;
pub mod skeleton;
pub mod text;

pub use check::{analyze, analyze_with_previous, Analysis, CheckOptions};
pub use diagnostic::{Edit, Finding, Fix, Severity, Span};
