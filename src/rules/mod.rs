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
mod expired_suppression;
mod hindsight_wording;
mod invalid_config;
mod invalid_front_matter;
mod invalid_suppression;
mod merge_conflict_marker;
mod missing_section;
mod placeholder_text;
mod suppression_missing_reason;
mod unreadable_file;
mod unused_suppression;

mod rule;
pub mod selector;

pub use rule::{Context, Group, INVALID_CONFIG, Rule, Settings, UNREADABLE_FILE, UnusedSuppression};
use rule::{phrase_diagnostics, wording_diagnostics};

/// Every rule, in the order `pmlint rules` lists them.
pub const RULES: &[&dyn Rule] = &[
    &missing_section::MissingSection,
    &empty_section::EmptySection,
    &placeholder_text::PlaceholderText,
    &invalid_front_matter::InvalidFrontMatter,
    &invalid_suppression::InvalidSuppression,
    &unused_suppression::UnusedSuppression,
    &expired_suppression::ExpiredSuppression,
    &suppression_missing_reason::SuppressionMissingReason,
    &action_item_missing_owner::ActionItemMissingOwner,
    &action_item_missing_due_date::ActionItemMissingDueDate,
    &action_item_invalid_date::ActionItemInvalidDate,
    &action_item_overdue::ActionItemOverdue,
    &blame_wording::BlameWording,
    &hindsight_wording::HindsightWording,
    &merge_conflict_marker::MergeConflictMarker,
    &unreadable_file::UnreadableFile,
    &invalid_config::InvalidConfig,
];

/// The pseudo-rule for files that cannot be read.
pub const UNREADABLE: &dyn Rule = &unreadable_file::UnreadableFile;

/// The pseudo-rule for mistakes in config and pack files.
pub const INVALID: &dyn Rule = &invalid_config::InvalidConfig;

pub fn find(id: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.id() == id)
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
