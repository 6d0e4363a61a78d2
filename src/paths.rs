//! Path helpers: lexical, never touching the file system, so that every
//! layer (git, input, config, discovery) can use them.

use std::path::{Component, Path, PathBuf};

/// `path` relative to `base`, with `..` where needed. Both absolute.
pub fn relative(path: &Path, base: &Path) -> PathBuf {
    // Most paths lie under `base`: no vectors of components then.
    if let Ok(rest) = path.strip_prefix(base) {
        return rest.components().collect();
    }
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

/// A path for display: `/` separators, no leading `./`. A `\\` becomes `/`
/// only where it is the platform's separator: elsewhere it is part of a name.
pub fn display(path: &Path) -> String {
    let s = path.to_string_lossy();
    let s = if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/").into()
    } else {
        s
    };
    let mut s = &*s;
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
        assert_eq!(
            relative(Path::new("/r/a/b.md"), Path::new("/r/a")),
            PathBuf::from("b.md")
        );
        assert_eq!(display(Path::new("./x/./y.md")), "x/./y.md");
        #[cfg(unix)]
        assert_eq!(display(Path::new("a\\b.md")), "a\\b.md");
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
    }
}
