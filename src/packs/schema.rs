//! The pack files' schema, as serde reads them. The build script includes
//! this module too (with its own `Spanned`, which keeps spans in JSON), to
//! write the built-in packs as JSON: the binary reads that in a fraction of
//! the instructions the TOML parser takes, on every run.

use serde::{Deserialize, Serialize};

use super::Spanned;

// (A missing `Option` field reads as `None` without `#[serde(default)]`.)

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
#[serde(deny_unknown_fields, default)]
pub struct WordsFile {
    pub person: Vec<String>,
    pub team: Vec<String>,
    pub public: Vec<String>,
    pub system: Vec<String>,
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
    pub help: Option<String>,
    pub suggest: Option<String>,
    #[serde(default)]
    pub case_sensitive: bool,
    pub subject: Option<Spanned<Classes>>,
    pub object: Option<Spanned<Classes>>,
    pub agent: Option<Spanned<Classes>>,
    pub possessor: Option<Spanned<Classes>>,
    pub said_of: Option<Spanned<Classes>>,
    pub followed_by: Option<Spanned<String>>,
    pub form: Option<Spanned<String>>,
    pub not_followed_by: Option<Spanned<String>>,
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
    pub action_items: Option<Spanned<bool>>,
    pub lead: Option<Spanned<bool>>,
    pub timestamped: Option<Spanned<bool>>,
}
