//! The pack files' schema, as serde reads them. The build script includes
//! this module too (with its own `Spanned`, which keeps spans in JSON), to
//! write the built-in packs as JSON: the binary reads that in a fraction of
//! the instructions the TOML parser takes, on every run.

use serde::{Deserialize, Serialize};

use super::Spanned;

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PackFile {
    pub rule: Spanned<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub skip_negated: bool,
    #[serde(rename = "phrase", default)]
    pub phrases: Vec<PhraseFile>,
    #[serde(default)]
    pub words: WordsFile,
}

/// Nouns a wording pack adds to the English classes ("shepherd" is a role
/// in our incident process, "conductor" a service).
#[derive(Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct WordsFile {
    #[serde(default)]
    pub person: Vec<String>,
    #[serde(default)]
    pub team: Vec<String>,
    #[serde(default)]
    pub public: Vec<String>,
    #[serde(default)]
    pub system: Vec<String>,
    #[serde(default)]
    pub work: Vec<String>,
}

/// One class name or several.
#[derive(Deserialize, Serialize)]
#[serde(untagged)]
pub enum Classes {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PhraseFile {
    pub pattern: Spanned<String>,
    pub message: String,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub suggest: Option<String>,
    #[serde(default)]
    pub case_sensitive: bool,
    #[serde(default)]
    pub subject: Option<Spanned<Classes>>,
    #[serde(default)]
    pub object: Option<Spanned<Classes>>,
    #[serde(default)]
    pub agent: Option<Spanned<Classes>>,
    #[serde(default)]
    pub possessor: Option<Spanned<Classes>>,
    #[serde(default)]
    pub said_of: Option<Spanned<Classes>>,
    #[serde(default)]
    pub followed_by: Option<Spanned<String>>,
    #[serde(default)]
    pub form: Option<Spanned<String>>,
    #[serde(default)]
    pub not_followed_by: Option<Spanned<String>>,
    #[serde(default)]
    pub preceded_by: Option<Spanned<String>>,
    #[serde(default)]
    pub skip_in_action_items: bool,
    #[serde(default)]
    pub skip_emphasized: bool,
    #[serde(default)]
    pub skip_explained: bool,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TemplateFile {
    pub name: Spanned<String>,
    #[serde(default)]
    pub description: String,
    /// The default of `[action-items] ticket-as-due-date` for this template.
    #[serde(default)]
    pub ticket_as_due_date: bool,
    #[serde(rename = "section")]
    pub sections: Spanned<Vec<SectionFile>>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SectionFile {
    pub id: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub exact_aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub cued_aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub loose_aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub cues: Vec<Spanned<String>>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub action_items: Option<Spanned<bool>>,
    #[serde(default)]
    pub lead: Option<Spanned<bool>>,
    #[serde(default)]
    pub timestamped: Option<Spanned<bool>>,
}
