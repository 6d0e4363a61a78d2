//! `--format short`: `path:line:column: severity[rule]: message`, the shape
//! Vim's, Emacs's and VS Code's default matchers read.

use std::io::{self, Write};

use super::{Emit, FileView, Totals, escape};

pub(super) struct Short;

impl Emit for Short {
    fn file(&mut self, f: &FileView<'_>, out: &mut dyn Write) -> io::Result<()> {
        let r = f.report;
        for d in &r.diagnostics {
            let (start, _) = f.positions(&d.span);
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
        Ok(())
    }

    fn finish(&mut self, _: &Totals, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}
