//! Rule packs: data files under `rules/` that drive the rules. The built-in
//! ones are embedded in the binary; users write their own in the same format
//! and name them in `pmlint.toml`.

pub mod automata;
pub mod phrases;
mod schema;
pub mod template;

pub use phrases::PhrasePack;
pub use template::Template;

use toml::Spanned;

use crate::error::SpannedError;

/// A built-in pack: its file, its TOML and the JSON the build script wrote
/// from it (`build.rs`).
macro_rules! builtin {
    ($path:literal) => {
        (
            concat!($path, ".toml"),
            include_str!(concat!("../../", $path, ".toml")),
            include_str!(concat!(env!("OUT_DIR"), "/", $path, ".json")),
        )
    };
}

/// Built-in template packs, by the name `template = "..."` selects.
pub const BUILTIN_TEMPLATES: &[(&str, (&str, &str, &str))] = &[
    ("default", builtin!("rules/templates/default")),
    ("pagerduty", builtin!("rules/templates/pagerduty")),
    ("google-sre", builtin!("rules/templates/google-sre")),
];

/// Built-in phrase packs; all are always loaded.
pub const BUILTIN_PHRASES: &[(&str, &str, &str)] = &[
    builtin!("rules/wording/blame"),
    builtin!("rules/wording/hindsight"),
    builtin!("rules/placeholders"),
];

/// A built-in pack's file struct from the JSON build.rs wrote from `text`,
/// its TOML, which places an error (one only a change to serde_spanned's
/// span fields could cause: a test reads every built-in pack both ways).
fn from_json<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
    json: &str,
) -> Result<T, Vec<SpannedError>> {
    serde_json::from_str(json).map_err(|e| {
        vec![SpannedError::new(
            file,
            text,
            0..0,
            format!("built-in pack as JSON: {e}"),
        )]
    })
}

/// Loads a built-in template by name.
pub fn builtin_template(name: &str) -> Option<Result<Template, Vec<SpannedError>>> {
    BUILTIN_TEMPLATES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, (file, text, json))| Template::builtin(file, text, json))
}

/// Loads every built-in phrase pack.
pub fn builtin_phrases() -> Result<Vec<PhrasePack>, Vec<SpannedError>> {
    let mut packs = Vec::new();
    let mut errors = Vec::new();
    for (file, text, json) in BUILTIN_PHRASES {
        match PhrasePack::builtin(file, text, json) {
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
        for (name, _) in BUILTIN_TEMPLATES {
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
        for (file, text, _) in BUILTIN_PHRASES {
            PhrasePack::parse_user(file, text).unwrap_or_else(|e| panic!("{e:?}"));
        }
    }

    /// The binary reads the JSON that `build.rs` writes; it must say what
    /// the TOML says, spans included (they rest on serde_spanned's private
    /// field names, which a release of it could change).
    #[test]
    fn the_built_in_json_is_the_toml() {
        for (name, (file, text, json)) in BUILTIN_TEMPLATES {
            let from_toml = Template::parse(file, text).unwrap_or_else(|e| panic!("{e:?}"));
            let from_json = builtin_template(name).unwrap().unwrap();
            // (Not the whole Debug: a HashMap's order differs between two.)
            let public = |t: &Template| {
                let Template {
                    name,
                    description,
                    sections,
                    ticket_as_due_date,
                    ..
                } = t;
                format!("{name:?} {description:?} {sections:?} {ticket_as_due_date}")
            };
            assert_eq!(public(&from_json), public(&from_toml), "{file}");
            let toml: schema::TemplateFile = toml::from_str(text).unwrap();
            let json: schema::TemplateFile = serde_json::from_str(json).unwrap();
            assert_eq!(json.name.span(), toml.name.span(), "{file}");
            let spans = |t: &schema::TemplateFile| {
                let sections = t.sections.get_ref().iter();
                sections
                    .map(|s| {
                        (
                            s.id.span(),
                            s.aliases.iter().map(|a| a.span()).collect::<Vec<_>>(),
                        )
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(spans(&json), spans(&toml), "{file}");
        }
        let packs = builtin_phrases().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(packs.len(), BUILTIN_PHRASES.len());
        for ((file, text, json), from_json) in BUILTIN_PHRASES.iter().zip(packs) {
            let from_toml = PhrasePack::parse(file, text).unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(format!("{from_json:?}"), format!("{from_toml:?}"), "{file}");
            let toml: schema::PackFile = toml::from_str(text).unwrap();
            let json: schema::PackFile = serde_json::from_str(json).unwrap();
            let spans = |p: &schema::PackFile| {
                let phrases = p.phrases.iter();
                (
                    p.rule.span(),
                    phrases.map(|p| p.pattern.span()).collect::<Vec<_>>(),
                )
            };
            assert_eq!(spans(&json), spans(&toml), "{file}");
        }
    }
}
