use super::{Context, Group, Rule};
use crate::diagnostic::{Diagnostic, Severity};

/// An open action item whose due date has passed.
pub struct ActionItemOverdue;

impl Rule for ActionItemOverdue {
    fn id(&self) -> &'static str {
        "action-item-overdue"
    }
    fn group(&self) -> Group {
        Group::ActionItems
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "An open action item is past its due date"
    }
    fn explain(&self) -> &'static str {
        r#"## What it does
Reports open action items whose due date is before today (or the date given
with `--today YYYY-MM-DD`, which CI and tests use for repeatable results).
Done and rejected items (checked, DONE, ✅, struck through, "fixed in #123",
"Considered ... but not worth it", a done status) are never overdue.

## Why is this bad?
An overdue item is a risk the team accepted to fix and has not: the same
incident can happen again. Surfacing it where the postmortem lives keeps it
visible; closing it, or moving the date on purpose, both beat forgetting it.

## Example
```markdown
- [ ] Add an alert on replication lag (Owner: @db-team, due 2026-01-15)
```

Use instead: do it and check it off (`- [x]`), or set a new date and say
why.
"#
    }
    fn check(&'static self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let today = cx.settings.today;
        for item in cx.doc.action_items.iter().filter(|i| !i.done) {
            let Some(mention) = item.due_date() else { continue };
            let Some(due) = mention.date else { continue };
            if due >= today {
                continue;
            }
            let days = (today - due).get_days();
            let ago = if days == 1 {
                "1 day".to_owned()
            } else {
                format!("{days} days")
            };
            out.push(
                self.diagnostic(
                    mention.span.clone(),
                    format!("action item was due on {due} ({ago} ago)"),
                )
                .with_help("Check it off if it is done (`- [x]`), or set a new due date."),
            );
        }
    }
}
