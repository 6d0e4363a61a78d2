//! `--format sarif`: one SARIF 2.1.0 log, for GitHub code scanning
//! (`github/codeql-action/upload-sarif`) and other SARIF viewers.
//!
//! - `tool.driver.rules` lists every rule, with its explain text as help;
//!   each result names its rule by id and by index into that list.
//! - Locations are relative to the repository root (`uriBaseId`
//!   `%SRCROOT%`, which code scanning resolves to the checkout); columns
//!   count Unicode code points (`columnKind`), as every pmlint format does,
//!   and the end column is one past the last character, as SARIF wants.
//! - `partialFingerprints` hold [`crate::diagnostic::fingerprints`]: content
//!   keyed, so an alert stays the same alert when lines above it move.
//!
//! The log is written as files finish: the head (tool, rules) first, then a
//! result per line, then the end.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Emit, FileView, Render, Rendered, Totals};
use crate::diagnostic::{Diagnostic, Severity, fingerprints};
use crate::lint::FileReport;
use crate::rules::{RULES, Rule};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Where code scanning finds the files.
const BASE: &str = "%SRCROOT%";
/// A snippet longer than this is left out rather than cut: SARIF's snippet
/// is the region's whole text.
const MAX_SNIPPET: usize = 4096;

#[derive(Clone, Default)]
pub(super) struct Sarif {
    results: usize,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Where pmlint is documented.
fn information_uri() -> &'static str {
    match env!("CARGO_PKG_REPOSITORY") {
        "" => "https://crates.io/crates/pmlint",
        uri => uri,
    }
}

/// The explain text's first section ("What it does"), as one paragraph.
fn full_description(rule: &dyn Rule) -> String {
    let text = rule.explain();
    let body = text.strip_prefix("## What it does").unwrap_or(text);
    let end = body.find("\n## ").unwrap_or(body.len());
    body[..end].split_whitespace().collect::<Vec<_>>().join(" ")
}

fn descriptor(rule: &dyn Rule) -> Value {
    let help = format!("{}.\n\n{}", rule.summary(), rule.explain());
    json!({
        "id": rule.id(),
        "name": rule.id(),
        "shortDescription": { "text": rule.summary() },
        "fullDescription": { "text": full_description(rule) },
        "help": { "text": help, "markdown": help },
        "defaultConfiguration": { "level": level(rule.default_severity()) },
        "properties": { "tags": ["postmortem", rule.group().as_str()] },
    })
}

/// The start of the log, up to the first result.
fn head() -> io::Result<String> {
    let run = json!({
        "tool": {
            "driver": {
                "name": "pmlint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": information_uri(),
                "rules": RULES.iter().map(|r| descriptor(*r)).collect::<Vec<_>>(),
            }
        },
        "columnKind": "unicodeCodePoints",
    });
    let run = serde_json::to_string(&run)?;
    let run = run.strip_suffix('}').unwrap_or(&run);
    Ok(format!(
        "{{\"$schema\":\"{SCHEMA}\",\"version\":\"2.1.0\",\"runs\":[{run},\"results\":[\n"
    ))
}

/// A relative path as a URI reference: every byte but unreserved ones and
/// `/` percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn result(f: &FileView<'_>, d: &Diagnostic, fingerprint: &str) -> Value {
    let (start, end) = f.positions(&d.span);
    let region = |span: &std::ops::Range<usize>| {
        let (start, end) = f.positions(span);
        json!({
            "startLine": start.line,
            "startColumn": start.column,
            "endLine": end.line,
            "endColumn": end.column,
        })
    };
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let index = RULES.iter().position(|r| r.id() == d.rule.id());
    let mut result = json!({
        "ruleId": d.rule.id(),
        "level": level(d.severity),
        "message": { "text": message },
        "partialFingerprints": { "pmlint/v1": fingerprint },
    });
    if let Some(index) = index {
        result["ruleIndex"] = json!(index);
    }
    if let Some(path) = &f.repo_path {
        let artifact = json!({ "uri": uri(path), "uriBaseId": BASE });
        let mut r = json!({
            "startLine": start.line,
            "startColumn": start.column,
            "endLine": end.line,
            "endColumn": end.column,
        });
        if let Some(text) = &f.source {
            let snippet = text.text.get(d.span.clone()).filter(|s| s.len() <= MAX_SNIPPET);
            if let Some(snippet) = snippet {
                r["snippet"] = json!({ "text": snippet });
            }
        }
        result["locations"] = json!([{
            "physicalLocation": { "artifactLocation": artifact.clone(), "region": r }
        }]);
        if let Some(fix) = &d.fix {
            let replacements: Vec<Value> = fix
                .edits
                .iter()
                .map(|e| json!({ "deletedRegion": region(&e.span), "insertedContent": { "text": e.replacement } }))
                .collect();
            result["fixes"] = json!([{
                "description": { "text": format!("{} ({} fix)", fix.title, fix.applicability.as_str()) },
                "artifactChanges": [{ "artifactLocation": artifact, "replacements": replacements }],
            }]);
        }
    }
    result
}

impl Render for Sarif {
    fn render(&self, f: &FileView<'_>, rendered: &mut Rendered) -> io::Result<()> {
        let r = f.report;
        if r.diagnostics.is_empty() {
            return Ok(());
        }
        let shown = f.repo_path.as_deref().unwrap_or(&r.path);
        let fingerprints = fingerprints(shown, f.source.as_ref(), &r.diagnostics);
        for (d, fingerprint) in r.diagnostics.iter().zip(&fingerprints) {
            rendered.piece(|out| Ok(serde_json::to_writer(out, &result(f, d, fingerprint))?))?;
        }
        Ok(())
    }
}

impl Emit for Sarif {
    fn write(&mut self, _: &FileReport, rendered: &Rendered, out: &mut dyn Write) -> io::Result<()> {
        for result in rendered.pieces() {
            if self.results == 0 {
                out.write_all(head()?.as_bytes())?;
            } else {
                out.write_all(b",\n")?;
            }
            out.write_all(result)?;
            self.results += 1;
        }
        Ok(())
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        if self.results == 0 {
            out.write_all(head()?.as_bytes())?;
        } else {
            out.write_all(b"\n")?;
        }
        let invocation = json!({ "executionSuccessful": totals.unreadable == 0 });
        writeln!(out, "],\"invocations\":[{invocation}]}}]}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            uri("docs/incidents/2026 é#1.md"),
            "docs/incidents/2026%20%C3%A9%231.md"
        );
    }

    #[test]
    fn the_full_description_is_what_the_rule_does() {
        let rule = crate::rules::find("missing-section").unwrap();
        let text = full_description(rule);
        assert!(
            text.starts_with("Checks that the postmortem has every section"),
            "{text}"
        );
        assert!(!text.contains("##"), "{text}");
    }
}
