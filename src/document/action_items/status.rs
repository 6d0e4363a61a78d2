//! What a line of the action-items section is: open work, done or rejected
//! work, or not an item at all (a legend, a note, narrative).

use std::sync::LazyLock;

use crate::pattern::Pattern;

/// Where an item stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Open,
    /// Checked, DONE, ✅, struck through, "(fixed in #123)", "we already do this".
    Done,
    /// Decided against: "Considered ... but not worth it", "won't fix".
    Rejected,
}

// The patterns are ASCII where they can be (`(?-u)`, `(?i-u)`): Unicode
// classes and case folding make them several times slower to compile.

static DONE_WORD: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        // A status word at the start or the end of the line, or marked up:
        // not "Add an alert when the job is DONE".
        r"(?-u)^[\s*_(\[~]*(DONE|COMPLETED|COMPLETE|FIXED|RESOLVED|CLOSED|SHIPPED|MERGED)\b",
        r"|\b(DONE|COMPLETED|COMPLETE|FIXED|RESOLVED|CLOSED|SHIPPED|MERGED)[\s*_)\].~]*$",
        r"|[*_(\[](DONE|COMPLETED|COMPLETE|FIXED|RESOLVED|CLOSED|SHIPPED|MERGED)[*_)\]]",
        r"|✅|✔|☑",
        r"|(?i:[(\[](done|completed|fixed|resolved|closed)[)\]])",
        r"|(?i:\bstatus\s*[:=]\s*[*_]*(done|completed?|closed|fixed|resolved|won'?t\s+fix|cancell?ed)\b)",
        r"|(?i:\b(completed|done|closed|fixed|resolved)\s+(on\s+)?\d{4}-\d{1,2}-\d{1,2})",
    ))
    .unwrap()
});
/// Done work said in words: "(fixed in #123)", "(monitoring done in grafana)",
/// "_done in grafana_", "we already do this". The done word is group 1.
static DONE_PHRASE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?i-u)\((?:(?u:[^()\n])*?\s)?(done|fixed|completed|resolved|implemented|shipped|merged|deployed|addressed)\s+\[?(?:in|via|by|with|as|on|since)\b",
        r"|\((?:(?u:[^()\n])*?\s)?(?:already\s+)?(done|fixed|completed|resolved|implemented|shipped|merged|deployed)\)",
        r"|(?:^|\s)[_*](done|fixed|completed|implemented)\b(?u:[^_*\n])*[_*]",
        r"|\b(already)\s+(?:do|does|did|done|have|has|in\s+place|implemented|exists?|handled|covered|fixed|supported|deployed|merged|the\s+case|happening)\b",
    ))
    .unwrap()
});

/// A done phrase that is not about work still to do ("to be done by Q3",
/// "not fixed in 2.1").
fn says_done(text: &str) -> bool {
    DONE_PHRASE.captures_iter(text).any(|c| {
        let word = (1..=4).find_map(|i| c.get(i)).map_or(0, |m| m.start());
        let mut before = text[..word]
            .split_whitespace()
            .rev()
            .map(|w| w.trim_start_matches(['(', '_', '*']).to_lowercase());
        let (last, second) = (
            before.next().unwrap_or_default(),
            before.next().unwrap_or_default(),
        );
        let hedged = |w: &str| {
            matches!(
                w,
                "possible" | "possibly" | "maybe" | "perhaps" | "probably" | "partially" | "partly"
            )
        };
        !(matches!(
            last.as_str(),
            "be" | "not" | "get" | "gets" | "to" | "until" | "once" | "when" | "if" | "being"
        ) || hedged(&last)
            || (last == "already" && hedged(&second)))
    })
}

/// Work decided against.
static REJECTED: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?i-u)^[\s*_(\[~]*considered\b(?u:[^\n])*\bbut\b",
        r"|\b(?:not\s+worth\s+(?:it|the)|decided\s+(?:not\s+to|against)|won'?t\s+(?:do|fix)|wontfix",
        r"|will\s+not\s+(?:do|fix|pursue)|not\s+(?:going|planning)\s+to\s+(?:do|pursue)|no\s+longer\s+(?:needed|relevant|planned)",
        r"|out\s+of\s+scope|rejected|declined|abandoned|dropped\s+in\s+favou?r)\b",
    ))
    .unwrap()
});
/// An explicit open status: the item is not done, whatever its wording.
static OPEN: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?-u)\b(TODO|OPEN|WIP|IN PROGRESS|DOING|BLOCKED)\b|(?i:\bstatus\s*[:=]\s*[*_]*(open|todo|in\s+progress|pending|blocked|not\s+started|planned)\b)").unwrap()
});
/// A Status cell that means the item needs no more work.
static CLOSED_STATUS: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i-u)^[\s*_`~]*(done|complete|completed|closed|fixed|resolved|merged|shipped|deployed|released|live|verified|finished|won'?t\s+(fix|do)|wontfix|cancell?ed|obsolete|dropped|rejected|declined|abandoned|superseded|failed|not\s+needed|✅|✔)").unwrap()
});

/// A legend line: "P0 - Critical, fix this week", "**High**: must ship".
static LEGEND: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i-u)^[\s*_`]*(?:p[0-4]|sev-?[0-4]|s[0-4]|priority\s+[0-4]|high|medium|low|critical|urgent)[\s*_`]*(?u:[-–—:=])[\s*_`]*(?:critical|blocker|urgent|high|medium|low|major|minor|normal|trivial|cosmetic|important|nice\s+to\s+have|must|should|could|fix\s+(?:this|next|within|now|asap|immediately)|within|immediately|asap)\b").unwrap()
});
static NOTE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i-u)^[\s*_(\[]*(?:notes?|nb|n\.b\.|ps|p\.s\.|fyi|legend|key|context|background)\b[\s*_)\]]*(?u:[:\-–—])|^[\s*_]*note\s+that\b").unwrap()
});

/// Work still going on, whatever came before: "Identified and working on ...".
static STILL_OPEN: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i-u)\b(?:working\s+on|in\s+progress|ongoing|will\s+[a-z]|plans?\s+to|still\s+(?:need|open|to))",
    )
    .unwrap()
});

/// How a list item's or a table row's wording says where it stands.
pub fn of_text(first_line: &str, whole: &str) -> Status {
    let first_line = after_title(first_line);
    if OPEN.is_match(whole) || STILL_OPEN.is_match(first_line) {
        return Status::Open;
    }
    if REJECTED.is_match(first_line) {
        return Status::Rejected;
    }
    if is_done_text(first_line) || reports_done_work(first_line) || says_done(whole) {
        return Status::Done;
    }
    Status::Open
}

/// A group's label that gives its items a status: "### Done", "Completed
/// items:", "**Won't do**".
pub fn of_label(label: &str) -> Option<Status> {
    let l = label
        .trim_matches(|c: char| c.is_whitespace() || "*_`:#".contains(c))
        .to_lowercase()
        .replace('’', "'");
    let words: Vec<&str> = l
        .split(|c: char| c.is_whitespace() || "()[],".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    let done_word = |w: &&str| {
        matches!(
            *w,
            "done"
                | "completed"
                | "complete"
                | "closed"
                | "resolved"
                | "finished"
                | "fixed"
                | "shipped"
                | "taken"
                | "implemented"
                | "✅"
        )
    };
    let rejected = words.iter().any(|w| {
        matches!(
            *w,
            "rejected"
                | "wontfix"
                | "declined"
                | "dropped"
                | "abandoned"
                | "cancelled"
                | "canceled"
                | "obsolete"
        )
    }) || l.contains("won't")
        || l.contains("not doing");
    // "Immediate actions taken", "Completed (2026-03)": a status and words
    // about the kind of work, but nothing that looks ahead.
    let looks_ahead = words.iter().any(|w| {
        matches!(
            *w,
            "planned"
                | "todo"
                | "to-do"
                | "open"
                | "pending"
                | "next"
                | "future"
                | "proposed"
                | "remaining"
                | "and"
                | "or"
                | "not"
                | "in"
                | "progress"
                | "ongoing"
                | "upcoming"
        )
    });
    let about_work = |w: &&str| {
        done_word(w)
            || super::owner::is_category(w)
            || w.chars().all(|c| c.is_ascii_digit() || c == '-' || c == '/')
            || matches!(*w, "already" | "won't" | "do" | "fix" | "doing" | "work")
    };
    if rejected && !looks_ahead || l == "not doing" {
        return Some(Status::Rejected);
    }
    (words.iter().any(done_word) && !looks_ahead && words.iter().all(about_work)).then_some(Status::Done)
}

/// An item's own status, unless it says nothing and its group does:
/// "- Add the alert" under "### Done" is done, "- TODO: add ..." is open.
pub fn with_group(own: Status, group: Option<Status>, first_line: &str, whole: &str) -> Status {
    match group {
        Some(g) if own == Status::Open && !OPEN.is_match(whole) && !STILL_OPEN.is_match(first_line) => g,
        _ => own,
    }
}

/// A cell of some other column that is nothing but a status ("Done",
/// "**Won't fix**"); "Live" or "Deployed" there may mean something else.
pub fn of_bare_cell(cell: &str) -> Status {
    let c = cell
        .trim_matches(|c: char| c.is_whitespace() || "*_`~".contains(c))
        .to_lowercase()
        .replace('’', "'");
    match c.as_str() {
        "done" | "completed" | "complete" | "closed" | "fixed" | "resolved" | "✅" | "✔" => Status::Done,
        "won't fix" | "wontfix" | "won't do" | "cancelled" | "canceled" | "rejected" => Status::Rejected,
        _ => Status::Open,
    }
}

/// A Status column's value.
pub fn of_cell(cell: &str) -> Status {
    if CLOSED_STATUS.is_match(cell) {
        if REJECTED.is_match(cell) || cell.to_lowercase().contains("won") {
            Status::Rejected
        } else {
            Status::Done
        }
    } else {
        Status::Open
    }
}

pub fn is_done_text(first_line: &str) -> bool {
    DONE_WORD.is_match(first_line) || (first_line.starts_with("~~") && first_line.trim_end().ends_with("~~"))
}

/// Action items are written as orders ("Add an alert"); a line that starts
/// with a past tense ("Added an alert", "Fixed the race [#7497]"), or whose
/// subject did the work ("Execution clients implemented a fix", "EIP-6110 is
/// updated"), reports work already done.
pub fn reports_done_work(line: &str) -> bool {
    reports_done_work_here(line) || main_clause(line).is_some_and(reports_done_work_here)
}

/// The main clause after a leading adverbial one: "To deal with the load,
/// the team created a node" says "the team created a node".
fn main_clause(line: &str) -> Option<&str> {
    let first = first_word(line).to_lowercase();
    let leads = matches!(
        first.as_str(),
        "to" | "when" | "after" | "while" | "because" | "since" | "once" | "as" | "during" | "following"
    );
    let comma = first_sentence(line).find(", ")?;
    leads.then(|| &line[comma + 2..])
}

/// Does `line` start like a report whose first word is a past tense that
/// also makes an adjective ("Improved cache management")? Done when its
/// list reads as a report, open otherwise.
pub fn starts_adjectival_past(line: &str) -> bool {
    ADJECTIVAL.contains(&first_word(line).to_lowercase().as_str())
}

fn reports_done_work_here(line: &str) -> bool {
    let words: Vec<String> = first_sentence(line)
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let Some(first) = words.first() else {
        return false;
    };
    if PAST.contains(&first.as_str()) {
        // "Increased issue monitoring", "Improved alerting": an adjective;
        // "Increased the limit", "Improved it by ...": a report.
        return !ADJECTIVAL.contains(&first.as_str())
            || words.get(1).is_some_and(|w| {
                OBJECT_START.contains(&w.as_str()) || w.chars().all(|c| c.is_ascii_digit())
            });
    }
    // "Adding a step to check releases are deployed": work under way.
    let ordered = IMPERATIVE.contains(&first.as_str())
        || NOUN_VERBS.contains(&first.as_str())
        || first.ends_with("ing");
    if ordered || looks_ahead(&words) {
        return false;
    }
    // "... has been disabled and removed": a finished verb anywhere.
    let perfect = words.windows(3).any(|w| {
        matches!(w[0].as_str(), "has" | "have" | "had")
            && w[1] == "been"
            && (PAST.contains(&w[2].as_str()) || PARTICIPLES.contains(&w[2].as_str()))
    });
    // A manner adverb opens the report, after an owner at most ("[ICL]
    // Temporarily doubled ..."), not "Old keys not yet fully retired".
    perfect
        || words.windows(2).take(5).enumerate().any(|(i, w)| {
            PAST.contains(&w[1].as_str())
                && (!w[0].ends_with("ly") || (i <= 1 && REPORT_ADVERBS.contains(&w[0].as_str())))
                && !NOT_A_SUBJECT.contains(&w[0].as_str())
        })
}

/// Irregular participles that report done work after "has been".
const PARTICIPLES: &[&str] = &[
    "made", "set", "put", "done", "taken", "sent", "given", "built", "run", "written", "shown", "kept",
    "found", "shut",
];

/// Past tenses that also make an adjective before a noun.
const ADJECTIVAL: &[&str] = &[
    "increased",
    "improved",
    "decreased",
    "reduced",
    "updated",
    "enhanced",
    "documented",
    "optimized",
    "optimised",
    "automated",
    "expanded",
    "extended",
    "standardized",
    "standardised",
    "isolated",
    "shared",
    "restricted",
    "hardened",
    "secured",
    "pinned",
    "separated",
    "scheduled",
];

/// Words before a participle that make it an adjective or a future ("the
/// updated runbook", "to be deployed", "when deployed"), not a report.
const NOT_A_SUBJECT: &[&str] = &[
    "to", "be", "when", "if", "once", "after", "before", "until", "while", "not", "never", "get", "gets",
    "newly", "the", "a", "an", "and", "or", "with", "for", "of", "on", "in", "from", "into", "about", "all",
    "any", "some", "our", "their", "its", "your", "this", "that", "these", "those", "each", "every", "no",
];

/// Not an action item at all: a legend ("P0 - Critical, fix this week"), a
/// note ("Note: ..."), or narrative ("Nimbus took a while to finish").
pub fn is_not_an_item(first_line: &str) -> bool {
    LEGEND.is_match(first_line)
        || NOTE.is_match(first_line)
        || is_fragment(first_line)
        || is_advice(first_line)
        || is_tracker_query(first_line)
        || is_narrative(after_title(first_line))
}

/// Advice to readers, not the team's work: "Package maintainers should
/// enable two-factor authentication", "Users must upgrade to 1.4".
fn is_advice(line: &str) -> bool {
    const AUDIENCE: &[&str] = &[
        "users",
        "maintainers",
        "developers",
        "operators",
        "administrators",
        "admins",
        "customers",
        "contributors",
        "readers",
        "consumers",
        "integrators",
        "validators",
        "everyone",
        "anyone",
        "you",
    ];
    let words: Vec<String> = line
        .split_whitespace()
        .take(6)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .collect();
    let Some(modal) = words.iter().position(|w| {
        matches!(
            w.as_str(),
            "should" | "must" | "can" | "may" | "need" | "needs" | "are"
        )
    }) else {
        return false;
    };
    // "Package maintainers and users should", "Application developers should".
    let advised = words.get(modal + 1).is_some_and(|n| {
        words[modal] != "are" || matches!(n.as_str(), "encouraged" | "advised" | "urged" | "asked")
    });
    (1..=4).contains(&modal)
        && advised
        && words[..modal].iter().any(|w| AUDIENCE.contains(&w.as_str()))
        && words[..modal]
            .iter()
            .all(|w| !matches!(w.as_str(), "we" | "i" | "our" | "the"))
}

/// A link to a search of the tracker ("issues?q=...", a JQL filter): where
/// the items are kept, not an item.
fn is_tracker_query(line: &str) -> bool {
    let t = line.trim();
    let url = t
        .strip_prefix('<')
        .and_then(|r| r.strip_suffix('>'))
        .or_else(|| {
            t.rsplit_once("](")
                .and_then(|(text, u)| text.starts_with('[').then(|| u.trim_end_matches(')')))
        })
        .unwrap_or(t);
    !url.contains(char::is_whitespace)
        && url.starts_with("http")
        && (url.contains("issues?")
            || url.contains("jql=")
            || url.contains("/issues/?")
            || url.contains("/search?"))
}

/// The rest of someone else's sentence, in lowercase: "to have out-of-date
/// state on the UI", "and the other region".
fn is_fragment(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or("");
    matches!(
        first,
        "to" | "and" | "or" | "but" | "which" | "that" | "so" | "because"
    )
}

/// The text after an item's bold title: "**Peer Monitoring**: Enhanced peer
/// monitoring" says "Enhanced peer monitoring" (and "**Added** a flag" is
/// left alone: no colon).
fn after_title(line: &str) -> &str {
    let Some(rest) = line.strip_prefix("**") else {
        return line;
    };
    match rest.find("**") {
        Some(end) => {
            let (title, after) = (&rest[..end], &rest[end + 2..]);
            match (title.strip_suffix(':'), after.strip_prefix(':')) {
                (Some(_), _) => after.trim_start(),
                (None, Some(a)) => a.trim_start(),
                _ => line,
            }
        }
        None => line,
    }
}

/// A sentence that tells what happened: it opens with a negated past or a
/// conjunction, or has a past-tense verb of its own and nothing that looks
/// ahead. "Even when the block was invalid, it was added", "Didn't see
/// issues", "Nimbus took a while".
fn is_narrative(line: &str) -> bool {
    let sentence = first_sentence(line);
    let words: Vec<String> = sentence
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect();
    let Some(first) = words.first() else {
        return false;
    };
    let ordered = IMPERATIVE.contains(&first.as_str())
        || (NOUN_VERBS.contains(&first.as_str())
            && words.get(1).is_some_and(|w| OBJECT_START.contains(&w.as_str())));
    if ordered || looks_ahead(&words) {
        return false;
    }
    // "Alerting was missing; add a disk alert": an order in a later clause.
    let clause_orders = sentence
        .split([';', ':', '—', '–'])
        .flat_map(|c| c.split(" - "))
        .skip(1)
        .any(|c| IMPERATIVE.contains(&first_word(c).to_lowercase().as_str()));
    if clause_orders {
        return false;
    }
    let opens_story = matches!(
        first.as_str(),
        "didn't" | "wasn't" | "weren't" | "hadn't" | "even" | "while" | "although" | "though" | "after"
    );
    // The verb of a story follows its subject closely ("Nimbus took a
    // while", "The block was invalid"); one further on ("... a musl-built
    // library") is an adjective in an order whose verb pmlint does not know.
    let early_past = |words: &[String]| words.iter().take(4).any(|w| NARRATIVE_PAST.contains(&w.as_str()));
    let main: Vec<String> = main_clause(sentence)
        .unwrap_or("")
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    opens_story || early_past(&words) || early_past(&main)
}

/// A paragraph of the section that states work still to do: an order
/// ("Investigate why ..."), a commitment ("We will add a canary", "We need
/// to ..."), or a marker ("TODO: ...").
pub fn states_future_work(paragraph: &str) -> bool {
    let t = paragraph.trim_start_matches(|c: char| !c.is_alphanumeric());
    let lower = t.to_lowercase();
    // Asides to the reader, not work: "Keep in mind that ...".
    if ["keep in mind", "bear in mind", "make sure to read", "note that"]
        .iter()
        .any(|m| lower.starts_with(m))
    {
        return false;
    }
    if [
        "todo",
        "fixme",
        "action item:",
        "action:",
        "next step",
        "follow-up:",
        "follow up:",
    ]
    .iter()
    .any(|m| lower.starts_with(m))
    {
        return true;
    }
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
        .take(8)
        .collect();
    let Some(&first) = words.first() else {
        return false;
    };
    if IMPERATIVE.contains(&first) {
        return true;
    }
    if NOUN_VERBS.contains(&first) {
        return words.get(1).is_some_and(|w| OBJECT_START.contains(w));
    }
    // "We will ...", "The team needs to ...", "Clients will ...": a subject
    // of up to three words, then a word that commits to the work.
    let stem = first.split(['\'', '’']).next().unwrap_or(first);
    let subject_ok = !matches!(
        stem,
        "this" | "that" | "it" | "there" | "these" | "those" | "which"
    );
    if subject_ok && (first.ends_with("'ll") || first.ends_with("’ll")) {
        return true;
    }
    subject_ok
        && words
            .iter()
            .take(4)
            .enumerate()
            .skip(1)
            .any(|(i, w)| commits(w, words.get(i + 1).copied()))
}

/// "will add", "need to", "should", "plan to": a word that commits the
/// subject to future work (not "will not", not "should not").
fn commits(word: &str, next: Option<&str>) -> bool {
    let negated = matches!(next, Some("not" | "never" | "be"));
    match word {
        "will" | "shall" | "'ll" | "must" | "should" => !negated,
        "need" | "needs" | "plan" | "plans" | "intend" | "intends" | "want" | "wants" => next == Some("to"),
        "going" => next == Some("to"),
        _ => word.ends_with("'ll"),
    }
}

fn looks_ahead(words: &[String]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        let next = words.get(i + 1).map(String::as_str);
        // "is needed", "are required" (not "required reviews").
        let obliged = matches!(w.as_str(), "needed" | "necessary" | "required")
            && i > 0
            && matches!(words[i - 1].as_str(), "is" | "are" | "be" | "also" | "still");
        commits(w, next) || obliged || matches!(w.as_str(), "todo" | "tbd")
    })
}

/// Does a label start with a verb ("Rotate Keys")? Then it is work, not a name.
pub fn starts_with_verb(label: &str) -> bool {
    let w = first_word(label).to_lowercase();
    IMPERATIVE.contains(&w.as_str()) || NOUN_VERBS.contains(&w.as_str()) || PAST.contains(&w.as_str())
}

fn first_word(line: &str) -> &str {
    line.trim_start_matches(|c: char| !c.is_alphabetic())
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
}

fn first_sentence(line: &str) -> &str {
    let end = line
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?') && line[i + 1..].starts_with(char::is_whitespace))
        .map_or(line.len(), |(i, _)| i);
    &line[..end]
}

/// Past tenses that open a report of done work.
const PAST: &[&str] = &[
    "added",
    "fixed",
    "implemented",
    "removed",
    "updated",
    "deployed",
    "merged",
    "released",
    "shipped",
    "created",
    "enabled",
    "disabled",
    "migrated",
    "reverted",
    "improved",
    "increased",
    "decreased",
    "documented",
    "wrote",
    "changed",
    "moved",
    "introduced",
    "upgraded",
    "patched",
    "resolved",
    "completed",
    "configured",
    "switched",
    "replaced",
    "refactored",
    "optimized",
    "optimised",
    "published",
    "closed",
    "installed",
    "rotated",
    "deleted",
    "restored",
    "raised",
    "lowered",
    "tuned",
    "rewrote",
    "renamed",
    "identified",
    "addded",
    "requested",
    "asked",
    "contacted",
    "notified",
    "informed",
    "reviewed",
    "audited",
    "revoked",
    "reset",
    "blocked",
    "banned",
    "invalidated",
    "purged",
    "regenerated",
    "rebuilt",
    "redeployed",
    "restarted",
    "tested",
    "verified",
    "validated",
    "rolled",
    "extended",
    "expanded",
    "enhanced",
    "automated",
    "standardized",
    "standardised",
    // Seen in incident logs' lists of done work.
    "finalized",
    "finalised",
    "enforced",
    "engaged",
    "established",
    "doubled",
    "tripled",
    "halved",
    "hired",
    "onboarded",
    "launched",
    "drafted",
    "provisioned",
    "secured",
    "hardened",
    "separated",
    "triaged",
    "filed",
    "submitted",
    "disclosed",
    "coordinated",
    "escalated",
    "granted",
    "restricted",
    "deprecated",
    "decommissioned",
    "retired",
    "isolated",
    "cleaned",
    "cleared",
    "flushed",
    "paused",
    "resumed",
    "reran",
    "re-ran",
    "rebooted",
    "reinstalled",
    "reconfigured",
    "recovered",
    "repaired",
    "pinned",
    "unpinned",
    "bumped",
    "shared",
    "announced",
];

/// Manner adverbs before a past tense that opens a report ("Temporarily
/// doubled the bounty", "Manually rotated the keys").
const REPORT_ADVERBS: &[&str] = &[
    "temporarily",
    "manually",
    "permanently",
    "successfully",
    "fully",
    "partially",
];

/// Finite past verbs that tell a story rather than order work.
const NARRATIVE_PAST: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "didn't",
    "took",
    "went",
    "came",
    "became",
    "happened",
    "caused",
    "led",
    "saw",
    "noticed",
    "experienced",
    "struggled",
    "ended",
    "proved",
    "seemed",
    "turned",
    "created",
    "built",
    "found",
];

/// Verbs an action item opens with.
const IMPERATIVE: &[&str] = &[
    "add",
    "adopt",
    "agree",
    "allow",
    "analyse",
    "analyze",
    "archive",
    "ask",
    "assess",
    "assign",
    "automate",
    "avoid",
    "backfill",
    "backport",
    "block",
    "build",
    "bump",
    "clarify",
    "clean",
    "communicate",
    "configure",
    "consider",
    "consolidate",
    "contact",
    "coordinate",
    "create",
    "decide",
    "decommission",
    "decrease",
    "define",
    "delete",
    "deprecate",
    "describe",
    "design",
    "determine",
    "develop",
    "disable",
    "discuss",
    "disown",
    "draft",
    "drop",
    "educate",
    "enable",
    "encrypt",
    "enforce",
    "engage",
    "ensure",
    "escalate",
    "establish",
    "evaluate",
    "expand",
    "explore",
    "expose",
    "extend",
    "figure",
    "file",
    "find",
    "finish",
    "formalise",
    "formalize",
    "harden",
    "hold",
    "host",
    "identify",
    "implement",
    "improve",
    "include",
    "increase",
    "instrument",
    "integrate",
    "introduce",
    "investigate",
    "isolate",
    "keep",
    "look",
    "make",
    "measure",
    "migrate",
    "mirror",
    "move",
    "notify",
    "onboard",
    "open",
    "optimise",
    "optimize",
    "pair",
    "pin",
    "prepare",
    "prevent",
    "prioritise",
    "prioritize",
    "provide",
    "provision",
    "publish",
    "pursue",
    "raise",
    "re-enable",
    "re-submit",
    "reach",
    "reconfigure",
    "reduce",
    "reenable",
    "refactor",
    "remove",
    "rename",
    "replace",
    "reproduce",
    "request",
    "require",
    "research",
    "restrict",
    "resubmit",
    "retire",
    "retry",
    "revert",
    "revisit",
    "revoke",
    "rework",
    "rewrite",
    "rotate",
    "run",
    "scale",
    "secure",
    "send",
    "separate",
    "set",
    "share",
    "ship",
    "simplify",
    "split",
    "standardise",
    "standardize",
    "start",
    "stop",
    "streamline",
    "subscribe",
    "sunset",
    "support",
    "switch",
    "sync",
    "tag",
    "talk",
    "teach",
    "tighten",
    "train",
    "trigger",
    "try",
    "tune",
    "turn",
    "unblock",
    "unify",
    "upgrade",
    "use",
    "validate",
    "verify",
    "warn",
    "watch",
    "wrap",
    "write",
];

/// Verbs that are also nouns ("Test coverage is low", "Review was done"):
/// an order only when an object follows ("Test the failover").
const NOUN_VERBS: &[&str] = &[
    "alert", "audit", "cache", "change", "check", "deploy", "document", "fix", "limit", "log", "monitor",
    "page", "patch", "plan", "process", "release", "report", "review", "roll", "schedule", "test", "track",
    "update",
];

const OBJECT_START: &[&str] = &[
    "the", "a", "an", "our", "all", "every", "each", "that", "this", "these", "those", "whether", "if",
    "how", "why", "what", "which", "when", "for", "with", "to", "up", "out", "it", "them", "on", "in", "any",
    "back", "existing",
];

/// This module's patterns, for the table built ahead (see [`crate::automata`]).
#[cfg(test)]
pub(crate) fn patterns() -> Vec<&'static Pattern> {
    vec![
        &DONE_WORD,
        &DONE_PHRASE,
        &REJECTED,
        &OPEN,
        &CLOSED_STATUS,
        &LEGEND,
        &NOTE,
        &STILL_OPEN,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn done_words() {
        assert!(is_done_text("**DONE** add an alert"));
        assert!(is_done_text("✅ Add an alert"));
        assert!(is_done_text("Add an alert (done)"));
        assert!(!is_done_text("Define the done-state of the runbook"));
        assert!(reports_done_work(
            "Fixed the race in attestation gossip [#7543](https://x.org)"
        ));
        assert!(reports_done_work("**Added** a dry-run flag"));
        assert!(reports_done_work(
            "[ICL] Finalized removal of the flagged binaries"
        ));
        assert!(reports_done_work("[ICL] Temporarily doubled the bounty rewards"));
        assert!(reports_done_work("Manually rotated every deploy key"));
        assert!(!reports_done_work("Rotate every deploy key manually"));
        assert!(!reports_done_work("Old keys not yet fully retired"));
        assert!(!reports_done_work("Add a dry-run flag"));
        assert!(!is_done_text(
            "Add an alert when the job is DONE (@kim, due 2026-01-01)"
        ));
        assert!(is_done_text("n/a **DONE**"));
        assert!(is_done_text("Bug 5554825 DONE"));
        assert!(reports_done_work(
            "Execution clients implemented a fix, e.g. Geth #31317"
        ));
        assert!(reports_done_work("EIP-6110 is updated to add events filtering"));
        assert!(reports_done_work("The alert has been added"));
        assert!(!reports_done_work("Alert when a deployed version differs"));
        assert!(!reports_done_work("Make sure the runbook is updated"));
        assert!(!reports_done_work("Document the updated process"));
        assert!(!reports_done_work("The config needs to be updated"));
        assert!(!reports_done_work("Better alerts with updated thresholds"));
        assert!(!reports_done_work(
            "Adding a step to confirm releases are deployed"
        ));
        assert!(!reports_done_work("Increased issue monitoring after a release"));
        assert!(reports_done_work("Increased the connection limit to 500"));
        assert!(!reports_done_work(
            "Disown the namespace from Crossplane once it is created"
        ));
        assert!(reports_done_work(
            "We enabled branch protection on more repositories"
        ));
        assert!(reports_done_work(
            "We enabled branch protection and required reviews"
        ));
        assert!(reports_done_work(
            "The vulnerable `review-cask-pr` Action has been disabled and removed"
        ));
        assert_eq!(
            of_text("**Peer Monitoring**: Enhanced peer monitoring", ""),
            Status::Open
        );
        assert_eq!(of_text("**Cleanup:** Removed the old hosts", ""), Status::Done);
        assert!(reports_done_work(
            "Changes have been made to the Karpenter resources"
        ));
        assert!(reports_done_work(
            "To deal with the load, team created a superbeacon node"
        ));
        assert!(!reports_done_work(
            "To deal with the load, add a superbeacon node"
        ));
    }

    #[test]
    fn done_and_rejected_in_words() {
        let s = |t: &str| of_text(t, t);
        assert_eq!(s("Add a canary (fixed in #123)"), Status::Done);
        assert_eq!(
            s("Alert on CPU (monitoring done [in grafana](https://g))"),
            Status::Done
        );
        assert_eq!(s("Alert on CPU _done in grafana_"), Status::Done);
        assert_eq!(
            s("Split the codes. Note: on investigation, we already do this"),
            Status::Done
        );
        assert_eq!(
            s("Considered adding pessimistic sync but it is not worth it"),
            Status::Rejected
        );
        assert_eq!(s("Retry uploads (won't fix: the client does)"), Status::Rejected);
        assert_eq!(s("Make sure the fix is done in staging first"), Status::Open);
        assert_eq!(s("Add a canary (to be done by Q3)"), Status::Open);
        assert_eq!(s("Fixed the cache (TODO: the other region)"), Status::Open);
        assert_eq!(s("Identified and working on smaller issues"), Status::Open);
        assert_eq!(s("we sort of already have that"), Status::Done);
        assert_eq!(
            s("Pick cheaper regions (optional, possibly already done)"),
            Status::Open
        );
        assert_eq!(of_cell("**DONE**"), Status::Done);
        assert_eq!(of_cell("Won't fix"), Status::Rejected);
        assert_eq!(of_cell("FAILED"), Status::Done);
        assert_eq!(of_cell("In progress"), Status::Open);
        assert_eq!(of_bare_cell("Done"), Status::Done);
        assert_eq!(of_bare_cell("Live"), Status::Open);
        assert_eq!(of_label("### Done"), Some(Status::Done));
        assert_eq!(of_label("Completed items:"), Some(Status::Done));
        assert_eq!(of_label("**Won't do**"), Some(Status::Rejected));
        assert_eq!(of_label("Not doing"), Some(Status::Rejected));
        assert_eq!(of_label("Not"), None);
        assert_eq!(of_label("**Immediate Actions Taken**:"), Some(Status::Done));
        assert_eq!(of_label("### Immediate (Completed)"), Some(Status::Done));
        assert_eq!(of_label("Short-term Corrective Actions"), None);
        assert_eq!(of_label("Planned and completed"), None);
        assert_eq!(of_label("Done and open"), None);
        assert_eq!(of_label("Detection"), None);
        assert_eq!(
            with_group(Status::Open, Some(Status::Done), "Add x", "Add x"),
            Status::Done
        );
        assert_eq!(
            with_group(Status::Open, Some(Status::Done), "TODO add x", "TODO add x"),
            Status::Open
        );
    }

    #[test]
    fn legends_notes_and_narrative_are_not_items() {
        for t in [
            "P0 - Critical, fix this week",
            "**P1**: high, fix within 30 days",
            "Note: owners are assigned in the weekly review",
            "Notes - see the ticket",
            "Even when the block was invalid, it was added to fork choice",
            "Didn't experience major issues with performance",
            "to have out-of-date state on the UI",
            "After the network finalized, Nimbus took a while to catch up",
        ] {
            assert!(is_not_an_item(t), "{t}");
        }
        for t in [
            "Add an alert on replication lag",
            "P0: Add an alert on replication lag",
            "Investigate why the job was slow",
            "Alerting on disk usage, which we did not have, is needed",
            "Developing a faster sync mode",
            "Better alerts for systemd failures",
            "The runbook should say what was missing",
            "Alerting was missing for disk usage; add a disk alert",
            "Engage the maintainers about musl support: ship a musl-built library",
            "Disown the namespace once it is created, so it is not deleted",
        ] {
            assert!(!is_not_an_item(t), "{t}");
        }
    }

    #[test]
    fn future_work_paragraphs() {
        for t in [
            "Investigate together with the Rails community why the marshalling changed.",
            "We will add a canary for the config service.",
            "We'll add a canary.",
            "We need to rotate the keys.",
            "The storage team needs to add an alert.",
            "TODO: add graphs",
            "Test the failover every quarter.",
            "Clients will enable custom checkpoint sync.",
        ] {
            assert!(states_future_work(t), "{t}");
        }
        for t in [
            "We are committed to:",
            "This will take a few weeks.",
            "Test coverage was low for this path.",
            "The outage lasted two hours.",
            "We will not rotate the keys.",
            "There will be a follow-up review.",
            "See the issue for details.",
            "Keep in mind that owners change after the review.",
        ] {
            assert!(!states_future_work(t), "{t}");
        }
    }
}
