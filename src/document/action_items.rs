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
    Owner,
    Due,
    Status,
    Ticket,
    Other,
}

fn column(header: &str) -> Column {
    let w = words(header);
    let has = |list: &[&str]| w.iter().any(|x| list.contains(&x.as_str()));
    if has(&["owner", "assignee", "dri", "responsible", "who", "assigned"]) {
        Column::Owner
    } else if has(&["due", "deadline", "eta", "target", "when", "by"]) {
        Column::Due
    } else if has(&["statu", "state", "done"]) {
        Column::Status
    } else if has(&[
        "ticket", "issue", "bug", "jira", "tracking", "pr", "link", "tracker",
    ]) {
        Column::Ticket
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
    Regex::new(r"(?i)\b(due(?:\s+date)?|deadline|target\s+date|eta)\b[*_]*\s*[:=][*_]*[ \t]*([^,;|)\]\n]*)")
        .unwrap()
});
static DONE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s*_(\[~|])(DONE|COMPLETED|COMPLETE|FIXED|RESOLVED|CLOSED|SHIPPED|MERGED)(?:$|[\s*_)\]:.,~|-])|✅|✔|☑|(?i:[(\[](done|completed|fixed|resolved|closed)[)\]])")
        .unwrap()
});
static DONE_STATUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s*_`~]*(done|complete|completed|closed|fixed|resolved|merged|shipped|finished|✅|✔\u{fe0f}?)\b?").unwrap()
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
    let mut stack: Vec<usize> = (0..items.len())
        .rev()
        .filter(|&i| candidate[i] && items[i].parent.is_none_or(|p| !candidate[p]))
        .collect();
    while let Some(i) = stack.pop() {
        let item = &items[i];
        let text_start = item.text_start.unwrap_or(item.span.start).min(item.span.end);
        let own_end = item.nested_start.unwrap_or(item.span.end).max(text_start);
        let own = source[text_start..own_end].trim();
        if item.nested_start.is_some() && is_group_label(own) {
            let children = (0..items.len())
                .rev()
                .filter(|&c| candidate[c] && items[c].parent == Some(i));
            stack.extend(children);
            continue;
        }
        let span = trim(source, text_start..line_end(source, text_start).min(own_end));
        if span.is_empty() {
            continue;
        }
        let text = text_start..item.span.end;
        let first_line = &source[span.clone()];
        let mut a = from_text(source, text, span.clone(), links, owner_patterns);
        a.done = item.checked == Some(true) || is_done_text(first_line);
        out.push(a);
    }

    for table in tables.iter().filter(|t| !t.quoted && inside(t.span.start)) {
        let columns: Vec<Column> = table.header.iter().map(|h| column(h)).collect();
        let col = |kind: Column| columns.iter().position(|c| *c == kind);
        for row in &table.rows {
            let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i)).filter(|c| !c.is_empty());
            if row.cells.iter().all(|c| source[c.clone()].trim().is_empty()) {
                continue;
            }
            let span = row
                .cells
                .iter()
                .enumerate()
                .find(|(i, c)| columns.get(*i).is_none_or(|k| *k == Column::Other) && !c.is_empty())
                .or_else(|| row.cells.iter().enumerate().find(|(_, c)| !c.is_empty()))
                .map_or(row.span.clone(), |(_, c)| c.clone());
            let text = trim(source, row.span.clone());
            let mut a = from_text(source, text.clone(), span, links, owner_patterns);
            if let Some(i) = col(Column::Owner) {
                a.owner = cell(Some(i))
                    .filter(|c| !is_placeholder_value(&source[(*c).clone()]))
                    .cloned();
            }
            if let Some(i) = col(Column::Due) {
                a.dates.retain(|d| {
                    !row.cells
                        .get(i)
                        .is_some_and(|c| c.start <= d.span.start && d.span.end <= c.end)
                });
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
                None => row.cells.iter().any(|c| {
                    let t = source[c.clone()]
                        .trim_matches(|ch: char| ch == '*' || ch == '_' || ch.is_whitespace());
                    t == "DONE" || t.starts_with('✅')
                }),
            };
            a.has_ticket |=
                cell(col(Column::Ticket)).is_some_and(|c| !is_placeholder_value(&source[c.clone()]));
            out.push(a);
        }
    }
    out.sort_by_key(|a| a.span.start);
    out
}

/// "Process:", "**Prevention**:" — the heading of a group of items.
fn is_group_label(own: &str) -> bool {
    let t = own.trim_end_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    t.ends_with(':')
        || own
            .strip_prefix("**")
            .and_then(|o| o.strip_suffix("**"))
            .is_some_and(|inner| !inner.is_empty() && !inner.contains("**"))
}

fn is_done_text(first_line: &str) -> bool {
    DONE_WORD.is_match(first_line) || (first_line.starts_with("~~") && first_line.trim_end().ends_with("~~"))
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
    let owner = OWNER_LABEL
        .captures_iter(t)
        .filter_map(|c| c.get(2))
        .find(|v| !is_placeholder_value(v.as_str()))
        .map(|v| trim(source, base + v.start()..base + v.end()))
        .or_else(|| {
            HANDLE
                .captures_iter(t)
                .filter_map(|c| c.get(1))
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
    let due = dates
        .iter()
        .rposition(|d| d.labeled)
        .or_else(|| dates.len().checked_sub(1));
    let unreadable_due = DUE_LABEL.captures_iter(t).filter_map(|c| c.get(2)).find_map(|v| {
        let r = trim(source, base + v.start()..base + v.end());
        let has_date = dates
            .iter()
            .any(|d| d.span.start >= r.start && d.span.start <= r.end);
        (!has_date && !is_placeholder_value(v.as_str())).then_some(r)
    });
    let has_ticket = TICKET_TEXT.is_match(t)
        || URL.find_iter(t).any(|m| TICKET_URL.is_match(m.as_str()))
        || links
            .iter()
            .any(|(r, url)| text.start <= r.start && r.start < text.end && TICKET_URL.is_match(url));
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
        assert_eq!(column("Action Item"), Column::Other);
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
        assert!(is_group_label("Process:"));
        assert!(is_group_label("**Prevention**"));
        assert!(!is_group_label("**"));
        assert!(!is_group_label("***"));
        assert!(!is_group_label("Add an alert"));
    }

    #[test]
    fn done_words() {
        assert!(is_done_text("**DONE** add an alert"));
        assert!(is_done_text("✅ Add an alert"));
        assert!(is_done_text("Add an alert (done)"));
        assert!(!is_done_text("Define the done-state of the runbook"));
    }
}
