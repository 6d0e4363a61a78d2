//! Regular expressions for short haystacks (an item's dates, owner and
//! status; the text just after a phrase): the regex crate's engine, built
//! without its literal prefilters and one-pass DFA. Those are made for long
//! haystacks and cost three to ten times the rest of the build, and a
//! one-file run spent a third of its time building them. The matches are
//! the same: every engine of `meta` finds leftmost-first matches, as
//! `regex::Regex` does.

use std::ops::{Index, Range};

use regex_automata::util::captures::Captures as Slots;
use regex_automata::{Input, MatchKind, meta, util::syntax};

use crate::automata::{self, Automata, Key, Syntax};
use crate::build_once::BuildOnce;

/// A pattern; the subset of `regex::Regex` the model uses. A built-in one
/// starts on its automata built ahead (see [`crate::automata`]), which
/// answer "is there a match, where" early in a run; its groups, and later
/// searches, need the compiled regex.
#[derive(Debug)]
pub struct Pattern {
    source: String,
    case_sensitive: bool,
    limit: usize,
    prebuilt: Option<Box<Automata>>,
    compiled: BuildOnce<meta::Regex>,
}

/// What searches a pattern (see [`Pattern::engine`]).
enum Engine<'a> {
    Ahead(&'a Automata),
    Compiled(&'a meta::Regex),
    /// A built-in pattern that does not compile (a test rules it out).
    None,
}

impl Pattern {
    /// Compiles `pattern` with `regex::Regex`'s syntax and limits.
    pub fn new(pattern: &str) -> Result<Pattern, Box<meta::BuildError>> {
        Pattern::build(pattern, true, 10 << 20)
    }

    /// `pattern` with `(?i)` unless `case_sensitive`, and a phrase's size
    /// limit (see [`crate::packs::phrases`]).
    pub fn phrase(pattern: &str, case_sensitive: bool) -> Option<Pattern> {
        Pattern::build(pattern, case_sensitive, 1 << 20).ok()
    }

    fn build(source: &str, case_sensitive: bool, limit: usize) -> Result<Pattern, Box<meta::BuildError>> {
        let key = Key {
            syntax: Syntax::Full,
            case_sensitive,
        };
        let pattern = Pattern {
            source: source.to_owned(),
            case_sensitive,
            limit,
            prebuilt: automata::prebuilt(key, source),
            compiled: BuildOnce::new(),
        };
        if pattern.prebuilt.is_none() {
            pattern.compiled.set(Some(pattern.compile()?));
        }
        Ok(pattern)
    }

    fn compile(&self) -> Result<meta::Regex, Box<meta::BuildError>> {
        meta::Builder::new()
            .configure(
                meta::Config::new()
                    .match_kind(MatchKind::LeftmostFirst)
                    .utf8_empty(true)
                    .nfa_size_limit(Some(self.limit))
                    .hybrid_cache_capacity(2 << 20)
                    .auto_prefilter(false)
                    .onepass(false),
            )
            .syntax(
                syntax::Config::new()
                    .utf8(true)
                    .case_insensitive(!self.case_sensitive),
            )
            .build(&self.source)
            .map_err(Box::new)
    }

    /// The automata built ahead when dense, or while they are cheaper than
    /// compiling and while another thread compiles the pattern; else the
    /// compiled regex.
    fn engine(&self) -> Engine<'_> {
        let Some(prebuilt) = self.prebuilt.as_deref() else {
            return self.compiled.get().map_or(Engine::None, Engine::Compiled);
        };
        // Dense automata read as fast as the compiled pattern (which has no
        // prefilter): they serve the whole run.
        if prebuilt.is_dense() || (automata::early() && !self.compiled.is_built()) {
            return Engine::Ahead(prebuilt);
        }
        match self.compiled.claim(|| self.compile().ok()) {
            None => Engine::Ahead(prebuilt),
            Some(Some(re)) => Engine::Compiled(re),
            Some(None) => Engine::None,
        }
    }

    /// The compiled regex; `None` only if a built-in pattern that was
    /// built ahead does not compile, which a test rules out.
    fn regex(&self) -> Option<&meta::Regex> {
        self.compiled.force(|| self.compile().ok())
    }

    pub fn is_match(&self, text: &str) -> bool {
        match self.engine() {
            Engine::Compiled(re) => re.is_match(text),
            // Automata of a pattern with a Unicode `\b` give up at a
            // non-ASCII byte (an error): the compiled regex decides then.
            Engine::Ahead(a) => match a.try_search(&Input::new(text).earliest(true)) {
                Ok(found) => found.is_some(),
                Err(_) => self.regex().is_some_and(|re| re.is_match(text)),
            },
            Engine::None => false,
        }
    }

    pub fn find_iter<'h>(&self, text: &'h str) -> impl Iterator<Item = Match<'h>> + use<'h, '_> {
        let (ahead, compiled) = match self.engine() {
            // On ASCII text the automata never give up (see `is_match`).
            Engine::Ahead(a) if text.is_ascii() => (Some(a.find_iter(text.as_bytes())), None),
            Engine::Ahead(_) => (None, self.regex().map(|re| re.find_iter(text))),
            Engine::Compiled(re) => (None, Some(re.find_iter(text))),
            Engine::None => (None, None),
        };
        let ahead = ahead.into_iter().flatten().map(|m| (m.start(), m.end()));
        let compiled = compiled.into_iter().flatten().map(|m| (m.start(), m.end()));
        ahead.chain(compiled).map(move |range| Match { text, range })
    }

    pub fn captures_iter<'h>(&self, text: &'h str) -> impl Iterator<Item = Captures<'h>> + use<'h, '_> {
        // The groups need the compiled regex; a text without a match never
        // compiles it.
        let any = self.prebuilt.is_none() || self.is_match(text);
        let regex = if any { self.regex() } else { None };
        regex
            .into_iter()
            .flat_map(move |re| re.captures_iter(text))
            .map(move |slots| Captures { text, slots })
    }

    /// The source and how it reads, for the table built ahead.
    #[cfg(test)]
    fn key(&self) -> (Key, String, regex_syntax::hir::Hir) {
        let key = Key {
            syntax: Syntax::Full,
            case_sensitive: self.case_sensitive,
        };
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(!self.case_sensitive)
            .build()
            .parse(&self.source)
            .unwrap();
        (key, self.source.clone(), hir)
    }
}

/// Every built-in pattern of this kind, for the table built ahead: the
/// document model's, and the phrases' `not-followed-by` and `preceded-by`.
#[cfg(test)]
pub fn builtin_patterns() -> Vec<(Key, String, regex_syntax::hir::Hir)> {
    let mut out: Vec<_> = crate::document::patterns()
        .into_iter()
        .map(Pattern::key)
        .collect();
    for pack in crate::packs::builtin_phrases().unwrap() {
        for phrase in &pack.phrases {
            for source in phrase.context_sources() {
                let p = Pattern::phrase(source, phrase.case_sensitive).unwrap();
                out.push(p.key());
            }
        }
    }
    out
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

    /// is_match, every match, every match's first groups.
    type Results = (bool, Vec<Range<usize>>, Vec<Vec<Option<Range<usize>>>>);

    fn results(p: &Pattern, text: &str) -> Results {
        let found = p.find_iter(text).map(|m| m.range()).collect();
        let groups = p
            .captures_iter(text)
            .map(|c| (0..6).map(|i| c.get(i).map(|m| m.range())).collect())
            .collect();
        (p.is_match(text), found, groups)
    }

    /// Every built-in pattern finds what the regex crate finds, on its
    /// automata built ahead and once compiled.
    #[test]
    fn builtin_patterns_find_what_regex_finds_before_and_after_compiling() {
        let texts = [
            "- [ ] Add a disk alert. Owner: @kim-sre, due 2026-03-02 (ticket OPS-12)",
            "* **Owner:** Zoë Ågren — **Due:** March 3rd, 2026; status: in progress",
            "Done: rotate keys by end of Q2 2026 / 12/03/2026 / 3.4.2026 / 2026-W49 / H1 2027",
            "| TODO | assigned to the storage team | eta: end of 2026 | https://x.io/issues/4 |",
            "14:30 UTC — rollback ✅ (fixed in #123); won't fix; Legend: P1 - critical",
            "",
        ];
        let mut prebuilt = 0;
        for p in crate::document::patterns() {
            let regex = regex::RegexBuilder::new(&p.source)
                .case_insensitive(!p.case_sensitive)
                .build()
                .unwrap();
            let expected = |text: &str| -> Results {
                let found = regex.find_iter(text).map(|m| m.range()).collect();
                let groups = regex
                    .captures_iter(text)
                    .map(|c| (0..6).map(|i| c.get(i).map(|m| m.range())).collect())
                    .collect();
                (regex.is_match(text), found, groups)
            };
            let fresh = Pattern::build(&p.source, p.case_sensitive, p.limit).unwrap();
            prebuilt += usize::from(fresh.prebuilt.is_some());
            for text in texts {
                assert_eq!(results(&fresh, text), expected(text), "{} on {text:?}", p.source);
            }
            (0..3).for_each(|_| automata::document_started());
            for text in texts {
                assert_eq!(results(&fresh, text), expected(text), "{} on {text:?}", p.source);
            }
            assert!(fresh.compiled.get().is_some());
        }
        assert!(prebuilt >= 25, "{prebuilt} built ahead");
    }

    /// The phrases' look-aheads have a Unicode `\b`: their automata give
    /// up at a non-ASCII byte, and the compiled regex answers.
    #[test]
    fn a_unicode_word_boundary_is_decided_on_non_ascii_text_too() {
        let mut checked = 0;
        for pack in crate::packs::builtin_phrases().unwrap() {
            for (phrase, source) in pack
                .phrases
                .iter()
                .flat_map(|p| p.context_sources().map(move |s| (p, s)))
            {
                let regex = regex::RegexBuilder::new(source)
                    .case_insensitive(!phrase.case_sensitive)
                    .build()
                    .unwrap();
                for text in [
                    "up",
                    "upé",
                    "up to here",
                    "formats",
                    "formatsé x",
                    "thaté",
                    "that ünd",
                    "",
                ] {
                    let ours = Pattern::phrase(source, phrase.case_sensitive).unwrap();
                    assert_eq!(ours.is_match(text), regex.is_match(text), "{source} on {text:?}");
                }
                checked += 1;
            }
        }
        assert!(checked >= 9, "{checked}");
    }

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
