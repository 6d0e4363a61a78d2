//! Inline suppressions: the document's directives resolved to the rules
//! they name and the regions they cover. A linter-level job (the document
//! model knows no rule names), as ruff keeps `noqa` out of its parser.
//!
//! Each suppression remembers which directive (and which of its names)
//! turned a rule off, and notes when it silences a diagnostic, so that
//! `unused-suppression` can report those that silenced nothing. A directive
//! whose `until` date has passed suppresses nothing (`expired-suppression`
//! says so).

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ops::Range;

use jiff::civil::Date;

use crate::document::Directive;
use crate::rules::UnusedSuppression;
use crate::rules::selector::selected_rules;

/// Which directive, and which of its names (`None`: it names none, so
/// every rule), turned a rule off.
type Origin = (usize, Option<usize>);

/// Which rules are off: every rule but `except`, or only `rules`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Off {
    all: Option<Origin>,
    /// With `all`: the rules still on.
    except: BTreeSet<&'static str>,
    /// Without `all`: the rules off.
    rules: BTreeMap<&'static str, Origin>,
}

/// The rules a directive names, each with the name it came from; `None`
/// names every rule.
type Named<'a> = Option<&'a [(&'static str, Origin)]>;

impl Off {
    fn covers(&self, rule: &str) -> Option<Origin> {
        match self.all {
            Some(origin) => (!self.except.contains(rule)).then_some(origin),
            None => self.rules.get(rule).copied(),
        }
    }

    fn is_empty(&self) -> bool {
        self.all.is_none() && self.rules.is_empty()
    }

    fn disable(&mut self, names: Named<'_>, whole: Origin) {
        match names {
            None => {
                *self = Off {
                    all: Some(whole),
                    ..Off::default()
                }
            }
            Some(ids) if self.all.is_some() => ids.iter().for_each(|(id, _)| {
                self.except.remove(id);
            }),
            Some(ids) => self.rules.extend(ids.iter().copied()),
        }
    }

    fn enable(&mut self, names: Named<'_>) {
        match names {
            None => *self = Off::default(),
            Some(ids) if self.all.is_some() => self.except.extend(ids.iter().map(|(id, _)| *id)),
            Some(ids) => ids.iter().for_each(|(id, _)| {
                self.rules.remove(id);
            }),
        }
    }
}

/// The suppressed regions of one document.
#[derive(Debug, Default)]
pub struct Suppressions {
    /// From `disable` / `enable`: sorted, not overlapping.
    blocks: Vec<(Range<usize>, Off)>,
    /// The lines `disable-next-line` and `disable-line` cover, sorted by start.
    lines: Vec<(Range<usize>, Off)>,
    /// `disable-file`.
    file: Off,
    /// The origins that have silenced a diagnostic.
    used: RefCell<HashSet<Origin>>,
}

impl Suppressions {
    /// Resolves the directives of the document `source` (in document order)
    /// as they stand on `today`: an expired one suppresses nothing.
    pub fn new(source: &str, directives: &[Directive], today: Date) -> Suppressions {
        let mut out = Suppressions::default();
        let mut active = Off::default();
        let mut since = 0;
        for (index, d) in directives.iter().enumerate() {
            if d.expired(today) {
                continue;
            }
            let c = &d.span;
            // Groups stand for their rules; unknown names are reported by
            // `invalid-suppression` and ignored here.
            let ids: Vec<(&'static str, Origin)> = d
                .names
                .iter()
                .enumerate()
                .filter_map(|(i, (n, _))| Some((i, selected_rules(n)?)))
                .flat_map(|(i, ids)| ids.into_iter().map(move |id| (id, (index, Some(i)))))
                .collect();
            let names = (!d.names.is_empty()).then_some(ids.as_slice());
            let whole = (index, None);
            // Lines end at \n, \r\n or a lone \r, as everywhere else.
            let line_of = |line_start: usize| {
                let line_end = source[line_start..]
                    .find(['\n', '\r'])
                    .map_or(source.len(), |i| line_start + i);
                line_start..line_end
            };
            match d.kind.as_str() {
                "disable-file" => out.file.disable(names, whole),
                "disable-next-line" | "disable-line" => {
                    let start = if d.kind == "disable-line" {
                        source[..c.start].rfind(['\n', '\r']).map_or(0, |i| i + 1)
                    } else {
                        match source[c.end..].find(['\n', '\r']) {
                            Some(i) if source[c.end + i..].starts_with("\r\n") => c.end + i + 2,
                            Some(i) => c.end + i + 1,
                            None => source.len(),
                        }
                    };
                    let mut off = Off::default();
                    off.disable(names, whole);
                    out.lines.push((line_of(start), off));
                }
                "disable" | "enable" => {
                    if !active.is_empty() {
                        out.blocks.push((since..c.start, active.clone()));
                    }
                    if d.kind == "disable" {
                        active.disable(names, whole);
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

    /// Is a diagnostic of `rule` starting at byte `at` suppressed? Every
    /// directive that covers it counts as used.
    pub fn suppresses(&self, rule: &str, at: usize) -> bool {
        let mut by: Vec<Origin> = Vec::new();
        by.extend(self.file.covers(rule));
        let i = self.blocks.partition_point(|(r, _)| r.start <= at);
        if i > 0 && at <= self.blocks[i - 1].0.end {
            by.extend(self.blocks[i - 1].1.covers(rule));
        }
        let i = self.lines.partition_point(|(r, _)| r.start <= at);
        by.extend(
            self.lines[..i]
                .iter()
                .rev()
                .take_while(|(r, _)| r.end >= at || r.start == self.lines[i - 1].0.start)
                .filter(|(r, _)| r.start <= at && at <= r.end)
                .filter_map(|(_, off)| off.covers(rule)),
        );
        let suppressed = !by.is_empty();
        self.used.borrow_mut().extend(by);
        suppressed
    }

    /// The suppressions that silenced nothing. Only what this run could
    /// have silenced is judged: a name whose rules are none of `enabled`
    /// is not, nor a directive naming no rule unless every rule `judged`
    /// is enabled, nor an expired one (`expired-suppression` reports it).
    pub fn unused(
        &self,
        directives: &[Directive],
        today: Date,
        enabled: &[&str],
        judged: &[&str],
    ) -> Vec<UnusedSuppression> {
        let used = self.used.borrow();
        let mut out = Vec::new();
        for (index, d) in directives.iter().enumerate() {
            if !d.disables() || d.expired(today) {
                continue;
            }
            if d.names.is_empty() {
                if judged.iter().all(|r| enabled.contains(r)) && !used.contains(&(index, None)) {
                    out.push(UnusedSuppression {
                        directive: index,
                        name: None,
                    });
                }
                continue;
            }
            for (i, (name, _)) in d.names.iter().enumerate() {
                let Some(ids) = selected_rules(name) else {
                    continue; // `invalid-suppression` reports it.
                };
                let could = ids.iter().any(|id| judged.contains(id) && enabled.contains(id));
                if could && !used.contains(&(index, Some(i))) {
                    out.push(UnusedSuppression {
                        directive: index,
                        name: Some(i),
                    });
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::directives;

    const TODAY: Date = jiff::civil::date(2026, 6, 1);

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
        let s = Suppressions::new(src, &directives::parse(src, &comments(src)), TODAY);
        let first = src.find("human").unwrap();
        let second = src.rfind("human").unwrap();
        assert!(s.suppresses("blame-wording", first));
        assert!(!s.suppresses("hindsight-wording", first));
        assert!(!s.suppresses("blame-wording", second));

        let src = "<!-- pmlint-disable wording -- quoting -->\nx\n<!-- pmlint-enable wording -->\ny";
        let s = Suppressions::new(src, &directives::parse(src, &comments(src)), TODAY);
        assert!(s.suppresses("blame-wording", src.find('x').unwrap()));
        assert!(!s.suppresses("blame-wording", src.find('y').unwrap()));

        let src = "x <!-- pmlint-disable-file -->";
        let s = Suppressions::new(src, &directives::parse(src, &comments(src)), TODAY);
        assert!(s.suppresses("missing-section", 0));

        // One rule back on inside a group that is off.
        let src = "<!-- pmlint-disable wording -->\na\n<!-- pmlint-enable blame-wording -->\nb\n<!-- pmlint-enable -->\nc";
        let s = Suppressions::new(src, &directives::parse(src, &comments(src)), TODAY);
        let (a, b, c) = (
            src.find("\na").unwrap() + 1,
            src.find("\nb").unwrap() + 1,
            src.rfind('c').unwrap(),
        );
        assert!(s.suppresses("blame-wording", a) && s.suppresses("hindsight-wording", a));
        assert!(!s.suppresses("blame-wording", b) && s.suppresses("hindsight-wording", b));
        assert!(!s.suppresses("hindsight-wording", c));
    }

    #[test]
    fn disable_line_covers_its_own_line() {
        let src = "a\nhuman error <!-- pmlint-disable-line blame-wording -->\nhuman error\n";
        let s = Suppressions::new(src, &directives::parse(src, &comments(src)), TODAY);
        assert!(s.suppresses("blame-wording", src.find("human").unwrap()));
        assert!(!s.suppresses("blame-wording", src.rfind("human").unwrap()));
    }

    #[test]
    fn usage_is_noted_per_name_and_only_enabled_rules_are_judged() {
        let src = "<!-- pmlint-disable-next-line blame-wording placeholder-text -->\nX1\n\
                   <!-- pmlint-disable-next-line -->\nY1\n\
                   <!-- pmlint-disable-next-line hindsight-wording -- until 2026-05-01 -->\nZ1\n";
        let ds = directives::parse(src, &comments(src));
        let s = Suppressions::new(src, &ds, TODAY);
        assert!(s.suppresses("blame-wording", src.find("X1").unwrap()));
        // Expired: it suppresses nothing and is not judged unused.
        assert!(!s.suppresses("hindsight-wording", src.find("Z1").unwrap()));
        let all = ["blame-wording", "placeholder-text", "hindsight-wording"];
        let unused = |enabled: &[&str]| s.unused(&ds, TODAY, enabled, &all);
        let (name, whole) = (
            UnusedSuppression {
                directive: 0,
                name: Some(1),
            },
            UnusedSuppression {
                directive: 1,
                name: None,
            },
        );
        assert_eq!(unused(&all), [name, whole]);
        // placeholder-text not running: its name is not judged, nor is the
        // directive that names no rule.
        assert_eq!(unused(&["blame-wording", "hindsight-wording"]), []);
    }
}
