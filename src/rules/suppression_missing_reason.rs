use super::{Context, Group, Rule};
use crate::diagnostic::{Diagnostic, Severity};

/// A suppression without a reason, where the config asks for one.
pub struct SuppressionMissingReason;

impl Rule for SuppressionMissingReason {
    fn id(&self) -> &'static str {
        "suppression-missing-reason"
    }
    fn group(&self) -> Group {
        Group::Sections
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "A pmlint-disable comment gives no reason, and pmlint.toml requires one"
    }
    fn explain(&self) -> &'static str {
        r#"## What it does
With `require-suppression-reason = true` in pmlint.toml, reports every
`pmlint-disable`, `-next-line`, `-line` and `-file` comment that has no
reason after ` -- ` (an `until` date alone is not a reason). Without that
setting it reports nothing. The comment still suppresses.

## Why is this bad?
A reviewer cannot tell a considered exception ("quoting the customer's
words") from a silenced finding. A reason makes the exception reviewable,
and findable later.

## Example
```markdown
<!-- pmlint-disable-next-line blame-wording -->
> The customer wrote: "your engineer's mistake cost us a day".
```

Use instead:
```markdown
<!-- pmlint-disable-next-line blame-wording -- quoting the customer's words -->
> The customer wrote: "your engineer's mistake cost us a day".
```
"#
    }
    fn check(&'static self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if !cx.settings.require_suppression_reason {
            return;
        }
        for d in cx
            .doc
            .directives
            .iter()
            .filter(|d| d.disables() && d.reason.is_none())
        {
            out.push(
                self.diagnostic(d.span.clone(), format!("`pmlint-{}` gives no reason", d.kind))
                    .with_help("Say why after ` -- `: `<!-- pmlint-disable-next-line RULE -- quoting the report -->`."),
            );
        }
    }
}
