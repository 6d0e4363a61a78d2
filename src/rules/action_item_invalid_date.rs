use super::{Context, Group, Rule};
use crate::diagnostic::{Diagnostic, Severity};

/// A date in an action item that does not exist.
pub struct ActionItemInvalidDate;

impl Rule for ActionItemInvalidDate {
    fn id(&self) -> &'static str {
        "action-item-invalid-date"
    }
    fn group(&self) -> Group {
        Group::ActionItems
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "An action item's date is not a real date"
    }
    fn explain(&self) -> &'static str {
        r#"## What it does
Checks that the dates written in action items exist: `2026-02-30`,
`2026-13-01` and `Feb 29, 2027` are reported. Done items are checked too: a
wrong date is wrong wherever it is.

## Why is this bad?
An impossible date cannot be tracked: tools that read it fail or guess, and
readers cannot tell whether the item is overdue. It is usually a typo in the
month or the day.

## Example
```markdown
- [ ] Rotate the credentials (Owner: @sec, due 2026-02-30)
```

Use instead:
```markdown
- [ ] Rotate the credentials (Owner: @sec, due 2026-02-28)
```
"#
    }
    fn check(&'static self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for item in &cx.doc.action_items {
            for d in item.dates.iter().filter(|d| d.date.is_none() && !d.yearless) {
                out.push(
                    self.diagnostic(
                        d.span.clone(),
                        format!("'{}' is not a real date", &cx.doc.source[d.span.clone()]),
                    )
                    .with_help("Check the month (1-12) and the day of the month."),
                );
            }
        }
    }
}
