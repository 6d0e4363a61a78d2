//! `--format json`: one array of diagnostics, sorted by path then position.
//! Lines and columns are 1-based, columns count Unicode characters, and the
//! end position is exclusive (one past the last character).

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::Severity;
use crate::lint::FileReport;

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: Severity,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
    message: &'a str,
    help: Option<&'a str>,
    suggestion: Option<&'a str>,
}

pub(super) fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let mut all = Vec::new();
    for r in reports {
        let file = super::source_file(r);
        for d in &r.diagnostics {
            let (start, end) = super::positions(file.as_ref(), &d.span);
            all.push(JsonDiagnostic {
                rule: d.rule.id(),
                severity: d.severity,
                path: &r.path,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                byte_start: d.span.start,
                byte_end: d.span.end,
                message: &d.message,
                help: d.help.as_deref(),
                suggestion: d
                    .fix
                    .as_ref()
                    .and_then(|f| f.edits.first())
                    .map(|e| e.replacement.as_str()),
            });
        }
    }
    serde_json::to_writer_pretty(&mut *out, &all)?;
    writeln!(out)
}
