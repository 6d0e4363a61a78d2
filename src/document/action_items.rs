//! Action items: the list items, table rows and future-work paragraphs of
//! the action-items section, with the owner, due date, status and ticket
//! each one states.
//!
//! A list item whose own text ends with `:` and holds a nested list
//! ("- Process:"), or a short label over nested items ("- Lighthouse"),
//! groups items; its children are the action items, and they inherit the
//! group's owner when its label names one (see [`owner`]). Otherwise an
//! item's nested lines belong to it ("  - Owner: @alex"). Sub-headings and
//! label paragraphs ("Lighthouse:") group the items under them the same way.
//! Beside a table of items, a list that explains its values ("* P0 - ...")
//! is not items.

mod owner;
mod status;

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::pattern::Pattern;

use super::dates::{self, DateMention, DateOrder};
use super::{RawItem, RawTable, Section, line_end, merge, trim};
use crate::packs::template::words;
use status::Status;

/// One action item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionItem {
    /// Where diagnostics about the item go: its first line, or its action cell.
    pub span: Range<usize>,
    /// All of the item: nested lines included, or the whole table row.
    pub text: Range<usize>,
    /// Not open: done (checked, DONE, ✅, struck through, "fixed in #123",
    /// a done status) or rejected ("Considered ... but not worth it").
    pub done: bool,
    /// Decided against rather than done.
    pub rejected: bool,
    /// Where the owner is named: in the item, or in the label of its group.
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

    fn set_status(&mut self, status: Status) {
        self.done = status != Status::Open;
        self.rejected = status == Status::Rejected;
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
    } else if due_date_header(&w) {
        Column::Due
    } else {
        Column::Other
    }
}

/// A table of action items wherever it is: one column names the action
/// in so many words ("Action item", "Task", "Follow-up") and another the
/// owner or the due date. "When | What | Who" is a timeline.
pub(crate) fn is_action_table(header: &[String]) -> bool {
    let names_action = |h: &String| {
        let w = words(h);
        column(h) == Column::Action
            && w.iter().any(|x| {
                matches!(
                    x.as_str(),
                    "action" | "task" | "follow" | "followup" | "todo" | "item"
                )
            })
    };
    header.iter().any(names_action)
        && header
            .iter()
            .any(|h| matches!(column(h), Column::Owner | Column::Due))
}

/// "Date", "Expected Date" (Hachyderm's tables), "Planned date": a due
/// date; not "Date raised", "Created date", "Expected outcome".
fn due_date_header(w: &[String]) -> bool {
    let has = |x: &str| w.iter().any(|y| y == x);
    let other_date = [
        "raised", "opened", "created", "added", "reported", "closed", "started", "start",
    ]
    .iter()
    .any(|x| has(x));
    has("date") && !other_date && (w.len() == 1 || has("expected") || has("planned"))
}

static DUE_LABEL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i-u)\b(due(?:\s+date)?|deadline|target(?:\s+date)?|eta|(?:estimated\s+)?completion(?:\s+date)?)\b[*_]*\s*[:=][*_]*[ \t]*((?u:[^,;|)\]\n])*)",
    )
    .unwrap()
});
/// A field-like line under a list item ("Owner: ...", "Due: ...").
static FIELD: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i-u)^[*_]*(owners?|assignees?|dri|due|deadline|eta|status|priority|ticket|issue|link|target|responsible|who|team)\b[*_]*\s*[:=]").unwrap()
});
/// `#123`, `OPS-42` (checked against [`NOT_TICKETS`]).
static TICKET_TEXT: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?-u)(?:^|[\s(\[])#\d+\b|\b([A-Z][A-Z0-9]+)-\d+\b").unwrap());
static TICKET_URL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i-u)/issues?/|/pulls?/|/merge_requests/|/browse/|/tickets?/|jira|linear\.app|/work_items/|/-/issues").unwrap()
});
static URL: LazyLock<Pattern> = LazyLock::new(|| Pattern::new(r"https?://[^\s)>\]|]+").unwrap());
/// A label over items that are not work: "Legend:", "Priorities:".
static LEGEND_LABEL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i-u)^[\s*_]*(legend|key|priorities|priority\s+levels|definitions|glossary)\b").unwrap()
});

/// Names of standards, encodings and hashes written like tickets (`UTF-8`,
/// `SHA-256`, `ISO-8601`, `EIP-6110`, `SEV-1`): not tickets.
const NOT_TICKETS: &[&str] = &[
    "UTF", "UCS", "SHA", "MD", "AES", "RSA", "HMAC", "CRC", "ISO", "IEC", "IEEE", "RFC", "ECMA", "ES",
    "HTTP", "HTTPS", "TLS", "SSL", "IPV", "CVE", "CWE", "EIP", "ERC", "BIP", "PEP", "JSR", "COVID", "SEV",
    "FIPS", "NIST", "PCI", "SOC", "ANSI", "ARM", "WIN", "GPT", "UTC", "GMT", "CET", "CEST", "PST", "PDT",
    "EST", "EDT", "SARS", "OAUTH", "X",
];

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

/// What collecting action items reads.
pub(crate) struct Parts<'a> {
    pub source: &'a str,
    /// The document's sections, the title excluded.
    pub sections: &'a [Section],
    /// The template's action-items section.
    pub action_bit: usize,
    pub items: &'a [RawItem],
    pub tables: &'a [RawTable],
    /// Top-level paragraphs, in order.
    pub paragraphs: &'a [Range<usize>],
    pub links: &'a [(Range<usize>, String)],
    pub owner_patterns: &'a [Regex],
    pub date_order: DateOrder,
}

/// A place whose items a label gives an owner ("Lighthouse:", "### Storage
/// team") or a status ("### Done"): a sub-heading's body, or the text after
/// a label paragraph.
#[derive(Clone, Debug)]
struct GroupScope {
    scope: Range<usize>,
    owner: Option<Range<usize>>,
    status: Option<Status>,
}

/// What the groups around an item say about it.
#[derive(Clone, Debug, Default)]
struct Group {
    owner: Option<Range<usize>>,
    status: Option<Status>,
    /// The list reads as a report: one of its items starts with a past
    /// tense ("Added ...", "Fixed ..."), so "Improved cache management" next
    /// to it is done work too.
    reporting: bool,
}

/// The group scopes open at increasing positions; the scopes are sorted by
/// start and nest or are disjoint, so each query is amortised constant.
struct ScopeCursor<'s> {
    scopes: &'s [GroupScope],
    next: usize,
    open: Vec<usize>,
}

impl<'s> ScopeCursor<'s> {
    fn new(scopes: &'s [GroupScope]) -> Self {
        ScopeCursor {
            scopes,
            next: 0,
            open: Vec::new(),
        }
    }

    /// The innermost owner and status at `pos`.
    fn at(&mut self, pos: usize) -> Group {
        while self.next < self.scopes.len() && self.scopes[self.next].scope.start <= pos {
            let start = self.scopes[self.next].scope.start;
            while self
                .open
                .last()
                .is_some_and(|&o| self.scopes[o].scope.end <= start)
            {
                self.open.pop();
            }
            self.open.push(self.next);
            self.next += 1;
        }
        while self.open.last().is_some_and(|&o| self.scopes[o].scope.end <= pos) {
            self.open.pop();
        }
        let open = self.open.iter().rev().map(|&o| &self.scopes[o]);
        Group {
            owner: open.clone().find_map(|s| s.owner.clone()),
            status: open.clone().find_map(|s| s.status),
            reporting: false,
        }
    }
}

/// Which positions lie in the action-items section: its bodies, merged, and
/// walked forward as the positions asked about grow.
struct Inside {
    bodies: Vec<Range<usize>>,
    next: usize,
}

impl Inside {
    fn new(bodies: Vec<Range<usize>>) -> Self {
        Inside { bodies, next: 0 }
    }

    /// `at` must not decrease between calls (restart with [`Inside::reset`]).
    fn contains(&mut self, at: usize) -> bool {
        while self.bodies.get(self.next).is_some_and(|b| b.end <= at) {
            self.next += 1;
        }
        self.bodies.get(self.next).is_some_and(|b| b.start <= at)
    }

    fn reset(&mut self) {
        self.next = 0;
    }
}

/// The action items of the action-items section (its list items, tables
/// and future-work paragraphs), in document order.
pub(crate) fn collect(p: &Parts<'_>) -> Vec<ActionItem> {
    let source = p.source;
    let bit = 1u64 << p.action_bit;
    let bodies = merge(
        p.sections
            .iter()
            .filter(|s| s.matches & !s.loose & bit != 0)
            .map(|s| s.body.clone())
            .collect(),
    );
    if bodies.is_empty() {
        return Vec::new();
    }
    let mut inside = Inside::new(bodies);

    // Sub-headings and label paragraphs that name an owner or a status.
    let group = |label: Range<usize>, scope: Range<usize>, heading: bool| {
        let text = &source[label.clone()];
        let names = if heading {
            owner::heading_names_owner(text)
        } else {
            owner::names_owner(text)
        };
        let owner = names.then(|| label_span(source, label));
        let status = status::of_label(text);
        (owner.is_some() || status.is_some()).then_some(GroupScope { scope, owner, status })
    };
    let mut scopes: Vec<GroupScope> = Vec::new();
    for s in p.sections {
        if s.matches & bit == 0 && (1..=6).contains(&s.level) && inside.contains(s.heading.start) {
            scopes.extend(group(s.heading.clone(), s.body.clone(), true));
        }
    }
    inside.reset();
    let mut label_paragraphs = vec![false; p.paragraphs.len()];
    let headings: Vec<usize> = p.sections.iter().map(|s| s.heading.start).collect();
    for (i, para) in p.paragraphs.iter().enumerate() {
        if !inside.contains(para.start) || !is_label_paragraph(&source[para.clone()]) {
            continue;
        }
        label_paragraphs[i] = true;
        let next_para = p.paragraphs.get(i + 1).map_or(source.len(), |n| n.start);
        let next_heading = headings[headings.partition_point(|&h| h < para.end)..]
            .first()
            .copied()
            .unwrap_or(source.len());
        let scope = para.end..next_para.min(next_heading);
        let text = source[para.clone()].trim();
        let short = !text.contains('\n') && text.split_whitespace().count() <= 8;
        match lead_in_owner(source, para).filter(|_| !short) {
            Some(owner) => scopes.push(GroupScope {
                scope,
                owner: Some(owner),
                status: None,
            }),
            None => scopes.extend(group(para.clone(), scope, false)),
        }
    }
    scopes.sort_by_key(|s| (s.scope.start, std::cmp::Reverse(s.scope.end)));

    let mut rows = Vec::new();
    inside.reset();
    tables(p, &mut inside, &scopes, &mut rows);
    let mut out = Vec::new();
    inside.reset();
    list_items(p, &mut inside, &scopes, &mut out);
    let mut prose = Vec::new();
    inside.reset();
    paragraphs(p, &mut inside, &scopes, &label_paragraphs, &mut prose);
    out.sort_by_key(|a| a.span.start);
    drop_explanations(p, &inside.bodies, &rows, &mut out, &mut prose);
    out.append(&mut prose);
    out.append(&mut rows);
    out.sort_by_key(|a| a.span.start);
    out
}

/// A section that keeps its items in a table may explain, before the
/// table, the values of its columns in a list ("* Prevent - ...", "* P0 -
/// ...") and the items in prose ("Action items should address ..."):
/// neither is an item. `items` is sorted; each stretch before a table is
/// read once.
fn drop_explanations(
    p: &Parts<'_>,
    bodies: &[Range<usize>],
    rows: &[ActionItem],
    items: &mut Vec<ActionItem>,
    prose: &mut Vec<ActionItem>,
) {
    let source = p.source;
    let mut legend = vec![false; items.len()];
    let mut about = vec![false; prose.len()];
    let mut from = 0;
    for t in p.tables {
        let i = rows.partition_point(|r| r.span.start < t.span.start);
        if rows.get(i).is_none_or(|r| r.span.start >= t.span.end) {
            continue;
        }
        let Some(body) = bodies
            .get(bodies.partition_point(|b| b.end <= t.span.start))
            .filter(|b| b.start <= t.span.start)
        else {
            continue;
        };
        let region = from.max(body.start)..t.span.start;
        from = t.span.end;
        // The values of its columns other than the action, owner and due date.
        let kept: Vec<usize> = (0..t.header.len())
            .filter(|&c| !matches!(column(&t.header[c]), Column::Action | Column::Owner | Column::Due))
            .collect();
        let values: HashSet<String> = t
            .rows
            .iter()
            .flat_map(|r| kept.iter().filter_map(|&c| r.cells.get(c)))
            .map(|c| source[c.clone()].trim().to_lowercase())
            .filter(|c| !c.is_empty())
            .collect();
        let (lo, hi) = (
            items.partition_point(|a| a.span.start < region.start),
            items.partition_point(|a| a.span.start < region.end),
        );
        // A run of labelled items explains the table when one of its labels
        // is a value in it: "* Mitigate - ..." beside "Prevent" in a row.
        let mut k = lo;
        while k < hi {
            let start = k;
            let mut hit = false;
            while k < hi {
                let line = &source[items[k].span.clone()];
                let Some(label) = item_label(line).filter(|_| !starts_with_status(line)) else {
                    break;
                };
                hit |= values.contains(&label.to_lowercase());
                k += 1;
            }
            if hit {
                legend[start..k].fill(true);
            }
            k = k.max(start + 1);
        }
        let first = prose.partition_point(|a| a.span.start < region.start);
        let last = prose.partition_point(|a| a.span.start < region.end);
        for n in first..last {
            let a = &prose[n];
            if !starts_with_status(&source[a.span.clone()]) {
                about[n] = words(&source[a.text.clone()])
                    .iter()
                    .any(|w| matches!(w.as_str(), "item" | "action"));
            }
        }
    }
    let mut legend = legend.into_iter();
    items.retain(|_| !legend.next().unwrap_or(false));
    let mut about = about.into_iter();
    prose.retain(|_| !about.next().unwrap_or(false));
}

/// A label's text without markup or a trailing colon.
fn label_span(source: &str, r: Range<usize>) -> Range<usize> {
    let t = &source[r.clone()];
    let lead = t.len()
        - t.trim_start_matches(|c: char| c.is_whitespace() || "*_#".contains(c))
            .len();
    let kept = t
        .trim_end_matches(|c: char| c.is_whitespace() || "*_:".contains(c))
        .len();
    r.start + lead.min(kept)..r.start + kept
}

/// "Lighthouse:", "**Storage team**", "We are committed to:", "The
/// development team will take these actions. Those are:": a paragraph that
/// introduces what follows instead of being an item itself.
fn is_label_paragraph(text: &str) -> bool {
    let t = text.trim();
    let bold = t
        .strip_prefix("**")
        .and_then(|r| r.strip_suffix("**").or_else(|| r.strip_suffix("**:")))
        .is_some_and(|inner| !inner.contains("**"));
    t.ends_with(':') || (bold && !t.contains('\n') && t.split_whitespace().count() <= 8)
}

/// The team a lead-in paragraph gives the items after it: "The development
/// team will conduct the following actions ...:" names "The development team".
fn lead_in_owner(source: &str, para: &Range<usize>) -> Option<Range<usize>> {
    let t = &source[para.clone()];
    let subject_end = t.split_whitespace().take(5).position(|w| {
        matches!(
            w,
            "will" | "shall" | "is" | "are" | "has" | "have" | "owns" | "takes"
        )
    })?;
    let end = t
        .split_whitespace()
        .nth(subject_end)
        .and_then(|w| t.find(w))
        .unwrap_or(0);
    let subject = t[..end].trim_end();
    let lower = subject.to_lowercase();
    let team = lower.split_whitespace().any(|w| {
        matches!(
            w,
            "team" | "teams" | "squad" | "guild" | "maintainers" | "department"
        )
    });
    (team && !subject.is_empty()).then(|| para.start..para.start + subject.len())
}

fn list_items(p: &Parts<'_>, inside: &mut Inside, scopes: &[GroupScope], out: &mut Vec<ActionItem>) {
    let (source, items) = (p.source, p.items);
    let candidate: Vec<bool> = items
        .iter()
        .map(|i| !i.quoted && inside.contains(i.span.start))
        .collect();
    // Each item's nested items, computed once.
    let mut kids_of: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    for (c, item) in items.iter().enumerate() {
        if let Some(parent) = item.parent.filter(|_| candidate[c]) {
            kids_of[parent].push(c);
        }
    }
    let own_text = |i: usize| {
        let item = &items[i];
        let start = item.text_start.unwrap_or(item.span.start).min(item.span.end);
        let end = item.nested_start.unwrap_or(item.span.end).max(start);
        (start, end)
    };
    let mut cursor = ScopeCursor::new(scopes);
    // (item, what the list items it is nested in say)
    let mut stack: Vec<(usize, Group)> = (0..items.len())
        .rev()
        .filter(|&i| candidate[i] && items[i].parent.is_none_or(|parent| !candidate[parent]))
        .map(|i| (i, Group::default()))
        .collect();
    while let Some((i, inherited)) = stack.pop() {
        let item = &items[i];
        let (text_start, own_end) = own_text(i);
        let own = source[text_start..own_end].trim();
        let kids = std::mem::take(&mut kids_of[i]);
        let fields = kids.iter().any(|&c| {
            let (s, e) = own_text(c);
            FIELD.is_match(source[s..e].trim_start())
        });
        if item.nested_start.is_some() && !fields && !kids.is_empty() {
            let names = owner::names_owner(own);
            if LEGEND_LABEL.is_match(own) {
                continue;
            }
            if names || owner::is_category(own) || is_group_label(own, kids.len()) {
                let reporting = kids.iter().any(|&c| {
                    let (s, e) = own_text(c);
                    let line = source[s..line_end(source, s).min(e)].trim();
                    !status::starts_adjectival_past(line) && status::reports_done_work(line)
                });
                let group = Group {
                    owner: if names {
                        Some(label_span(source, trim(source, text_start..own_end)))
                    } else {
                        inherited.owner
                    },
                    status: status::of_label(own).or(inherited.status),
                    reporting,
                };
                stack.extend(kids.into_iter().rev().map(|c| (c, group.clone())));
                continue;
            }
        }
        let span = trim(source, text_start..line_end(source, text_start).min(own_end));
        if span.is_empty() {
            continue;
        }
        let first_line = &source[span.clone()];
        // A checkbox says it is a task; without one, the wording decides.
        if item.checked.is_none() && status::is_not_an_item(first_line) {
            continue;
        }
        let text = text_start..item.span.end;
        let mut a = from_text(p, text, span.clone());
        let around = cursor.at(span.start);
        let whole = &source[a.text.clone()];
        a.set_status(match item.checked {
            Some(true) => Status::Done,
            Some(false) => Status::Open,
            None => {
                let reported = inherited.reporting && status::starts_adjectival_past(first_line);
                let group = if reported {
                    Some(Status::Done)
                } else {
                    inherited.status.or(around.status)
                };
                status::with_group(status::of_text(first_line, whole), group, first_line, whole)
            }
        });
        a.owner = a.owner.or(inherited.owner).or(around.owner);
        out.push(a);
    }
}

fn tables(p: &Parts<'_>, inside: &mut Inside, scopes: &[GroupScope], out: &mut Vec<ActionItem>) {
    let source = p.source;
    let mut cursor = ScopeCursor::new(scopes);
    for table in p.tables {
        if table.quoted || !inside.contains(table.span.start) {
            continue;
        }
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
            let mut a = from_text(p, text.clone(), span);
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
                    let found = dates::find(&source[c.clone()], c.start, true, p.date_order);
                    if found.is_empty() && !is_placeholder_value(&source[c.clone()]) {
                        a.unreadable_due = Some(c.clone());
                    }
                    let due = found.len().checked_sub(1).map(|last| a.dates.len() + last);
                    a.dates.extend(found);
                    a.due = due;
                }
            }
            a.set_status(match cell(col(Column::Status)) {
                Some(c) => status::of_cell(&source[c.clone()]),
                // No Status column: a status in any cell ("n/a **DONE**", or
                // "Done" alone in a Notes column).
                None => row
                    .cells
                    .iter()
                    .map(|c| {
                        let cell = source[c.clone()].trim();
                        match status::of_text(cell, cell) {
                            Status::Open => status::of_bare_cell(cell),
                            s => s,
                        }
                    })
                    .find(|s| *s != Status::Open)
                    .unwrap_or(Status::Open),
            });
            a.has_ticket |= cell(col(Column::Ticket)).is_some_and(|c| names_a_ticket(&source[c.clone()]));
            let around = cursor.at(row.span.start);
            if col(Column::Status).is_none() && !a.done {
                let line = &source[text.clone()];
                a.set_status(status::with_group(Status::Open, around.status, line, line));
            }
            if a.owner.is_none() && col(Column::Owner).is_none() {
                a.owner = around.owner;
            }
            out.push(a);
        }
    }
}

/// Paragraphs of the section that state future work ("Investigate why ...",
/// "We will add ...", "TODO: ...") or carry a status ("**DONE**: ...").
fn paragraphs(
    p: &Parts<'_>,
    inside: &mut Inside,
    scopes: &[GroupScope],
    labels: &[bool],
    out: &mut Vec<ActionItem>,
) {
    let source = p.source;
    let mut cursor = ScopeCursor::new(scopes);
    for (i, para) in p.paragraphs.iter().enumerate() {
        if labels[i] || !inside.contains(para.start) {
            continue;
        }
        let text = trim(source, para.clone());
        let span = trim(source, text.start..line_end(source, text.start).min(text.end));
        let whole = &source[text.clone()];
        let first_line = &source[span.clone()];
        let marked = status::is_done_text(first_line) || starts_with_status(first_line);
        if span.is_empty() || !(marked || status::states_future_work(whole)) {
            continue;
        }
        let mut a = from_text(p, text, span.clone());
        let around = cursor.at(span.start);
        a.set_status(status::with_group(
            status::of_text(first_line, whole),
            around.status,
            first_line,
            whole,
        ));
        a.owner = a.owner.or(around.owner);
        out.push(a);
    }
}

/// "* Prevent - Prevent similar issues ...", "P0: blocks the release": the
/// short label an item opens with.
fn item_label(line: &str) -> Option<&str> {
    let t = line.trim_start_matches(|c: char| c.is_whitespace() || "*_`".contains(c));
    let end = [" - ", " – ", " — ", ":", " = "]
        .iter()
        .filter_map(|sep| t.find(sep))
        .min()?;
    let label = t[..end].trim_end_matches(|c: char| c.is_whitespace() || "*_`".contains(c));
    (!label.is_empty() && label.split_whitespace().count() <= 3).then_some(label)
}

/// "**TODO**: ...", "DOING the import ...": a status opens the paragraph.
fn starts_with_status(line: &str) -> bool {
    let t = line.trim_start_matches(|c: char| !c.is_alphanumeric());
    ["TODO", "DOING", "WIP", "IN PROGRESS", "DONE"].iter().any(|s| {
        t.strip_prefix(s)
            .is_some_and(|r| !r.starts_with(char::is_alphanumeric))
    })
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

/// Are `a` and `b` inside the same parentheses (opened after `from`, the
/// start of the item: looking further back would make every item pay for
/// the whole document before it)?
fn same_parenthetical(source: &str, from: usize, a: &Range<usize>, b: &Range<usize>) -> bool {
    let (first, last) = if a.start <= b.start { (a, b) } else { (b, a) };
    let between = &source[first.end.min(last.start)..last.start];
    if between.contains([')', '\n']) {
        return false;
    }
    let before = &source[from.min(first.start)..first.start];
    let open = before.rfind('(');
    let close = before.rfind(')');
    open.is_some_and(|o| close.is_none_or(|c| c < o)) && !before[open.unwrap_or(0)..].contains('\n')
}

/// A Ticket column's cell: a number or a link ("Bug 5554823", "#12", a
/// URL), not "n/a **TODO**".
fn names_a_ticket(cell: &str) -> bool {
    !is_placeholder_value(cell.split_whitespace().next().unwrap_or(""))
        && (cell.bytes().any(|b| b.is_ascii_digit()) || cell.contains("://"))
}

/// `#123`, `OPS-42`, but not `UTF-8` or `SHA-256`.
fn has_ticket_text(t: &str) -> bool {
    // Cheap test first: both forms have a `#` or `-` before a digit.
    let b = t.as_bytes();
    let before_digit = |i: usize| b.get(i + 1).is_some_and(u8::is_ascii_digit);
    if !memchr::memchr2_iter(b'#', b'-', b).any(before_digit) {
        return false;
    }
    TICKET_TEXT.is_match(t)
        && TICKET_TEXT.captures_iter(t).any(|c| match c.get(1) {
            Some(key) => !NOT_TICKETS.contains(&key.as_str()),
            None => true,
        })
}

/// Owner, dates and ticket written in free text.
fn from_text(p: &Parts<'_>, text: Range<usize>, span: Range<usize>) -> ActionItem {
    let source = p.source;
    let t = &source[text.clone()];
    let base = text.start;
    let owner = owner::in_text(t, line_end(t, 0), base, p.owner_patterns);
    let dates = dates::find(t, base, false, p.date_order);

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
                    .is_some_and(|o| same_parenthetical(source, base, o, &d.span))
        })
    });
    let labels = t.contains([':', '=']).then(|| DUE_LABEL.captures_iter(t));
    let unreadable_due = labels
        .into_iter()
        .flatten()
        .filter_map(|c| c.get(2))
        .find_map(|v| {
            let r = trim(source, base + v.start()..base + v.end());
            let has_date = dates
                .iter()
                .any(|d| d.span.start >= r.start && d.span.start <= r.end);
            (!has_date && !is_placeholder_value(v.as_str())).then_some(r)
        });
    // `03/04/2026` is not read (day or month first?), but is worth naming.
    let unreadable_due =
        unreadable_due.or_else(|| dates::ambiguous(t, p.date_order).map(|r| base + r.start..base + r.end));
    let links = p.links;
    let urls = memchr::memmem::find(t.as_bytes(), b"://").map(|_| URL.find_iter(t));
    let has_ticket = has_ticket_text(t)
        || urls
            .into_iter()
            .flatten()
            .any(|m| TICKET_URL.is_match(m.as_str()))
        || {
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
        rejected: false,
        owner,
        dates,
        due,
        unreadable_due: if due.is_some() { None } else { unreadable_due },
        has_ticket,
    }
}

/// This module's patterns, for the table built ahead (see [`crate::automata`]).
#[cfg(test)]
pub(crate) fn patterns() -> Vec<&'static Pattern> {
    let mut out: Vec<&'static Pattern> =
        vec![&DUE_LABEL, &FIELD, &TICKET_TEXT, &TICKET_URL, &URL, &LEGEND_LABEL];
    out.extend(owner::patterns());
    out.extend(status::patterns());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns() {
        assert_eq!(column("**Owner**"), Column::Owner);
        assert_eq!(column("Due date"), Column::Due);
        assert_eq!(column("Target Date"), Column::Due);
        assert_eq!(column("Expected Date"), Column::Due);
        assert_eq!(column("Date"), Column::Due);
        assert_eq!(column("Planned date"), Column::Due);
        assert_eq!(column("Planned action"), Column::Action);
        assert_eq!(column("Expected outcome"), Column::Other);
        assert_eq!(column("Date raised"), Column::Other);
        assert_eq!(column("Created date"), Column::Other);
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
    fn tickets() {
        for t in ["see #123", "OPS-42", "(#7)", "ABC2-1"] {
            assert!(has_ticket_text(t), "{t}");
        }
        for t in [
            "UTF-8 names",
            "SHA-256 sums",
            "ISO-8601 dates",
            "EIP-6110",
            "a#1",
            "SEV-1",
        ] {
            assert!(!has_ticket_text(t), "{t}");
        }
    }

    #[test]
    fn label_paragraphs() {
        assert!(is_label_paragraph("Lighthouse:"));
        assert!(is_label_paragraph("**Storage team**"));
        assert!(is_label_paragraph("We are committed to:"));
        assert!(!is_label_paragraph("Investigate why the cache was cold."));
        let src = "The development team will conduct the following actions. Those are:";
        assert!(is_label_paragraph(src));
        let owner = lead_in_owner(src, &(0..src.len())).unwrap();
        assert_eq!(&src[owner], "The development team");
        assert_eq!(lead_in_owner("We will do these:", &(0..17)), None);
    }
}
