//! Automata built ahead for the built-in patterns (phrases, and the
//! document model's dates, owners and statuses), read in place from the
//! binary: a one-file run compiles none of them. Compiling one cost as
//! much as linting a small file. `rules/automata.bin` holds them; the test
//! `the_builtin_automata_table_is_current` keeps it current, and
//! `PMLINT_BLESS=1 cargo test the_builtin_automata` rewrites it.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::LazyLock;

use regex_automata::dfa::{dense, regex::FindMatches as DfaMatches, regex::Regex as DfaRegex, sparse};
use regex_automata::{Input, Match, MatchError};
#[cfg(test)]
use regex_syntax::hir::Hir;

/// A pattern's automata: a forward and a reverse DFA, dense when small
/// (a dense DFA reads a byte with one table lookup; a sparse one searches
/// each state's transitions, up to ten times slower on prose).
#[derive(Debug)]
pub enum Automata {
    Dense(DfaRegex<dense::DFA<&'static [u32]>>),
    Sparse(DfaRegex<sparse::DFA<&'static [u8]>>),
}

/// The matches of [`Automata::find_iter`].
pub enum FindMatches<'r, 'h> {
    Dense(DfaMatches<'r, 'h, dense::DFA<&'static [u32]>>),
    Sparse(DfaMatches<'r, 'h, sparse::DFA<&'static [u8]>>),
}

impl Iterator for FindMatches<'_, '_> {
    type Item = Match;

    fn next(&mut self) -> Option<Match> {
        match self {
            FindMatches::Dense(m) => m.next(),
            FindMatches::Sparse(m) => m.next(),
        }
    }
}

impl Automata {
    /// As [`DfaRegex::find_iter`]: panics where the search gives up, which
    /// it does not on ASCII text.
    pub fn find_iter<'r, 'h, I: Into<Input<'h>>>(&'r self, input: I) -> FindMatches<'r, 'h> {
        match self {
            Automata::Dense(re) => FindMatches::Dense(re.find_iter(input)),
            Automata::Sparse(re) => FindMatches::Sparse(re.find_iter(input)),
        }
    }

    /// Dense DFAs read a byte with one table lookup, as fast as a
    /// compiled pattern without a prefilter.
    pub fn is_dense(&self) -> bool {
        matches!(self, Automata::Dense(_))
    }

    pub fn try_search(&self, input: &Input<'_>) -> Result<Option<Match>, MatchError> {
        match self {
            Automata::Dense(re) => re.try_search(input),
            Automata::Sparse(re) => re.try_search(input),
        }
    }

    /// Where the match of an anchored search ends: the forward DFA alone,
    /// since the match starts where the search does.
    pub fn try_search_end(&self, input: &Input<'_>) -> Result<Option<usize>, MatchError> {
        use regex_automata::dfa::Automaton;
        debug_assert!(input.get_anchored().is_anchored());
        let end = match self {
            Automata::Dense(re) => re.forward().try_search_fwd(input),
            Automata::Sparse(re) => re.forward().try_search_fwd(input),
        };
        end.map(|m| m.map(|m| m.offset()))
    }
}

/// A pair of DFAs at most this large (forward and reverse, in bytes) is
/// kept dense in the table; larger ones sparse (dense, the table would
/// grow fivefold). The placeholder patterns, read over a whole document,
/// are all under it. 512 KiB rather than 128: 13 more phrases dense, a
/// one-file run 9% fewer instructions, the table 5.8 MB larger (as git
/// stores it, no larger).
#[cfg(test)]
const DENSE_LIMIT: usize = 512 << 10;

/// The limit for the wording's trigger literals, read over every
/// document's prose early in a run: dense, a one-file run takes 2.4 M
/// fewer instructions (19.8 M -> 17.3 M). The pair is 3.4 MB, of which a
/// search touches few pages, the states near the trie's root.
#[cfg(test)]
const TRIGGERS_DENSE_LIMIT: usize = 4 << 20;

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

/// An entry's first byte: its [`Key`], and this bit when its DFAs are dense.
const DENSE: u8 = 1 << 2;

impl Key {
    #[cfg(test)]
    fn byte(self) -> u8 {
        (u8::from(self.syntax == Syntax::Full) << 1) | u8::from(self.case_sensitive)
    }

    fn from_byte(b: u8) -> Option<Key> {
        let syntax = match (b & !DENSE) >> 1 {
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
    table().get(&(key, source)).and_then(|e| e.read()).map(Box::new)
}

thread_local! {
    /// Documents linted on this thread.
    static DOCUMENTS: Cell<usize> = const { Cell::new(0) };
}

/// Counts a document linted on this thread.
pub fn document_started() {
    DOCUMENTS.with(|n| n.set(n.get() + 1));
}

/// Are the automata built ahead still the cheaper choice? They cost
/// nothing to load, but have no literal prefilter and (the large, sparse
/// ones) read every byte several times slower than a compiled regex: a
/// thread's first two documents (a one-file run, a hook's commit) use
/// them; from the third on, patterns are compiled.
pub fn early() -> bool {
    DOCUMENTS.with(|n| n.get() <= 2)
}

/// Aligned for the dense DFAs, which are read as `u32`s in place.
#[repr(C, align(8))]
struct Aligned<B: ?Sized>(B);

static TABLE: &Aligned<[u8]> = &Aligned(*include_bytes!("../rules/automata.bin"));

/// The first bytes of the table, with its layout's version.
const MAGIC: &[u8] = b"pmlint automata 3\n";

/// A dense DFA's bytes start at a multiple of this in the table.
#[cfg(test)]
const ALIGN: usize = 8;

#[derive(Clone, Copy, Debug)]
struct Entry {
    dense: bool,
    forward: &'static [u8],
    reverse: &'static [u8],
}

impl Entry {
    fn read(self) -> Option<Automata> {
        let builder = DfaRegex::builder();
        Some(if self.dense {
            Automata::Dense(builder.build_from_dfas(read_dense(self.forward)?, read_dense(self.reverse)?))
        } else {
            Automata::Sparse(builder.build_from_dfas(read_sparse(self.forward)?, read_sparse(self.reverse)?))
        })
    }
}

type Table = HashMap<(Key, &'static str), Entry>;

/// The table's index, read once. The table is `MAGIC`, the index, then
/// the automata. The index is a `u32` count of entries (all numbers are
/// `u32`, little-endian), then per entry a [`Key`] byte (with [`DENSE`]),
/// the source's length and bytes, and the offset (from the table's start)
/// and length of the forward and the reverse automaton (serialised
/// little-endian; a dense one at a multiple of [`ALIGN`]). The index comes
/// first so that reading it touches only its own pages. A table that does
/// not read is empty, and every pattern is compiled.
fn table() -> &'static Table {
    static INDEX: LazyLock<Table> = LazyLock::new(|| read_table(&TABLE.0).unwrap_or_default());
    &INDEX
}

fn read_table(all: &'static [u8]) -> Option<Table> {
    let mut read = Reader { all, at: MAGIC.len() };
    if !all.starts_with(MAGIC) {
        return None;
    }
    let count = read.number()?;
    let mut out = Table::with_capacity(count.min(all.len()));
    for _ in 0..count {
        let first = read.take(1)?[0];
        let key = Key::from_byte(first)?;
        let len = read.number()?;
        let source = std::str::from_utf8(read.take(len)?).ok()?;
        let (forward, reverse) = (read.automaton()?, read.automaton()?);
        let dense = first & DENSE != 0;
        out.insert(
            (key, source),
            Entry {
                dense,
                forward,
                reverse,
            },
        );
    }
    Some(out)
}

struct Reader {
    all: &'static [u8],
    at: usize,
}

impl Reader {
    fn take(&mut self, n: usize) -> Option<&'static [u8]> {
        let head = self.all.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(head)
    }

    fn number(&mut self) -> Option<usize> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?) as usize)
    }

    /// An automaton's offset and length, and its bytes.
    fn automaton(&mut self) -> Option<&'static [u8]> {
        let (start, len) = (self.number()?, self.number()?);
        self.all.get(start..start.checked_add(len)?)
    }
}

/// The zeros that move a dense automaton from `at` to a multiple of
/// [`ALIGN`].
#[cfg(test)]
fn padding(at: usize) -> usize {
    at.next_multiple_of(ALIGN) - at
}

// SAFETY (both readers): the bytes are `TABLE`'s, compiled into this
// binary. They were written by `build_table`, and the test
// `the_builtin_automata_table_is_current` checks that `TABLE` is byte for
// byte what `build_table` writes today and that every automaton in it
// passes the checked `from_bytes`. The header (version, endianness) and a
// dense DFA's alignment are still checked here. Unchecked: checking the
// transitions costs a third of what compiling the pattern does.

#[allow(unsafe_code)]
fn read_sparse(bytes: &'static [u8]) -> Option<sparse::DFA<&'static [u8]>> {
    unsafe { sparse::DFA::from_bytes_unchecked(bytes) }
        .ok()
        .map(|(dfa, _)| dfa)
}

#[allow(unsafe_code)]
fn read_dense(bytes: &'static [u8]) -> Option<dense::DFA<&'static [u32]>> {
    unsafe { dense::DFA::from_bytes_unchecked(bytes) }
        .ok()
        .map(|(dfa, _)| dfa)
}

/// Builds the table for the given patterns; a pattern whose automata
/// cannot be built (too large, or matching empty text)
/// is left out, to be compiled at run time. Each pattern comes with the
/// size up to which its pair is kept dense.
#[cfg(test)]
pub fn build_table(patterns: impl IntoIterator<Item = ((Key, String, Hir), usize)>) -> Vec<u8> {
    use regex_automata::MatchKind;
    use regex_automata::dfa::{StartKind, dense};
    use regex_automata::nfa::thompson;

    let build = |key: Key, hir: &Hir, reverse: bool| -> Option<dense::DFA<Vec<u32>>> {
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
        Some(dfa)
    };
    let dense_bytes = |dfa: &dense::DFA<Vec<u32>>| {
        let mut bytes = vec![0; dfa.write_to_len()];
        dfa.write_to_little_endian(&mut bytes).ok()?;
        Some(bytes)
    };
    let sparse_bytes = |dfa: &dense::DFA<Vec<u32>>| Some(dfa.to_sparse().ok()?.to_bytes_little_endian());
    let mut sorted: Vec<((Key, String, Hir), usize)> = patterns.into_iter().collect();
    sorted.sort_by(|(a, _), (b, _)| (a.0, &a.1).cmp(&(b.0, &b.1)));
    sorted.dedup_by(|(a, _), (b, _)| (a.0, &a.1) == (b.0, &b.1));
    let mut entries = Vec::new();
    for ((key, source, hir), dense_limit) in sorted {
        // An empty match would need UTF-8 care the automata do not take.
        if hir.properties().minimum_len() == Some(0) {
            continue;
        }
        let (Some(forward), Some(reverse)) = (build(key, &hir, false), build(key, &hir, true)) else {
            continue;
        };
        let dense = forward.write_to_len() + reverse.write_to_len() <= dense_limit;
        let serialise = if dense { dense_bytes } else { sparse_bytes };
        let (Some(forward), Some(reverse)) = (serialise(&forward), serialise(&reverse)) else {
            continue;
        };
        entries.push((
            key.byte() | if dense { DENSE } else { 0 },
            source,
            forward,
            reverse,
        ));
    }
    let number = |out: &mut Vec<u8>, n: usize| out.extend_from_slice(&(n as u32).to_le_bytes());
    let mut index = MAGIC.to_vec();
    number(&mut index, entries.len());
    let index_len = index.len()
        + entries
            .iter()
            .map(|(_, source, ..)| 1 + 4 + source.len() + 16)
            .sum::<usize>();
    let mut data = Vec::new();
    for (first, source, forward, reverse) in &entries {
        index.push(*first);
        number(&mut index, source.len());
        index.extend_from_slice(source.as_bytes());
        for automaton in [forward, reverse] {
            if first & DENSE != 0 {
                data.resize(data.len() + padding(index_len + data.len()), 0);
            }
            number(&mut index, index_len + data.len());
            number(&mut index, automaton.len());
            data.extend_from_slice(automaton);
        }
    }
    assert_eq!(index.len(), index_len);
    index.extend_from_slice(&data);
    index
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

    /// `bytes` where the table is: at an address that is a multiple of
    /// [`ALIGN`].
    fn leak_aligned(bytes: &[u8]) -> &'static [u8] {
        let buffer: &'static mut [u8] = Box::leak(vec![0; bytes.len() + ALIGN].into_boxed_slice());
        let skip = buffer.as_ptr().align_offset(ALIGN);
        let out = &mut buffer[skip..skip + bytes.len()];
        out.copy_from_slice(bytes);
        out
    }

    #[test]
    fn the_table_round_trips_and_is_read_in_place() {
        let big = r"\w{8}@\w{8}";
        let table = build_table(
            [
                (FULL, r"should\s+have".to_owned(), full_hir(r"should\s+have")),
                (FULL, "x*".to_owned(), full_hir("x*")),
                (FULL, big.to_owned(), full_hir(big)),
            ]
            .map(|p| (p, DENSE_LIMIT)),
        );
        let table = leak_aligned(&table);
        let index = read_table(table).unwrap();
        // "x*" matches empty text: left out.
        assert_eq!(index.len(), 2);
        let small = index[&(FULL, r"should\s+have")];
        assert!(small.dense);
        let re = small.read().unwrap();
        assert!(matches!(re, Automata::Dense(_)));
        let found: Vec<_> = re
            .find_iter("We SHOULD\u{a0}have; should have".as_bytes())
            .map(|m| m.range())
            .collect();
        assert_eq!(found, vec![3..15, 17..28]);
        // Too large to be dense: sparse.
        let large = index[&(FULL, big)];
        assert!(!large.dense);
        let re = large.read().unwrap();
        assert!(matches!(re, Automata::Sparse(_)));
        let text = "mail: ünïcödés@ëxämplës, plain: abcdefgh@ijklmnop";
        let found: Vec<_> = re.find_iter(text.as_bytes()).map(|m| m.range()).collect();
        assert_eq!(
            found,
            vec![6..text.find(',').unwrap(), text.len() - 17..text.len()]
        );
        // A dense automaton one byte off its alignment does not read.
        let shifted = leak_aligned(&[&[0][..], small.forward].concat());
        assert!(read_dense(&shifted[1..]).is_none());
        assert!(read_table(b"not a table").is_none());
        assert!(read_table(&table[..table.len() - 1]).is_none());
    }

    /// Every built-in pattern is in rules/automata.bin, as the builder
    /// writes it today, and every automaton passes the checks that
    /// `read_sparse` and `read_dense` skip.
    #[test]
    fn the_builtin_automata_table_is_current() {
        let mut patterns = crate::packs::automata::builtin_patterns();
        patterns.extend(crate::pattern::builtin_patterns());
        let mut patterns: Vec<_> = patterns.into_iter().map(|p| (p, DENSE_LIMIT)).collect();
        let triggers = crate::wording::builtin_patterns();
        patterns.extend(triggers.into_iter().map(|p| (p, TRIGGERS_DENSE_LIMIT)));
        // All but those that can match empty text, which compile.
        let wanted: Vec<(Key, String)> = patterns
            .iter()
            .filter(|((_, _, hir), _)| hir.properties().minimum_len() != Some(0))
            .map(|((k, s, _), _)| (*k, s.clone()))
            .collect();
        let table = build_table(patterns);
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/automata.bin");
        if std::env::var_os("PMLINT_BLESS").is_some() {
            std::fs::write(path, &table).unwrap();
        }
        assert!(
            &TABLE.0 == table.as_slice(),
            "rules/automata.bin is stale: run `PMLINT_BLESS=1 cargo test the_builtin_automata`"
        );
        // The table as the binary holds it, aligned (the bytes are the same).
        let index = read_table(&TABLE.0).unwrap();
        for entry in index.values() {
            if entry.dense {
                dense::DFA::from_bytes(entry.forward).unwrap();
                dense::DFA::from_bytes(entry.reverse).unwrap();
            } else {
                sparse::DFA::from_bytes(entry.forward).unwrap();
                sparse::DFA::from_bytes(entry.reverse).unwrap();
            }
        }
        // Every other built-in pattern is in it.
        for (key, source) in &wanted {
            assert!(index.contains_key(&(*key, source.as_str())), "{key:?} {source}");
        }
    }
}
