//! What the human-facing formats print: control characters from file names
//! and file content are shown as symbols, never sent to the terminal, where
//! ESC, BEL or CR would drive it (colours, titles, clearing, overwriting a
//! line). Each character is replaced by one character, so columns stay true.
//! JSON needs none of this: serde_json escapes them itself.

use std::borrow::Cow;

/// A character a terminal acts on instead of showing: the C0 and C1 control
/// codes, DEL, and the bidirectional overrides that reorder what is shown
/// (as in "Trojan Source").
fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// How a control character is shown: C0 codes and DEL as their Unicode
/// control pictures (ESC as ␛), the rest, and U+001A (which stands for a
/// byte that is not UTF-8, see `input::decode_keeping_offsets`), as U+FFFD.
fn symbol(c: char) -> char {
    match c {
        '\u{1a}' => '\u{fffd}',
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// How `c` is shown, when it is a control character.
pub fn shown_as(c: char) -> Option<char> {
    is_control(c).then(|| symbol(c))
}

/// Text for one line of output (a path, a message): every control
/// character, newline and tab included, shown as a symbol.
pub fn line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if is_control(c) { symbol(c) } else { c })
            .collect(),
    )
}

/// Text of several lines (an error message): line feeds kept, every other
/// control character shown as a symbol.
pub fn lines(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_control(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if c != '\n' && is_control(c) { symbol(c) } else { c })
            .collect(),
    )
}

/// Source text for a snippet: line feeds, tabs and the CR of CRLF kept, a
/// bare CR turned into a line feed (it ends a line either way), every other
/// control character shown as a symbol. With it, for moving spans, the
/// places where the text grew: (offset in `s`, bytes added up to there).
pub fn snippet(s: &str) -> (Cow<'_, str>, Vec<(usize, usize)>) {
    let kept = |c: char, next: Option<char>| c == '\n' || c == '\t' || (c == '\r' && next == Some('\n'));
    let mut chars = s.char_indices().peekable();
    let mut out: Option<String> = None;
    let mut shifts = Vec::new();
    let mut added = 0;
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let shown = if !is_control(c) || kept(c, next) {
            c
        } else if c == '\r' {
            '\n'
        } else {
            symbol(c)
        };
        if shown != c {
            let out = out.get_or_insert_with(|| s[..i].to_owned());
            out.push(shown);
            added += shown.len_utf8() - c.len_utf8();
            shifts.push((i + c.len_utf8(), added));
        } else if let Some(out) = &mut out {
            out.push(c);
        }
    }
    (out.map_or(Cow::Borrowed(s), Cow::Owned), shifts)
}

/// Where `offset` (into the text given to [`snippet`], on a character
/// boundary) is in the text it returned.
pub fn moved(shifts: &[(usize, usize)], offset: usize) -> usize {
    let i = shifts.partition_point(|&(at, _)| at <= offset);
    offset + i.checked_sub(1).map_or(0, |i| shifts[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_show_controls_as_symbols() {
        assert_eq!(line("pm-\u{1b}[31mred\n.md"), "pm-␛[31mred␊.md");
        assert_eq!(line("plain"), "plain");
        assert_eq!(line("bell\u{7}\u{7f}\u{9b}\u{202e}"), "bell␇␡\u{fffd}\u{fffd}");
        assert_eq!(lines("a\nb\u{1b}"), "a\nb␛");
    }

    #[test]
    fn snippets_keep_line_structure_and_move_spans() {
        let s = "a\u{1b}]0;title\u{7}b\r\nc\rd\u{85}e";
        let (shown, shifts) = snippet(s);
        assert_eq!(shown, "a␛]0;title␇b\r\nc\nd\u{fffd}e");
        // Every character is still one character.
        assert_eq!(shown.chars().count(), s.chars().count());
        for (i, _) in s.char_indices() {
            let j = moved(&shifts, i);
            assert_eq!(
                s[..i].chars().count(),
                shown[..j].chars().count(),
                "offset {i} moved to {j}"
            );
        }
        assert_eq!(moved(&shifts, s.len()), shown.len());
    }
}
