//! Byte offsets ⇄ LSP positions, in the encoding the client and server
//! agreed on: UTF-8 code units (bytes) or UTF-16 code units.
//!
//! Lines end at `\n`, `\r\n` and a lone `\r`, as the LSP specification and
//! the Markdown parser both say. Unlike [`crate::source::SourceFile`], a
//! byte order mark is a character of line 0 here: the client sent it and
//! counts it.

use std::ops::Range;

use lsp_types::Position;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// Where each line of a text starts.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    encoding: Encoding,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str, encoding: Encoding) -> LineIndex<'a> {
        LineIndex {
            text,
            starts: crate::source::line_starts(text),
            encoding,
        }
    }

    /// The position of `byte`; a byte inside a character counts as the
    /// start of the next one, as the renderers do.
    pub fn position(&self, byte: usize) -> Position {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte += 1;
        }
        let line = self.starts.partition_point(|&s| s <= byte) - 1;
        let before = &self.text[self.starts[line]..byte];
        Position {
            line: saturate(line),
            character: saturate(self.units(before)),
        }
    }

    pub fn range(&self, span: &Range<usize>) -> lsp_types::Range {
        lsp_types::Range {
            start: self.position(span.start),
            end: self.position(span.end),
        }
    }

    /// The byte a position names. A line past the end is the end of the
    /// text; a character past a line's end is that line's end (as the
    /// specification asks); one inside a surrogate pair is the character.
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len();
        };
        let line = &self.text[start..self.line_end(position.line as usize)];
        let wanted = position.character as usize;
        let mut units = 0;
        for (i, c) in line.char_indices() {
            if units >= wanted {
                return start + i;
            }
            units += self.char_units(c);
        }
        start + line.len()
    }

    /// The byte where line `line` (0-based) starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.text.len())
    }

    /// The end of a line's text, before its line ending.
    fn line_end(&self, line: usize) -> usize {
        let start = self.line_start(line);
        let next = self.starts.get(line + 1).copied().unwrap_or(self.text.len());
        let text = &self.text[start..next];
        start + text.trim_end_matches(['\n', '\r']).len()
    }

    fn units(&self, s: &str) -> usize {
        match self.encoding {
            Encoding::Utf8 => s.len(),
            Encoding::Utf16 => s.chars().map(char::len_utf16).sum(),
        }
    }

    fn char_units(&self, c: char) -> usize {
        match self.encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    // "é" is 2 bytes and 1 UTF-16 unit, "日" 3 and 1, "😀" 4 and 2.
    const TEXT: &str = "# T\né日😀x\r\nlast\rold";

    #[test]
    fn utf16_counts_surrogate_pairs() {
        let ix = LineIndex::new(TEXT, Encoding::Utf16);
        let x = TEXT.find('x').unwrap();
        assert_eq!(ix.position(x), pos(1, 4));
        assert_eq!(ix.offset(pos(1, 4)), x);
        let emoji = TEXT.find('😀').unwrap();
        assert_eq!(ix.position(emoji), pos(1, 2));
        // The middle of the pair is the emoji's end: no half characters.
        assert_eq!(ix.offset(pos(1, 3)), x);
    }

    #[test]
    fn utf8_counts_bytes() {
        let ix = LineIndex::new(TEXT, Encoding::Utf8);
        let x = TEXT.find('x').unwrap();
        assert_eq!(ix.position(x), pos(1, 9));
        assert_eq!(ix.offset(pos(1, 9)), x);
        // Inside the emoji's bytes: its end.
        assert_eq!(ix.position(TEXT.find('😀').unwrap() + 1), pos(1, 9));
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let ix = LineIndex::new(TEXT, Encoding::Utf16);
        let last = TEXT.find("last").unwrap();
        assert_eq!(ix.position(last), pos(2, 0));
        assert_eq!(ix.position(TEXT.find("old").unwrap()), pos(3, 0));
        // Past a line's end: the end, never its `\r\n`.
        assert_eq!(ix.offset(pos(1, 99)), TEXT.find('\r').unwrap());
        assert_eq!(ix.offset(pos(9, 0)), TEXT.len());
        assert_eq!(ix.position(TEXT.len()), pos(3, 3));
    }

    #[test]
    fn a_byte_order_mark_is_a_character() {
        let ix = LineIndex::new("\u{feff}ab", Encoding::Utf16);
        assert_eq!(ix.position(3), pos(0, 1));
        assert_eq!(ix.offset(pos(0, 1)), 3);
    }

    #[test]
    fn every_offset_survives_the_round_trip() {
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let ix = LineIndex::new(TEXT, encoding);
            // The `\n` of a `\r\n` is not a place in a line.
            let places = TEXT
                .char_indices()
                .filter(|&(i, c)| !(c == '\n' && TEXT[..i].ends_with('\r')));
            for (i, _) in places {
                assert_eq!(ix.offset(ix.position(i)), i, "{encoding:?} at {i}");
            }
        }
    }
}
