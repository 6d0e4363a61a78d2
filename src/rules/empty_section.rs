use super::{Context, Group, Rule};
use crate::diagnostic::{Diagnostic, Severity};

/// A required section has a heading and nothing under it.
pub struct EmptySection;

impl Rule for EmptySection {
    fn id(&self) -> &'static str {
        "empty-section"
    }
    fn group(&self) -> Group {
        Group::Sections
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A required section has no content"
    }
    fn explain(&self) -> &'static str {
        r#"## What it does
Checks that every required section has content before the next heading of
the same or a higher level. Sub-headings count when they have content of
their own. A template's leftovers do not: HTML comments, tables with only
empty rows, and italic prompts on their own ("_What was the impact?_",
"*Describe the impact.*", "_(List the responders)_"). When several headings
satisfy the same section, one with content is enough.

## Why is this bad?
An empty section is a question the postmortem left unanswered, usually
because the template was copied and never finished. Reviewers skim past
headings; an empty "Impact" is easy to miss until someone needs it.

## Example
```markdown
## Impact

## Timeline
- 10:02 UTC replication lag alert
```

Use instead:
```markdown
## Impact
Checkout failed for 14% of requests for 23 minutes; 310 support tickets.
```
"#
    }
    fn check(&'static self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (i, section) in cx.settings.template.sections.iter().enumerate() {
            if !section.required {
                continue;
            }
            let mut matching = cx.doc.sections_for(i).peekable();
            let Some(first) = matching.peek().map(|s| s.heading.clone()) else {
                continue;
            };
            if matching.any(|s| s.has_content) {
                continue;
            }
            out.push(
                self.diagnostic(first, format!("section '{}' is empty", section.name))
                    .with_help("Write the section, or say in it why there is nothing to report."),
            );
        }
    }
}
