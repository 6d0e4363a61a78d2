//! Inline control comments, as written:
//!
//! ```markdown
//! <!-- pmlint-disable RULE... -->  ...  <!-- pmlint-enable RULE... -->
//! <!-- pmlint-disable-next-line RULE... -->
//! <!-- pmlint-disable-line RULE... -->
//! <!-- pmlint-disable-file RULE... -->
//! <!-- pmlint-disable-next-line RULE -- the reason; until 2027-03-01 -->
//! ```
//!
//! No RULE means every rule; a RULE may also be a group (`wording`). Text
//! after ` -- ` is the reason, and an `until YYYY-MM-DD` part of it the last
//! day the directive holds. The document knows no rule names:
//! [`crate::suppression`] resolves them.

use std::ops::Range;

use jiff::civil::Date;

/// A `<!-- pmlint-KIND NAME... -->` comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// The comment.
    pub span: Range<usize>,
    /// `disable`, `enable`, `disable-next-line`, `disable-file`, or anything
    /// else that was written.
    pub kind: String,
    /// The rules or groups it names, each with where it is written.
    pub names: Vec<(String, Range<usize>)>,
    /// The text after ` -- `, without its `until` part, when there is any.
    pub reason: Option<String>,
    /// `until DATE` after ` -- `.
    pub until: Option<Until>,
}

/// The `until YYYY-MM-DD` of a directive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Until {
    /// Where `until ...` is written.
    pub span: Range<usize>,
    /// `None` when what follows `until` is not a date written YYYY-MM-DD.
    pub date: Option<Date>,
}

impl Directive {
    /// Does it turn rules off (rather than on, or nothing)?
    pub fn disables(&self) -> bool {
        self.kind.starts_with("disable") && KINDS.contains(&self.kind.as_str())
    }

    /// Has its `until` date passed by `today`? (It holds through that day.)
    pub fn expired(&self, today: Date) -> bool {
        self.until
            .as_ref()
            .and_then(|u| u.date)
            .is_some_and(|last| last < today)
    }
}

/// The directives pmlint acts on.
pub const KINDS: &[&str] = &[
    "disable",
    "enable",
    "disable-next-line",
    "disable-line",
    "disable-file",
];

/// Every `<!-- pmlint-... -->` comment among the HTML comments at
/// `comments` in `source`, known or not, in document order.
pub fn parse(source: &str, comments: &[Range<usize>]) -> Vec<Directive> {
    comments
        .iter()
        .filter_map(|c| directive(source, c.clone()))
        .collect()
}

/// Parses `<!-- pmlint-KIND RULE... [-- reason] -->` at `comment` in `source`.
fn directive(source: &str, comment: Range<usize>) -> Option<Directive> {
    let text = &source[comment.clone()];
    let inner = text.strip_prefix("<!--")?.strip_suffix("-->")?;
    let lead = inner.len() - inner.trim_start().len();
    let body = inner.trim();
    // `pmlint disable ...`, `PMLINT-DISABLE ...`: meant for pmlint, but not
    // its syntax; kept, so that `invalid-suppression` can say so.
    if !body.starts_with("pmlint-") {
        let first = body.split_whitespace().next().unwrap_or("");
        if !first.to_lowercase().starts_with("pmlint") {
            return None;
        }
        return Some(Directive {
            span: comment,
            kind: format!("\u{0}{first}"),
            names: Vec::new(),
            reason: None,
            until: None,
        });
    }
    let rest = body.strip_prefix("pmlint-")?;
    let kind_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let kind = rest[..kind_end].to_owned();
    // Byte offset of the arguments within `source`.
    let args_at = comment.start + 4 + lead + "pmlint-".len() + kind_end;
    // A reason follows `--`.
    let all = &rest[kind_end..];
    // `--` between spaces (or at the end), as a line break may put it:
    // `blame-wording --until` is no reason.
    let dashes = all.match_indices("--").map(|(i, _)| i).find(|&i| {
        all[..i].ends_with(char::is_whitespace) && all[i + 2..].chars().next().is_none_or(char::is_whitespace)
    });
    let (args, after) = match dashes {
        Some(i) => (&all[..i], Some((&all[i + 2..], args_at + i + 2))),
        None => (all, None),
    };
    let (reason, until) = after.map_or((None, None), |(text, at)| reason_and_until(text, at));
    let mut names = Vec::new();
    let mut pos = 0;
    for piece in args.split(|c: char| c.is_whitespace() || c == ',') {
        let at = args[pos..].find(piece).map_or(pos, |i| pos + i);
        if !piece.is_empty() {
            names.push((piece.to_owned(), args_at + at..args_at + at + piece.len()));
        }
        pos = at + piece.len();
    }
    Some(Directive {
        span: comment,
        kind,
        names,
        reason,
        until,
    })
}

/// Splits what follows ` -- ` (at byte `at` of the source) into the reason
/// and an `until DATE` part: `quoting the customer; until 2027-03-01`.
fn reason_and_until(text: &str, at: usize) -> (Option<String>, Option<Until>) {
    let mut reason = Vec::new();
    let mut until = None;
    let mut pos = 0;
    for part in text.split(';') {
        let start = pos;
        pos += part.len() + 1;
        let trimmed = part.trim();
        let Some(date) = trimmed
            .strip_prefix("until")
            .filter(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
        else {
            if !trimmed.is_empty() {
                reason.push(trimmed);
            }
            continue;
        };
        let lead = part.len() - part.trim_start().len();
        let span = at + start + lead..at + start + lead + trimmed.len();
        let date = date.trim();
        let shaped = date.len() == 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-';
        until = Some(Until {
            span,
            date: shaped.then(|| date.parse().ok()).flatten(),
        });
    }
    let reason = (!reason.is_empty()).then(|| reason.join("; "));
    (reason, until)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(src: &str) -> Directive {
        directive(src, 0..src.len()).unwrap()
    }

    #[test]
    fn reason_and_until_are_read() {
        let src = "<!-- pmlint-disable-next-line blame-wording -- quoting the customer's words; until 2027-03-01 -->";
        let d = one(src);
        assert_eq!(d.names.len(), 1);
        assert_eq!(d.reason.as_deref(), Some("quoting the customer's words"));
        let until = d.until.unwrap();
        assert_eq!(&src[until.span.clone()], "until 2027-03-01");
        assert_eq!(until.date, Some(jiff::civil::date(2027, 3, 1)));

        let d = one("<!-- pmlint-disable-line -- until 2027-3-1 -->");
        assert_eq!((d.reason, d.until.unwrap().date), (None, None));
        let d = one("<!-- pmlint-disable wording -- until they fix it -->");
        assert_eq!(d.until.unwrap().date, None);
        let d = one("<!-- pmlint-disable wording -- untilted; a reason -->");
        assert_eq!(d.reason.as_deref(), Some("untilted; a reason"));
        assert_eq!(d.until, None);
        let d = one("<!-- pmlint-disable wording --  -->");
        assert_eq!((d.reason, d.until), (None, None));
        // `--` must stand apart: `--until` is a (misspelt) name, not a reason.
        let d = one("<!-- pmlint-disable wording --until 2027-03-01 -->");
        assert_eq!((d.reason, d.until), (None, None));
        assert!(d.names.iter().any(|(n, _)| n == "--until"));
        // A reason on the next line.
        let d = one("<!-- pmlint-disable wording\n-- quoting a customer -->");
        assert_eq!(
            (d.names.len(), d.reason.as_deref()),
            (1, Some("quoting a customer"))
        );
    }

    #[test]
    fn it_expires_after_its_last_day() {
        let d = one("<!-- pmlint-disable -- ok; until 2027-03-01 -->");
        assert!(!d.expired(jiff::civil::date(2027, 3, 1)));
        assert!(d.expired(jiff::civil::date(2027, 3, 2)));
    }
}
