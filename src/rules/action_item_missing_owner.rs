use super::{Context, Group, Rule};
use crate::diagnostic::{Diagnostic, Severity};

/// An action item names nobody to drive it.
pub struct ActionItemMissingOwner;

impl Rule for ActionItemMissingOwner {
    fn id(&self) -> &'static str {
        "action-item-missing-owner"
    }
    fn group(&self) -> Group {
        Group::ActionItems
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "An action item has no owner"
    }
    fn explain(&self) -> &'static str {
        r#"## What it does
Checks that every open action item (a list item, table row or future-work
paragraph in the action-items section or its sub-sections) names an owner.
Recognised: an `@handle`, a label (`Owner: Kim`, `owner=kim`, `(Owner: Kim)`,
`Team: Payments`, `Assignee:`, `DRI:`, `Responsible:`, `Who:`, "owned by",
"assigned to"), a name in the owner slot (`(Kim (SRE), 2026-12-20)`,
`— Ana, by Dec 15, 2026`, `- Payments team`), an owner written first
(`(tc team) add ...`, `[SRE] rotate ...`, `Platform team: ...`, `ICL: ...`,
`Hypha + ICL: ...`, `Hypha to verify ...`, `Kim will run ...`; not a topic
such as `Kubernetes: ...` or `[Bug] ...`), a table column headed Owner,
Assignee, DRI, Responsible, Who or Team, or the group the item is listed
under: a bullet, sub-heading or label paragraph that names a team or person
("- Lighthouse", a sub-heading "Storage team"). A group that names a kind of
work ("Detection", "Short-term", "Process") is a category: its items need their
own owner. A placeholder (`TBD`, `?`, `n/a`), a broadcast (`@here`) and an
npm package (`@aws-sdk/client-s3` in a sentence) are not owners. Done and
rejected items need none.

## Why is this bad?
Follow-ups nobody owns are the ones that never ship, and the incident comes
back. PagerDuty's guide asks for a clear owner on every action item; the
owner is whoever makes sure it gets done, not whoever caused anything.

## Example
```markdown
## Action items
- [ ] Add an alert on replication lag
```

Use instead:
```markdown
## Action items
- [ ] Add an alert on replication lag (Owner: @db-team, due 2026-12-15)
```

## Options
`[action-items] owner-patterns = ['\[[A-Z][a-z]+\]']` adds regular
expressions that name an owner in your layout; `done-items-need-owner = true`
asks an owner of done and rejected items too.
"#
    }
    fn check(&'static self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let needs_owner = |i: &&crate::document::ActionItem| !i.done || cx.settings.done_items_need_owner;
        for item in cx
            .doc
            .action_items
            .iter()
            .filter(|i| i.owner.is_none())
            .filter(needs_owner)
        {
            out.push(
                self.diagnostic(item.span.clone(), "action item has no owner".into())
                    .with_help("Name who will drive it: `Owner: @handle`, an `@handle`, or an Owner column."),
            );
        }
    }
}
