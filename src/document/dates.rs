//! Dates in action items: ISO (`2026-12-15`), written (`Dec 15, 2026`,
//! `15 December 2026`), numeric with slashes when only one reading is a date
//! (`12/20/2026`, `20/12/2026`; `03/04/2026` needs `date-order`), and after a
//! due label also a month (`Dec 2026`), a quarter (`Q3 2026`), a half
//! (`H2 2026`), an ISO week (`2026-W49`) or a year (`end of 2026`), read as
//! their last day; and a day and month with no year (`due Feb 12`), whose
//! year is not guessed.

use std::ops::Range;
use std::sync::LazyLock;

use crate::pattern::Pattern;
use jiff::civil::{Date, ISOWeekDate, Weekday};

/// How to read `03/04/2026`: `[action-items] date-order` in the config.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DateOrder {
    /// Ask: the date is not read.
    #[default]
    Unknown,
    /// Month first (`12/20/2026`).
    Mdy,
    /// Day first (`20/12/2026`).
    Dmy,
}

impl DateOrder {
    pub fn parse(s: &str) -> Option<DateOrder> {
        match s {
            "mdy" => Some(DateOrder::Mdy),
            "dmy" => Some(DateOrder::Dmy),
            _ => None,
        }
    }
}

// The patterns are ASCII (`(?-u)`): Unicode classes and case folding make
// them several times slower to compile, and every run compiles them. Each
// runs only on text that has the characters it needs (most items lack
// them), since a search costs more to start than an item's bytes to scan.

/// A date written in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// Byte range in the document.
    pub span: Range<usize>,
    /// The date, or `None` when it is not a real date (2026-02-30).
    pub date: Option<Date>,
    /// Preceded by a due label ("Due:", "by", "deadline", ...), or in a due column.
    pub labeled: bool,
    /// A day and month whose year the text leaves to the reader ("due Feb
    /// 12"): a due date, but `date` is `None` and pmlint does not guess the
    /// year, so it is neither overdue nor invalid.
    pub yearless: bool,
}

const MONTHS: &str = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";

static ISO: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?-u)(\d{4})([-/])(\d{1,2})([-/])(\d{1,2})").unwrap());
static MONTH_DAY_YEAR: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?i-u)\b({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"
    ))
    .unwrap()
});
static DAY_MONTH_YEAR: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?i-u)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS})\.?,?\s+(\d{{4}})\b"
    ))
    .unwrap()
});
/// "Feb 12", "March 3rd", "Wednesday, 12th of February": after a due
/// label only, or after "for" with a weekday ("on Monday, March 3" is an
/// event's day).
static MONTH_DAY: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?i-u)\b(?:{WEEKDAYS})[a-z]*\.?,?\s+(?:({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?|(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS}))\b|\b(?:({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?|(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS}))\b"
    ))
    .unwrap()
});
const WEEKDAYS: &str = "mon|tue|wed|thu|fri|sat|sun";
static MONTH_YEAR: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(&format!(r"(?i-u)\b({MONTHS})\.?,?\s+(\d{{4}})\b")).unwrap());
static QUARTER: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?i-u)\b(?:Q([1-4])\s*(\d{4})|(\d{4})[-\s]?Q([1-4]))\b").unwrap());
static DUE_LABEL_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?i-u)\b(due(\s+date)?|due\s+by|by|deadline|target(\s+date)?|eta|until|before|complete\s+by|done\s+by|no\s+later\s+than",
        r"|(estimated\s+)?completion(\s+date)?)[*_]*\s*[:=]?[*_]*\s*((by\s+)?(the\s+)?end\s+of)?\s*$"
    ))
    .unwrap()
});
static YEAR_MONTH: LazyLock<Pattern> = LazyLock::new(|| Pattern::new(r"(?-u)\b(\d{4})-(\d{1,2})\b").unwrap());
static DOTTED: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?-u)\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b").unwrap());
/// `12/20/2026`, `20/12/26`: month and day in either order.
static SLASHED: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?-u)\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b").unwrap());
static ISO_WEEK: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?-u)\b(\d{4})-?W(\d{2})(?:-?([1-7]))?\b").unwrap());
static HALF: LazyLock<Pattern> = LazyLock::new(|| Pattern::new(r"(?-u)\bH([12])\s*(\d{4})\b").unwrap());
/// "end of 2026": the year alone is a date only after "end of".
static END_OF_YEAR: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?i-u)\b(?:end\s+of|eoy)\s+(\d{4})\b").unwrap());
static URL: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"https?://[^\s)>\]|]+|\]\([^)\s]*\)").unwrap());

/// Does `text` hold `needle` (lowercase ASCII, not empty), ignoring ASCII
/// case? Only where its first letter is are the rest compared.
pub(crate) fn contains_ascii_ci(text: &str, needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    let hay = text.as_bytes();
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), hay).any(|i| {
        hay.get(i + 1..i + 1 + rest.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(rest))
    })
}

/// Does a word of `text` start with the first three letters of a month's
/// name? Every date form reads a month after a word boundary (`\b`,
/// `\s+`), which an ASCII letter, digit or `_` before it rules out. `| 0x20`
/// lowers an ASCII letter and makes no other byte one.
fn has_month_name(text: &str) -> bool {
    const fn key(w: [u8; 3]) -> u32 {
        u32::from_le_bytes([w[0], w[1], w[2], 0])
    }
    const MONTHS: [u32; 12] = [
        key(*b"jan"),
        key(*b"feb"),
        key(*b"mar"),
        key(*b"apr"),
        key(*b"may"),
        key(*b"jun"),
        key(*b"jul"),
        key(*b"aug"),
        key(*b"sep"),
        key(*b"oct"),
        key(*b"nov"),
        key(*b"dec"),
    ];
    // Their first letters, as bits from `a`: most words fail here.
    const FIRST: u32 = {
        let (mut bits, mut i) = (0u32, 0);
        let letters = b"jfmasond";
        while i < letters.len() {
            bits |= 1 << (letters[i] - b'a');
            i += 1;
        }
        bits
    };
    let b = text.as_bytes();
    (0..b.len().saturating_sub(2)).any(|i| {
        let first = (b[i] | 0x20).wrapping_sub(b'a');
        first < 26
            && FIRST >> first & 1 == 1
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
            && MONTHS.contains(&key([b[i] | 0x20, b[i + 1] | 0x20, b[i + 2] | 0x20]))
    })
}

/// Where `text` has the byte `mark` between a byte `before` takes and one
/// `after` takes: a search for a date form only runs where its punctuation
/// stands between digits ("2026-07-02" holds "6-0"), and every item has a
/// full stop or a dash.
fn flanked(
    text: &str,
    mark: u8,
    before: impl Fn(u8) -> bool,
    after: impl Fn(u8) -> bool,
) -> impl Iterator<Item = usize> {
    let b = text.as_bytes();
    memchr::memchr_iter(mark, b)
        .filter(move |&i| i > 0 && before(b[i - 1]) && b.get(i + 1).is_some_and(|&c| after(c)))
}

fn digit(b: u8) -> bool {
    b.is_ascii_digit()
}

fn month_number(name: &str) -> i8 {
    let n = name.to_ascii_lowercase();
    let i = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| n.starts_with(m))
    .unwrap_or(0);
    i as i8 + 1
}

fn date(year: &str, month: i8, day: &str) -> Option<Date> {
    let y: i16 = year.parse().ok()?;
    let d: i8 = day.parse().ok()?;
    Date::new(y, month, d).ok()
}

fn last_day(year: i16, month: i8) -> Option<Date> {
    Date::new(year, month, 1).ok().map(|d| d.last_of_month())
}

/// A date with its year, found at `r` in a text that starts at `base`.
fn mention(base: usize, r: Range<usize>, date: Option<Date>, labeled: bool) -> DateMention {
    DateMention {
        span: base + r.start..base + r.end,
        date,
        labeled,
        yearless: false,
    }
}

/// Is the text before `at` (within `text`) a due label?
fn labeled(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(|c: char| c.is_whitespace() || "*_:=([".contains(c));
    DUE_LABEL_BEFORE.is_match(before)
        || DUE_LABEL_BEFORE
            .is_match(before.trim_end_matches(|c: char| c.is_whitespace() || "*_:=([".contains(c)))
}

/// A slashed date's (month, day), if only one reading is a date or `order`
/// settles it; `None` for a truly ambiguous one.
fn month_day(first: i8, second: i8, order: DateOrder) -> Option<(i8, i8)> {
    match (first, second) {
        (a, b) if a == b => Some((a, b)),
        (a, b) if a > 12 && b <= 12 => Some((b, a)),
        (a, b) if b > 12 && a <= 12 => Some((a, b)),
        (a, b) if a > 12 && b > 12 => Some((a, b)),
        (a, b) => match order {
            DateOrder::Mdy => Some((a, b)),
            DateOrder::Dmy => Some((b, a)),
            DateOrder::Unknown => None,
        },
    }
}

/// Where `text` holds a slashed date that can be read both ways
/// (`03/04/2026`) and `order` does not settle it.
pub fn ambiguous(text: &str, order: DateOrder) -> Option<Range<usize>> {
    if order != DateOrder::Unknown || !text.contains('/') {
        return None;
    }
    SLASHED.captures_iter(text).find_map(|c| {
        let (a, b) = (c[1].parse().ok()?, c[2].parse().ok()?);
        month_day(a, b, order)
            .is_none()
            .then(|| c.get(0).unwrap().range())
    })
}

/// Every date in `text`; spans are offset by `base`. In a due field (a Due
/// column) every date counts as labelled.
pub fn find(text: &str, base: usize, due_field: bool, order: DateOrder) -> Vec<DateMention> {
    let labeled = |text: &str, at: usize| due_field || labeled(text, at);
    // Every form has digits; most items have none.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    // Cheap tests first: each form needs characters most items lack.
    let between_digits = |mark: u8| flanked(text, mark, digit, digit).next().is_some();
    let (slashed, dashed, dotted) = (between_digits(b'/'), between_digits(b'-'), between_digits(b'.'));
    let months = has_month_name(text);
    let linked = contains_ascii_ci(text, b"http")
        || memchr::memchr_iter(b']', text.as_bytes()).any(|i| text.as_bytes().get(i + 1) == Some(&b'('));
    let urls: Vec<Range<usize>> = if linked {
        URL.find_iter(text).map(|m| m.range()).collect()
    } else {
        Vec::new()
    };
    let free = |r: &Range<usize>, found: &[DateMention]| {
        !urls.iter().any(|u| u.start < r.end && r.start < u.end)
            && !found
                .iter()
                .any(|f| f.span.start - base < r.end && r.start < f.span.end - base)
    };
    let mut found: Vec<DateMention> = Vec::new();
    for c in (dashed || slashed)
        .then(|| ISO.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let m = c.get(0).unwrap();
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '/' || c == '.')
            || after.is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '/')
            || c[2] != c[4]
        {
            continue;
        }
        let month: Option<i8> = c[3].parse().ok();
        let d = month.and_then(|mo| date(&c[1], mo, &c[5]));
        if free(&m.range(), &found) {
            found.push(mention(base, m.range(), d, labeled(text, m.start())));
        }
    }
    for (re, day, month, year) in [(&*MONTH_DAY_YEAR, 2, 1, 3), (&*DAY_MONTH_YEAR, 1, 2, 3)] {
        for c in months.then(|| re.captures_iter(text)).into_iter().flatten() {
            let m = c.get(0).unwrap();
            if free(&m.range(), &found) {
                found.push(mention(
                    base,
                    m.range(),
                    date(&c[year], month_number(&c[month]), &c[day]),
                    labeled(text, m.start()),
                ));
            }
        }
    }
    // 15.07.2026: day, month, year, as written across Europe.
    for c in dotted.then(|| DOTTED.captures_iter(text)).into_iter().flatten() {
        let m = c.get(0).unwrap();
        if free(&m.range(), &found) {
            let month: Option<i8> = c[2].parse().ok();
            found.push(mention(
                base,
                m.range(),
                month.and_then(|mo| date(&c[3], mo, &c[1])),
                labeled(text, m.start()),
            ));
        }
    }
    // "W49", "H2", "Q3": the letter before a digit.
    let letter_digit = |mark: u8, last: u8| {
        let b = text.as_bytes();
        memchr::memchr_iter(mark, b).any(|i| b.get(i + 1).is_some_and(|c| (b'0'..=last).contains(c)))
    };
    let (week, half) = (letter_digit(b'W', b'9'), letter_digit(b'H', b'2'));
    let quarter = letter_digit(b'Q', b'4') || letter_digit(b'q', b'4');
    let year_end = contains_ascii_ci(text, b"end of") || contains_ascii_ci(text, b"eoy");
    // 12/20/2026 and 20/12/2026; 03/04/2026 only with a date order.
    for c in slashed.then(|| SLASHED.captures_iter(text)).into_iter().flatten() {
        let m = c.get(0).unwrap();
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        if before.is_some_and(|c| c == '/' || c == '.') || after.is_some_and(|c| c == '/') {
            continue;
        }
        let (Ok(a), Ok(b)) = (c[1].parse::<i8>(), c[2].parse::<i8>()) else {
            continue;
        };
        let Some((month, day)) = month_day(a, b, order) else {
            continue;
        };
        let year = if c[3].len() == 2 {
            format!("20{}", &c[3])
        } else {
            c[3].to_owned()
        };
        if free(&m.range(), &found) {
            found.push(mention(
                base,
                m.range(),
                date(&year, month, &day.to_string()),
                labeled(text, m.start()),
            ));
        }
    }
    // A week, month, quarter, half or year alone is a due date only after a
    // label: "2026-W49", "Dec 2026", "2026-12", "Q3 2026", "H2 2026", "end of 2026".
    for c in week.then(|| ISO_WEEK.captures_iter(text)).into_iter().flatten() {
        let m = c.get(0).unwrap();
        if labeled(text, m.start()) && free(&m.range(), &found) {
            let weekday = match c.get(3).map(|d| d.as_str()) {
                Some("1") => Weekday::Monday,
                Some("2") => Weekday::Tuesday,
                Some("3") => Weekday::Wednesday,
                Some("4") => Weekday::Thursday,
                Some("5") => Weekday::Friday,
                Some("6") => Weekday::Saturday,
                _ => Weekday::Sunday,
            };
            let d = match (c[1].parse(), c[2].parse()) {
                (Ok(y), Ok(w)) => ISOWeekDate::new(y, w, weekday).ok().map(ISOWeekDate::date),
                _ => None,
            };
            found.push(mention(base, m.range(), d, true));
        }
    }
    // "2026-07" overlaps a date found ("2026-07-02") where its dash does.
    let unread_dash =
        flanked(text, b'-', digit, digit).any(|i| !found.iter().any(|f| f.span.contains(&(base + i))));
    for c in unread_dash
        .then(|| YEAR_MONTH.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let m = c.get(0).unwrap();
        let after = text[m.end()..].chars().next();
        if labeled(text, m.start())
            && free(&m.range(), &found)
            && !after.is_some_and(|c| c.is_ascii_digit() || c == '-')
        {
            let d = match (c[1].parse::<i16>(), c[2].parse::<i8>()) {
                (Ok(y), Ok(mo)) => last_day(y, mo),
                _ => None,
            };
            found.push(mention(base, m.range(), d, true));
        }
    }
    for c in months
        .then(|| MONTH_YEAR.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let m = c.get(0).unwrap();
        if labeled(text, m.start()) && free(&m.range(), &found) {
            let d = c[2].parse().ok().and_then(|y| last_day(y, month_number(&c[1])));
            found.push(mention(base, m.range(), d, true));
        }
    }
    // "due Feb 12", "by Wednesday Feb 12": the year is left to the reader.
    for c in months
        .then(|| MONTH_DAY.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let m = c.get(0).unwrap();
        let after = &text[m.end()..];
        let year_follows = after
            .trim_start_matches([',', ' '])
            .starts_with(|c: char| c.is_ascii_digit());
        // "Schedule it for Wednesday Feb 12" is a plan.
        let weekday = c.get(1).or(c.get(4)).is_some();
        let planned = weekday && {
            let before = text[..m.start()].trim_end().to_ascii_lowercase();
            before.ends_with(" for") || before == "for"
        };
        if !(labeled(text, m.start()) || planned) || year_follows || !free(&m.range(), &found) {
            continue;
        }
        let (month, day) = [(1, 2), (4, 3), (5, 6), (8, 7)]
            .iter()
            .find_map(|&(mo, d)| Some((c.get(mo)?.as_str(), c.get(d)?.as_str())))
            .unwrap_or(("", ""));
        let real = day
            .parse()
            .is_ok_and(|d| Date::new(2024, month_number(month), d).is_ok());
        if real {
            found.push(DateMention {
                span: base + m.start()..base + m.end(),
                date: None,
                labeled: true,
                yearless: true,
            });
        }
    }
    for c in quarter.then(|| QUARTER.captures_iter(text)).into_iter().flatten() {
        let m = c.get(0).unwrap();
        if labeled(text, m.start()) && free(&m.range(), &found) {
            let (q, y) = match (c.get(1), c.get(2)) {
                (Some(q), Some(y)) => (q.as_str(), y.as_str()),
                _ => (&c[4], &c[3]),
            };
            let q: i8 = q.parse().unwrap_or(4);
            let d = y.parse().ok().and_then(|y| last_day(y, q * 3));
            found.push(mention(base, m.range(), d, true));
        }
    }
    for c in half.then(|| HALF.captures_iter(text)).into_iter().flatten() {
        let m = c.get(0).unwrap();
        if labeled(text, m.start()) && free(&m.range(), &found) {
            let month = if &c[1] == "1" { 6 } else { 12 };
            found.push(mention(
                base,
                m.range(),
                c[2].parse().ok().and_then(|y| last_day(y, month)),
                true,
            ));
        }
    }
    for c in year_end
        .then(|| END_OF_YEAR.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let year = c.get(1).unwrap();
        if labeled(text, year.start()) && free(&year.range(), &found) {
            found.push(mention(
                base,
                year.range(),
                year.as_str().parse().ok().and_then(|y| last_day(y, 12)),
                true,
            ));
        }
    }
    found.sort_by_key(|d| d.span.start);
    found
}

/// This module's patterns, for the table built ahead (see [`crate::automata`]).
#[cfg(test)]
pub(crate) fn patterns() -> Vec<&'static Pattern> {
    vec![
        &ISO,
        &MONTH_DAY_YEAR,
        &DAY_MONTH_YEAR,
        &MONTH_YEAR,
        &MONTH_DAY,
        &QUARTER,
        &DUE_LABEL_BEFORE,
        &YEAR_MONTH,
        &DOTTED,
        &SLASHED,
        &ISO_WEEK,
        &HALF,
        &END_OF_YEAR,
        &URL,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_(t: &str, base: usize) -> Vec<DateMention> {
        find(t, base, false, DateOrder::Unknown)
    }

    fn d(y: i16, m: i8, day: i8) -> Option<Date> {
        Some(Date::new(y, m, day).unwrap())
    }

    #[test]
    fn quick_tests_find_their_words_anywhere() {
        assert!(contains_ascii_ci("see HTTP", b"http"));
        assert!(contains_ascii_ci("by End Of 2026", b"end of"));
        assert!(!contains_ascii_ci("end o", b"end of"));
        assert!(!contains_ascii_ci("", b"eoy"));
        assert!(has_month_name("due DEC 2026") && has_month_name("Sept"));
        assert!(!has_month_name("de") && !has_month_name("Due: 2026"));
        // Inside a word no form reads a month.
        assert!(has_month_name("(Dec 1)") && has_month_name("é-jan") && !has_month_name("update_mar"));
        assert!(find("Q3 2026, remarch 2026", 0, true, DateOrder::Unknown).len() == 1);
    }

    #[test]
    fn days_without_a_year_after_a_label_or_a_weekday() {
        let f = find_("due Feb 12; ship it for Wednesday 12th of February", 0);
        assert_eq!(f.len(), 2);
        assert!(f.iter().all(|m| m.yearless && m.labeled && m.date.is_none()));
        assert!(find_("lost from Feb 12", 0).is_empty());
        assert!(find_("review what happened on Monday, March 3", 0).is_empty());
        assert!(find_("due March 3rd", 0)[0].yearless);
        assert!(find_("due Feb 30", 0).is_empty(), "not a day of February");
        let full = find_("due Feb 12, 2027", 0);
        assert!(full.len() == 1 && !full[0].yearless && full[0].date == d(2027, 2, 12));
    }

    /// The cheap tests that skip a form's search (its punctuation between
    /// digits, its letter before one) hold at a text's first and last bytes.
    #[test]
    fn every_form_is_read_at_the_edges_of_a_text() {
        for (text, date) in [
            ("2026-12-15", d(2026, 12, 15)),
            ("12/20/2026", d(2026, 12, 20)),
            ("15.07.2026", d(2026, 7, 15)),
            ("Q1 2026", d(2026, 3, 31)),
            ("2026-Q3", d(2026, 9, 30)),
            ("H2 2026", d(2026, 12, 31)),
            ("2026-W49", d(2026, 12, 6)),
            ("2026-12", d(2026, 12, 31)),
            ("Dec 15, 2026", d(2026, 12, 15)),
            ("15 Dec 2026", d(2026, 12, 15)),
        ] {
            let f = find(text, 0, true, DateOrder::Unknown);
            assert_eq!(f.len(), 1, "{text}");
            assert_eq!((f[0].span.clone(), f[0].date), (0..text.len(), date), "{text}");
            let f = find(&format!("x {text}"), 0, true, DateOrder::Unknown);
            assert_eq!(f.len(), 1, "x {text}");
        }
        // "2026-07" inside a date already read is not read again.
        assert_eq!(find("2026-07-02, 2026-08", 0, true, DateOrder::Unknown).len(), 2);
    }

    #[test]
    fn forms() {
        let f = find_("Due: 2026-12-15", 0);
        assert_eq!(
            f,
            vec![DateMention {
                span: 5..15,
                date: d(2026, 12, 15),
                labeled: true,
                yearless: false,
            }]
        );
        let f = find_("by Dec 15, 2026 and 3rd March 2027", 10);
        assert_eq!(f[0].date, d(2026, 12, 15));
        assert!(f[0].labeled);
        assert_eq!(f[1].date, d(2027, 3, 3));
        assert!(!f[1].labeled);
        assert_eq!(find_("target: Q3 2026", 0)[0].date, d(2026, 9, 30));
        assert_eq!(find_("due Dec 2026", 0)[0].date, d(2026, 12, 31));
        assert_eq!(
            find("Q1 2026", 0, true, DateOrder::Unknown)[0].date,
            d(2026, 3, 31)
        );
        assert!(find_("since Dec 2026", 0).is_empty());
        assert_eq!(find_("due end of Q3 2026", 0)[0].date, d(2026, 9, 30));
        assert_eq!(find_("Estimated completion: Q3 2026", 0)[0].date, d(2026, 9, 30));
        assert_eq!(find_("target date: end of July 2026", 0)[0].date, d(2026, 7, 31));
        assert_eq!(find_("by 15.07.2026", 0)[0].date, d(2026, 7, 15));
        assert_eq!(find_("ETA 2026-12", 0)[0].date, d(2026, 12, 31));
        assert_eq!(find_("no later than 2026-12-01", 0)[0].date, d(2026, 12, 1));
        assert!(find_("release 2026-12", 0).is_empty());
    }

    #[test]
    fn weeks_halves_and_years_after_a_due_label() {
        assert_eq!(find_("due 2026-W49", 0)[0].date, d(2026, 12, 6));
        assert_eq!(find_("due: 2026W49-1", 0)[0].date, d(2026, 11, 30));
        assert!(find_("due 2026-W54", 0)[0].date.is_none());
        assert_eq!(find_("target: H1 2026", 0)[0].date, d(2026, 6, 30));
        assert_eq!(find_("by end of 2026", 0)[0].date, d(2026, 12, 31));
        let f = find_("due: end of 2026", 0);
        assert_eq!(f[0].span, 12..16);
        assert!(find_("the 2026-W49 build", 0).is_empty());
        assert!(find_("since the end of 2026", 0).is_empty());
    }

    #[test]
    fn slashed_dates_read_one_way_or_by_the_date_order() {
        assert_eq!(find_("due 12/20/2026", 0)[0].date, d(2026, 12, 20));
        assert_eq!(find_("due 20/12/2026", 0)[0].date, d(2026, 12, 20));
        assert_eq!(find_("due 20/12/26", 0)[0].date, d(2026, 12, 20));
        assert_eq!(find_("due 04/04/2026", 0)[0].date, d(2026, 4, 4));
        assert!(find_("due 03/04/2026", 0).is_empty());
        assert_eq!(ambiguous("due 03/04/2026", DateOrder::Unknown), Some(4..14));
        assert_eq!(ambiguous("due 03/04/2026", DateOrder::Dmy), None);
        assert_eq!(ambiguous("due 13/04/2026", DateOrder::Unknown), None);
        let dmy = find("due 03/04/2026", 0, false, DateOrder::Dmy);
        assert_eq!(dmy[0].date, d(2026, 4, 3));
        let mdy = find("due 03/04/2026", 0, false, DateOrder::Mdy);
        assert_eq!(mdy[0].date, d(2026, 3, 4));
        assert!(find_("due 13/14/2026", 0)[0].date.is_none(), "no month 13 or 14");
        assert!(find_("see 1/2/2026/x", 0).is_empty());
    }

    #[test]
    fn invalid_dates_are_found_but_have_no_date() {
        let f = find_("due 2026-02-30, then 2026-13-01", 0);
        assert_eq!(f.len(), 2);
        assert!(f.iter().all(|m| m.date.is_none()));
    }

    #[test]
    fn not_in_urls_or_longer_numbers() {
        assert!(find_("see https://x.org/2026-01-02/post", 0).is_empty());
        assert!(find_("[PR](../2026-01-02-fix.md)", 0).is_empty());
        assert!(find_("20202-01-16", 0).is_empty());
        assert!(find_("2026-01-02-03", 0).is_empty());
    }
}
