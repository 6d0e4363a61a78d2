//! Inline control comments:
//!
//! ```markdown
//! <!-- pmlint-disable RULE... -->  ...  <!-- pmlint-enable RULE... -->
//! <!-- pmlint-disable-next-line RULE... -->
//! <!-- pmlint-disable-file RULE... -->
//! ```
//!
//! No RULE means every rule; a RULE may also be a group (`wording`). Text
//! after ` -- ` is a reason, for the reader.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::config::selected_rules;

/// Which rules are off: every rule but `except`, or only `rules`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Off {
    all: bool,
    /// With `all`: the rules still on; without: the rules off.
    rules: BTreeSet<&'static str>,
}

impl Off {
    fn covers(&self, rule: &str) -> bool {
        self.all != self.rules.contains(rule)
    }

    fn is_empty(&self) -> bool {
        !self.all && self.rules.is_empty()
    }

    /// `None` names every rule.
    fn disable(&mut self, names: Option<&[&'static str]>) {
        match names {
            None => {
                *self = Off {
                    all: true,
                    rules: BTreeSet::new(),
                }
            }
            Some(ids) if self.all => ids.iter().for_each(|id| {
                self.rules.remove(id);
            }),
            Some(ids) => self.rules.extend(ids),
        }
    }

    fn enable(&mut self, names: Option<&[&'static str]>) {
        match names {
            None => *self = Off::default(),
            Some(ids) if self.all => self.rules.extend(ids),
            Some(ids) => ids.iter().for_each(|id| {
                self.rules.remove(id);
            }),
        }
    }
}

/// The suppressed regions of one document, and every directive in it.
#[derive(Clone, Debug, Default)]
pub struct Suppressions {
    /// From `disable` / `enable`: sorted, not overlapping.
    blocks: Vec<(Range<usize>, Off)>,
    /// The lines `disable-next-line` covers, sorted by start.
    lines: Vec<(Range<usize>, Off)>,
    /// `disable-file`.
    file: Off,
    /// Every `<!-- pmlint-... -->` comment, known or not, for
    /// `invalid-suppression`.
    pub directives: Vec<Directive>,
}

/// A `<!-- pmlint-KIND NAME... -->` comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// The comment.
    pub span: Range<usize>,
    /// `disable`, `enable`, `disable-next-line`, `disable-file`, or anything
    /// else that was written.
    pub kind: String,
    /// The rules or groups it names, each with where it is written.
    pub names: Vec<(String, Range<usize>)>,
}

pub const KINDS: &[&str] = &["disable", "enable", "disable-next-line", "disable-file"];

impl Suppressions {
    /// Reads the directives of the HTML comments at `comments` in `source`
    /// (in document order).
    pub fn from_comments(source: &str, comments: &[Range<usize>]) -> Suppressions {
        let mut out = Suppressions::default();
        let mut active = Off::default();
        let mut since = 0;
        for c in comments {
            let Some(d) = directive(source, c.clone()) else {
                continue;
            };
            // Groups stand for their rules; unknown names are reported by
            // `invalid-suppression` and ignored here.
            let ids: Vec<&'static str> = d
                .names
                .iter()
                .filter_map(|(n, _)| selected_rules(n))
                .flatten()
                .collect();
            let names = (!d.names.is_empty()).then_some(ids.as_slice());
            match d.kind.as_str() {
                "disable-file" => out.file.disable(names),
                "disable-next-line" => {
                    let line_start = source[c.end..].find('\n').map_or(source.len(), |i| c.end + i + 1);
                    let line_end = source[line_start..]
                        .find('\n')
                        .map_or(source.len(), |i| line_start + i);
                    let mut off = Off::default();
                    off.disable(names);
                    out.lines.push((line_start..line_end, off));
                }
                "disable" | "enable" => {
                    if !active.is_empty() {
                        out.blocks.push((since..c.start, active.clone()));
                    }
                    if d.kind == "disable" {
                        active.disable(names);
                    } else {
                        active.enable(names);
                    }
                    since = c.end;
                }
                _ => {}
            }
            out.directives.push(d);
        }
        if !active.is_empty() {
            out.blocks.push((since..source.len(), active));
        }
        out.lines.sort_by_key(|(r, _)| r.start);
        out
    }

    /// Is a diagnostic of `rule` starting at byte `at` suppressed?
    pub fn suppresses(&self, rule: &str, at: usize) -> bool {
        if self.file.covers(rule) {
            return true;
        }
        let i = self.blocks.partition_point(|(r, _)| r.start <= at);
        if i > 0 && at <= self.blocks[i - 1].0.end && self.blocks[i - 1].1.covers(rule) {
            return true;
        }
        let i = self.lines.partition_point(|(r, _)| r.start <= at);
        self.lines[..i]
            .iter()
            .rev()
            .take_while(|(r, _)| r.end >= at || r.start == self.lines[i - 1].0.start)
            .any(|(r, off)| r.start <= at && at <= r.end && off.covers(rule))
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty() && self.lines.is_empty() && self.file.is_empty()
    }
}

/// Parses `<!-- pmlint-KIND RULE... [-- reason] -->` at `comment` in `source`.
fn directive(source: &str, comment: Range<usize>) -> Option<Directive> {
    let text = &source[comment.clone()];
    let inner = text.strip_prefix("<!--")?.strip_suffix("-->")?;
    let lead = inner.len() - inner.trim_start().len();
    let body = inner.trim();
    // `pmlint disable ...`, `PMLINT-DISABLE ...`: meant for pmlint, but not
    // its syntax; kept, so that `invalid-suppression` can say so.
    if !body.starts_with("pmlint-") {
        let first = body.split_whitespace().next().unwrap_or("");
        if !first.to_lowercase().starts_with("pmlint") {
            return None;
        }
        return Some(Directive {
            span: comment,
            kind: format!("\u{0}{first}"),
            names: Vec::new(),
        });
    }
    let rest = body.strip_prefix("pmlint-")?;
    let kind_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let kind = rest[..kind_end].to_owned();
    // Byte offset of the arguments within `source`.
    let args_at = comment.start + 4 + lead + "pmlint-".len() + kind_end;
    // A reason follows `--`.
    let args = &rest[kind_end..];
    let args = args.find(" --").map_or(args, |i| &args[..i]);
    let mut names = Vec::new();
    let mut pos = 0;
    for piece in args.split(|c: char| c.is_whitespace() || c == ',') {
        let at = args[pos..].find(piece).map_or(pos, |i| pos + i);
        if !piece.is_empty() {
            names.push((piece.to_owned(), args_at + at..args_at + at + piece.len()));
        }
        pos = at + piece.len();
    }
    Some(Directive {
        span: comment,
        kind,
        names,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comments(src: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(i) = src[from..].find("<!--") {
            let start = from + i;
            let end = start + src[start..].find("-->").unwrap() + 3;
            out.push(start..end);
            from = end;
        }
        out
    }

    #[test]
    fn next_line_block_and_file() {
        let src = "a\n<!-- pmlint-disable-next-line blame-wording -->\nhuman error\nhuman error\n";
        let s = Suppressions::from_comments(src, &comments(src));
        let first = src.find("human").unwrap();
        let second = src.rfind("human").unwrap();
        assert!(s.suppresses("blame-wording", first));
        assert!(!s.suppresses("hindsight-wording", first));
        assert!(!s.suppresses("blame-wording", second));

        let src = "<!-- pmlint-disable wording -- quoting -->\nx\n<!-- pmlint-enable wording -->\ny";
        let s = Suppressions::from_comments(src, &comments(src));
        assert!(s.suppresses("blame-wording", src.find('x').unwrap()));
        assert!(!s.suppresses("blame-wording", src.find('y').unwrap()));

        let src = "x <!-- pmlint-disable-file -->";
        let s = Suppressions::from_comments(src, &comments(src));
        assert!(s.suppresses("missing-section", 0));

        // One rule back on inside a group that is off.
        let src = "<!-- pmlint-disable wording -->\na\n<!-- pmlint-enable blame-wording -->\nb\n<!-- pmlint-enable -->\nc";
        let s = Suppressions::from_comments(src, &comments(src));
        let (a, b, c) = (
            src.find("\na").unwrap() + 1,
            src.find("\nb").unwrap() + 1,
            src.rfind('c').unwrap(),
        );
        assert!(s.suppresses("blame-wording", a) && s.suppresses("hindsight-wording", a));
        assert!(!s.suppresses("blame-wording", b) && s.suppresses("hindsight-wording", b));
        assert!(!s.suppresses("hindsight-wording", c));
    }
}
