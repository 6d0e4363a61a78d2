use super::{Context, Group, Rule};
use crate::diagnostic::{Diagnostic, Severity};

/// A required section of the template is absent.
pub struct MissingSection;

impl Rule for MissingSection {
    fn id(&self) -> &'static str {
        "missing-section"
    }
    fn group(&self) -> Group {
        Group::Sections
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A required section of the template is missing"
    }
    fn explain(&self) -> &'static str {
        r#"## What it does
Checks that the postmortem has every section its template requires (by
default: summary, impact, timeline, contributing factors, resolution and
action items). A section is present when a heading, or a bold label on its
own line (`**Impact:** ...`), names it or one of its aliases as whole words:
"Timeline (all times UTC)", "3. Root Causes" and "Customer impact" all count.
So does a top-level list item whose label before a colon is a name or an
alias, whole: "- Root Causes: ...", but not "- Time to recovery: 2h". A
heading two sections share ("What happened") counts for both when the text
under it says why ("... because ..."). A lead of a sentence or more between the
title and the first section is the summary when no section is, and three
list items, table rows or lines that start with a time ("- 09:43 ...") are
the timeline when no heading is, wherever they are. A template's
loose aliases satisfy a section without being read as it: a "Prevention"
heading gives the action items, but its list is not checked as items.
The diagnostic sits on the document's title (its heading, else the front
matter's `title`, else the first line after the front matter) and names a
few headings that would satisfy the section; the list below has them all.

## Why is this bad?
A postmortem is only useful when it is complete. Without the impact nobody
can weigh the incident; without a timeline the analysis has nothing to stand
on; without action items nothing changes and the incident repeats.

## Example
```markdown
# Database failover, 2026-03-02

## Summary
The primary failed over twice in an hour.

## Timeline
- 10:02 UTC replication lag alert
```

Use instead: add the missing sections (Impact, Contributing factors,
Resolution, Action items).

## Options
`template = "pagerduty"` or `"google-sre"` selects another built-in section
list; `template = "path/to/ours.toml"` uses your own (see the README).
"#
    }
    fn file_level(&self) -> bool {
        true
    }
    fn check(&'static self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let span = doc.anchor();
        for (i, section) in cx.settings.template.sections.iter().enumerate() {
            if !section.required || doc.sections_for(i).next().is_some() {
                continue;
            }
            let d = self
                .diagnostic(
                    span.clone(),
                    format!("missing required section '{}'", section.name),
                )
                .with_help(format!(
                    "Add a section under one of these headings: {}.",
                    headings(&section.names)
                ));
            out.push(d);
        }
    }
}

/// The first few headings that satisfy a section; `explain` lists them all.
fn headings(names: &[String]) -> String {
    const SHOWN: usize = 4;
    let list = names
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        format!("{list} (see `pmlint explain missing-section` for all)")
    } else {
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_most_four_headings_then_where_to_find_all() {
        let names: Vec<String> = ["Summary", "Overview", "TL;DR"].map(String::from).into();
        assert_eq!(headings(&names), "Summary, Overview, TL;DR");
        let names: Vec<String> = ["A", "B", "C", "D", "E"].map(String::from).into();
        assert_eq!(
            headings(&names),
            "A, B, C, D (see `pmlint explain missing-section` for all)"
        );
    }
}
