//! What the server knows: the open documents, their last diagnostics, and
//! the linter for each config file, loaded once and dropped when a config
//! or pack changes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use jiff::civil::Date;
use lsp_types::Url;

use std::sync::Arc;

use crate::config::{Config, Configs};
use crate::diagnostic::Diagnostic;
use crate::discover;
use crate::git::Git;
use crate::lint::{FileReport, Linter};
use crate::paths;

/// A config and the linter built from it.
pub struct Loaded {
    pub config: Arc<Config>,
    pub linter: Linter,
    today: Date,
}

/// An open document, as the client last sent it.
pub struct Open {
    pub text: String,
    pub version: i32,
    /// Its file, for `file:` URIs.
    pub path: Option<PathBuf>,
    /// What applies to it; `Err` says why nothing does (a broken config).
    pub settings: Option<Result<Rc<Loaded>, String>>,
    pub diagnostics: Vec<Diagnostic>,
    /// Changed since last linted.
    pub dirty: bool,
    /// Diagnostics were published for it (so an empty list must follow
    /// when it stops being a postmortem).
    pub published: bool,
}

#[derive(Default)]
pub struct Session {
    pub documents: HashMap<Url, Open>,
    /// By config file (`None`: the defaults) and the folder globs are
    /// relative to.
    loaded: HashMap<(Option<PathBuf>, PathBuf), Rc<Loaded>>,
    /// Each repository's configs, found per folder as `check` finds them
    /// (`None`: files outside any repository).
    configs: HashMap<Option<PathBuf>, Configs<'static>>,
}

impl Session {
    pub fn open(&mut self, uri: Url, text: String, version: i32) {
        let path = uri.to_file_path().ok().map(|p| paths::normalize(&p));
        self.documents.insert(
            uri,
            Open {
                text,
                version,
                path,
                settings: None,
                diagnostics: Vec::new(),
                dirty: true,
                published: false,
            },
        );
    }

    /// A config or pack changed: every document finds its settings anew.
    pub fn reload(&mut self) {
        self.loaded.clear();
        self.configs.clear();
        for doc in self.documents.values_mut() {
            doc.settings = None;
            doc.dirty = true;
        }
    }

    /// Lints `uri` if it changed. Returns whether there is something new
    /// to publish, and the message of a config that cannot be loaded.
    pub fn lint(&mut self, uri: &Url) -> (bool, Option<String>) {
        let Some(doc) = self.documents.get(uri) else {
            return (false, None);
        };
        if !doc.dirty {
            return (false, None);
        }
        let today = crate::today::today();
        let stale = match &doc.settings {
            Some(Ok(loaded)) => loaded.today != today,
            Some(Err(_)) => false,
            None => true,
        };
        let settings = match (doc.path.clone(), stale) {
            (Some(path), true) => Some(self.settings_for(&path, today)),
            (_, false) => doc.settings.clone(),
            (None, true) => None,
        };
        let doc = self.documents.get_mut(uri).expect("looked up above");
        doc.dirty = false;
        doc.settings = settings;
        let mut failure = None;
        let chosen = match (&doc.settings, &doc.path) {
            (Some(Ok(loaded)), Some(path)) => {
                (discover::is_markdown(path) && loaded.config.chooses(path)).then_some(loaded)
            }
            (Some(Err(e)), _) => {
                failure = Some(e.clone());
                None
            }
            _ => None,
        };
        doc.diagnostics = match chosen {
            Some(loaded) => lint_text(loaded, &doc.text),
            None => Vec::new(),
        };
        let publish = chosen.is_some() || doc.published;
        doc.published = chosen.is_some();
        (publish, failure)
    }

    fn settings_for(&mut self, path: &Path, today: Date) -> Result<Rc<Loaded>, String> {
        let dir = path.parent().unwrap_or(path);
        let repo = Git::find(dir).ok().flatten().and_then(|g| g.workdir());
        let configs = match self.configs.entry(repo.clone()) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let cwd = repo.as_deref().unwrap_or(dir);
                e.insert(Configs::new(cwd, repo.as_deref(), None))
            }
        };
        let config = configs.for_file(path).map_err(|e| e.to_string())?;
        let key = (config.file.clone(), config.root.clone());
        if let Some(loaded) = self.loaded.get(&key).filter(|l| l.today == today) {
            return Ok(Rc::clone(loaded));
        }
        let mut linter = Linter::from_config(&config, today, &[], &[]).map_err(|e| format!("{e:#}"))?;
        linter.learn_names_from(dir);
        let loaded = Rc::new(Loaded {
            config,
            linter,
            today,
        });
        self.loaded.insert(key, Rc::clone(&loaded));
        Ok(loaded)
    }
}

/// The diagnostics of a document's text, as `check` would report the file.
fn lint_text(loaded: &Loaded, text: &str) -> Vec<Diagnostic> {
    let max = loaded.config.max_file_size;
    let report = if text.len() as u64 > max {
        let why = crate::input::Refusal::TooLarge {
            size: Some(text.len() as u64),
            max,
        };
        FileReport::unreadable(String::new(), format!("{why}; not linted"))
    } else {
        loaded.linter.lint_bytes(String::new(), text.as_bytes().to_vec())
    };
    report.diagnostics
}
