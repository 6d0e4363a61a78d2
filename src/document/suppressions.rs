//! Inline control comments:
//!
//! ```markdown
//! <!-- pmlint-disable RULE... -->  ...  <!-- pmlint-enable RULE... -->
//! <!-- pmlint-disable-next-line RULE... -->
//! <!-- pmlint-disable-file RULE... -->
//! ```
//!
//! No RULE means every rule; a RULE may also be a group (`wording`). Text
//! after ` -- ` is a reason, for the reader.

use std::ops::Range;

/// Rules named by a directive: `None` means all.
type Selection = Option<Vec<String>>;

/// The suppressed regions of one document, and every directive in it.
#[derive(Clone, Debug, Default)]
pub struct Suppressions {
    regions: Vec<(Range<usize>, Selection)>,
    /// Every `<!-- pmlint-... -->` comment, known or not, for
    /// `invalid-suppression`.
    pub directives: Vec<Directive>,
}

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

pub const KINDS: &[&str] = &["disable", "enable", "disable-next-line", "disable-file"];

impl Suppressions {
    /// Reads the directives of the HTML comments at `comments` in `source`.
    pub fn from_comments(source: &str, comments: &[Range<usize>]) -> Suppressions {
        let mut regions = Vec::new();
        // Open `disable` blocks: where each began and what it names.
        let mut open: Vec<(usize, Selection)> = Vec::new();
        let mut directives = Vec::new();
        for c in comments {
            let Some(d) = directive(source, c.clone()) else {
                continue;
            };
            let names: Vec<String> = d.names.iter().map(|(n, _)| n.clone()).collect();
            let selection = if names.is_empty() { None } else { Some(names) };
            let kind = d.kind.clone();
            directives.push(d);
            match kind.as_str() {
                "disable-file" => regions.push((0..source.len(), selection)),
                "disable-next-line" => {
                    let line_start = source[c.end..].find('\n').map_or(source.len(), |i| c.end + i + 1);
                    let line_end = source[line_start..]
                        .find('\n')
                        .map_or(source.len(), |i| line_start + i);
                    regions.push((line_start..line_end, selection));
                }
                "disable" => open.push((c.end, selection)),
                "enable" => {
                    open.retain(|(start, sel)| {
                        let closes = match (&selection, sel) {
                            (None, _) => true,
                            (Some(rules), Some(opened)) => opened.iter().all(|r| rules.contains(r)),
                            (Some(_), None) => false,
                        };
                        if closes {
                            regions.push((*start..c.start, sel.clone()));
                        }
                        !closes
                    });
                }
                _ => {}
            }
        }
        for (start, sel) in open {
            regions.push((start..source.len(), sel));
        }
        Suppressions { regions, directives }
    }

    /// Is a diagnostic of `rule` (in `group`) starting at `at` suppressed?
    pub fn suppresses(&self, rule: &str, group: &str, at: usize) -> bool {
        self.regions.iter().any(|(range, sel)| {
            range.start <= at
                && at <= range.end
                && sel
                    .as_ref()
                    .is_none_or(|rules| rules.iter().any(|r| r == rule || r == group))
        })
    }

    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }
}

/// Parses `<!-- pmlint-KIND RULE... [-- reason] -->` at `comment` in `source`.
fn directive(source: &str, comment: Range<usize>) -> Option<Directive> {
    let text = &source[comment.clone()];
    let inner = text.strip_prefix("<!--")?.strip_suffix("-->")?;
    let lead = inner.len() - inner.trim_start().len();
    let body = inner.trim();
    let rest = body.strip_prefix("pmlint-")?;
    let kind_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let kind = rest[..kind_end].to_owned();
    // Byte offset of the arguments within `source`.
    let args_at = comment.start + 4 + lead + "pmlint-".len() + kind_end;
    let args = rest[kind_end..].split(" -- ").next().unwrap_or("");
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

#[cfg(test)]
mod tests {
    use super::*;

    fn comments(src: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(i) = src[from..].find("<!--") {
            let start = from + i;
            let end = start + src[start..].find("-->").unwrap() + 3;
            out.push(start..end);
            from = end;
        }
        out
    }

    #[test]
    fn next_line_block_and_file() {
        let src = "a\n<!-- pmlint-disable-next-line blame-wording -->\nhuman error\nhuman error\n";
        let s = Suppressions::from_comments(src, &comments(src));
        let first = src.find("human").unwrap();
        let second = src.rfind("human").unwrap();
        assert!(s.suppresses("blame-wording", "wording", first));
        assert!(!s.suppresses("hindsight-wording", "wording", first));
        assert!(!s.suppresses("blame-wording", "wording", second));

        let src = "<!-- pmlint-disable wording -- quoting -->\nx\n<!-- pmlint-enable wording -->\ny";
        let s = Suppressions::from_comments(src, &comments(src));
        assert!(s.suppresses("blame-wording", "wording", src.find('x').unwrap()));
        assert!(!s.suppresses("blame-wording", "wording", src.find('y').unwrap()));

        let src = "x <!-- pmlint-disable-file -->";
        let s = Suppressions::from_comments(src, &comments(src));
        assert!(s.suppresses("missing-section", "sections", 0));
    }
}
