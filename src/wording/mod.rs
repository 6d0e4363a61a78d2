//! The wording engine: every phrase of every wording pack, found in one
//! pass over a document's prose.
//!
//! 1. A literal prefilter finds every trigger word of every phrase: the
//!    literal prefixes or suffixes of its pattern, or the words of a part
//!    every match has, whichever are rarer. Early in a run it is
//!    an automaton built ahead (see [`crate::automata`]), then
//!    Aho-Corasick, built once per run.
//! 2. Only the sentences that hold a trigger are read further: there the
//!    phrases of those triggers run their patterns (compiled on first use)
//!    where a match can be: anchored at each trigger when a phrase's
//!    literals start its matches, up to the last one when they end them
//!    (a literal inside a longer one, or starting at a word inside one and
//!    running past it, lends it its phrases, so no such place is missed;
//!    a phrase with a two-letter literal, looked for before a space only,
//!    or with a literal inside its matches, is searched through); then
//!    the subject model ([`clause`]) decides who each match is about,
//!    whether it is negated or mentioned ([`frames`]), or a title.
//! 3. Where findings overlap, one is kept: the longest (the most specific
//!    phrase), then the one from the earlier pack.

pub mod clause;
pub mod english;
mod frames;
pub mod names;
pub mod sentence;

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};

use crate::automata::{self, Automata, Key, Syntax};
use crate::build_once::BuildOnce;
use crate::document::Document;
use crate::packs::PhrasePack;
use crate::packs::phrases::{self, FollowedBy, Form, Phrase};
use clause::{Clause, Np};
use english::{Class, english};
use names::{DocNames, DocNamesOf, People};
use sentence::Token;

/// A wording phrase found in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub span: Range<usize>,
    pub message: String,
    pub help: Option<String>,
    pub suggestion: Option<String>,
}

/// A phrase of a pack, by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct PhraseId {
    pack: u16,
    phrase: u16,
}

/// A literal's place in [`Lexicon::literals`], by its text.
type LiteralIndex = foldhash::HashMap<Box<[u8]>, usize>;

/// Every phrase of the wording packs, with the prefilter over their
/// triggers.
pub struct Lexicon {
    packs: Vec<PhrasePack>,
    /// The trigger literals; `owners[i]` lists the phrases of literal `i`.
    literals: Vec<String>,
    owners: Vec<Vec<Owner>>,
    /// The literals as automata built ahead (for the built-in packs), for
    /// the first documents; a match is told by its text.
    ahead: Option<(Box<Automata>, LiteralIndex)>,
    /// The literals as an NFA: cheap to build, for the first documents
    /// when there are no automata built ahead.
    prefilter: BuildOnce<AhoCorasick>,
    /// The same as a DFA: about 1.5 ms to build (most of what a one-file
    /// run pays for the prefilter), and it verifies the packed searcher's
    /// candidates much faster over a whole work tree (10,000 files: 1.1 s
    /// of CPU against 1.2 s). Built once a run has scanned a few documents;
    /// while one thread builds either automaton, the others go on with the
    /// one they can have.
    fast_prefilter: BuildOnce<AhoCorasick>,
    scanned: AtomicUsize,
    /// Phrases without a usable literal: their patterns run over all prose.
    unfiltered: Vec<PhraseId>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("packs", &self.packs.len())
            .field("literals", &self.owners.len())
            .field("unfiltered", &self.unfiltered.len())
            .finish()
    }
}

/// The literals of the built-in phrases, by regex source, worked out ahead:
/// extracting them costs a one-file run as much as linting the file. A
/// test keeps the file current; a phrase not in it is worked out here.
#[cfg(test)]
const KNOWN_LITERALS: &str = include_str!("../../rules/wording/prefilter.json");

/// (place, words): see [`Literals`].
type KnownLiterals = (Place, &'static [&'static str]);

/// The same table, as build.rs writes it: Rust, sorted by source, so that
/// nothing is decoded at run time.
static KNOWN: &[(&str, Option<KnownLiterals>)] =
    include!(concat!(env!("OUT_DIR"), "/rules/wording/prefilter.rs"));

/// Where one of a phrase's literals is in each of its matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    /// At its start: the phrase is searched anchored at each trigger.
    Starts,
    /// At its end: searched up to the last trigger.
    Ends,
    /// Somewhere in it ("culprit" in "the real culprit was"): searched
    /// through the sentence, for a literal much rarer than the words it
    /// can start or end with.
    Inside,
}

/// A phrase's trigger literals: every match holds one of `words`, where
/// `place` says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Literals {
    pub place: Place,
    pub words: Vec<String>,
}

/// The literals a match of `phrase` must contain (see [`extract_literals`]).
fn literals(phrase: &Phrase) -> Option<Literals> {
    match KNOWN.binary_search_by(|(source, _)| (*source).cmp(phrase.source.as_str())) {
        Ok(i) => KNOWN[i].1.map(|(place, words)| Literals {
            place,
            words: words.iter().map(|w| (*w).to_owned()).collect(),
        }),
        Err(_) => extract_literals(phrase),
    }
}

/// The literals a match of `phrase` must contain: its prefixes, its
/// suffixes, or the words a part of every match starts or ends with (see
/// [`required_words`]), whichever are usable and rarer (a common word such as "was" would send every sentence
/// on to the subject model). Ties go to the cheaper search: prefixes, then
/// suffixes.
fn extract_literals(phrase: &Phrase) -> Option<Literals> {
    let en = english();
    // Grammar words, the nouns every postmortem is full of ("alert",
    // "deploy", "error"), and pieces of three letters ("ing", "own"),
    // which are inside many words.
    let common = |w: &String| {
        let w = w.trim();
        w.len() <= 3
            || en.is_function_word(w)
            || en.copulas.contains(w)
            || en.catenatives.contains(w)
            || en.noun(w).intersects(Class::SYSTEM.union(Class::WORK))
    };
    // Parsed case-sensitively so that letters are not multiplied into their
    // cases; the prefilter ignores ASCII case instead.
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(&phrase.source)
        .ok()?;
    let whole = [
        (Place::Starts, ExtractKind::Prefix),
        (Place::Ends, ExtractKind::Suffix),
    ]
    .into_iter()
    .filter_map(|(place, kind)| {
        let words = literal_set(&hir, kind, true)?;
        Some(Literals { place, words })
    });
    let inside = required_words(&hir, &common).map(|words| Literals {
        place: Place::Inside,
        words,
    });
    whole
        .chain(inside)
        .min_by_key(|set| set.words.iter().filter(|w| common(w)).count())
}

/// The literals every match of `hir` starts (or ends) with, lowercased and
/// each at least three letters long, or two if `pairs` and it is a whole
/// word ("if"): never a part ("ed").
fn literal_set(hir: &Hir, kind: ExtractKind, pairs: bool) -> Option<Vec<String>> {
    let prefix = matches!(kind, ExtractKind::Prefix);
    let mut ex = Extractor::new();
    ex.kind(kind).limit_total(256);
    let seq = ex.extract(hir);
    let mut words = Vec::new();
    for l in seq.literals()? {
        let w = std::str::from_utf8(l.as_bytes()).ok()?.to_ascii_lowercase();
        let n = w.trim().len();
        let long_enough = n >= 3 || (pairs && n == 2 && l.is_exact());
        let caseless = w
            .chars()
            .all(|c| c.is_ascii() || !c.is_alphabetic() || c.to_lowercase().eq(c.to_uppercase()));
        if !long_enough || !caseless {
            return None;
        }
        words.push(w);
    }
    // "careless" finds "carelessly" too.
    words.sort();
    words.dedup();
    let all = words.clone();
    words.retain(|w| {
        !all.iter().any(|o| {
            o != w
                && if prefix {
                    w.starts_with(o.as_str())
                } else {
                    w.ends_with(o.as_str())
                }
        })
    });
    (!words.is_empty()).then_some(words)
}

/// The rarest words, by `common`, of which every match of `hir` holds one:
/// those a part of it always matched starts or ends with ("culprit" in
/// `(the )?(real )?culprits? (was|is)`), or, for alternatives, the union of
/// each one's.
fn required_words(hir: &Hir, common: &impl Fn(&String) -> bool) -> Option<Vec<String>> {
    let score = |words: &Vec<String>| words.iter().filter(|w| common(w)).count();
    match hir.kind() {
        HirKind::Capture(c) => required_words(&c.sub, common),
        HirKind::Concat(parts) => parts
            .iter()
            .flat_map(|part| {
                let own = [ExtractKind::Prefix, ExtractKind::Suffix]
                    .into_iter()
                    .filter_map(|kind| literal_set(part, kind, false));
                own.chain(required_words(part, common))
            })
            .min_by_key(score),
        HirKind::Alternation(alts) => {
            let mut all = Vec::new();
            for alt in alts {
                let own = [ExtractKind::Prefix, ExtractKind::Suffix]
                    .into_iter()
                    .filter_map(|kind| literal_set(alt, kind, false));
                all.extend(own.chain(required_words(alt, common)).min_by_key(score)?);
            }
            // A word that holds another of the set adds nothing.
            let words = all.clone();
            all.retain(|w| !words.iter().any(|o| o.len() < w.len() && w.contains(o.as_str())));
            all.sort();
            all.dedup();
            Some(all)
        }
        _ => None,
    }
}

/// The trigger literals of some packs, and the phrases each serves.
#[derive(Debug, PartialEq)]
struct Tables {
    literals: Vec<String>,
    owners: Vec<Vec<Owner>>,
    unfiltered: Vec<PhraseId>,
}

/// A phrase a trigger literal serves, and where in the literal a match of
/// the phrase can start: [`ENDS`] when its literals end its matches, else
/// the offset of its own literal (0, or inside a longer one: "blame" in
/// "blamed", "up" in "screw-up"), or [`ANYWHERE`] in the sentence (its
/// literals are inside its matches, or two letters long, or it starts
/// past 253 bytes in).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Owner {
    id: PhraseId,
    at: u8,
}

/// See [`Owner::at`]: the phrase's matches end with its literals.
const ENDS: u8 = u8::MAX;

/// See [`Owner::at`]: a match may start anywhere in the sentence.
const ANYWHERE: u8 = u8::MAX - 1;

/// A trigger found for a phrase: where the literal is, where a match of
/// the phrase would start (`None`: anywhere in the sentence), and, for a
/// phrase whose literals end its matches, where the literal ends.
#[derive(Clone, Copy, Debug)]
struct Hit {
    at: usize,
    id: PhraseId,
    start: Option<usize>,
    end: Option<usize>,
}

/// The tables of the built-in wording packs, worked out ahead: a test keeps
/// rules/wording/lexicon.json current and build.rs writes it as Rust. They
/// serve when the packs are the built-in ones, phrase for phrase (a run
/// with no wording pack of its own and both wording rules on): working
/// them out costs a one-file run a fifth of its instructions.
mod builtin_tables {
    pub struct Table {
        /// Each pack's phrases, by regex source.
        pub packs: &'static [&'static [&'static str]],
        pub literals: &'static [&'static str],
        /// (pack, phrase, where in the literal its matches start) triples.
        pub owners: &'static [&'static [(u16, u16, u8)]],
        pub unfiltered: &'static [(u16, u16)],
    }
    pub static TABLE: Table = include!(concat!(env!("OUT_DIR"), "/rules/wording/lexicon.rs"));
}

impl Tables {
    /// The built-in tables, if `packs` are the built-in ones.
    fn builtin(packs: &[PhrasePack]) -> Option<Tables> {
        let t = &builtin_tables::TABLE;
        let same = packs.len() == t.packs.len()
            && packs.iter().zip(t.packs).all(|(p, sources)| {
                p.phrases.len() == sources.len()
                    && p.phrases.iter().zip(*sources).all(|(ph, s)| ph.source == *s)
            });
        let id = |&(pack, phrase): &(u16, u16)| PhraseId { pack, phrase };
        let owner = |&(pack, phrase, at): &(u16, u16, u8)| Owner {
            id: PhraseId { pack, phrase },
            at,
        };
        same.then(|| Tables {
            literals: t.literals.iter().map(|l| (*l).to_owned()).collect(),
            owners: t.owners.iter().map(|o| o.iter().map(owner).collect()).collect(),
            unfiltered: t.unfiltered.iter().map(id).collect(),
        })
    }

    /// Works the tables out with `literals` for each phrase's literals
    /// (the tests that write the tables built ahead pass
    /// [`extract_literals`], so that one run writes all of them).
    fn with(packs: &[PhrasePack], literals: fn(&Phrase) -> Option<Literals>) -> Tables {
        let mut literal_ids: BTreeMap<String, usize> = BTreeMap::new();
        let mut owners: Vec<Vec<Owner>> = Vec::new();
        let mut unfiltered = Vec::new();
        for (pi, pack) in packs.iter().enumerate() {
            for (i, phrase) in pack.phrases.iter().enumerate() {
                let id = PhraseId {
                    pack: pi as u16,
                    phrase: i as u16,
                };
                match literals(phrase) {
                    Some(Literals { place, words }) => {
                        // A two-letter literal is looked for before a space or
                        // a line break only ("if,", "if?" are not found):
                        // such a phrase is searched through the sentence.
                        let short = words.iter().any(|w| w.len() == 2);
                        let owner = Owner {
                            id,
                            at: match (short, place) {
                                (true, _) | (_, Place::Inside) => ANYWHERE,
                                (false, Place::Starts) => 0,
                                (false, Place::Ends) => ENDS,
                            },
                        };
                        // A two-letter word ("if") is in too many longer
                        // words ("modify") to be a good literal alone: it is
                        // looked for with the space or line break after it.
                        let words = words.into_iter().flat_map(|w| {
                            if w.len() == 2 {
                                vec![format!("{w} "), format!("{w}\n")]
                            } else {
                                vec![w]
                            }
                        });
                        for w in words {
                            let next = owners.len();
                            let slot = *literal_ids.entry(w).or_insert(next);
                            if slot == next {
                                owners.push(Vec::new());
                            }
                            if !owners[slot].contains(&owner) {
                                owners[slot].push(owner);
                            }
                        }
                    }
                    None => unfiltered.push(id),
                }
            }
        }
        let mut pats: Vec<(String, usize)> = literal_ids.into_iter().collect();
        pats.sort_by_key(|(_, i)| *i);
        // The search finds the longest literal at each place, not every
        // overlapping one (which is much slower); a literal inside another
        // ("blame" in "blamed") lends the longer one its phrases. Found
        // from each place in a literal through the literals that start
        // with its next two bytes (or are that one byte): comparing every
        // pair of literals cost a one-file run a tenth of its time, and
        // looking up every piece of every literal a twentieth.
        let mut by_start: foldhash::HashMap<&[u8], Vec<(&[u8], usize)>> = foldhash::HashMap::default();
        for (p, i) in &pats {
            let p = p.as_bytes();
            by_start.entry(&p[..p.len().min(2)]).or_default().push((p, *i));
        }
        // A literal that starts at a word inside another and runs past its
        // end ("finger pointing" after "fat finger") is not found either: it
        // too is lent the outer one's phrases. (Not one that starts inside a
        // word, as "errors" in "terror" + "rs...": lending every such pair
        // would send most phrases to every sentence. A literal that starts
        // inside a word, "ever" of "hardly ever" in "never", is hidden only
        // by a longer literal that ends inside it, "nev" or "neve"; a test
        // compares the findings with those of no prefilter at all.)
        let mut by_first: foldhash::HashMap<u8, Vec<(&[u8], usize)>> = foldhash::HashMap::default();
        for (p, i) in &pats {
            by_first
                .entry(p.as_bytes()[0])
                .or_default()
                .push((p.as_bytes(), *i));
        }
        // (inner, outer, where the inner one starts in the outer, whether it
        // runs past the outer one's end)
        let mut held: Vec<(usize, usize, usize, bool)> = Vec::new();
        for (outer, j) in &pats {
            let outer = outer.as_bytes();
            let word_start = |at: usize| at > 0 && !outer[at - 1].is_ascii_alphanumeric();
            for start in 0..outer.len() {
                let rest = &outer[start..];
                let keys = [&rest[..1], &rest[..rest.len().min(2)]];
                // One key when a byte is left.
                for key in &keys[..rest.len().min(2)] {
                    for &(p, i) in by_start.get(key).into_iter().flatten() {
                        let whole = start == 0 && p.len() == outer.len();
                        if rest.starts_with(p) && !whole {
                            held.push((i, *j, start, false));
                        } else if key.len() == 2
                            && p.len() > rest.len()
                            && p.starts_with(rest)
                            && word_start(start)
                        {
                            held.push((i, *j, start, true));
                        }
                    }
                }
            }
            let last = outer.len() - 1;
            if word_start(last) {
                for &(p, i) in by_first.get(&outer[last]).into_iter().flatten() {
                    if p.len() > 1 {
                        held.push((i, *j, last, true));
                    }
                }
            }
        }
        held.sort_unstable_by_key(|&(i, j, start, past)| (past, i, j, start));
        held.dedup();
        for (i, j, start, past) in held {
            let extra = owners[i].clone();
            for Owner { id, at } in extra {
                let at = match at {
                    ANYWHERE => ANYWHERE,
                    // The inner literal's end is past the outer one's: no bound.
                    ENDS if past => ANYWHERE,
                    ENDS => ENDS,
                    at => u8::try_from(start + usize::from(at))
                        .ok()
                        .filter(|&at| at < ANYWHERE)
                        .unwrap_or(ANYWHERE),
                };
                let lent = Owner { id, at };
                if !owners[j].contains(&lent) {
                    owners[j].push(lent);
                }
            }
        }
        let literals: Vec<String> = pats.into_iter().map(|(p, _)| p).collect();
        Tables {
            literals,
            owners,
            unfiltered,
        }
    }
}

impl Lexicon {
    /// Compiles the prefilter for the packs of the enabled wording rules.
    pub fn new(packs: Vec<PhrasePack>) -> Lexicon {
        let tables = Tables::builtin(&packs).unwrap_or_else(|| Tables::with(&packs, literals));
        Lexicon::with_tables(packs, tables)
    }

    fn with_tables(packs: Vec<PhrasePack>, tables: Tables) -> Lexicon {
        let Tables {
            literals,
            owners,
            unfiltered,
        } = tables;
        let key = Key {
            syntax: Syntax::Ascii,
            case_sensitive: false,
        };
        let ahead = automata::prebuilt(key, &literal_source(&literals)).map(|a| {
            let index = literals.iter().enumerate();
            (a, index.map(|(i, l)| (l.as_bytes().into(), i)).collect())
        });
        Lexicon {
            ahead,
            prefilter: BuildOnce::new(),
            fast_prefilter: BuildOnce::new(),
            scanned: AtomicUsize::new(0),
            packs,
            literals,
            owners,
            unfiltered,
        }
    }

    /// Every trigger in `prose`: (where, which literal). Early in a run
    /// (see [`automata::early`]) the automata built ahead find them, then
    /// the NFA, and after a few documents the DFA (or, while another thread
    /// builds the one due, the one before it); all find the same matches.
    fn triggers(&self, prose: &str, mut found: impl FnMut(usize, usize)) {
        const NFA_DOCUMENTS: usize = 16;
        let nfa = || automaton(&self.literals, AhoCorasickKind::ContiguousNFA);
        let scanned = self.scanned.fetch_add(1, Ordering::Relaxed);
        // `None`: another thread is building the automaton this one wants.
        let ac = if scanned >= NFA_DOCUMENTS {
            match self
                .fast_prefilter
                .claim(|| automaton(&self.literals, AhoCorasickKind::DFA))
            {
                Some(Some(dfa)) => Some(Some(dfa)),
                _ => self.prefilter.claim(nfa),
            }
        } else if self.ahead.is_some() && automata::early() {
            None
        } else {
            self.prefilter.claim(nfa)
        };
        let ac = match (ac, &self.ahead) {
            (Some(ac), _) => ac,
            (None, Some((automata, index))) => {
                for m in automata.find_iter(prose.as_bytes()) {
                    let text = prose.as_bytes()[m.range()].to_ascii_lowercase();
                    if let Some(&i) = index.get(text.as_slice()) {
                        found(m.start(), i);
                    }
                }
                return;
            }
            (None, None) => self.prefilter.force(nfa),
        };
        for m in ac.into_iter().flat_map(|ac| ac.find_iter(prose)) {
            found(m.start(), m.pattern().as_usize());
        }
    }

    pub fn is_empty(&self) -> bool {
        self.packs.iter().all(|p| p.phrases.is_empty())
    }

    fn phrase(&self, id: PhraseId) -> (&PhrasePack, &Phrase) {
        let pack = &self.packs[id.pack as usize];
        (pack, &pack.phrases[id.phrase as usize])
    }

    /// Every wording finding in `doc`, one per span.
    pub fn scan(&self, doc: &Document<'_>, people: &People) -> Vec<Finding> {
        let prose = doc.prose.as_str();
        // (where a match can start, or the trigger's place, and phrase) for
        // every trigger, by place.
        let mut hits: Vec<Hit> = Vec::new();
        self.triggers(prose, |at, literal| {
            let end = at + self.literals[literal].len();
            hits.extend(self.owners[literal].iter().map(|o| Hit {
                at,
                start: (o.at < ANYWHERE).then(|| at + usize::from(o.at)),
                id: o.id,
                end: (o.at == ENDS).then_some(end),
            }));
        });
        // The triggers come in order of place; the phrases without
        // literals add theirs after. Only the order of places matters (a
        // sentence's phrases and starts are sorted where they are read).
        let triggered = hits.len();
        for &id in &self.unfiltered {
            self.phrase(id).1.matches(prose, |m| {
                hits.push(Hit {
                    at: m.start,
                    start: None,
                    id,
                    end: None,
                })
            });
        }
        debug_assert!(hits[..triggered].is_sorted_by_key(|h| h.at));
        if hits.len() > triggered {
            hits.sort_by_key(|h| h.at);
        }

        let cx = Scan {
            doc,
            people,
            doc_names: DocNames::new(doc),
        };
        let mut found: Vec<(Finding, PhraseId)> = Vec::new();
        let mut sentence: Option<(Range<usize>, Vec<PhraseId>)> = None;
        for &Hit { at, id, .. } in &hits {
            match &mut sentence {
                Some((range, ids)) if range.contains(&at) => {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                _ => {
                    if let Some((range, ids)) = sentence.take() {
                        self.sentence(&cx, range, ids, &hits, &mut found);
                    }
                    let Some(run) = run_at(doc, at) else { continue };
                    sentence = Some((sentence::sentence_at(prose, &run, at), vec![id]));
                }
            }
        }
        if let Some((range, ids)) = sentence {
            self.sentence(&cx, range, ids, &hits, &mut found);
        }
        one_per_span(found)
    }

    /// Tries the phrases `ids` on one sentence; `hits` are the document's.
    fn sentence(
        &self,
        cx: &Scan<'_, '_>,
        range: Range<usize>,
        mut ids: Vec<PhraseId>,
        hits: &[Hit],
        out: &mut Vec<(Finding, PhraseId)>,
    ) {
        ids.sort_unstable();
        let prose = cx.doc.prose.as_str();
        let text = &prose[range.clone()];
        let ascii = text.is_ascii();
        // The hits in this sentence (another sentence's may overlap it).
        let inside =
            &hits[hits.partition_point(|h| h.at < range.start)..hits.partition_point(|h| h.at < range.end)];
        let tokens: OnceCell<Vec<Token<'_>>> = OnceCell::new();
        let mut starts: Vec<usize> = Vec::new();
        for id in ids {
            let (pack, phrase) = self.phrase(id);
            let mut matches = Vec::new();
            // Where every match starts with a literal, only there; where
            // every match ends with one, up to the last.
            starts.clear();
            let (mut anywhere, mut before) = (!ascii, Some(0));
            for h in inside.iter().filter(|h| h.id == id) {
                match h.start {
                    Some(s) => starts.push(s - range.start),
                    None => anywhere = true,
                }
                before = before.zip(h.end).map(|(b, e)| b.max(e - range.start));
            }
            if anywhere {
                let before = before.map_or(text.len(), |b| b.min(text.len()));
                phrase.matches_in(text, before, |m| matches.push(m));
            } else {
                starts.sort_unstable();
                starts.dedup();
                phrase.matches_at(text, &starts, |m| matches.push(m));
            }
            for m in matches {
                let raw = range.start + m.start..range.start + m.end;
                let Some(span) = phrases::trim_span(prose, raw) else {
                    continue;
                };
                if !plausible(phrase, prose, &span, &range)
                    || phrase.excluded_by_next(&prose[span.end..range.end])
                {
                    continue;
                }
                let tokens = tokens.get_or_init(|| sentence::tokenize(prose, cx.doc.source, range.clone()));
                if let Some(span) = cx.accept(pack, phrase, span, &range, tokens) {
                    let found: String = cx.doc.source[span.clone()]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
                    let shown = prose[span.clone()]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
                    let last_word = shown.split_whitespace().last().unwrap_or("").to_owned();
                    out.push((
                        Finding {
                            rule: pack.rule,
                            span,
                            message: phrase.message.replace("{match}", &shown),
                            help: phrase.help.clone(),
                            suggestion: phrase
                                .suggest
                                .as_ref()
                                .map(|s| s.replace("{match}", &found).replace("{last-word}", &last_word)),
                        },
                        id,
                    ));
                }
            }
        }
    }
}

/// A cheap look at the words around a match, before the sentence is
/// tokenized: most matches of common triggers ("error", "had", "never")
/// fail here.
fn plausible(phrase: &Phrase, prose: &str, span: &Range<usize>, sentence: &Range<usize>) -> bool {
    let en = english();
    let before = prose[sentence.start..span.start]
        .trim_end_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    let after = &prose[span.end..sentence.end];
    let previous = before
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .next()
        .unwrap_or("");
    let next = after
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let when = &phrase.when;
    if when.possessor.is_some() {
        let p = previous.to_lowercase();
        let p = p.strip_suffix("own").map_or(p.as_str(), str::trim_end);
        let owned = previous.eq_ignore_ascii_case("own");
        let possessive = p.ends_with("'s") || p.ends_with("’s") || p.ends_with("s'") || p.ends_with("s’");
        let pronoun = matches!(
            p,
            "my" | "his" | "her" | "their" | "your" | "our" | "its" | "whose"
        );
        if !(owned || possessive || pronoun || before.ends_with(['\'', '’'])) {
            return false;
        }
    }
    if when.form == Some(Form::Conditional) {
        let opener = prose[span.clone()].to_ascii_lowercase();
        let clause_initial = before.is_empty() || before.ends_with([',', ';', ':', '—', '(', '.', '-']);
        let has_had = after.contains(" had ")
            || after.contains("'d ")
            || after.contains("’d ")
            || after.contains("hadn");
        let ok = if opener == "had" { clause_initial } else { has_had };
        if !ok {
            return false;
        }
    }
    if matches!(
        when.followed_by,
        Some(FollowedBy::PastParticiple | FollowedBy::PastTense)
    ) && when.form.is_none()
    {
        let n = next.to_lowercase();
        // An adverb may come first ("should have really checked").
        if !(en.is_participle(&n) || en.is_past(&n) || en.adverbs.has(&n) || n.ends_with("ly")) {
            return false;
        }
    }
    true
}

/// The key of the literals' automata built ahead: the literals, each
/// after a NUL (they hold no NUL, and some end in a line break).
fn literal_source(literals: &[String]) -> String {
    literals.iter().flat_map(|l| ["\0", l.as_str()]).collect()
}

/// The literals as one pattern that finds what the Aho-Corasick automaton
/// finds: ASCII letters in either case, and at each place the longest
/// literal (leftmost-first, longest first).
#[cfg(test)]
fn literal_hir(literals: &[String]) -> regex_syntax::hir::Hir {
    use regex_syntax::hir::{Class, ClassBytes, ClassBytesRange, Hir};
    let mut order: Vec<&String> = literals.iter().collect();
    order.sort_by_key(|l| std::cmp::Reverse(l.len()));
    let byte = |b: u8| {
        if b.is_ascii_alphabetic() {
            let (lo, up) = (b.to_ascii_lowercase(), b.to_ascii_uppercase());
            let ranges = [ClassBytesRange::new(lo, lo), ClassBytesRange::new(up, up)];
            Hir::class(Class::Bytes(ClassBytes::new(ranges)))
        } else {
            Hir::literal([b])
        }
    };
    Hir::alternation(
        order
            .into_iter()
            .map(|l| Hir::concat(l.bytes().map(byte).collect()))
            .collect(),
    )
}

/// The built-in wording packs, for the tests.
#[cfg(test)]
fn builtin_wording_packs() -> Vec<PhrasePack> {
    let packs = crate::packs::builtin_phrases().unwrap().into_iter();
    packs
        .filter(|p| phrases::WORDING_RULES.contains(&p.rule))
        .collect()
}

/// The built-in packs' literals, for the table built ahead.
#[cfg(test)]
pub fn builtin_patterns() -> Vec<(Key, String, regex_syntax::hir::Hir)> {
    // Worked out, not read from the tables built ahead, which may be stale.
    let tables = Tables::with(&builtin_wording_packs(), extract_literals);
    let key = Key {
        syntax: Syntax::Ascii,
        case_sensitive: false,
    };
    vec![(
        key,
        literal_source(&tables.literals),
        literal_hir(&tables.literals),
    )]
}

/// The trigger literals' searcher: the longest literal at each place, ASCII
/// case ignored.
fn automaton(literals: &[String], kind: AhoCorasickKind) -> Option<AhoCorasick> {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(kind))
        .build(literals)
        .ok()
}

/// The prose block holding byte `at`.
fn run_at(doc: &Document<'_>, at: usize) -> Option<Range<usize>> {
    let i = doc.runs.partition_point(|r| r.end <= at);
    doc.runs.get(i).filter(|r| r.start <= at).cloned()
}

/// Keeps one finding where several overlap: the longest, then the earliest
/// phrase.
fn one_per_span(mut found: Vec<(Finding, PhraseId)>) -> Vec<Finding> {
    found.sort_by_key(|(f, id)| (std::cmp::Reverse(f.span.len()), *id, f.span.start));
    let mut taken: BTreeMap<usize, Finding> = BTreeMap::new();
    for (f, _) in found {
        let overlaps = taken
            .range(..f.span.end)
            .next_back()
            .is_some_and(|(_, g)| g.span.end > f.span.start);
        if !overlaps {
            taken.insert(f.span.start, f);
        }
    }
    taken.into_values().collect()
}

/// One document being scanned.
struct Scan<'d, 'a> {
    doc: &'d Document<'a>,
    people: &'d People,
    doc_names: DocNames<'d>,
}

impl DocNamesOf for Scan<'_, '_> {
    fn names(&self) -> &DocNames<'_> {
        &self.doc_names
    }
}

impl Scan<'_, '_> {
    /// Checks a match against its phrase's conditions; returns the span to
    /// report (grown to what the conditions took in).
    fn accept(
        &self,
        pack: &PhrasePack,
        phrase: &Phrase,
        span: Range<usize>,
        sentence: &Range<usize>,
        tokens: &[Token<'_>],
    ) -> Option<Range<usize>> {
        let prose = self.doc.prose.as_str();
        if self.doc.in_title(&span) {
            return None;
        }
        if phrase.excluded_by_next(&prose[span.end..sentence.end])
            || !phrase.allowed_by_previous(&prose[sentence.start.min(span.start)..span.start])
        {
            return None;
        }
        let first = tokens.iter().position(|t| t.span.end > span.start)?;
        let mut last = tokens.iter().rposition(|t| t.span.start < span.end)?;
        if last < first {
            return None;
        }
        let before_sentence = {
            let run = run_at(self.doc, sentence.start).unwrap_or(sentence.start..sentence.start);
            &prose[run.start.min(sentence.start)..sentence.start]
        };
        let cl = Clause {
            tokens,
            people: self.people,
            doc: self,
            before: before_sentence,
        };
        let when = &phrase.when;
        let mut start_token = first;
        let mut subject: Option<Np> = None;

        if let Some(Form::Conditional) = when.form {
            let (np, participle) = conditional(&cl, first, last)?;
            subject = Some(np);
            last = participle;
        }
        if let Some(f) = when.followed_by {
            // "she was never told": a passive; she is on the receiving end.
            if f == FollowedBy::PastTense && cl.is_passive_before(first) {
                return None;
            }
            last = followed_by(&cl, f, last)?;
        }
        if let Some(want) = when.object {
            let np = cl.np_after(last + 1)?;
            // "the root cause was not the operator but ...": rejected.
            let start = np.tokens.map_or(last + 1, |(s, _)| s);
            let denied = tokens[last + 1..start]
                .iter()
                .any(|t| t.is("not") || t.is("never"));
            // "the root cause was Paolo's decision": a person's act.
            let owner = || {
                let (s, h) = np.tokens?;
                let p = (s..h).find(|&k| cl.possessor(k + 1).is_some())?;
                cl.possessor(p + 1).map(|o| o.class)
            };
            let class = match np.class {
                c if c.intersects(Class::WORK) && !c.intersects(want) => owner().unwrap_or(c),
                c => c,
            };
            if np.negated || denied || !class.intersects(want) {
                return None;
            }
            last = np.tokens.map_or(last, |(_, h)| h);
        }
        if let Some(want) = when.agent {
            let class = match cl.agent(last + 1) {
                Some(np) if np.negated => return None,
                Some(np) => np.class,
                // No "by ...": a verb of noticing or judging has a person
                // behind it ("ought to have been spotted").
                None if (first..=last)
                    .rev()
                    .find(|&k| english().is_participle(&tokens[k].lower))
                    .is_some_and(|k| english().human.contains(&*tokens[k].lower))
                    || cl.in_review(last) =>
                {
                    Class::PERSON
                }
                None => Class::NONE,
            };
            if !class.intersects(want) {
                return None;
            }
        }
        if let Some(want) = when.possessor {
            let np = cl.possessor(first)?;
            if np.negated || !np.class.intersects(want) {
                return None;
            }
            if let Some((_, h)) = np.tokens {
                start_token = h;
            }
        }
        if let Some(want) = when.said_of {
            if !cl.said_of(first, last).intersects(want) {
                return None;
            }
        }
        if let Some(want) = when.subject {
            let mut np = match subject {
                Some(np) => np,
                None if cl.is_passive(first) => return None,
                // "he was never asked": on the receiving end.
                None if (tokens[first].is("never") || tokens[first].is("not"))
                    && cl.is_passive_before(first)
                    && tokens
                        .get(next_word(&cl, first + 1))
                        .is_some_and(|t| english().is_participle(&t.lower)) =>
                {
                    return None;
                }
                // "signed off without running the tests": a prepositional
                // phrase is about the clause's subject, or about the agent
                // of its passive ("was pushed by the release team without a
                // review").
                None if english().prepositions.contains(&*tokens[first].lower)
                    || tokens[first].is("instead")
                    || tokens[first].is("rather") =>
                {
                    cl.agent_before(first).unwrap_or_else(|| cl.first_np(first))
                }
                None => cl.subject(first),
            };
            if np.class.intersects(Class::UNKNOWN) || is_handle(tokens, &np) {
                np.class = self.unknown_subject(&cl, &np, first, last, want);
            }
            if !np.class.intersects(want) {
                return None;
            }
            subject = Some(np);
        }
        if when.skip_explained && cl.is_explained(first) {
            return None;
        }
        if pack.skip_negated {
            let subject = subject.unwrap_or_else(|| cl.subject(first));
            if subject.negated || subject.question || cl.is_denied(start_token, last) {
                return None;
            }
        }
        let start = tokens[start_token].span.start.min(span.start);
        let end = tokens[last].span.end.max(span.end);
        Some(start..end)
    }
}

impl Scan<'_, '_> {
    /// What a subject that no list places (an unknown capitalized word, an
    /// `@handle`) is, from what the sentence does with it: "its" after the
    /// verb makes it a system ("`@deploy` forgot its lock"); a verb only
    /// people do makes an unknown word a person ("Aigerim should have
    /// asked"), when it is capitalized where no sentence starts, here or
    /// elsewhere in the document.
    fn unknown_subject(&self, cl: &Clause<'_, '_>, np: &Np, first: usize, last: usize, want: Class) -> Class {
        let Some((start, head)) = np.tokens else {
            return np.class;
        };
        let tokens = cl.tokens;
        let its = tokens[last + 1..]
            .iter()
            .take(6)
            .take_while(|t| !t.is_punct())
            .any(|t| t.is("its") || t.is("itself"));
        if its {
            return Class::SYSTEM;
        }
        let en = english();
        let people_verb = (first..=last).any(|k| en.people_only.contains(&*tokens[k].lower));
        if np.class != Class::UNKNOWN || want.intersects(Class::UNKNOWN) || !want.intersects(Class::PERSON) {
            return np.class;
        }
        let inside = start > 0
            && (tokens[start - 1].is_word() || tokens[start - 1].kind == sentence::Kind::Punct(','));
        let stem = tokens[head].stem();
        let said = is_person_here(cl, head, last) || self.doc_names.is_person_elsewhere(stem, self.people);
        if said || (people_verb && (inside || self.doc_names.capitalized_inside(stem))) {
            Class::PERSON
        } else {
            np.class
        }
    }
}

/// Does the sentence itself say that the unknown word at `head` is a
/// person: "Thandiwe, who ...", "Kwabena, the incident commander, ...",
/// "Teodor (on call) ...", or "he", "she", "his", "her" after the verb
/// ending at `last` ("Ngozi merged it, and then she ...")? A product is
/// never "who" nor "she".
fn is_person_here(cl: &Clause<'_, '_>, head: usize, last: usize) -> bool {
    let tokens = cl.tokens;
    let mut i = head + 1;
    let open = tokens.get(i).and_then(|t| match t.kind {
        sentence::Kind::Punct(c @ (',' | '(')) => Some(c),
        _ => None,
    });
    if open.is_some() {
        i += 1;
    }
    if tokens.get(i).is_some_and(|t| t.is("who") || t.is("whose")) {
        return true;
    }
    if open.is_some() {
        // An aside that names a role: "the incident commander", "our SRE",
        // "on call".
        let aside = tokens[i..]
            .iter()
            .take(5)
            .take_while(|t| !matches!(t.kind, sentence::Kind::Punct(',' | ')' | '.' | ';')));
        let aside: Vec<&Token<'_>> = aside.filter(|t| t.is_word()).collect();
        let role = aside
            .iter()
            .any(|t| cl.people.noun(&t.lower).intersects(Class::PERSON))
            || aside.windows(2).any(|p| names::on_duty(&p[0].lower, &p[1].lower));
        if role {
            return true;
        }
    }
    tokens[last + 1..].iter().take(16).any(|t| {
        matches!(
            t.lower.as_ref(),
            "he" | "she" | "his" | "him" | "himself" | "herself" | "hers"
        ) || (t.is("her") && t.is_word())
    })
}

/// Is the noun phrase an `@handle`?
fn is_handle(tokens: &[Token<'_>], np: &Np) -> bool {
    np.tokens.is_some_and(|(_, h)| tokens[h].text.starts_with('@'))
}

/// Skips adverbs after token `i`; the index of the next token.
fn next_word(cl: &Clause<'_, '_>, mut i: usize) -> usize {
    let en = english();
    let mut n = 0;
    while i < cl.tokens.len() && n < 3 {
        let t = &cl.tokens[i];
        let adverb = t.is_word()
            && (en.adverbs.has(&t.lower)
                || (t.lower.len() > 4 && t.lower.ends_with("ly") && en.noun(&t.lower).is_empty()));
        if !adverb {
            break;
        }
        i += 1;
        n += 1;
    }
    i
}

/// A bare noun: a word that is no function word, pronoun or verb form.
fn is_bare_noun(cl: &Clause<'_, '_>, i: usize) -> bool {
    let en = english();
    cl.tokens.get(i).is_some_and(|t| {
        t.is_word()
            && !en.is_function_word(&t.lower)
            && !matches!(
                t.lower.as_ref(),
                "it" | "them" | "him" | "her" | "us" | "me" | "you" | "this" | "that"
            )
            && !t.lower.ends_with("ly")
    })
}

/// The token a `followed-by` condition takes in after token `last`.
fn followed_by(cl: &Clause<'_, '_>, f: FollowedBy, last: usize) -> Option<usize> {
    let en = english();
    let i = next_word(cl, last + 1);
    let t = cl.tokens.get(i).filter(|t| t.is_word())?;
    let w = t.lower.as_ref();
    match f {
        FollowedBy::PastParticiple => {
            if !en.is_participle(w) {
                return None;
            }
            if w == "been" {
                // "should have been paged" is passive (another phrase's);
                // "should have been faster" is not.
                let j = next_word(cl, i + 1);
                let passive = cl
                    .tokens
                    .get(j)
                    .is_some_and(|n| n.is_word() && en.is_participle(&n.lower));
                return (!passive).then_some(i);
            }
            // "should have received the page" is on the receiving end;
            // "should have seen the missing index" is hindsight.
            if en.receipt.contains(w) && w != "seen" {
                return None;
            }
            // "should have dedicated nodes", "should have read access".
            if en.adjectival.contains(w) && is_bare_noun(cl, i + 1) {
                return None;
            }
            if en.is_base_participle(w)
                && cl
                    .tokens
                    .get(i + 1)
                    .is_some_and(|n| en.requirement_nouns.contains(&*n.lower))
            {
                return None;
            }
            Some(i)
        }
        FollowedBy::PastTense => (en.is_past(w) && !en.receipt.contains(w)).then_some(i),
        FollowedBy::Verb => {
            // "failed to do so": "do" is a verb here, not an auxiliary.
            let verb = !t.is_capitalized()
                && (!en.is_function_word(w) || w == "do")
                && !w.starts_with(|c: char| c.is_ascii_digit())
                && !matches!(
                    w,
                    "it" | "them" | "him" | "her" | "us" | "me" | "you" | "this" | "that"
                );
            verb.then_some(i)
        }
    }
}

/// "if (only) the reviewer had looked", "had she waited": the subject after
/// the opening word, and the participle that ends the condition.
fn conditional(cl: &Clause<'_, '_>, first: usize, last: usize) -> Option<(Np, usize)> {
    let en = english();
    let opener = &cl.tokens[first];
    if opener.is("had") && cl.clause_start(first) != first {
        // Only a clause-initial "had" inverts a condition.
        let prev = first.checked_sub(1).map(|p| &cl.tokens[p]);
        if !prev.is_some_and(|p| p.is_punct() || en.conjunctions.contains(&*p.lower)) {
            return None;
        }
    }
    let np = cl.np_after(last + 1)?;
    let (_, head) = np.tokens?;
    let mut i = head + 1;
    let contracted = cl.tokens[head].lower.ends_with("'d");
    if !opener.is("had") && !contracted {
        let t = cl.tokens.get(next_word(cl, i))?;
        if !(t.is("had") || t.is("hadn't")) {
            return None;
        }
        i = next_word(cl, i) + 1;
    }
    let p = followed_by(cl, FollowedBy::PastParticiple, i.checked_sub(1)?)?;
    if cl.tokens[p].is("had") {
        return None;
    }
    if cl.tokens[p].is("been") {
        // "if she had been paying attention"; not "if we had been paged",
        // nor "had we not been monitoring" (a risk the team averted).
        let negated = cl.tokens[first..p]
            .iter()
            .any(|t| t.is("not") || t.lower.ends_with("n't"));
        if negated {
            return None;
        }
        let n = cl.tokens.get(next_word(cl, p + 1))?;
        let progressive = n.is_word() && n.lower.ends_with("ing") && !en.is_function_word(&n.lower);
        if !progressive || en.receipt.contains(&*n.lower) {
            return None;
        }
        return Some((np, next_word(cl, p + 1)));
    }
    Some((np, p))
}

#[cfg(test)]
mod tests;
