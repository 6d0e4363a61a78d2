//! The real pre-commit framework runs pmlint's hooks from this checkout
//! (`pre-commit try-repo`) on a temporary repository: it fails a staged bad
//! postmortem with pmlint's diagnostics, passes a good one, and leaves a
//! staged README.md alone.
//!
//! Needs `pre-commit` (from PyPI; `.ci/run` installs it). Without it the test
//! says so and passes, unless PMLINT_REQUIRE_PRE_COMMIT is set, as in CI.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{BAD, Dir, GOOD, isolated_git_env, manifest_dir};

fn pre_commit_available() -> bool {
    Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn try_repo(repo: &Path, home: &Path, hook: &str) -> Output {
    let mut cmd = Command::new("pre-commit");
    cmd.args([
        "try-repo",
        manifest_dir().to_str().unwrap(),
        hook,
        "--color",
        "never",
    ])
    .current_dir(repo)
    .env("PRE_COMMIT_HOME", home)
    // Build once for every run here, and faster than a release build.
    .env("CARGO_TARGET_DIR", manifest_dir().join("target/pre-commit-build"))
    .env("CARGO_PROFILE_RELEASE_LTO", "false")
    .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16");
    isolated_git_env(&mut cmd).output().expect("pre-commit runs")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn pre_commit_framework_runs_the_hooks() {
    if !pre_commit_available() {
        assert!(
            std::env::var_os("PMLINT_REQUIRE_PRE_COMMIT").is_none(),
            "pre-commit is not installed, and PMLINT_REQUIRE_PRE_COMMIT says it must be"
        );
        eprintln!("skipping: `pre-commit` is not installed (pip install pre-commit)");
        return;
    }
    let home = Dir::new();
    let d = Dir::new();
    d.git(&["init", "-q"]);
    d.write("README.md", "# Project\n");
    d.git(&["add", "-A"]);
    d.git(&["commit", "-qm", "init"]);

    // A staged README.md is Markdown but not a postmortem: left alone.
    d.write("README.md", "# Project\n\nThe outage was human error. TODO.\n");
    d.git(&["add", "-A"]);
    let out = try_repo(d.path(), home.path(), "pmlint");
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("pmlint") && text(&out).contains("Passed"),
        "{}",
        text(&out)
    );

    // A staged bad postmortem fails, with pmlint's diagnostics.
    d.write("postmortems/2026-03-02-queue.md", BAD);
    d.git(&["add", "-A"]);
    let out = try_repo(d.path(), home.path(), "pmlint");
    assert!(!out.status.success());
    let t = text(&out);
    assert!(t.contains("Failed"), "{t}");
    assert!(t.contains("error[blame-wording]: 'human error'"), "{t}");
    assert!(t.contains("postmortems/2026-03-02-queue.md:5:20"), "{t}");
    assert!(!t.contains("README.md:"), "README.md must not be linted: {t}");

    // Fixed: passes.
    d.write("postmortems/2026-03-02-queue.md", GOOD);
    d.git(&["add", "-A"]);
    let out = try_repo(d.path(), home.path(), "pmlint");
    assert!(out.status.success(), "{}", text(&out));

    // The wheel hook (maturin, `bindings = "bin"`) behaves the same.
    d.write("postmortems/2026-03-02-queue.md", BAD);
    d.git(&["add", "-A"]);
    let out = try_repo(d.path(), home.path(), "pmlint-python");
    assert!(!out.status.success());
    assert!(
        text(&out).contains("error[blame-wording]: 'human error'"),
        "{}",
        text(&out)
    );
}
