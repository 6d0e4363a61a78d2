//! Errors in files the user (or pmlint itself) wrote as configuration:
//! `pmlint.toml` and rule packs. Each carries the file's text and a span so
//! that it can be shown as a codespan snippet.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// A problem at a place in a configuration or pack file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpannedError {
    /// The file's path, as shown to the user.
    pub file: String,
    /// The file's whole text, for the snippet.
    pub text: String,
    pub span: Range<usize>,
    pub message: String,
    pub help: Option<String>,
}

impl SpannedError {
    pub fn new(file: &str, text: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        let span = clamp(text, span);
        SpannedError {
            file: file.to_owned(),
            text: text.to_owned(),
            span,
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// A TOML parse or schema error from the `toml` crate.
    pub fn from_toml(file: &str, text: &str, err: &toml::de::Error) -> Self {
        let span = err.span().unwrap_or(0..0);
        SpannedError::new(file, text, span, err.message().trim_end().to_owned())
    }
}

fn clamp(text: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(text.len());
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// One or more problems of one config (its file and the packs it names).
/// Shared: every folder the config serves keeps the same error.
#[derive(Clone, Debug)]
pub struct ConfigError(pub Arc<[SpannedError]>);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}: {}", e.file, e.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

impl From<SpannedError> for ConfigError {
    fn from(e: SpannedError) -> Self {
        ConfigError(Arc::new([e]))
    }
}
