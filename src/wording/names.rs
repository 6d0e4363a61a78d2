//! Who the people are. A capitalized word is a person when pmlint.toml says
//! so (`people`), when someone by that name commits to the repository, or
//! when it is a common given name; it is a system when pmlint.toml says so
//! (`not-people`), when the document uses it as one (in code, before a
//! system noun, inside a hyphenated or dotted identifier), or when it is a
//! product that shares its name with people ("Cassandra", "Jenkins").
//!
//! The repository's people (commit authors and committers, `.mailmap`,
//! CODEOWNERS) are read once per run, and only when a sentence needs them.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::cell::{Cell, OnceCell, RefCell};
use std::path::PathBuf;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::english::{Class, english};
use crate::document::Document;
use crate::git::Git;

/// The built-in lists of given names (see their headers for the sources),
/// each sorted by [`fold`] so that a lookup is a binary search in place:
/// nothing is built at start-up.
pub const GIVEN_NAMES: [&str; 3] = [
    include_str!("../../rules/names/given-names.txt"),
    include_str!("../../rules/names/given-names-faker-py.txt"),
    include_str!("../../rules/names/given-names-ssa.txt"),
];

/// How many commits are read for names: enough for the people active in a
/// repository, and a fixed cost (a shallow clone has what it has).
pub const MAX_COMMITS: usize = 1000;

/// A name's key: lower case, without diacritics ("Dagný" → "dagny"; the
/// generators in `rules/names/` fold the same way).
pub fn fold(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .flat_map(char::to_lowercase)
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(|c| {
            let two = match c {
                'ø' => ['o', '\0'],
                'ł' => ['l', '\0'],
                'đ' | 'ð' => ['d', '\0'],
                'þ' => ['t', 'h'],
                'æ' => ['a', 'e'],
                'œ' => ['o', 'e'],
                'ß' => ['s', 's'],
                'ı' => ['i', '\0'],
                'ə' => ['e', '\0'],
                'ħ' => ['h', '\0'],
                'ŧ' => ['t', '\0'],
                'ŋ' => ['n', '\0'],
                '’' => ['\'', '\0'],
                c => [c, '\0'],
            };
            two.into_iter().filter(|c| *c != '\0')
        })
}

/// Compares two names by [`fold`]; most are ASCII, compared as bytes.
fn cmp_folded(a: &str, b: &str) -> std::cmp::Ordering {
    if a.is_ascii() && b.is_ascii() {
        a.bytes()
            .map(|c| c.to_ascii_lowercase())
            .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
    } else {
        fold(a).cmp(fold(b))
    }
}

/// The names of a list, after its header.
fn names_of(list: &'static str) -> &'static str {
    let mut at = 0;
    while list[at..].starts_with('#') {
        at += list[at..].find('\n').map_or(list.len() - at, |i| i + 1);
    }
    &list[at..]
}

/// Does `names` (sorted by [`fold`]) hold `word`? Without diacritics too
/// ("Dagny" for "Dagný"), unless the list marks the name `exact`.
fn holds(names: &'static str, word: &str) -> bool {
    let bytes = names.as_bytes();
    let line_at = |start: usize| {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(names.len(), |i| start + i);
        (&names[start..end], end)
    };
    let name = |line: &'static str| line.split('\t').next().unwrap_or(line);
    // The first line whose key is not below the word's.
    let (mut lo, mut hi) = (0, names.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = memchr::memrchr(b'\n', &bytes[lo..mid]).map_or(lo, |i| lo + i + 1);
        let (line, end) = line_at(start);
        if cmp_folded(name(line), word).is_lt() {
            lo = end + 1;
        } else {
            hi = start;
        }
    }
    while lo < names.len() {
        let (line, end) = line_at(lo);
        let n = name(line);
        if cmp_folded(n, word).is_ne() {
            return false;
        }
        let exact = line.ends_with("\texact");
        if !exact
            || n.chars()
                .flat_map(char::to_lowercase)
                .eq(word.chars().flat_map(char::to_lowercase))
        {
            return true;
        }
        lo = end + 1;
    }
    false
}

/// Is `word` (capitalized, as written) a common given name? A hyphenated
/// one is when it is listed whole or each of its parts is ("Jean-Noël"),
/// or its first part is and the rest is one short syllable ("Jin-woo").
pub fn is_given_name(word: &str) -> bool {
    if !word.starts_with(char::is_uppercase) {
        return false;
    }
    // The lists without their comment headers (80 lines), found once.
    static LISTS: std::sync::LazyLock<[&str; 3]> = std::sync::LazyLock::new(|| GIVEN_NAMES.map(names_of));
    let listed = |w: &str| LISTS.iter().any(|l| holds(l, w));
    // Korean and Taiwanese names are often written "Jin-woo", "Yu-ting":
    // a listed first part, then a syllable (not "Renata-api").
    let syllable = |p: &str| SECOND_SYLLABLES.binary_search(&p).is_ok();
    listed(word)
        || (word.contains('-') && word.split('-').all(|p| !p.is_empty() && listed(p)))
        || word
            .split_once('-')
            .is_some_and(|(first, rest)| syllable(rest) && listed(first))
}

/// Second syllables of Korean and Taiwanese given names in their usual
/// romanizations, sorted.
const SECOND_SYLLABLES: &[&str] = &[
    "ah", "bin", "chan", "chen", "cheng", "chieh", "chul", "chun", "dong", "eun", "fang", "gyu", "ha", "han",
    "hao", "hee", "ho", "hoon", "hsin", "hsuan", "hua", "hui", "hun", "hung", "hwa", "hwan", "hye", "hyuk",
    "hyun", "jae", "ji", "jie", "jin", "jong", "joo", "joon", "ju", "jun", "kyu", "kyung", "lin", "ling",
    "lun", "mei", "mi", "min", "ming", "na", "ping", "ri", "rin", "ru", "sang", "seo", "seok", "seon",
    "seong", "seung", "sik", "sol", "soo", "suk", "sun", "sung", "tae", "ting", "wei", "wen", "won", "woo",
    "wook", "xuan", "yeol", "yeon", "yi", "yong", "yoon", "young", "yu", "yun",
];

/// Names learned from a repository.
#[derive(Debug, Default)]
pub struct Learned {
    /// Parts of people's names, lower case: "renata", "costa".
    pub names: HashSet<String>,
    /// Handles and e-mail local parts, lower case: "rcosta".
    pub handles: HashSet<String>,
    pub commits_read: usize,
}

/// The people pmlint knows of in this run.
#[derive(Debug, Default)]
pub struct People {
    /// Nouns wording packs add to the English classes.
    nouns: HashMap<String, Class>,
    people: HashSet<String>,
    not_people: HashSet<String>,
    /// Where to look for a repository whose history names people.
    repo_dir: Option<PathBuf>,
    learned: OnceLock<Learned>,
}

impl People {
    pub fn new(people: &[String], not_people: &[String], repo_dir: Option<PathBuf>) -> People {
        People {
            nouns: HashMap::new(),
            people: people.iter().map(|p| p.to_lowercase()).collect(),
            not_people: not_people.iter().map(|p| p.to_lowercase()).collect(),
            repo_dir,
            learned: OnceLock::new(),
        }
    }

    /// Adds nouns to the English classes (a pack's `[words]`).
    pub fn add_nouns(&mut self, words: &[(String, Class)]) {
        for (w, c) in words {
            let e = self.nouns.entry(w.clone()).or_default();
            *e = e.union(*c);
        }
    }

    /// The classes of a noun: the built-in English ones and the packs'.
    pub fn noun(&self, lower: &str) -> Class {
        let c = english().noun(lower);
        if self.nouns.is_empty() {
            return c;
        }
        let singular = lower.strip_suffix('s').unwrap_or(lower);
        c.union(
            self.nouns
                .get(lower)
                .or_else(|| self.nouns.get(singular))
                .copied()
                .unwrap_or_default(),
        )
    }

    /// Reads the repository holding `dir` for names, on first need.
    pub fn set_repo_dir(&mut self, dir: PathBuf) {
        self.repo_dir = Some(dir);
        self.learned = OnceLock::new();
    }

    /// The repository's people, read on first use.
    pub fn learned(&self) -> &Learned {
        self.learned.get_or_init(|| match &self.repo_dir {
            Some(dir) => Git::open(dir, "reading names")
                .map(|g| learn(&g))
                .unwrap_or_default(),
            None => Learned::default(),
        })
    }

    fn is_learned(&self, lower: &str, capitalized: bool) -> bool {
        let l = self.learned();
        (capitalized && l.names.contains(lower)) || l.handles.contains(lower)
    }

    /// What a word that is not in the English noun classes stands for:
    /// [`Class::PERSON`], [`Class::SYSTEM`], [`Class::UNKNOWN`] (capitalized,
    /// unplaced) or [`Class::EMPTY`] (a lower-case word: the caller's thing).
    pub fn classify(&self, word: &str, lower: &str, doc: &DocNames<'_>) -> Class {
        if self.not_people.contains(lower) {
            return Class::SYSTEM;
        }
        if self.people.contains(lower) {
            return Class::PERSON;
        }
        let (defined, compound) = doc.ident_of(lower);
        if defined {
            return Class::SYSTEM;
        }
        let capitalized = word.chars().next().is_some_and(char::is_uppercase);
        // Written in lower case elsewhere, it is a command or a daemon
        // ("gaia" or "gaiad" beside "Gaia"), unless someone is called so.
        if compound || english().software.contains(word) || (capitalized && doc.written_in_lower_case(lower))
        {
            return if self.is_learned(lower, capitalized) {
                Class::PERSON
            } else {
                Class::SYSTEM
            };
        }
        if capitalized && is_given_name(word) {
            return Class::PERSON;
        }
        if self.is_learned(lower, capitalized) {
            Class::PERSON
        } else if capitalized && !names_a_thing(lower) {
            Class::UNKNOWN
        } else {
            Class::EMPTY
        }
    }
}

/// Does an unlisted word's ending make it a noun of a thing or an idea
/// ("Validation", "Deployment", "Preparedness", "Coverage"), not a name?
/// Given names with these endings ("Florence", "Constance") are listed,
/// and so found before this is asked.
fn names_a_thing(lower: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "tion", "sion", "ment", "ness", "ity", "ance", "ence", "ancy", "ency", "ism", "ogy", "ship", "hood",
        "age", "ure",
    ];
    lower.len() >= 6 && ENDINGS.iter().any(|e| lower.ends_with(e))
}

/// Gives a document's [`DocNames`], worked out on first need.
pub trait DocNamesOf {
    fn names(&self) -> &DocNames<'_>;
}

/// What one document says about its words, each part worked out when a
/// sentence first needs it.
#[derive(Debug, Default)]
pub struct DocNames<'a> {
    doc: Option<&'a Document<'a>>,
    idents: OnceCell<Idents>,
    roles: RefCell<HashMap<String, bool>>,
    lowercase: OnceCell<HashSet<String>>,
    /// Questions `lowercase` answered by searching, before it was built.
    lower_searches: Cell<usize>,
    capitalized: OnceCell<HashSet<String>>,
    persons: OnceCell<HashSet<String>>,
    /// Questions `idents` answered by searching, before it was built.
    ident_searches: Cell<usize>,
    /// The prose with ASCII letters lowered, for those searches.
    lowered: OnceCell<Vec<u8>>,
}

/// Words a document uses as systems.
#[derive(Debug, Default)]
pub struct Idents {
    /// In inline code, or before a system noun ("the Renata service").
    pub defined: HashSet<String>,
    /// Part of an identifier: "renata" in `renata-api` or renata.internal.
    pub compound: HashSet<String>,
}

impl<'a> DocNames<'a> {
    pub fn new(doc: &'a Document<'a>) -> DocNames<'a> {
        DocNames {
            doc: Some(doc),
            ..DocNames::default()
        }
    }

    #[cfg(test)]
    pub fn with(idents: Idents) -> DocNames<'static> {
        DocNames {
            idents: OnceCell::from(idents),
            ..DocNames::default()
        }
    }

    pub fn idents(&self) -> &Idents {
        self.idents
            .get_or_init(|| self.doc.map(idents).unwrap_or_default())
    }

    /// Is `lower` in [`Idents::defined`], in [`Idents::compound`]? A
    /// document asks a few times, and a search of ASCII prose for the word
    /// costs far less than reading all its words; past a few questions the
    /// sets are built, so that time stays linear in the document.
    pub fn ident_of(&self, lower: &str) -> (bool, bool) {
        const SEARCHES: usize = 8;
        if let (None, Some(d)) = (self.idents.get(), self.doc) {
            if self.ident_searches.get() < SEARCHES && d.prose.is_ascii() {
                self.ident_searches.set(self.ident_searches.get() + 1);
                let lowered = self
                    .lowered
                    .get_or_init(|| d.prose.as_bytes().to_ascii_lowercase());
                return search_ident(d, lowered, lower);
            }
        }
        let i = self.idents();
        (i.defined.contains(lower), i.compound.contains(lower))
    }

    /// Does the document use `role` ("operator", singular) as software:
    /// "the Redis operator", "the `postgres` operator", "the cluster
    /// operator"?
    pub fn is_software_role(&self, role: &str) -> bool {
        if let Some(known) = self.roles.borrow().get(role) {
            return *known;
        }
        let found = self.doc.is_some_and(|d| software_role(d, role));
        self.roles.borrow_mut().insert(role.to_owned(), found);
        found
    }

    /// Is `lower` (or `lower` + "d", a daemon) written in lower case
    /// somewhere in the prose: a command, not a person?
    pub fn written_in_lower_case(&self, lower: &str) -> bool {
        let Some(d) = self.doc else { return false };
        // A document asks a few times: searching the prose for the word is
        // far cheaper than a set of all its words. Past a few questions the
        // set is built, so that time stays linear in the document.
        const SEARCHES: usize = 8;
        if self.lowercase.get().is_none() && self.lower_searches.get() < SEARCHES {
            self.lower_searches.set(self.lower_searches.get() + 1);
            return lower.starts_with(char::is_lowercase)
                && lower.chars().all(is_lower_word_char)
                && (has_word(&d.prose, lower) || has_word(&d.prose, &format!("{lower}d")));
        }
        let words = self.lowercase.get_or_init(|| {
            let mut out = HashSet::new();
            let prose = d.prose.as_str();
            let words = prose.split(|c: char| !is_lower_word_char(c));
            // One String per distinct word, not per occurrence; "@ravi" is
            // a handle, not the word.
            let handle = |w: &str| prose[..w.as_ptr() as usize - prose.as_ptr() as usize].ends_with('@');
            for w in words.filter(|w| w.starts_with(char::is_lowercase) && !handle(w)) {
                if !out.contains(w) {
                    out.insert(w.to_owned());
                }
            }
            out
        });
        words.contains(lower) || words.contains(&format!("{lower}d"))
    }
}

/// What [`DocNames::written_in_lower_case`] counts as part of a word.
fn is_lower_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// Is `word` in `text` as a whole word (in the sense of
/// [`is_lower_word_char`]), and not a handle's (`@word`)?
fn has_word(text: &str, word: &str) -> bool {
    memchr::memmem::find_iter(text.as_bytes(), word.as_bytes()).any(|at| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(|c| is_lower_word_char(c) || c == '@') && !after.is_some_and(is_lower_word_char)
    })
}

impl DocNames<'_> {
    /// Is `lower` written capitalized somewhere a sentence does not start
    /// ("we paged Aigerim", "at 10:04, Aigerim"): a proper noun, not a word
    /// capitalized because it opens a sentence?
    pub fn capitalized_inside(&self, lower: &str) -> bool {
        let words = self.capitalized.get_or_init(|| {
            let mut out = HashSet::new();
            let Some(d) = self.doc else { return out };
            for run in &d.runs {
                let text = &d.prose[run.clone()];
                for (at, w) in words(text) {
                    let inside = text[..at]
                        .trim_end()
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | ';' | '('));
                    if inside && w.starts_with(char::is_uppercase) {
                        let w = w.trim_end_matches("'s").trim_end_matches("’s");
                        out.insert(w.to_lowercase());
                    }
                }
            }
            out
        });
        words.contains(lower)
    }
}

/// Verbs of speaking and thinking, which only people do: "Teodor said",
/// "Ksenia wrote".
const SPEECH: &[&str] = &[
    "said",
    "says",
    "wrote",
    "writes",
    "asked",
    "asks",
    "told",
    "tells",
    "explained",
    "replied",
    "recalled",
    "admitted",
    "apologised",
    "apologized",
    "thought",
    "thinks",
    "felt",
    "feels",
    "remembered",
    "agreed",
    "recounted",
    "messaged",
];

/// Verbs whose object is a person: "we paged Bogdan", "thanked Ulrike".
const TO_PEOPLE: &[&str] = &[
    "paged", "pinged", "messaged", "texted", "phoned", "thanked", "woke", "asked", "told", "cc", "cc'd",
    "cc’d", "dm'd", "dmed", "emailed", "e-mailed",
];

impl DocNames<'_> {
    /// Does the document, somewhere, use `lower` (capitalized) as a person:
    /// a role beside it ("Kwabena (incident commander)", "on-call engineer
    /// Femi", "Ravshan, our SRE"), "who" after it, a verb of speaking after
    /// it ("Teodor said") or of paging before it ("we paged Bogdan")? One
    /// pass over the prose, on first need.
    pub fn is_person_elsewhere(&self, lower: &str, people: &People) -> bool {
        let persons = self.persons.get_or_init(|| {
            let mut out = HashSet::new();
            let Some(d) = self.doc else { return out };
            let role = |w: &str| people.noun(&w.to_lowercase()).intersects(Class::PERSON);
            for run in &d.runs {
                let text = &d.prose[run.clone()];
                let ws: Vec<(usize, &str)> = words(text).collect();
                for (k, &(at, w)) in ws.iter().enumerate() {
                    if !w.starts_with(char::is_uppercase) || w.chars().all(|c| !c.is_lowercase()) {
                        continue;
                    }
                    let name = w.trim_end_matches("'s").trim_end_matches("’s");
                    let end = at + w.len();
                    let next = ws.get(k + 1);
                    let gap = next.map_or("", |&(n, _)| &text[end..n]);
                    let next_word = next.map_or("", |&(_, n)| n).to_lowercase();
                    let prev = k.checked_sub(1).map(|j| ws[j]);
                    let gap_before = prev.map_or("", |(p, pw)| &text[p + pw.len()..at]);
                    // "Okafor (on call)", "Rasmus, our incident commander,".
                    let after_role = next.is_some_and(|_| {
                        let aside: Vec<&str> = ws[k + 1..]
                            .iter()
                            .take(4)
                            .take_while(|&&(n, _)| !text[end..n].contains([')', ';', '.']))
                            .map(|&(_, n)| n)
                            .collect();
                        (gap.trim() == "," || gap.trim() == "(")
                            && (aside.iter().any(|n| role(n))
                                || aside
                                    .windows(2)
                                    .any(|p| on_duty(p[0], p[1]) || role(&format!("{} {}", p[0], p[1]))))
                    });
                    let who = gap.trim().is_empty() || gap.trim() == ",";
                    let person = after_role
                        || (who && matches!(next_word.as_str(), "who" | "whose"))
                        || (gap.trim().is_empty() && SPEECH.contains(&next_word.as_str()))
                        || prev.is_some_and(|(_, p)| {
                            gap_before.trim().is_empty()
                                && (TO_PEOPLE.contains(&p.to_lowercase().as_str()) || role(p))
                        });
                    if person {
                        out.insert(name.to_lowercase());
                    }
                }
            }
            out
        });
        persons.contains(lower)
    }
}

/// "on call", "on shift": a person's duty.
pub fn on_duty(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case("on")
        && ["call", "duty", "shift", "pager", "point"]
            .iter()
            .any(|d| b.eq_ignore_ascii_case(d))
}

/// The words of a prose block, with their offsets: letters and digits
/// with the joiners inside them ("renata-api", "node.js", "Kim's").
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        // To the next letter or digit: ASCII punctuation and spaces are
        // skipped byte by byte, without decoding.
        loop {
            let b = *bytes.get(i)?;
            if b.is_ascii_alphanumeric() {
                break;
            }
            if b.is_ascii() {
                i += 1;
                continue;
            }
            let c = char_at(text, i)?;
            if c.is_alphanumeric() {
                break;
            }
            i += c.len_utf8();
        }
        let start = i;
        let mut end = i + char_at(text, i)?.len_utf8();
        let mut j = end;
        while let Some(d) = char_at(text, j) {
            if d.is_alphanumeric() {
                j += d.len_utf8();
                end = j;
            } else if matches!(d, '-' | '.' | '_' | '\'' | '’')
                && char_at(text, j + d.len_utf8()).is_some_and(char::is_alphanumeric)
            {
                j += d.len_utf8();
            } else {
                break;
            }
        }
        i = end;
        Some((start, &text[start..end]))
    })
}

/// The character at byte `i` (a boundary) of `text`; ASCII without
/// decoding, since this runs on every byte of the prose.
fn char_at(text: &str, i: usize) -> Option<char> {
    match *text.as_bytes().get(i)? {
        b if b.is_ascii() => Some(b as char),
        _ => text[i..].chars().next(),
    }
}

fn add_parts(out: &mut Idents, text: &str) {
    let parts: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() > 1 {
        for p in parts {
            out.compound.insert(p.to_lowercase());
        }
    }
}

/// [`idents`] asked about one word, `lower`, in a document whose prose is
/// ASCII (so that lowering a word keeps its length): (defined, compound).
/// Inline code is read as `idents` reads it; in the prose only the words
/// around the places that spell `lower` are.
/// `lowered` is the document's prose with ASCII letters lowered.
fn search_ident(doc: &Document<'_>, lowered: &[u8], lower: &str) -> (bool, bool) {
    let (mut defined, mut compound) = (false, false);
    for r in &doc.unchecked {
        let code = &doc.source[r.clone()];
        if code.starts_with('`') && !code.contains('\n') {
            let inner = code.trim_matches('`').trim();
            defined |= inner.to_lowercase() == lower;
            let parts = inner
                .split(|c: char| !c.is_alphanumeric())
                .filter(|p| !p.is_empty());
            compound |=
                parts.clone().nth(1).is_some() && parts.into_iter().any(|p| p.to_lowercase() == lower);
        }
    }
    let q = lower.as_bytes();
    // The prose's words are ASCII, lowered, and start with a letter or digit.
    if !q.first().is_some_and(u8::is_ascii_alphanumeric)
        || !lower.is_ascii()
        || q.iter().any(u8::is_ascii_uppercase)
    {
        return (defined, compound);
    }
    let en = english();
    let alnum = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    let part_like = q.iter().all(u8::is_ascii_alphanumeric);
    // Every place of `q` in any case (overlapping ones too): where the
    // lowered prose holds it, since `q` is lowercase ASCII.
    let finder = memchr::memmem::Finder::new(q);
    for run in &doc.runs {
        let text = &doc.prose[run.clone()];
        let b = text.as_bytes();
        let low = &lowered[run.clone()];
        // The word around the last match, and whether it is a compound
        // identifier once asked: a long word holding the name many times
        // is walked and judged once, not once per match (which would be
        // quadratic).
        let mut word: Option<(usize, usize, Option<bool>)> = None;
        let mut from = 0;
        while let Some(i) = finder.find(&low[from..]) {
            let at = from + i;
            from = at + 1;
            let (start, end) = match word {
                Some((start, end, _)) if at < end => (start, end),
                _ => {
                    let (start, end) = word_around(b, at);
                    word = Some((start, end, None));
                    (start, end)
                }
            };
            let w = &text[start..end];
            // "the Renata service": the word, capitalized, before a system noun.
            if !defined && start == at && w.starts_with(|c: char| c.is_ascii_uppercase()) {
                let key = w.to_ascii_lowercase();
                if key.trim_end_matches("'s") == lower {
                    let possessive = key.len() > lower.len();
                    let next = (end..b.len()).find(|&j| b[j].is_ascii_alphanumeric());
                    if let Some(next) = next.filter(|&n| text[end..n].trim().is_empty()) {
                        let (_, next_end) = word_around(b, next);
                        let class = en.noun(&text[next..next_end].to_ascii_lowercase());
                        defined = names_a_system(class, possessive);
                    }
                }
            }
            // "renata" in renata-api: a part of an identifier.
            let handle = start > 0 && b[start - 1] == b'@';
            if !compound
                && !handle
                && part_like
                && (at == 0 || !alnum(b.get(at - 1)))
                && !alnum(b.get(at + q.len()))
            {
                if let Some((_, _, judged)) = &mut word {
                    compound = *judged.get_or_insert_with(|| {
                        w.bytes()
                            .any(|c| matches!(c, b'-' | b'.' | b'_') || c.is_ascii_digit())
                            && super::clause::is_identifier(w)
                            && w.split(|c: char| !c.is_alphanumeric())
                                .filter(|p| !p.is_empty())
                                .nth(1)
                                .is_some()
                    });
                }
            }
            if defined && compound {
                return (true, true);
            }
        }
    }
    (defined, compound)
}

/// The word of ASCII `b` (as [`words`] splits it) that holds the letter or
/// digit at `at`: letters and digits, and a joiner between two of them.
fn word_around(b: &[u8], at: usize) -> (usize, usize) {
    let joiner = |c: u8| matches!(c, b'-' | b'.' | b'_' | b'\'');
    let mut start = at;
    loop {
        if start > 0 && b[start - 1].is_ascii_alphanumeric() {
            start -= 1;
        } else if start > 1 && joiner(b[start - 1]) && b[start - 2].is_ascii_alphanumeric() {
            start -= 2;
        } else {
            break;
        }
    }
    let mut end = at + 1;
    loop {
        if b.get(end).is_some_and(u8::is_ascii_alphanumeric) {
            end += 1;
        } else if b.get(end).is_some_and(|&c| joiner(c))
            && b.get(end + 1).is_some_and(u8::is_ascii_alphanumeric)
        {
            end += 2;
        } else {
            break;
        }
    }
    (start, end)
}

/// Inline code and identifiers name systems; "<Word> <system noun>"
/// defines one. One pass over the prose.
fn idents(doc: &Document<'_>) -> Idents {
    let en = english();
    let mut out = Idents::default();
    for r in &doc.unchecked {
        let code = &doc.source[r.clone()];
        if code.starts_with('`') && !code.contains('\n') {
            let inner = code.trim_matches('`').trim();
            out.defined.insert(inner.to_lowercase());
            add_parts(&mut out, inner);
        }
    }
    let mut lower = String::new();
    for run in &doc.runs {
        let text = &doc.prose[run.clone()];
        let mut prev: Option<(usize, &str)> = None;
        for (at, w) in words(text) {
            // "@ravi.k" is a handle, not an identifier naming a system.
            let handle = text[..at].ends_with('@');
            if !handle
                && w.bytes()
                    .any(|b| matches!(b, b'-' | b'.' | b'_') || b.is_ascii_digit())
                && super::clause::is_identifier(w)
            {
                add_parts(&mut out, w);
            }
            if let Some((_, pw)) = prev.filter(|(p, pw)| {
                pw.starts_with(char::is_uppercase) && text[p + pw.len()..at].trim().is_empty()
            }) {
                lower.clear();
                if w.is_ascii() {
                    lower.push_str(w);
                    lower.make_ascii_lowercase();
                } else {
                    lower.extend(w.chars().flat_map(char::to_lowercase));
                }
                let possessive = pw.ends_with("'s") || pw.ends_with("’s");
                if names_a_system(en.noun(&lower), possessive) {
                    out.defined.insert(
                        pw.to_lowercase()
                            .trim_end_matches("'s")
                            .trim_end_matches("’s")
                            .to_owned(),
                    );
                }
            }
            prev = Some((at, w));
        }
    }
    out
}

/// Does a capitalized word before a noun of `class` name a system? "the
/// Renata service", "Cassandra cluster"; but "Zara's change" is hers.
fn names_a_system(class: Class, possessive: bool) -> bool {
    class.intersects(Class::SYSTEM)
        && !class.intersects(Class::PERSON)
        && !(possessive && class.intersects(Class::WORK))
}

/// Is `role` preceded, somewhere in the prose, by a product name, an
/// identifier, code or a system noun?
fn software_role(doc: &Document<'_>, role: &str) -> bool {
    let en = english();
    let prose = doc.prose.as_str();
    let bytes = prose.as_bytes();
    for at in memchr::memmem::find_iter(bytes, role.as_bytes()) {
        // A whole word (plural allowed).
        let before_ok = at == 0 || !prose[..at].ends_with(char::is_alphanumeric);
        let after = &prose[at + role.len()..];
        let after_ok = !after.starts_with(char::is_alphanumeric)
            || (after.starts_with('s') && !after[1..].starts_with(char::is_alphanumeric));
        if !(before_ok && after_ok) {
            continue;
        }
        if doc.source[..at].trim_end().ends_with('`') {
            return true;
        }
        let head = prose[..at].trim_end_matches(' ');
        let prev = head
            .rsplit(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '.' | '_' | '\'')))
            .next()
            .unwrap_or("");
        if prev.is_empty() || at == head.len() {
            continue;
        }
        let pl = prev.to_lowercase();
        if en.determiners.contains(&pl) {
            continue;
        }
        let pc = en.noun(&pl);
        let software = !pc.intersects(Class::PERSON.union(Class::TEAM))
            && (super::clause::is_identifier(prev)
                || (prev.starts_with(char::is_uppercase)
                    && !is_given_name(prev)
                    && !en.is_function_word(&pl))
                || pc.intersects(Class::SYSTEM));
        if software {
            return true;
        }
    }
    false
}

/// Skips identities that are machines.
fn is_bot(name: &str, email: &str) -> bool {
    let n = name.to_lowercase();
    let e = email.to_lowercase();
    [
        "bot",
        "noreply",
        "no-reply",
        "actions",
        "dependabot",
        "renovate",
        "jenkins",
        "automation",
        "robot",
        "ci@",
    ]
    .iter()
    .any(|w| n.contains(w) || e.starts_with(w) || e.contains(&format!("{w}@")))
}

/// A word that can be a name part: letters (any script), apostrophes,
/// hyphens; not an English function word or a noun pmlint already knows.
fn name_part(part: &str) -> Option<String> {
    let p = part.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
    let en = english();
    let ok = p.chars().count() >= 2
        && p.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '-')
        && !en.is_function_word(&p)
        && en.noun(&p).is_empty();
    ok.then_some(p)
}

impl Learned {
    fn add_identity(&mut self, name: &str, email: &str) {
        if is_bot(name, email) {
            return;
        }
        for part in name.split_whitespace() {
            if let Some(p) = name_part(part) {
                self.names.insert(p);
            }
        }
        self.add_email(email);
    }

    fn add_email(&mut self, email: &str) {
        let Some(local) = email
            .split('@')
            .next()
            .filter(|l| !l.is_empty() && email.contains('@'))
        else {
            return;
        };
        // "12345+rcosta@users.noreply.github.com": the handle after `+`.
        let local = local.rsplit('+').next().unwrap_or(local);
        for part in std::iter::once(local).chain(local.split(['.', '_', '-'])) {
            if part.chars().all(char::is_alphabetic) {
                if let Some(p) = name_part(part) {
                    self.handles.insert(p);
                }
            }
        }
    }

    fn add_handle(&mut self, handle: &str) {
        for part in handle.trim_start_matches('@').split('/') {
            if let Some(p) = name_part(part).or_else(|| {
                // Handles may hold digits or hyphens: "rcosta-2".
                let l = part.to_lowercase();
                (l.len() >= 2 && l.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')).then_some(l)
            }) {
                self.handles.insert(p);
            }
        }
    }
}

/// Reads people from the history (up to [`MAX_COMMITS`] from HEAD), the
/// `.mailmap` and CODEOWNERS (from the work tree, else HEAD's tree).
pub fn learn(git: &Git) -> Learned {
    let mut out = Learned::default();
    let repo = &git.repo;
    if let Ok(mut walk) = repo.revwalk() {
        if walk.push_head().is_ok() {
            for oid in walk.flatten().take(MAX_COMMITS) {
                if let Ok(c) = repo.find_commit(oid) {
                    for sig in [c.author(), c.committer()] {
                        out.add_identity(sig.name().unwrap_or(""), sig.email().unwrap_or(""));
                    }
                    out.commits_read += 1;
                }
            }
        }
    }
    let read = |path: &str| -> Option<String> {
        if let Some(dir) = repo.workdir() {
            if let Ok(t) = std::fs::read_to_string(dir.join(path)) {
                return Some(t);
            }
        }
        let tree = repo.head().ok()?.peel_to_tree().ok()?;
        let blob = tree
            .get_path(std::path::Path::new(path))
            .ok()?
            .to_object(repo)
            .ok()?
            .peel_to_blob()
            .ok()?;
        String::from_utf8(blob.content().to_vec()).ok()
    };
    if let Some(mailmap) = read(".mailmap") {
        // "Proper Name <proper@email> Commit Name <commit@email>"
        for line in mailmap.lines().map(str::trim).filter(|l| !l.starts_with('#')) {
            let mut rest = line;
            while let Some(open) = rest.find('<') {
                let name = rest[..open].trim();
                let Some(close) = rest[open..].find('>') else {
                    break;
                };
                let email = &rest[open + 1..open + close];
                out.add_identity(name, email);
                rest = &rest[open + close + 1..];
            }
        }
    }
    for path in [
        "CODEOWNERS",
        ".github/CODEOWNERS",
        "docs/CODEOWNERS",
        ".gitlab/CODEOWNERS",
    ] {
        if let Some(owners) = read(path) {
            for line in owners.lines().map(str::trim).filter(|l| !l.starts_with('#')) {
                for owner in line.split_whitespace().skip(1) {
                    if owner.starts_with('@') {
                        out.add_handle(owner);
                    } else if owner.contains('@') {
                        out.add_email(owner);
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_join_identifiers_and_read_any_script() {
        let text = "Ping Søren's renata-api (node.js), ‘x’ über_1 a’b -c 東京.";
        let got: Vec<(usize, &str)> = words(text).collect();
        let want = [
            "Ping",
            "Søren's",
            "renata-api",
            "node.js",
            "x",
            "über_1",
            "a’b",
            "c",
            "東京",
        ];
        assert_eq!(got.iter().map(|(_, w)| *w).collect::<Vec<_>>(), want);
        for (at, w) in got {
            assert_eq!(&text[at..at + w.len()], w);
        }
        assert_eq!(words("-- ... ’").count(), 0);
    }

    #[test]
    fn given_names_are_case_sensitive_and_skip_english_words() {
        assert!(is_given_name("Renata") && is_given_name("Søren") && is_given_name("Yusuf"));
        assert!(!is_given_name("renata"));
        assert!(!is_given_name("Will") && !is_given_name("Page") && !is_given_name("Mark"));
        // The second source: Icelandic, Irish, Welsh, Igbo, romanized Japanese and Chinese.
        for n in [
            "Dagný", "Sigrún", "Aoife", "Siobhan", "Gareth", "Ngozi", "Hiroshi", "Yuki", "Wei",
        ] {
            assert!(is_given_name(n), "{n}");
        }
    }

    #[test]
    fn given_names_without_diacritics_and_hyphenated() {
        assert!(is_given_name("Dagny") && is_given_name("Sigrun") && is_given_name("Soren"));
        assert!(is_given_name("Chia-Hao") && is_given_name("Chia-hao"));
        assert!(is_given_name("Jean-Noël") && is_given_name("Anne-Sophie"));
        assert!(!is_given_name("Renata-api") && !is_given_name("Renata-"));
        assert!(is_given_name("Jin-woo") && is_given_name("Yu-ting") && !is_given_name("Jin-db"));
        // "Léa" is listed, but "Lea" is an English word: only its own spelling counts.
        assert!(is_given_name("Léa") && !is_given_name("Lea"));
    }

    #[test]
    fn second_syllables_are_sorted() {
        assert!(SECOND_SYLLABLES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn the_name_lists_are_sorted_by_their_folded_keys() {
        for list in GIVEN_NAMES {
            let names: Vec<&str> = names_of(list).lines().collect();
            assert!(names.len() > 10_000);
            for pair in names.windows(2) {
                let key = |l: &str| fold(l.split('\t').next().unwrap()).collect::<String>();
                assert!(key(pair[0]) <= key(pair[1]), "{} before {}", pair[0], pair[1]);
            }
            for n in &names {
                let name = n.split('\t').next().unwrap();
                assert!(fold(name).all(|c| c.is_ascii()), "{name} does not fold to ASCII");
                assert!(
                    is_given_name(name) || !name.starts_with(char::is_uppercase),
                    "{name} is listed but not found"
                );
            }
        }
    }

    #[test]
    #[ignore = "a measurement, not a test: cargo test --lib lookup_cost -- --ignored --nocapture"]
    fn lookup_cost() {
        let words: Vec<&str> = names_of(GIVEN_NAMES[1])
            .lines()
            .step_by(7)
            .chain(["Qwzx", "Dagny", "Hyun-woo"])
            .collect();
        let t = std::time::Instant::now();
        let mut n = 0;
        for w in &words {
            n += usize::from(is_given_name(w.split('\t').next().unwrap()));
        }
        let per = t.elapsed() / words.len() as u32;
        eprintln!("{} lookups, {n} found, {per:?} each", words.len());
    }

    #[test]
    fn identities() {
        let mut l = Learned::default();
        l.add_identity("Renata Costa", "12345+rcosta@users.noreply.github.com");
        l.add_identity(
            "dependabot[bot]",
            "49699333+dependabot[bot]@users.noreply.github.com",
        );
        l.add_identity("The Engineer", "ops@example.com");
        l.add_handle("@acme/sre-team");
        assert!(l.names.contains("renata") && l.names.contains("costa"));
        assert!(l.handles.contains("rcosta") && l.handles.contains("sre-team"));
        assert!(!l.names.contains("dependabot") && !l.names.contains("engineer"));
    }

    /// `text` parsed with the default template.
    fn parse(text: &str) -> Document<'_> {
        let template = Box::leak(Box::new(
            crate::packs::builtin_template("default").unwrap().unwrap(),
        ));
        let options = crate::document::ParseOptions {
            template,
            owner_patterns: &[],
            date_order: Default::default(),
        };
        Document::parse(text, &options)
    }

    /// "@ravi" does not make "ravi" a word written in lower case, whether
    /// the prose is searched (the first eight questions) or its words are
    /// kept (after them).
    #[test]
    fn a_handle_is_not_the_name_in_lower_case() {
        let doc = parse("# T\n\nAsk @ravi.k or @ana; the deploy ran.\n");
        let names = DocNames::new(&doc);
        for _ in 0..20 {
            assert!(!names.written_in_lower_case("ravi"));
            assert!(!names.written_in_lower_case("ana"));
            assert!(names.written_in_lower_case("deploy"));
        }
    }

    #[test]
    fn a_search_for_one_word_answers_as_the_sets_of_all_words() {
        let text = "# Title\n\nThe Renata service and Kim's cluster broke; ask Ola's \
            team. Our renata-api (v2.node_js) and x-Ray, `Gaia-d` and `boreas`, \
            Zeus\tdatabase, Hera, queue. Cassandra's cluster, Jean-Luc node, a--b \
            x.-y, IO's 'q'r, renata2 and 3-a. Xmira-mira, miramira-x, Mira Mira-lake \
            tool. Ask @ravi.k or @ana_b.\n\n- Nyx pipeline owner\n";
        let doc = parse(text);
        let all = idents(&doc);
        let mut asked: Vec<String> = all.defined.iter().chain(&all.compound).cloned().collect();
        asked.extend(text.split(|c: char| c.is_whitespace()).map(str::to_lowercase));
        asked.extend(
            [
                "", "renata's", "kim's", "v2", "node", "js", "b", "y", "q", "Renata", "mira", "lake", "ravi",
                "k", "ana",
            ]
            .map(String::from),
        );
        for q in &asked {
            let want = (all.defined.contains(q), all.compound.contains(q));
            let lowered = doc.prose.as_bytes().to_ascii_lowercase();
            assert_eq!(search_ident(&doc, &lowered, q), want, "{q:?}");
        }
        // The test reads both kinds of entry from both places.
        for q in ["renata", "kim", "zeus", "gaia-d", "boreas"] {
            assert!(all.defined.contains(q), "{q}");
        }
        for q in ["api", "v2", "node", "js", "gaia"] {
            assert!(all.compound.contains(q), "{q}");
        }
        // A handle names a person, not an identifier's part.
        for q in ["ravi", "ana"] {
            assert!(!all.compound.contains(q), "{q}");
        }
    }

    #[test]
    fn classify_by_priority() {
        let people = People::new(&["Zed".into()], &["Renata".into()], None);
        let doc = DocNames::default();
        assert_eq!(people.classify("Zed", "zed", &doc), Class::PERSON);
        assert_eq!(people.classify("Renata", "renata", &doc), Class::SYSTEM);
        assert_eq!(people.classify("Yusuf", "yusuf", &doc), Class::PERSON);
        assert_eq!(people.classify("Cassandra", "cassandra", &doc), Class::SYSTEM);
        assert_eq!(people.classify("Qwzx", "qwzx", &doc), Class::UNKNOWN);
        // An unlisted word that ends as nouns of things do.
        for (word, lower) in [("Validation", "validation"), ("Preparedness", "preparedness")] {
            assert_eq!(people.classify(word, lower, &doc), Class::EMPTY, "{word}");
        }
        assert_eq!(people.classify("Florence", "florence", &doc), Class::PERSON);
        let doc = DocNames::with(Idents {
            compound: ["yusuf".to_owned()].into_iter().collect(),
            ..Idents::default()
        });
        assert_eq!(people.classify("Yusuf", "yusuf", &doc), Class::SYSTEM);
    }
}
