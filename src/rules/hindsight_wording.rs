use super::{Context, Group, Rule, phrase_diagnostics};
use crate::diagnostic::{Diagnostic, Severity};

/// Counterfactuals aimed at people.
pub struct HindsightWording;

impl Rule for HindsightWording {
    fn id(&self) -> &'static str {
        "hindsight-wording"
    }
    fn group(&self) -> Group {
        Group::Wording
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Hindsight aimed at people ('should have known', 'failed to notice')"
    }
    fn explain(&self) -> &'static str {
        r#"## What it does
Finds counterfactuals and hindsight aimed at people: 'should have known',
'should have checked', 'could have prevented', 'failed to notice/check/
follow/verify/test/escalate', 'didn't check', 'forgot to', 'neglected to',
'didn't bother' (the list is `rules/wording/hindsight.toml`).

It looks at who the sentence is about. 'failed to ...', 'didn't ...',
'ignored', 'missed' are reported only when a person, a role, an @handle or a
pronoun standing for people is the subject ('the engineer failed to
notice'), never for a system ('the health check failed to connect', 'the
pods ... because they failed to respond'), for users and customers (they are
the impact), or for "we" stating a fact. 'should have' is reported only
before a past participle ('should have known'), not 'each repository should
have clear rules'; 'could have' only with verbs of foresight ('could have
caught'), not 'we could have lost the data' or 'anyone could have made the
same mistake'. The same places as `blame-wording` are never checked.

## Why is this bad?
Hindsight judges a decision with knowledge nobody had when it was made. It
hides why the action made sense at the time, and that is exactly what the
postmortem needs to learn. Describe what was known then, and put what you
wish had happened into an action item aimed at the system.

## Example
```markdown
The on-call engineer failed to notice the disk alert and should have
checked the dashboard.
```

Use instead:
```markdown
The disk alert went to an email list that is read once a day; the dashboard
showing the trend was not linked from the page.
```
"#
    }
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        phrase_diagnostics(cx, self, &cx.doc.prose, |_, _| true, out);
    }
}
