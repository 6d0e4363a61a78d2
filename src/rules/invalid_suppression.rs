use super::selector::{selected_rules, unknown_rule_help};
use super::{Context, Group, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::directives::KINDS;
use crate::suggest::suggest;

/// A `<!-- pmlint-... -->` comment pmlint cannot act on.
pub struct InvalidSuppression;

impl Rule for InvalidSuppression {
    fn id(&self) -> &'static str {
        "invalid-suppression"
    }
    fn group(&self) -> Group {
        Group::Sections
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "A pmlint comment names an unknown directive, rule or group, or a bad until date"
    }
    fn explain(&self) -> &'static str {
        r#"## What it does
Checks the inline control comments: the directive must be one of
`pmlint-disable`, `pmlint-enable`, `pmlint-disable-next-line`,
`pmlint-disable-line` or `pmlint-disable-file`, every name after it a rule
or a group (`sections`, `action-items`, `wording`, `input`), and an `until`
after ` -- ` a date written YYYY-MM-DD.

## Why is this bad?
A comment with a typo suppresses nothing, silently: the diagnostics it was
meant to silence come back, or worse, the author believes a check passed
that never ran the way they thought.

## Example
```markdown
<!-- pmlint-disable-next-line blame-wordng -->
<!-- pmlint-disable-next blame-wording -->
<!-- pmlint-disable-next-line blame-wording -- quoting; until March -->
```

Use instead:
```markdown
<!-- pmlint-disable-next-line blame-wording -->
```
"#
    }
    fn check(&'static self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for d in &cx.doc.directives {
            // Written like a directive, but not in its exact form.
            if let Some(written) = d.kind.strip_prefix('\0') {
                out.push(
                    self.diagnostic(d.span.clone(), format!("`{written}` is not a pmlint directive"))
                        .with_help(
                            "Directives are lowercase and joined with a dash: `<!-- pmlint-disable-next-line RULE -->`.",
                        ),
                );
                continue;
            }
            if !KINDS.contains(&d.kind.as_str()) {
                let suggestion = suggest(&d.kind, KINDS)
                    .map_or_else(String::new, |k| format!("Did you mean `pmlint-{k}`? "));
                out.push(
                    self.diagnostic(d.span.clone(), format!("unknown directive `pmlint-{}`", d.kind))
                        .with_help(format!(
                            "{suggestion}pmlint understands pmlint-disable, pmlint-enable, \
                             pmlint-disable-next-line, pmlint-disable-line and pmlint-disable-file."
                        )),
                );
                continue;
            }
            if let Some(until) = d.until.as_ref().filter(|u| u.date.is_none()) {
                out.push(
                    self.diagnostic(until.span.clone(), "`until` needs a real date written YYYY-MM-DD, e.g. 2027-03-01".into())
                        .with_help("For example `-- quoting the vendor; until 2027-03-01`; without a date the suppression never expires."),
                );
            }
            for (name, span) in &d.names {
                if selected_rules(name).is_none() {
                    out.push(
                        self.diagnostic(span.clone(), format!("unknown rule or group `{name}`"))
                            .with_help(unknown_rule_help(name)),
                    );
                }
            }
        }
    }
}
