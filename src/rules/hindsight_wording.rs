use super::{Context, Group, Rule, wording_diagnostics};
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
Finds counterfactuals and hindsight aimed at people: 'should have checked',
'shouldn't've deployed', 'ought to have waited', 'this ought to have been
spotted in review', 'could have caught', 'if the reviewer had looked', 'had
she waited', 'failed to <verb>', 'didn't check', 'never acknowledged',
'ignored', 'missed', 'skipped', 'forgot to', 'neglected to' (the list is
`rules/wording/hindsight.toml`).

It looks at who the sentence is about: the subject of the verb, found across
adverbs, asides between commas ('the engineer, tired after a long shift,
failed ...'), relative clauses ('the engineer who was on call'),
prepositional phrases ('the author of the change') and coordinated verbs
('was paged but failed to ...'); the one after 'if' or a clause-initial
'had'; the 'by ...' agent of a passive. A person is a pronoun, a role ('the
on-call', 'the SRE'), a team ('support', 'the vendor'), an @handle that is
no bot, or a name: from `people` in pmlint.toml, from the repository's
commit authors, .mailmap and CODEOWNERS, or from a built-in list of given
names. A system is a service, job, script, check, bot, document, inline
code, a hyphenated or dotted identifier (`renata-api`), a product ('the
Redis operator'), or a name the document uses as one. Users and customers
are the impact, not the cause ('customers failed to check out'). "We" stating
a fact is not hindsight ('we did not test how long the migration runs');
"we" in a counterfactual is ('we should have tested').

'should have' is hindsight only before a past participle: not a
requirement ('each repository should have clear rules', 'should have write
permission', 'should have dedicated nodes'), nor what a person would have
received ('should have been paged'). 'could have' only with verbs of
foresight ('could have caught'), not 'we could have lost the data' or
'anyone could have made the same mistake'. 'failed to' is not an attempt
that did not work ('the operator failed to log in'). The same places as
`blame-wording` are never checked, and the same negations and mentions are
left alone.

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
    fn check(&'static self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        wording_diagnostics(cx, self, out);
    }
}
