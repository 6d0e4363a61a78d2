//! Phrase patterns for ASCII text.
//!
//! Most prose is ASCII, and on ASCII text a pattern can be read without
//! Unicode: its classes cut to ASCII, `\b` as an ASCII word boundary, a
//! non-ASCII literal as never matching. That finds the same matches as the
//! full pattern and compiles to a small automaton; for the built-in packs
//! it is built ahead (see [`crate::automata`]). (One difference from the
//! regex crate's own ASCII mode: a pattern's Kelvin sign or long s matches
//! the ASCII k or s with `(?i)`, as the full pattern does.)

use std::sync::OnceLock;

use regex_automata::{Input, meta};
use regex_syntax::hir::{self, Class, ClassBytes, ClassBytesRange, Hir, HirKind, Look};

use crate::automata::{self, Automata, Key, Syntax};
use crate::build_once::BuildOnce;

/// A phrase's pattern for ASCII text: the automata built ahead early in a
/// run (see [`automata::early`]) and while another thread compiles it, then
/// the pattern compiled, for a long
/// text with the regex crate's literal prefilter, for a short one without.
#[derive(Debug, Default)]
pub struct Ascii {
    prebuilt: OnceLock<Option<Box<Automata>>>,
    compiled: BuildOnce<meta::Regex>,
    bare: BuildOnce<meta::Regex>,
}

/// What a search reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Haystack {
    /// A document's prose: a literal prefilter skips most of it.
    Long,
    /// One sentence, or a few bytes around a mark: there a prefilter's
    /// candidates are everywhere, and it costs more than the automaton it
    /// spares. It only skips ahead, so the matches are the same.
    Short,
}

/// What reads a text for [`Ascii`]: the automata built ahead, or the
/// pattern compiled.
enum Reader<'a> {
    Ahead(&'a Automata),
    Compiled(&'a meta::Regex),
}

impl Ascii {
    /// Every match's byte range in `text[range]` (matches see the text
    /// around the range, for `\b`), which must be ASCII; `false` if the
    /// pattern cannot be compiled.
    pub fn find_iter(
        &self,
        source: &str,
        case_sensitive: bool,
        text: &[u8],
        range: std::ops::Range<usize>,
        haystack: Haystack,
        mut found: impl FnMut(std::ops::Range<usize>),
    ) -> bool {
        debug_assert!(text.is_ascii());
        let input = Input::new(text).range(range);
        match self.reader(source, case_sensitive, haystack) {
            Some(Reader::Ahead(re)) => re.find_iter(input).for_each(|m| found(m.range())),
            Some(Reader::Compiled(re)) => re.find_iter(input).for_each(|m| found(m.range())),
            None => return false,
        }
        true
    }

    /// The match that starts at `start` in ASCII `text`, read as
    /// [`Ascii::find_iter`] reads a [`Haystack::Short`]; `None` if the
    /// pattern cannot be compiled.
    pub fn find_at(
        &self,
        source: &str,
        case_sensitive: bool,
        text: &[u8],
        start: usize,
    ) -> Option<Option<std::ops::Range<usize>>> {
        debug_assert!(text.is_ascii());
        let input = Input::new(text)
            .range(start..)
            .anchored(regex_automata::Anchored::Yes);
        Some(match self.reader(source, case_sensitive, Haystack::Short)? {
            // On ASCII text the automata never give up.
            Reader::Ahead(re) => re.try_search_end(&input).ok().flatten().map(|end| start..end),
            Reader::Compiled(re) => re.search(&input).map(|m| m.range()),
        })
    }

    /// What reads a `haystack`; `None` if the pattern cannot be compiled.
    fn reader(&self, source: &str, case_sensitive: bool, haystack: Haystack) -> Option<Reader<'_>> {
        let (cell, prefilter) = match haystack {
            Haystack::Long => (&self.compiled, true),
            Haystack::Short => (&self.bare, false),
        };
        let compile = || compile(source, case_sensitive, prefilter);
        let key = Key {
            syntax: Syntax::Ascii,
            case_sensitive,
        };
        let prebuilt = || self.prebuilt.get_or_init(|| automata::prebuilt(key, source));
        // On a sentence a dense DFA built ahead is as fast as the compiled
        // pattern: it is kept for the whole run, and the pattern never
        // compiled (100 files: a fifth less work).
        if matches!(haystack, Haystack::Short) {
            if let Some(re) = prebuilt().as_deref().filter(|re| re.is_dense()) {
                return Some(Reader::Ahead(re));
            }
        }
        // The automata built ahead early in a run, and while another thread
        // compiles the pattern.
        let early = automata::early() && !self.compiled.is_built() && !self.bare.is_built();
        let compiled = match if early { None } else { cell.claim(compile) } {
            Some(compiled) => compiled,
            None => {
                if let Some(re) = prebuilt().as_deref() {
                    return Some(Reader::Ahead(re));
                }
                cell.force(compile)
            }
        };
        compiled.map(Reader::Compiled)
    }
}

fn compile(source: &str, case_sensitive: bool, prefilter: bool) -> Option<meta::Regex> {
    let hir = ascii_hir(source, case_sensitive)?;
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .nfa_size_limit(Some(1 << 20))
                .auto_prefilter(prefilter),
        )
        .build_from_hir(&hir)
        .ok()
}

/// `source` parsed as the regex crate reads it (Unicode on), then cut to
/// what can match ASCII text; without capture groups, which a match's span
/// does not need.
pub fn ascii_hir(source: &str, case_sensitive: bool) -> Option<Hir> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(!case_sensitive)
        .build()
        .parse(source)
        .ok()?;
    Some(to_ascii(hir))
}

fn to_ascii(hir: Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(hir::Literal(bytes)) if bytes.is_ascii() => Hir::literal(bytes),
        HirKind::Literal(_) => Hir::fail(),
        HirKind::Class(class) => {
            let ranges: Vec<ClassBytesRange> = match class {
                Class::Unicode(c) => c
                    .iter()
                    .filter(|r| r.start() <= '\x7f')
                    .map(|r| ClassBytesRange::new(r.start() as u8, r.end().min('\x7f') as u8))
                    .collect(),
                Class::Bytes(c) => c
                    .iter()
                    .filter(|r| r.start() <= 0x7f)
                    .map(|r| ClassBytesRange::new(r.start(), r.end().min(0x7f)))
                    .collect(),
            };
            Hir::class(Class::Bytes(ClassBytes::new(ranges)))
        }
        HirKind::Look(look) => Hir::look(ascii_look(look)),
        HirKind::Repetition(mut r) => {
            r.sub = Box::new(to_ascii(*r.sub));
            Hir::repetition(r)
        }
        HirKind::Capture(c) => to_ascii(*c.sub),
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(to_ascii).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.into_iter().map(to_ascii).collect()),
    }
}

/// On ASCII text a Unicode word character is an ASCII one.
fn ascii_look(look: Look) -> Look {
    match look {
        Look::WordUnicode => Look::WordAscii,
        Look::WordUnicodeNegate => Look::WordAsciiNegate,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        other => other,
    }
}

/// Every built-in phrase's pattern as [`Ascii`] reads it, for the table.
#[cfg(test)]
pub fn builtin_patterns() -> Vec<(Key, String, Hir)> {
    let packs = crate::packs::builtin_phrases().unwrap();
    packs
        .iter()
        .flat_map(|p| &p.phrases)
        .map(|p| {
            let key = Key {
                syntax: Syntax::Ascii,
                case_sensitive: p.case_sensitive,
            };
            (
                key,
                p.source.clone(),
                ascii_hir(&p.source, p.case_sensitive).unwrap(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(source: &str, text: &str) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let all = 0..text.len();
        assert!(
            Ascii::default().find_iter(source, false, text.as_bytes(), all, Haystack::Long, |m| out
                .push(m))
        );
        out
    }

    #[test]
    fn non_ascii_parts_of_a_pattern_never_match_and_the_rest_still_does() {
        let source = r"(?:it['’]s\s+on\s+(him|her))";
        let key = |case_sensitive| Key {
            syntax: Syntax::Ascii,
            case_sensitive,
        };
        assert!(automata::prebuilt(key(false), source).is_none());
        assert_eq!(spans(source, "Yes, IT'S on her."), vec![5..16]);
        let source = r"(?:\bcafé\b|\bteam\b)";
        assert_eq!(spans(source, "the team"), vec![4..8]);
        assert!(spans(source, "teams").is_empty());
    }

    #[test]
    fn a_builtin_phrase_reads_its_dense_automata_on_sentences_and_compiles_for_documents() {
        let source = r"(?:TBD|TBA|TBC|XXX+)";
        let key = Key {
            syntax: Syntax::Ascii,
            case_sensitive: true,
        };
        assert!(automata::prebuilt(key, source).is_some_and(|a| a.is_dense()));
        let ascii = Ascii::default();
        let text = "not yet: TBD, TBC; TBDX";
        let find = |haystack: Haystack| {
            let mut out = Vec::new();
            let all = 0..text.len();
            assert!(ascii.find_iter(source, true, text.as_bytes(), all, haystack, |m| out.push(m)));
            assert_eq!(out, vec![9..12, 14..17, 19..22]);
        };
        // This test's thread has linted nothing yet.
        find(Haystack::Short);
        find(Haystack::Long);
        assert!(ascii.bare.get().is_none() && ascii.compiled.get().is_none());
        (0..3).for_each(|_| automata::document_started());
        // A sentence still reads the dense automata; a whole document
        // wants the compiled pattern's prefilter.
        find(Haystack::Short);
        assert!(ascii.bare.get().is_none());
        find(Haystack::Long);
        assert!(ascii.compiled.get().is_some());
    }
}
