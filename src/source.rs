//! Source files as the renderers see them: a display path, the text, and a
//! line index that turns byte offsets into 1-based lines and character
//! columns.
//!
//! A UTF-8 byte order mark is not part of line 1 (editors hide it), so line 1
//! starts after it. CRLF needs no special case: `\r` sits at the end of the
//! line, after every column that matters.

use std::ops::Range;

/// A file whose diagnostics are being rendered.
#[derive(Debug)]
pub struct SourceFile<'a> {
    /// The path as the user would type it, relative to the current folder.
    pub path: &'a str,
    pub text: &'a str,
    line_starts: Vec<usize>,
    /// The last column computed (byte, column): diagnostics come in order,
    /// so the next one on the same long line counts on from there.
    last: std::cell::Cell<(usize, usize)>,
}

/// A 1-based line and column (in Unicode scalar values).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Where each line of `text` starts, the first at 0. Lines end at `\n`,
/// and at a `\r` that is not part of `\r\n` (old Mac files), as they do for
/// the Markdown parser.
pub fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    starts.extend(
        memchr::memchr2_iter(b'\n', b'\r', bytes)
            .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
            .map(|i| i + 1),
    );
    starts
}

impl<'a> SourceFile<'a> {
    pub fn new(path: &'a str, text: &'a str) -> SourceFile<'a> {
        let mut line_starts = line_starts(text);
        // A byte order mark is not part of the first line's text.
        if text.starts_with('\u{feff}') {
            line_starts[0] = 3;
        }
        SourceFile {
            path,
            text,
            line_starts,
            last: std::cell::Cell::new((usize::MAX, 0)),
        }
    }

    /// 0-based index of the line holding `byte`.
    pub fn line_index(&self, byte: usize) -> usize {
        match self.line_starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte range of a line, without its line ending.
    pub fn line_range(&self, line_index: usize) -> Range<usize> {
        let start = self
            .line_starts
            .get(line_index)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts
            .get(line_index + 1)
            .map_or(self.text.len(), |next| next - 1);
        let end = end.max(start);
        let line = &self.text[start..end];
        start..start + line.trim_end_matches('\r').len()
    }

    /// The text of the line holding `byte`, without its line ending.
    pub fn line_text(&self, byte: usize) -> &'a str {
        &self.text[self.line_range(self.line_index(byte))]
    }

    pub fn position(&self, byte: usize) -> Position {
        let byte = byte.min(self.text.len());
        let line = self.line_index(byte);
        let start = self.line_starts[line];
        let column = if byte <= start {
            0
        } else {
            // Count characters; a byte inside a character counts as that character.
            let mut end = byte;
            while !self.text.is_char_boundary(end) {
                end += 1;
            }
            let (last_byte, last_column) = self.last.get();
            let (from, base) = if last_byte >= start && last_byte <= end {
                (last_byte, last_column)
            } else {
                (start, 0)
            };
            let column = base + self.text[from..end].chars().count();
            self.last.set((end, column));
            column
        };
        Position {
            line: line + 1,
            column: column + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let f = SourceFile::new("x.md", "a\n日本 word\n");
        assert_eq!(f.position(0), Position { line: 1, column: 1 });
        assert_eq!(f.position(2), Position { line: 2, column: 1 });
        // "日本 " is 7 bytes, 3 characters.
        assert_eq!(f.position(9), Position { line: 2, column: 4 });
    }

    #[test]
    fn bom_is_not_a_column() {
        let f = SourceFile::new("x.md", "\u{feff}# T\n");
        assert_eq!(f.position(3), Position { line: 1, column: 1 });
        assert_eq!(f.position(5), Position { line: 1, column: 3 });
    }

    #[test]
    fn bare_cr_lines() {
        let f = SourceFile::new("x.md", "a\rbc\rd");
        assert_eq!(f.position(3), Position { line: 2, column: 2 });
        assert_eq!(f.position(5), Position { line: 3, column: 1 });
        assert_eq!(f.line_text(3), "bc");
    }

    #[test]
    fn crlf_lines() {
        let f = SourceFile::new("x.md", "a\r\nbc\r\n");
        assert_eq!(f.position(4), Position { line: 2, column: 2 });
        assert_eq!(f.line_text(3), "bc");
    }
}
