use super::{Context, Group, Rule};
use crate::diagnostic::{Diagnostic, Severity};

/// An open action item has no date it is due by.
pub struct ActionItemMissingDueDate;

impl Rule for ActionItemMissingDueDate {
    fn id(&self) -> &'static str {
        "action-item-missing-due-date"
    }
    fn group(&self) -> Group {
        Group::ActionItems
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "An open action item has no due date"
    }
    fn explain(&self) -> &'static str {
        r#"## What it does
Checks that every open action item says when it is due. Recognised: an ISO
date (`2026-12-15`), a written date (`Dec 15, 2026`, `15 December 2026`), a
month or quarter after a due label (`due Dec 2026`, `target: Q3 2026`, read
as its last day), and a table column headed Due, Due date, Deadline, Target
date or ETA. Done items need no date: checked (`- [x]`), marked `DONE` or ✅,
or with a done status (Done, Closed, Fixed, ...) in a Status column. A due
label with something pmlint cannot read (`Due: next sprint`) is reported on
that text.

## Why is this bad?
Few real postmortems give action items a date, and that is why so many are
still open at the next incident. A date turns "we should" into a commitment
that can be tracked and reviewed; PagerDuty asks for priority items within
15 to 30 days.

## Example
```markdown
- [ ] Add an alert on replication lag (Owner: @db-team)
```

Use instead:
```markdown
- [ ] Add an alert on replication lag (Owner: @db-team, due 2026-12-15)
```

## Options
`[action-items] ticket-as-due-date = true` accepts a linked issue, pull
request or ticket (`#123`, `OPS-42`, a GitHub/GitLab/Jira/Linear URL) instead
of a date, for teams that track dates in their tracker.
"#
    }
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for item in &cx.doc.action_items {
            if item.done || item.due.is_some() || (cx.settings.ticket_as_due_date && item.has_ticket) {
                continue;
            }
            let d = match &item.unreadable_due {
                Some(span) => {
                    let value = &cx.doc.source[span.clone()];
                    let message = if crate::document::dates::AMBIGUOUS.is_match(value) {
                        format!("'{value}' is ambiguous: day or month first?")
                    } else {
                        format!("'{value}' is not a due date pmlint can read")
                    };
                    self.diagnostic(span.clone(), message)
                        .with_help("Write the date as YYYY-MM-DD, 'Dec 15, 2026' or 'Q3 2026'.")
                }
                None => self
                    .diagnostic(item.span.clone(), "action item has no due date".into())
                    .with_help("Say when it is due: `due 2026-12-15`, or a Due column."),
            };
            out.push(d);
        }
    }
}
