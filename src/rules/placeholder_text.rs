use super::{Context, Group, Rule, phrase_diagnostics};
use crate::diagnostic::{Diagnostic, Severity};

/// Template text left in the document.
pub struct PlaceholderText;

impl Rule for PlaceholderText {
    fn id(&self) -> &'static str {
        "placeholder-text"
    }
    fn group(&self) -> Group {
        Group::Sections
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Template placeholder text (TODO, TBD, <describe ...>) left in"
    }
    fn explain(&self) -> &'static str {
        r#"## What it does
Finds template text left in the postmortem: `TODO`, `TBD`, `FIXME`, `XXX`,
`<describe the impact>`, `[insert date]`, `{{ describe the impact }}`,
`YYYY-MM-DD`, "Lorem ipsum", unfinished values (`?????`, "Time to
detection: ?", a time written `2X:XX` or `HH:MM`) and the like (the list is
`rules/placeholders.toml`). A site generator's variable
(`{{ page.service_name }}`) is not a placeholder: the site fills it in. Code,
inline code, HTML comments and block quotes are not checked; front matter and
headings are. Inside action items `TODO` is a status, not a placeholder, and
`**TODO**` is a status marker anywhere.

## Why is this bad?
A placeholder is a question still open. Published with the postmortem it
tells readers the analysis was not finished, and it hides what is missing
from the reviewers who could have supplied it.

## Example
```markdown
**Owner:** <add name here>

## Impact
TBD
```

Use instead:
```markdown
**Owner:** Kim Lee

## Impact
Checkout failed for 14% of requests for 23 minutes.
```
"#
    }
    fn check(&'static self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        phrase_diagnostics(
            cx,
            self,
            doc.source,
            |phrase, span| {
                let status = phrase.skip_in_action_items && doc.in_action_item(span.start);
                !(status || doc.is_unchecked(span))
            },
            out,
        );
    }
}
