//! The English word classes the wording rules use, read once from
//! `rules/english.toml` (embedded): nouns for people, teams, the public,
//! systems and work; irregular verbs; function words; and the words that
//! negate or mention a phrase.

// foldhash: these sets are asked about every word of every sentence that
// holds a trigger, and SipHash was a tenth of the time of a corpus run.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::sync::LazyLock;

use serde::Deserialize;

/// The built-in English data, as written (the binary reads the JSON; a
/// test checks that both read the same).
#[cfg(test)]
const ENGLISH_TOML: &str = include_str!("../../rules/english.toml");

/// The same, as build.rs writes it: read at run time, since JSON reads
/// several times faster than TOML.
const ENGLISH_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/rules/english.json"));

/// What a noun (or a noun phrase) stands for. A noun may be in several
/// classes ("job" is a system and work).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Class(u16);

impl Class {
    pub const PERSON: Class = Class(1);
    pub const TEAM: Class = Class(1 << 1);
    pub const PUBLIC: Class = Class(1 << 2);
    pub const WE: Class = Class(1 << 3);
    /// No subject: an imperative, a fragment, a list item.
    pub const NONE: Class = Class(1 << 4);
    /// A capitalized word pmlint cannot place.
    pub const UNKNOWN: Class = Class(1 << 5);
    /// Software, machines, documents and other things.
    pub const SYSTEM: Class = Class(1 << 6);
    pub const WORK: Class = Class(1 << 7);
    pub const EMPTY: Class = Class(0);
    pub const ANY: Class = Class(0xff);

    pub const fn union(self, other: Class) -> Class {
        Class(self.0 | other.0)
    }

    pub fn intersects(self, other: Class) -> bool {
        self.0 & other.0 != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// A class name as packs write it.
    pub fn named(name: &str) -> Option<Class> {
        Some(match name {
            "person" => Class::PERSON,
            "team" => Class::TEAM,
            "public" => Class::PUBLIC,
            "we" => Class::WE,
            "none" => Class::NONE,
            "unknown" => Class::UNKNOWN,
            "system" => Class::SYSTEM,
            "work" => Class::WORK,
            "any" => Class::ANY,
            _ => return None,
        })
    }

    /// The class names packs may use.
    pub const NAMES: &'static str = "person, team, public, we, none, unknown, system, work, any";
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    nouns: Nouns,
    verbs: Verbs,
    words: Words,
    frames: Frames,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Nouns {
    person: Vec<String>,
    team: Vec<String>,
    public: Vec<String>,
    system: Vec<String>,
    work: Vec<String>,
    ambiguous: Vec<String>,
    software: Vec<String>,
    word_names: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Verbs {
    irregular: Vec<[String; 3]>,
    not_participles: Vec<String>,
    adjectival: Vec<String>,
    requirement_nouns: Vec<String>,
    receipt: Vec<String>,
    human: Vec<String>,
    people_only: Vec<String>,
    reporting: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Words {
    determiners: Vec<String>,
    quantifiers: Vec<String>,
    prepositions: Vec<String>,
    auxiliaries: Vec<String>,
    copulas: Vec<String>,
    adverbs: Vec<String>,
    conjunctions: Vec<String>,
    catenatives: Vec<String>,
    subordinators: Vec<String>,
    negators: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Frames {
    mention_before: Vec<String>,
    mention_after: Vec<String>,
    consequence: Vec<String>,
    cause: Vec<String>,
    cognitive: Vec<String>,
}

/// A set of words, some of them several words long ("no one").
#[derive(Default)]
#[cfg_attr(test, derive(Debug, PartialEq))]
pub struct WordSet {
    single: HashSet<String>,
    /// Multi-word entries, split into words.
    multi: Vec<Vec<String>>,
}

impl WordSet {
    fn new(list: &[String]) -> WordSet {
        let mut w = WordSet::default();
        for entry in list {
            let parts: Vec<String> = entry.split_whitespace().map(str::to_owned).collect();
            if parts.len() == 1 {
                w.single.insert(parts.into_iter().next().unwrap_or_default());
            } else if !parts.is_empty() {
                w.multi.push(parts);
            }
        }
        w
    }

    pub fn has(&self, lower: &str) -> bool {
        self.single.contains(lower)
    }

    /// The length in words of the longest entry that ends at the end of
    /// `words` (lower case).
    pub fn ends(&self, words: &[&str]) -> Option<usize> {
        let mut best = None;
        if words.last().is_some_and(|w| self.single.contains(*w)) {
            best = Some(1);
        }
        for m in &self.multi {
            if m.len() <= words.len() && words[words.len() - m.len()..].iter().zip(m).all(|(a, b)| *a == b) {
                best = best.max(Some(m.len()));
            }
        }
        best
    }

    /// The length of the longest entry that starts at the start of `words`.
    pub fn starts(&self, words: &[&str]) -> Option<usize> {
        let mut best = None;
        if words.first().is_some_and(|w| self.single.contains(*w)) {
            best = Some(1);
        }
        for m in &self.multi {
            if m.len() <= words.len() && words[..m.len()].iter().zip(m).all(|(a, b)| *a == b) {
                best = best.max(Some(m.len()));
            }
        }
        best
    }
}

/// The English data, compiled.
#[cfg_attr(test, derive(Debug, PartialEq))]
pub struct English {
    nouns: HashMap<String, Class>,
    pub ambiguous: HashSet<String>,
    /// Product names that are also given names, as written.
    pub software: HashSet<String>,
    /// Given names that are also English words, lower case.
    pub word_names: HashSet<String>,
    /// Past participles of irregular verbs.
    participles: HashSet<String>,
    /// Simple pasts of irregular verbs.
    pasts: HashSet<String>,
    /// Irregular verbs whose participle is their base form ("read", "set").
    base_participles: HashSet<String>,
    not_participles: HashSet<String>,
    pub adjectival: HashSet<String>,
    pub requirement_nouns: HashSet<String>,
    pub receipt: HashSet<String>,
    pub human: HashSet<String>,
    pub people_only: HashSet<String>,
    /// Verbs whose object can be a clause without "that" ("said the page
    /// took too long").
    pub reporting: HashSet<String>,
    pub determiners: HashSet<String>,
    pub quantifiers: HashSet<String>,
    pub prepositions: HashSet<String>,
    pub auxiliaries: HashSet<String>,
    pub copulas: HashSet<String>,
    pub adverbs: WordSet,
    pub conjunctions: HashSet<String>,
    pub catenatives: HashSet<String>,
    pub subordinators: HashSet<String>,
    pub negators: WordSet,
    pub mention_before: WordSet,
    pub mention_after: Vec<Vec<String>>,
    pub cognitive: HashSet<String>,
    pub consequence: HashSet<String>,
    pub cause: WordSet,
}

fn set(list: &[String]) -> HashSet<String> {
    list.iter().map(|w| w.to_lowercase()).collect()
}

/// The English data, parsed on first use.
pub fn english() -> &'static English {
    static EN: LazyLock<English> =
        LazyLock::new(|| English::from_json(ENGLISH_JSON).unwrap_or_else(|e| panic!("{e}")));
    &EN
}

impl English {
    /// Parses `rules/english.toml`, for the test that checks the JSON.
    #[cfg(test)]
    fn parse(text: &str) -> Result<English, String> {
        let f: File = toml::from_str(text).map_err(|e| format!("rules/english.toml: {e}"))?;
        Ok(English::of(f))
    }

    /// Reads the JSON build.rs makes of `rules/english.toml`.
    fn from_json(text: &str) -> Result<English, String> {
        let f: File = serde_json::from_str(text).map_err(|e| format!("rules/english.toml as JSON: {e}"))?;
        Ok(English::of(f))
    }

    fn of(f: File) -> English {
        let mut nouns: HashMap<String, Class> = HashMap::new();
        for (list, class) in [
            (&f.nouns.person, Class::PERSON),
            (&f.nouns.team, Class::TEAM),
            (&f.nouns.public, Class::PUBLIC),
            (&f.nouns.system, Class::SYSTEM),
            (&f.nouns.work, Class::WORK),
        ] {
            for w in list {
                let e = nouns.entry(w.to_lowercase()).or_default();
                *e = e.union(class);
            }
        }
        let mut participles = HashSet::new();
        let mut pasts = HashSet::new();
        let mut base_participles = HashSet::new();
        for [base, past, participle] in &f.verbs.irregular {
            for p in participle.split('/') {
                participles.insert(p.to_owned());
                if p == base {
                    base_participles.insert(p.to_owned());
                }
            }
            for p in past.split('/') {
                pasts.insert(p.to_owned());
            }
        }
        English {
            nouns,
            ambiguous: set(&f.nouns.ambiguous),
            software: f.nouns.software.iter().cloned().collect(),
            word_names: set(&f.nouns.word_names),
            participles,
            pasts,
            base_participles,
            not_participles: set(&f.verbs.not_participles),
            adjectival: set(&f.verbs.adjectival),
            requirement_nouns: set(&f.verbs.requirement_nouns),
            receipt: set(&f.verbs.receipt),
            human: set(&f.verbs.human),
            people_only: set(&f.verbs.people_only),
            reporting: set(&f.verbs.reporting),
            determiners: set(&f.words.determiners),
            quantifiers: set(&f.words.quantifiers),
            prepositions: set(&f.words.prepositions),
            auxiliaries: set(&f.words.auxiliaries),
            copulas: set(&f.words.copulas),
            adverbs: WordSet::new(&f.words.adverbs),
            conjunctions: set(&f.words.conjunctions),
            catenatives: set(&f.words.catenatives),
            subordinators: set(&f.words.subordinators),
            negators: WordSet::new(&f.words.negators),
            mention_before: WordSet::new(&f.frames.mention_before),
            mention_after: f
                .frames
                .mention_after
                .iter()
                .map(|e| e.split_whitespace().map(str::to_owned).collect())
                .collect(),
            cognitive: set(&f.frames.cognitive),
            consequence: set(&f.frames.consequence),
            cause: WordSet::new(&f.frames.cause),
        }
    }

    /// The classes of a noun (lower case), singular or plural.
    pub fn noun(&self, lower: &str) -> Class {
        if let Some(c) = self.nouns.get(lower) {
            return *c;
        }
        // "engineers" → "engineer", "boxes" → "box", "proxies" → "proxy".
        if let Some(s) = lower.strip_suffix('s') {
            if let Some(c) = self.nouns.get(s) {
                return *c;
            }
            if let Some(c) = s.strip_suffix('e').and_then(|s| self.nouns.get(s)) {
                return *c;
            }
            if let Some(s) = s.strip_suffix("ie") {
                if let Some(c) = self.nouns.get(&format!("{s}y")) {
                    return *c;
                }
            }
        }
        Class::EMPTY
    }

    /// Is `lower` a past participle ("checked", "known", "forgotten")?
    pub fn is_participle(&self, lower: &str) -> bool {
        self.participles.contains(lower) || self.is_regular_past(lower)
    }

    /// Is `lower` a simple past ("checked", "forgot", "knew")?
    pub fn is_past(&self, lower: &str) -> bool {
        self.pasts.contains(lower) || self.is_regular_past(lower)
    }

    /// A participle that is also the verb's base form ("read", "run").
    pub fn is_base_participle(&self, lower: &str) -> bool {
        self.base_participles.contains(lower)
    }

    fn is_regular_past(&self, lower: &str) -> bool {
        lower.len() >= 4
            && lower.ends_with("ed")
            && lower.chars().all(|c| c.is_alphabetic() || c == '-')
            && !self.not_participles.contains(lower)
    }

    /// A word of grammar, never the head of a noun phrase.
    pub fn is_function_word(&self, lower: &str) -> bool {
        self.determiners.contains(lower)
            || self.prepositions.contains(lower)
            || self.auxiliaries.contains(lower)
            || self.conjunctions.contains(lower)
            || self.subordinators.contains(lower)
            || self.negators.has(lower)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_data_parses() {
        let en = English::parse(ENGLISH_TOML).unwrap();
        assert_eq!(en.noun("engineers"), Class::PERSON);
        assert!(en.noun("job").intersects(Class::SYSTEM) && en.noun("job").intersects(Class::WORK));
        assert_eq!(en.noun("proxies"), Class::SYSTEM);
        assert!(en.is_participle("forgotten") && en.is_participle("checked"));
        assert!(!en.is_participle("need") && !en.is_participle("write"));
        assert!(en.is_past("forgot") && en.is_base_participle("read"));
        assert_eq!(en.negators.ends(&["no", "one"]), Some(2));
        // What the binary reads: build.rs's JSON of the same file.
        assert_eq!(English::from_json(ENGLISH_JSON).unwrap(), en);
    }
}
