use super::{Context, Group, Rule, phrase_diagnostics};
use crate::diagnostic::{Diagnostic, Severity};

/// Wording that puts the fault on people.
pub struct BlameWording;

impl Rule for BlameWording {
    fn id(&self) -> &'static str {
        "blame-wording"
    }
    fn group(&self) -> Group {
        Group::Wording
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Language that blames people ('human error', 'careless', 'his mistake')"
    }
    fn explain(&self) -> &'static str {
        r#"## What it does
Finds language that makes a person the cause of an incident: 'human error',
'operator error', 'careless', 'negligent', 'sloppy', 'incompetent', 'lazy',
'his/her/their mistake', 'Kim's fault', 'to blame', 'dropped the ball', 'the
root cause was the engineer', and the like (the list is
`rules/wording/blame.toml`). Each diagnostic spans the phrase and its help
says how to put it blamelessly.

Only prose is checked: never code, inline code, HTML comments, link URLs,
headings (Atlassian's template has a section called "Fault"), block quotes
or "quoted speech" (quoted chat logs and statements are evidence). A phrase
right after a negation is left alone ("a bug, never user error"), and so are
'blameless', 'git blame', 'fault tolerant' and 'lazy-loaded'.

## Why is this bad?
A postmortem that blames people teaches everyone to hide mistakes, and it
stops the analysis at "who" instead of reaching "how did the system let this
happen". Human error is a symptom of conditions worth fixing: a missing
guardrail, an unclear interface, an outdated runbook.

## Example
```markdown
The root cause was human error: the operator carelessly ran the script
against production.
```

Use instead:
```markdown
The script defaults to the production context and has no dry-run or
confirmation step; it was run against production during a migration.
```
"#
    }
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        phrase_diagnostics(cx, self, &cx.doc.prose, |_, _| true, out);
    }
}
