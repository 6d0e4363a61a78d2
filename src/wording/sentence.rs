//! Sentences and their tokens, read from masked prose (see
//! [`crate::document`]) with the source beside it: a stretch that the mask
//! blanked is still a token when it was inline code (`` `renata-api` ``) or
//! quoted speech, because a sentence's subject may be one.

use std::borrow::Cow;
use std::ops::Range;

/// How far a sentence reaches on either side of a phrase: a run-on
/// "sentence" longer than this is cut, so that every phrase costs at most a
/// fixed amount of work.
const REACH: usize = 600;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    /// Inline code.
    Code,
    /// Quoted speech.
    Quote,
    Punct(char),
}

#[derive(Clone, Debug)]
pub struct Token<'a> {
    /// Byte range in the source.
    pub span: Range<usize>,
    /// As written.
    pub text: &'a str,
    /// Lower case, with ’ as ' (borrowed when the text is already so).
    pub lower: Cow<'a, str>,
    pub kind: Kind,
}

impl Token<'_> {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub fn is(&self, lower: &str) -> bool {
        self.kind == Kind::Word && self.lower == lower
    }

    pub fn is_punct(&self) -> bool {
        matches!(self.kind, Kind::Punct(_))
    }

    /// Starts with a capital letter.
    pub fn is_capitalized(&self) -> bool {
        self.text
            .trim_start_matches('@')
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }

    /// The word without a possessive ending: "Kim's" → "kim".
    pub fn stem(&self) -> &str {
        let l = self.lower.as_ref();
        l.strip_suffix("'s")
            .or_else(|| l.strip_suffix("s'").map(|_| &l[..l.len() - 1]))
            .unwrap_or(l)
    }

    pub fn is_possessive(&self) -> bool {
        self.kind == Kind::Word && (self.lower.ends_with("'s") || self.lower.ends_with("s'"))
    }
}

/// The sentence around byte `at` of `run` (a prose block of `prose`).
pub fn sentence_at(prose: &str, run: &Range<usize>, at: usize) -> Range<usize> {
    let floor = char_floor(prose, at.saturating_sub(REACH).max(run.start));
    let ceil = char_floor(prose, (at + REACH).min(run.end));
    let bytes = prose.as_bytes();
    let mut start = floor;
    let mut i = at.min(bytes.len());
    while i > floor {
        i -= 1;
        if matches!(bytes[i], b'.' | b'!' | b'?' | 0) && is_sentence_end(prose, i) {
            start = i + 1;
            break;
        }
    }
    let mut end = ceil;
    let mut j = at;
    while j < ceil {
        if matches!(bytes[j], b'.' | b'!' | b'?' | 0) && is_sentence_end(prose, j) {
            end = j + 1;
            break;
        }
        j += 1;
    }
    start..end.max(start)
}

fn char_ceil(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn char_floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Does a sentence end at byte `i` (a `.`, `!` or `?` before whitespace, or
/// a block edge)?
fn is_sentence_end(prose: &str, i: usize) -> bool {
    let b = prose.as_bytes();
    match b[i] {
        0 => true,
        b'!' | b'?' => b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace() || *c == 0),
        b'.' => {
            if !b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace() || *c == 0) {
                return false;
            }
            // "e.g.", "etc.", "J. Smith", "vs.": no end. Read in place: a
            // prose block has a full stop in most sentences.
            let start = prose[..i]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| c.is_alphabetic() || c == '.')
                .last()
                .map_or(i, |(k, _)| k);
            let word = &prose[start..i];
            let mut chars = word.chars();
            let initial = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
            // The abbreviations are ASCII, and no other letter lowers to
            // one of theirs (the Kelvin sign's "k" is in none of them).
            let abbreviation = word.is_ascii()
                && [
                    "etc", "vs", "cf", "approx", "incl", "mr", "mrs", "ms", "dr", "st", "no", "fig", "ca",
                ]
                .iter()
                .any(|a| word.eq_ignore_ascii_case(a));
            !(initial || word.contains('.') || abbreviation)
        }
        _ => false,
    }
}

/// `text` in lower case with ’ as ', borrowed when it already is.
fn lower_case(text: &str) -> Cow<'_, str> {
    if text.chars().any(|c| c.is_uppercase() || c == '’') {
        Cow::Owned(text.to_lowercase().replace('’', "'"))
    } else {
        Cow::Borrowed(text)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Characters that join the letters of one token: "on-call", "node.js",
/// "Kim's", "renata_api", "a/b".
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | '_' | '/' | '+')
}

/// The tokens of `range` of `prose` (masked), reading blanked stretches
/// from `source`.
pub fn tokenize<'a>(prose: &'a str, source: &'a str, range: Range<usize>) -> Vec<Token<'a>> {
    let mut out = Vec::new();
    let text = &prose[range.clone()];
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = range.start + i;
        let blanked = |pos: usize| !source.as_bytes()[pos].is_ascii_whitespace();
        if c == ' ' && blanked(at) {
            // A blanked stretch: where does it end?
            let mut end = at + 1;
            while let Some(&(j, d)) = chars.peek() {
                let pos = range.start + j;
                if d != ' ' || !blanked(pos) {
                    break;
                }
                end = pos + 1;
                chars.next();
            }
            let end = char_ceil(source, end);
            masked(source, at..end, &mut out);
        } else if is_word_char(c) || (c == '@' && chars.peek().is_some_and(|&(_, d)| is_word_char(d))) {
            let mut end = at + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                let pos = range.start + j;
                if is_word_char(d) {
                    end = pos + d.len_utf8();
                    chars.next();
                } else if is_joiner(d) || (d == ':' && prose[..pos].ends_with(|p: char| p.is_ascii_digit())) {
                    // A joiner counts only between letters, or as a
                    // possessive apostrophe after an s ("engineers'").
                    let next = prose[pos + d.len_utf8()..].chars().next();
                    let joins = if d == ':' {
                        next.is_some_and(|n| n.is_ascii_digit())
                    } else {
                        next.is_some_and(is_word_char)
                    };
                    if joins {
                        end = pos + d.len_utf8();
                        chars.next();
                    } else if matches!(d, '\'' | '’') && prose[..pos].ends_with('s') {
                        end = pos + d.len_utf8();
                        chars.next();
                        break;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            // "renovate[bot]" is one name.
            if prose[end..range.end].starts_with("[bot]") {
                end += "[bot]".len();
                chars.nth("[bot]".len() - 1);
            }
            let t = &prose[at..end];
            out.push(Token {
                span: at..end,
                text: t,
                lower: lower_case(t),
                kind: Kind::Word,
            });
        } else if matches!(
            c,
            ',' | ';' | ':' | '(' | ')' | '[' | ']' | '—' | '–' | '!' | '?' | '.' | '"' | '|'
        ) || (c == '-' && text[..i].ends_with(' ') && text[i + 1..].starts_with(' '))
        {
            let p = if c == '-' || c == '–' { '—' } else { c };
            out.push(Token {
                span: at..at + c.len_utf8(),
                text: &prose[at..at + c.len_utf8()],
                lower: Cow::Borrowed(""),
                kind: Kind::Punct(p),
            });
        }
    }
    out
}

/// The token a blanked stretch stands for, if any: inline code or quoted
/// speech (markup, URLs and comments stand for nothing).
fn masked<'a>(source: &'a str, span: Range<usize>, out: &mut Vec<Token<'a>>) {
    let raw = &source[span.clone()];
    if let (Some(first), Some(last)) = (raw.find('`'), raw.rfind('`')) {
        let text = raw[first..=last].trim_matches('`').trim();
        if !text.is_empty() {
            out.push(Token {
                span: span.start + first..span.start + last + 1,
                text,
                lower: lower_case(text),
                kind: Kind::Code,
            });
        }
        return;
    }
    let inner = raw.trim_start_matches(['*', '_', '~', '[']);
    if inner.starts_with(['"', '“', '„', '‘', '«', '\'']) {
        out.push(Token {
            span,
            text: raw,
            lower: Cow::Borrowed(""),
            kind: Kind::Quote,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(prose: &str) -> Vec<String> {
        tokenize(prose, prose, 0..prose.len())
            .into_iter()
            .map(|t| match t.kind {
                Kind::Punct(c) => c.to_string(),
                _ => t.text.to_owned(),
            })
            .collect()
    }

    #[test]
    fn tokens() {
        assert_eq!(
            words("The on-call engineer’s change (node.js) didn't ship, Søren's."),
            [
                "The",
                "on-call",
                "engineer’s",
                "change",
                "(",
                "node.js",
                ")",
                "didn't",
                "ship",
                ",",
                "Søren's",
                "."
            ]
        );
        assert_eq!(
            words("the engineers' fault - again"),
            ["the", "engineers'", "fault", "—", "again"]
        );
    }

    #[test]
    fn code_and_quotes_blanked_in_prose_are_tokens() {
        let source = "Then `renata-api` forgot \"it\" **now**.";
        let prose = "Then              forgot      ,  now  .";
        let prose = &prose.replace(',', " ");
        let t = tokenize(prose, source, 0..prose.len());
        assert_eq!(t[1].kind, Kind::Code);
        assert_eq!(t[1].text, "renata-api");
        assert_eq!(t[3].kind, Kind::Quote);
        assert_eq!(t[4].text, "now");
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_a_sentence() {
        for p in [
            "See ETC. then",
            "Approx. ten",
            "Ask Ö. Yilmaz",
            "a.k.a. this",
            "No. 5",
        ] {
            let r = 0..p.len();
            assert_eq!(&p[sentence_at(p, &r, 0)], p, "{p}");
        }
        for p in [
            "It was café. Then",
            "Stopped at Ödön. Then",
            "We restarted ETCD. Then",
        ] {
            let r = 0..p.len();
            assert!(p[sentence_at(p, &r, 0)].ends_with('.'), "{p}");
        }
    }

    #[test]
    fn sentences() {
        let p = "It broke, e.g. twice. Then J. Smith forgot to renew it! Done";
        let r = 0..p.len();
        assert_eq!(&p[sentence_at(p, &r, 3)], "It broke, e.g. twice.");
        assert_eq!(&p[sentence_at(p, &r, 40)], " Then J. Smith forgot to renew it!");
        assert_eq!(&p[sentence_at(p, &r, p.len() - 1)], " Done");
    }
}
