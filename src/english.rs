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
    "dba",
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
    "first",
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
    // A clause longer than this is not prose a rule can read anyway.
    let mut floor = end.saturating_sub(1000);
    while !before.is_char_boundary(floor) {
        floor += 1;
    }
    before[floor..]
        .char_indices()
        .rev()
        .find(|&(i, c)| is_clause_break(c) || is_dash_break(&before[floor..], i, c))
        .map_or(floor, |(i, c)| floor + i + c.len_utf8())
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
        Some(Token::Word(w)) => {
            let words = words_of(&toks[..i]);
            match classify(text, clause, &words, w) {
                Subject::Other => leading_person(&words).unwrap_or(Subject::Other),
                s => s,
            }
        }
    }
}

/// "The engineer who was on call", "the author of the change", "the
/// engineer on call": a person word near the start of the clause, followed
/// by a relative pronoun or a preposition, is the subject.
fn leading_person(words: &[&str]) -> Option<Subject> {
    let k = words
        .iter()
        .take(4)
        .position(|w| is_person(w) && !matches!(w.to_lowercase().as_str(), "they" | "who"))?;
    let next = words.get(k + 1)?.to_lowercase();
    matches!(
        next.as_str(),
        "who" | "that" | "on" | "of" | "in" | "at" | "from" | "with" | "for"
    )
    .then_some(Subject::Person)
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
    // "The script of the engineer failed": the subject is the script.
    let n = words.len();
    if let Some(of) = words[n.saturating_sub(4)..n.saturating_sub(1)]
        .iter()
        .rposition(|w| w.eq_ignore_ascii_case("of"))
    {
        let of = n.saturating_sub(4) + of;
        let owner = of.checked_sub(1).map(|i| words[i].to_lowercase());
        let quantifier = owner.as_deref().is_some_and(|o| {
            matches!(
                o,
                "most"
                    | "some"
                    | "all"
                    | "none"
                    | "many"
                    | "few"
                    | "each"
                    | "one"
                    | "two"
                    | "several"
                    | "half"
                    | "both"
                    | "any"
                    | "either"
                    | "neither"
            )
        });
        if owner.as_deref().is_some_and(|o| !quantifier && !is_person(o)) {
            return Subject::Other;
        }
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
    // The same block, and not far back.
    let mut from = before.len().saturating_sub(2000);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let before = &before[from..];
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
/// it, in the same clause ("not human error", "never user error", "no one
/// is to blame", "hardly careless"), not across a comma or a conjunction
/// ("There were no alerts, and human error compounded it")?
pub fn is_negated(text: &str, start: usize) -> bool {
    let from = clause_start(text, start);
    let toks = tokens(&text[from..start]);
    let after_break = toks
        .iter()
        .rposition(|t| matches!(t, Token::Comma))
        .map_or(0, |i| i + 1);
    let mut words: Vec<String> = words_of(&toks[after_break..])
        .iter()
        .map(|w| w.to_lowercase())
        .collect();
    let n = words.len();
    if n >= 2
        && matches!(
            (words[n - 2].as_str(), words[n - 1].as_str()),
            ("anything", "but") | ("far", "from")
        )
    {
        return true;
    }
    if let Some(c) = words.iter().rposition(|w| is_conjunction(w) || w == "then") {
        words.drain(..=c);
    }
    let lower = &words[words.len().saturating_sub(3)..];
    lower.iter().enumerate().any(|(i, w)| {
        matches!(
            w.as_str(),
            "not"
                | "never"
                | "no"
                | "nobody"
                | "nor"
                | "without"
                | "nothing"
                | "neither"
                | "hardly"
                | "barely"
                | "scarcely"
        ) || w.ends_with("n't")
            || w.ends_with("n’t")
            || (i > 0
                && matches!(
                    (lower[i - 1].as_str(), w.as_str()),
                    ("rather", "than") | ("instead", "of") | ("far", "from") | ("anything", "but")
                ))
    })
}

/// "should have been paged", "should have received": the person would have
/// been on the receiving end of a system's action, which is no hindsight
/// about what they did.
pub fn is_receipt_or_passive(text: &str, participle: &std::ops::Range<usize>) -> bool {
    let w = text[participle.clone()].to_lowercase();
    matches!(w.as_str(), "received" | "got" | "gotten")
        || (w == "been" && participle_after(text, participle.end).is_some())
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
        assert_eq!(
            at("The engineer who was on call failed to notice", "failed"),
            Subject::Person
        );
        assert_eq!(
            at("The author of the change failed to test it", "failed"),
            Subject::Person
        );
        assert_eq!(
            at("The person who merged it did not test it", "did"),
            Subject::Person
        );
        assert_eq!(at("The DBA failed to notice", "failed"), Subject::Person);
        assert_eq!(
            at("The script of the engineer failed to check", "failed"),
            Subject::Other
        );
        assert_eq!(
            at("Most of the engineers failed to notice", "failed"),
            Subject::Person
        );
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
        let s = "There were no alerts, and human error compounded it.";
        assert!(!is_negated(s, s.find("human").unwrap()));
        let s = "The dashboard was not updated so human error was likely.";
        assert!(!is_negated(s, s.find("human").unwrap()));
        let s = "It was anything but careless.";
        assert!(is_negated(s, s.find("careless").unwrap()));
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
