//! Automata built ahead for the built-in patterns (phrases, and the
//! document model's dates, owners and statuses), read in place from the
//! binary: a one-file run compiles none of them. Compiling one cost as
//! much as linting a small file. `rules/automata.bin` holds them; the test
//! `the_builtin_automata_table_is_current` keeps it current, and
//! `PMLINT_BLESS=1 cargo test the_builtin_automata` rewrites it.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::LazyLock;

use regex_automata::dfa::{regex::Regex as DfaRegex, sparse};
#[cfg(test)]
use regex_syntax::hir::Hir;

/// A pattern's automata: a forward and a reverse sparse DFA.
pub type Automata = DfaRegex<sparse::DFA<&'static [u8]>>;

/// How a pattern's source was read into the automata.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Syntax {
    /// Cut to ASCII text (see [`crate::packs::automata`]).
    Ascii,
    /// As the regex crate reads it.
    Full,
}

/// Which automata: how the source was read, with or without `(?i)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub syntax: Syntax,
    pub case_sensitive: bool,
}

impl Key {
    #[cfg(test)]
    fn byte(self) -> u8 {
        (u8::from(self.syntax == Syntax::Full) << 1) | u8::from(self.case_sensitive)
    }

    fn from_byte(b: u8) -> Option<Key> {
        let syntax = match b >> 1 {
            0 => Syntax::Ascii,
            1 => Syntax::Full,
            _ => return None,
        };
        Some(Key {
            syntax,
            case_sensitive: b & 1 == 1,
        })
    }
}

/// The automata built ahead for `source`, if the table has them and they
/// read on this machine (a big-endian one compiles instead). Boxed: a pair
/// of DFAs is 1.4 KB, and every phrase holds a few of these slots.
pub fn prebuilt(key: Key, source: &str) -> Option<Box<Automata>> {
    let (forward, reverse) = table().get(&(key, source))?;
    Some(Box::new(
        DfaRegex::builder().build_from_dfas(read_dfa(forward)?, read_dfa(reverse)?),
    ))
}

thread_local! {
    /// Documents linted on this thread.
    static DOCUMENTS: Cell<usize> = const { Cell::new(0) };
}

/// Counts a document linted on this thread.
pub fn document_started() {
    DOCUMENTS.with(|n| n.set(n.get() + 1));
}

/// Are the automata built ahead still the cheaper choice? A sparse DFA
/// costs nothing to load but reads every byte several times slower than
/// a compiled regex: a thread's first two documents (a one-file run, a
/// hook's commit) use them; from the third on, patterns are compiled.
pub fn early() -> bool {
    DOCUMENTS.with(|n| n.get() <= 2)
}

const TABLE: &[u8] = include_bytes!("../rules/automata.bin");

/// The first bytes of the table, with its layout's version.
const MAGIC: &[u8] = b"pmlint automata 2\n";

type Table = HashMap<(Key, &'static str), (&'static [u8], &'static [u8])>;

/// The table's index, read once: `MAGIC`, then per entry a [`Key`] byte
/// and three `u32` (little-endian) lengths, each followed by its bytes:
/// the source, the forward automaton, the reverse one (serialised
/// little-endian). A table that does not read is empty, and every pattern
/// is compiled.
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
    while let Some(key) = take(1) {
        let key = Key::from_byte(key[0])?;
        let mut field = || {
            let len = u32::from_le_bytes(take(4)?.try_into().ok()?);
            take(len as usize)
        };
        let source = std::str::from_utf8(field()?).ok()?;
        let (forward, reverse) = (field()?, field()?);
        out.insert((key, source), (forward, reverse));
    }
    Some(out)
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

/// Builds the table for the given patterns; a pattern whose automata
/// cannot be built (too large, or matching empty text)
/// is left out, to be compiled at run time.
#[cfg(test)]
pub fn build_table(patterns: impl IntoIterator<Item = (Key, String, Hir)>) -> Vec<u8> {
    use regex_automata::MatchKind;
    use regex_automata::dfa::{StartKind, dense};
    use regex_automata::nfa::thompson;

    let build = |key: Key, hir: &Hir, reverse: bool| -> Option<Vec<u8>> {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .utf8(key.syntax == Syntax::Full)
                    .reverse(reverse)
                    .which_captures(thompson::WhichCaptures::None),
            )
            .build_from_hir(hir)
            .ok()?;
        // A Unicode `\b` is read as an ASCII one, and the search gives up
        // (an error) at the first non-ASCII byte; see `crate::pattern`.
        let mut config = dense::Config::new()
            .dfa_size_limit(Some(1 << 24))
            .unicode_word_boundary(key.syntax == Syntax::Full);
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
    let mut sorted: Vec<(Key, String, Hir)> = patterns.into_iter().collect();
    sorted.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    sorted.dedup_by(|a, b| (a.0, &a.1) == (b.0, &b.1));
    let mut out = MAGIC.to_vec();
    for (key, source, hir) in sorted {
        // An empty match would need UTF-8 care the automata do not take.
        if hir.properties().minimum_len() == Some(0) {
            continue;
        }
        let (Some(forward), Some(reverse)) = (build(key, &hir, false), build(key, &hir, true)) else {
            continue;
        };
        out.push(key.byte());
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

    const FULL: Key = Key {
        syntax: Syntax::Full,
        case_sensitive: false,
    };

    fn full_hir(source: &str) -> Hir {
        regex_syntax::ParserBuilder::new()
            .case_insensitive(true)
            .build()
            .parse(source)
            .unwrap()
    }

    #[test]
    fn the_table_round_trips_and_is_read_in_place() {
        let table = build_table([
            (FULL, r"should\s+have".to_owned(), full_hir(r"should\s+have")),
            (FULL, "x*".to_owned(), full_hir("x*")),
        ]);
        let leaked: &'static [u8] = Box::leak(table.into_boxed_slice());
        let index = read_table(leaked).unwrap();
        // "x*" matches empty text: left out.
        assert_eq!(index.len(), 1);
        let (f, r) = index[&(FULL, r"should\s+have")];
        let re = DfaRegex::builder().build_from_dfas(read_dfa(f).unwrap(), read_dfa(r).unwrap());
        let found: Vec<_> = re
            .find_iter("We SHOULD\u{a0}have; should have".as_bytes())
            .map(|m| m.range())
            .collect();
        assert_eq!(found, vec![3..15, 17..28]);
        assert!(read_table(b"not a table").is_none());
        assert!(read_table(&leaked[..leaked.len() - 1]).is_none());
    }

    /// Every built-in pattern is in rules/automata.bin, as the builder
    /// writes it today, and every automaton passes the checks `read_dfa`
    /// skips.
    #[test]
    fn the_builtin_automata_table_is_current() {
        let mut patterns = crate::packs::automata::builtin_patterns();
        patterns.extend(crate::pattern::builtin_patterns());
        patterns.extend(crate::wording::builtin_patterns());
        // All but those that can match empty text, which compile.
        let wanted: Vec<(Key, String)> = patterns
            .iter()
            .filter(|(_, _, hir)| hir.properties().minimum_len() != Some(0))
            .map(|(k, s, _)| (*k, s.clone()))
            .collect();
        let table = build_table(patterns);
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/automata.bin");
        if std::env::var_os("PMLINT_BLESS").is_some() {
            std::fs::write(path, &table).unwrap();
        }
        assert!(
            TABLE == table.as_slice(),
            "rules/automata.bin is stale: run `PMLINT_BLESS=1 cargo test the_builtin_automata`"
        );
        let index = read_table(Box::leak(table.into_boxed_slice())).unwrap();
        for (forward, reverse) in index.values() {
            sparse::DFA::from_bytes(forward).unwrap();
            sparse::DFA::from_bytes(reverse).unwrap();
        }
        // Every other built-in pattern is in it.
        for (key, source) in &wanted {
            assert!(index.contains_key(&(*key, source.as_str())), "{key:?} {source}");
        }
    }
}
