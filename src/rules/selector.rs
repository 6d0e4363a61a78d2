//! Rule names: a rule id or a group, resolved to the rules it means. The one
//! resolver for `[rules]`, `--select`/`--ignore`, suppressions and
//! `invalid-suppression`.

use super::{Group, RULES, find};
use crate::suggest::suggest;

/// The rule ids a `[rules]` key or a `--select` entry names: a rule or a group.
pub fn selected_rules(name: &str) -> Option<Vec<&'static str>> {
    if let Some(rule) = find(name) {
        return Some(vec![rule.id()]);
    }
    let group = Group::SELECTABLE.iter().find(|g| g.as_str() == name)?;
    // A group never names the always-on rules.
    Some(
        RULES
            .iter()
            .filter(|r| r.group() == *group && !r.always_on())
            .map(|r| r.id())
            .collect(),
    )
}

/// "did you mean ...?", or the list of what there is.
pub fn unknown_rule_help(name: &str) -> String {
    let mut names: Vec<&str> = Group::SELECTABLE.iter().map(|g| g.as_str()).collect();
    names.extend(RULES.iter().filter(|r| !r.always_on()).map(|r| r.id()));
    match suggest(name, &names) {
        Some(close) => format!("did you mean `{close}`?"),
        None => format!("rules and groups: {}", names.join(", ")),
    }
}
