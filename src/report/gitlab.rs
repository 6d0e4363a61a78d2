//! `--format gitlab`: a GitLab Code Quality report (a JSON array), which a
//! merge request shows when a job publishes it as
//! `artifacts:reports:codequality`. Paths are relative to the repository
//! root; fingerprints are [`crate::diagnostic::fingerprints`], unique per
//! finding and the same when lines above it move, so GitLab tells new
//! findings from old ones.

use std::io::{self, Write};

use serde::Serialize;

use super::json::{PrettyArray, element};
use super::{Emit, FileView, Render, Rendered, Totals};
use crate::diagnostic::{Severity, fingerprints};
use crate::lint::FileReport;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: &'a str,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// Code Climate's scale: info, minor, major, critical, blocker.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// Rendered like `json`, joined by the same [`PrettyArray`].
#[derive(Clone, Default)]
pub(super) struct Gitlab {
    array: PrettyArray,
}

impl Render for Gitlab {
    fn render(&self, f: &FileView<'_>, rendered: &mut Rendered) -> io::Result<()> {
        let r = f.report;
        if r.diagnostics.is_empty() {
            return Ok(());
        }
        let path = f.repo_path.as_deref().unwrap_or(&r.path);
        let fingerprints = fingerprints(path, f.source.as_ref(), &r.diagnostics);
        for (d, fingerprint) in r.diagnostics.iter().zip(&fingerprints) {
            let (start, _) = f.positions(&d.span);
            let issue = Issue {
                description: format!("{} ({})", d.message, d.rule.id()),
                check_name: d.rule.id(),
                fingerprint,
                severity: severity(d.severity),
                location: Location {
                    path,
                    lines: Lines { begin: start.line },
                },
            };
            element(&issue, rendered)?;
        }
        Ok(())
    }
}

impl Emit for Gitlab {
    fn write(&mut self, r: &FileReport, rendered: &Rendered, out: &mut dyn Write) -> io::Result<()> {
        self.array.write(r, rendered, out)
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        self.array.finish(totals, out)
    }
}
