//! The one diagnostic type every rule produces and every output format reads.
//!
//! Spans are byte ranges into the file's source; lines and columns are worked
//! out only when rendering (see [`crate::source`]), so no rule can get the
//! byte-versus-character column wrong.

use std::hash::Hasher;
use std::ops::Range;

use crate::rules::Rule;
use crate::source::SourceFile;

/// How serious a diagnostic is. Ordered so that `Error > Warning > Info`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// One finding in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule that found it, with its metadata (id, group, explain text).
    pub rule: &'static dyn Rule,
    pub severity: Severity,
    /// Byte range into the file's source.
    pub span: Range<usize>,
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
    /// Edits that fix it, for editors' quick fixes.
    pub fix: Option<Fix>,
}

/// Edits that resolve a diagnostic, and how safe they are to apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, e.g. "Replace with 'the deploy'".
    pub title: String,
    /// Non-overlapping, in source order.
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

/// Replace the bytes of `span` with `replacement` ("" deletes, an empty span
/// inserts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Range<usize>,
    pub replacement: String,
}

/// ruff's three kinds: a safe fix keeps the meaning, an unsafe one may change
/// it (a blameless rewrite says something else, so only a person applies
/// it), a display-only one is shown and never applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    Safe,
    Unsafe,
    DisplayOnly,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

impl Diagnostic {
    pub fn new(
        rule: &'static dyn Rule,
        severity: Severity,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            severity,
            span,
            message: message.into(),
            help: None,
            fix: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// The key that finds this diagnostic again in another version of its
    /// file (`file`, the text its span points into): the rule, the message
    /// and the text of its lines, whitespace collapsed; or, with `by_span`,
    /// the text it spans. A file-level diagnostic has no text in its key.
    /// Line numbers are never part of it, so it holds when lines shift.
    pub fn content_key(&self, file: Option<&SourceFile<'_>>, by_span: bool) -> ContentKey {
        let text = match file {
            Some(_) if self.rule.file_level() => None,
            None => None,
            Some(file) if by_span => Some(collapse(&file.text[self.span.clone()])),
            Some(file) => {
                let first = file.line_index(self.span.start);
                let last = file.line_index(self.span.end.max(self.span.start));
                Some(
                    (first..=last)
                        .map(|l| collapse(&file.text[file.line_range(l)]))
                        .collect::<Vec<_>>()
                        .join("\n"),
                )
            }
        };
        ContentKey {
            rule: self.rule.id(),
            message: self.message.clone(),
            text,
        }
    }

    /// A stable hash of [`Diagnostic::content_key`] by lines: equal for the
    /// same problem on the same text, wherever the lines moved. Not unique:
    /// two identical findings share it ([`fingerprints`] tells them apart).
    pub fn fingerprint(&self, file: Option<&SourceFile<'_>>) -> u64 {
        self.content_key(file, false).hash()
    }
}

/// See [`Diagnostic::content_key`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ContentKey {
    pub rule: &'static str,
    pub message: String,
    pub text: Option<String>,
}

impl ContentKey {
    /// FNV-1a over the fields, each ended by a byte no UTF-8 text holds: the
    /// same on every platform and every Rust release (std's hashers promise
    /// neither).
    fn hash(&self) -> u64 {
        let mut h = fnv::FnvHasher::default();
        for part in [Some(self.rule), Some(self.message.as_str()), self.text.as_deref()] {
            match part {
                Some(s) => h.write(s.as_bytes()),
                None => h.write(&[0xfe]),
            }
            h.write(&[0xff]);
        }
        h.finish()
    }
}

/// One fingerprint per diagnostic of a file, unique within a report and
/// stable when lines shift, for SARIF and GitLab: the path, the
/// [`Diagnostic::fingerprint`], and for the second and later of identical
/// findings, their number among them (in source order).
pub fn fingerprints(path: &str, file: Option<&SourceFile<'_>>, diags: &[Diagnostic]) -> Vec<String> {
    let mut seen: std::collections::HashMap<u64, u64> = std::collections::HashMap::new();
    diags
        .iter()
        .map(|d| {
            let mut h = fnv::FnvHasher::default();
            h.write(path.as_bytes());
            h.write(&[0xff]);
            let fingerprint = d.fingerprint(file);
            h.write(&fingerprint.to_le_bytes());
            let n = seen.entry(fingerprint).or_default();
            if *n > 0 {
                h.write(&n.to_le_bytes());
            }
            *n += 1;
            format!("{:016x}", h.finish())
        })
        .collect()
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules;

    fn at(text: &str, needle: &str, nth: usize) -> Diagnostic {
        let start = text.match_indices(needle).nth(nth).unwrap().0;
        let rule = rules::find("blame-wording").unwrap();
        Diagnostic::new(rule, Severity::Error, start..start + needle.len(), "m")
    }

    #[test]
    fn fingerprints_hold_when_lines_shift_and_tell_twins_apart() {
        let before = "# T\n\nIt was human error.\n";
        let after = "# T\n\nA new paragraph.\n\nAnother.\n\nIt was human error.\n";
        let fp = |text: &str, d: &[Diagnostic]| fingerprints("a.md", Some(&SourceFile::new("a.md", text)), d);
        let (b, a) = (
            fp(before, &[at(before, "human", 0)]),
            fp(after, &[at(after, "human", 0)]),
        );
        assert_eq!(b, a);
        assert_eq!(a[0].len(), 16);
        // The same finding on an identical line: two fingerprints.
        let twice = "It was human error.\nIt was human error.\n";
        let both = fp(twice, &[at(twice, "human", 0), at(twice, "human", 1)]);
        assert_ne!(both[0], both[1]);
        // The first of them is the lone one's; another file's differs.
        assert_eq!(both[0], fp("It was human error.\n", &[at(twice, "human", 0)])[0]);
        let other = fingerprints(
            "b.md",
            Some(&SourceFile::new("b.md", twice)),
            &[at(twice, "human", 0)],
        );
        assert_ne!(other[0], both[0]);
    }

    #[test]
    fn the_hash_is_fixed() {
        // FNV-1a of "blame-wording", 0xFF, "m", 0xFF, "human error", 0xFF (computed apart);
        // a change here re-opens every alert in code scanning.
        let d = at("human error", "human", 0);
        let file = SourceFile::new("a.md", "human error");
        assert_eq!(d.fingerprint(Some(&file)), 0x96b1_2246_c690_bff2);
    }
}
