//! Inline suppressions: the document's directives resolved to the rules
//! they name and the regions they cover. A linter-level job (the document
//! model knows no rule names), as ruff keeps `noqa` out of its parser.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::document::Directive;
use crate::rules::selector::selected_rules;

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

/// The suppressed regions of one document.
#[derive(Clone, Debug, Default)]
pub struct Suppressions {
    /// From `disable` / `enable`: sorted, not overlapping.
    blocks: Vec<(Range<usize>, Off)>,
    /// The lines `disable-next-line` covers, sorted by start.
    lines: Vec<(Range<usize>, Off)>,
    /// `disable-file`.
    file: Off,
}

impl Suppressions {
    /// Resolves the directives of the document `source` (in document order).
    pub fn new(source: &str, directives: &[Directive]) -> Suppressions {
        let mut out = Suppressions::default();
        let mut active = Off::default();
        let mut since = 0;
        for d in directives {
            let c = &d.span;
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::directives;

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
        let s = Suppressions::new(src, &directives::parse(src, &comments(src)));
        let first = src.find("human").unwrap();
        let second = src.rfind("human").unwrap();
        assert!(s.suppresses("blame-wording", first));
        assert!(!s.suppresses("hindsight-wording", first));
        assert!(!s.suppresses("blame-wording", second));

        let src = "<!-- pmlint-disable wording -- quoting -->\nx\n<!-- pmlint-enable wording -->\ny";
        let s = Suppressions::new(src, &directives::parse(src, &comments(src)));
        assert!(s.suppresses("blame-wording", src.find('x').unwrap()));
        assert!(!s.suppresses("blame-wording", src.find('y').unwrap()));

        let src = "x <!-- pmlint-disable-file -->";
        let s = Suppressions::new(src, &directives::parse(src, &comments(src)));
        assert!(s.suppresses("missing-section", 0));

        // One rule back on inside a group that is off.
        let src = "<!-- pmlint-disable wording -->\na\n<!-- pmlint-enable blame-wording -->\nb\n<!-- pmlint-enable -->\nc";
        let s = Suppressions::new(src, &directives::parse(src, &comments(src)));
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
