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
Checks that every action item (a list item or table row in the action-items
section or its sub-sections) names an owner. Recognised: an `@handle`, a
label (`Owner: Kim`, `owner=kim`, `(Owner: Kim)`, `Assignee:`, `DRI:`,
`Responsible:`, `Who:`), or a table column headed Owner, Assignee, DRI,
Responsible or Who. A placeholder (`TBD`, `?`, `n/a`) is not an owner. A list
item ending in `:` with a nested list ("- Prevention:") groups items; the
nested items are the action items.

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
expressions that name an owner in your layout.
"#
    }
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for item in cx.doc.action_items.iter().filter(|i| i.owner.is_none()) {
            out.push(
                self.diagnostic(item.span.clone(), "action item has no owner".into())
                    .with_help("Name who will drive it: `Owner: @handle`, an `@handle`, or an Owner column."),
            );
        }
    }
}
