//! Timestamped entries: a timeline kept inside another section ("## What"
//! then "- 09:03 Martin posts that the map has lost the changes").

use std::collections::HashMap;
use std::ops::Range;

use super::{RawItem, RawTable};

/// This many entries that start with a time of day make a timeline: one
/// or two are an event mentioned in passing ("- 10:00 standup").
const ENTRIES_MIN: usize = 3;

/// The first of [`ENTRIES_MIN`] or more entries that start with a time of
/// day: sibling items of one list (top-level items of all lists count
/// together), rows of one table, or lines of top-level paragraphs. Quoted entries (a pasted chat log) do not count.
pub(crate) fn timeline_entries(
    source: &str,
    items: &[RawItem],
    tables: &[RawTable],
    paragraphs: &[Range<usize>],
) -> Option<Range<usize>> {
    // Items counted per parent: siblings, with their children between them;
    // top-level items (no parent) of every list together.
    let mut per_parent: HashMap<Option<usize>, (usize, Range<usize>)> = HashMap::new();
    for item in items.iter().filter(|i| !i.quoted) {
        let Some(start) = item.text_start else { continue };
        let line = start..super::line_end(source, start).min(item.span.end).max(start);
        if !starts_with_time(&source[line.clone()]) {
            continue;
        }
        per_parent.entry(item.parent).or_insert((0, line)).0 += 1;
    }
    let from_items = per_parent
        .into_values()
        .filter(|(n, _)| *n >= ENTRIES_MIN)
        .map(|(_, first)| first);
    let from_tables = tables.iter().filter(|t| !t.quoted).filter_map(|t| {
        let mut rows = t
            .rows
            .iter()
            .filter_map(|r| r.cells.first())
            .filter(|c| starts_with_time(&source[(*c).clone()]));
        let first = rows.next()?.clone();
        (rows.count() + 1 >= ENTRIES_MIN).then_some(first)
    });
    // Lines of paragraphs, counted together: a timeline is often one
    // paragraph per entry ("15:35 – Plan pushed\n\n16:08 – ...").
    let mut lines = paragraphs.iter().flat_map(|p| {
        let mut at = p.start;
        source[p.clone()].split_inclusive('\n').filter_map(move |l| {
            let line = at..at + l.trim_end().len();
            at += l.len();
            starts_with_time(&source[line.clone()]).then_some(line)
        })
    });
    let from_paragraphs = lines.next().filter(|_| lines.count() + 1 >= ENTRIES_MIN);
    from_items
        .chain(from_tables)
        .chain(from_paragraphs)
        .min_by_key(|r| r.start)
}

/// Does an entry start with a time of day, after markup and an optional
/// date ("**14:02 UTC** ...", "`2024-03-22 09:43` ...", "[10:04] ...")?
/// A time after other words ("Deployed at 10:04") does not count.
pub(crate) fn starts_with_time(entry: &str) -> bool {
    let t = entry.trim_start_matches(|c: char| c.is_whitespace() || "*_`[(|".contains(c));
    super::sections::starts_with_time(t)
}

#[cfg(test)]
mod tests {
    use super::starts_with_time;

    #[test]
    fn times_after_markup_and_dates() {
        for yes in [
            "09:43 Investigation finished",
            "9:43pm page",
            "**14:02 UTC** - alert",
            "`10:04` deploy",
            "[10:04] deploy",
            "2024-03-22 09:43 deploy",
            "2024-03-22T09:43Z deploy",
            "Jan 30, 13:01 halt",
            "30/01/2023 - 09:30: halt",
            "| 09:30 |",
            "13:01:32 node restarted",
        ] {
            assert!(starts_with_time(yes), "{yes}");
        }
        for no in [
            "Deployed at 10:04",
            "1.2.3 released",
            "Ratio 3:1",
            "Version 2024-03-22 shipped at 10:04",
            "John 3:16",
            "",
            "Jan 30: release",
        ] {
            assert!(!starts_with_time(no), "{no}");
        }
    }
}
