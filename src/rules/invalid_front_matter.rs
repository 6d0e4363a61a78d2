use super::{Context, Group, Rule};
use crate::diagnostic::{Diagnostic, Severity};

/// Front matter that does not parse.
pub struct InvalidFrontMatter;

impl Rule for InvalidFrontMatter {
    fn id(&self) -> &'static str {
        "invalid-front-matter"
    }
    fn group(&self) -> Group {
        Group::Sections
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "YAML or TOML front matter does not parse, or is an alias bomb"
    }
    fn explain(&self) -> &'static str {
        r#"## What it does
Checks that front matter (YAML between `---` lines or TOML between `+++`
lines at the top of the file) parses, and that YAML front matter is a
mapping of keys to values. The diagnostic points at the place the parser
stopped. The rest of the document is still linted.

YAML front matter is read without expanding aliases (`*name`): when its
aliases stand for more than 10000 values in all (a "billion laughs" alias
bomb), or it nests more than 128 levels deep, it is reported here, because
every tool that does expand it would run out of memory.

## Why is this bad?
Static site generators and incident tooling read the front matter (title,
date, severity, status). When it does not parse, the page fails to build or
the postmortem silently drops out of indexes and reports.

## Example
```markdown
---
title: "DB failover
date: 2026-03-02
---
```

Use instead:
```markdown
---
title: "DB failover"
date: 2026-03-02
---
```
"#
    }
    fn check(&'static self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if let Some((span, message)) = cx.doc.front_matter.as_ref().and_then(|f| f.error.clone()) {
            out.push(
                self.diagnostic(span, message)
                    .with_help("Fix the syntax so that the front matter parses."),
            );
        }
    }
}
