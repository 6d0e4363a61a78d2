use super::{Context, Group, INVALID_CONFIG, Rule};
use crate::diagnostic::{Diagnostic, Severity};

/// A mistake in `pmlint.toml` or a pack it names, reported on that file.
/// Made when the config is loaded, before any rule runs; it is here so that
/// `pmlint explain` and `pmlint rules` know it.
pub struct InvalidConfig;

impl Rule for InvalidConfig {
    fn id(&self) -> &'static str {
        INVALID_CONFIG
    }
    fn group(&self) -> Group {
        Group::Input
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A mistake in pmlint.toml or a phrase or template pack it names (always on; exit status 2)"
    }
    fn always_on(&self) -> bool {
        true
    }
    fn explain(&self) -> &'static str {
        r#"## What it does
Reports a mistake in a config file (`pmlint.toml`, `.pmlint.toml` or
`--config`) or in a phrase pack or template pack it names: TOML that does not
parse, an unknown key, rule or severity, a glob or pattern that is not valid,
a pack that cannot be read. The diagnostic is on the config or pack file
itself, at the mistake, so that CI annotates the line to fix.

The postmortems that config applies to are not linted: which files they are,
and how to check them, depends on it. With one config per folder, a broken
`docs/pmlint.toml` leaves only the files under `docs/` unlinted; the others
are linted with their own config. pmlint exits with status 2 because it
could not do its whole job. This rule cannot be turned off, even when its
group (`input`) is.

## Why is this bad?
A config pmlint cannot use is a set of postmortems nobody checked, and a
check that passes without saying so.

## Example
```toml
[rules]
"blame-wording" = "loud"
```

Use instead: a severity pmlint knows, `"error"`, `"warning"`, `"info"` or
`"off"`.
"#
    }
    fn check(&'static self, _: &Context<'_>, _: &mut Vec<Diagnostic>) {}
}
