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
    let error = match kind {
        FrontMatterKind::Yaml => check_yaml(source, content.clone()),
        FrontMatterKind::Toml => check_toml(source, content.clone()),
    };
    Some(FrontMatter {
        span: start..end,
        content,
        kind,
        error,
    })
}

fn line_is(text: &str, delimiter: &str) -> bool {
    text.strip_prefix(delimiter)
        .is_some_and(|rest| rest.starts_with('\n') || rest.starts_with("\r\n"))
}

fn check_yaml(source: &str, content: Range<usize>) -> Option<(Range<usize>, String)> {
    let text = &source[content.clone()];
    match yaml_rust2::YamlLoader::load_from_str(text) {
        Err(e) => {
            let at = content.start + char_boundary(text, e.marker().index());
            Some((
                at..line_end(source, at),
                format!("invalid YAML front matter: {}", e.info()),
            ))
        }
        Ok(docs) => match docs.first() {
            None | Some(yaml_rust2::Yaml::Hash(_)) | Some(yaml_rust2::Yaml::Null) => None,
            Some(_) => Some((
                content.start..line_end(source, content.start),
                "front matter must be a mapping of `key: value` pairs".to_owned(),
            )),
        },
    }
}

fn check_toml(source: &str, content: Range<usize>) -> Option<(Range<usize>, String)> {
    let text = &source[content.clone()];
    match text.parse::<toml::Table>() {
        Ok(_) => None,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let start = content.start + char_boundary(text, span.start);
            let end = (content.start + char_boundary(text, span.end)).max(start);
            Some((
                start..end,
                format!("invalid TOML front matter: {}", e.message().trim_end()),
            ))
        }
    }
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
