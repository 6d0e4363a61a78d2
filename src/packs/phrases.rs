//! Phrase packs: the word lists behind `blame-wording`, `hindsight-wording`
//! and `placeholder-text`: their schema and validation. The wording engine
//! ([`crate::wording`]) matches the wording packs; [`PhrasePack::find`]
//! matches placeholder packs.
//!
//! Each phrase is a regular expression matched on whole words; a space in a
//! pattern matches any run of whitespace, line breaks included. Conditions
//! (`subject`, `followed-by`, ...) keep a phrase from firing where it would
//! be a false positive. Regular expressions are compiled on first use, so
//! that a run pays only for the phrases its documents contain.

use std::ops::Range;
use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};
use toml::Spanned;

use super::automata::{Ascii, Haystack};
use super::schema::{Classes, PackFile};
use crate::error::SpannedError;
use crate::pattern::Pattern;
use crate::wording::english::Class;

/// The rules a phrase pack may feed.
pub const PHRASE_RULES: &[&str] = &["blame-wording", "hindsight-wording", "placeholder-text"];

/// The rules whose packs the wording engine matches.
pub const WORDING_RULES: &[&str] = &["blame-wording", "hindsight-wording"];

/// What must come right after a phrase (the span grows to include it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FollowedBy {
    /// "should have *checked*", "should have *known*"; not "should have
    /// *dedicated* nodes", "should have *read* access", "should have *been*
    /// paged".
    PastParticiple,
    /// "never *checked*", "never *acknowledged*".
    PastTense,
    /// A verb in its base form: "failed to *notice*".
    Verb,
}

/// A construction the phrase opens, with its subject after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// "if (only) *she* had waited", "had *we* known": a counterfactual
    /// condition; the phrase is "if", "if only" or a clause-initial "had".
    Conditional,
}

/// The conditions only the wording engine reads.
#[derive(Clone, Debug, Default)]
pub struct Conditions {
    pub subject: Option<Class>,
    pub object: Option<Class>,
    pub agent: Option<Class>,
    pub possessor: Option<Class>,
    pub said_of: Option<Class>,
    pub followed_by: Option<FollowedBy>,
    pub form: Option<Form>,
    /// Skip where the sentence says why: "no alert was configured, so
    /// nobody noticed".
    pub skip_explained: bool,
}

impl Conditions {
    fn any(&self) -> bool {
        self.subject.is_some()
            || self.object.is_some()
            || self.agent.is_some()
            || self.possessor.is_some()
            || self.said_of.is_some()
            || self.followed_by.is_some()
            || self.form.is_some()
            || self.skip_explained
    }
}

/// One phrase, compiled on first use.
#[derive(Debug)]
pub struct Phrase {
    pub pattern: String,
    /// The regular expression behind `pattern` (see [`regex_source`]).
    pub source: String,
    pub case_sensitive: bool,
    regex: OnceLock<Option<Regex>>,
    /// The same pattern for ASCII text (see [`Phrase::matches`]).
    ascii: Ascii,
    /// Punctuation every match holds and the longest match, when the
    /// pattern has them (see [`Phrase::matches`]).
    anchors: OnceLock<Option<Anchors>>,
    /// The pattern anchored and followed by a word's end (see
    /// [`Phrase::matches`]).
    whole: OnceLock<Option<Pattern>>,
    pub message: String,
    pub help: Option<String>,
    /// A blameless rewrite of the span, for editors' quick fixes.
    pub suggest: Option<String>,
    pub when: Conditions,
    not_followed_by: Option<(String, OnceLock<Option<Pattern>>)>,
    /// Must match the end of the text before a match, in its sentence.
    preceded_by: Option<(String, OnceLock<Option<Pattern>>)>,
    pub skip_in_action_items: bool,
    skip_emphasized: bool,
}

impl Clone for Phrase {
    fn clone(&self) -> Phrase {
        Phrase {
            pattern: self.pattern.clone(),
            source: self.source.clone(),
            case_sensitive: self.case_sensitive,
            regex: OnceLock::new(),
            ascii: Ascii::default(),
            anchors: OnceLock::new(),
            whole: OnceLock::new(),
            message: self.message.clone(),
            help: self.help.clone(),
            suggest: self.suggest.clone(),
            when: self.when.clone(),
            not_followed_by: self
                .not_followed_by
                .as_ref()
                .map(|(s, _)| (s.clone(), OnceLock::new())),
            preceded_by: self
                .preceded_by
                .as_ref()
                .map(|(s, _)| (s.clone(), OnceLock::new())),
            skip_in_action_items: self.skip_in_action_items,
            skip_emphasized: self.skip_emphasized,
        }
    }
}

fn compile(source: &str, case_sensitive: bool) -> Result<Regex, regex::Error> {
    RegexBuilder::new(source)
        .case_insensitive(!case_sensitive)
        .size_limit(1 << 20)
        .build()
}

fn build(source: &str, case_sensitive: bool) -> Option<Regex> {
    compile(source, case_sensitive).ok()
}

impl Phrase {
    /// The compiled pattern; `None` only if it is too big to compile.
    pub fn regex(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| build(&self.source, self.case_sensitive))
            .as_ref()
    }

    /// The byte ranges of every match in `text`. ASCII text (most prose) is
    /// read with the pattern cut to ASCII, built ahead for the built-in
    /// packs (see [`super::automata`]); it finds the same matches there.
    pub fn matches(&self, text: &str, found: impl FnMut(Range<usize>)) {
        self.matches_known(text, text.is_ascii(), found);
    }

    /// [`Phrase::matches`] where the caller knows whether `text` is ASCII
    /// (a pack's phrases search the same text).
    fn matches_known(&self, text: &str, ascii: bool, mut found: impl FnMut(Range<usize>)) {
        let mut found = |m: Range<usize>| found(self.to_word_end(text, m));
        if ascii {
            let (source, case_sensitive, bytes) = (&self.source, self.case_sensitive, text.as_bytes());
            // A bounded pattern that every match of holds a punctuation
            // mark of (a clock time's `:`) is searched only around them.
            // Not early in a run: working the marks out (parsing every
            // pattern) costs more than the automata built ahead save.
            let anchors = if crate::automata::early() {
                None
            } else {
                self.anchors
                    .get_or_init(|| Anchors::of(source, case_sensitive))
                    .as_ref()
            };
            let searched = match anchors {
                Some(a) => {
                    let mut searched = true;
                    a.windows(bytes, |w| {
                        searched &= self.ascii.find_iter(
                            source,
                            case_sensitive,
                            bytes,
                            w,
                            Haystack::Short,
                            &mut found,
                        );
                    });
                    searched
                }
                None => {
                    let all = 0..text.len();
                    self.ascii
                        .find_iter(source, case_sensitive, bytes, all, Haystack::Long, &mut found)
                }
            };
            if searched {
                return;
            }
        }
        if let Some(re) = self.regex() {
            re.find_iter(text).for_each(|m| found(m.range()));
        }
    }

    /// [`Phrase::matches`] for a short text, one sentence, where a trigger
    /// word already sent this phrase: on ASCII, the pattern runs without
    /// its literal prefilter, which on a sentence costs more than the
    /// automaton it spares (its candidates are everywhere in English). The
    /// matches are the same: a prefilter only skips ahead. On ASCII, only
    /// matches that end by `before` are looked for, the text after still
    /// seen by `\b`: the caller passes the end of the last trigger of a
    /// phrase whose literals end its matches, and every such literal in the
    /// sentence is a trigger or inside one (see [`crate::wording`]'s
    /// tables), so a search that stops there finds the same matches.
    pub fn matches_in(&self, text: &str, before: usize, mut found: impl FnMut(Range<usize>)) {
        let mut found_word = |m: Range<usize>| found(self.to_word_end(text, m));
        if text.is_ascii() {
            let bytes = text.as_bytes();
            if self.ascii.find_iter(
                &self.source,
                self.case_sensitive,
                bytes,
                0..before,
                Haystack::Short,
                &mut found_word,
            ) {
                return;
            }
        }
        if let Some(re) = self.regex() {
            re.find_iter(text).for_each(|m| found_word(m.range()));
        }
    }

    /// [`Phrase::matches_in`] for a phrase whose every match starts at one
    /// of `starts` (ascending), in ASCII `text`: a search anchored at each
    /// start reads a few bytes where one through the sentence reads it
    /// all. The same matches: the search through finds, from where it is,
    /// the first start with a match and there the same match, then goes
    /// on from its end.
    pub fn matches_at(&self, text: &str, starts: &[usize], mut found: impl FnMut(Range<usize>)) {
        debug_assert!(text.is_ascii());
        let (mut from, mut raw) = (0, Vec::new());
        for &start in starts.iter().filter(|&&s| s < text.len()) {
            if start < from {
                continue;
            }
            let m = self
                .ascii
                .find_at(&self.source, self.case_sensitive, text.as_bytes(), start);
            match m {
                Some(Some(m)) => {
                    from = m.end;
                    raw.push(m);
                }
                Some(None) => {}
                // Not compiled: as `matches_in` would, nothing reported twice.
                None => return self.matches_in(text, text.len(), found),
            }
        }
        raw.into_iter().for_each(|m| found(self.to_word_end(text, m)));
    }

    #[cfg(test)]
    fn regex_crate_ascii(&self) -> Option<regex::bytes::Regex> {
        regex::bytes::RegexBuilder::new(&self.source)
            .unicode(false)
            .case_insensitive(!self.case_sensitive)
            .size_limit(1 << 20)
            .build()
            .ok()
    }

    /// A match that stops inside a word ("prod" of `prod|production` in
    /// "production": the regex takes the first alternative that matches,
    /// and words are checked after) is tried again from its start, where
    /// the pattern must end a word; the longer match, if there is one.
    fn to_word_end(&self, text: &str, m: Range<usize>) -> Range<usize> {
        let last = text[m.clone()].chars().next_back();
        let next = text[m.end..].chars().next();
        let inside = last.is_some_and(is_word_char) && next.is_some_and(|c| is_word_char(c) || c == '-');
        if !inside {
            return m;
        }
        let whole = self.whole.get_or_init(|| {
            let source = format!(r"^({})(?:[^\p{{Alphabetic}}\p{{N}}\-]|\z)", self.source);
            Pattern::phrase(&source, self.case_sensitive)
        });
        whole
            .as_ref()
            .and_then(|re| re.captures_iter(&text[m.start..]).next())
            .and_then(|c| c.get(1))
            .map_or(m.clone(), |g| m.start..m.start + g.end())
    }

    /// The `not-followed-by` and `preceded-by` patterns, for the table
    /// built ahead.
    #[cfg(test)]
    pub fn context_sources(&self) -> impl Iterator<Item = &str> {
        [&self.not_followed_by, &self.preceded_by]
            .into_iter()
            .flatten()
            .map(|(s, _)| s.as_str())
    }

    /// Does the text before a match in its sentence (its last
    /// [`PRECEDED_WINDOW`] bytes, so that a long sentence costs no more)
    /// allow the phrase?
    pub fn allowed_by_previous(&self, before: &str) -> bool {
        let Some((source, re)) = &self.preceded_by else {
            return true;
        };
        let mut from = before.len().saturating_sub(PRECEDED_WINDOW);
        while !before.is_char_boundary(from) {
            from += 1;
        }
        re.get_or_init(|| Pattern::phrase(source, self.case_sensitive))
            .as_ref()
            .is_some_and(|re| re.is_match(before[from..].trim_end()))
    }

    /// Does the text after a match rule the phrase out?
    pub fn excluded_by_next(&self, after: &str) -> bool {
        self.not_followed_by.as_ref().is_some_and(|(source, re)| {
            re.get_or_init(|| Pattern::phrase(source, self.case_sensitive))
                .as_ref()
                .is_some_and(|re| re.is_match(after.trim_start_matches([' ', '\t'])))
        })
    }
}

/// How much of the text before a match `preceded-by` reads.
pub const PRECEDED_WINDOW: usize = 200;

/// Punctuation that every match of a pattern holds, and how long a match
/// can be: every match then lies within `longest` bytes of one of those
/// marks, and only there is the pattern run. A prefilter of the regex
/// crate looks for a literal a match starts with; for a clock time
/// (`[0-9Xx]?[Xx]:[0-9Xx]{2}`) there is none worth it, and the automaton
/// otherwise reads every byte of the document.
#[derive(Debug)]
struct Anchors {
    marks: Vec<u8>,
    longest: usize,
}

impl Anchors {
    /// How long a match may be for the search to go by windows.
    const LONGEST: usize = 64;

    fn of(source: &str, case_sensitive: bool) -> Option<Anchors> {
        let hir = regex_syntax::ParserBuilder::new()
            .unicode(false)
            .utf8(false)
            .case_insensitive(!case_sensitive)
            .build()
            .parse(source)
            .ok()?;
        let longest = hir
            .properties()
            .maximum_len()
            .filter(|&n| n > 0 && n <= Self::LONGEST)?;
        let marks = required_marks(&hir)?;
        Some(Anchors { marks, longest })
    }

    /// Calls `search` on each merged window around the marks in `text`.
    fn windows(&self, text: &[u8], mut search: impl FnMut(Range<usize>)) {
        let hits: Box<dyn Iterator<Item = usize>> = match self.marks[..] {
            [a] => Box::new(memchr::memchr_iter(a, text)),
            [a, b] => Box::new(memchr::memchr2_iter(a, b, text)),
            [a, b, c] => Box::new(memchr::memchr3_iter(a, b, c, text)),
            _ => Box::new(0..text.len()),
        };
        let mut open: Option<Range<usize>> = None;
        for at in hits {
            let w = at.saturating_sub(self.longest - 1)..(at + self.longest).min(text.len());
            match &mut open {
                Some(o) if w.start <= o.end => o.end = w.end,
                _ => {
                    if let Some(o) = open.replace(w) {
                        search(o);
                    }
                }
            }
        }
        if let Some(o) = open {
            search(o);
        }
    }
}

/// ASCII punctuation (at most three marks) of which every match of `hir`
/// holds one, if there is such a set.
fn required_marks(hir: &regex_syntax::hir::Hir) -> Option<Vec<u8>> {
    use regex_syntax::hir::{Class, HirKind};
    let mark = |b: u8| b.is_ascii_punctuation();
    let set = match hir.kind() {
        HirKind::Literal(l) => vec![*l.0.iter().find(|&&b| mark(b))?],
        HirKind::Class(Class::Bytes(c)) => {
            let bytes: Vec<u8> = c.iter().flat_map(|r| r.start()..=r.end()).take(4).collect();
            bytes.iter().all(|&b| mark(b)).then_some(bytes)?
        }
        HirKind::Class(Class::Unicode(c)) => {
            let chars: Vec<char> = c.iter().flat_map(|r| r.start()..=r.end()).take(4).collect();
            chars
                .iter()
                .map(|&c| u8::try_from(c).ok().filter(|&b| mark(b)))
                .collect::<Option<Vec<u8>>>()?
        }
        HirKind::Repetition(r) if r.min > 0 => required_marks(&r.sub)?,
        HirKind::Capture(c) => required_marks(&c.sub)?,
        HirKind::Concat(parts) => parts.iter().filter_map(required_marks).min_by_key(Vec::len)?,
        HirKind::Alternation(alts) => {
            let mut all = Vec::new();
            for a in alts {
                all.extend(required_marks(a)?);
            }
            all.sort_unstable();
            all.dedup();
            all
        }
        _ => return None,
    };
    (set.len() <= 3).then_some(set)
}

/// How much of a pack's patterns is checked when it is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Load {
    /// Syntax checked; compiled on first use.
    Checked,
    /// Nothing checked (built-in packs, checked by a test).
    Trusted,
    /// Compiled now, so that one too large to compile is an error at load.
    Compiled,
}

/// A compiled phrase pack.
#[derive(Clone, Debug)]
pub struct PhrasePack {
    /// The rule its matches are reported under.
    pub rule: &'static str,
    pub source: String,
    pub description: String,
    pub skip_negated: bool,
    pub phrases: Vec<Phrase>,
    /// Nouns the pack adds to the English classes, lower case.
    pub words: Vec<(String, Class)>,
}

/// A phrase found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhraseMatch {
    pub span: Range<usize>,
    /// Index into [`PhrasePack::phrases`].
    pub phrase: usize,
}

/// Checks a regular expression's syntax without compiling it.
fn check_syntax(source: &str, case_sensitive: bool) -> Result<regex_syntax::hir::Hir, String> {
    regex_syntax::ParserBuilder::new()
        .case_insensitive(!case_sensitive)
        .build()
        .parse(source)
        .map_err(|e| e.to_string())
}

/// The classes a condition names: one class or preset, or a list.
fn classes(spec: &Classes) -> Result<Class, String> {
    let preset = |name: &str| -> Option<Class> {
        Some(match name {
            // Teams are people; "individual" means one person.
            "person" => Class::PERSON.union(Class::TEAM),
            "individual" => Class::PERSON,
            "person-or-none" => Class::PERSON
                .union(Class::TEAM)
                .union(Class::WE)
                .union(Class::NONE),
            "not-system" => Class::PERSON
                .union(Class::TEAM)
                .union(Class::PUBLIC)
                .union(Class::UNKNOWN)
                .union(Class::NONE),
            other => Class::named(other)?,
        })
    };
    let names: Vec<&str> = match spec {
        Classes::One(s) => vec![s.as_str()],
        Classes::Many(v) => v.iter().map(String::as_str).collect(),
    };
    let mut out = Class::EMPTY;
    for n in names {
        out = out.union(preset(n).ok_or_else(|| format!("unknown class `{n}`"))?);
    }
    Ok(out)
}

impl PhrasePack {
    /// Parses a pack, checking every pattern's syntax; patterns compile on
    /// first use.
    pub fn parse(file: &str, text: &str) -> Result<PhrasePack, Vec<SpannedError>> {
        PhrasePack::parse_with(file, text, Load::Checked)
    }

    /// Parses a user's pack and compiles every pattern now, so that one too
    /// large to compile is an error at load, pointing at the pattern.
    pub fn parse_user(file: &str, text: &str) -> Result<PhrasePack, Vec<SpannedError>> {
        PhrasePack::parse_with(file, text, Load::Compiled)
    }

    fn parse_with(file: &str, text: &str, load: Load) -> Result<PhrasePack, Vec<SpannedError>> {
        let raw = toml::from_str(text).map_err(|e| vec![SpannedError::from_toml(file, text, &e)])?;
        PhrasePack::from_file(file, text, raw, load)
    }

    /// A built-in pack from the JSON the build script wrote from `text`,
    /// its TOML (see [`super::schema`]), without checking its patterns: a
    /// test checks and compiles them all, and the check costs a one-file
    /// run as much as linting the file.
    pub fn builtin(file: &str, text: &str, json: &str) -> Result<PhrasePack, Vec<SpannedError>> {
        PhrasePack::from_file(file, text, super::from_json(file, text, json)?, Load::Trusted)
    }

    fn from_file(file: &str, text: &str, raw: PackFile, load: Load) -> Result<PhrasePack, Vec<SpannedError>> {
        let mut errors = Vec::new();
        let err = |span: Range<usize>, msg: String| SpannedError::new(file, text, span, msg);

        let rule = PHRASE_RULES.iter().find(|r| **r == raw.rule.get_ref().as_str());
        if rule.is_none() {
            errors.push(
                err(raw.rule.span(), format!("unknown rule `{}`", raw.rule.get_ref()))
                    .with_help(format!("a phrase pack feeds one of: {}", PHRASE_RULES.join(", "))),
            );
        }
        let wording = rule.is_some_and(|r| WORDING_RULES.contains(r));

        let mut phrases = Vec::new();
        'phrases: for p in raw.phrases {
            let source = regex_source(p.pattern.get_ref());
            if load != Load::Trusted {
                let hir = match check_syntax(&source, p.case_sensitive) {
                    Ok(hir) => hir,
                    Err(e) => {
                        // Report the error on the pattern as written, not on our wrapping.
                        let e = check_syntax(p.pattern.get_ref(), p.case_sensitive)
                            .err()
                            .unwrap_or(e);
                        errors.push(err(p.pattern.span(), format!("invalid pattern: {e}")));
                        continue;
                    }
                };
                // Checked on the syntax tree: compiling every pattern here
                // would cost the start-up what lazy compilation saves.
                if hir.properties().minimum_len().is_none_or(|n| n == 0) {
                    errors.push(err(p.pattern.span(), "this pattern matches empty text".into()));
                    continue;
                }
            }
            if (p.skip_in_action_items || p.skip_emphasized) && rule != Some(&"placeholder-text") {
                errors.push(err(
                    p.pattern.span(),
                    "`skip-in-action-items` and `skip-emphasized` apply to placeholder-text packs only"
                        .into(),
                ));
                continue;
            }
            let mut when = Conditions {
                skip_explained: p.skip_explained,
                ..Conditions::default()
            };
            for (slot, spec) in [
                (&mut when.subject, &p.subject),
                (&mut when.object, &p.object),
                (&mut when.agent, &p.agent),
                (&mut when.possessor, &p.possessor),
                (&mut when.said_of, &p.said_of),
            ] {
                if let Some(spec) = spec {
                    match classes(spec.get_ref()) {
                        Ok(c) => *slot = Some(c),
                        Err(e) => {
                            errors.push(err(spec.span(), e).with_help(format!(
                                "use one of: {}, individual; or the presets \"person-or-none\", \"not-system\"",
                                Class::NAMES
                            )));
                            continue 'phrases;
                        }
                    }
                }
            }
            if let Some(f) = &p.followed_by {
                when.followed_by = Some(match f.get_ref().as_str() {
                    "past-participle" => FollowedBy::PastParticiple,
                    "past-tense" => FollowedBy::PastTense,
                    "verb" => FollowedBy::Verb,
                    other => {
                        errors.push(
                            err(f.span(), format!("unknown `followed-by` value `{other}`"))
                                .with_help("use \"past-participle\", \"past-tense\" or \"verb\""),
                        );
                        continue;
                    }
                });
            }
            if let Some(f) = &p.form {
                when.form = Some(match f.get_ref().as_str() {
                    "conditional" => Form::Conditional,
                    other => {
                        errors.push(
                            err(f.span(), format!("unknown `form` `{other}`"))
                                .with_help("the only form is \"conditional\""),
                        );
                        continue;
                    }
                });
            }
            if when.any() && !wording {
                errors.push(err(
                    p.pattern.span(),
                    "`subject`, `object`, `agent`, `possessor`, `said-of`, `followed-by`, `form` and \
                     `skip-explained` apply to wording packs only"
                        .into(),
                ));
                continue;
            }
            if let (Some(s), false) = (&p.preceded_by, wording) {
                errors.push(err(
                    s.span(),
                    "`preceded-by` applies to wording packs only".into(),
                ));
                continue;
            }
            // A look-ahead anchored at the start of the text after a match,
            // a look-behind at the end of the text before it.
            let context = |written: &Option<Spanned<String>>, wrap: fn(&str) -> String| match written {
                None => Ok(None),
                Some(s) => {
                    let source = wrap(s.get_ref());
                    let checked = match load {
                        Load::Trusted => Ok(()),
                        _ => check_syntax(&source, p.case_sensitive).map(drop),
                    };
                    match checked {
                        Ok(()) => Ok(Some((source, OnceLock::new()))),
                        Err(e) => {
                            let e = check_syntax(s.get_ref(), p.case_sensitive).err().unwrap_or(e);
                            Err(err(s.span(), format!("invalid pattern: {e}")))
                        }
                    }
                }
            };
            let contexts = context(&p.not_followed_by, |s| format!("^(?:{s})"))
                .and_then(|after| Ok((after, context(&p.preceded_by, |s| format!("(?:{s})$"))?)));
            let (not_followed_by, preceded_by) = match contexts {
                Ok(both) => both,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            let regex = OnceLock::new();
            if load == Load::Compiled {
                let compiled = compile(&source, p.case_sensitive).map(Some).and_then(|r| {
                    for (s, cell) in [&not_followed_by, &preceded_by].into_iter().flatten() {
                        compile(s, p.case_sensitive)?;
                        let _ = cell.set(Pattern::phrase(s, p.case_sensitive));
                    }
                    Ok(r)
                });
                match compiled {
                    Ok(r) => {
                        let _ = regex.set(r);
                    }
                    Err(e) => {
                        errors.push(err(
                            p.pattern.span(),
                            format!("pattern cannot be compiled: {}", one_line(&e)),
                        ));
                        continue;
                    }
                }
            }
            phrases.push(Phrase {
                pattern: p.pattern.into_inner(),
                source,
                case_sensitive: p.case_sensitive,
                regex,
                ascii: Ascii::default(),
                anchors: OnceLock::new(),
                whole: OnceLock::new(),
                message: p.message,
                help: p.help,
                suggest: p.suggest,
                when,
                not_followed_by,
                preceded_by,
                skip_in_action_items: p.skip_in_action_items,
                skip_emphasized: p.skip_emphasized,
            });
        }
        let w = &raw.words;
        let words: Vec<(String, Class)> = [
            (&w.person, Class::PERSON),
            (&w.team, Class::TEAM),
            (&w.public, Class::PUBLIC),
            (&w.system, Class::SYSTEM),
            (&w.work, Class::WORK),
        ]
        .into_iter()
        .flat_map(|(list, c)| list.iter().map(move |n| (n.to_lowercase(), c)))
        .collect();
        if !words.is_empty() && !wording {
            errors.push(err(
                raw.rule.span(),
                "`[words]` applies to wording packs only".into(),
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(PhrasePack {
            words,
            rule: rule.copied().unwrap_or("blame-wording"),
            source: file.to_owned(),
            description: raw.description,
            skip_negated: raw.skip_negated,
            phrases,
        })
    }

    /// Every phrase of a placeholder pack found in `text`; where matches
    /// overlap, the earlier phrase of the pack wins. (Wording packs are
    /// matched by [`crate::wording`].)
    pub fn find(&self, text: &str) -> Vec<PhraseMatch> {
        let mut candidates: Vec<(usize, Range<usize>)> = Vec::new();
        let ascii = text.is_ascii();
        for (i, p) in self.phrases.iter().enumerate() {
            p.matches_known(text, ascii, |m| candidates.push((i, m)));
        }
        candidates.sort_by_key(|(i, r)| (*i, r.start));
        candidates.dedup();
        // Accepted spans by start; they never overlap, so the one starting
        // last before a candidate's end is the only one it could overlap.
        let mut taken: std::collections::BTreeMap<usize, (usize, usize)> = std::collections::BTreeMap::new();
        for (index, range) in candidates {
            if let Some(span) = self.accept(&self.phrases[index], text, range) {
                let overlaps = taken
                    .range(..span.end)
                    .next_back()
                    .is_some_and(|(_, &(end, _))| end > span.start);
                if !overlaps {
                    taken.insert(span.start, (span.end, index));
                }
            }
        }
        taken
            .into_iter()
            .map(|(start, (end, phrase))| PhraseMatch {
                span: start..end,
                phrase,
            })
            .collect()
    }

    /// Checks a raw regex match against a placeholder phrase's conditions.
    fn accept(&self, phrase: &Phrase, text: &str, span: Range<usize>) -> Option<Range<usize>> {
        let span = trim_span(text, span)?;
        if phrase.skip_emphasized && is_emphasized(text, &span) {
            return None;
        }
        if phrase.excluded_by_next(&text[span.end..]) {
            return None;
        }
        Some(span)
    }
}

/// A regex error on one line: "exceeds size limit of 1048576 bytes".
fn one_line(e: &regex::Error) -> String {
    match e {
        regex::Error::CompiledTooBig(limit) => {
            format!("it is too large (over the limit of {limit} bytes compiled)")
        }
        e => e.to_string().split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// A match without the masked text (spaces, `\0`) at its edges, if it is
/// on whole words.
pub fn trim_span(text: &str, span: Range<usize>) -> Option<Range<usize>> {
    let found = &text[span.clone()];
    let start = span.start + (found.len() - found.trim_start_matches(is_blank).len());
    let end = span.start + found.trim_end_matches(is_blank).len();
    if start >= end {
        return None;
    }
    let span = start..end;
    on_word_boundaries(text, &span).then_some(span)
}

/// The regex for a pattern: a literal space matches any whitespace run.
pub fn regex_source(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut class = 0usize;
    let mut escaped = false;
    for c in pattern.chars() {
        if escaped {
            out.push(c);
            escaped = false;
            continue;
        }
        match c {
            '\\' => {
                escaped = true;
                out.push(c);
            }
            '[' => {
                class += 1;
                out.push(c);
            }
            ']' => {
                class = class.saturating_sub(1);
                out.push(c);
            }
            ' ' if class == 0 => out.push_str(r"\s+"),
            _ => out.push(c),
        }
    }
    format!("(?:{out})")
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\0'
}

/// A letter or digit: `_` is emphasis in Markdown (`_TBD_`), not a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whole words only: a match that starts (ends) with a word character must
/// not have one just before (after) it.
fn on_word_boundaries(text: &str, span: &Range<usize>) -> bool {
    let m = &text[span.clone()];
    let first = m.chars().next();
    let last = m.chars().next_back();
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let joined = |edge: Option<char>, out: Option<char>| {
        edge.is_some_and(is_word_char) && out.is_some_and(|c| is_word_char(c) || c == '-')
    };
    !(joined(first, before) || joined(last, after))
}

/// `**TODO** add a disk alert`: a status marker before an item, not a
/// placeholder (alone on its line, `**TODO**` is one).
fn is_emphasized(text: &str, span: &Range<usize>) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = &text[span.end..];
    // Stops at the first word: scanning to the end of the line for every
    // match would be quadratic on a long line.
    let words_follow = || {
        after
            .trim_start_matches(['*', '_'])
            .chars()
            .take_while(|&c| c != '\n')
            .any(char::is_alphanumeric)
    };
    matches!(before, Some('*' | '_')) && after.starts_with(['*', '_']) && words_follow()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(body: &str) -> PhrasePack {
        PhrasePack::parse("p.toml", &format!("rule = \"blame-wording\"\n{body}")).unwrap()
    }

    #[test]
    fn a_sentence_search_finds_what_a_whole_text_search_finds() {
        let sentences = [
            "The on-call engineer should have known better and forgot to check the dashboards.",
            "Had the reviewer looked closer, the careless mistake would have been caught.",
            "Human error: an operator fat-fingered the command, which was never reviewed.",
            "If only she had waited, nobody would have been paged for this outage.",
            "The root cause was the developer's negligence; they ignored the alert.",
            "TODO: fill in. Time to detection: ? at 2X:XX, owner <insert name>, TBD.",
            "It broke because a config was pushed without review by the release team.",
            "Ops dropped the ball and the page was left unanswered for an hour.",
        ];
        let mut seen = 0;
        for pack in crate::packs::builtin_phrases().unwrap() {
            for phrase in &pack.phrases {
                for text in sentences {
                    let (mut whole, mut one) = (Vec::new(), Vec::new());
                    phrase.matches(text, |m| whole.push(m));
                    phrase.matches_in(text, text.len(), |m| one.push(m));
                    assert_eq!(whole, one, "{} on {text:?}", phrase.pattern);
                    seen += whole.len();
                }
            }
        }
        assert!(seen >= 20, "the sentences exercise too few phrases: {seen}");
    }

    #[test]
    fn a_search_around_marks_finds_what_a_whole_search_finds() {
        // Past the first documents, where the marks are used.
        (0..3).for_each(|_| crate::automata::document_started());
        let packs = crate::packs::builtin_phrases().unwrap();
        let times = packs
            .iter()
            .flat_map(|p| &p.phrases)
            .find(|p| p.pattern.starts_with("HH:MM"))
            .unwrap();
        let a = Anchors::of(&times.source, times.case_sensitive).unwrap();
        assert_eq!((a.marks.as_slice(), a.longest), (&b":"[..], 8));
        assert!(Anchors::of("TODO|FIXME", true).is_none(), "no mark");
        assert!(Anchors::of(r"\?{3,}", true).is_none(), "no longest match");
        assert!(Anchors::of(r"a:?b", true).is_none(), "a mark that may be absent");
        let texts = [
            "2X:XX",
            "at HH:MM:SS and 1x:xx, then 10:04 and 9:4X; XX:XX:XX.",
            "10:04 10:05 xx:0x:1X:2x 23:59\n- 2X:XX UTC: page\nHH:MM",
            "Owner: ? Due: 12:xx, see a:b:c and :: and X:",
        ];
        let mut seen = 0;
        for pack in &packs {
            for phrase in &pack.phrases {
                let Some(re) = phrase.regex_crate_ascii() else {
                    continue;
                };
                for text in texts {
                    let mut got = Vec::new();
                    phrase.matches(text, |m| got.push(m));
                    let want: Vec<Range<usize>> = re
                        .find_iter(text.as_bytes())
                        .map(|m| phrase.to_word_end(text, m.range()))
                        .collect();
                    assert_eq!(got, want, "{} on {text:?}", phrase.pattern);
                    seen += got.len();
                }
            }
        }
        assert!(seen >= 10, "{seen}");
        assert!(
            times.anchors.get().is_some_and(Option::is_some),
            "the windows were not used"
        );
    }

    #[test]
    fn whole_words_and_whitespace() {
        let p = pack("[[phrase]]\npattern = \"human error\"\nmessage = \"m\"\n");
        assert_eq!(p.find("it was human\n  error.").len(), 1);
        assert!(p.find("superhuman error").is_empty());
        assert!(p.find("human errors").is_empty());
        assert!(p.find("human-error-handler").is_empty());
    }

    #[test]
    fn a_shorter_alternative_does_not_hide_a_longer_one() {
        let p = pack("[[phrase]]\npattern = \"broke (prod|production)\"\nmessage = \"m\"\n");
        for (text, found) in [
            ("he broke production.", Some("broke production")),
            ("he broke prod.", Some("broke prod")),
            ("he broke Produktion", None),
            ("he broke productionised builds", None),
            ("he broke production-like staging", None),
            ("he broke prodüction", None),
        ] {
            let spans = p.find(text);
            assert_eq!(spans.first().map(|m| &text[m.span.clone()]), found, "{text}");
        }
    }

    #[test]
    fn wording_conditions_are_for_wording_packs() {
        let text = "rule = \"placeholder-text\"\n[[phrase]]\npattern = \"x\"\nsubject = \"person\"\nmessage = \"m\"\n";
        let errs = PhrasePack::parse("p.toml", text).unwrap_err();
        assert!(
            errs[0].message.contains("wording packs only"),
            "{}",
            errs[0].message
        );
        let text = "rule = \"blame-wording\"\n[[phrase]]\npattern = \"x\"\nsubject = [\"person\", \"robot\"]\nmessage = \"m\"\n";
        let errs = PhrasePack::parse("p.toml", text).unwrap_err();
        assert_eq!(&text[errs[0].span.clone()], "[\"person\", \"robot\"]");
    }

    #[test]
    fn preceded_by_is_for_wording_packs_and_checked_where_written() {
        let text = "rule = \"placeholder-text\"\n[[phrase]]\npattern = \"x\"\npreceded-by = \"the\"\nmessage = \"m\"\n";
        let errs = PhrasePack::parse_user("p.toml", text).unwrap_err();
        assert_eq!(
            (&text[errs[0].span.clone()], errs[0].message.as_str()),
            ("\"the\"", "`preceded-by` applies to wording packs only")
        );
        let text = "rule = \"blame-wording\"\n[[phrase]]\npattern = \"x\"\npreceded-by = \"(the\"\nmessage = \"m\"\n";
        let errs = PhrasePack::parse_user("p.toml", text).unwrap_err();
        assert_eq!(&text[errs[0].span.clone()], "\"(the\"");
        assert!(
            errs[0].message.starts_with("invalid pattern"),
            "{}",
            errs[0].message
        );
    }

    #[test]
    fn preceded_by_reads_the_end_of_the_text_before() {
        let text = "rule = \"blame-wording\"\n[[phrase]]\npattern = \"x\"\npreceded-by = '\\bthe\\s+bug\\s+was'\nmessage = \"m\"\n";
        let p = PhrasePack::parse_user("p.toml", text).unwrap();
        let phrase = &p.phrases[0];
        assert!(phrase.allowed_by_previous("Yes, the bug was "));
        assert!(phrase.allowed_by_previous("the bug\nwas"));
        assert!(!phrase.allowed_by_previous("the bug was not really "));
        // Only the end of a long sentence is read.
        let long = format!("the bug was {}", "very ".repeat(100));
        assert!(!phrase.allowed_by_previous(&long));
        assert!(phrase.allowed_by_previous(&format!("{}the bug was", "é ".repeat(100))));
    }

    #[test]
    fn a_user_pack_pattern_too_large_to_compile_is_an_error_at_load() {
        let text = "rule = \"blame-wording\"\n[[phrase]]\npattern = \"ok\"\nmessage = \"m\"\n\
                    [[phrase]]\npattern = \"\\\\w{1000}\\\\w{1000}\"\nmessage = \"m\"\n";
        let errs = PhrasePack::parse_user("ours.toml", text).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(&text[errs[0].span.clone()], "\"\\\\w{1000}\\\\w{1000}\"");
        assert!(errs[0].message.contains("too large"), "{}", errs[0].message);
        // A built-in pack defers the cost to first use.
        assert!(PhrasePack::parse("rules/x.toml", text).is_ok());
    }

    #[test]
    fn bad_patterns_point_at_the_pattern() {
        let text = "rule = \"blame-wording\"\n[[phrase]]\npattern = \"(unclosed\"\nmessage = \"m\"\n";
        let errs = PhrasePack::parse("p.toml", text).unwrap_err();
        assert_eq!(&text[errs[0].span.clone()], "\"(unclosed\"");
    }
}
