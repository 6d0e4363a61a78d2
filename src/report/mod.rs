//! Output formats, one file each. They all read the same [`FileReport`]s;
//! lines and columns are computed here, from byte spans, and nowhere else.

pub mod escape;
mod excerpt;
mod human;
mod json;
mod short;

use std::io::{self, Write};

use crate::diagnostic::Severity;
use crate::error::SpannedError;
use crate::lint::FileReport;
use crate::source::{Position, SourceFile};

/// `--format`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics with the source snippet, for people.
    #[default]
    Human,
    /// One line each: `path:line:column: severity[rule]: message`.
    Short,
    /// One JSON array, for scripts and editors.
    Json,
}

/// Counts for the summary line and the exit status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files with at least one diagnostic.
    pub files_with_problems: usize,
    pub files: usize,
}

impl Totals {
    pub fn of(reports: &[FileReport]) -> Totals {
        let mut t = Totals {
            files: reports.len(),
            ..Totals::default()
        };
        for r in reports {
            if !r.diagnostics.is_empty() {
                t.files_with_problems += 1;
            }
            for d in &r.diagnostics {
                match d.severity {
                    Severity::Error => t.errors += 1,
                    Severity::Warning => t.warnings += 1,
                    Severity::Info => t.infos += 1,
                }
            }
        }
        t
    }

    /// "3 errors, 1 warning in 2 files".
    pub fn sentence(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        if self.errors + self.warnings + self.infos == 0 {
            return format!("No problems found ({} checked).", plural(self.files, "file"));
        }
        let mut parts = Vec::new();
        if self.errors > 0 {
            parts.push(plural(self.errors, "error"));
        }
        if self.warnings > 0 {
            parts.push(plural(self.warnings, "warning"));
        }
        if self.infos > 0 {
            parts.push(format!("{} info", self.infos));
        }
        format!(
            "{} in {}",
            parts.join(", "),
            plural(self.files_with_problems, "file")
        )
    }
}

/// The file a report's spans point into, when there is text to show.
fn source_file(r: &FileReport) -> Option<SourceFile<'_>> {
    r.text.as_deref().map(|t| SourceFile::new(&r.path, t))
}

/// A diagnostic's start and end positions (1-based, columns in characters).
fn positions(file: Option<&SourceFile<'_>>, span: &std::ops::Range<usize>) -> (Position, Position) {
    match file {
        Some(f) => (f.position(span.start), f.position(span.end)),
        None => {
            let p = Position { line: 1, column: 1 };
            (p, p)
        }
    }
}

/// Writes the reports (sorted by path, diagnostics by position).
pub fn render(
    format: Format,
    reports: &[FileReport],
    color: bool,
    quiet: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::render(reports, color, quiet, out),
        Format::Short => short::render(reports, out),
        Format::Json => json::render(reports, out),
    }
}

/// Writes configuration or pack errors as snippets.
pub fn render_config_errors(errors: &[SpannedError], color: bool, out: &mut dyn Write) -> io::Result<()> {
    human::render_spanned_errors(errors, color, out)
}

/// `--color`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// Should output be coloured?
pub fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}
