//! Inline control comments, as written:
//!
//! ```markdown
//! <!-- pmlint-disable RULE... -->  ...  <!-- pmlint-enable RULE... -->
//! <!-- pmlint-disable-next-line RULE... -->
//! <!-- pmlint-disable-file RULE... -->
//! ```
//!
//! No RULE means every rule; a RULE may also be a group (`wording`). Text
//! after ` -- ` is a reason, for the reader. The document knows no rule
//! names: [`crate::suppression`] resolves them.

use std::ops::Range;

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
}

/// The directives pmlint acts on.
pub const KINDS: &[&str] = &["disable", "enable", "disable-next-line", "disable-file"];

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
        });
    }
    let rest = body.strip_prefix("pmlint-")?;
    let kind_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let kind = rest[..kind_end].to_owned();
    // Byte offset of the arguments within `source`.
    let args_at = comment.start + 4 + lead + "pmlint-".len() + kind_end;
    // A reason follows `--`.
    let args = &rest[kind_end..];
    let args = args.find(" --").map_or(args, |i| &args[..i]);
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
    })
}
