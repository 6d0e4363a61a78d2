//! Which config applies to a file: `--config` for every file, else the
//! nearest `pmlint.toml` / `.pmlint.toml` from the file's own folder up to
//! the repository root (as ruff and markdownlint-cli2 look). The nearest
//! replaces every config above it; settings are not merged.
//!
//! Each folder is looked up once and each config file loaded once, however
//! many files share them. With `--rev`, configs (and the packs they name)
//! come from the commit's tree.
//!
//! A config that cannot be used fails only the folders it serves (for
//! `--config`, every folder): its errors are kept, and given once to
//! [`Configs::take_errors`], so that `pmlint check` reports them as
//! diagnostics of the config file and lints the other folders.

use std::cell::RefCell;
// Looked up once per file found: a fast hash (paths are not attacker-chosen keys here).
use foldhash::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use git2::Oid;

use super::{Config, FILE_NAMES, read_file};
use crate::error::{ConfigError, SpannedError};
use crate::git::Git;
use crate::input;
use crate::paths::{display, normalize, relative};

/// Where config files are read from.
pub enum Origin<'a> {
    /// The file system.
    Disk,
    /// The tree of a commit (`--rev`), shown as `REV:path`.
    Commit { git: &'a Git, commit: Oid, rev: &'a str },
}

/// The configs of one run (or of an editor session), found per folder and
/// kept. One thread's: with `--rev` it reads through libgit2, which cannot
/// be shared.
pub struct Configs<'a> {
    /// Config names are shown relative to it.
    cwd: PathBuf,
    /// The repository root: no config above it is used.
    repo: Option<PathBuf>,
    origin: Origin<'a>,
    /// `--config`.
    explicit: Option<Loaded>,
    by_folder: RefCell<HashMap<PathBuf, Loaded>>,
    by_file: RefCell<HashMap<PathBuf, Loaded>>,
    defaults: RefCell<Option<Arc<Config>>>,
    notes: RefCell<Vec<String>>,
    /// The configs that failed, not yet taken.
    errors: RefCell<Vec<ConfigError>>,
}

/// A config as loaded: shared, and so is its error.
type Loaded = Result<Arc<Config>, ConfigError>;

/// The config for one file, found as `pmlint check` finds it (the nearest
/// `pmlint.toml` from the file's folder up to its repository's root). For
/// many files, keep one [`Configs`] and call [`Configs::for_file`].
pub fn for_file(path: &Path) -> anyhow::Result<Arc<Config>> {
    let path = normalize(&std::path::absolute(path)?);
    let dir = path.parent().unwrap_or(&path);
    let configs = Configs::discover(dir, None)?;
    Ok(configs.for_file(&path)?)
}

impl<'a> Configs<'a> {
    /// Configs on disk. `cwd` is absolute; `repo` is the repository's root
    /// (its work tree, or its git folder when bare); `explicit` is
    /// `--config`, whose globs are relative to `repo` (or `cwd`), as a
    /// shared config kept elsewhere expects.
    pub fn new(cwd: &Path, repo: Option<&Path>, explicit: Option<&Path>) -> Configs<'a> {
        let mut configs = Configs::in_origin(cwd, repo, Origin::Disk);
        if let Some(file) = explicit {
            let file = normalize(&cwd.join(file));
            let dir = file.parent().unwrap_or(&file).to_path_buf();
            let loaded = configs.load_from_disk(&file, &dir, true).map(|mut config| {
                config.root = repo.unwrap_or(cwd).to_path_buf();
                config.base = config.root.clone();
                Arc::new(config)
            });
            configs.explicit = Some(configs.kept(loaded));
        }
        configs
    }

    /// Configs on disk for the repository holding `start` (or none).
    pub fn discover(start: &Path, explicit: Option<&Path>) -> anyhow::Result<Configs<'static>> {
        let repo = Git::find(start)?.and_then(|g| g.workdir());
        Ok(Configs::new(start, repo.as_deref(), explicit))
    }

    /// Configs from `origin`, with no `--config`.
    pub fn in_origin(cwd: &Path, repo: Option<&Path>, origin: Origin<'a>) -> Configs<'a> {
        Configs {
            cwd: cwd.to_path_buf(),
            repo: repo.map(Path::to_path_buf),
            origin,
            explicit: None,
            by_folder: RefCell::default(),
            by_file: RefCell::default(),
            defaults: RefCell::default(),
            notes: RefCell::default(),
            errors: RefCell::default(),
        }
    }

    /// The config for the file at `path` (absolute, normalised).
    pub fn for_file(&self, path: &Path) -> Result<Arc<Config>, ConfigError> {
        self.for_folder(path.parent().unwrap_or(path))
    }

    /// The config for the files of `dir` (absolute, normalised).
    pub fn for_folder(&self, dir: &Path) -> Result<Arc<Config>, ConfigError> {
        if let Some(config) = &self.explicit {
            return config.clone();
        }
        if let Some(config) = self.by_folder.borrow().get(dir) {
            return config.clone();
        }
        let config = match self.file_in(dir) {
            Some(file) => self.load(&file, dir),
            None => match dir.parent() {
                Some(parent) if self.repo.as_deref() != Some(dir) => self.for_folder(parent),
                _ => self.defaults(),
            },
        };
        self.by_folder
            .borrow_mut()
            .insert(dir.to_path_buf(), config.clone());
        config
    }

    /// Forgets every config read (a `pmlint.toml` changed); `--config` stays.
    pub fn clear(&self) {
        self.by_folder.borrow_mut().clear();
        self.by_file.borrow_mut().clear();
        self.errors.borrow_mut().clear();
    }

    /// The errors of each config that failed since the last call, once
    /// each, in the order they were found.
    pub fn take_errors(&self) -> Vec<ConfigError> {
        std::mem::take(&mut self.errors.borrow_mut())
    }

    /// `loaded`, its error (if any) kept for [`Configs::take_errors`].
    fn kept(&self, loaded: Loaded) -> Loaded {
        if let Err(e) = &loaded {
            self.errors.borrow_mut().push(e.clone());
        }
        loaded
    }

    /// What was noticed while looking (both `pmlint.toml` and
    /// `.pmlint.toml` in one folder), for the caller to say.
    pub fn take_notes(&self) -> Vec<String> {
        std::mem::take(&mut self.notes.borrow_mut())
    }

    /// The config file in `dir` itself, if any.
    fn file_in(&self, dir: &Path) -> Option<PathBuf> {
        let found: Vec<PathBuf> = FILE_NAMES
            .iter()
            .map(|n| dir.join(n))
            .filter(|p| match &self.origin {
                // Present in any form: a dangling symlink or a folder is
                // reported when it is read, not skipped for another config.
                Origin::Disk => p.symlink_metadata().is_ok(),
                Origin::Commit { git, commit, .. } => git
                    .read_at(*commit, self.in_repo(p), input::DEFAULT_MAX_FILE_SIZE)
                    .is_some(),
            })
            .collect();
        if found.len() > 1 {
            self.notes.borrow_mut().push(format!(
                "both {} and {} exist; using the first",
                self.shown(&found[0]),
                self.shown(&found[1])
            ));
        }
        found.into_iter().next()
    }

    fn load(&self, file: &Path, dir: &Path) -> Loaded {
        if let Some(config) = self.by_file.borrow().get(file) {
            return config.clone();
        }
        let loaded = match &self.origin {
            Origin::Disk => self.load_from_disk(file, dir, false),
            Origin::Commit { git, commit, rev } => load_from_commit(git, *commit, rev, self.in_repo(file)),
        };
        let config = self.kept(loaded.map(|mut config| {
            config.root = dir.to_path_buf();
            config.base = self.repo.clone().unwrap_or_else(|| dir.to_path_buf());
            Arc::new(config)
        }));
        self.by_file
            .borrow_mut()
            .insert(file.to_path_buf(), config.clone());
        config
    }

    /// Reads a config file. The files it names must be inside the
    /// repository or the config's own folder, and a config file found (not
    /// `named` with `--config`) must be inside them too, symlinks resolved:
    /// a pull request must not be able to point pmlint at a CI secret.
    fn load_from_disk(&self, file: &Path, dir: &Path, named: bool) -> Result<Config, ConfigError> {
        let shown = self.shown(file);
        // A config folder inside the repository adds nothing to it: as a
        // root of its own, a symlinked folder would let it lead out.
        let tree = match self.repo.as_deref() {
            Some(repo) if dir.starts_with(repo) => input::Tree::new([repo]),
            repo => input::Tree::new(repo.into_iter().chain([dir])),
        };
        let own_tree = if named {
            input::Tree::anywhere()
        } else {
            tree.clone()
        };
        let text = input::read_text(file, &own_tree, input::DEFAULT_MAX_FILE_SIZE)
            .map_err(|e| SpannedError::new(&shown, "", 0..0, format!("cannot read the config file: {e}")))?;
        let read = |p: &Path| input::read_text(p, &tree, input::DEFAULT_MAX_FILE_SIZE);
        Config::from_text(Some(Path::new(&shown)), &text, dir, &read)
    }

    /// The config with no file: the built-in settings, their globs matched
    /// from the repository root (outside one, anywhere in the path).
    fn defaults(&self) -> Result<Arc<Config>, ConfigError> {
        if let Some(config) = &*self.defaults.borrow() {
            return Ok(config.clone());
        }
        let fs_root = self.cwd.ancestors().last().unwrap_or(&self.cwd).to_path_buf();
        let root = self.repo.clone().unwrap_or(fs_root);
        let mut config = Config::from_text(None, "", &root, &read_file)?;
        config.base = root;
        let config = Arc::new(config);
        *self.defaults.borrow_mut() = Some(config.clone());
        Ok(config)
    }

    /// `path` as the repository has it (for reading from a commit).
    fn in_repo<'p>(&self, path: &'p Path) -> &'p Path {
        self.repo
            .as_deref()
            .and_then(|r| path.strip_prefix(r).ok())
            .unwrap_or(path)
    }

    /// A config file's name as shown: relative to the current folder, or
    /// `REV:path` in a commit.
    fn shown(&self, file: &Path) -> String {
        match &self.origin {
            Origin::Disk => display(&relative(file, &self.cwd)),
            Origin::Commit { rev, .. } => format!("{rev}:{}", display(self.in_repo(file))),
        }
    }
}

/// A config file in the tree of `commit`; the packs it names are read from
/// there too.
fn load_from_commit(git: &Git, commit: Oid, rev: &str, file: &Path) -> Result<Config, ConfigError> {
    let shown = format!("{rev}:{}", display(file));
    let not_found = || std::io::Error::new(std::io::ErrorKind::NotFound, "not in the commit");
    let read = |p: &Path| -> std::io::Result<String> {
        git.read_at(commit, &normalize(p), input::DEFAULT_MAX_FILE_SIZE)
            .unwrap_or_else(|| Err(not_found()))
    };
    let text = read(file)
        .map_err(|e| SpannedError::new(&shown, "", 0..0, format!("cannot read the config file: {e}")))?;
    let dir = file.parent().unwrap_or(Path::new(""));
    Config::from_text(Some(Path::new(&shown)), &text, dir, &read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_load_per_config_file_and_one_lookup_per_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let root = normalize(tmp.path());
        for dir in ["a/b/c", "a/d", "e"] {
            std::fs::create_dir_all(root.join(dir)).unwrap();
        }
        std::fs::write(root.join("a/pmlint.toml"), "").unwrap();
        let configs = Configs::new(&root, Some(&root), None);
        let c = configs.for_file(&root.join("a/b/c/x.md")).unwrap();
        let d = configs.for_file(&root.join("a/d/y.md")).unwrap();
        let e = configs.for_file(&root.join("e/z.md")).unwrap();
        assert!(Arc::ptr_eq(&c, &d), "a/pmlint.toml serves both folders");
        assert_eq!(c.file.as_deref(), Some(Path::new("a/pmlint.toml")));
        assert_eq!(e.file, None);
        // Every folder on the way was looked up once and kept.
        let folders = configs.by_folder.borrow();
        for dir in ["a/b/c", "a/b", "a", "a/d", "e", ""] {
            assert!(folders.contains_key(&root.join(dir)), "{dir}");
        }
        assert_eq!(configs.by_file.borrow().len(), 1);
    }
}
