//! `pmlint hook install|uninstall`: a plain git pre-commit hook that runs
//! `pmlint check --staged`, for teams that do not use the pre-commit
//! framework. It honours `core.hooksPath`, and never destroys a hook it did
//! not write: anything already there (a file, a symlink, even a dangling
//! one) is someone else's, replaced only with `--force` and then kept under
//! a backup name no other file has, which `uninstall` puts back.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use crate::ExitStatus;
use crate::git::Git;

/// The line that marks a hook as pmlint's.
const MARKER: &str = "# installed by `pmlint hook install`";
/// Where the hook records the one it replaced.
const BACKUP_LINE: &str = "# pmlint moved the hook it replaced to: ";

/// The hooks folder of the repository holding `cwd`.
fn hooks_dir(git: &Git) -> anyhow::Result<PathBuf> {
    let configured = git
        .repo
        .config()
        .ok()
        .and_then(|c| c.get_path("core.hooksPath").ok());
    Ok(match configured {
        Some(p) if p.is_absolute() => p,
        // Relative to the work tree's root, as git reads it.
        Some(p) => git
            .workdir()
            .unwrap_or_else(|| git.repo.path().to_path_buf())
            .join(p),
        // Linked worktrees share the main repository's hooks.
        None => git.repo.commondir().join("hooks"),
    })
}

fn script(pmlint: &Path, backup: Option<&str>) -> String {
    let quoted = pmlint.display().to_string().replace('\'', r"'\''");
    let backup = backup.map_or_else(String::new, |b| format!("{BACKUP_LINE}{b}\n"));
    format!(
        "#!/bin/sh\n{MARKER}; `pmlint hook uninstall` removes it.\n\
         {backup}\
         # Lints the postmortems staged for this commit, as they will be committed.\n\
         pmlint='{quoted}'\n\
         [ -x \"$pmlint\" ] || pmlint=pmlint\n\
         exec \"$pmlint\" check --staged\n"
    )
}

/// Is anything at `path`, a dangling symlink included?
fn exists(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

/// pmlint's hook: a regular file (never a symlink: pmlint writes none) with
/// the marker in it. Read with the usual limits, so a FIFO there cannot hang.
fn read_ours(path: &Path) -> Option<String> {
    if !path.symlink_metadata().ok()?.is_file() {
        return None;
    }
    let (file, meta) = crate::input::open_regular(path).ok()?;
    let bytes = crate::input::read_open(file, Some(meta.len()), 1 << 20).ok()?;
    String::from_utf8(bytes).ok().filter(|t| t.contains(MARKER))
}

fn note(message: std::fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr(), "pmlint: {message}");
}

pub fn install(force: bool) -> anyhow::Result<ExitStatus> {
    let cwd = std::env::current_dir()?;
    let git = Git::open(&cwd, "`pmlint hook install`")?;
    if git.repo.is_bare() {
        bail!("a bare repository has no commits made in it; see contrib/pre-receive for a server-side hook");
    }
    let dir = hooks_dir(&git)?;
    let hook = dir.join("pre-commit");
    let ours = read_ours(&hook);
    let foreign = exists(&hook) && ours.is_none();
    if foreign && !force {
        bail!(
            "{} already exists and pmlint did not write it; add `pmlint check --staged` to it, \
             or pass --force to replace it (it is kept as a backup)",
            hook.display()
        );
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    remove_stale_temporary_files(&dir);
    let exe = std::env::current_exe().context("cannot tell where pmlint is")?;
    let mode = if ours.is_some() {
        // The user's mode, executable by its owner at least.
        mode_of(&hook).map_or(0o755, |m| m | 0o100)
    } else {
        0o755
    };
    // The backup's name goes into the new hook, which is written in full
    // before anything is moved: killed half-way, nothing has changed.
    let backup_name = if foreign {
        Some(free_backup_name(&hook)?)
    } else {
        None
    };
    let recorded = match &backup_name {
        Some(name) => Some(name.clone()),
        None => ours.as_deref().and_then(recorded_backup).map(str::to_owned),
    };
    let text = script(&exe, recorded.as_deref());
    let mut backup = None;
    let written = write_atomically(
        &hook,
        mode,
        |f| f.write_all(text.as_bytes()),
        || {
            if let Some(name) = &backup_name {
                backup = Some(keep_backup(&hook, name)?);
            }
            Ok(())
        },
    );
    if let Err(e) = written {
        if let Some(b) = backup {
            b.undo(&hook);
        }
        return Err(e).with_context(|| format!("cannot write {}", hook.display()));
    }
    if let Some(b) = backup {
        note(format_args!("kept the existing hook as {}", b.path.display()));
    }
    note(format_args!("installed {}", hook.display()));
    Ok(ExitStatus::Success)
}

pub fn uninstall() -> anyhow::Result<ExitStatus> {
    let cwd = std::env::current_dir()?;
    let git = Git::open(&cwd, "`pmlint hook uninstall`")?;
    let hook = hooks_dir(&git)?.join("pre-commit");
    if !exists(&hook) {
        note(format_args!("no pre-commit hook to remove"));
        return Ok(ExitStatus::Success);
    }
    let Some(text) = read_ours(&hook) else {
        bail!("{} was not written by pmlint; leaving it alone", hook.display());
    };
    // Put back what `install --force` kept, in one rename over our hook.
    if let Some(name) = recorded_backup(&text) {
        let backup = hook.with_file_name(name);
        if exists(&backup) {
            std::fs::rename(&backup, &hook)
                .with_context(|| format!("cannot restore {}", backup.display()))?;
            note(format_args!(
                "removed pmlint's hook and restored {} from {}",
                hook.display(),
                backup.display()
            ));
            return Ok(ExitStatus::Success);
        }
        note(format_args!(
            "the hook pmlint replaced ({}) is gone; nothing to restore",
            backup.display()
        ));
    }
    std::fs::remove_file(&hook).with_context(|| format!("cannot remove {}", hook.display()))?;
    note(format_args!("removed {}", hook.display()));
    Ok(ExitStatus::Success)
}

/// The backup file name our hook's text records, if any (a plain name in
/// the same folder: never a path).
fn recorded_backup(text: &str) -> Option<&str> {
    text.lines()
        .find_map(|l| l.strip_prefix(BACKUP_LINE))
        .map(str::trim)
        .filter(|n| !n.is_empty() && !n.contains(['/', '\\']) && *n != "." && *n != "..")
}

/// A hook kept aside.
struct Backup {
    path: PathBuf,
    /// Moved rather than linked: the hook is not in place any more.
    moved: bool,
}

impl Backup {
    /// Puts things back as they were, when the new hook could not be written.
    fn undo(self, hook: &Path) {
        let _ = if self.moved {
            std::fs::rename(&self.path, hook)
        } else {
            std::fs::remove_file(&self.path)
        };
    }
}

/// The first of `pre-commit.bak`, `pre-commit.bak.1`, ... that is free.
fn free_backup_name(hook: &Path) -> anyhow::Result<String> {
    (0..1000)
        .map(|n| match n {
            0 => "pre-commit.bak".to_owned(),
            n => format!("pre-commit.bak.{n}"),
        })
        .find(|name| !exists(&hook.with_file_name(name)))
        .with_context(|| format!("{}: too many backups already; remove some", hook.display()))
}

/// Keeps what is at `hook` as `name` beside it: a hard link, so the hook
/// stays in place until the new one replaces it. Never over another file.
fn keep_backup(hook: &Path, name: &str) -> io::Result<Backup> {
    let path = hook.with_file_name(name);
    match std::fs::hard_link(hook, &path) {
        Ok(()) => Ok(Backup { path, moved: false }),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        // No hard links here (or to a symlink, on some systems): move it.
        Err(_) if !exists(&path) => {
            std::fs::rename(hook, &path)?;
            Ok(Backup { path, moved: true })
        }
        Err(e) => Err(e),
    }
}

const TMP_PREFIX: &str = ".pre-commit.pmlint-";

/// A new temporary file in `dir` (created, never opened over another
/// file), written by `write`, given `mode` and synced; removed again on
/// failure.
fn write_temporary(
    dir: &Path,
    mode: u32,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<PathBuf> {
    for n in 0..100 {
        let path = dir.join(format!("{TMP_PREFIX}{}-{n}.tmp", std::process::id()));
        let mut file = match File::options().write(true).create_new(true).open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        let written = write(&mut file)
            .and_then(|()| set_mode(&file, mode))
            .and_then(|()| file.sync_all());
        if let Err(e) = written {
            drop(file);
            let _ = std::fs::remove_file(&path);
            return Err(e);
        }
        return Ok(path);
    }
    Err(io::Error::other("cannot create a temporary file"))
}

/// Writes `path` atomically: a temporary file in the same folder, written
/// and synced, then (after `before_rename`) renamed over it. A failure at
/// any point leaves what was at `path` as it was, and no temporary file.
fn write_atomically(
    path: &Path,
    mode: u32,
    write: impl FnOnce(&mut File) -> io::Result<()>,
    before_rename: impl FnOnce() -> io::Result<()>,
) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = write_temporary(dir, mode, write)?;
    before_rename()
        .and_then(|()| std::fs::rename(&tmp, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })?;
    sync_dir(dir);
    Ok(())
}

/// Temporary files a killed install left behind (ours by their name).
fn remove_stale_temporary_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(TMP_PREFIX) && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Makes a rename in `dir` durable (best effort: not every system can).
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(unix)]
fn set_mode(file: &File, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_: &File, _: u32) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn mode_of(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    Some(path.metadata().ok()?.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn mode_of(_: &Path) -> Option<u32> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_mid_write_leaves_the_original_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let hook = dir.path().join("pre-commit");
        std::fs::write(&hook, "#!/bin/sh\necho theirs\n").unwrap();
        let mut renamed = false;
        let err = write_atomically(
            &hook,
            0o755,
            |f| {
                f.write_all(b"#!/bin/sh\nexec pm")?;
                Err(io::Error::other("disk full"))
            },
            || {
                renamed = true;
                Ok(())
            },
        )
        .unwrap_err();
        assert!(!renamed);
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(
            std::fs::read_to_string(&hook).unwrap(),
            "#!/bin/sh\necho theirs\n"
        );
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left, [std::ffi::OsString::from("pre-commit")]);
    }

    #[cfg(unix)]
    #[test]
    fn an_atomic_write_replaces_the_file_with_the_mode_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let hook = dir.path().join("pre-commit");
        std::fs::write(&hook, "old").unwrap();
        write_atomically(&hook, 0o750, |f| f.write_all(b"new"), || Ok(())).unwrap();
        assert_eq!(std::fs::read_to_string(&hook).unwrap(), "new");
        assert_eq!(mode_of(&hook), Some(0o750));
    }

    #[test]
    fn a_failure_before_the_rename_leaves_the_original_too() {
        let dir = tempfile::tempdir().unwrap();
        let hook = dir.path().join("pre-commit");
        std::fs::write(&hook, "theirs").unwrap();
        let err = write_atomically(
            &hook,
            0o755,
            |f| f.write_all(b"ours"),
            || Err(io::Error::other("no")),
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "no");
        assert_eq!(std::fs::read_to_string(&hook).unwrap(), "theirs");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn the_recorded_backup_is_a_name_in_the_same_folder() {
        let text = script(Path::new("/bin/pmlint"), Some("pre-commit.bak.2"));
        assert_eq!(recorded_backup(&text), Some("pre-commit.bak.2"));
        assert_eq!(recorded_backup(&format!("{BACKUP_LINE}../../x\n")), None);
        assert_eq!(recorded_backup(&script(Path::new("/bin/pmlint"), None)), None);
    }
}
