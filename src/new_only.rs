//! `--new-only`: keep only the diagnostics a change introduced.
//!
//! A diagnostic is new when its span touches a line the change added or
//! modified, or when the version before the change had no diagnostic like
//! it. "Like it" is matched by rule, message and the text of the lines it
//! sits on, never by line number, so an old problem stays old when edits
//! above it move it down. A file-level diagnostic (a missing section) sits on
//! the title, so it is matched by rule and message alone: renaming the title
//! does not make it new, deleting the action-items section does.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::rules;
use crate::source::SourceFile;

type Fingerprint = (&'static str, String, Option<String>);

fn file_level(d: &Diagnostic) -> bool {
    rules::find(d.rule).is_some_and(|r| r.file_level())
}

fn fingerprint(file: &SourceFile<'_>, d: &Diagnostic) -> Fingerprint {
    let lines = (!file_level(d)).then(|| {
        let first = file.line_index(d.span.start);
        let last = file.line_index(d.span.end.max(d.span.start));
        (first..=last)
            .map(|l| {
                file.text[file.line_range(l)]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    (d.rule, d.message.clone(), lines)
}

/// The diagnostics of `head` (the new version) that the change introduced.
/// `base` is the old version's text and diagnostics, `None` for a new file;
/// `added_lines` are 1-based line numbers in the new version.
pub fn introduced(
    head_text: &str,
    head: Vec<Diagnostic>,
    base: Option<(&str, &[Diagnostic])>,
    added_lines: &[u32],
) -> Vec<Diagnostic> {
    let Some((base_text, base_diags)) = base else {
        return head;
    };
    let base_file = SourceFile::new("", base_text);
    let mut old: HashMap<Fingerprint, usize> = HashMap::new();
    for d in base_diags {
        *old.entry(fingerprint(&base_file, d)).or_default() += 1;
    }
    let head_file = SourceFile::new("", head_text);
    head.into_iter()
        .filter(|d| {
            let first = head_file.position(d.span.start).line;
            let last = head_file.position(d.span.end).line.max(first);
            let touched = !file_level(d)
                && added_lines
                    .iter()
                    .any(|&l| (first..=last).contains(&(l as usize)));
            let seen = match old.get_mut(&fingerprint(&head_file, d)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => false,
            };
            touched || !seen
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn d(rule: &'static str, text: &str, needle: &str) -> Diagnostic {
        let start = text.find(needle).unwrap();
        Diagnostic::new(rule, Severity::Error, start..start + needle.len(), "m")
    }

    #[test]
    fn old_problems_moved_down_stay_old() {
        let base = "a\nhuman error\n";
        let head = "new line\na\nhuman error\n";
        let kept = introduced(
            head,
            vec![d("blame-wording", head, "human")],
            Some((base, &[d("blame-wording", base, "human")])),
            &[1],
        );
        assert!(kept.is_empty());
    }

    #[test]
    fn touched_lines_and_context_changes_are_new() {
        let base = "human error\n";
        let head = "human error!\n";
        let kept = introduced(
            head,
            vec![d("blame-wording", head, "human")],
            Some((base, &[d("blame-wording", base, "human")])),
            &[1],
        );
        assert_eq!(kept.len(), 1);
        // Not touched, but the old version had nothing like it.
        let kept = introduced(
            base,
            vec![d("blame-wording", base, "human")],
            Some((base, &[])),
            &[],
        );
        assert_eq!(kept.len(), 1);
    }

    #[test]
    fn file_level_diagnostics_ignore_the_title_text() {
        let base = "# Old title\n";
        let head = "# New title\n";
        let kept = introduced(
            head,
            vec![d("missing-section", head, "New title")],
            Some((base, &[d("missing-section", base, "Old title")])),
            &[1],
        );
        assert!(kept.is_empty());
    }
}
