//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The fixed "today" the tests judge overdue items against.
pub const TODAY: &str = "2026-06-01";

pub fn pmlint_bin() -> &'static str {
    env!("CARGO_BIN_EXE_pmlint")
}

/// The variables with which git (and pmlint, run from a hook) find a
/// repository other than the current folder's. Inherited from a hook or
/// from `git rebase --exec 'cargo test'`, they would aim every git command
/// of a test, and pmlint itself, at the repository being developed.
const GIT_LOCATION: &[&str] = &[
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
];

/// A command that finds repositories from its current folder only.
pub fn command(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut cmd = Command::new(program);
    for var in GIT_LOCATION {
        cmd.env_remove(var);
    }
    cmd
}

/// Runs pmlint in `dir` with no colour and no user environment leaking in.
pub fn pmlint(dir: &Path, args: &[&str]) -> Output {
    command(pmlint_bin())
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("pmlint runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally")
}

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary folder with files in it.
pub struct Dir {
    pub tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Self {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
        self
    }

    /// Runs `git` here with a fixed identity.
    pub fn git(&self, args: &[&str]) -> Output {
        git(self.path(), args)
    }
}

/// Gives a command that runs git a fixed identity and no user config, and
/// makes it find the repository from its current folder.
pub fn isolated_git_env(cmd: &mut Command) -> &mut Command {
    for var in GIT_LOCATION {
        cmd.env_remove(var);
    }
    cmd.env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
}

/// The distinct `path`s of a JSON report, in order.
pub fn json_paths(all: &[serde_json::Value]) -> Vec<String> {
    let mut paths: Vec<String> = all
        .iter()
        .map(|v| v["path"].as_str().unwrap().to_owned())
        .collect();
    paths.dedup();
    paths
}

/// Runs `git` in `dir` with a fixed identity and no user config.
pub fn git(dir: &Path, args: &[&str]) -> Output {
    let out = isolated_git_env(Command::new("git").args(args).current_dir(dir))
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A complete, clean postmortem.
pub const GOOD: &str = "\
# Queue backlog, 2026-03-02

## Summary

The job queue backed up for an hour.

## Impact

Twelve percent of jobs ran late.

## Timeline

- 09:00 UTC backlog starts
- 10:00 UTC consumers restarted

## Contributing factors

A consumer deadlocked on a slow lock.

## Resolution

The consumers were restarted.

## Action items

- [ ] Add a deadlock detector (Owner: @queue-team, due 2026-12-01)
";

/// A postmortem with one problem of each group.
pub const BAD: &str = "\
# Queue backlog

## Summary

The root cause was human error.

## Impact

TBD

## Timeline

- 09:00 UTC backlog starts

## Contributing factors

The operator should have known.

## Resolution

Restarted.

## Action items

- [ ] Add a deadlock detector
";
