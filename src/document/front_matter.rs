//! Front matter: a YAML block between `---` lines or a TOML block between
//! `+++` lines at the very start of the file. Detected here rather than by
//! pulldown-cmark, whose metadata option would also read a later `---`
//! thematic break as a delimiter.

use std::collections::HashMap;
use std::ops::Range;

/// The front matter of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatter {
    /// Everything from the opening to the closing delimiter line, inclusive.
    pub span: Range<usize>,
    /// The content between the delimiters.
    pub content: Range<usize>,
    pub kind: FrontMatterKind,
    /// A syntax error: where and what.
    pub error: Option<(Range<usize>, String)>,
    /// Its top-level keys, which may stand for sections (`summary: ...`).
    pub keys: Vec<Key>,
}

/// A top-level front matter key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    pub name: String,
    /// The key as written.
    pub span: Range<usize>,
    /// Does it have a value (not empty, not null)?
    pub filled: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrontMatterKind {
    Yaml,
    Toml,
}

/// Finds and checks the front matter of `source`, if it has any. A block
/// that is never closed is not front matter (the `---` is a thematic break).
pub fn parse(source: &str) -> Option<FrontMatter> {
    let start = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let text = &source[start..];
    let (delimiter, kind) = if line_is(text, "---") {
        ("---", FrontMatterKind::Yaml)
    } else if line_is(text, "+++") {
        ("+++", FrontMatterKind::Toml)
    } else {
        return None;
    };
    let content_start = start + text.find('\n')? + 1;
    // Find the closing delimiter line.
    let mut pos = content_start;
    let (content_end, end) = loop {
        let rest = &source[pos..];
        if rest.is_empty() {
            return None;
        }
        let line_len = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let line = rest[..line_len].trim_end_matches(['\n', '\r']).trim_end();
        if line == delimiter || (kind == FrontMatterKind::Yaml && line == "...") {
            break (pos, pos + line_len);
        }
        pos += line_len;
    };
    let content = content_start..content_end;
    let (error, filled) = match kind {
        FrontMatterKind::Yaml => check_yaml(source, content.clone()),
        FrontMatterKind::Toml => check_toml(source, content.clone()),
    };
    let spans = if filled.is_empty() {
        HashMap::new()
    } else {
        key_spans(source, &content, kind)
    };
    let keys = filled
        .into_iter()
        .filter_map(|(name, filled)| {
            let span = spans.get(name.as_str())?.clone();
            Some(Key { name, span, filled })
        })
        .collect();
    Some(FrontMatter {
        span: start..end,
        content,
        kind,
        error,
        keys,
    })
}

fn line_is(text: &str, delimiter: &str) -> bool {
    text.strip_prefix(delimiter)
        .is_some_and(|rest| rest.starts_with('\n') || rest.starts_with("\r\n"))
}

/// A syntax error, and the top-level keys with whether each has a value.
type Checked = (Option<(Range<usize>, String)>, Vec<(String, bool)>);

/// Aliases may stand for at most this many values in all (beyond the
/// document's own): a few kilobytes of nested aliases can otherwise stand for
/// billions, and every tool that expands them runs out of memory.
pub const MAX_ALIAS_VALUES: usize = 10_000;
/// How deep front matter may nest sequences and mappings.
pub const MAX_DEPTH: usize = 128;

/// Reads YAML as a stream of events (yaml-rust2's pull parser): nothing is
/// built but the top-level keys, aliases are counted instead of expanded,
/// and no recursion follows the nesting, so memory and time stay linear in
/// the size of the front matter.
fn check_yaml(source: &str, content: Range<usize>) -> Checked {
    let text = &source[content.clone()];
    match scan_yaml(text) {
        Ok(Top::Nothing) => (None, Vec::new()),
        Ok(Top::Mapping(keys)) => (None, keys),
        Ok(Top::Other) => (
            Some((
                content.start..line_end(source, content.start),
                "front matter must be a mapping of `key: value` pairs".to_owned(),
            )),
            Vec::new(),
        ),
        Err((char_index, message)) => {
            // yaml-rust2 counts characters, not bytes.
            let byte = text.char_indices().nth(char_index).map_or(text.len(), |(i, _)| i);
            let at = content.start + byte;
            let message = format!("invalid YAML front matter: {message}");
            (Some((at..line_end(source, at), message)), Vec::new())
        }
    }
}

/// What the first YAML document is.
enum Top {
    /// Empty, comments only, or null.
    Nothing,
    /// A mapping: its scalar keys, each with whether it has a value.
    Mapping(Vec<(String, bool)>),
    Other,
}

/// An open sequence or mapping while reading events.
struct Open {
    mapping: bool,
    /// Values (for a mapping: keys and values) seen so far.
    children: usize,
    anchor: usize,
    /// The values counted when it opened, to size it for its anchor.
    counted_at_start: usize,
}

/// Reads the first document of `text` as events. Errors carry a character
/// index into `text`.
fn scan_yaml(text: &str) -> Result<Top, (usize, String)> {
    use yaml_rust2::parser::{Event, Parser};
    use yaml_rust2::scanner::TScalarStyle;

    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Open> = Vec::new();
    // Anchor id -> (values it stands for, does it have a value).
    let mut anchors: HashMap<usize, (usize, bool)> = HashMap::new();
    // Values in the document, and those with aliases expanded.
    let (mut nodes, mut counted) = (0usize, 0usize);
    let mut top: Option<Top> = None;
    let mut key: Option<String> = None;
    let mut documents = 0;
    loop {
        let (event, mark) = parser
            .next_token()
            .map_err(|e| (e.marker().index(), e.info().to_owned()))?;
        // A value just ended, of this size and fullness.
        let value: Option<(usize, bool, usize)> = match event {
            Event::StreamEnd => break,
            Event::DocumentStart => {
                documents += 1;
                None
            }
            Event::Nothing | Event::StreamStart | Event::DocumentEnd => None,
            Event::Scalar(v, style, anchor, _) => {
                nodes += 1;
                counted += 1;
                let null =
                    style == TScalarStyle::Plain && matches!(v.as_str(), "~" | "null" | "Null" | "NULL");
                let filled = !null && !v.trim().is_empty();
                if documents == 1 && stack.len() == 1 && stack[0].mapping && stack[0].children % 2 == 0 {
                    key = Some(v);
                }
                if documents == 1 && stack.is_empty() {
                    top = Some(if filled { Top::Other } else { Top::Nothing });
                }
                Some((1, filled, anchor))
            }
            Event::Alias(id) => {
                let (size, filled) = anchors.get(&id).copied().unwrap_or((1, true));
                counted = counted.saturating_add(size);
                if counted - nodes > MAX_ALIAS_VALUES.max(nodes) {
                    return Err((
                        mark.index(),
                        format!(
                            "its aliases (`*name`) stand for more than {} values; \
                             tools that expand them run out of memory",
                            MAX_ALIAS_VALUES.max(nodes)
                        ),
                    ));
                }
                if documents == 1 && stack.is_empty() {
                    top = Some(Top::Other);
                }
                Some((size, filled, 0))
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                let mapping = matches!(event, Event::MappingStart(..));
                nodes += 1;
                counted += 1;
                if stack.len() >= MAX_DEPTH {
                    return Err((
                        mark.index(),
                        format!("it nests more than {MAX_DEPTH} levels deep"),
                    ));
                }
                if documents == 1 && stack.is_empty() {
                    top = Some(if mapping {
                        Top::Mapping(Vec::new())
                    } else {
                        Top::Other
                    });
                }
                stack.push(Open {
                    mapping,
                    children: 0,
                    anchor,
                    counted_at_start: counted,
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => stack.pop().map(|open| {
                let size = counted - open.counted_at_start + 1;
                (size, open.children > 0, open.anchor)
            }),
        };
        let Some((size, filled, anchor)) = value else {
            continue;
        };
        if anchor != 0 {
            anchors.insert(anchor, (size, filled));
        }
        let depth = stack.len();
        if let Some(parent) = stack.last_mut() {
            parent.children += 1;
            // The value of a top-level key.
            if documents == 1 && depth == 1 && parent.mapping && parent.children % 2 == 0 {
                if let (Some(Top::Mapping(keys)), Some(k)) = (&mut top, key.take()) {
                    keys.push((k, filled));
                }
            }
        }
    }
    Ok(top.unwrap_or(Top::Nothing))
}

fn check_toml(source: &str, content: Range<usize>) -> Checked {
    let text = &source[content.clone()];
    match text.parse::<toml::Table>() {
        Ok(table) => {
            let keys = table
                .iter()
                .map(|(k, v)| {
                    let filled = match v {
                        toml::Value::String(s) => !s.trim().is_empty(),
                        toml::Value::Array(a) => !a.is_empty(),
                        toml::Value::Table(t) => !t.is_empty(),
                        _ => true,
                    };
                    (k.clone(), filled)
                })
                .collect();
            (None, keys)
        }
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let start = content.start + char_boundary(text, span.start);
            let end = (content.start + char_boundary(text, span.end)).max(start);
            let message = format!("invalid TOML front matter: {}", e.message().trim_end());
            (Some((start..end, message)), Vec::new())
        }
    }
}

/// Where each top-level key is written: at the start of a line, before `:`
/// or `=`. One pass over the lines, however many keys there are.
fn key_spans<'a>(
    source: &'a str,
    content: &Range<usize>,
    kind: FrontMatterKind,
) -> HashMap<&'a str, Range<usize>> {
    let sep = if kind == FrontMatterKind::Yaml { ':' } else { '=' };
    let mut spans = HashMap::new();
    let mut pos = content.start;
    for line in source[content.clone()].split_inclusive('\n') {
        let bare = line.strip_prefix(['"', '\'']).unwrap_or(line);
        let offset = line.len() - bare.len();
        if let Some(i) = bare.find(sep) {
            let name = bare[..i].trim_end_matches(['"', '\'', ' ', '\t']);
            let start = pos + offset;
            spans.entry(name).or_insert(start..start + name.len());
        }
        pos += line.len();
    }
    spans
}

fn char_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn line_end(source: &str, at: usize) -> usize {
    source[at..].find(['\n', '\r']).map_or(source.len(), |i| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_ok_and_broken() {
        let fm = parse("---\ntitle: x\n---\n# T\n").unwrap();
        assert_eq!(fm.kind, FrontMatterKind::Yaml);
        assert_eq!(fm.span, 0..17);
        assert!(fm.error.is_none());

        let src = "---\ntitle: [unclosed\ndate: x\n---\nbody\n";
        let fm = parse(src).unwrap();
        let (span, msg) = fm.error.unwrap();
        assert!(msg.starts_with("invalid YAML front matter"), "{msg}");
        assert!(span.start >= 4 && span.start <= 30, "{span:?}");
    }

    #[test]
    fn keys_and_whether_they_have_values() {
        let src = "---\nsummary: It broke.\nimpact: \"\"\ntags: [a]\n---\n";
        let keys = parse(src).unwrap().keys;
        let got: Vec<(&str, &str, bool)> = keys
            .iter()
            .map(|k| (k.name.as_str(), &src[k.span.clone()], k.filled))
            .collect();
        assert_eq!(
            got,
            [
                ("summary", "summary", true),
                ("impact", "impact", false),
                ("tags", "tags", true)
            ]
        );
        let src = "+++\nsummary = \"x\"\n+++\n";
        assert_eq!(parse(src).unwrap().keys[0].span, 4..11);
    }

    #[test]
    fn toml_errors_have_spans() {
        let src = "+++\ntitle = \n+++\n";
        let fm = parse(src).unwrap();
        let (span, _) = fm.error.unwrap();
        assert!(span.start >= 4);
    }

    #[test]
    fn unclosed_is_not_front_matter() {
        assert!(parse("---\njust a rule\n").is_none());
        assert!(parse("--- \n").is_none());
    }

    /// Nine levels of nine aliases each: 9^9 values if expanded.
    pub(crate) fn alias_bomb() -> String {
        let mut lines = vec!["---".to_owned(), "a: &a [x, x, x, x, x, x, x, x, x]".to_owned()];
        let names: Vec<char> = "abcdefghi".chars().collect();
        for w in names.windows(2) {
            let refs = vec![format!("*{}", w[0]); 9].join(", ");
            lines.push(format!("{}: &{} [{refs}]", w[1], w[1]));
        }
        lines.push("---".to_owned());
        lines.join("\n") + "\n# T\n"
    }

    #[test]
    fn alias_bombs_are_refused_without_expanding_them() {
        let src = alias_bomb();
        let fm = parse(&src).unwrap();
        let (span, msg) = fm.error.unwrap();
        assert!(msg.contains("aliases") && msg.contains("10000"), "{msg}");
        // At the first alias past the limit, on the line of `e` (9^5 values).
        let line_e = src.find("e: &e [").unwrap();
        assert_eq!(span.start, line_e + "e: &e [".len(), "{span:?}");
        assert!(src[span].starts_with("*d, *d"));
    }

    #[test]
    fn a_few_aliases_are_fine_and_count_as_their_anchor() {
        let src = "---\nbase: &b {owner: kim}\nsummary: *b\nimpact: &n ~\nresolution: *n\n---\n";
        let fm = parse(src).unwrap();
        assert_eq!(fm.error, None);
        let filled: Vec<(&str, bool)> = fm.keys.iter().map(|k| (k.name.as_str(), k.filled)).collect();
        assert_eq!(
            filled,
            [
                ("base", true),
                ("summary", true),
                ("impact", false),
                ("resolution", false)
            ]
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let src = format!("---\n{}x\n---\n", "- ".repeat(10_000));
        let (_, msg) = parse(&src).unwrap().error.unwrap();
        assert!(msg.contains("128 levels"), "{msg}");
        let src = format!("---\na: {}x\n---\n", "{b: ".repeat(100));
        assert!(parse(&src).unwrap().error.is_some());
    }

    #[test]
    fn yaml_error_positions_count_bytes() {
        // Four two-byte characters before the error: the span must not land
        // four bytes early.
        let src = "---\ntitle: \"éééé\"\ndate: [x\n---\n";
        let (span, _) = parse(src).unwrap().error.unwrap();
        assert!(span.start >= src.find("date").unwrap(), "{span:?}");
    }

    #[test]
    fn many_keys_are_found_in_one_pass() {
        let mut src = "---\n".to_owned();
        for i in 0..2000 {
            src.push_str(&format!("key{i}: v\n"));
        }
        src.push_str("---\n");
        let fm = parse(&src).unwrap();
        assert_eq!(fm.keys.len(), 2000);
        assert_eq!(&src[fm.keys[1999].span.clone()], "key1999");
    }

    #[test]
    fn crlf_and_bom() {
        let fm = parse("\u{feff}---\r\na: 1\r\n---\r\n# T").unwrap();
        assert!(fm.error.is_none());
        assert_eq!(fm.span, 3..19);
    }
}
