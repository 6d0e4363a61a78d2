//! Who owns an action item: a label ("Owner: Kim", "Team: Payments", "owned
//! by Kim"), an `@handle`, a name in the owner slot ("(Kim (SRE), due ...)",
//! "— Ana, by Dec 15"), or the group the item is listed under ("- Lighthouse",
//! "### Storage team"). A group that names a kind of work ("Detection",
//! "Short-term") is a category, not an owner.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::pattern::Pattern;

use super::is_placeholder_value;
use crate::document::dates::contains_ascii_ci;

static OWNER_LABEL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?i-u)\b(?:owners?|assignees?|assigned\s+to|owned\s+by|dri|responsible|who|team)\b[*_]*\s*[:=][*_]*[ \t]*",
        r"((?u:[^,;|)\]\n—–])*)"
    ))
    .unwrap()
});
/// "owned by Kim", "assigned to the storage team": no colon.
static OWNED_BY: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i-u)\b(?:owned\s+by|assigned\s+to|owner\s+is)[ \t]+([@A-Za-z0-9_](?u:[^,;|)\]\n—–.])*)")
        .unwrap()
});
static HANDLE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?:^|[^\w./@:`-])(@[A-Za-z0-9][A-Za-z0-9_-]*(?:/[A-Za-z0-9_.-]+)?)").unwrap()
});

/// The owner an item's own text names. `t` is the item's text, `line_end`
/// the end of its first line in `t`, `base` where `t` starts in the source.
pub fn in_text(t: &str, line_end: usize, base: usize, patterns: &[Regex]) -> Option<Range<usize>> {
    let at = |r: Range<usize>| base + r.start..base + r.end;
    if let Some(lead) = leading(t) {
        return Some(at(lead));
    }
    // Cheap tests first: most items have no labels or handles.
    let has = |needles: &[u8]| t.bytes().any(|b| needles.contains(&b));
    let labelled = has(b":=")
        .then(|| OWNER_LABEL.captures_iter(t))
        .into_iter()
        .flatten()
        .filter_map(|c| c.get(1))
        .chain(
            (contains_ascii_ci(t, b"owned") || contains_ascii_ci(t, b"assigned") || owner_is(t))
                .then(|| OWNED_BY.captures_iter(t))
                .into_iter()
                .flatten()
                .filter_map(|c| c.get(1)),
        )
        .map(|v| trimmed(t, v.range()));
    let mut placeholder = false;
    let labelled = labelled.into_iter().find(|v| {
        let value = &t[v.clone()];
        placeholder |= is_placeholder_value(value);
        !is_placeholder_value(value) && value.chars().any(char::is_alphabetic)
    });
    labelled
        .or_else(|| has(b"@").then(|| handle(t, line_end)).flatten())
        .or_else(|| slot(t, line_end))
        .or_else(|| patterns.iter().find_map(|re| re.find(t)).map(|m| m.range()))
        // A guess from the wording gives way to "Owner: TBD".
        .or_else(|| (!placeholder).then(|| subject_owner(t)).flatten())
        .map(at)
}

/// "owner is", with any white space between, as [`OWNED_BY`] reads it.
fn owner_is(t: &str) -> bool {
    let b = t.as_bytes();
    memchr::memchr2_iter(b'o', b'O', b).any(|i| {
        b[i..].len() > 5 && b[i..i + 5].eq_ignore_ascii_case(b"owner") && {
            let rest = t[i + 5..].trim_start();
            rest.len() < t.len() - i - 5
                && rest
                    .as_bytes()
                    .get(..2)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"is"))
        }
    })
}

/// An owner written first: "(tc team) add heartbeat monitoring", "(aki,
/// releng) bring ... together", "[ICL] rotate the keys", "Platform team:
/// review the design", "ICL + Hypha: write the post", "Hypha to verify the
/// build", "Hypha will run the tests".
fn leading(t: &str) -> Option<Range<usize>> {
    let start = t.len()
        - t.trim_start_matches(|c: char| c.is_whitespace() || "*_".contains(c))
            .len();
    let rest = &t[start..];
    if let Some((open, close)) = [('(', ')'), ('[', ']')]
        .into_iter()
        .find(|(open, _)| rest.starts_with(*open))
    {
        let inner = &rest[1..];
        let end = inner.find(close)?;
        let r = start + 1..start + 1 + end;
        // "[x]" is a task list's box, "[text](url)" a link; "[Bug]",
        // "[Kubernetes]" tag a topic: as before a colon, only a team, an
        // acronym or names joined.
        if open == '[' {
            let label = &inner[..end];
            let links = inner[end + 1..].starts_with(['(', '[', ':']);
            return (!links && team_like(label)).then(|| start + 1..start + 1 + end);
        }
        let parts = split_parts(t, r.clone());
        let named = !parts.is_empty()
            && parts.iter().all(|p| {
                let part = &t[p.clone()];
                let lower = part.to_lowercase();
                part.split_whitespace().count() <= 3
                    && part.chars().all(|c| c.is_alphabetic() || " -_.@/".contains(c))
                    && part.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && !is_category(part)
                    && !is_placeholder_value(part)
                    && ![
                        "already", "optional", "possibl", "maybe", "if ", "see ", "e.g", "i.e",
                    ]
                    .iter()
                    .any(|h| lower.starts_with(h) || lower.contains(&format!(" {h}")))
            });
        return named.then_some(r);
    }
    // "Platform team: ...", "ICL: ...", "Hypha + ICL: ...", "**SRE**: ...".
    let colon = rest.find(':')?;
    let label = strip_markup(&rest[..colon]);
    // `label` is a slice of `rest`: where it starts, without a search.
    let at = start + (label.as_ptr() as usize - rest.as_ptr() as usize);
    (!label.is_empty() && team_like(label)).then(|| at..at + label.len())
}

/// A team, an acronym or names joined ("Platform team", "ICL", "Hypha +
/// ICL"), as written before a colon or in brackets. One Title Case word is
/// as often a topic ("Kubernetes: upgrade", "[Bug] fix ...").
fn team_like(label: &str) -> bool {
    // Cheap test first ("Add retries to the client: ..."): a team has at
    // most four words, and names joined have a `+`, `&` or `/`.
    if label.split_whitespace().nth(4).is_some() && !label.contains(['+', '&', '/']) {
        return false;
    }
    let lower = label.to_lowercase();
    let words: Vec<&str> = label.split_whitespace().collect();
    let team = lower
        .split_whitespace()
        .last()
        .is_some_and(|w| TEAM_WORDS.contains(&w));
    let joined = words.len() > 1
        && label.split(['+', '&', '/']).count() > 1
        && names_owner(label)
        && !is_category(label);
    (team && words.len() <= 4) || joined || (words.len() == 1 && is_acronym(label))
}

/// "Hypha to verify the build", "ICL will run the tests", "Kim and Ana to
/// write the runbook": an owner as the subject of the item's verb. Not
/// "This will prevent...", "Time to detect...", "Need to...", nor a
/// passive ("Kubernetes will be upgraded").
fn subject_owner(t: &str) -> Option<Range<usize>> {
    let start = t.len()
        - t.trim_start_matches(|c: char| c.is_whitespace() || "*_".contains(c))
            .len();
    let rest = &t[start..];
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let (at, link) = [" to ", " will "]
        .iter()
        .filter_map(|l| memchr::memmem::find(line.as_bytes(), l.as_bytes()).map(|i| (i, *l)))
        .min()?;
    let subject = &line[..at];
    let next = line[at + link.len()..].split_whitespace().next()?;
    let words: Vec<&str> = subject.split_whitespace().collect();
    // After "to" a verb an item opens with ("Reply to the thread" has
    // none); after "will" any verb but a passive's or a guess's.
    let verb_next = next.chars().next().is_some_and(char::is_lowercase)
        && if link == " to " {
            super::status::starts_with_verb(next) || GENERAL_VERBS.contains(&next)
        } else {
            !["be", "not", "also", "likely", "probably", "need", "have"].contains(&next)
        };
    let first = words.first()?.to_lowercase();
    // "Clients will enable...", "Alerts will fire": a plural noun opening
    // a sentence, not a name.
    let plural = words.len() == 1
        && !is_acronym(subject)
        && first.ends_with('s')
        && !crate::wording::names::is_given_name(subject);
    // "Grafana to alert on lag": software, not who does the work.
    let software = words.len() == 1 && crate::wording::english::english().software.contains(subject);
    let named = !plural
        && !software
        && words.len() <= 3
        && !NOT_OWNERS.contains(&first.as_str())
        && !super::status::starts_with_verb(subject)
        && !is_category(subject)
        && words.iter().all(|w| {
            let l = w.to_lowercase();
            CONNECTIVES.contains(&l.as_str())
                || TEAM_WORDS.contains(&l.as_str())
                || w.starts_with('@')
                || (w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().all(|c| c.is_alphabetic() || "-'’".contains(c)))
        });
    (verb_next && named).then(|| start..start + at)
}

/// Verbs too general for the lists of item verbs ("AL to do the tile
/// generation once", "Kim to take over the rota").
const GENERAL_VERBS: &[&str] = &[
    "do", "make", "get", "take", "look", "run", "set", "write", "keep", "find", "talk", "reach", "own",
    "lead", "drive", "try", "start", "work", "put", "give", "bring", "send", "come",
];

/// "ICL", "SRE", "DBA": two to six capitals, not a status ("TODO", "WIP")
/// nor a technology ("DNS: add a secondary provider").
fn is_acronym(word: &str) -> bool {
    (2..=6).contains(&word.len())
        && word.chars().all(|c| c.is_ascii_uppercase())
        && !is_category(word)
        && !is_placeholder_value(word)
        && !TECH_ACRONYMS.contains(&word)
}

/// Acronyms that name a technology or a topic, not who does the work.
const TECH_ACRONYMS: &[&str] = &[
    "API", "APIS", "AWS", "BGP", "CD", "CDN", "CI", "CPU", "CSS", "CSV", "DB", "DDOS", "DNS", "FYI", "GCP",
    "GPU", "GRPC", "HA", "HTML", "HTTP", "HTTPS", "IAM", "IO", "IP", "IPV", "JS", "JSON", "JVM", "JWT",
    "KMS", "LB", "LDAP", "MFA", "NFS", "NTP", "OS", "PR", "RAM", "RBAC", "RCA", "RPC", "SDK", "SLA", "SLI",
    "SLO", "SMTP", "SQL", "SSH", "SSL", "SSO", "TCP", "TLS", "TTL", "UDP", "UI", "URL", "UX", "VM", "VPC",
    "VPN", "XML", "YAML", "NB", "PS", "TLDR", "ETA", "EOD",
];

/// Capitalized first words of items that are not who does the work.
const NOT_OWNERS: &[&str] = &[
    "we",
    "i",
    "you",
    "they",
    "it",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "someone",
    "somebody",
    "everyone",
    "everybody",
    "nobody",
    "all",
    "each",
    "every",
    "any",
    "some",
    "time",
    "need",
    "needs",
    "plan",
    "plans",
    "way",
    "ways",
    "ability",
    "goal",
    "effort",
    "efforts",
    "option",
    "options",
    "decision",
    "attempt",
    "proposal",
    "reminder",
    "request",
    "ticket",
    "issue",
    "issues",
    "task",
    "tasks",
    "action",
    "nothing",
    "something",
    "anything",
    "how",
    "what",
    "when",
    "where",
    "why",
    "who",
    "which",
    "if",
    "then",
    "also",
    "and",
    "or",
    "but",
    "team",
    "teams",
    "a",
    "an",
    "the",
    "our",
    "their",
    "my",
    "your",
    "his",
    "her",
    "its",
    "one",
    "more",
    "less",
    "better",
    "steps",
    "step",
    "changes",
    "change",
    "process",
    // Verbs that take "to" and a verb ("Continue to monitor").
    "continue",
    "try",
    "start",
    "begin",
    "aim",
    "strive",
    "remember",
    "work",
    "want",
    "decide",
    "agree",
    "learn",
    "prepare",
    "commit",
    "go",
    "going",
    "seek",
    "hope",
    "intend",
    "expect",
    "tend",
    "fail",
    "refuse",
    "forget",
    "choose",
    "wait",
    "ensure",
    "make",
    "help",
    "use",
    "used",
    "able",
    "unable",
    "required",
    "needed",
    "about",
];

/// An `@handle` that names someone: not a broadcast (`@here`), not a
/// placeholder (`@TBD`), and a scoped one (`@org/team`) only where an owner
/// stands, since `@aws-sdk/client-s3` in a sentence is an npm package.
fn handle(t: &str, line_end: usize) -> Option<Range<usize>> {
    HANDLE
        .captures_iter(t)
        .filter_map(|c| c.get(1))
        .map(|m| m.range())
        .find(|r| {
            let h = t[r.clone()].to_lowercase();
            let broadcast = matches!(
                h.as_str(),
                "@here" | "@channel" | "@everyone" | "@all" | "@tbd" | "@todo" | "@someone" | "@nobody"
            );
            let versioned = t[r.end..].starts_with(['@', '^']);
            !broadcast && !versioned && (!h.contains('/') || in_owner_slot(t, r, line_end))
        })
}

/// The start of the item, the end of its first line, or a parenthetical
/// at that end: where an owner is written.
fn in_owner_slot(t: &str, r: &Range<usize>, line_end: usize) -> bool {
    let before = t[..r.start].trim_start_matches(|c: char| c.is_whitespace() || "*_[(".contains(c));
    let rest = &t[r.end..line_end.max(r.end)];
    let closes_line = rest.chars().all(|c| c.is_whitespace() || ")].,;*_".contains(c));
    let in_trailing_parens = t[..r.start]
        .rfind('(')
        .is_some_and(|o| !t[o..r.start].contains(')'))
        && rest.trim_end().ends_with(')')
        && !rest.contains('(');
    before.is_empty() || closes_line || in_trailing_parens
}

/// A name where the owner goes: a trailing parenthetical with a date
/// ("(Kim (SRE), 2026-12-20)", "(kim, due Dec 1)"), or after a dash at
/// the end of the line ("— Ana, by Dec 15, 2026", "- Payments team").
fn slot(t: &str, line_end: usize) -> Option<Range<usize>> {
    let line = &t[..line_end];
    let trimmed_end = line
        .trim_end_matches(|c: char| c.is_whitespace() || ".;*_".contains(c))
        .len();
    if line[..trimmed_end].ends_with(')') {
        if let Some(open) = matching_open(line, trimmed_end - 1) {
            let inner = open + 1..trimmed_end - 1;
            let parts = split_parts(line, inner);
            if parts.iter().any(|p| is_date_part(&line[p.clone()])) {
                if let Some(p) = parts.iter().find(|p| name_like(&line[(*p).clone()], true)) {
                    return Some(p.clone());
                }
            }
        }
    }
    // The last "—", "–" or " - ".
    let b = line.as_bytes();
    let dash = memchr::memrchr2_iter(0xE2, b'-', b).find_map(|i| match b[i] {
        b'-' => (i > 0 && b[i - 1] == b' ' && b.get(i + 1) == Some(&b' ')).then(|| (i - 1, i + 2)),
        _ => (line[i..].starts_with('—') || line[i..].starts_with('–')).then_some((i, i + 3)),
    })?;
    if line[..dash.0].trim().is_empty() {
        return None;
    }
    // "[#378](...) - Tag\n  specific releases as broken": the text goes on.
    let rest = t[line_end..].trim_start();
    if !(rest.is_empty()
        || rest.starts_with(['-', '*', '+'])
        || rest.starts_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    let tail = dash.1..trimmed_end.max(dash.1);
    let first = split_parts(line, tail).into_iter().next()?;
    let words = line[first.clone()].split_whitespace().count();
    (words <= 4 && name_like(&line[first.clone()], false)).then_some(first)
}

/// The `(` that the `)` at `close` closes.
fn matching_open(line: &str, close: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in line[..=close].char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The comma- or semicolon-separated parts of `line[r]`, outside parentheses, trimmed.
fn split_parts(line: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, r.start);
    for (i, c) in line[r.clone()].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' | ';' if depth == 0 => {
                out.push(trimmed(line, start..r.start + i));
                start = r.start + i + 1;
            }
            _ => {}
        }
    }
    out.push(trimmed(line, start..r.end));
    out.retain(|p| !p.is_empty());
    out
}

/// "2026-12-20", "due Dec 1", "by Q3", "ETA: next sprint": where a due date goes.
fn is_date_part(part: &str) -> bool {
    let lower = part.trim().to_lowercase();
    lower.chars().any(|c| c.is_ascii_digit())
        || ["due", "by ", "eta", "deadline", "target", "until", "before"]
            .iter()
            .any(|l| lower.starts_with(l))
}

/// Does a sub-heading name who owns its items ("### Storage team", "###
/// JupyterHub", "### SRE")? Headings are Title Case and often one word
/// ("### Errata", "### Kubernetes"), so besides what [`names_owner`] asks,
/// one word must look like a name of its own: CamelCase or capitals.
pub fn heading_names_owner(label: &str) -> bool {
    let l = strip_markup(label);
    if !names_owner(l) {
        return false;
    }
    let lower = l.to_lowercase();
    l.contains(' ')
        || lower.starts_with("owner")
        || lower.starts_with("team")
        || l.starts_with('@')
        || l.chars().skip(1).any(char::is_uppercase)
}

/// Does a group's label ("- Lighthouse", "### Storage team", "**Kim**:")
/// name who owns its items, rather than a kind of work ("Detection",
/// "Short-term", "Process improvements")?
pub fn names_owner(label: &str) -> bool {
    let l = strip_markup(label);
    let lower = l.to_lowercase();
    if ["owner", "owners", "team", "assignee", "dri"].iter().any(|k| {
        lower
            .strip_prefix(k)
            .is_some_and(|r| r.trim_start().starts_with([':', '=']))
    }) {
        return true;
    }
    if l.is_empty() || super::status::starts_with_verb(l) || !name_like(l, false) {
        return false;
    }
    // Title Case topics ("Client Releases", "Checkpoint Sync") look like
    // names: more than one word names an owner only with a team word, a
    // handle, or names joined ("Kim and Ana", "Kim/Ana").
    let lower = l.to_lowercase();
    let names: Vec<&str> = l
        .split(['/', '&', '+'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    !l.contains(' ')
        || lower
            .split_whitespace()
            .any(|w| TEAM_WORDS.contains(&w) || w.starts_with('@'))
        || (names.len() > 1 && names.iter().all(|n| !n.contains(' ')))
}

/// A label that names a kind of work ("Detection", "Short-term:", "Process
/// improvements"): a category of items.
pub fn is_category(label: &str) -> bool {
    let l = strip_markup(label).to_lowercase();
    let mut words = l.split_whitespace().peekable();
    words.peek().is_some()
        && words.all(|w| CATEGORY.contains(&w.trim_end_matches(':')) || CONNECTIVES.contains(&w))
}

/// A person, a team or a handle, and not a category, a status or a placeholder.
/// `loose` also takes a lowercase user name ("kim"), as beside a date.
fn name_like(part: &str, loose: bool) -> bool {
    let p = strip_markup(part);
    // "Kim (SRE)": the role in parentheses.
    let p = p.split('(').next().unwrap_or("").trim();
    if p.is_empty() || is_placeholder_value(p) {
        return false;
    }
    let words: Vec<&str> = p
        .split(|c: char| c.is_whitespace() || c == '/' || c == '&' || c == '+')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    if lower.iter().any(|w| TEAM_WORDS.contains(&w.as_str())) {
        return true;
    }
    if lower
        .iter()
        .all(|w| CATEGORY.contains(&w.trim_end_matches(':')) || CONNECTIVES.contains(&w.as_str()))
    {
        return false;
    }
    if loose && words.len() == 1 {
        let w = words[0];
        return w.chars().next().is_some_and(char::is_alphabetic)
            && w.chars().all(|c| c.is_alphanumeric() || "._-@".contains(c));
    }
    words.iter().zip(&lower).all(|(w, l)| {
        CONNECTIVES.contains(&l.as_str())
            || (w.starts_with('@') && w.len() > 1)
            || (w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || "-'’.".contains(c)))
    })
}

fn strip_markup(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || "*_`:".contains(c))
}

fn trimmed(t: &str, r: Range<usize>) -> Range<usize> {
    let s = &t[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.start
        + s.trim_end_matches(|c: char| c.is_whitespace() || "*_".contains(c))
            .len();
    start..end.max(start)
}

const TEAM_WORDS: &[&str] = &[
    "team",
    "teams",
    "squad",
    "squads",
    "guild",
    "tribe",
    "crew",
    "department",
    "dept",
    "maintainers",
];

const CONNECTIVES: &[&str] = &["and", "or", "of", "the", "for", "to", "&", "/", "-", "with", "on"];

/// Kinds of work, horizons, priorities and statuses: labels of categories.
const CATEGORY: &[&str] = &[
    // kinds of work
    "detection",
    "detect",
    "prevention",
    "prevent",
    "preventive",
    "preventative",
    "mitigation",
    "mitigate",
    "mitigations",
    "remediation",
    "remediations",
    "corrective",
    "monitoring",
    "alerting",
    "alerts",
    "alert",
    "observability",
    "logging",
    "metrics",
    "dashboards",
    "process",
    "processes",
    "documentation",
    "docs",
    "runbooks",
    "runbook",
    "playbooks",
    "communication",
    "communications",
    "comms",
    "training",
    "testing",
    "tests",
    "qa",
    "tooling",
    "tools",
    "automation",
    "infrastructure",
    "infra",
    "deployment",
    "deployments",
    "release",
    "releases",
    "rollout",
    "configuration",
    "config",
    "code",
    "security",
    "reliability",
    "resilience",
    "performance",
    "capacity",
    "scaling",
    "backup",
    "backups",
    "recovery",
    "response",
    "incident",
    "on-call",
    "oncall",
    "escalation",
    "people",
    "culture",
    "technical",
    "tech",
    "product",
    "support",
    "local",
    "development",
    "developer",
    "experience",
    "investigation",
    "investigations",
    "research",
    "cleanup",
    "clean-up",
    "hardening",
    "validation",
    "review",
    "reviews",
    "safety",
    // horizons
    "short-term",
    "long-term",
    "medium-term",
    "mid-term",
    "near-term",
    "short",
    "long",
    "medium",
    "term",
    "immediate",
    "immediately",
    "now",
    "next",
    "later",
    "soon",
    "future",
    "today",
    "follow-up",
    "follow-ups",
    "followup",
    "followups",
    "quick",
    "wins",
    // priorities
    "high",
    "low",
    "critical",
    "urgent",
    "important",
    "p0",
    "p1",
    "p2",
    "p3",
    "p4",
    "priority",
    "must",
    "should",
    "nice",
    "have",
    "optional",
    "blocker",
    "blockers",
    "stretch",
    "bonus",
    // statuses
    "draft",
    "blocked",
    "closed",
    "fixed",
    "resolved",
    "new",
    "done",
    "open",
    "todo",
    "completed",
    "pending",
    "backlog",
    "planned",
    "ongoing",
    "proposed",
    "accepted",
    "rejected",
    "in",
    "progress",
    "wip",
    // generic
    "improvements",
    "improvement",
    "changes",
    "change",
    "fixes",
    "fix",
    "items",
    "item",
    "tasks",
    "task",
    "work",
    "actions",
    "action",
    "other",
    "misc",
    "miscellaneous",
    "general",
    "steps",
    "ideas",
    "proposals",
    "recommendations",
    "measures",
    "lessons",
    "questions",
    "notes",
];

/// This module's patterns, for the table built ahead (see [`crate::automata`]).
#[cfg(test)]
pub(crate) fn patterns() -> Vec<&'static Pattern> {
    vec![&OWNER_LABEL, &OWNED_BY, &HANDLE]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner(t: &str) -> Option<&str> {
        let line_end = t.find('\n').unwrap_or(t.len());
        in_text(t, line_end, 0, &[]).map(|r| &t[r])
    }

    #[test]
    fn owner_forms_people_write() {
        assert_eq!(
            owner("Add a canary (Team: Payments, due 2026-12-20)"),
            Some("Payments")
        );
        assert_eq!(
            owner("Add a canary — Team: Payments — due 2026-12-20"),
            Some("Payments")
        );
        assert_eq!(owner("Add a canary (Kim (SRE), 2026-12-20)"), Some("Kim (SRE)"));
        assert_eq!(owner("Add a canary (kim, due Dec 1, 2026)"), Some("kim"));
        assert_eq!(owner("Add a canary — Ana, by Dec 15, 2026"), Some("Ana"));
        assert_eq!(owner("Add a canary - Payments team"), Some("Payments team"));
        assert_eq!(
            owner("Add a canary, owned by the storage team"),
            Some("the storage team")
        );
        assert_eq!(owner("Add a canary. Assigned to Kim Lee."), Some("Kim Lee"));
        assert_eq!(owner("Add a canary (Owner: @kim)"), Some("@kim"));
        assert_eq!(owner("Ask @ana to add a canary"), Some("@ana"));
        // Written first, as teams name each other in shared incident logs.
        assert_eq!(owner("[ICL] Rotate the keys"), Some("ICL"));
        assert_eq!(
            owner("[Hypha + ICL] Investigate the block window"),
            Some("Hypha + ICL")
        );
        assert_eq!(owner("ICL: Define an emergency process"), Some("ICL"));
        assert_eq!(owner("Hypha + ICL: Write the blog post"), Some("Hypha + ICL"));
        assert_eq!(owner("Hypha to verify v23.0.2 on the testnet"), Some("Hypha"));
        assert_eq!(owner("ICL will run the full suite"), Some("ICL"));
        assert_eq!(owner("Kim and Ana to write the runbook"), Some("Kim and Ana"));
        assert_eq!(owner("Storage team will add a canary"), Some("Storage team"));
        assert_eq!(owner("AL to do the tile generation once"), Some("AL"));
        assert_eq!(owner("**SRE**: rotate the keys"), Some("SRE"));
        assert_eq!(owner("Chris will rotate the keys"), Some("Chris"));
        assert_eq!(owner("[Platform team] Rotate the keys"), Some("Platform team"));
        assert_eq!(owner("Add a canary (@platform/sre)"), Some("@platform/sre"));
    }

    #[test]
    fn not_owners() {
        assert_eq!(owner("Upgrade @aws-sdk/client-s3 to fix the retries"), None);
        assert_eq!(owner("Pin @types/node@20 in CI"), None);
        assert_eq!(owner("Add a canary (Kubernetes)"), None);
        assert_eq!(owner("Add a canary - this caused the outage"), None);
        assert_eq!(owner("Investigate the latency - High priority"), None);
        assert_eq!(owner("Rotate the keys - Q3 2026"), None);
        assert_eq!(owner("Add a canary (Owner: TBD)"), None);
        assert_eq!(owner("Tell @here about the change"), None);
        assert_eq!(owner("(tc team) add heartbeat monitoring"), Some("tc team"));
        assert_eq!(
            owner("(aki, releng) bring the teams together"),
            Some("aki, releng")
        );
        assert_eq!(
            owner("Platform team: review the DaemonSet design"),
            Some("Platform team")
        );
        assert_eq!(owner("(Already planned) Set up escalation policies"), None);
        assert_eq!(owner("(optional) Add a canary"), None);
        assert_eq!(owner("(P1) Add a canary"), None);
        assert_eq!(owner("[x] Add a canary"), None);
        assert_eq!(owner("[X] Add a canary"), None);
        assert_eq!(owner("[ ] Add a canary"), None);
        assert_eq!(owner("[DONE] Add a canary"), None);
        assert_eq!(owner("[WIP] Add a canary"), None);
        assert_eq!(owner("[Draft] Add a canary"), None);
        assert_eq!(owner("[PR #12] Add a canary"), None);
        assert_eq!(owner("[Runbook](https://x.org/rb) to be updated"), None);
        assert_eq!(owner("Kubernetes: upgrade the control plane"), None);
        assert_eq!(owner("Monitoring: add an alert on lag"), None);
        assert_eq!(owner("TODO: add an alert on lag"), None);
        assert_eq!(owner("This will prevent a repeat"), None);
        assert_eq!(owner("Time to detect was too long"), None);
        assert_eq!(owner("Need to add an alert"), None);
        assert_eq!(owner("Continue to monitor the lag"), None);
        assert_eq!(owner("Kubernetes will be upgraded next week"), None);
        assert_eq!(owner("We will add an alert"), None);
        assert_eq!(owner("Clients will enable checkpoint sync"), None);
        assert_eq!(owner("Clients to enable checkpoint sync"), None);
        assert_eq!(owner("Airflow to retry the failed runs"), None);
        assert_eq!(owner("Grafana to alert on the lag (Owner: TBD)"), None);
        assert_eq!(owner("Hypha to alert on the lag (Owner: TBD)"), None);
        assert_eq!(owner("DNS: add a secondary provider"), None);
        assert_eq!(owner("[Kubernetes] Upgrade the control plane"), None);
        assert_eq!(owner("[Bug] Fix the retry loop"), None);
        assert_eq!(owner("Figure out how to add an alert"), None);
        assert_eq!(owner("Add retries to the client"), None);
        assert_eq!(owner("Monitoring to be added for the lag"), None);
        assert_eq!(
            owner("[#378](https://x.org/378) - Tag\n  specific releases as broken"),
            None
        );
    }

    #[test]
    fn headings_that_name_owners() {
        for l in [
            "JupyterHub",
            "Storage team",
            "SRE",
            "Team: Payments",
            "Kim and Ana",
        ] {
            assert!(heading_names_owner(l), "{l}");
        }
        for l in ["Errata", "Kubernetes", "Detection", "Client Releases"] {
            assert!(!heading_names_owner(l), "{l}");
        }
    }

    #[test]
    fn group_labels_that_name_owners() {
        for l in [
            "Lighthouse",
            "Storage team",
            "**Prysm**",
            "JupyterHub",
            "Zero-to-JupyterHub",
            "@sre",
            "Owner: Kim",
            "Kim and Ana",
            "Kim/Ana",
            "Platform team",
        ] {
            assert!(names_owner(l), "{l}");
        }
        for l in [
            "Detection",
            "Short-term",
            "Process",
            "Monitoring",
            "Process improvements",
            "Code and Configuration changes",
            "Local development",
            "cull_idle_servers:",
            "High priority",
            "Done",
            "Technical improvements",
            "Long term:",
            "Rotate Keys",
            "Client Releases",
            "User-specified Unfinalized Checkpoint Sync",
        ] {
            assert!(!names_owner(l), "{l}");
        }
    }
}
