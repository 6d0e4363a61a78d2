//! Which files to lint in the work tree.
//!
//! Inside a repository, the files git knows about: tracked ones and
//! untracked ones that are not ignored (so `.gitignore` applies, submodules
//! and nested repositories are skipped, and a tracked file in a hidden
//! folder counts, as it does for `--staged` and `--rev`). Outside one, the
//! folder tree, walked with ripgrep's `ignore` crate (`.gitignore`, `.ignore`
//! and the global excludes still apply; hidden folders are skipped).
//!
//! Files named on the command line are linted even when `include` does not
//! match them (never when `exclude` does), unless `--force-exclude` asks them
//! to match `include` too, as a pre-commit hook does. A named file that is
//! not Markdown by its extension (`config.yaml`) is skipped with a note: a
//! script that passes every changed file should not lint YAML as a
//! postmortem.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::resolve::Configs;
use crate::config::{Config, Verdict};
use crate::git::Git;
use crate::paths::{display, normalize, relative};

/// A file to lint.
#[derive(Clone, Debug)]
pub struct Input {
    /// The path relative to the current folder, with `/` separators.
    pub display: String,
    /// Where to read it.
    pub path: PathBuf,
    /// The config that applies to it.
    pub config: Arc<Config>,
}

/// What discovery found.
#[derive(Debug, Default)]
pub struct Found {
    pub inputs: Vec<Input>,
    /// Paths named on the command line that cannot be linted: (display, why).
    pub missing: Vec<(String, String)>,
    /// Files named on the command line that are not linted, and why.
    pub skipped: Vec<(String, Skip)>,
    /// What the folders walked held, to say why nothing was found.
    pub walked: Walked,
}

/// Why a file named on the command line is not linted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    /// Not Markdown by its extension (`config.yaml`, `Cargo.toml`).
    NotMarkdown,
    /// Matched by `exclude`: the built-in patterns, or those of `config`.
    Excluded { config: Option<String>, builtin: bool },
    /// `--force-exclude`, and `include` does not match it; `by` names
    /// that `include` (see [`include_of`]).
    NotIncluded { by: String },
}

impl Skip {
    /// Why a named file is not linted under `config`, if it is not.
    pub fn of(verdict: Verdict, config: &Config) -> Option<Skip> {
        let name = || config.file.as_ref().map(|f| display(f));
        match verdict {
            Verdict::Lint => None,
            Verdict::Excluded { builtin } => Some(Skip::Excluded {
                config: name(),
                builtin,
            }),
            Verdict::NotIncluded => Some(Skip::NotIncluded {
                by: include_of(config),
            }),
        }
    }
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let of = |config: &Option<String>| {
            config
                .as_ref()
                .map_or_else(|| "the built-in".to_owned(), |c| format!("{c}'s"))
        };
        match self {
            Skip::NotMarkdown => f.write_str("not a Markdown file (.md, .markdown, ...)"),
            Skip::Excluded { builtin: true, .. } => f.write_str("matched by the built-in `exclude`"),
            Skip::Excluded { config, .. } => write!(f, "matched by {} `exclude`", of(config)),
            Skip::NotIncluded { by } => write!(f, "not matched by {by} (--force-exclude)"),
        }
    }
}

/// The Markdown files in the folders walked, to say why none was chosen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Walked {
    pub markdown: usize,
    /// Matched by `include`, then set aside by `exclude`.
    pub excluded: usize,
    /// The `include`s that did not match one: "the built-in `include`",
    /// "docs/pmlint.toml's `include`".
    pub not_included_by: std::collections::BTreeSet<String>,
}

/// The extensions of Markdown files.
pub const MARKDOWN_EXTENSIONS: &[&str] = &[
    "md", "markdown", "mdown", "mdwn", "mkd", "mkdn", "mkdown", "mdtxt", "mdtext", "mdx", "qmd", "rmd",
];

/// Is `path` a Markdown file by its extension?
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| MARKDOWN_EXTENSIONS.iter().any(|m| m.eq_ignore_ascii_case(e)))
}

/// Finds the files to lint. `cwd` must be absolute; `repo` is the
/// repository holding it, if any. With no `paths`, the whole repository (or
/// `cwd` outside one) is linted.
pub fn files(
    cwd: &Path,
    paths: &[PathBuf],
    configs: &Configs<'_>,
    repo: Option<&Git>,
    force_exclude: bool,
) -> anyhow::Result<Found> {
    let root = repo.and_then(Git::workdir).unwrap_or_else(|| cwd.to_path_buf());
    // The files git knows about, absolute; listed only when a folder is
    // walked, so that a hook passing file names does not pay for it. When
    // git cannot list them, that is the error: walking the folder instead
    // would lint another set of files (and miss those in hidden folders).
    let mut known: Option<Vec<PathBuf>> = None;
    let mut found = Found::default();
    let mut folder = |dir: &Path, found: &mut Found| -> anyhow::Result<()> {
        let Some(repo) = repo else {
            return walk(cwd, dir, configs, found);
        };
        if known.is_none() {
            known = Some(repo.worktree_files()?.into_iter().map(|f| root.join(f)).collect());
        }
        let everything = dir == root;
        for f in known
            .iter()
            .flatten()
            .filter(|f| everything || f.starts_with(dir))
        {
            consider(f, cwd, configs, found);
        }
        Ok(())
    };
    if paths.is_empty() {
        folder(&root, &mut found)?;
    }
    for p in paths {
        let abs = normalize(&cwd.join(p));
        let shown = || display(&relative(&abs, cwd));
        match std::fs::metadata(&abs) {
            Ok(m) if m.is_dir() => folder(&abs, &mut found)?,
            Ok(m) if m.is_file() && !is_markdown(&abs) => found.skipped.push((shown(), Skip::NotMarkdown)),
            Ok(m) if m.is_file() => {
                // A broken config: its folders are reported as its errors.
                let Ok(config) = configs.for_file(&abs) else {
                    continue;
                };
                match Skip::of(config.verdict(&abs, true, force_exclude), &config) {
                    None => found.inputs.push(input(&abs, cwd, config)),
                    Some(why) => found.skipped.push((shown(), why)),
                }
            }
            Ok(m) => {
                let kind = crate::input::kind_of(&m).unwrap_or("a special file");
                found
                    .missing
                    .push((shown(), format!("not a regular file ({kind}); not linted")))
            }
            Err(e) => found.missing.push((shown(), e.to_string())),
        }
    }
    found.inputs.sort_by(|a, b| a.display.cmp(&b.display));
    found.inputs.dedup_by(|a, b| a.path == b.path);
    Ok(found)
}

fn input(abs: &Path, cwd: &Path, config: Arc<Config>) -> Input {
    Input {
        display: display(&relative(abs, cwd)),
        path: abs.to_path_buf(),
        config,
    }
}

/// A file found in a folder: a postmortem to lint, or counted for the note
/// when nothing is found. Under a broken config, neither: which files are
/// postmortems is the config's to say, and its errors are reported instead
/// (see [`Configs::take_errors`]).
fn consider(f: &Path, cwd: &Path, configs: &Configs<'_>, found: &mut Found) {
    let Ok(config) = configs.for_file(f) else {
        return;
    };
    if config.chooses(f) {
        found.inputs.push(input(f, cwd, config));
    } else if is_markdown(f) && config.includes(f) {
        found.walked.excluded += 1;
    } else if is_markdown(f) {
        found.walked.not_included_by.insert(include_of(&config));
    }
    found.walked.markdown += usize::from(is_markdown(f));
}

/// Which `include` a config has: "the built-in `include`", "pmlint.toml's
/// `include`", or both (`extend-include`).
pub fn include_of(config: &Config) -> String {
    let own = config
        .file
        .as_ref()
        .filter(|_| !config.include.patterns.is_empty());
    match (own, config.include.builtin) {
        (Some(file), false) => format!("{}'s `include`", display(file)),
        (Some(file), true) => format!("the built-in `include` or {}'s `extend-include`", display(file)),
        (None, _) => "the built-in `include`".to_owned(),
    }
}

fn walk(cwd: &Path, dir: &Path, configs: &Configs<'_>, found: &mut Found) -> anyhow::Result<()> {
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .filter_entry(|e| {
            // A nested repository is another project.
            !(e.depth() > 0 && e.file_type().is_some_and(|t| t.is_dir()) && e.path().join(".git").exists())
        })
        .build();
    for entry in walker.flatten() {
        if entry.file_type().is_some_and(|t| t.is_file()) {
            consider(entry.path(), cwd, configs, found);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_by_extension() {
        for p in ["a.md", "b.MD", "c.markdown", "d.mdx", "e.mkd"] {
            assert!(is_markdown(Path::new(p)), "{p}");
        }
        for p in ["config.yaml", "Cargo.toml", "README", "notes.txt", "md"] {
            assert!(!is_markdown(Path::new(p)), "{p}");
        }
    }
}
