//! The one diagnostic type every rule produces and every output format reads.
//!
//! Spans are byte ranges into the file's source; lines and columns are worked
//! out only when rendering (see [`crate::source`]), so no rule can get the
//! byte-versus-character column wrong.

use std::ops::Range;

/// How serious a diagnostic is. Ordered so that `Error > Warning > Info`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// One finding in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule id, e.g. `action-item-missing-owner`.
    pub rule: &'static str,
    pub severity: Severity,
    /// Byte range into the file's source.
    pub span: Range<usize>,
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
    /// A replacement for the span (a blameless rewrite), for editors'
    /// quick fixes.
    pub suggestion: Option<String>,
}

impl Diagnostic {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            severity,
            span,
            message: message.into(),
            help: None,
            suggestion: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
}
