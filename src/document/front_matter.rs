//! Front matter: a YAML block between `---` lines or a TOML block between
//! `+++` lines at the very start of the file. Detected here rather than by
//! pulldown-cmark, whose metadata option would also read a later `---`
//! thematic break as a delimiter.

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
    let keys = filled
        .into_iter()
        .filter_map(|(name, filled)| {
            let span = key_span(source, &content, &name, kind)?;
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

fn check_yaml(source: &str, content: Range<usize>) -> Checked {
    use yaml_rust2::Yaml;
    let text = &source[content.clone()];
    match yaml_rust2::YamlLoader::load_from_str(text) {
        Err(e) => {
            let at = content.start + char_boundary(text, e.marker().index());
            let message = format!("invalid YAML front matter: {}", e.info());
            (Some((at..line_end(source, at), message)), Vec::new())
        }
        Ok(docs) => match docs.first() {
            None | Some(Yaml::Null) => (None, Vec::new()),
            Some(Yaml::Hash(map)) => {
                let keys = map
                    .iter()
                    .filter_map(|(k, v)| {
                        let filled = match v {
                            Yaml::Null | Yaml::BadValue => false,
                            Yaml::String(s) => !s.trim().is_empty(),
                            Yaml::Array(a) => !a.is_empty(),
                            Yaml::Hash(h) => !h.is_empty(),
                            _ => true,
                        };
                        k.as_str().map(|k| (k.to_owned(), filled))
                    })
                    .collect();
                (None, keys)
            }
            Some(_) => (
                Some((
                    content.start..line_end(source, content.start),
                    "front matter must be a mapping of `key: value` pairs".to_owned(),
                )),
                Vec::new(),
            ),
        },
    }
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

/// Where a top-level key is written: at the start of a line, before `:` or `=`.
fn key_span(source: &str, content: &Range<usize>, name: &str, kind: FrontMatterKind) -> Option<Range<usize>> {
    let sep = if kind == FrontMatterKind::Yaml { ':' } else { '=' };
    let mut pos = content.start;
    for line in source[content.clone()].split_inclusive('\n') {
        let bare = line.strip_prefix(['"', '\'']).unwrap_or(line);
        let offset = line.len() - bare.len();
        if bare.starts_with(name)
            && bare[name.len()..]
                .trim_start_matches(['"', '\'', ' ', '\t'])
                .starts_with(sep)
        {
            return Some(pos + offset..pos + offset + name.len());
        }
        pos += line.len();
    }
    None
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

    #[test]
    fn crlf_and_bom() {
        let fm = parse("\u{feff}---\r\na: 1\r\n---\r\n# T").unwrap();
        assert!(fm.error.is_none());
        assert_eq!(fm.span, 3..19);
    }
}
