//! Just enough English to keep the wording rules precise: who is the subject
//! of a phrase, is it negated, is a word a past participle.
//!
//! These work on masked prose (see [`crate::document`]): text outside prose is
//! spaces, and `\0` marks the edge between two blocks.

/// Who a phrase is said about, judged from the words before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// No subject in the clause: "- should have checked the disk".
    None,
    /// A person, a role or a pronoun: "the engineer", "he", "@alex".
    Person,
    /// "we": the team speaking of itself, collectively.
    We,
    /// Anything else, usually a system: "the health check", "this".
    Other,
}

/// Words that name people (singular; a plural `s` is dropped before lookup).
const PEOPLE: &[&str] = &[
    "i",
    "he",
    "she",
    "they",
    "you",
    "someone",
    "somebody",
    "anyone",
    "anybody",
    "everyone",
    "everybody",
    "who",
    "whoever",
    "engineer",
    "developer",
    "dev",
    "operator",
    "admin",
    "administrator",
    "sysadmin",
    "sre",
    "on-call",
    "oncall",
    "on-caller",
    "responder",
    "reviewer",
    "maintainer",
    "author",
    "user",
    "team",
    "staff",
    "person",
    "people",
    "employee",
    "contractor",
    "manager",
    "lead",
    "commander",
    "ic",
    "human",
    "intern",
    "owner",
    "member",
    "colleague",
    "folk",
    "coworker",
    "co-worker",
    "deployer",
    "approver",
    "committer",
    "contributor",
    "analyst",
    "technician",
    "tester",
    "customer",
    "operator",
    "architect",
    "programmer",
    "coder",
    "scribe",
    "newcomer",
    "hire",
];

/// Words skipped when looking for the subject: adverbs, auxiliaries, negations.
const SKIPPED: &[&str] = &[
    "also",
    "then",
    "still",
    "just",
    "already",
    "never",
    "not",
    "really",
    "probably",
    "clearly",
    "initially",
    "subsequently",
    "unfortunately",
    "again",
    "ever",
    "both",
    "had",
    "has",
    "have",
    "was",
    "were",
    "is",
    "are",
    "did",
    "do",
    "does",
    "been",
    "being",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "must",
    "all",
    "simply",
    "only",
    "apparently",
    "mistakenly",
    "accidentally",
    "inadvertently",
    "themselves",
    "himself",
    "herself",
    "ourselves",
    "myself",
    "yourself",
    "unknowingly",
    "evidently",
    "obviously",
    "therefore",
    "thus",
    "however",
    "and",
    "but",
    "so",
    "crucially",
    "later",
    "once",
];

/// Adverbs allowed between "should have" and its participle.
const ADVERBS: &[&str] = &[
    "also",
    "just",
    "already",
    "really",
    "probably",
    "definitely",
    "easily",
    "certainly",
    "reasonably",
    "perhaps",
    "maybe",
    "ideally",
    "clearly",
    "obviously",
    "likely",
    "better",
    "more",
    "been",
    "actually",
    "at",
    "least",
    "not",
    "never",
];

/// Irregular past participles (regular ones end in "-ed").
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "been",
    "done",
    "known",
    "seen",
    "caught",
    "taken",
    "made",
    "gone",
    "given",
    "thought",
    "found",
    "kept",
    "left",
    "put",
    "run",
    "set",
    "got",
    "gotten",
    "written",
    "read",
    "spent",
    "built",
    "sent",
    "told",
    "said",
    "heard",
    "held",
    "brought",
    "bought",
    "understood",
    "shown",
    "drawn",
    "chosen",
    "spoken",
    "begun",
    "broken",
    "driven",
    "forgotten",
    "hidden",
    "fallen",
    "stolen",
    "thrown",
    "meant",
    "felt",
    "dealt",
    "led",
    "lost",
    "paid",
    "stood",
    "hit",
    "let",
    "cut",
    "shut",
    "split",
    "spread",
    "foreseen",
    "withdrawn",
    "undone",
    "overseen",
    "rewritten",
    "rerun",
    "spun",
    "struck",
    "won",
];

/// Words ending in "-ed" that are not participles.
const NOT_PARTICIPLES: &[&str] = &[
    "need", "seed", "feed", "speed", "breed", "bleed", "weed", "shed", "red", "bed", "hundred", "sacred",
    "naked", "wicked", "kindred", "embed", "bred", "led", "fled", "sled",
];

/// Is `word` (any case) a past participle?
pub fn is_past_participle(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    if IRREGULAR_PARTICIPLES.contains(&w.as_str()) {
        return true;
    }
    w.len() >= 4
        && w.ends_with("ed")
        && w.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
        && !NOT_PARTICIPLES.contains(&w.as_str())
}

fn is_ly_adverb(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ly")
}

/// Is `word` an adverb that may stand between an auxiliary and its verb?
pub fn is_adverb(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    ADVERBS.contains(&w.as_str()) || is_ly_adverb(&w)
}

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | ';' | ':' | '\0' | '(' | ')' | '"' | '“' | '”' | '|' | '–' | '—'
    )
}

/// The words of the clause that ends at byte `end` of `text`, last word last.
fn clause_words(text: &str, end: usize) -> Vec<&str> {
    let before = &text[..end];
    let start = before
        .char_indices()
        .rev()
        .find(|&(i, c)| is_clause_break(c) || is_dash_break(before, i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    before[start..]
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '@' || c == '-' || c == '\'')))
        .filter(|w| !w.is_empty())
        .collect()
}

/// A hyphen standing alone between spaces: "brought down - should have".
fn is_dash_break(text: &str, i: usize, c: char) -> bool {
    c == '-' && text[..i].ends_with(' ') && text[i + 1..].starts_with(' ')
}

/// Who the clause ending at byte `end` is about.
pub fn subject_before(text: &str, end: usize) -> Subject {
    let words = clause_words(text, end);
    let head = words.iter().rev().find(|w| {
        let l = w.to_lowercase();
        !(SKIPPED.contains(&l.as_str()) || is_ly_adverb(&l))
    });
    match head {
        None => Subject::None,
        Some(w) if w.eq_ignore_ascii_case("we") => Subject::We,
        Some(w) if is_person(w) => Subject::Person,
        Some(_) => Subject::Other,
    }
}

/// Does `word` name a person, a role or a pronoun?
pub fn is_person(word: &str) -> bool {
    if word.starts_with('@') && word.len() > 1 {
        return true;
    }
    let mut w = word.to_lowercase();
    for suffix in ["'s", "’s", "'"] {
        if let Some(stripped) = w.strip_suffix(suffix) {
            w = stripped.to_owned();
        }
    }
    if PEOPLE.contains(&w.as_str()) {
        return true;
    }
    w.len() > 3 && w.ends_with('s') && PEOPLE.contains(&&w[..w.len() - 1])
}

/// Is the phrase at byte `start` negated by one of the three words before
/// it ("not human error", "never user error", "no one is to blame")?
pub fn is_negated(text: &str, start: usize) -> bool {
    let words = clause_words(text, start);
    let last_three = &words[words.len().saturating_sub(3)..];
    let lower: Vec<String> = last_three.iter().map(|w| w.to_lowercase()).collect();
    lower.iter().enumerate().any(|(i, w)| {
        matches!(
            w.as_str(),
            "not" | "never" | "no" | "nobody" | "nor" | "without" | "nothing" | "neither"
        ) || w.ends_with("n't")
            || w.ends_with("n’t")
            || (w == "than" && i > 0 && lower[i - 1] == "rather")
            || (w == "of" && i > 0 && lower[i - 1] == "instead")
    })
}

/// After byte `from`, skip whitespace and adverbs; return the span of the
/// next word if it is a past participle.
pub fn participle_after(text: &str, from: usize) -> Option<std::ops::Range<usize>> {
    let mut pos = from;
    for _ in 0..3 {
        let rest = &text[pos..];
        let lead = rest.len() - rest.trim_start().len();
        if lead == 0 && pos != from {
            return None;
        }
        // Whitespace only: a line break inside a paragraph is fine, a block edge is not.
        if rest[..lead].contains('\0') {
            return None;
        }
        let word_start = pos + lead;
        let word_len = text[word_start..]
            .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .unwrap_or(text.len() - word_start);
        if word_len == 0 {
            return None;
        }
        let word = &text[word_start..word_start + word_len];
        if is_past_participle(word) {
            return Some(word_start..word_start + word_len);
        }
        if !is_adverb(word) {
            return None;
        }
        pos = word_start + word_len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects() {
        let s = "The on-call engineer initially failed to notice";
        assert_eq!(subject_before(s, s.find("failed").unwrap()), Subject::Person);
        let s = "The health check failed to connect";
        assert_eq!(subject_before(s, s.find("failed").unwrap()), Subject::Other);
        let s = "Too many CTs brought down - should have done it";
        assert_eq!(subject_before(s, s.find("should").unwrap()), Subject::None);
        let s = "But he didn't check";
        assert_eq!(subject_before(s, s.find("didn't").unwrap()), Subject::Person);
        let s = "Unfortunately, @alex forgot";
        assert_eq!(subject_before(s, s.find("forgot").unwrap()), Subject::Person);
        let s = "sequences that should have been published";
        assert_eq!(subject_before(s, s.find("should").unwrap()), Subject::Other);
        let s = "The engineers had not";
        assert_eq!(subject_before(s, s.len()), Subject::Person);
    }

    #[test]
    fn negation() {
        let s = "a bug, never user error";
        assert!(is_negated(s, s.find("user").unwrap()));
        let s = "This was not due to human error";
        assert!(is_negated(s, s.find("human").unwrap()));
        let s = "It was human error";
        assert!(!is_negated(s, s.find("human").unwrap()));
    }

    #[test]
    fn participles() {
        let s = "should have known better";
        assert_eq!(participle_after(s, 11), Some(12..17));
        let s = "should have clear rules";
        assert_eq!(participle_after(s, 11), None);
        let s = "could have easily caught it";
        assert_eq!(&s[participle_after(s, 10).unwrap()], "caught");
        let s = "should have red flags";
        assert_eq!(participle_after(s, 11), None);
    }
}
