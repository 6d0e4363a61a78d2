//! pmlint's findings as the client sees them: LSP diagnostics, code
//! actions and hovers, with positions in the negotiated encoding.

use std::collections::HashMap;
use std::ops::Range;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeDescription, DiagnosticSeverity, Hover,
    HoverContents, MarkupContent, MarkupKind, NumberOrString, TextEdit, Url, WorkspaceEdit,
};

use super::edits::{self, Edit};
use super::position::{Encoding, LineIndex};
use super::session::Open;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, ParseOptions};
use crate::rules;

/// Where a rule is documented: its row in the README's rules table, which
/// carries an anchor named after the rule.
pub fn docs_url(rule: &str) -> Option<Url> {
    Url::parse(&format!("{}#{rule}", env!("CARGO_PKG_REPOSITORY"))).ok()
}

pub fn to_lsp(ix: &LineIndex<'_>, d: &Diagnostic) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        range: ix.range(&d.span),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.rule.id().to_owned())),
        code_description: docs_url(d.rule.id()).map(|href| CodeDescription { href }),
        source: Some("pmlint".to_owned()),
        message: d.message.clone(),
        ..lsp_types::Diagnostic::default()
    }
}

/// The diagnostics that touch `range` (a cursor touches what it is in or
/// next to).
fn touching(doc: &Open, range: Range<usize>) -> impl Iterator<Item = &Diagnostic> {
    doc.diagnostics
        .iter()
        .filter(move |d| d.span.start <= range.end && range.start <= d.span.end)
}

pub fn code_actions(
    uri: &Url,
    doc: &Open,
    range: lsp_types::Range,
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let ix = LineIndex::new(&doc.text, encoding);
    let range = ix.offset(range.start)..ix.offset(range.end);
    let settings = doc.settings.as_ref().and_then(|s| s.as_ref().ok());
    let mut parsed = None;
    let mut out = Vec::new();
    let mut disable = Vec::new();
    let mut disabling: Vec<(&str, usize)> = Vec::new();
    let action = |title: String, d: &Diagnostic, edits: Vec<Edit>| {
        let text_edits = edits
            .into_iter()
            .map(|e| TextEdit {
                range: ix.range(&e.span),
                new_text: e.replacement,
            })
            .collect();
        CodeActionOrCommand::CodeAction(CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![to_lsp(&ix, d)]),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), text_edits)])),
                ..WorkspaceEdit::default()
            }),
            // Never preferred: pmlint's fixes are for the writer to choose.
            is_preferred: None,
            ..CodeAction::default()
        })
    };
    for d in touching(doc, range) {
        if let Some(fix) = edits::fix_of(d) {
            out.push(action(fix.title, d, fix.edits));
        }
        if let (Some(loaded), "missing-section") = (settings, d.rule.id()) {
            let template = &loaded.linter.settings.template;
            let doc = parsed.get_or_insert_with(|| {
                let options = ParseOptions {
                    template,
                    owner_patterns: &loaded.linter.settings.owner_patterns,
                    date_order: loaded.linter.settings.date_order,
                };
                Document::parse(&doc.text, &options)
            });
            let insert = edits::missing_section_of(d, template).and_then(|i| {
                Some((
                    &template.sections[i].name,
                    edits::insert_section(doc, template, i)?,
                ))
            });
            if let Some((name, edit)) = insert {
                out.push(action(
                    format!("Insert section \u{2018}{name}\u{2019}"),
                    d,
                    vec![edit],
                ));
            }
        }
        // An always-on rule: no comment turns it off. One
        // comment per rule and line, however many findings it silences.
        let edit = edits::disable_next_line(&doc.text, d.span.start, d.rule.id());
        let id = d.rule.id();
        if !d.rule.always_on() && !disabling.contains(&(id, edit.span.start)) {
            disabling.push((id, edit.span.start));
            disable.push(action(format!("Disable {id} for this line"), d, vec![edit]));
        }
    }
    // Fixes first, then the ways to silence a finding.
    out.extend(disable);
    out
}

/// The explain text of the rules whose diagnostics are under the cursor.
pub fn hover(doc: &Open, position: lsp_types::Position, encoding: Encoding) -> Option<Hover> {
    let ix = LineIndex::new(&doc.text, encoding);
    let at = ix.offset(position);
    let mut shown: Vec<&str> = Vec::new();
    let mut text = String::new();
    let mut span: Option<Range<usize>> = None;
    for d in touching(doc, at..at) {
        span = Some(span.map_or(d.span.clone(), |s| {
            s.start.min(d.span.start)..s.end.max(d.span.end)
        }));
        text.push_str(&format!(
            "**{}** (`{}`): {}\n\n",
            d.severity.as_str(),
            d.rule.id(),
            d.message
        ));
        if let Some(help) = &d.help {
            text.push_str(&format!("{help}\n\n"));
        }
        if !shown.contains(&d.rule.id()) {
            shown.push(d.rule.id());
        }
    }
    for id in &shown {
        if let Some(rule) = rules::find(id) {
            text.push_str(&format!("---\n\n# {id}\n\n{}\n", rule.explain().trim_end()));
        }
    }
    // The range is what the hover is about: the editor highlights it.
    span.map(|span| Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(ix.range(&span)),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_rule_has_the_anchor_its_docs_link_names() {
        let readme = include_str!("../../README.md");
        for rule in crate::rules::RULES {
            let url = super::docs_url(rule.id()).expect("a valid URL");
            let anchor = url.fragment().expect("an anchor");
            assert!(
                readme.contains(&format!("<a id=\"{anchor}\"></a>")),
                "README.md has no anchor for {}",
                rule.id()
            );
        }
    }
}
