//! Linting one file: decode, parse once, run the enabled rules, then apply
//! inline suppressions and severity overrides in one place.

use anyhow::bail;
use jiff::civil::Date;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, ParseOptions};
use crate::error::SpannedError;
use crate::input;
use crate::packs::PhrasePack;
use crate::packs::phrases::WORDING_RULES;
use crate::rules::{self, Context, RULES, Rule, Settings, UNREADABLE, selector};
use crate::suppression::Suppressions;
use crate::wording::Lexicon;
use crate::wording::names::People;

/// The rules to run, each with the severity it reports at.
pub struct Linter {
    pub settings: Settings,
    pub rules: Vec<(&'static dyn Rule, Severity)>,
}

/// What linting one file produced.
#[derive(Debug)]
pub struct FileReport {
    /// The path as the user would type it.
    pub path: String,
    /// The text the spans point into, as long as the file (a byte that is
    /// not UTF-8 is decoded as U+001A, SUBSTITUTE); `None` when there is
    /// nothing to show.
    pub text: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    /// A file that could not be read at all.
    pub fn unreadable(path: String, message: String) -> FileReport {
        FileReport {
            path,
            text: None,
            diagnostics: vec![Diagnostic::new(UNREADABLE, Severity::Error, 0..0, message)],
        }
    }

    /// The config or pack file `file` (as shown), with `errors`: its
    /// mistakes, each an `invalid-config` diagnostic. `text` is the file's,
    /// or empty when it is not to be shown (unread, or not a pack at all).
    pub fn invalid_config(file: String, text: &str, errors: &[&SpannedError]) -> FileReport {
        let mut diagnostics: Vec<Diagnostic> = errors
            .iter()
            .map(|e| Diagnostic {
                help: e.help.clone(),
                ..Diagnostic::new(rules::INVALID, Severity::Error, e.span.clone(), e.message.clone())
            })
            .collect();
        // In the file's order, as every report is.
        diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
        FileReport {
            path: file,
            text: (!text.is_empty()).then(|| text.to_owned()),
            diagnostics,
        }
    }

    /// Did pmlint fail to do its job on this file?
    pub fn is_unreadable(&self) -> bool {
        self.diagnostics.iter().any(|d| d.rule.always_on())
    }
}

/// The names of `--select` or `--ignore`, checked; "a, b" with spaces is fine.
pub fn rule_names(list: &[String]) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    for name in list.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if rules::find(name).is_some_and(|r| r.always_on()) {
            bail!("`{name}` is always on and cannot be selected or ignored");
        }
        if selector::selected_rules(name).is_none() {
            bail!(
                "unknown rule or group `{name}`: {}",
                selector::unknown_rule_help(name)
            );
        }
        out.push(name.to_owned());
    }
    Ok(out)
}

impl Linter {
    /// The rules a configuration turns on, then `select` (which wins over
    /// the config, like every command-line flag), then `ignore`.
    pub fn from_config(
        config: &Config,
        today: Date,
        select: &[String],
        ignore: &[String],
    ) -> anyhow::Result<Linter> {
        let (select, ignore) = (rule_names(select)?, rule_names(ignore)?);
        let mut rules = Vec::new();
        for rule in RULES.iter().copied().filter(|r| !r.always_on()) {
            let (id, group) = (rule.id(), rule.group().as_str());
            let configured = config.severities.get(id).copied();
            // The most specific setting wins: a rule named on the command
            // line, then its group there, then the config, then the default.
            let on = if ignore.iter().any(|n| n == id) {
                false
            } else if select.iter().any(|n| n == id) {
                true
            } else if ignore.iter().any(|n| n == group) {
                false
            } else if select.iter().any(|n| n == group) || select.is_empty() {
                configured != Some(None)
            } else {
                false
            };
            if on {
                rules.push((
                    rule,
                    configured.flatten().unwrap_or_else(|| rule.default_severity()),
                ));
            }
        }
        // Wording packs feed the one wording engine, and only the enabled
        // rules' phrases compete for a span.
        let enabled = |id: &str| rules.iter().any(|(r, _)| r.id() == id);
        let (wording, phrase_packs): (Vec<PhrasePack>, Vec<PhrasePack>) = config
            .phrase_packs
            .iter()
            .filter(|p| enabled(p.rule))
            .cloned()
            .partition(|p| WORDING_RULES.contains(&p.rule));
        let mut people = People::new(&config.people, &config.not_people, None);
        for pack in &wording {
            people.add_nouns(&pack.words);
        }
        let settings = Settings {
            template: config.template.clone(),
            phrase_packs,
            lexicon: Lexicon::new(wording),
            people,
            today,
            ticket_as_due_date: config.ticket_as_due_date,
            done_items_need_owner: config.done_items_need_owner,
            date_order: config.date_order,
            owner_patterns: config.owner_patterns.clone(),
            require_suppression_reason: config.require_suppression_reason,
        };
        Ok(Linter { settings, rules })
    }

    /// Learns people's names from the git repository holding `dir` (when
    /// a sentence first needs them).
    pub fn learn_names_from(&mut self, dir: &std::path::Path) {
        self.settings.people.set_repo_dir(dir.to_path_buf());
    }

    /// Lints a file's bytes. Binary and non-UTF-8 content becomes one
    /// `unreadable-file` diagnostic, at the first NUL byte or bad byte: its
    /// span counts bytes of the file as stored.
    pub fn lint_bytes(&self, path: String, bytes: Vec<u8>) -> FileReport {
        if let Some(at) = input::binary_at(&bytes) {
            // The text up to the NUL, so that it has a line and column.
            let d = Diagnostic::new(
                UNREADABLE,
                Severity::Error,
                at..at + 1,
                "binary file (a NUL byte); not linted",
            );
            return FileReport {
                path,
                text: Some(input::decode_keeping_offsets(&bytes[..=at])),
                diagnostics: vec![d],
            };
        }
        match String::from_utf8(bytes) {
            Ok(text) => {
                let diagnostics = self.lint_text(&text);
                FileReport {
                    path,
                    text: Some(text),
                    diagnostics,
                }
            }
            Err(e) => {
                let bytes = e.as_bytes();
                let at = e.utf8_error().valid_up_to();
                let len = e.utf8_error().error_len().unwrap_or(bytes.len() - at);
                let d = Diagnostic::new(
                    UNREADABLE,
                    Severity::Error,
                    at..at + len,
                    format!("not valid UTF-8 (byte 0x{:02X}); not linted", bytes[at]),
                )
                .with_help("Save the file as UTF-8.");
                FileReport {
                    path,
                    text: Some(input::decode_keeping_offsets(bytes)),
                    diagnostics: vec![d],
                }
            }
        }
    }

    /// Lints a document's text; diagnostics come sorted by position.
    pub fn lint_text(&self, text: &str) -> Vec<Diagnostic> {
        crate::automata::document_started();
        let options = ParseOptions {
            template: &self.settings.template,
            owner_patterns: &self.settings.owner_patterns,
            date_order: self.settings.date_order,
        };
        let doc = Document::parse(text, &options);
        let wording = if self.settings.lexicon.is_empty() {
            Vec::new()
        } else {
            self.settings.lexicon.scan(&doc, &self.settings.people)
        };
        let mut cx = Context {
            doc: &doc,
            settings: &self.settings,
            wording: &wording,
            unused: &[],
        };
        let mut out = Vec::new();
        let run = |cx: &Context<'_>, late: bool, out: &mut Vec<Diagnostic>| {
            for (rule, severity) in self.rules.iter().filter(|(r, _)| r.after_suppressions() == late) {
                let start = out.len();
                rule.check(cx, out);
                for d in &mut out[start..] {
                    d.severity = *severity;
                }
            }
        };
        run(&cx, false, &mut out);
        if !doc.directives.is_empty() {
            let today = self.settings.today;
            let suppressions = Suppressions::new(text, &doc.directives, today);
            out.retain(|d| !suppressions.suppresses(d.rule.id(), d.span.start));
            // Then the rules that judge the suppressions themselves.
            let enabled: Vec<&str> = self.rules.iter().map(|(r, _)| r.id()).collect();
            let judged: Vec<&str> = RULES
                .iter()
                .filter(|r| !r.always_on() && !r.after_suppressions())
                .map(|r| r.id())
                .collect();
            let unused = suppressions.unused(&doc.directives, today, &enabled, &judged);
            cx.unused = &unused;
            let mut late = Vec::new();
            run(&cx, true, &mut late);
            late.retain(|d| !suppressions.suppresses(d.rule.id(), d.span.start));
            out.extend(late);
        }
        // Same place: in the order `pmlint rules` lists the rules.
        out.sort_by_key(|d| {
            (
                d.span.start,
                d.span.end,
                rules::RULES.iter().position(|r| r.id() == d.rule.id()),
            )
        });
        out
    }
}
