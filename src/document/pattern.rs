//! The document model's regular expressions (dates, owners, statuses):
//! the regex crate's engine, built without its literal prefilters and
//! one-pass DFA. Those are made for long haystacks and cost three to ten
//! times the rest of the build; these patterns read an item's few dozen
//! bytes, and a one-file run spent a third of its time building them. The
//! matches are the same: every engine of `meta` finds leftmost-first
//! matches, as `regex::Regex` does.

use std::ops::{Index, Range};

use regex_automata::util::captures::Captures as Slots;
use regex_automata::{MatchKind, meta, util::syntax};

/// A compiled pattern; the subset of `regex::Regex` the model uses.
#[derive(Debug)]
pub struct Pattern(meta::Regex);

impl Pattern {
    /// Compiles `pattern` with `regex::Regex`'s syntax and limits.
    pub fn new(pattern: &str) -> Result<Pattern, Box<meta::BuildError>> {
        meta::Builder::new()
            .configure(
                meta::Config::new()
                    .match_kind(MatchKind::LeftmostFirst)
                    .utf8_empty(true)
                    .nfa_size_limit(Some(10 << 20))
                    .hybrid_cache_capacity(2 << 20)
                    .auto_prefilter(false)
                    .onepass(false),
            )
            .syntax(syntax::Config::new().utf8(true))
            .build(pattern)
            .map(Pattern)
            .map_err(Box::new)
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.0.is_match(text)
    }

    pub fn find_iter<'h>(&self, text: &'h str) -> impl Iterator<Item = Match<'h>> + use<'h, '_> {
        self.0.find_iter(text).map(move |m| Match {
            text,
            range: (m.start(), m.end()),
        })
    }

    pub fn captures_iter<'h>(&self, text: &'h str) -> impl Iterator<Item = Captures<'h>> + use<'h, '_> {
        self.0
            .captures_iter(text)
            .map(move |slots| Captures { text, slots })
    }
}

/// A match's place in the text it was found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match<'h> {
    text: &'h str,
    range: (usize, usize),
}

impl<'h> Match<'h> {
    pub fn start(&self) -> usize {
        self.range.0
    }

    pub fn end(&self) -> usize {
        self.range.1
    }

    pub fn range(&self) -> Range<usize> {
        self.range.0..self.range.1
    }

    pub fn as_str(&self) -> &'h str {
        &self.text[self.range()]
    }
}

/// A match's groups.
#[derive(Debug)]
pub struct Captures<'h> {
    text: &'h str,
    slots: Slots,
}

impl<'h> Captures<'h> {
    /// Group `i` (0 is the whole match), if it took part in the match.
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        self.slots.get_group(i).map(|span| Match {
            text: self.text,
            range: (span.start, span.end),
        })
    }
}

impl<'h> Index<usize> for Captures<'h> {
    type Output = str;

    /// Group `i`'s text; panics if it did not take part, as `regex` does.
    fn index(&self, i: usize) -> &str {
        let m = self.get(i).unwrap_or_else(|| panic!("no group at index '{i}'"));
        &self.text[m.range()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same matches and groups as the regex crate, where it counts:
    /// Unicode classes, optional groups, and `(?-u)` word boundaries.
    #[test]
    fn finds_what_regex_finds() {
        let cases: &[(&str, &str)] = &[
            (
                r"(?i-u)\b(jan|january|feb)\.?\s+(\d{1,2})(?:st|nd)?,?\s+(\d{4})\b",
                "Due JANUARY 2nd, 2026 or feb 3 2027; jan. 1 1999x",
            ),
            (
                r"(?i-u)\b(?:owners?|team)\b[*_]*\s*[:=][*_]*[ \t]*((?u:[^,;|)\]\n—–])*)",
                "Owner: Zoë Ågren — later; team=sre,",
            ),
            (
                r"(?:^|\s)[_*](done|fixed)\b(?u:[^_*\n])*[_*]|(x)?y",
                "a _done ünder_ yy",
            ),
        ];
        for (pattern, text) in cases {
            let ours = Pattern::new(pattern).unwrap();
            let theirs = regex::Regex::new(pattern).unwrap();
            let a: Vec<Vec<Option<Range<usize>>>> = ours
                .captures_iter(text)
                .map(|c| (0..4).map(|i| c.get(i).map(|m| m.range())).collect())
                .collect();
            let b: Vec<Vec<Option<Range<usize>>>> = theirs
                .captures_iter(text)
                .map(|c| (0..4).map(|i| c.get(i).map(|m| m.range())).collect())
                .collect();
            assert!(!a.is_empty(), "{pattern}");
            assert_eq!(a, b, "{pattern}");
            let a: Vec<&str> = ours.find_iter(text).map(|m| m.as_str()).collect();
            let b: Vec<&str> = theirs.find_iter(text).map(|m| m.as_str()).collect();
            assert_eq!(a, b, "{pattern}");
            assert_eq!(ours.is_match(text), theirs.is_match(text));
        }
        let c = Pattern::new(r"(a)(b)?")
            .unwrap()
            .captures_iter("a")
            .next()
            .unwrap();
        assert_eq!(&c[1], "a");
        assert!(c.get(2).is_none());
    }
}
