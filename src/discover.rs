//! Which files to lint in the work tree.
//!
//! Folders are walked with ripgrep's `ignore` crate, so `.gitignore`,
//! `.ignore`, `.git/info/exclude` and the global excludes file are honoured,
//! inside a repository or not; hidden folders and nested repositories
//! (submodules) are skipped. Files named on the command line are linted even
//! when `include` does not match them (never when `exclude` does), unless
//! `--force-exclude` asks them to match `include` too, as a pre-commit hook
//! does.

use std::path::{Component, Path, PathBuf};

use crate::config::Config;

/// A file to lint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The path as the user would type it, relative to the current folder.
    pub display: String,
    /// Where to read it.
    pub path: PathBuf,
}

/// What discovery found.
#[derive(Debug, Default)]
pub struct Found {
    pub inputs: Vec<Input>,
    /// Paths named on the command line that do not exist: (display, error).
    pub missing: Vec<(String, String)>,
}

/// Finds the files to lint. `cwd` must be absolute; `default_root` is what
/// is walked when no path is given (the repository root, or `cwd`).
pub fn files(
    cwd: &Path,
    paths: &[PathBuf],
    config: &Config,
    default_root: &Path,
    force_exclude: bool,
) -> Found {
    let mut found = Found::default();
    if paths.is_empty() {
        walk(cwd, default_root, config, &mut found.inputs);
    }
    for p in paths {
        let abs = normalize(&cwd.join(p));
        match std::fs::metadata(&abs) {
            Ok(m) if m.is_dir() => walk(cwd, &abs, config, &mut found.inputs),
            Ok(_) => {
                let rel = relative_to_root(&abs, config, p);
                if config.is_excluded(&rel) || (force_exclude && !config.is_included(&rel)) {
                    continue;
                }
                found.inputs.push(Input {
                    display: display(p),
                    path: abs,
                });
            }
            Err(e) => found.missing.push((display(p), e.to_string())),
        }
    }
    found.inputs.sort_by(|a, b| a.display.cmp(&b.display));
    found.inputs.dedup_by(|a, b| a.path == b.path);
    found
}

fn walk(cwd: &Path, dir: &Path, config: &Config, out: &mut Vec<Input>) {
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .filter_entry(|e| {
            // A nested repository (a submodule) is another project.
            !(e.depth() > 0 && e.file_type().is_some_and(|t| t.is_dir()) && e.path().join(".git").exists())
        })
        .build();
    for entry in walker.flatten() {
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        let rel = relative_to_root(path, config, path);
        if !config.is_included(&rel) || config.is_excluded(&rel) {
            continue;
        }
        out.push(Input {
            display: display(&relative(path, cwd)),
            path: path.to_path_buf(),
        });
    }
}

/// The path globs are matched against: relative to the config root when
/// inside it, else as given.
fn relative_to_root(abs: &Path, config: &Config, given: &Path) -> PathBuf {
    abs.strip_prefix(&config.root)
        .map_or_else(|_| given.to_path_buf(), Path::to_path_buf)
}

/// `path` relative to `base`, with `..` where needed. Both absolute.
pub fn relative(path: &Path, base: &Path) -> PathBuf {
    let path: Vec<Component<'_>> = path.components().collect();
    let base: Vec<Component<'_>> = base.components().collect();
    let common = path.iter().zip(&base).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return path.iter().collect();
    }
    let mut out = PathBuf::new();
    for _ in common..base.len() {
        out.push("..");
    }
    for c in &path[common..] {
        out.push(c);
    }
    out
}

/// Removes `.` and folds `..` without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// A path for display: `/` separators, no leading `./`.
pub fn display(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut s = s.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    if s.is_empty() {
        ".".to_owned()
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative(Path::new("/r/a/b.md"), Path::new("/r")),
            PathBuf::from("a/b.md")
        );
        assert_eq!(
            relative(Path::new("/r/a/b.md"), Path::new("/r/c")),
            PathBuf::from("../a/b.md")
        );
        assert_eq!(display(Path::new("./x/./y.md")), "x/./y.md");
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
    }
}
