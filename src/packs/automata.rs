//! Phrase patterns for ASCII text, and the built-in ones compiled ahead.
//!
//! Most prose is ASCII, and on ASCII text a pattern can be read without
//! Unicode: its classes cut to ASCII, `\b` as an ASCII word boundary, a
//! non-ASCII literal as never matching. That finds the same matches and
//! compiles to a small automaton. For the built-in packs those automata are
//! built ahead into `rules/automata.bin` (a test keeps it current), so a
//! one-file run compiles no phrase at all: compiling one cost as much as
//! linting a small file.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, OnceLock};

use regex_automata::dfa::{regex::Regex as DfaRegex, sparse};
use regex_automata::meta;
use regex_syntax::hir::{self, Class, ClassBytes, ClassBytesRange, Hir, HirKind, Look};

/// A phrase's pattern for ASCII text: the automata built ahead while a run
/// has searched little text with it, then the pattern compiled. A sparse
/// automaton costs nothing to load but reads every byte, several times
/// slower than a compiled regex, which skips to its literals.
#[derive(Debug, Default)]
pub struct Ascii {
    prebuilt: OnceLock<Option<DfaRegex<sparse::DFA<&'static [u8]>>>>,
    compiled: OnceLock<Option<meta::Regex>>,
    /// Bytes searched with `prebuilt` so far.
    searched: AtomicUsize,
}

/// How much text a phrase searches with its prebuilt automata before it is
/// compiled: about where compiling starts to pay (one file never does).
const PREBUILT_BYTES: usize = 16 << 10;

impl Ascii {
    /// Every match's byte range in `text`, which must be ASCII; `false` if
    /// the pattern cannot be compiled.
    pub fn find_iter(
        &self,
        source: &str,
        case_sensitive: bool,
        text: &[u8],
        mut found: impl FnMut(std::ops::Range<usize>),
    ) -> bool {
        debug_assert!(text.is_ascii());
        if self.compiled.get().is_none()
            && self.searched.fetch_add(text.len(), Ordering::Relaxed) < PREBUILT_BYTES
        {
            let prebuilt = self.prebuilt.get_or_init(|| prebuilt(source, case_sensitive));
            if let Some(re) = prebuilt {
                re.find_iter(text).for_each(|m| found(m.range()));
                return true;
            }
        }
        let compiled = self.compiled.get_or_init(|| compile(source, case_sensitive));
        if let Some(re) = compiled {
            re.find_iter(text).for_each(|m| found(m.range()));
        }
        compiled.is_some()
    }
}

fn compile(source: &str, case_sensitive: bool) -> Option<meta::Regex> {
    let hir = ascii_hir(source, case_sensitive)?;
    meta::Builder::new()
        .configure(meta::Config::new().nfa_size_limit(Some(1 << 20)))
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

/// The table built ahead: see [`table`] for its layout.
const TABLE: &[u8] = include_bytes!("../../rules/automata.bin");

/// The first bytes of the table, with its layout's version.
pub const MAGIC: &[u8] = b"pmlint automata 1\n";

/// Key: the case flag and the regex source. Value: the forward and the
/// reverse automaton, serialised little-endian.
type Table = HashMap<(bool, &'static str), (&'static [u8], &'static [u8])>;

/// The table's index, read once: `MAGIC`, then per entry a `u8` case flag
/// and three `u32` (little-endian) lengths, each followed by its bytes:
/// the source, the forward automaton, the reverse one. A table that does
/// not read is empty, and every pattern is compiled.
fn table() -> &'static Table {
    static INDEX: LazyLock<Table> = LazyLock::new(|| read_table(TABLE).unwrap_or_default());
    &INDEX
}

fn read_table(mut bytes: &'static [u8]) -> Option<Table> {
    bytes = bytes.strip_prefix(MAGIC)?;
    let mut take = |n: usize| -> Option<&'static [u8]> {
        let (head, rest) = bytes.split_at_checked(n)?;
        bytes = rest;
        Some(head)
    };
    let mut out = Table::new();
    while let Some(flag) = take(1) {
        let mut field = || {
            let len = u32::from_le_bytes(take(4)?.try_into().ok()?);
            take(len as usize)
        };
        let source = std::str::from_utf8(field()?).ok()?;
        let (forward, reverse) = (field()?, field()?);
        out.insert((flag[0] == 1, source), (forward, reverse));
    }
    Some(out)
}

/// The automata built ahead for `source`, if the table has them and they
/// read on this machine (a big-endian one compiles instead).
fn prebuilt(source: &str, case_sensitive: bool) -> Option<DfaRegex<sparse::DFA<&'static [u8]>>> {
    let (forward, reverse) = table().get(&(case_sensitive, source))?;
    Some(DfaRegex::builder().build_from_dfas(read_dfa(forward)?, read_dfa(reverse)?))
}

/// Reads an automaton of the table without checking its transitions:
/// checking them costs a third of what compiling the pattern does.
#[allow(unsafe_code)]
fn read_dfa(bytes: &'static [u8]) -> Option<sparse::DFA<&'static [u8]>> {
    // SAFETY: the bytes are `TABLE`'s, compiled into this binary. They were
    // written by `to_bytes_little_endian` (see `build_table`), and the test
    // `the_builtin_automata_table_is_current` checks that `TABLE` is
    // byte for byte what `build_table` writes today and that every
    // automaton in it passes the checked `from_bytes`. The header
    // (version, endianness) is still checked here.
    unsafe { sparse::DFA::from_bytes_unchecked(bytes) }
        .ok()
        .map(|(dfa, _)| dfa)
}

/// Builds the table for the given patterns (`PMLINT_BLESS=1 cargo test
/// the_builtin_automata` writes it); patterns too large to build are left
/// out, to be compiled at run time.
#[cfg(test)]
pub fn build_table<'a>(patterns: impl IntoIterator<Item = (&'a str, bool)>) -> Vec<u8> {
    use regex_automata::MatchKind;
    use regex_automata::dfa::{StartKind, dense};
    use regex_automata::nfa::thompson;

    let build = |hir: &Hir, reverse: bool| -> Option<Vec<u8>> {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .utf8(false)
                    .reverse(reverse)
                    .which_captures(thompson::WhichCaptures::None),
            )
            .build_from_hir(hir)
            .ok()?;
        let mut config = dense::Config::new().dfa_size_limit(Some(1 << 24));
        if reverse {
            config = config
                .prefilter(None)
                .specialize_start_states(false)
                .start_kind(StartKind::Anchored)
                .match_kind(MatchKind::All);
        }
        let dfa = dense::Builder::new()
            .configure(config)
            .build_from_nfa(&nfa)
            .ok()?;
        Some(dfa.to_sparse().ok()?.to_bytes_little_endian())
    };
    let mut out = MAGIC.to_vec();
    let mut seen = std::collections::BTreeSet::new();
    for (source, case_sensitive) in patterns {
        if !seen.insert((case_sensitive, source)) {
            continue;
        }
        let Some(hir) = ascii_hir(source, case_sensitive) else {
            continue;
        };
        let (Some(forward), Some(reverse)) = (build(&hir, false), build(&hir, true)) else {
            continue;
        };
        out.push(u8::from(case_sensitive));
        for field in [source.as_bytes(), &forward, &reverse] {
            out.extend_from_slice(&(field.len() as u32).to_le_bytes());
            out.extend_from_slice(field);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(source: &str, text: &str) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        assert!(Ascii::default().find_iter(source, false, text.as_bytes(), |m| out.push(m)));
        out
    }

    #[test]
    fn non_ascii_parts_of_a_pattern_never_match_and_the_rest_still_does() {
        let source = r"(?:it['’]s\s+on\s+(him|her))";
        assert!(prebuilt(source, false).is_none());
        assert_eq!(spans(source, "Yes, IT'S on her."), vec![5..16]);
        let source = r"(?:\bcafé\b|\bteam\b)";
        assert_eq!(spans(source, "the team"), vec![4..8]);
        assert!(spans(source, "teams").is_empty());
    }

    #[test]
    fn a_builtin_phrase_reads_its_prebuilt_automata_then_compiles() {
        let source = r"(?:TBD|TBA|TBC|XXX+)";
        assert!(prebuilt(source, true).is_some());
        let ascii = Ascii::default();
        let text = format!("{} TBD", " ".repeat(PREBUILT_BYTES));
        for _ in 0..2 {
            let mut out = Vec::new();
            assert!(ascii.find_iter(source, true, text.as_bytes(), |m| out.push(m)));
            assert_eq!(out, vec![PREBUILT_BYTES + 1..PREBUILT_BYTES + 4]);
        }
        assert!(ascii.compiled.get().is_some_and(Option::is_some));
    }

    #[test]
    fn the_table_round_trips_and_is_read_in_place() {
        let table = build_table([(r"(?:should\s+have)", false), (r"(?:TBD)", true)]);
        let leaked: &'static [u8] = Box::leak(table.into_boxed_slice());
        let index = read_table(leaked).unwrap();
        assert_eq!(index.len(), 2);
        let (f, r) = index[&(false, r"(?:should\s+have)")];
        let (f, r) = (read_dfa(f).unwrap(), read_dfa(r).unwrap());
        let re = DfaRegex::builder().build_from_dfas(f, r);
        let found: Vec<_> = re
            .find_iter(b"We SHOULD  have; should have")
            .map(|m| m.range())
            .collect();
        assert_eq!(found, vec![3..15, 17..28]);
        assert!(read_table(b"not a table").is_none());
        assert!(read_table(&leaked[..leaked.len() - 1]).is_none());
    }

    /// rules/automata.bin holds the ASCII automata of every built-in
    /// phrase. `PMLINT_BLESS=1 cargo test the_builtin_automata` rewrites it.
    #[test]
    fn the_builtin_automata_table_is_current() {
        let packs = crate::packs::builtin_phrases().unwrap();
        let patterns = packs
            .iter()
            .flat_map(|p| &p.phrases)
            .map(|p| (p.source.as_str(), p.case_sensitive));
        let table = build_table(patterns);
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/automata.bin");
        if std::env::var_os("PMLINT_BLESS").is_some() {
            std::fs::write(path, &table).unwrap();
        }
        assert!(
            TABLE == table.as_slice(),
            "rules/automata.bin is stale: run `PMLINT_BLESS=1 cargo test the_builtin_automata`"
        );
        // Every built-in phrase is in it (none is compiled at run time),
        // and every automaton passes the checks `read_dfa` skips.
        let index = table_of(&table);
        for phrase in packs.iter().flat_map(|p| &p.phrases) {
            assert!(
                index.contains_key(&(phrase.case_sensitive, phrase.source.as_str())),
                "{} is too large to build ahead",
                phrase.source
            );
        }
        for (forward, reverse) in index.values() {
            sparse::DFA::from_bytes(forward).unwrap();
            sparse::DFA::from_bytes(reverse).unwrap();
        }
    }

    fn table_of(table: &[u8]) -> Table {
        read_table(Box::leak(table.to_vec().into_boxed_slice())).unwrap()
    }
}
