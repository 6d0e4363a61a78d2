//! Rule packs: data files under `rules/` that drive the rules. The built-in
//! ones are embedded in the binary; users write their own in the same format
//! and name them in `pmlint.toml`.

pub mod automata;
pub mod phrases;
pub mod template;

pub use phrases::PhrasePack;
pub use template::Template;

use crate::error::SpannedError;

/// Built-in template packs, by the name `template = "..."` selects.
pub const BUILTIN_TEMPLATES: &[(&str, &str, &str)] = &[
    (
        "default",
        "rules/templates/default.toml",
        include_str!("../../rules/templates/default.toml"),
    ),
    (
        "pagerduty",
        "rules/templates/pagerduty.toml",
        include_str!("../../rules/templates/pagerduty.toml"),
    ),
    (
        "google-sre",
        "rules/templates/google-sre.toml",
        include_str!("../../rules/templates/google-sre.toml"),
    ),
];

/// Built-in phrase packs; all are always loaded.
pub const BUILTIN_PHRASES: &[(&str, &str)] = &[
    (
        "rules/wording/blame.toml",
        include_str!("../../rules/wording/blame.toml"),
    ),
    (
        "rules/wording/hindsight.toml",
        include_str!("../../rules/wording/hindsight.toml"),
    ),
    (
        "rules/placeholders.toml",
        include_str!("../../rules/placeholders.toml"),
    ),
];

/// Loads a built-in template by name.
pub fn builtin_template(name: &str) -> Option<Result<Template, Vec<SpannedError>>> {
    BUILTIN_TEMPLATES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, file, text)| Template::parse(file, text))
}

/// Loads every built-in phrase pack.
pub fn builtin_phrases() -> Result<Vec<PhrasePack>, Vec<SpannedError>> {
    let mut packs = Vec::new();
    let mut errors = Vec::new();
    for (file, text) in BUILTIN_PHRASES {
        match PhrasePack::parse_builtin(file, text) {
            Ok(p) => packs.push(p),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() { Ok(packs) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_pack_is_valid() {
        for (name, _, _) in BUILTIN_TEMPLATES {
            let t = builtin_template(name)
                .unwrap()
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(t.name, *name);
            assert!(
                t.action_items_section().is_some(),
                "{name} has no action-items section"
            );
        }
        let packs = builtin_phrases().unwrap_or_else(|e| panic!("{e:?}"));
        for rule in phrases::PHRASE_RULES {
            assert!(
                packs.iter().any(|p| p.rule == *rule),
                "no built-in pack feeds {rule}"
            );
        }
        for p in &packs {
            for ph in &p.phrases {
                assert!(ph.help.is_some(), "{}: `{}` has no help", p.source, ph.pattern);
            }
        }
        // Built-in patterns compile lazily at run time; here, each must
        // compile as a user's pack would at load.
        for (file, text) in BUILTIN_PHRASES {
            PhrasePack::parse_user(file, text).unwrap_or_else(|e| panic!("{e:?}"));
        }
    }
}
