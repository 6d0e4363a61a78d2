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

use crate::config::Config;
use crate::git::Git;
use crate::paths::{display, normalize, relative};

/// A file to lint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The path relative to the current folder, with `/` separators.
    pub display: String,
    /// Where to read it.
    pub path: PathBuf,
}

/// What discovery found.
#[derive(Debug, Default)]
pub struct Found {
    pub inputs: Vec<Input>,
    /// Paths named on the command line that cannot be linted: (display, why).
    pub missing: Vec<(String, String)>,
    /// Files named on the command line that `exclude` (or, with
    /// `--force-exclude`, `include`) set aside.
    pub skipped: Vec<String>,
    /// Files named on the command line that are not Markdown by their
    /// extension (`config.yaml`, `Cargo.toml`): skipped with a note.
    pub not_markdown: Vec<String>,
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
    config: &Config,
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
            walk(cwd, dir, config, &mut found.inputs);
            return Ok(());
        };
        if known.is_none() {
            known = Some(repo.worktree_files()?.into_iter().map(|f| root.join(f)).collect());
        }
        for f in known
            .iter()
            .flatten()
            .filter(|f| f.starts_with(dir) && config.chooses(f))
        {
            found.inputs.push(input(f, cwd));
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
            Ok(m) if m.is_file() && !is_markdown(&abs) => found.not_markdown.push(shown()),
            Ok(m) if m.is_file() && config.accepts_named(&abs, force_exclude) => {
                found.inputs.push(input(&abs, cwd))
            }
            Ok(m) if m.is_file() => found.skipped.push(shown()),
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

fn input(abs: &Path, cwd: &Path) -> Input {
    Input {
        display: display(&relative(abs, cwd)),
        path: abs.to_path_buf(),
    }
}

fn walk(cwd: &Path, dir: &Path, config: &Config, out: &mut Vec<Input>) {
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .filter_entry(|e| {
            // A nested repository is another project.
            !(e.depth() > 0 && e.file_type().is_some_and(|t| t.is_dir()) && e.path().join(".git").exists())
        })
        .build();
    for entry in walker.flatten() {
        if entry.file_type().is_some_and(|t| t.is_file()) && config.chooses(entry.path()) {
            out.push(input(entry.path(), cwd));
        }
    }
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
