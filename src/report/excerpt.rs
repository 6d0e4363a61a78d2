//! The part of a file one snippet shows: the span's lines, cut to a window
//! around the span when a line is long, with control characters escaped. It
//! tells codespan-reporting the true line and column numbers, so a snippet
//! costs the same on a 16 MB line as on a short one (rendering the whole line
//! for every diagnostic on it would make output quadratic).

use std::ops::Range;

use codespan_reporting::files::{self, Files};

use super::escape;
use crate::source::SourceFile;

/// Lines up to this many bytes are shown whole.
const WHOLE_LINE: usize = 300;
/// Characters of context shown on each side of a span on a longer line.
const CONTEXT: usize = 100;
/// The most of a span that is underlined; the rest is cut.
const MAX_SPAN: usize = 400;
const ELLIPSIS: &str = "…";

pub struct Excerpt<'a> {
    name: &'a str,
    text: String,
    /// Offsets in `text` where lines start.
    line_starts: Vec<usize>,
    /// The file's 0-based index of the first line shown.
    first_line: usize,
    /// Characters of the first line before the window (0-based).
    first_column: usize,
    /// Bytes of the leading ellipsis, when the first line is cut.
    lead: usize,
}

impl<'a> Excerpt<'a> {
    /// The excerpt of `file` for `span`, and the span within it.
    pub fn new(name: &'a str, file: &SourceFile<'_>, span: Range<usize>) -> (Excerpt<'a>, Range<usize>) {
        let t = file.text;
        let start = floor(t, span.start.min(t.len()));
        let end = floor(t, span.end.clamp(start, t.len()).min(start + MAX_SPAN));
        let first = file.line_range(file.line_index(start));
        let last = file.line_range(file.line_index(end));
        if last.end - first.start <= WHOLE_LINE {
            return Excerpt::window(name, file, first.start..last.end.max(end), start..end);
        }
        let from = t[first.start..start.max(first.start)]
            .char_indices()
            .rev()
            .take(CONTEXT)
            .last()
            .map_or(start, |(i, _)| first.start + i)
            .min(start);
        let to = t[end.min(last.end)..last.end]
            .char_indices()
            .nth(CONTEXT)
            .map_or(last.end, |(i, _)| end + i)
            .max(end);
        Excerpt::window(name, file, from..to, start..end)
    }

    /// The excerpt showing `window` of the file, with `span` (inside it).
    fn window(
        name: &'a str,
        file: &SourceFile<'_>,
        window: Range<usize>,
        span: Range<usize>,
    ) -> (Excerpt<'a>, Range<usize>) {
        let t = file.text;
        let (from, to, start, end) = (window.start, window.end, span.start, span.end);
        let first = file.line_range(file.line_index(from));
        let last = file.line_range(file.line_index(end));
        let (shown, shifts) = escape::snippet(&t[from..to]);
        let lead = if from > first.start { ELLIPSIS.len() } else { 0 };
        let mut text = String::with_capacity(lead + shown.len() + ELLIPSIS.len());
        if lead > 0 {
            text.push_str(ELLIPSIS);
        }
        text.push_str(&shown);
        if to < last.end {
            text.push_str(ELLIPSIS);
        }
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        let label = lead + escape::moved(&shifts, start - from)..lead + escape::moved(&shifts, end - from);
        let excerpt = Excerpt {
            name,
            text,
            line_starts,
            first_line: file.line_index(from),
            first_column: file.position(from).column - 1,
            lead,
        };
        (excerpt, label)
    }
}

fn floor(t: &str, mut i: usize) -> usize {
    while !t.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl<'a> Files<'a> for Excerpt<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, files::Error> {
        Ok(self
            .line_starts
            .partition_point(|&s| s <= byte_index)
            .saturating_sub(1))
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, files::Error> {
        Ok(self.first_line + line_index + 1)
    }

    fn column_number(&'a self, (): (), line_index: usize, byte_index: usize) -> Result<usize, files::Error> {
        let range = self.line_range((), line_index)?;
        let (from, base) = if line_index == 0 {
            (self.lead, self.first_column)
        } else {
            (range.start, 0)
        };
        let byte_index = byte_index.clamp(from, range.end);
        Ok(base + self.text[from..byte_index].chars().count() + 1)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, files::Error> {
        let start = *self
            .line_starts
            .get(line_index)
            .ok_or(files::Error::LineTooLarge {
                given: line_index,
                max: self.line_starts.len() - 1,
            })?;
        let end = self
            .line_starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(self.text.len());
        Ok(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, span: Range<usize>) -> (String, String, (usize, usize)) {
        let file = SourceFile::new("x.md", text);
        let (e, label) = Excerpt::new("x.md", &file, span);
        let at = e.location((), label.start).unwrap();
        (
            e.text.clone(),
            e.text[label].to_owned(),
            (at.line_number, at.column_number),
        )
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        let (text, label, at) = shown("# T\n\nIt was human error.\n", 12..23);
        assert_eq!(text, "It was human error.");
        assert_eq!((label.as_str(), at), ("human error", (3, 8)));
    }

    #[test]
    fn a_long_line_is_cut_around_the_span_with_true_positions() {
        let line = format!("{}human error{}", "é".repeat(5000), "x".repeat(5000));
        let text = format!("# T\n\n{line}\n");
        let start = text.find("human").unwrap();
        let (shown, label, at) = shown(&text, start..start + 11);
        assert_eq!(label, "human error");
        assert_eq!(at, (3, 5001));
        assert_eq!(
            shown,
            format!("…{}human error{}…", "é".repeat(CONTEXT), "x".repeat(CONTEXT))
        );
    }

    #[test]
    fn control_characters_are_symbols_and_spans_follow() {
        let text = "a \u{1b}[2J\u{1b}]0;t\u{7} human error\n";
        let start = text.find("human").unwrap();
        let (shown, label, at) = shown(text, start..start + 11);
        assert_eq!(shown, "a ␛[2J␛]0;t␇ human error");
        assert_eq!((label.as_str(), at), ("human error", (1, 14)));
    }

    #[test]
    fn a_line_of_a_few_hundred_bytes_is_shown_whole() {
        let line = format!("{}human error{}", "a ".repeat(100), " b".repeat(40));
        let text = format!("# T\n\n{line}\n");
        let start = text.find("human").unwrap();
        let (shown, label, at) = shown(&text, start..start + 11);
        assert_eq!((shown, label.as_str(), at), (line, "human error", (3, 201)));
    }

    #[test]
    fn a_long_span_is_cut() {
        let text = format!("{}\n", "word ".repeat(1000));
        let (_, label, _) = shown(&text, 0..text.len() - 1);
        assert_eq!(label.len(), MAX_SPAN);
    }
}
