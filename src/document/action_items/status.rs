//! What a line of the action-items section is: open work, done or rejected
//! work, or not an item at all (a legend, a note, narrative).

use std::sync::LazyLock;

use regex::Regex;

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

static DONE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
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
static DONE_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i-u)\((?:(?u:[^()\n])*?\s)?(done|fixed|completed|resolved|implemented|shipped|merged|deployed|addressed)\s+\[?(?:in|via|by|with|as|on|since)\b",
        r"|\((?:(?u:[^()\n])*?\s)?(?:already\s+)?(done|fixed|completed|resolved|implemented|shipped|merged|deployed)\)",
        r"|(?:^|\s)[_*](done|fixed|completed|implemented)\b(?u:[^_*\n])*[_*]",
        r"|\b(already)\s+(?:do|does|did|done|in\s+place|implemented|exists?|handled|covered|fixed|supported|deployed|merged|the\s+case|happening)\b",
    ))
    .unwrap()
});

/// A done phrase that is not about work still to do ("to be done by Q3",
/// "not fixed in 2.1").
fn says_done(text: &str) -> bool {
    DONE_PHRASE.captures_iter(text).any(|c| {
        let word = (1..=4).find_map(|i| c.get(i)).map_or(0, |m| m.start());
        let before = text[..word]
            .split_whitespace()
            .next_back()
            .unwrap_or("")
            .to_lowercase();
        let before = before.trim_start_matches(['(', '_', '*']);
        !matches!(
            before,
            "be" | "not" | "get" | "gets" | "to" | "until" | "once" | "when" | "if" | "being"
        )
    })
}

/// Work decided against.
static REJECTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i-u)^[\s*_(\[~]*considered\b(?u:[^\n])*\bbut\b",
        r"|\b(?:not\s+worth\s+(?:it|the)|decided\s+(?:not\s+to|against)|won'?t\s+(?:do|fix)|wontfix",
        r"|will\s+not\s+(?:do|fix|pursue)|not\s+(?:going|planning)\s+to\s+(?:do|pursue)|no\s+longer\s+(?:needed|relevant|planned)",
        r"|out\s+of\s+scope|rejected|declined|abandoned|dropped\s+in\s+favou?r)\b",
    ))
    .unwrap()
});
/// An explicit open status: the item is not done, whatever its wording.
static OPEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)\b(TODO|OPEN|WIP|IN PROGRESS|DOING|BLOCKED)\b|(?i:\bstatus\s*[:=]\s*[*_]*(open|todo|in\s+progress|pending|blocked|not\s+started|planned)\b)").unwrap()
});
/// A Status cell that means the item needs no more work.
static CLOSED_STATUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)^[\s*_`~]*(done|complete|completed|closed|fixed|resolved|merged|shipped|deployed|released|live|verified|finished|won'?t\s+(fix|do)|wontfix|cancell?ed|obsolete|dropped|rejected|declined|abandoned|superseded|failed|not\s+needed|✅|✔)").unwrap()
});

/// A legend line: "P0 - Critical, fix this week", "**High**: must ship".
static LEGEND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)^[\s*_`]*(?:p[0-4]|sev-?[0-4]|s[0-4]|priority\s+[0-4]|high|medium|low|critical|urgent)[\s*_`]*(?u:[-–—:=])[\s*_`]*(?:critical|blocker|urgent|high|medium|low|major|minor|normal|trivial|cosmetic|important|nice\s+to\s+have|must|should|could|fix\s+(?:this|next|within|now|asap|immediately)|within|immediately|asap)\b").unwrap()
});
static NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)^[\s*_(\[]*(?:notes?|nb|n\.b\.|ps|p\.s\.|fyi|legend|key|context|background)\b[\s*_)\]]*(?u:[:\-–—])|^[\s*_]*note\s+that\b").unwrap()
});

/// Work still going on, whatever came before: "Identified and working on ...".
static STILL_OPEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i-u)\b(?:working\s+on|in\s+progress|ongoing|will\s+[a-z]|plans?\s+to|still\s+(?:need|open|to))",
    )
    .unwrap()
});

/// How a list item's or a table row's wording says where it stands.
pub fn of_text(first_line: &str, whole: &str) -> Status {
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
    let words: Vec<&str> = l.split_whitespace().collect();
    let status_word = |w: &&str| {
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
                | "✅"
                | "rejected"
                | "wontfix"
                | "declined"
                | "dropped"
                | "abandoned"
                | "cancelled"
                | "canceled"
                | "obsolete"
        )
    };
    let filler = |w: &&str| {
        matches!(
            *w,
            "items"
                | "actions"
                | "tasks"
                | "action"
                | "already"
                | "and"
                | "or"
                | "/"
                | "won't"
                | "do"
                | "fix"
                | "not"
                | "doing"
                | "work"
        )
    };
    if words.is_empty() || !words.iter().all(|w| status_word(w) || filler(w)) {
        return None;
    }
    let rejected = REJECTED.is_match(&l)
        || words.iter().any(|w| {
            matches!(
                *w,
                "won't" | "not" | "dropped" | "cancelled" | "canceled" | "obsolete"
            )
        });
    if words.iter().any(status_word) || l.contains("won't") || l.contains("not doing") {
        Some(if rejected { Status::Rejected } else { Status::Done })
    } else {
        None
    }
}

/// An item's own status, unless it says nothing and its group does:
/// "- Add the alert" under "### Done" is done, "- TODO: add ..." is open.
pub fn with_group(own: Status, group: Option<Status>, first_line: &str, whole: &str) -> Status {
    match group {
        Some(g) if own == Status::Open && !OPEN.is_match(whole) && !STILL_OPEN.is_match(first_line) => g,
        _ => own,
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
    let words: Vec<String> = first_sentence(line)
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let Some(first) = words.first() else {
        return false;
    };
    if PAST.contains(&first.as_str()) {
        return true;
    }
    // "Adding a step to check releases are deployed": work under way.
    let ordered = IMPERATIVE.contains(&first.as_str())
        || NOUN_VERBS.contains(&first.as_str())
        || first.ends_with("ing");
    !ordered
        && !looks_ahead(&words)
        && words.windows(2).skip(1).any(|w| {
            PAST.contains(&w[1].as_str()) && !w[0].ends_with("ly") && !NOT_A_SUBJECT.contains(&w[0].as_str())
        })
}

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
    LEGEND.is_match(first_line) || NOTE.is_match(first_line) || is_narrative(first_line)
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
    opens_story || words.iter().any(|w| NARRATIVE_PAST.contains(&w.as_str()))
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
        commits(w, next) || matches!(w.as_str(), "todo" | "tbd" | "needed" | "necessary" | "required")
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
    "create",
    "decide",
    "decommission",
    "define",
    "delete",
    "deprecate",
    "describe",
    "design",
    "determine",
    "develop",
    "disable",
    "discuss",
    "draft",
    "educate",
    "enable",
    "encrypt",
    "enforce",
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
    "identify",
    "implement",
    "improve",
    "include",
    "increase",
    "decrease",
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
    "open",
    "optimise",
    "optimize",
    "pin",
    "prepare",
    "prevent",
    "prioritise",
    "prioritize",
    "provide",
    "provision",
    "publish",
    "raise",
    "reduce",
    "refactor",
    "remove",
    "rename",
    "replace",
    "reproduce",
    "require",
    "research",
    "resubmit",
    "re-submit",
    "retire",
    "revisit",
    "revoke",
    "rewrite",
    "rework",
    "rotate",
    "run",
    "separate",
    "set",
    "share",
    "simplify",
    "split",
    "standardise",
    "standardize",
    "start",
    "stop",
    "streamline",
    "switch",
    "talk",
    "tighten",
    "train",
    "try",
    "tune",
    "upgrade",
    "use",
    "validate",
    "verify",
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
        assert_eq!(of_cell("**DONE**"), Status::Done);
        assert_eq!(of_cell("Won't fix"), Status::Rejected);
        assert_eq!(of_cell("FAILED"), Status::Done);
        assert_eq!(of_cell("In progress"), Status::Open);
        assert_eq!(of_label("### Done"), Some(Status::Done));
        assert_eq!(of_label("Completed items:"), Some(Status::Done));
        assert_eq!(of_label("**Won't do**"), Some(Status::Rejected));
        assert_eq!(of_label("Not doing"), Some(Status::Rejected));
        assert_eq!(of_label("Not"), None);
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
