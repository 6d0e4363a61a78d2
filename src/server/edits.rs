//! The text edits behind the server's code actions, as byte ranges into the
//! document: the quick fixes a diagnostic carries, a suppression comment,
//! a missing section's heading.

use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::Document;
use crate::packs::Template;

/// One replacement: an empty span inserts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Range<usize>,
    pub replacement: String,
}

/// A quick fix a diagnostic carries, as the server offers it.
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
}

/// The diagnostic's own fix (a display-only one is not offered). A fix that is not safe (a blameless rewrite
/// changes what the sentence claims) says so in its title, and none is
/// ever marked preferred, so no editor applies it unasked.
pub fn fix_of(d: &Diagnostic) -> Option<Fix> {
    let fix = d.fix.as_ref()?;
    let title = match fix.applicability {
        Applicability::Safe => fix.title.clone(),
        Applicability::Unsafe => format!("{} (changes the meaning: review it)", fix.title),
        Applicability::DisplayOnly => return None,
    };
    let edits = fix
        .edits
        .iter()
        .map(|e| Edit {
            span: e.span.clone(),
            replacement: e.replacement.clone(),
        })
        .collect();
    Some(Fix { title, edits })
}

/// `<!-- pmlint-disable-next-line RULE -->` on its own line above the line
/// holding `at`, indented as that line is, so that in a list item it stays
/// inside the item; in a table row, `pmlint-disable-line` in its first cell.
pub fn disable_next_line(source: &str, at: usize, rule: &str) -> Edit {
    let start = line_start(source, at);
    let indent: &str = {
        let line = &source[start..];
        &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
    };
    // A line of its own would end a table: in a row, the comment goes
    // into the first cell and speaks for its own line.
    if source[start + indent.len()..].starts_with('|') {
        let at = start + indent.len() + 1;
        return Edit {
            span: at..at,
            replacement: format!(" <!-- pmlint-disable-line {rule} -->"),
        };
    }
    Edit {
        span: start..start,
        replacement: format!(
            "{indent}<!-- pmlint-disable-next-line {rule} -->{}",
            newline_of(source)
        ),
    }
}

/// A heading for template section `missing` where the template's order
/// puts it: before the first heading of a section the template lists after
/// it, else at the end of the document; at that neighbour's heading level.
pub fn insert_section(doc: &Document<'_>, template: &Template, missing: usize) -> Option<Edit> {
    let name = &template.sections.get(missing)?.name;
    let source = doc.source;
    let nl = newline_of(source);
    let headings = || {
        doc.sections
            .iter()
            .filter(|s| (1..=6).contains(&s.level) && s.matches != 0)
    };
    // A heading that satisfies several sections stands where its first is.
    let order = |s: &crate::document::Section| s.matches.trailing_zeros() as usize;
    if let Some(next) = headings().find(|s| order(s) > missing) {
        let at = line_start(source, next.heading.start);
        let hashes = "#".repeat(usize::from(next.level));
        return Some(Edit {
            span: at..at,
            replacement: format!("{hashes} {name}{nl}{nl}"),
        });
    }
    let level = headings().next_back().map_or(2, |s| usize::from(s.level));
    let before = if source.is_empty() || source.ends_with(&format!("{nl}{nl}")) {
        ""
    } else if source.ends_with(['\n', '\r']) {
        nl
    } else if nl == "\n" {
        "\n\n"
    } else {
        "\r\n\r\n"
    };
    Some(Edit {
        span: source.len()..source.len(),
        replacement: format!("{before}{} {name}{nl}", "#".repeat(level)),
    })
}

/// The template section a `missing-section` diagnostic is about.
pub fn missing_section_of(d: &Diagnostic, template: &Template) -> Option<usize> {
    // The rule names the section in its message; the engine's Fix type will
    // carry this edit itself and make the lookup unnecessary.
    template
        .sections
        .iter()
        .position(|s| d.message == format!("missing required section '{}'", s.name))
}

/// The byte where the line holding `at` starts.
fn line_start(source: &str, at: usize) -> usize {
    let at = at.min(source.len());
    source.as_bytes()[..at]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |i| i + 1)
}

/// The file's own line ending, so an edit does not mix them.
fn newline_of(source: &str) -> &'static str {
    match source.find('\n') {
        Some(i) if source[..i].ends_with('\r') => "\r\n",
        _ => "\n",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{DateOrder, ParseOptions};

    fn apply(source: &str, e: &Edit) -> String {
        format!(
            "{}{}{}",
            &source[..e.span.start],
            e.replacement,
            &source[e.span.end..]
        )
    }

    #[test]
    fn in_a_table_row_the_comment_goes_into_the_first_cell() {
        let src = "| Item | Owner |\n|---|---|\n| Add canary | |\n| Add runbook | |\n";
        let e = disable_next_line(src, src.find("canary").unwrap(), "action-item-missing-owner");
        assert_eq!(
            apply(src, &e),
            "| Item | Owner |\n|---|---|\n| <!-- pmlint-disable-line action-item-missing-owner --> Add canary | |\n| Add runbook | |\n"
        );
    }

    #[test]
    fn disable_comment_keeps_the_lines_indentation() {
        let src = "- item\n  - nested careless bit\n";
        let at = src.find("careless").unwrap();
        let e = disable_next_line(src, at, "blame-wording");
        assert_eq!(
            apply(src, &e),
            "- item\n  <!-- pmlint-disable-next-line blame-wording -->\n  - nested careless bit\n"
        );
        let crlf = "a\r\n\tb\r\n";
        let e = disable_next_line(crlf, 4, "x");
        assert_eq!(
            apply(crlf, &e),
            "a\r\n\t<!-- pmlint-disable-next-line x -->\r\n\tb\r\n"
        );
    }

    fn with_section(src: &str, section: &str) -> String {
        let template = crate::packs::builtin_template("default").unwrap().unwrap();
        let options = ParseOptions {
            template: &template,
            owner_patterns: &[],
            date_order: DateOrder::Unknown,
        };
        let doc = Document::parse(src, &options);
        let i = template.sections.iter().position(|s| s.id == section).unwrap();
        apply(src, &insert_section(&doc, &template, i).unwrap())
    }

    #[test]
    fn a_section_goes_where_the_template_puts_it() {
        let src = "# T\n\n## Summary\n\ns\n\n## Impact\n\ni\n\n## Resolution\n\nr\n";
        assert_eq!(
            with_section(src, "timeline"),
            "# T\n\n## Summary\n\ns\n\n## Impact\n\ni\n\n## Timeline\n\n## Resolution\n\nr\n"
        );
        // Nothing after it: at the end, at the level of the last heading.
        assert_eq!(
            with_section("# T\n\n### Summary\n\ns", "impact"),
            "# T\n\n### Summary\n\ns\n\n### Impact\n"
        );
    }
}
