//! `--format short`: `path:line:column: severity[rule]: message`, the shape
//! Vim's, Emacs's and VS Code's default matchers read.

use std::io::{self, Write};

use super::escape;
use crate::lint::FileReport;

pub(super) fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for r in reports.iter().filter(|r| !r.diagnostics.is_empty()) {
        let file = super::source_file(r);
        for d in &r.diagnostics {
            let (start, _) = super::positions(file.as_ref(), &d.span);
            let message = d.message.split_whitespace().collect::<Vec<_>>().join(" ");
            // One line each, whatever a file name or a quoted match holds.
            writeln!(
                out,
                "{}:{}:{}: {}[{}]: {}",
                escape::line(&r.path),
                start.line,
                start.column,
                d.severity.as_str(),
                d.rule.id(),
                escape::line(&message)
            )?;
        }
    }
    Ok(())
}
