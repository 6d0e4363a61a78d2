//! `--statistics`: how many findings each rule made, instead of the
//! findings (as ruff's), most first; with `--format json`, per file too.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{Emit, FileView, Render, Rendered, Totals, escape};
use crate::diagnostic::Severity;
use crate::lint::FileReport;
use crate::rules::RULES;

#[derive(Clone, Serialize)]
struct Count {
    rule: &'static str,
    severity: Severity,
    count: usize,
}

#[derive(Clone, Serialize)]
struct FileCounts {
    path: String,
    count: usize,
    rules: Vec<Count>,
}

#[derive(Clone)]
pub(super) struct Statistics {
    json: bool,
    /// By the rule's place in `pmlint rules`.
    rules: BTreeMap<usize, Count>,
    files: Vec<FileCounts>,
}

impl Statistics {
    pub(super) fn text() -> Statistics {
        Statistics {
            json: false,
            rules: BTreeMap::new(),
            files: Vec::new(),
        }
    }

    pub(super) fn json() -> Statistics {
        Statistics {
            json: true,
            ..Statistics::text()
        }
    }
}

fn tally(into: &mut BTreeMap<usize, Count>, r: &FileReport) {
    for d in &r.diagnostics {
        let index = RULES
            .iter()
            .position(|r| r.id() == d.rule.id())
            .unwrap_or(usize::MAX);
        into.entry(index)
            .or_insert(Count {
                rule: d.rule.id(),
                severity: d.severity,
                count: 0,
            })
            .count += 1;
    }
}

/// Most first; ties in the order `pmlint rules` lists them.
fn ranked(counts: &BTreeMap<usize, Count>) -> Vec<Count> {
    let mut list: Vec<Count> = counts.values().cloned().collect();
    list.sort_by_key(|c| std::cmp::Reverse(c.count));
    list
}

/// Counts need no rendering.
impl Render for Statistics {
    fn render(&self, _: &FileView<'_>, _: &mut Rendered) -> io::Result<()> {
        Ok(())
    }
}

impl Emit for Statistics {
    fn write(&mut self, r: &FileReport, _: &Rendered, _: &mut dyn Write) -> io::Result<()> {
        tally(&mut self.rules, r);
        if self.json && !r.diagnostics.is_empty() {
            let mut mine = BTreeMap::new();
            tally(&mut mine, r);
            self.files.push(FileCounts {
                path: r.path.clone(),
                count: r.diagnostics.len(),
                rules: mine.into_values().collect(),
            });
        }
        Ok(())
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        let rules = ranked(&self.rules);
        if self.json {
            let all = serde_json::json!({
                "total": totals.errors + totals.warnings + totals.infos,
                "rules": rules,
                "files": self.files,
            });
            serde_json::to_writer_pretty(&mut *out, &all)?;
            return writeln!(out);
        }
        let width = rules.iter().map(|c| c.rule.len()).max().unwrap_or(0);
        for c in &rules {
            writeln!(out, "{:>6}  {:<width$}  {}", c.count, c.rule, c.severity.as_str())?;
        }
        if totals.files > 0 {
            writeln!(out, "{}", escape::line(&totals.sentence()))?;
        }
        Ok(())
    }
}
