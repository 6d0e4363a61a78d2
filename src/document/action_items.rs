//! Action items: the list items and table rows of the action-items section,
//! with the owner, due date, status and ticket each one states.
//!
//! A list item whose own text ends with `:` and holds a nested list
//! ("- Process:") groups items; its children are the action items.
//! Otherwise an item's nested lines belong to it ("  - Owner: @alex").

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::dates::{self, DateMention};
use super::{RawItem, RawTable, line_end, trim};
use crate::packs::template::words;

/// One action item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionItem {
    /// Where diagnostics about the item go: its first line, or its action cell.
    pub span: Range<usize>,
    /// All of the item: nested lines included, or the whole table row.
    pub text: Range<usize>,
    /// Checked (`- [x]`), or marked DONE / ✅ / closed in a status column.
    pub done: bool,
    /// Where the owner is named.
    pub owner: Option<Range<usize>>,
    /// Every date written in the item.
    pub dates: Vec<DateMention>,
    /// Index into `dates` of the due date: the labelled one, else the last.
    pub due: Option<usize>,
    /// A due label or due cell whose value is not a date pmlint can read.
    pub unreadable_due: Option<Range<usize>>,
    /// Links to an issue, pull request or ticket.
    pub has_ticket: bool,
}

impl ActionItem {
    pub fn due_date(&self) -> Option<&DateMention> {
        self.due.map(|i| &self.dates[i])
    }
}

/// What a table column holds, judged from its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Action,
    Owner,
    Due,
    Status,
    Ticket,
    Other,
}

fn column(header: &str) -> Column {
    let w = words(header);
    let has = |list: &[&str]| w.iter().any(|x| list.contains(&x.as_str()));
    if has(&[
        "owner",
        "assignee",
        "dri",
        "responsible",
        "who",
        "assigned",
        "team",
    ]) {
        Column::Owner
    } else if has(&["due", "deadline", "eta", "target", "when", "by", "completion"]) {
        Column::Due
    } else if has(&["statu", "state", "done"]) {
        Column::Status
    } else if has(&[
        "ticket", "issue", "bug", "jira", "tracking", "pr", "link", "tracker",
    ]) {
        Column::Ticket
    } else if has(&[
        "action",
        "item",
        "task",
        "description",
        "what",
        "title",
        "fix",
        "follow",
        "todo",
        "step",
    ]) {
        Column::Action
    } else {
        Column::Other
    }
}

static OWNER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(owners?|assignees?|assigned\s+to|dri|responsible|who)\b[*_]*\s*[:=][*_]*[ \t]*([^,;|)\]\n]*)")
        .unwrap()
});
static HANDLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w./@:`-])(@[A-Za-z0-9][A-Za-z0-9_-]*(?:/[A-Za-z0-9_.-]+)?)").unwrap()
});
static DUE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(due(?:\s+date)?|deadline|target(?:\s+date)?|eta|(?:estimated\s+)?completion(?:\s+date)?)\b[*_]*\s*[:=][*_]*[ \t]*([^,;|)\]\n]*)",
    )
    .unwrap()
});
static DONE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        // A status word at the start or the end of the line, or marked up:
        // not "Add an alert when the job is DONE".
        r"^[\s*_(\[~]*(DONE|COMPLETED|COMPLETE|FIXED|RESOLVED|CLOSED|SHIPPED|MERGED)\b",
        r"|\b(DONE|COMPLETED|COMPLETE|FIXED|RESOLVED|CLOSED|SHIPPED|MERGED)[\s*_)\].~]*$",
        r"|[*_(\[](DONE|COMPLETED|COMPLETE|FIXED|RESOLVED|CLOSED|SHIPPED|MERGED)[*_)\]]",
        r"|✅|✔|☑",
        r"|(?i:[(\[](done|completed|fixed|resolved|closed)[)\]])",
        r"|(?i:\bstatus\s*[:=]\s*[*_]*(done|completed?|closed|fixed|resolved|won'?t\s+fix|cancell?ed)\b)",
        r"|(?i:\b(completed|done|closed|fixed|resolved)\s+(on\s+)?\d{4}-\d{1,2}-\d{1,2})",
    ))
    .unwrap()
});
/// A Status cell that means the item needs no more work.
static DONE_STATUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s*_`~]*(done|complete|completed|closed|fixed|resolved|merged|shipped|deployed|released|live|verified|finished|won'?t\s+(fix|do)|wontfix|cancell?ed|obsolete|dropped|✅|✔)").unwrap()
});
/// An explicit open status: the item is not done, whatever its wording.
static OPEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(TODO|OPEN|WIP|IN PROGRESS|DOING|BLOCKED)\b|(?i:\bstatus\s*[:=]\s*[*_]*(open|todo|in\s+progress|pending|blocked|not\s+started|planned)\b)").unwrap()
});
/// A field-like line under a list item ("Owner: ...", "Due: ...").
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[*_]*(owners?|assignees?|dri|due|deadline|eta|status|priority|ticket|issue|link|target|responsible|who)\b[*_]*\s*[:=]").unwrap()
});
static TICKET_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s(\[])#\d+\b|\b[A-Z][A-Z0-9]+-\d+\b").unwrap());
static TICKET_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)/issues?/|/pulls?/|/merge_requests/|/browse/|/tickets?/|jira|linear\.app|/work_items/|/-/issues").unwrap()
});
static URL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"https?://[^\s)>\]|]+").unwrap());

/// Is an owner or due value just a placeholder ("TBD", "?", "n/a")?
pub fn is_placeholder_value(value: &str) -> bool {
    let v = value
        .trim_matches(|c: char| c.is_whitespace() || "*_`<>[]()'\".".contains(c))
        .to_lowercase();
    v.is_empty()
        || v.chars().all(|c| !c.is_alphanumeric())
        || matches!(
            v.as_str(),
            "tbd"
                | "tba"
                | "todo"
                | "n/a"
                | "na"
                | "none"
                | "unknown"
                | "unassigned"
                | "nobody"
                | "name"
                | "owner"
                | "someone"
                | "add name here"
                | "?"
                | "tbc"
        )
}

/// The action items among the list items and tables that lie in `bodies`
/// (the bodies of action-items sections).
pub(crate) fn collect(
    source: &str,
    bodies: &[Range<usize>],
    items: &[RawItem],
    tables: &[RawTable],
    links: &[(Range<usize>, String)],
    owner_patterns: &[Regex],
) -> Vec<ActionItem> {
    let inside = |at: usize| bodies.iter().any(|b| b.start <= at && at < b.end);
    let mut out = Vec::new();
    if bodies.is_empty() {
        return out;
    }

    let candidate: Vec<bool> = items.iter().map(|i| !i.quoted && inside(i.span.start)).collect();
    // Each item's nested items, computed once.
    let mut kids_of: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    for (c, item) in items.iter().enumerate() {
        if let Some(p) = item.parent.filter(|_| candidate[c]) {
            kids_of[p].push(c);
        }
    }
    let own_text = |i: usize| {
        let item = &items[i];
        let start = item.text_start.unwrap_or(item.span.start).min(item.span.end);
        let end = item.nested_start.unwrap_or(item.span.end).max(start);
        (start, end)
    };
    let mut stack: Vec<usize> = (0..items.len())
        .rev()
        .filter(|&i| candidate[i] && items[i].parent.is_none_or(|p| !candidate[p]))
        .collect();
    while let Some(i) = stack.pop() {
        let item = &items[i];
        let (text_start, own_end) = own_text(i);
        let own = source[text_start..own_end].trim();
        let kids = std::mem::take(&mut kids_of[i]);
        let fields = kids.iter().any(|&c| {
            let (s, e) = own_text(c);
            FIELD.is_match(source[s..e].trim_start())
        });
        if item.nested_start.is_some() && !fields && is_group_label(own, kids.len()) {
            stack.extend(kids.into_iter().rev());
            continue;
        }
        let span = trim(source, text_start..line_end(source, text_start).min(own_end));
        if span.is_empty() {
            continue;
        }
        let text = text_start..item.span.end;
        let first_line = &source[span.clone()];
        let mut a = from_text(source, text, span.clone(), links, owner_patterns);
        // A checkbox says it all; without one, the wording decides.
        a.done = match item.checked {
            Some(checked) => checked,
            None => {
                let whole = &source[a.text.clone()];
                !OPEN.is_match(whole) && (is_done_text(first_line) || reports_done_work(first_line))
            }
        };
        out.push(a);
    }

    for table in tables.iter().filter(|t| !t.quoted && inside(t.span.start)) {
        let columns: Vec<Column> = table.header.iter().map(|h| column(h)).collect();
        // A table of something else (priorities, stats) is not a list of actions.
        if columns.iter().all(|c| *c == Column::Other) {
            continue;
        }
        let col = |kind: Column| columns.iter().position(|c| *c == kind);
        for row in &table.rows {
            let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i)).filter(|c| !c.is_empty());
            if row.cells.iter().all(|c| source[c.clone()].trim().is_empty()) {
                continue;
            }
            let span = cell(col(Column::Action))
                .or_else(|| {
                    row.cells
                        .iter()
                        .enumerate()
                        .find(|(i, c)| columns.get(*i).is_none_or(|k| *k == Column::Other) && !c.is_empty())
                        .map(|(_, c)| c)
                })
                .or_else(|| row.cells.iter().find(|c| !c.is_empty()))
                .map_or(row.span.clone(), Range::clone);
            let text = trim(source, row.span.clone());
            let mut a = from_text(source, text.clone(), span, links, owner_patterns);
            if let Some(i) = col(Column::Owner) {
                a.owner = cell(Some(i))
                    .filter(|c| !is_placeholder_value(&source[(*c).clone()]))
                    .cloned();
            }
            if let Some(i) = col(Column::Due) {
                let in_cell = |d: &DateMention| {
                    row.cells
                        .get(i)
                        .is_some_and(|c| c.start <= d.span.start && d.span.end <= c.end)
                };
                a.dates.retain(|d| !in_cell(d));
                a.unreadable_due = None;
                a.due = None;
                if let Some(c) = cell(Some(i)) {
                    let found = dates::find(&source[c.clone()], c.start, true);
                    if found.is_empty() && !is_placeholder_value(&source[c.clone()]) {
                        a.unreadable_due = Some(c.clone());
                    }
                    let due = found.len().checked_sub(1).map(|last| a.dates.len() + last);
                    a.dates.extend(found);
                    a.due = due;
                }
            }
            a.done = match cell(col(Column::Status)) {
                Some(c) => DONE_STATUS.is_match(&source[c.clone()]),
                None => row.cells.iter().any(|c| is_done_text(source[c.clone()].trim())),
            };
            a.has_ticket |=
                cell(col(Column::Ticket)).is_some_and(|c| !is_placeholder_value(&source[c.clone()]));
            out.push(a);
        }
    }
    out.sort_by_key(|a| a.span.start);
    out
}

/// "Process:", "**Prevention**", or a short label ("Detection") over two or
/// more nested items: the heading of a group of items.
fn is_group_label(own: &str, children: usize) -> bool {
    let t = own.trim_end_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    let bold = own
        .strip_prefix("**")
        .and_then(|o| o.strip_suffix("**"))
        .is_some_and(|inner| !inner.is_empty() && !inner.contains("**"));
    let short = children >= 2
        && own.chars().any(char::is_alphabetic)
        && own.split_whitespace().count() <= 3
        && !own.contains(['@', ':', '(', '['])
        && !own.chars().any(|c| c.is_ascii_digit());
    t.ends_with(':') || bold || short
}

/// Nothing but punctuation and markup after `date` on its line.
fn trails_its_line(text: &str, date: &Range<usize>) -> bool {
    let rest = &text[date.end..];
    let line = rest.split('\n').next().unwrap_or("");
    line.chars().all(|c| c.is_whitespace() || ")]*_.,;|~".contains(c))
}

/// Are `a` and `b` inside the same parentheses?
fn same_parenthetical(source: &str, a: &Range<usize>, b: &Range<usize>) -> bool {
    let (first, last) = if a.start <= b.start { (a, b) } else { (b, a) };
    let between = &source[first.end.min(last.start)..last.start];
    if between.contains([')', '\n']) {
        return false;
    }
    let before = &source[..first.start];
    let open = before.rfind('(');
    let close = before.rfind(')');
    open.is_some_and(|o| close.is_none_or(|c| c < o)) && !before[open.unwrap_or(0)..].contains('\n')
}

fn is_done_text(first_line: &str) -> bool {
    DONE_WORD.is_match(first_line) || (first_line.starts_with("~~") && first_line.trim_end().ends_with("~~"))
}

/// Action items are written as orders ("Add an alert"); a line that starts
/// with a past tense ("Added an alert", "Fixed the race [#7497]") reports
/// work already done.
fn reports_done_work(line: &str) -> bool {
    let first = line
        .trim_start_matches(|c: char| !c.is_alphabetic())
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    matches!(
        first.to_lowercase().as_str(),
        "added"
            | "fixed"
            | "implemented"
            | "removed"
            | "updated"
            | "deployed"
            | "merged"
            | "released"
            | "shipped"
            | "created"
            | "enabled"
            | "disabled"
            | "migrated"
            | "reverted"
            | "improved"
            | "increased"
            | "decreased"
            | "documented"
            | "wrote"
            | "changed"
            | "moved"
            | "introduced"
            | "upgraded"
            | "patched"
            | "resolved"
            | "completed"
            | "configured"
            | "switched"
            | "replaced"
            | "refactored"
            | "optimized"
            | "optimised"
            | "published"
            | "closed"
            | "installed"
            | "rotated"
            | "deleted"
            | "restored"
            | "raised"
            | "lowered"
            | "tuned"
            | "rewrote"
            | "renamed"
    )
}

/// Owner, dates and ticket written in free text.
fn from_text(
    source: &str,
    text: Range<usize>,
    span: Range<usize>,
    links: &[(Range<usize>, String)],
    owner_patterns: &[Regex],
) -> ActionItem {
    let t = &source[text.clone()];
    let base = text.start;
    // Cheap tests first: most items have no labels, handles or links.
    let has = |needles: &[u8]| t.bytes().any(|b| needles.contains(&b));
    let (labels, handles) = (has(b":="), has(b"@"));
    let owner = labels
        .then(|| OWNER_LABEL.captures_iter(t))
        .into_iter()
        .flatten()
        .filter_map(|c| c.get(2))
        .find(|v| !is_placeholder_value(v.as_str()))
        .map(|v| trim(source, base + v.start()..base + v.end()))
        .or_else(|| {
            handles
                .then(|| HANDLE.captures_iter(t))
                .into_iter()
                .flatten()
                .filter_map(|c| c.get(1))
                // Chat broadcasts and placeholders are nobody.
                .filter(|m| {
                    !matches!(
                        m.as_str().to_lowercase().as_str(),
                        "@here"
                            | "@channel"
                            | "@everyone"
                            | "@all"
                            | "@tbd"
                            | "@todo"
                            | "@someone"
                            | "@nobody"
                    )
                })
                .map(|m| base + m.start()..base + m.end())
                .next()
        })
        .or_else(|| {
            owner_patterns
                .iter()
                .find_map(|re| re.find(t))
                .map(|m| base + m.start()..base + m.end())
        });
    let dates = dates::find(t, base, false);
    // A date is the due date after a due label, or where a due date goes:
    // at the end of the item's line, or beside its owner ("(@kim, 2026-12-01)").
    // "Backfill the events lost on 2026-03-02" names the incident's date.
    let due = dates.iter().rposition(|d| d.labeled).or_else(|| {
        dates.iter().rposition(|d| {
            let local = d.span.start - base..d.span.end - base;
            // "lost on 2026-03-02", "the outage of 2026-03-02": an event's date.
            let before = t[..local.start]
                .split_whitespace()
                .next_back()
                .unwrap_or("")
                .to_lowercase();
            if matches!(
                before.trim_matches(|c: char| !c.is_alphanumeric()),
                "on" | "of" | "in" | "since" | "from" | "after" | "during" | "at" | "between" | "and"
            ) {
                return false;
            }
            trails_its_line(t, &local)
                || owner
                    .as_ref()
                    .is_some_and(|o| same_parenthetical(source, o, &d.span))
        })
    });
    let unreadable_due = DUE_LABEL.captures_iter(t).filter_map(|c| c.get(2)).find_map(|v| {
        let r = trim(source, base + v.start()..base + v.end());
        let has_date = dates
            .iter()
            .any(|d| d.span.start >= r.start && d.span.start <= r.end);
        (!has_date && !is_placeholder_value(v.as_str())).then_some(r)
    });
    // `12/03/2026` is not read (day or month first?), but is worth naming.
    let unreadable_due =
        unreadable_due.or_else(|| dates::AMBIGUOUS.find(t).map(|m| base + m.start()..base + m.end()));
    let has_ticket =
        TICKET_TEXT.is_match(t) || URL.find_iter(t).any(|m| TICKET_URL.is_match(m.as_str())) || {
            // Links are in document order: look only at those inside the item.
            let first = links.partition_point(|(r, _)| r.start < text.start);
            links[first..]
                .iter()
                .take_while(|(r, _)| r.start < text.end)
                .any(|(_, url)| TICKET_URL.is_match(url))
        };
    ActionItem {
        span,
        text,
        done: false,
        owner,
        dates,
        due,
        unreadable_due: if due.is_some() { None } else { unreadable_due },
        has_ticket,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns() {
        assert_eq!(column("**Owner**"), Column::Owner);
        assert_eq!(column("Due date"), Column::Due);
        assert_eq!(column("Target Date"), Column::Due);
        assert_eq!(column("Issue #"), Column::Ticket);
        assert_eq!(column("Status"), Column::Status);
        assert_eq!(column("Action Item"), Column::Action);
        assert_eq!(column("Priority"), Column::Other);
    }

    #[test]
    fn placeholder_values() {
        for v in ["TBD", " ? ", "n/a", "", "-", "<add name here>", "**TBD**"] {
            assert!(is_placeholder_value(v), "{v}");
        }
        assert!(!is_placeholder_value("alice"));
    }

    #[test]
    fn group_labels() {
        assert!(is_group_label("Process:", 1));
        assert!(is_group_label("**Prevention**", 1));
        assert!(is_group_label("Detection", 2));
        assert!(!is_group_label("Detection", 1));
        assert!(!is_group_label("**", 2));
        assert!(!is_group_label("***", 0));
        assert!(!is_group_label("Add an alert on lag", 3));
    }

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
    }
}
