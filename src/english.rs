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

/// A word of a clause, or the comma between words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token<'a> {
    Word(&'a str),
    Comma,
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    for piece in text.split_whitespace() {
        let w = piece.trim_matches(|c: char| !(c.is_alphanumeric() || c == '@' || c == '-' || c == '\''));
        if !w.is_empty() {
            out.push(Token::Word(w));
        }
        if piece.ends_with(',') {
            out.push(Token::Comma);
        }
    }
    out
}

/// Where the clause that ends at byte `end` of `text` starts.
fn clause_start(text: &str, end: usize) -> usize {
    let before = &text[..end];
    before
        .char_indices()
        .rev()
        .find(|&(i, c)| is_clause_break(c) || is_dash_break(before, i, c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// The words of the clause that ends at byte `end` of `text`, last word last.
fn clause_words(text: &str, end: usize) -> Vec<&str> {
    tokens(&text[clause_start(text, end)..end])
        .into_iter()
        .filter_map(|t| match t {
            Token::Word(w) => Some(w),
            Token::Comma => None,
        })
        .collect()
}

/// A hyphen standing alone between spaces: "brought down - should have".
fn is_dash_break(text: &str, i: usize, c: char) -> bool {
    c == '-' && text[..i].ends_with(' ') && text[i + 1..].starts_with(' ')
}

fn is_skipped(word: &str) -> bool {
    let l = word.to_lowercase();
    SKIPPED.contains(&l.as_str()) || is_ly_adverb(&l)
}

fn is_conjunction(word: &str) -> bool {
    matches!(word.to_lowercase().as_str(), "and" | "but" | "or" | "yet" | "so")
}

/// Roles that are also names of software ("the Kubernetes operator").
fn is_ambiguous_role(word: &str) -> bool {
    matches!(
        word.to_lowercase().trim_end_matches('s'),
        "operator" | "admin" | "administrator" | "agent" | "owner" | "reviewer" | "maintainer"
    )
}

/// Who the clause ending at byte `end` is about.
pub fn subject_before(text: &str, end: usize) -> Subject {
    let start = clause_start(text, end);
    resolve(text, start, &tokens(&text[start..end]))
}

fn words_of<'a>(toks: &[Token<'a>]) -> Vec<&'a str> {
    toks.iter()
        .filter_map(|t| match t {
            Token::Word(w) => Some(*w),
            Token::Comma => None,
        })
        .collect()
}

/// The subject of the words before a verb (`toks`, in a clause that starts
/// at byte `clause` of `text`).
fn resolve(text: &str, clause: usize, toks: &[Token<'_>]) -> Subject {
    // Walk back over adverbs and auxiliaries to the word the verb follows.
    let mut i = toks.len();
    while i > 0 && matches!(toks[i - 1], Token::Word(w) if is_skipped(w)) {
        i -= 1;
    }
    match toks[..i].last() {
        None => Subject::None,
        // "The engineer, tired after a long shift, failed ...": skip the
        // parenthetical back to the words before its opening comma.
        Some(Token::Comma) => match toks[..i - 1].iter().rposition(|t| *t == Token::Comma) {
            Some(open) => resolve(text, clause, &toks[..open]),
            // "However, failed to check": an introduction, no subject.
            None if words_of(&toks[..i - 1]).iter().all(|w| is_skipped(w)) => Subject::None,
            None => resolve(text, clause, &toks[..i - 1]),
        },
        // "The engineer was paged but failed to ...": the clause's subject.
        Some(Token::Word(w)) if is_conjunction(w) => {
            let words = words_of(&toks[..i - 1]);
            match clause_subject(&words) {
                Some(head) => {
                    let upto = words
                        .iter()
                        .position(|x| std::ptr::eq(*x, head))
                        .map_or(words.len(), |p| p + 1);
                    classify(text, clause, &words[..upto], head)
                }
                None => Subject::Other,
            }
        }
        Some(Token::Word(w)) => classify(text, clause, &words_of(&toks[..i]), w),
    }
}

/// The subject of a clause: the word before its first verb (an auxiliary or
/// a word in -ed), as in "The on-call engineer acknowledged the page".
fn clause_subject<'a>(words: &[&'a str]) -> Option<&'a str> {
    let verb = words.iter().position(|w| {
        let l = w.to_lowercase();
        SKIPPED.contains(&l.as_str()) && !is_ly_adverb(&l) || (l.len() > 3 && l.ends_with("ed"))
    })?;
    words[..verb].last().copied()
}

/// What `head`, the last word of `words` (a clause starting at byte
/// `clause` of `text`), says about the subject.
fn classify(text: &str, clause: usize, words: &[&str], head: &str) -> Subject {
    let lower = head.to_lowercase();
    if lower == "we" || lower == "us" {
        return Subject::We;
    }
    if lower == "they" || lower == "them" {
        return antecedent(&text[..clause], words);
    }
    if !is_person(head) {
        return Subject::Other;
    }
    // "the Kubernetes operator", "the Postgres admin": software.
    if is_ambiguous_role(head) && words.len() >= 2 {
        let prev = words[words.len() - 2];
        let named = prev.chars().next().is_some_and(char::is_uppercase) && !is_determiner(prev);
        if named && words.len() > 2 {
            return Subject::Other;
        }
    }
    Subject::Person
}

fn is_determiner(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "the" | "a" | "an" | "our" | "their" | "his" | "her" | "this" | "that" | "its" | "my" | "your"
    )
}

/// Whom "they" stands for: the nearest plural noun or person word before
/// it in the same block ("the pods ... because they failed" is not people).
fn antecedent(before: &str, clause: &[&str]) -> Subject {
    let block = before.rfind('\0').map_or(before, |i| &before[i + 1..]);
    let earlier = tokens(block);
    let candidates = earlier
        .iter()
        .filter_map(|t| match t {
            Token::Word(w) => Some(*w),
            Token::Comma => None,
        })
        .chain(clause.iter().copied().take(clause.len().saturating_sub(1)));
    let mut found = Subject::Person;
    for w in candidates.collect::<Vec<_>>().into_iter().rev().take(30) {
        if is_person(w) && !matches!(w.to_lowercase().as_str(), "they" | "them") {
            return Subject::Person;
        }
        let l = w.to_lowercase();
        let plural = l.len() > 3
            && l.ends_with('s')
            && !l.ends_with("ss")
            && !l.ends_with("us")
            && !l.ends_with("is")
            && !matches!(
                l.as_str(),
                "this" | "thus" | "always" | "was" | "has" | "does" | "its" | "perhaps"
            );
        if plural {
            found = Subject::Other;
            break;
        }
    }
    found
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

/// Does a match begin with a negated possessive ("nobody's fault")?
pub fn starts_negated(found: &str) -> bool {
    let first = found.split_whitespace().next().unwrap_or("").to_lowercase();
    let stem = first.trim_end_matches("'s").trim_end_matches("’s");
    stem != first && matches!(stem, "nobody" | "noone" | "none") || found.to_lowercase().starts_with("no one")
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
    fn subjects_across_parentheticals_conjunctions_and_pronouns() {
        let at = |s: &str, w: &str| subject_before(s, s.find(w).unwrap());
        assert_eq!(
            at(
                "The engineer, who had been on call for 14 hours, failed to notice",
                "failed"
            ),
            Subject::Person
        );
        assert_eq!(
            at(
                "The engineer, tired after a long shift, failed to notice",
                "failed"
            ),
            Subject::Person
        );
        assert_eq!(at("However, failed to check", "failed"), Subject::None);
        assert_eq!(
            at("The on-call engineer was paged but failed to notice", "failed"),
            Subject::Person
        );
        assert_eq!(
            at(
                "The on-call engineer acknowledged the page and didn't check",
                "didn't"
            ),
            Subject::Person
        );
        assert_eq!(at("The script ran but failed to check", "failed"), Subject::Other);
        assert_eq!(
            at("The pods were evicted because they failed to respond", "failed"),
            Subject::Other
        );
        assert_eq!(
            at("The engineers were tired and they failed to notice", "failed"),
            Subject::Person
        );
        assert_eq!(
            at("15:28 The Kubernetes operator failed to update", "failed"),
            Subject::Other
        );
        assert_eq!(
            at("The on-call operator failed to update", "failed"),
            Subject::Person
        );
        assert_eq!(
            at("Customers failed to see their carts", "failed"),
            Subject::Other
        );
        assert_eq!(
            at("Anyone could have made the same mistake", "could"),
            Subject::Other
        );
        assert_eq!(at("We did not test it", "did"), Subject::We);
    }

    #[test]
    fn negated_possessives() {
        assert!(starts_negated("nobody's fault"));
        assert!(starts_negated("no one's fault"));
        assert!(!starts_negated("Kim's fault"));
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
