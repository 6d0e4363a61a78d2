//! Template packs: the sections a postmortem must have, each with the
//! headings that satisfy it.
//!
//! A heading satisfies a section when one of the section's names appears in
//! it as whole words, after normalising both sides (case, numbering,
//! parentheticals, `&`, emoji, plurals, contractions). When names of two
//! sections overlap in one heading, the longer name wins: "Remediation items"
//! is an action-items heading, not a resolution one. An exact alias
//! ("Actions") satisfies only a heading that is that name and nothing more.
//! Only when no name matches does a one-letter slip in a long word count
//! ("What happend?").
//!
//! A name two sections share ("What happened": the summary in one document,
//! the causal story in another) is *ambiguous*: the heading names one of
//! them, and the document decides which (see `document::sections`).

use super::schema::TemplateFile;
use crate::error::SpannedError;

/// The most sections a template may declare (they are tracked in a `u64`).
pub const MAX_SECTIONS: usize = 64;

/// The shortest word of a name in which a one-letter slip is forgiven.
const SLIP_MIN: usize = 7;

/// Headings longer than this many words are sentences: only their start is
/// matched, which keeps matching linear in the document.
const MAX_HEADING_WORDS: usize = 24;

/// One section of a template.
#[derive(Clone, Debug)]
pub struct SectionSpec {
    pub id: String,
    /// The canonical name, shown in messages.
    pub name: String,
    /// Every name that satisfies the section, canonical name first.
    pub names: Vec<String>,
    /// Phrases of its content that mark it ("caused by" for the causes),
    /// lowercase: a cued alias needs one, and they tell two sections apart
    /// when a heading's name is shared.
    pub cues: Vec<String>,
    pub required: bool,
    pub action_items: bool,
    /// A lead before the first section satisfies it (see
    /// `Document::parse`).
    pub lead: bool,
    /// Three entries that start with a time of day satisfy it, wherever
    /// they are (see `Document::parse`).
    pub timestamped: bool,
}

/// The sections a heading's text satisfies, as bit sets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HeadingMatch {
    /// Sections it names.
    pub sections: u64,
    /// Sections of which it names one, through a name they share.
    pub either: u64,
    /// Sections it names if the content under it has one of their cues.
    pub cued: u64,
    /// Sections it satisfies through a loose alias only: the section is
    /// there, but what is under the heading is not read as its content (a
    /// "Prevention" heading's list is not action items). Also in `sections`.
    pub loose: u64,
}

impl HeadingMatch {
    pub fn is_none(&self) -> bool {
        self.sections == 0 && self.either == 0 && self.cued == 0
    }

    /// Only the sections in `mask`.
    pub fn within(self, mask: u64) -> HeadingMatch {
        HeadingMatch {
            sections: self.sections & mask,
            either: self.either & mask,
            cued: self.cued & mask,
            loose: self.loose & mask,
        }
    }
}

/// One name of a section, normalised.
#[derive(Clone, Debug)]
struct Name {
    words: Vec<String>,
    section: usize,
    kind: NameKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NameKind {
    /// Anywhere in the heading, as whole words.
    Plain,
    /// Only a heading that is exactly this name.
    Exact,
    /// Anywhere, when the content under the heading has a cue.
    Cued,
    /// Anywhere, as [`HeadingMatch::loose`].
    Loose,
}

/// A compiled template pack.
#[derive(Clone, Debug)]
pub struct Template {
    pub name: String,
    pub description: String,
    pub sections: Vec<SectionSpec>,
    /// Whether a linked ticket stands in for a due date, unless the config says.
    pub ticket_as_due_date: bool,
    /// The file it was read from: a built-in's `rules/templates/...`, or
    /// the path of a user's.
    pub file: String,
    names: Vec<Name>,
    /// Indexes into `names` by their first word, for the exact pass.
    by_first_word: foldhash::HashMap<String, Vec<usize>>,
    /// Indexes into `names` that have a word long enough for a slip.
    slippable: Vec<usize>,
    /// Headings already matched: a repository's postmortems share most of
    /// theirs ("Summary", "Timeline"), and a match costs more than a lookup.
    seen: Seen,
}

/// [`Template::match_heading`]'s answers by heading, up to [`Seen::MAX`] of
/// them (titles are new in every document; the shared headings come
/// first). A clone starts empty.
#[derive(Debug, Default)]
struct Seen(std::sync::Mutex<foldhash::HashMap<Box<str>, HeadingMatch>>);

impl Seen {
    const MAX: usize = 1024;

    fn get_or(&self, heading: &str, answer: impl FnOnce() -> HeadingMatch) -> HeadingMatch {
        let lock = || self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(&m) = lock().get(heading) {
            return m;
        }
        let m = answer();
        let mut seen = lock();
        if seen.len() < Seen::MAX {
            seen.insert(heading.into(), m);
        }
        m
    }
}

impl Clone for Seen {
    fn clone(&self) -> Seen {
        Seen::default()
    }
}

impl Template {
    /// Parses and validates a template pack.
    pub fn parse(file: &str, text: &str) -> Result<Template, Vec<SpannedError>> {
        let raw = toml::from_str(text).map_err(|e| vec![SpannedError::from_toml(file, text, &e)])?;
        Template::from_file(file, text, raw)
    }

    /// A built-in template from the JSON the build script wrote from
    /// `text`, its TOML (see [`super::schema`]); `text` places any error.
    pub fn builtin(file: &str, text: &str, json: &str) -> Result<Template, Vec<SpannedError>> {
        Template::from_file(file, text, super::from_json(file, text, json)?)
    }

    fn from_file(file: &str, text: &str, raw: TemplateFile) -> Result<Template, Vec<SpannedError>> {
        let mut errors = Vec::new();
        let err = |span: std::ops::Range<usize>, msg: String| SpannedError::new(file, text, span, msg);

        if raw.sections.get_ref().is_empty() {
            errors.push(err(
                raw.sections.span(),
                "a template needs at least one [[section]]".into(),
            ));
        }
        if raw.sections.get_ref().len() > MAX_SECTIONS {
            errors.push(err(
                raw.sections.span(),
                format!("a template may declare at most {MAX_SECTIONS} sections"),
            ));
        }
        if raw.name.get_ref().trim().is_empty() {
            errors.push(err(raw.name.span(), "the template name is empty".into()));
        }

        let mut sections = Vec::new();
        let mut names = Vec::new();
        let mut action_sections = 0;
        let mut lead_sections = 0;
        let mut timestamped_sections = 0;
        for (index, s) in raw.sections.into_inner().into_iter().enumerate() {
            let id = s.id.get_ref();
            if !is_kebab_case(id) {
                errors.push(err(
                    s.id.span(),
                    format!("section id `{id}` must be kebab-case (lowercase words joined by `-`)"),
                ));
            }
            if sections.iter().any(|o: &SectionSpec| o.id == *id) {
                errors.push(err(s.id.span(), format!("section id `{id}` is declared twice")));
            }
            let holds_items = s.action_items.as_ref().is_some_and(|a| *a.get_ref());
            if let Some(a) = s.action_items.as_ref().filter(|_| holds_items) {
                action_sections += 1;
                if action_sections > 1 {
                    errors.push(err(a.span(), "only one section may hold the action items".into()));
                }
            }
            if let Some(l) = s.lead.as_ref().filter(|l| *l.get_ref()) {
                lead_sections += 1;
                if lead_sections > 1 {
                    errors.push(err(l.span(), "only one section may take the lead".into()));
                }
            }
            if let Some(t) = s.timestamped.as_ref().filter(|t| *t.get_ref()) {
                timestamped_sections += 1;
                if timestamped_sections > 1 {
                    errors.push(err(t.span(), "only one section may be timestamped".into()));
                }
            }
            let mut all = vec![s.name.clone()];
            match words(&s.name) {
                w if w.is_empty() => errors.push(err(
                    s.id.span(),
                    format!("section `{id}` has a name with no words"),
                )),
                w => names.push(Name {
                    words: w,
                    section: index,
                    kind: NameKind::Plain,
                }),
            }
            let aliases = (s.aliases.iter().map(|a| (a, NameKind::Plain)))
                .chain(s.exact_aliases.iter().map(|a| (a, NameKind::Exact)))
                .chain(s.cued_aliases.iter().map(|a| (a, NameKind::Cued)))
                .chain(s.loose_aliases.iter().map(|a| (a, NameKind::Loose)));
            if !s.cued_aliases.is_empty() && s.cues.is_empty() {
                errors.push(err(
                    s.cued_aliases[0].span(),
                    format!("section `{id}` has cued aliases but no `cues`"),
                ));
            }
            for (alias, kind) in aliases {
                let w = words(alias.get_ref());
                if w.is_empty() {
                    errors.push(err(alias.span(), "this alias has no words to match".into()));
                    continue;
                }
                all.push(alias.get_ref().clone());
                names.push(Name {
                    words: w,
                    section: index,
                    kind,
                });
            }
            let mut cues = Vec::new();
            for cue in &s.cues {
                let c = cue.get_ref().trim().to_lowercase();
                if c.is_empty() {
                    errors.push(err(cue.span(), "this cue is empty".into()));
                }
                cues.push(c);
            }
            sections.push(SectionSpec {
                id: id.clone(),
                name: s.name,
                names: all,
                cues,
                required: s.required,
                action_items: holds_items,
                lead: s.lead.as_ref().is_some_and(|l| *l.get_ref()),
                timestamped: s.timestamped.as_ref().is_some_and(|l| *l.get_ref()),
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut by_first_word: foldhash::HashMap<String, Vec<usize>> = foldhash::HashMap::default();
        for (i, n) in names.iter().enumerate() {
            by_first_word.entry(n.words[0].clone()).or_default().push(i);
        }
        let slippable = (0..names.len())
            .filter(|&i| names[i].words.iter().any(|w| w.len() >= SLIP_MIN))
            .collect();
        Ok(Template {
            name: raw.name.into_inner(),
            description: raw.description,
            sections,
            ticket_as_due_date: raw.ticket_as_due_date,
            file: file.to_owned(),
            names,
            by_first_word,
            slippable,
            seen: Seen::default(),
        })
    }

    /// The index of the section that holds action items, if any.
    pub fn action_items_section(&self) -> Option<usize> {
        self.sections.iter().position(|s| s.action_items)
    }

    /// The sections a heading's text satisfies.
    pub fn match_heading(&self, heading: &str) -> HeadingMatch {
        self.seen.get_or(heading, || self.match_heading_words(heading))
    }

    fn match_heading_words(&self, heading: &str) -> HeadingMatch {
        let hw = words(heading);
        let m = self.match_words_of(heading, &hw, false);
        // "Next steps for users", "Action items for node operators": what
        // readers should do, not the team's follow-ups.
        match self.action_items_section() {
            Some(items) if for_readers(&hw) => m.within(!(1u64 << items)),
            _ => m,
        }
    }

    /// The sections a list item's label ("- Root Causes: ...") satisfies: a
    /// name must be the whole label, since "- Time to recovery: 2h" is a
    /// figure, not the recovery.
    pub fn match_whole_label(&self, label: &str) -> HeadingMatch {
        self.match_words(label, true)
    }

    fn match_words(&self, heading: &str, whole: bool) -> HeadingMatch {
        self.match_words_of(heading, &words(heading), whole)
    }

    /// [`Template::match_words`] with the heading's [`words`].
    fn match_words_of(&self, heading: &str, hw: &[String], whole: bool) -> HeadingMatch {
        let hw = &hw[..hw.len().min(MAX_HEADING_WORDS)];
        if hw.is_empty() {
            return HeadingMatch::default();
        }
        let mut found = self.find_names(hw, false);
        // A slip needs a long word on both sides.
        if found.is_empty() && hw.iter().any(|w| w.len() >= SLIP_MIN - 1) {
            found = self.find_names(hw, true);
        }
        if whole {
            found.retain(|&(s, e, _, _)| (s, e) == (0, hw.len()));
        }
        // "Working Theory (root cause)": the name in the parenthetical, when
        // the heading has none outside it.
        if found.is_empty() && !whole {
            if let Some(inner) = parenthetical(heading) {
                let pw = words(inner);
                if !pw.is_empty() && pw.len() <= MAX_HEADING_WORDS {
                    return self.match_words(inner, true);
                }
            }
        }
        // Every name found that no longer name of another section contains.
        let kept: Vec<(usize, usize, usize, NameKind)> = found
            .iter()
            .copied()
            .filter(|&(s, e, sec, _)| {
                !found
                    .iter()
                    .any(|&(s2, e2, sec2, _)| sec2 != sec && s2 <= s && e <= e2 && (e2 - s2) > (e - s))
            })
            .collect();
        let mut m = HeadingMatch::default();
        for &(s, e, sec, kind) in &kept {
            // The same words naming two sections: one of them.
            let shared = kept
                .iter()
                .any(|&(s2, e2, sec2, k2)| (s2, e2) == (s, e) && sec2 != sec && k2 != NameKind::Cued);
            match kind {
                NameKind::Cued => m.cued |= 1 << sec,
                NameKind::Loose => m.loose |= 1 << sec,
                _ if shared => m.either |= 1 << sec,
                _ => m.sections |= 1 << sec,
            }
        }
        // A section named by a full alias is read as that section.
        m.loose &= !(m.sections | m.either);
        m.sections |= m.loose;
        // A section named for sure needs neither a cue nor a choice.
        m.cued &= !m.sections;
        m.either &= !m.sections;
        if m.either.count_ones() == 1 {
            m.sections |= m.either;
            m.either = 0;
        }
        m
    }

    /// Every (start, end, section, kind) where a name occurs in heading words `hw`.
    fn find_names(&self, hw: &[String], fuzzy: bool) -> Vec<(usize, usize, usize, NameKind)> {
        let same = |h: &String, n: &String| h == n || (fuzzy && one_slip(h, n));
        let mut found = Vec::new();
        let mut try_at = |i: usize, start: usize| {
            let name = &self.names[i];
            let nw = &name.words;
            let end = start + nw.len();
            if end <= hw.len()
                && (name.kind != NameKind::Exact || (start == 0 && end == hw.len()))
                && hw[start..end].iter().zip(nw).all(|(h, n)| same(h, n))
            {
                found.push((start, end, name.section, name.kind));
            }
        };
        if fuzzy {
            for &i in &self.slippable {
                // A slip keeps the first letter: most starts fail on it.
                let first = self.names[i].words.first().map(|w| w.as_bytes().first());
                (0..hw.len())
                    .filter(|&start| first.is_none_or(|f| hw[start].as_bytes().first() == f))
                    .for_each(|start| try_at(i, start));
            }
        } else {
            for (start, w) in hw.iter().enumerate() {
                for &i in self.by_first_word.get(w).into_iter().flatten() {
                    try_at(i, start);
                }
            }
        }
        found
    }
}

/// The text inside a heading's first parentheses, if any.
fn parenthetical(heading: &str) -> Option<&str> {
    let open = heading.find('(')?;
    let close = heading[open..].find(')')? + open;
    Some(&heading[open + 1..close])
}

/// Does a heading end by addressing readers ("... for users", "... for
/// node operators"), not "Action items for validator onboarding"?
fn for_readers(hw: &[String]) -> bool {
    let n = hw.len();
    (2..=3).any(|k| n >= k && hw[n - k] == "for" && READERS.contains(&hw[n - k + 1].as_str()))
        && !(n >= 3 && hw[n - 3] == "for" && hw[n - 2] != "node")
}

/// Who a heading's "for ..." addresses when it gives readers steps to take
/// (heading words are singular: "users" reads "user").
/// Not "developers" or "operators", often a team of the author's own.
const READERS: &[&str] = &[
    "user",
    "you",
    "your",
    "customer",
    "reader",
    "node",
    "validator",
    "subscriber",
];

/// A one-letter slip (one letter missing, extra or wrong) in a word of seven
/// letters or more, first letter right: "happend", "Timline", "Sumary".
fn one_slip(written: &str, name: &str) -> bool {
    let (a, b) = (written.as_bytes(), name.as_bytes());
    if b.len() < SLIP_MIN || a.len() < SLIP_MIN - 1 || a.first() != b.first() || a.len().abs_diff(b.len()) > 1
    {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ra, rb) = (a.len() - prefix - suffix, b.len() - prefix - suffix);
    // What is left once the common ends are gone: one letter at most on each side.
    ra <= 1 && rb <= 1 && (ra + rb) >= 1 && a != b
}

fn is_kebab_case(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Normalised words of a heading or a section name: lowercased, without
/// leading numbering ("3.", "III.", "a)"), parentheticals, emoji and
/// punctuation and articles, with `&` read as "and", contractions written
/// out ("we're", "we’re": "we are") and a plural `s` dropped.
pub fn words(text: &str) -> Vec<String> {
    let text = strip_numbering(text.trim());
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<String>| {
        if !word.is_empty() {
            let w = std::mem::take(word);
            expand_contraction(w, out);
        }
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' | '[' => {
                flush(&mut word, &mut out);
                depth += 1;
            }
            ')' | ']' => {
                flush(&mut word, &mut out);
                depth = depth.saturating_sub(1);
            }
            _ if depth > 0 => {}
            '&' | '+' => {
                flush(&mut word, &mut out);
                out.push("and".to_owned());
            }
            c if c.is_ascii_alphanumeric() => word.push(c.to_ascii_lowercase()),
            c if c.is_alphanumeric() => word.extend(c.to_lowercase()),
            // An apostrophe inside a word: "we're", "how'd", "didn’t".
            '\'' | '\u{2019}' if !word.is_empty() && chars.peek().is_some_and(|n| n.is_alphabetic()) => {
                word.push('\'');
            }
            _ => flush(&mut word, &mut out),
        }
    }
    flush(&mut word, &mut out);
    // "Details of the fix" is "Details of fix".
    out.retain(|w| !matches!(w.as_str(), "the" | "a" | "an"));
    out
}

/// Pushes the words of `w`, a contraction written out ("didn't": "did not";
/// "what's": "what is"; a possessive "team's": "team").
fn expand_contraction(w: String, out: &mut Vec<String>) {
    let Some(apostrophe) = w.find('\'') else {
        out.push(singular(w));
        return;
    };
    let (stem, tail) = (&w[..apostrophe], &w[apostrophe + 1..]);
    let question = matches!(stem, "how" | "what" | "why" | "where" | "who" | "when");
    let (first, second): (&str, &str) = match (stem, tail) {
        ("can", "t") => ("can", "not"),
        ("won", "t") => ("will", "not"),
        ("shan", "t") => ("shall", "not"),
        ("let", "s") => ("let", "us"),
        (s, "t") if s.ends_with('n') => (&s[..s.len() - 1], "not"),
        (s, "re") => (s, "are"),
        (s, "ve") => (s, "have"),
        (s, "ll") => (s, "will"),
        (s, "m") => (s, "am"),
        (s, "d") if question => (s, "did"),
        (s, "d") => (s, "would"),
        (s, "s") if question || matches!(s, "it" | "that" | "there" | "here") => (s, "is"),
        (s, _) => (s, ""),
    };
    if !first.is_empty() {
        out.push(singular(first.to_owned()));
    }
    if !second.is_empty() {
        out.push(second.to_owned());
    }
}

fn singular(mut w: String) -> String {
    if w.len() >= 3 && w.ends_with('s') && !w.ends_with("ss") {
        w.pop();
    }
    w
}

/// Drops a leading "3.", "3)", "3.1", "III.", "a)" or a bare "3 " from a heading.
fn strip_numbering(text: &str) -> &str {
    let token_end = text.find(char::is_whitespace).unwrap_or(text.len());
    let token = &text[..token_end];
    let rest = text[token_end..].trim_start();
    if rest.is_empty() {
        return text;
    }
    let digits = token.trim_end_matches(['.', ')', ':']);
    let dotted = token.len() != digits.len();
    let numeric = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.');
    let roman = !digits.is_empty() && digits.len() <= 5 && digits.chars().all(|c| "ivxlcIVXLC".contains(c));
    let letter = digits.len() == 1 && digits.chars().all(|c| c.is_ascii_alphabetic());
    if numeric || (dotted && (roman || letter)) {
        rest
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_normalise() {
        assert_eq!(words("3. Root Cause(s)"), ["root", "cause"]);
        assert_eq!(words("III. Timeline (all times UTC)"), ["timeline"]);
        assert_eq!(words("🔥 Impact & Metrics:"), ["impact", "and", "metric"]);
        assert_eq!(words("Follow-ups"), ["follow", "up"]);
        assert_eq!(words("I wrote this"), ["i", "wrote", "thi"]);
        assert_eq!(words("A. Summary"), ["summary"]);
        assert_eq!(words("2021-10-03 timeline"), ["2021", "10", "03", "timeline"]);
    }

    #[test]
    fn contractions_are_written_out() {
        let are = ["what", "we", "are", "doing", "about", "it"];
        assert_eq!(words("What we're doing about it"), are);
        assert_eq!(words("What we’re doing about it"), are);
        assert_eq!(words("How'd we do?"), words("How did we do"));
        assert_eq!(words("What didn’t go well"), words("What did not go well"));
        assert_eq!(words("What's next"), words("What is next"));
        assert_eq!(words("The team's actions"), words("The team actions"));
        assert_eq!(words("'Quoted' heading"), ["quoted", "heading"]);
    }

    /// The answers kept for headings seen are the answers, and at most
    /// [`Seen::MAX`] are kept.
    #[test]
    fn a_heading_seen_before_gets_the_same_answer() {
        let t: Template = crate::packs::builtin_template("default").unwrap().unwrap();
        let headings: Vec<String> = [
            "Summary",
            "Root cause(s)",
            "Timelne",
            "Action items for users",
            "Misc",
        ]
        .iter()
        .map(|h| h.to_string())
        .chain((0..Seen::MAX + 50).map(|i| format!("Incident {i}: a title")))
        .collect();
        for _ in 0..2 {
            for h in &headings {
                assert_eq!(t.match_heading(h), t.match_heading_words(h), "{h}");
            }
        }
        assert_eq!(t.seen.0.lock().unwrap().len(), Seen::MAX);
        assert_ne!(t.match_heading("Summary").sections, 0);
        assert!(t.clone().seen.0.lock().unwrap().is_empty());
    }

    fn tiny() -> Template {
        Template::parse(
            "t.toml",
            r#"
name = "t"
[[section]]
id = "resolution"
name = "Resolution"
aliases = ["Remediation", "Mitigation"]
[[section]]
id = "action-items"
name = "Action items"
aliases = ["Remediation items", "What we are doing about it"]
exact-aliases = ["Actions"]
action-items = true
[[section]]
id = "causes"
name = "Root cause"
aliases = ["What happened"]
[[section]]
id = "summary"
name = "Summary"
aliases = ["What happened"]
"#,
        )
        .unwrap()
    }

    fn sections(t: &Template, heading: &str) -> u64 {
        let m = t.match_heading(heading);
        assert_eq!(m.either, 0, "{heading}");
        m.sections
    }

    #[test]
    fn whole_words_and_longest_name_wins() {
        let t = tiny();
        assert_eq!(sections(&t, "PgBouncer Transaction Pooling"), 0);
        assert_eq!(sections(&t, "Action Items"), 0b010);
        assert_eq!(sections(&t, "Remediation items"), 0b010);
        assert_eq!(sections(&t, "Remediation"), 0b001);
        assert_eq!(sections(&t, "Root cause and mitigation"), 0b101);
        assert_eq!(sections(&t, "What we’re doing about it"), 0b010);
    }

    #[test]
    fn a_loose_alias_satisfies_the_section_without_being_read_as_it() {
        let t = Template::parse(
            "t.toml",
            r#"
name = "t"
[[section]]
id = "action-items"
name = "Action items"
loose-aliases = ["Prevention"]
action-items = true
"#,
        )
        .unwrap();
        let m = t.match_heading("Prevention / Hardening");
        assert_eq!((m.sections, m.loose), (1, 1));
        // A full name beside it wins: the section is read.
        let m = t.match_heading("Prevention action items");
        assert_eq!((m.sections, m.loose), (1, 0));
        assert_eq!(t.match_heading("Summary").sections, 0);
    }

    #[test]
    fn steps_for_readers_are_not_action_items() {
        let t = tiny();
        let items = 1 << t.action_items_section().unwrap();
        assert_ne!(
            t.match_heading("Remediation items for validator onboarding")
                .sections
                & items,
            0
        );
        assert_eq!(
            t.match_heading("Notes for users (remediation items)").sections & items,
            0
        );
        assert_ne!(t.match_heading("Remediation items").sections & items, 0);
        assert_eq!(t.match_heading("Remediation items for users").sections & items, 0);
        assert_eq!(
            t.match_heading("Remediation items for node operators").sections & items,
            0
        );
        assert_ne!(
            t.match_heading("Remediation items for the platform").sections & items,
            0
        );
    }

    #[test]
    fn a_name_in_parentheses_counts_when_none_is_outside() {
        let t = tiny();
        assert_ne!(t.match_heading("Working theory (root cause)").sections, 0);
        // "Timeline (all times UTC)": the name outside wins, and a
        // parenthetical that is not a whole name does not count.
        assert_eq!(t.match_heading("Notes (see the root cause below)").sections, 0);
    }

    #[test]
    fn a_list_label_must_be_a_whole_name() {
        let t = tiny();
        assert_ne!(t.match_whole_label("Root Causes").sections, 0);
        assert_eq!(t.match_whole_label("Time to root cause").sections, 0);
        assert_ne!(t.match_heading("Time to root cause").sections, 0);
    }

    #[test]
    fn exact_aliases_match_the_whole_heading_only() {
        let t = tiny();
        assert_eq!(sections(&t, "Actions"), 0b010);
        assert_eq!(sections(&t, "2. Actions:"), 0b010);
        assert_eq!(sections(&t, "Readers need to take no action"), 0);
        assert_eq!(sections(&t, "Actions for node operators"), 0);
    }

    #[test]
    fn a_shared_name_names_either_section() {
        let t = tiny();
        let m = t.match_heading("What happened?");
        assert_eq!((m.sections, m.either), (0, 0b1100));
        assert_eq!(sections(&t, "Root cause"), 0b0100);
    }

    #[test]
    fn one_letter_slips_only_when_nothing_matches() {
        let t = tiny();
        assert_eq!(t.match_heading("What happend").either, 0b1100);
        assert_eq!(sections(&t, "Resolutoin"), 0, "two letters swapped are two slips");
        assert_eq!(sections(&t, "Resoluton"), 0b001);
        assert_eq!(sections(&t, "Sumary"), 0b1000);
        assert_eq!(sections(&t, "Rot cause"), 0, "short words must be right");
        assert!(one_slip("happend", "happened"));
        assert!(one_slip("timline", "timeline"));
        assert!(
            !one_slip("rimeline", "timeline"),
            "the first letter must be right"
        );
        assert!(!one_slip("timeline", "timeline"));
    }

    #[test]
    fn one_section_takes_the_lead_and_one_is_timestamped() {
        for (key, message) in [
            ("lead", "only one section may take the lead"),
            ("timestamped", "only one section may be timestamped"),
        ] {
            let text = format!(
                "name = \"x\"\n[[section]]\nid = \"a\"\nname = \"Alpha\"\n{key} = true\n[[section]]\nid = \"b\"\nname = \"Beta\"\n{key} = true\n"
            );
            let errs = Template::parse("x.toml", &text).unwrap_err();
            assert_eq!(errs[0].message, message);
            assert_eq!(&text[errs[0].span.clone()], "true");
        }
    }

    #[test]
    fn rejects_bad_ids_with_a_span() {
        let text = "name = \"x\"\n[[section]]\nid = \"Bad Id\"\nname = \"X\"\n";
        let errs = Template::parse("x.toml", text).unwrap_err();
        assert_eq!(&text[errs[0].span.clone()], "\"Bad Id\"");
    }
}
