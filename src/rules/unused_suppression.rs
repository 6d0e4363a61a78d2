use super::{Context, Group, Rule};
use crate::diagnostic::{Diagnostic, Severity};

/// A suppression that silenced nothing (ruff's RUF100).
pub struct UnusedSuppression;

impl Rule for UnusedSuppression {
    fn id(&self) -> &'static str {
        "unused-suppression"
    }
    fn group(&self) -> Group {
        Group::Sections
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "A pmlint-disable comment suppresses nothing"
    }
    fn explain(&self) -> &'static str {
        r#"## What it does
Reports a `pmlint-disable`, `-next-line`, `-line` or `-file` comment, or one
rule it names, that silenced no diagnostic in this run.

Only what the run could have silenced is judged: a rule that is not
selected (`--select`, `--ignore`, `"off"` in `[rules]`) is not reported
as unused, nor a comment that names no rule unless every rule runs. An
expired comment is `expired-suppression`'s, and a misspelt name
`invalid-suppression`'s.

## Why is this bad?
A suppression outlives what it was written for: the sentence was
reworded, the section filled in. Left behind, it silences the next real
finding on that line, unseen.

## Example
```markdown
<!-- pmlint-disable-next-line blame-wording -->
The cache node ran out of memory.
```

Use instead:
```markdown
The cache node ran out of memory.
```
"#
    }
    fn after_suppressions(&self) -> bool {
        true
    }
    fn check(&'static self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for unused in cx.unused {
            let d = &cx.doc.directives[unused.directive];
            let diagnostic = match unused.name {
                Some(i) => {
                    let (name, span) = &d.names[i];
                    self.diagnostic(span.clone(), format!("`{name}` suppresses nothing here"))
                }
                None => self.diagnostic(
                    d.span.clone(),
                    format!("`pmlint-{}` suppresses nothing here", d.kind),
                ),
            };
            out.push(diagnostic.with_help("Remove it, or the rule name it no longer needs."));
        }
    }
}
