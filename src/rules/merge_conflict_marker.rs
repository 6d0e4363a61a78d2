use super::{Context, Group, Rule};
use crate::diagnostic::{Diagnostic, Severity};

/// A merge conflict committed unresolved.
pub struct MergeConflictMarker;

/// Git's markers, seven characters long, at the start of a line.
const OURS: &str = "<<<<<<<";
const BASE: &str = "|||||||";
const SEPARATOR: &str = "=======";
const THEIRS: &str = ">>>>>>>";

/// Is `line` the marker: alone, or followed by a space and a label, and not
/// part of a longer run of the same character?
fn is_marker(line: &str, marker: &str, labelled: bool) -> bool {
    let Some(rest) = line.strip_prefix(marker) else {
        return false;
    };
    let rest = rest.trim_end_matches('\r');
    rest.trim_end().is_empty() || (labelled && rest.starts_with([' ', '\t']))
}

impl Rule for MergeConflictMarker {
    fn id(&self) -> &'static str {
        "merge-conflict-marker"
    }
    fn group(&self) -> Group {
        Group::Input
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Merge-conflict markers (<<<<<<<, =======, >>>>>>>) left in the file"
    }
    fn explain(&self) -> &'static str {
        r#"## What it does
Finds a merge conflict that was never resolved: a `<<<<<<<` line, then a
`=======` line, then a `>>>>>>>` line (git's markers, at the start of their
lines; a `|||||||` base section may come between). The diagnostic is on the
`<<<<<<<` line and names the lines of the other two. Markers inside code
blocks and HTML comments are not reported: a postmortem may quote a
conflict to show what happened.

## Why is this bad?
Both versions of the conflicting text are in the file, with the markers
around them: the document says two things at once, and the markers break
its Markdown (`=======` turns the line above it into a heading, so other
rules see sections that are not there, or empty ones).

## Example
```text
## Impact
<<<<<<< HEAD
Checkout failed for 14% of requests.
=======
Checkout failed for 12% of requests.
>>>>>>> fix-impact
```

Use instead: keep the right text, delete the three marker lines, and
`git add` the file.
"#
    }
    fn check(&'static self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let source = cx.doc.source;
        // Nothing opens a conflict without its marker: most files end here.
        if memchr::memmem::find(source.as_bytes(), OURS.as_bytes()).is_none() {
            return;
        }
        // (span of the `<<<<<<<` line, line number of `=======`).
        let mut open: Option<(std::ops::Range<usize>, Option<usize>)> = None;
        let mut start = 0;
        for (number, line) in source.split_inclusive('\n').enumerate() {
            let text = line.trim_end_matches(['\n', '\r']);
            let span = start..start + text.len();
            start += line.len();
            let number = number + 1;
            if is_marker(text, OURS, true) {
                open = (!cx.doc.is_unchecked(&span)).then_some((span, None));
            } else if let Some((ours, separator)) = &mut open {
                if separator.is_none() && is_marker(text, BASE, true) {
                    // diff3 style: the base version comes before the separator.
                } else if separator.is_none() && is_marker(text, SEPARATOR, false) {
                    *separator = Some(number);
                } else if let (Some(sep), true) = (*separator, is_marker(text, THEIRS, true)) {
                    let message = format!(
                        "unresolved merge conflict: `=======` on line {sep}, `>>>>>>>` on line {number}"
                    );
                    out.push(self.diagnostic(ours.clone(), message).with_help(
                        "Keep the text you want, delete the `<<<<<<<`, `=======` and `>>>>>>>` lines, \
                         then `git add` the file.",
                    ));
                    open = None;
                }
            }
        }
    }
}
