//! `--format github`: one GitHub Actions workflow command per diagnostic,
//! which the runner turns into an annotation on the pull request's diff:
//! `::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=pmlint (RULE)::MESSAGE`.
//!
//! GitHub shows only ten annotations of each kind per step, so with
//! `GITHUB_STEP_SUMMARY` set, every finding also goes into the job summary
//! (Markdown, grouped by file, with counts by rule), appended at the end.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::PathBuf;

use super::{Emit, FileView, Render, Rendered, Totals, escape};
use crate::diagnostic::Severity;
use crate::lint::FileReport;
use crate::rules::RULES;

/// GitHub drops a step's whole summary past 1 MiB: the findings stop short
/// of that, leaving room for the head and the table.
const SUMMARY_BUDGET: usize = 900 * 1024;

#[derive(Clone)]
pub(super) struct Github {
    step_summary: Option<PathBuf>,
    /// The summary's findings, grouped by file, up to the budget.
    findings: String,
    /// Findings left out of the summary for want of room.
    left_out: usize,
    /// Counts by rule, in the order `pmlint rules` lists them.
    by_rule: BTreeMap<usize, (&'static str, usize)>,
}

impl Github {
    pub(super) fn new(step_summary: Option<PathBuf>) -> Github {
        Github {
            step_summary,
            findings: String::new(),
            left_out: 0,
            by_rule: BTreeMap::new(),
        }
    }
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// The data of a command (GitHub's `escapeData`: `%`, CR, LF). Other control
/// characters are shown as symbols: the log is read by people.
fn data(s: &str) -> String {
    escaped(s, &[])
}

/// A property value (GitHub's `escapeProperty`): also `:` and `,`.
fn property(s: &str) -> String {
    escaped(s, &[':', ','])
}

fn escaped(s: &str, more: &[char]) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '\r' | '\n') || more.contains(&c) {
            let _ = write!(out, "%{:02X}", c as u32);
        } else {
            out.push(escape::shown_as(c).unwrap_or(c));
        }
    }
    out
}

/// The pieces: the annotations; then, with a step summary, the file's
/// heading and one item per diagnostic.
impl Render for Github {
    fn render(&self, f: &FileView<'_>, rendered: &mut Rendered) -> io::Result<()> {
        let r = f.report;
        if r.diagnostics.is_empty() {
            return Ok(());
        }
        rendered.piece(|out| annotations(f, out))?;
        if self.step_summary.is_none() {
            return Ok(());
        }
        let shown = f.repo_path.as_deref().unwrap_or(&r.path);
        rendered.piece(|out| Ok(write!(out, "\n### {}\n\n", markdown(shown))?))?;
        for d in &r.diagnostics {
            let (start, _) = f.positions(&d.span);
            rendered.piece(|out| {
                Ok(writeln!(
                    out,
                    "- line {}, column {}: **{}** `{}`: {}",
                    start.line,
                    start.column,
                    d.severity.as_str(),
                    d.rule.id(),
                    markdown(&d.message)
                )?)
            })?;
        }
        Ok(())
    }
}

fn annotations(f: &FileView<'_>, out: &mut Vec<u8>) -> io::Result<()> {
    for d in &f.report.diagnostics {
        let (start, end) = f.positions(&d.span);
        let mut props = Vec::new();
        if let Some(path) = &f.repo_path {
            props.push(format!("file={}", property(path)));
        }
        props.push(format!("line={}", start.line));
        // GitHub rejects columns on a range of several lines.
        if start.line == end.line {
            props.push(format!("col={}", start.column));
            props.push(format!("endLine={}", end.line));
            props.push(format!("endColumn={}", end.column));
        } else {
            props.push(format!("endLine={}", end.line));
        }
        props.push(format!(
            "title={}",
            property(&format!("pmlint ({})", d.rule.id()))
        ));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(
            out,
            "::{} {}::{}",
            command(d.severity),
            props.join(","),
            data(&message)
        )?;
    }
    Ok(())
}

impl Emit for Github {
    fn write(&mut self, r: &FileReport, rendered: &Rendered, out: &mut dyn Write) -> io::Result<()> {
        let mut pieces = rendered.pieces();
        let Some(annotations) = pieces.next() else {
            return Ok(());
        };
        out.write_all(annotations)?;
        let Some(mut heading) = pieces.next() else {
            return Ok(());
        };
        for (d, item) in r.diagnostics.iter().zip(pieces) {
            let index = RULES
                .iter()
                .position(|x| x.id() == d.rule.id())
                .unwrap_or(usize::MAX);
            self.by_rule.entry(index).or_insert((d.rule.id(), 0)).1 += 1;
            if self.left_out > 0 || self.findings.len() + heading.len() + item.len() > SUMMARY_BUDGET {
                self.left_out += 1;
                continue;
            }
            self.findings.push_str(&String::from_utf8_lossy(heading));
            heading = b"";
            self.findings.push_str(&String::from_utf8_lossy(item));
        }
        Ok(())
    }

    fn finish(&mut self, totals: &Totals, _: &mut dyn Write) -> io::Result<()> {
        let Some(path) = &self.step_summary else {
            return Ok(());
        };
        let mut text = format!("## pmlint: {}\n", markdown(&totals.sentence()));
        if !self.by_rule.is_empty() {
            text.push_str("\n| Rule | Findings |\n| --- | ---: |\n");
            for (rule, n) in self.by_rule.values() {
                let _ = writeln!(text, "| `{rule}` | {n} |");
            }
        }
        text.push_str(&self.findings);
        if self.left_out > 0 {
            let _ = writeln!(
                text,
                "\n{} more findings are not listed: GitHub keeps at most 1 MiB of summary per step.",
                self.left_out
            );
        }
        let mut file = std::fs::OpenOptions::new().append(true).create(true).open(path)?;
        file.write_all(text.as_bytes())
    }
}

/// Text shown as itself in Markdown: control characters as symbols, and
/// every ASCII punctuation character backslash-escaped (CommonMark allows
/// it for all of them), so a quoted `<img>`, `|` or `**` stays text.
fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in escape::line(s).chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_is_githubs() {
        assert_eq!(data("100% done\r\nnext"), "100%25 done%0D%0Anext");
        assert_eq!(property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
        assert_eq!(data("bell\u{7}"), "bell␇");
    }

    #[test]
    fn markdown_shows_text_as_text() {
        assert_eq!(markdown("a <b> | *c*"), r"a \<b\> \| \*c\*");
    }
}
