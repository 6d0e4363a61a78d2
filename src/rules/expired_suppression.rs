use super::{Context, Group, Rule};
use crate::diagnostic::{Diagnostic, Severity};

/// A suppression whose `until` date has passed.
pub struct ExpiredSuppression;

impl Rule for ExpiredSuppression {
    fn id(&self) -> &'static str {
        "expired-suppression"
    }
    fn group(&self) -> Group {
        Group::Sections
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "A pmlint-disable comment is past its until date and suppresses nothing"
    }
    fn explain(&self) -> &'static str {
        r#"## What it does
Reports a suppression whose reason ends in `until YYYY-MM-DD` when that day
has passed (it holds through the day itself; "today" is `--today`, else
the local date). From the next day on it suppresses nothing, so the
diagnostics it silenced come back, and this says why.

## Why is this bad?
A suppression with an expiry was meant to be temporary: "until the vendor
publishes their report", "until the review on 2027-03-01". Past it, the
exception should be looked at again, not kept by default.

## Example
```markdown
<!-- pmlint-disable-next-line placeholder-text -- numbers pending; until 2026-01-15 -->
Impact: TBD
```

Use instead: finish the text, or give a new date and a reason.
```markdown
Impact: 310 support tickets, 14% of checkouts failed for 23 minutes.
```
"#
    }
    fn check(&'static self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let today = cx.settings.today;
        for d in cx
            .doc
            .directives
            .iter()
            .filter(|d| d.disables() && d.expired(today))
        {
            let Some(until) = &d.until else { continue };
            out.push(
                self.diagnostic(
                    until.span.clone(),
                    format!(
                        "this suppression expired: `{}` has passed",
                        &cx.doc.source[until.span.clone()]
                    ),
                )
                .with_help(
                    "It no longer suppresses anything: fix what it silenced, or renew it with a reason.",
                ),
            );
        }
    }
}
