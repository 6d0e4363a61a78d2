//! `--format short`: `path:line:column: severity[rule]: message`, the shape
//! Vim's, Emacs's and VS Code's default matchers read.

use std::io::{self, Write};

use super::{Emit, FileView, Render, Rendered, escape};

#[derive(Clone)]
pub(super) struct Short;

impl Render for Short {
    fn render(&self, f: &FileView<'_>, rendered: &mut Rendered) -> io::Result<()> {
        rendered.piece(|out| lines(f, out))
    }
}

impl Emit for Short {}

fn lines(f: &FileView<'_>, out: &mut Vec<u8>) -> io::Result<()> {
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
