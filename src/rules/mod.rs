//! The rules, one file each. A rule is a unit struct that reads the parsed
//! [`Document`] and pushes diagnostics with its default severity; severity
//! overrides, selection and inline suppressions are applied in one place
//! afterwards ([`crate::lint`]).

mod action_item_invalid_date;
mod action_item_missing_due_date;
mod action_item_missing_owner;
mod action_item_overdue;
mod blame_wording;
mod empty_section;
mod hindsight_wording;
mod invalid_front_matter;
mod invalid_suppression;
mod merge_conflict_marker;
mod missing_section;
mod placeholder_text;
mod unreadable_file;

use jiff::civil::Date;
use regex::Regex;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{DateOrder, Document};
use crate::packs::{PhrasePack, Template};
use crate::wording::names::People;
use crate::wording::{Finding, Lexicon};

/// The groups `--select` and `--ignore` accept besides rule ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Sections,
    ActionItems,
    Wording,
    /// The file as input: conflict markers, and unreadable-file (which is
    /// always on, whatever selects or ignores its group).
    Input,
}

impl Group {
    pub const SELECTABLE: &[Group] = &[Group::Sections, Group::ActionItems, Group::Wording, Group::Input];

    pub fn as_str(self) -> &'static str {
        match self {
            Group::Sections => "sections",
            Group::ActionItems => "action-items",
            Group::Wording => "wording",
            Group::Input => "input",
        }
    }
}

/// Everything a rule may consult besides the document.
pub struct Settings {
    pub template: Template,
    /// Placeholder packs (wording packs are in `lexicon`).
    pub phrase_packs: Vec<PhrasePack>,
    /// The phrases of the enabled wording rules.
    pub lexicon: Lexicon,
    /// Who the people are: pmlint.toml, the repository, given names.
    pub people: People,
    /// The date "overdue" is judged against.
    pub today: Date,
    /// A linked ticket stands in for an action item's due date.
    pub ticket_as_due_date: bool,
    /// Done and rejected items need an owner too.
    pub done_items_need_owner: bool,
    pub date_order: DateOrder,
    pub owner_patterns: Vec<Regex>,
}

/// What a rule's `check` gets.
pub struct Context<'a> {
    pub doc: &'a Document<'a>,
    pub settings: &'a Settings,
    /// The wording findings of the document, found once for every wording
    /// rule (see [`crate::wording`]).
    pub wording: &'a [Finding],
}

/// A lint rule.
pub trait Rule: Sync {
    /// The stable, kebab-case id.
    fn id(&self) -> &'static str;
    fn group(&self) -> Group;
    fn default_severity(&self) -> Severity;
    /// One line, for `pmlint rules`.
    fn summary(&self) -> &'static str;
    /// The long text `pmlint explain` prints: "What it does", "Why is this
    /// bad?", "Example".
    fn explain(&self) -> &'static str;
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>);

    /// About the whole document rather than the place it is shown at.
    fn file_level(&self) -> bool {
        false
    }

    /// A diagnostic of this rule at its default severity.
    fn diagnostic(&self, span: std::ops::Range<usize>, message: String) -> Diagnostic {
        Diagnostic::new(self.id(), self.default_severity(), span, message)
    }
}

/// Every rule, in the order `pmlint rules` lists them.
pub const RULES: &[&dyn Rule] = &[
    &missing_section::MissingSection,
    &empty_section::EmptySection,
    &placeholder_text::PlaceholderText,
    &invalid_front_matter::InvalidFrontMatter,
    &invalid_suppression::InvalidSuppression,
    &action_item_missing_owner::ActionItemMissingOwner,
    &action_item_missing_due_date::ActionItemMissingDueDate,
    &action_item_invalid_date::ActionItemInvalidDate,
    &action_item_overdue::ActionItemOverdue,
    &blame_wording::BlameWording,
    &hindsight_wording::HindsightWording,
    &merge_conflict_marker::MergeConflictMarker,
    &unreadable_file::UnreadableFile,
];

/// The id of the pseudo-rule for files that cannot be read.
pub const UNREADABLE_FILE: &str = "unreadable-file";

pub fn find(id: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.id() == id)
}

/// Reports every phrase of the packs feeding `rule` found in `text`.
fn phrase_diagnostics(
    cx: &Context<'_>,
    rule: &dyn Rule,
    text: &str,
    keep: impl Fn(&crate::packs::phrases::Phrase, &std::ops::Range<usize>) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    for pack in cx.settings.phrase_packs.iter().filter(|p| p.rule == rule.id()) {
        for m in pack.find(text) {
            let phrase = &pack.phrases[m.phrase];
            if !keep(phrase, &m.span) {
                continue;
            }
            // From the text searched: in prose, markup is blanked out.
            let found = text[m.span.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let mut d = rule.diagnostic(m.span, phrase.message.replace("{match}", &found));
            d.help = phrase.help.clone();
            out.push(d);
        }
    }
}

/// Reports the wording findings of `rule`.
fn wording_diagnostics(cx: &Context<'_>, rule: &dyn Rule, out: &mut Vec<Diagnostic>) {
    for f in cx.wording.iter().filter(|f| f.rule == rule.id()) {
        let mut d = rule.diagnostic(f.span.clone(), f.message.clone());
        d.help = f.help.clone();
        d.suggestion = f.suggestion.clone();
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_documented() {
        for (i, rule) in RULES.iter().enumerate() {
            let id = rule.id();
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{id} is not kebab-case"
            );
            assert!(
                RULES[i + 1..].iter().all(|r| r.id() != id),
                "{id} is registered twice"
            );
            let doc = rule.explain();
            for heading in ["## What it does", "## Why is this bad?", "## Example"] {
                assert!(doc.contains(heading), "{id}: explain() lacks {heading}");
            }
            assert!(
                !rule.summary().ends_with('.'),
                "{id}: summaries have no final period"
            );
        }
    }

    #[test]
    fn every_selectable_group_has_rules() {
        for g in Group::SELECTABLE {
            assert!(RULES.iter().any(|r| r.group() == *g), "{}", g.as_str());
        }
    }
}
