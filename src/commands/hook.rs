//! `pmlint hook install|uninstall`: a plain git pre-commit hook that runs
//! `pmlint check --staged`, for teams that do not use the pre-commit
//! framework. It honours `core.hooksPath`, and never touches a hook it did
//! not write.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use crate::git::Git;

/// The line that marks a hook as pmlint's.
const MARKER: &str = "# installed by `pmlint hook install`";

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

fn script(pmlint: &Path) -> String {
    let quoted = pmlint.display().to_string().replace('\'', r"'\''");
    format!(
        "#!/bin/sh\n{MARKER}; `pmlint hook uninstall` removes it.\n\
         # Lints the postmortems staged for this commit, as they will be committed.\n\
         pmlint='{quoted}'\n\
         [ -x \"$pmlint\" ] || pmlint=pmlint\n\
         exec \"$pmlint\" check --staged\n"
    )
}

fn is_ours(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|t| t.contains(MARKER))
}

pub fn install(force: bool) -> anyhow::Result<u8> {
    let cwd = std::env::current_dir()?;
    let git = Git::open(&cwd, "`pmlint hook install`")?;
    if git.repo.is_bare() {
        bail!("a bare repository has no commits made in it; see contrib/pre-receive for a server-side hook");
    }
    let dir = hooks_dir(&git)?;
    let hook = dir.join("pre-commit");
    if hook.exists() && !is_ours(&hook) && !force {
        bail!(
            "{} already exists and pmlint did not write it; add `pmlint check --staged` to it, \
             or pass --force to replace it",
            hook.display()
        );
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    if hook.exists() && !is_ours(&hook) {
        // --force: keep what it replaces.
        let backup = dir.join("pre-commit.bak");
        std::fs::rename(&hook, &backup).with_context(|| format!("cannot move {} aside", hook.display()))?;
        eprintln!("pmlint: moved the existing hook to {}", backup.display());
    }
    let exe = std::env::current_exe().context("cannot tell where pmlint is")?;
    // Write next to it, then rename: a half-written hook never runs.
    let tmp = dir.join(".pre-commit.pmlint-tmp");
    std::fs::write(&tmp, script(&exe)).with_context(|| format!("cannot write {}", tmp.display()))?;
    make_executable(&tmp)?;
    std::fs::rename(&tmp, &hook).with_context(|| format!("cannot write {}", hook.display()))?;
    eprintln!("pmlint: installed {}", hook.display());
    Ok(crate::EXIT_OK)
}

pub fn uninstall() -> anyhow::Result<u8> {
    let cwd = std::env::current_dir()?;
    let git = Git::open(&cwd, "`pmlint hook uninstall`")?;
    let hook = hooks_dir(&git)?.join("pre-commit");
    if !hook.exists() {
        eprintln!("pmlint: no pre-commit hook to remove");
        return Ok(crate::EXIT_OK);
    }
    if !is_ours(&hook) {
        bail!("{} was not written by pmlint; leaving it alone", hook.display());
    }
    std::fs::remove_file(&hook).with_context(|| format!("cannot remove {}", hook.display()))?;
    eprintln!("pmlint: removed {}", hook.display());
    // Put back what `install --force` moved aside.
    let backup = hook.with_file_name("pre-commit.bak");
    if backup.exists() {
        std::fs::rename(&backup, &hook).with_context(|| format!("cannot restore {}", backup.display()))?;
        eprintln!("pmlint: restored the previous hook from {}", backup.display());
    }
    Ok(crate::EXIT_OK)
}

#[cfg(unix)]
fn make_executable(path: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mut perms = std::fs::metadata(path)?.permissions();
    perms.set_mode(0o755);
    std::fs::set_permissions(path, perms)?;
    Ok(())
}

#[cfg(not(unix))]
fn make_executable(_: &Path) -> anyhow::Result<()> {
    Ok(())
}
