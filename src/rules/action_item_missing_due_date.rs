use jiff::civil::Date;

use super::{Context, Group, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::dates;

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
date or ETA, and after a due label also an ISO week (`2026-W49`), a half
(`H2 2026`) or a year (`end of 2026`). `12/20/2026` and `20/12/2026` can be
read only one way; `03/04/2026` is ambiguous unless `date-order` says. Done
and rejected items need no date: checked (`- [x]`), marked `DONE` or ✅,
struck through, "(fixed in #123)", "we already do this", "Considered ... but
not worth it", or with a done status (Done, Closed, Won't fix, ...) in a
Status column. A due label with something pmlint cannot read
(`Due: next sprint`) is reported on that text.

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
request or ticket (`#123`, `OPS-42`, a GitHub/GitLab/Jira/Linear URL; not
`UTF-8` or `SHA-256`) instead of a date, for teams that track dates in their
tracker; the `google-sre` template turns it on, as its own example does.
`date-order = "mdy"` or `"dmy"` reads `03/04/2026` one way.
"#
    }
    fn check(&'static self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let example = example_due_date(cx.settings.today);
        for item in &cx.doc.action_items {
            if item.done || item.due.is_some() || (cx.settings.ticket_as_due_date && item.has_ticket) {
                continue;
            }
            let d = match &item.unreadable_due {
                Some(span) => {
                    let value = &cx.doc.source[span.clone()];
                    let message = if dates::ambiguous(value, cx.settings.date_order).is_some() {
                        format!("'{value}' is ambiguous: day or month first?")
                    } else {
                        format!("'{value}' is not a due date pmlint can read")
                    };
                    let quarter = format!("Q{} {}", (example.month() - 1) / 3 + 1, example.year());
                    let help = format!(
                        "Write the date as {example}, '{}' or '{quarter}'{}.",
                        example.strftime("%b %-d, %Y"),
                        if message.contains("ambiguous") {
                            ", or set `date-order` under [action-items] in pmlint.toml"
                        } else {
                            ""
                        }
                    );
                    self.diagnostic(span.clone(), message).with_help(help)
                }
                None => self
                    .diagnostic(item.span.clone(), "action item has no due date".into())
                    .with_help(format!("Say when it is due: `due {example}`, or a Due column.")),
            };
            out.push(d);
        }
    }
}

/// A due date for the help to show: the 15th of next month, never past.
fn example_due_date(today: Date) -> Date {
    let next_month = today.first_of_month().checked_add(jiff::Span::new().months(1));
    next_month
        .ok()
        .and_then(|d| d.checked_add(jiff::Span::new().days(14)).ok())
        .unwrap_or(today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_date_is_in_the_future() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        assert_eq!(example_due_date(d(2026, 6, 1)), d(2026, 7, 15));
        assert_eq!(example_due_date(d(2026, 12, 31)), d(2027, 1, 15));
        assert!(example_due_date(d(2030, 1, 20)) > d(2030, 1, 20));
    }
}
