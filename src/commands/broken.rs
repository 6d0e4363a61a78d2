//! Configs that cannot be used, as reports of their own files: each mistake
//! an `invalid-config` diagnostic of the config or pack file it is in, so
//! that every format (a CI annotation, a SARIF result) points at it.

use std::path::Path;

use crate::error::ConfigError;
use crate::lint::FileReport;
use crate::paths::{display, relative};

/// One report per file with mistakes, in the order they were found. A pack
/// two configs name is reported once. Each path is shown as linted files
/// are, relative to `cwd`: a pack's (absolute as the config resolves it),
/// and, with `--rev`, a file of the commit (`REV:path`, `path` from the
/// repository root `repo`), so that annotations land on it.
pub fn reports(errors: &[ConfigError], cwd: &Path, rev: Option<(&str, &Path)>) -> Vec<FileReport> {
    let mut files: Vec<(&str, Vec<_>)> = Vec::new();
    for e in errors.iter().flat_map(|c| c.0.iter()) {
        let at = match files.iter().position(|(f, _)| *f == e.file) {
            Some(i) => i,
            None => {
                files.push((&e.file, Vec::new()));
                files.len() - 1
            }
        };
        let same = |o: &&crate::error::SpannedError| o.span == e.span && o.message == e.message;
        if !files[at].1.iter().any(same) {
            files[at].1.push(e);
        }
    }
    files
        .into_iter()
        .map(|(file, errors)| {
            let in_commit = rev.and_then(|(rev, repo)| {
                let path = file.strip_prefix(rev)?.strip_prefix(':')?;
                Some(repo.join(path))
            });
            let path = in_commit.unwrap_or_else(|| Path::new(file).to_path_buf());
            let shown = if path.is_absolute() {
                display(&relative(&path, cwd))
            } else {
                display(&path)
            };
            // Every error of one file carries that file's whole text.
            FileReport::invalid_config(shown, &errors[0].text, &errors)
        })
        .collect()
}
