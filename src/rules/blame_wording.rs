use super::{Context, Group, Rule, wording_diagnostics};
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
Finds language that makes a person the cause of an incident: labels ('human
error', 'fat-fingered'), judgements of people or their work ('careless',
'negligent', 'a sloppy review', 'the runbook was lazy'), fault and blame
('Kim's fault', 'his lapse', 'the fault was mine', 'is to blame', 'bears the
blame', 'came down to Ivo', 'caused by the intern'), idioms ('dropped the
ball', 'blew it', 'phoned it in', 'cut corners'), passives with a person as
agent ('the page was left unanswered by the secondary'), and action items
that ask people to try harder ('be more careful', 'double-check everything
next time'). The phrases are data (`rules/wording/blame.toml`); each
diagnostic's help says how to put it blamelessly.

Most phrases look at who they are about (see `pmlint explain
hindsight-wording` for how the subject is found). 'Renata botched the
failover' is reported, 'the scheduler botched the lease handover' is not;
'a lazy review' and 'the operator was lazy' are, 'lazy loading' and 'a
sloppy quorum' are not. A phrase that is negated or named to be rejected is
left alone ('no engineer acted carelessly', 'we do not think the responder
was negligent', 'calling this human error would stop the analysis', 'human
error is a starting point, never a conclusion'), and so are titles in
emphasis or links (*Careless People*), 'blameless', 'git blame' and
'fault tolerant'.

Only prose is checked: never code, inline code, HTML comments, link URLs,
headings (Atlassian's template has a section called "Fault"), block quotes
or "quoted speech" (quoted chat logs and statements are evidence).

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
    fn check(&'static self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        wording_diagnostics(cx, self, out);
    }
}
