//! `--new-only`: keep only the diagnostics a change introduced.
//!
//! Diagnostics are matched with the version before the change, never by line
//! number, so an old problem stays old when edits above it move it down:
//! - on a line the change did not touch, by rule, message and the text of
//!   the line (so a problem that only context created, like an owner removed
//!   from a line nobody edited, is new);
//! - on a line the change added or modified, by rule, message and the text
//!   the diagnostic spans, or text close to it (so fixing a typo on a line
//!   that keeps an old problem does not make it new, while a new phrase or
//!   a new action item on it is new);
//! - a file-level diagnostic (a missing section, shown on the title) by rule
//!   and message alone: renaming the title does not make it new, deleting the
//!   action-items section does.

use std::collections::HashMap;

use crate::diagnostic::{ContentKey, Diagnostic};
use crate::source::SourceFile;

fn key(file: &SourceFile<'_>, d: &Diagnostic, by_span: bool) -> ContentKey {
    d.content_key(Some(file), by_span)
}

/// Two texts that differ by a typo or two: at most one edit in eight
/// characters.
fn similar(a: &str, b: &str) -> bool {
    let longest = a.chars().count().max(b.chars().count());
    longest > 0 && crate::suggest::edit_distance(a, b) * 8 <= longest
}

/// The diagnostics of `head` (the new version) that the change introduced.
/// `base` is the old version's text and diagnostics, `None` for a new file;
/// `added_lines` are the 1-based numbers of added or modified lines in the
/// new version.
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
    let head_file = SourceFile::new("", head_text);
    let index = |by_span: bool| {
        let mut map: HashMap<ContentKey, Vec<usize>> = HashMap::new();
        for (i, d) in base_diags.iter().enumerate() {
            map.entry(key(&base_file, d, by_span)).or_default().push(i);
        }
        map
    };
    let (by_line, by_span) = (index(false), index(true));
    let touched = |d: &Diagnostic| {
        let first = head_file.position(d.span.start).line;
        let last = head_file.position(d.span.end).line.max(first);
        !d.rule.file_level()
            && added_lines
                .iter()
                .any(|&l| (first..=last).contains(&(l as usize)))
    };
    // Untouched diagnostics claim their old twins first.
    let mut used = vec![false; base_diags.len()];
    let mut old = vec![false; head.len()];
    for pass_touched in [false, true] {
        let map = if pass_touched { &by_span } else { &by_line };
        for (i, d) in head
            .iter()
            .enumerate()
            .filter(|(_, d)| touched(d) == pass_touched)
        {
            let key = key(&head_file, d, pass_touched);
            let twin = map.get(&key).and_then(|v| v.iter().copied().find(|&j| !used[j]));
            // On an edited line, an old problem keeps its text but for a typo.
            let twin = twin.or_else(|| {
                let text = key.text.as_deref().filter(|_| pass_touched)?;
                base_diags.iter().enumerate().find_map(|(j, b)| {
                    let base = self::key(&base_file, b, true);
                    let close = base.text.as_deref().is_some_and(|t| similar(t, text));
                    (!used[j] && base.rule == key.rule && base.message == d.message && close).then_some(j)
                })
            });
            if let Some(j) = twin {
                used[j] = true;
                old[i] = true;
            }
        }
    }
    head.into_iter()
        .zip(old)
        .filter(|(_, old)| !old)
        .map(|(d, _)| d)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn rule(id: &str) -> &'static dyn crate::rules::Rule {
        crate::rules::find(id).unwrap()
    }

    fn d(id: &str, text: &str, needle: &str) -> Diagnostic {
        let start = text.find(needle).unwrap();
        Diagnostic::new(rule(id), Severity::Error, start..start + needle.len(), "m")
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
    fn a_touched_line_keeps_its_old_problem_old() {
        let base = "It wsa human error.\n";
        let head = "It was human error.\n";
        let kept = introduced(
            head,
            vec![d("blame-wording", head, "human error")],
            Some((base, &[d("blame-wording", base, "human error")])),
            &[1],
        );
        assert!(kept.is_empty());
    }

    #[test]
    fn new_problems_on_touched_lines_and_from_context_are_new() {
        let base = "human error\n";
        let head = "human error, and careless\n";
        let kept = introduced(
            head,
            vec![
                d("blame-wording", head, "human error"),
                d("blame-wording", head, "careless"),
            ],
            Some((base, &[d("blame-wording", base, "human error")])),
            &[1],
        );
        assert_eq!(kept.len(), 1);
        assert_eq!(&head[kept[0].span.clone()], "careless");
        // Not touched, but the old version had nothing like it.
        let kept = introduced(
            base,
            vec![d("action-item-missing-owner", base, "human")],
            Some((base, &[])),
            &[],
        );
        assert_eq!(kept.len(), 1);
        // A second copy of an old problem, on a new line, is new.
        let head = "human error\nhuman error\n";
        let kept = introduced(
            head,
            vec![
                d("blame-wording", head, "human error"),
                Diagnostic::new(rule("blame-wording"), Severity::Error, 12..23, "m"),
            ],
            Some((base, &[d("blame-wording", base, "human error")])),
            &[2],
        );
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].span, 12..23);
    }

    #[test]
    fn a_typo_fixed_in_an_old_action_item_keeps_its_problem_old() {
        let base = "- [ ] Add alret on lag (Owner: @kim)\n";
        let head = "- [ ] Add alert on lag (Owner: @kim)\n";
        let diag = |t: &str| {
            Diagnostic::new(
                rule("action-item-missing-due-date"),
                Severity::Error,
                6..t.len() - 1,
                "m",
            )
        };
        assert!(introduced(head, vec![diag(head)], Some((base, &[diag(base)])), &[1]).is_empty());
        let other = "- [ ] Rotate every credential now (Owner: @kim)\n";
        assert_eq!(
            introduced(other, vec![diag(other)], Some((base, &[diag(base)])), &[1]).len(),
            1
        );
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
