//! `--format human`: codespan-reporting snippets with the span underlined,
//! the rule id, a `help:` line, and a summary.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, termcolor::Buffer};

use super::Totals;
use crate::diagnostic::Severity;
use crate::error::SpannedError;
use crate::lint::FileReport;
use crate::source::FileDb;

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

fn buffer(color: bool) -> Buffer {
    if color { Buffer::ansi() } else { Buffer::no_color() }
}

pub(super) fn render(
    reports: &[FileReport],
    color: bool,
    quiet: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let config = Config::default();
    for r in reports.iter().filter(|r| !r.diagnostics.is_empty()) {
        let mut files = FileDb::default();
        let id = super::source_file(r).map(|f| {
            files.files.push(f);
            0
        });
        let mut buf = buffer(color);
        for d in &r.diagnostics {
            let mut cs = CsDiagnostic::new(severity(d.severity)).with_code(d.rule);
            cs = match id {
                Some(id) => cs
                    .with_message(&d.message)
                    .with_labels(vec![Label::primary(id, d.span.clone())]),
                None => cs.with_message(format!("{}: {}", r.path, d.message)),
            };
            if let Some(help) = &d.help {
                cs = cs.with_notes(vec![format!("help: {help}")]);
            }
            term::emit_to_write_style(&mut buf, &config, &files, &cs).map_err(io::Error::other)?;
        }
        out.write_all(buf.as_slice())?;
    }
    if quiet {
        return Ok(());
    }
    writeln!(out, "{}", Totals::of(reports).sentence())
}

pub(super) fn render_spanned_errors(
    errors: &[SpannedError],
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let config = Config::default();
    let mut buf = buffer(color);
    for e in errors {
        let file = SimpleFile::new(e.file.as_str(), e.text.as_str());
        let mut cs = CsDiagnostic::error().with_message(&e.message);
        if !e.text.is_empty() {
            cs = cs.with_labels(vec![Label::primary((), e.span.clone())]);
        } else {
            cs = cs.with_message(format!("{}: {}", e.file, e.message));
        }
        if let Some(help) = &e.help {
            cs = cs.with_notes(vec![format!("help: {help}")]);
        }
        term::emit_to_write_style(&mut buf, &config, &file, &cs).map_err(io::Error::other)?;
    }
    out.write_all(buf.as_slice())
}
