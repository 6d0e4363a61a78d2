//! `--format human`: codespan-reporting snippets with the span underlined,
//! the rule id, a `help:` line, and a summary.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{self, Files};
use codespan_reporting::term::{self, Config, termcolor::Buffer};

use super::escape;
use super::excerpt::Excerpt;
use super::{Emit, FileView, Render, Rendered, Totals};
use crate::diagnostic::Severity;
use crate::error::SpannedError;
use crate::source::SourceFile;

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

#[derive(Clone)]
pub(super) struct Human {
    config: Config,
    color: bool,
    quiet: bool,
}

impl Human {
    pub(super) fn new(color: bool, quiet: bool) -> Human {
        Human {
            config: Config::default(),
            color,
            quiet,
        }
    }
}

impl Render for Human {
    fn render(&self, f: &FileView<'_>, out: &mut Rendered) -> io::Result<()> {
        let r = f.report;
        if r.diagnostics.is_empty() {
            return Ok(());
        }
        let path = escape::line(&r.path);
        let mut buf = buffer(self.color);
        for d in &r.diagnostics {
            let message = escape::line(&d.message);
            let mut cs = CsDiagnostic::new(severity(d.severity)).with_code(d.rule.id());
            if let Some(help) = &d.help {
                cs = cs.with_notes(vec![format!("help: {}", escape::line(help))]);
            }
            match &f.source {
                Some(file) => {
                    let (excerpt, label) = Excerpt::new(&path, file, d.span.clone());
                    let cs = cs
                        .with_message(message)
                        .with_labels(vec![Label::primary((), label)]);
                    term::emit_to_write_style(&mut buf, &self.config, &excerpt, &cs)
                }
                None => {
                    let cs = cs.with_message(format!("{path}: {message}"));
                    term::emit_to_write_style(&mut buf, &self.config, &NoFiles, &cs)
                }
            }
            .map_err(io::Error::other)?;
        }
        out.piece(|v| {
            v.extend_from_slice(buf.as_slice());
            Ok(())
        })
    }
}

impl Emit for Human {
    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        if self.quiet || totals.files == 0 {
            return Ok(());
        }
        writeln!(out, "{}", totals.sentence())
    }
}

pub(super) fn render_spanned_errors(
    errors: &[SpannedError],
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let config = Config::default();
    let mut buf = buffer(color);
    for e in errors {
        let name = escape::line(&e.file);
        let message = escape::line(&e.message);
        let mut cs = CsDiagnostic::error();
        if let Some(help) = &e.help {
            cs = cs.with_notes(vec![format!("help: {}", escape::line(help))]);
        }
        if e.text.is_empty() {
            let cs = cs.with_message(format!("{name}: {message}"));
            term::emit_to_write_style(&mut buf, &config, &NoFiles, &cs)
        } else {
            // Only a window of the line: short, and escaped.
            let file = SourceFile::new(&e.file, &e.text);
            let (excerpt, label) = Excerpt::new(&name, &file, e.span.clone());
            let cs = cs
                .with_message(message)
                .with_labels(vec![Label::primary((), label)]);
            term::emit_to_write_style(&mut buf, &config, &excerpt, &cs)
        }
        .map_err(io::Error::other)?;
    }
    out.write_all(buf.as_slice())
}

/// For diagnostics without a snippet.
struct NoFiles;

impl<'a> Files<'a> for NoFiles {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Err(files::Error::FileMissing)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Err(files::Error::FileMissing)
    }

    fn line_index(&'a self, (): (), _: usize) -> Result<usize, files::Error> {
        Err(files::Error::FileMissing)
    }

    fn line_range(&'a self, (): (), _: usize) -> Result<std::ops::Range<usize>, files::Error> {
        Err(files::Error::FileMissing)
    }
}
