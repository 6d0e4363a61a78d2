use super::{Context, Group, Rule, UNREADABLE_FILE};
use crate::diagnostic::{Diagnostic, Severity};

/// A file that could not be read as UTF-8 text. Reported by the linter
/// itself, before any rule runs; it is here so that `pmlint explain` knows it.
pub struct UnreadableFile;

impl Rule for UnreadableFile {
    fn id(&self) -> &'static str {
        UNREADABLE_FILE
    }
    fn group(&self) -> Group {
        Group::Input
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A file could not be read, is binary, or is not UTF-8 (always on; exit status 2)"
    }
    fn always_on(&self) -> bool {
        true
    }
    fn explain(&self) -> &'static str {
        r#"## What it does
Reports a file pmlint was asked to lint but could not read: it does not
exist or cannot be opened; it is not a regular file (a FIFO, socket or
device, which pmlint never opens); it is a symlink that leads out of the
repository, or nowhere; it is larger than `max-file-size` (16 MiB unless
pmlint.toml says otherwise); it is binary (a NUL byte in its first 8 KiB);
it is not valid UTF-8; or, with `--staged`, it has unresolved merge
conflicts. The diagnostic says which, and for binary or non-UTF-8 content
points at the first bad byte. Every other file is still linted, and pmlint
exits with status 2 because it could not do its whole job. This rule cannot
be turned off, even when its group (`input`) is.

## Why is this bad?
A postmortem pmlint cannot read is a postmortem nobody checked. A file saved
in another encoding also renders badly on most sites that publish it.

## Example
A postmortem saved as Latin-1 from an old editor: `café` is the byte `0xE9`,
which is not UTF-8.

Use instead: re-save the file as UTF-8.
"#
    }
    fn check(&'static self, _: &Context<'_>, _: &mut Vec<Diagnostic>) {}
}
