//! Git-native modes against real repositories made in temp folders:
//! `--staged`, `--diff-base` (with `--new-only`), `--rev` in a bare
//! repository, the pre-receive hook with a real `git push`, and
//! `pmlint hook install` with a real `git commit`.

mod common;

use std::path::Path;
use std::process::Command;

use common::{
    BAD, Dir, GOOD, TODAY, code, git, isolated_git_env, json_paths, pmlint, pmlint_bin, stderr, stdout,
};

fn short(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["check", "--today", TODAY, "--format", "short"];
    all.extend_from_slice(args);
    let out = pmlint(dir, &all);
    (code(&out), stdout(&out), stderr(&out))
}

/// A repository with one commit holding `files`.
fn repo(files: &[(&str, &str)]) -> Dir {
    let d = Dir::new();
    d.git(&["init", "-q", "-b", "main"]);
    for (path, text) in files {
        d.write(path, text);
    }
    d.git(&["add", "-A"]);
    d.git(&["commit", "-qm", "first"]);
    d
}

/// Without arguments in a work tree: what `git ls-files --cached --others
/// --exclude-standard` lists, less tracked files deleted from disk.
#[test]
fn the_work_tree_is_tracked_and_untracked_files_not_deleted_or_ignored() {
    let d = repo(&[
        ("postmortems/kept.md", BAD),
        ("postmortems/gone.md", BAD),
        ("postmortems/moved.md", BAD),
        ("postmortems/pipe.md", BAD),
        (".gitignore", "postmortems/ignored.md\n"),
    ]);
    std::fs::remove_file(d.path().join("postmortems/gone.md")).unwrap();
    // Tracked files that are now a folder and a FIFO (which libgit2's
    // status calls deleted) are still there, in another form.
    std::fs::remove_file(d.path().join("postmortems/moved.md")).unwrap();
    d.write("postmortems/moved.md/inside.txt", "x");
    std::fs::remove_file(d.path().join("postmortems/pipe.md")).unwrap();
    let fifo = Command::new("mkfifo")
        .arg(d.path().join("postmortems/pipe.md"))
        .output()
        .unwrap();
    assert!(fifo.status.success());
    d.write("postmortems/new.md", BAD)
        .write("postmortems/ignored.md", BAD);
    let out = pmlint(d.path(), &["check", "--show-files"]);
    assert_eq!(
        (code(&out), stdout(&out).as_str()),
        (
            0,
            "postmortems/kept.md\npostmortems/moved.md\npostmortems/new.md\npostmortems/pipe.md\n"
        )
    );
    let (status, out, _) = short(d.path(), &[]);
    assert_eq!(status, 2, "{out}");
    for not_regular in [
        "moved.md:1:1: error[unreadable-file]: not a regular file (a folder)",
        "pipe.md:1:1: error[unreadable-file]: not a regular file (a FIFO)",
    ] {
        assert!(out.contains(&format!("postmortems/{not_regular}")), "{out}");
    }
    assert!(!out.contains("gone.md") && !out.contains("ignored.md"), "{out}");
}

#[test]
fn staged_lints_the_index_not_the_work_tree() {
    let d = repo(&[("postmortems/a.md", GOOD)]);
    // Stage a blame phrase, then add more lines above it only in the work tree.
    d.write("postmortems/a.md", format!("{GOOD}\nIt was human error.\n"));
    d.git(&["add", "postmortems/a.md"]);
    d.write(
        "postmortems/a.md",
        format!("Unstaged line.\n\nAnother.\n{GOOD}\nIt was human error.\nCareless.\n"),
    );
    let (status, out, _) = short(d.path(), &["--staged"]);
    assert_eq!(status, 1);
    // Line 28 of the staged version; the work tree's extra lines do not count.
    assert_eq!(
        out,
        "postmortems/a.md:28:8: error[blame-wording]: 'human error' makes people the cause of the incident\n"
    );
}

#[test]
fn staged_counts_added_modified_renamed_and_copied_not_deleted() {
    let d = repo(&[
        ("postmortems/old.md", BAD),
        ("postmortems/keep.md", GOOD),
        ("postmortems/gone.md", BAD),
    ]);
    d.git(&["mv", "postmortems/old.md", "postmortems/renamed.md"]);
    d.git(&["rm", "-q", "postmortems/gone.md"]);
    d.write("postmortems/new.md", BAD).write("notes.md", BAD);
    d.git(&["add", "postmortems/new.md", "notes.md"]);
    let out = pmlint(
        d.path(),
        &["check", "--staged", "--today", TODAY, "--format", "json"],
    );
    let all: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json_paths(&all), ["postmortems/new.md", "postmortems/renamed.md"]);
}

#[test]
fn staged_skips_intent_to_add_files() {
    let d = repo(&[("postmortems/a.md", GOOD)]);
    d.write("postmortems/draft.md", "# draft\n").write("o.txt", "x");
    d.git(&["add", "-N", "postmortems/draft.md"]);
    d.git(&["add", "o.txt"]);
    let (status, out, err) = short(d.path(), &["--staged"]);
    assert_eq!((status, out.as_str()), (0, ""), "{err}");
}

#[test]
fn staged_new_only_reports_what_the_commit_adds() {
    let d = repo(&[("postmortems/old.md", BAD)]);
    d.write(
        "postmortems/old.md",
        BAD.replace(
            "Restarted.",
            "Restarted the consumers.\n\nHe forgot to drain the queue.",
        ),
    );
    d.git(&["add", "-A"]);
    let (status, out, _) = short(d.path(), &["--staged", "--new-only"]);
    assert_eq!(status, 0, "a warning only: {out}");
    assert_eq!(
        out,
        "postmortems/old.md:23:4: warning[hindsight-wording]: 'forgot to' blames a person for an omission\n"
    );
}

#[test]
fn staged_in_a_bare_repository_is_an_error() {
    let d = repo(&[("postmortems/a.md", GOOD)]);
    let bare = Dir::new();
    git(
        bare.path(),
        &["clone", "-q", "--bare", d.path().to_str().unwrap(), "b.git"],
    );
    let (status, _, err) = short(&bare.path().join("b.git"), &["--staged"]);
    assert_eq!(status, 2);
    assert!(err.contains("bare repository has none"), "{err}");
    let out = pmlint(&bare.path().join("b.git"), &["hook", "install"]);
    assert_eq!(code(&out), 2);
}

#[test]
fn nothing_staged_is_a_note_and_exit_0() {
    let d = repo(&[("postmortems/a.md", BAD)]);
    let (status, out, err) = short(d.path(), &["--staged"]);
    assert_eq!((status, out.as_str()), (0, ""));
    assert_eq!(err, "pmlint: no staged postmortem to lint\n");
}

#[test]
fn staged_works_before_the_first_commit() {
    let d = Dir::new();
    d.git(&["init", "-q"]);
    d.write("postmortems/a.md", BAD);
    d.git(&["add", "-A"]);
    let (status, out, _) = short(d.path(), &["--staged", "--select", "blame-wording"]);
    assert_eq!(status, 1);
    assert!(
        out.starts_with("postmortems/a.md:5:20: error[blame-wording]"),
        "{out}"
    );
    // Without commits there is no HEAD to compare with.
    let (status, _, err) = short(d.path(), &["--diff-base", "main"]);
    assert_eq!(status, 2);
    assert!(err.contains("no commits yet"), "{err}");
}

#[test]
fn from_a_subfolder_and_in_a_linked_worktree() {
    let d = repo(&[("postmortems/a.md", GOOD), ("docs/readme.txt", "x")]);
    d.write("postmortems/a.md", format!("{GOOD}\nCareless.\n"));
    d.git(&["add", "-A"]);
    let (_, out, _) = short(&d.path().join("docs"), &["--staged"]);
    assert!(
        out.starts_with("../postmortems/a.md:28:1: error[blame-wording]"),
        "{out}"
    );

    let wt = d.path().join("wt");
    d.git(&["worktree", "add", "-q", wt.to_str().unwrap()]);
    std::fs::write(
        wt.join("postmortems/a.md"),
        format!("{GOOD}\nThe operator was sloppy.\n"),
    )
    .unwrap();
    git(&wt, &["add", "-A"]);
    let (status, out, _) = short(&wt, &["--staged"]);
    assert_eq!(status, 1);
    assert!(out.contains("'sloppy'"), "{out}");
    assert!(
        !out.contains("Careless"),
        "the main work tree's index is not this one's"
    );
}

#[test]
fn not_a_repository_and_bad_revisions_exit_2() {
    let d = Dir::new();
    d.write("postmortems/a.md", BAD);
    for mode in [&["--staged"][..], &["--rev", "HEAD"], &["--diff-base", "main"]] {
        let (status, _, err) = short(d.path(), mode);
        assert_eq!(status, 2, "{mode:?}");
        assert!(err.contains("is not in a git repository"), "{err}");
    }
    let d = repo(&[("postmortems/a.md", BAD)]);
    let (status, _, err) = short(d.path(), &["--rev", "no-such-branch"]);
    assert_eq!(status, 2);
    assert!(err.contains("cannot resolve `no-such-branch`"), "{err}");
    let (status, _, err) = short(d.path(), &["--diff-base", "origin/nope"]);
    assert_eq!(status, 2);
    assert!(err.contains("cannot resolve `origin/nope`"), "{err}");
    let out = pmlint(d.path(), &["check", "--new-only"]);
    assert_eq!(code(&out), 2, "--new-only needs --diff-base");
}

/// A repository whose `main` has an old postmortem with old problems, and a
/// `feature` branch made from it.
fn pr_repo() -> Dir {
    let d = repo(&[("postmortems/old.md", BAD), ("postmortems/good.md", GOOD)]);
    d.git(&["checkout", "-q", "-b", "feature"]);
    d
}

fn commit_all(d: &Dir, message: &str) {
    d.git(&["add", "-A"]);
    d.git(&["commit", "-qm", message]);
}

#[test]
fn diff_base_lints_only_what_the_branch_changed() {
    let d = pr_repo();
    d.write("postmortems/added.md", BAD);
    commit_all(&d, "add a postmortem");
    let (status, out, _) = short(d.path(), &["--diff-base", "main"]);
    assert_eq!(status, 1);
    assert!(
        out.lines().all(|l| l.starts_with("postmortems/added.md:")),
        "{out}"
    );
    assert!(!out.is_empty());
}

/// Blobs are read by the workers: one that cannot be read is that file's
/// error, and the other files are still linted.
#[test]
fn diff_base_reports_an_unreadable_blob_on_its_file_and_lints_the_rest() {
    let d = pr_repo();
    for name in ["a", "b", "c", "d"] {
        d.write(
            &format!("postmortems/{name}.md"),
            format!("{BAD}\nFile {name}.\n"),
        );
    }
    commit_all(&d, "add four postmortems");
    let oid = stdout(&git(d.path(), &["rev-parse", "HEAD:postmortems/b.md"]));
    let oid = oid.trim();
    std::fs::remove_file(d.path().join(".git/objects").join(&oid[..2]).join(&oid[2..])).unwrap();
    let (status, out, _) = short(d.path(), &["--diff-base", "main"]);
    assert_eq!(status, 2, "{out}");
    let b: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("postmortems/b.md:"))
        .collect();
    assert_eq!(b.len(), 1, "{out}");
    assert!(
        b[0].contains("error[unreadable-file]") && b[0].contains(oid),
        "{out}"
    );
    for name in ["a", "c", "d"] {
        let prefix = format!("postmortems/{name}.md:");
        assert!(
            out.lines()
                .any(|l| l.starts_with(&prefix) && l.contains("[blame-wording]")),
            "{out}"
        );
    }
}

/// With `--new-only`, an old version that cannot be read is an error, not
/// "everything is new".
#[test]
fn new_only_with_an_unreadable_old_version_is_an_error() {
    let d = pr_repo();
    d.write("postmortems/old.md", format!("{BAD}\nOne more line.\n"));
    commit_all(&d, "touch the old postmortem");
    let oid = stdout(&git(d.path(), &["rev-parse", "main:postmortems/old.md"]));
    let oid = oid.trim();
    std::fs::remove_file(d.path().join(".git/objects").join(&oid[..2]).join(&oid[2..])).unwrap();
    let out = pmlint(
        d.path(),
        &[
            "check",
            "--today",
            TODAY,
            "--format",
            "short",
            "--diff-base",
            "main",
            "--new-only",
        ],
    );
    assert_eq!(code(&out), 2, "{}{}", stdout(&out), stderr(&out));
    let said = format!("{}{}", stdout(&out), stderr(&out));
    assert!(said.contains(oid), "{said}");
    assert!(!said.contains("[blame-wording]"), "{said}");
}

#[test]
fn new_only_passes_a_typo_fix_in_an_old_file_with_old_problems() {
    let d = pr_repo();
    d.write(
        "postmortems/old.md",
        BAD.replace("Restarted.", "Restarted the consumers."),
    );
    commit_all(&d, "fix a typo");
    let (status, out, _) = short(d.path(), &["--diff-base", "main"]);
    assert_eq!(status, 1, "without --new-only the old problems show: {out}");
    let (status, out, _) = short(d.path(), &["--diff-base", "main", "--new-only"]);
    assert_eq!((status, out.as_str()), (0, ""));
}

#[test]
fn new_only_passes_a_typo_fix_on_a_line_with_an_old_problem() {
    let d = pr_repo();
    d.write(
        "postmortems/old.md",
        BAD.replace(
            "The root cause was human error.",
            "The root cause was human error!",
        ),
    );
    commit_all(&d, "punctuation");
    let (status, out, _) = short(d.path(), &["--diff-base", "main", "--new-only"]);
    assert_eq!((status, out.as_str()), (0, ""));
}

#[test]
fn new_only_keeps_old_problems_old_when_lines_move() {
    let d = pr_repo();
    d.write(
        "postmortems/old.md",
        BAD.replace(
            "## Summary\n",
            "## Summary\n\nA new first paragraph.\n\nAnd a second.\n",
        ),
    );
    commit_all(&d, "add paragraphs above old problems");
    let (status, out, _) = short(d.path(), &["--diff-base", "main", "--new-only"]);
    assert_eq!((status, out.as_str()), (0, ""));
}

#[test]
fn new_only_fails_a_pr_that_deletes_the_action_items_section() {
    let d = pr_repo();
    let without = GOOD.split("## Action items").next().unwrap();
    d.write("postmortems/good.md", without);
    commit_all(&d, "drop the action items");
    let (status, out, _) = short(d.path(), &["--diff-base", "main", "--new-only"]);
    assert_eq!(status, 1);
    assert_eq!(
        out,
        "postmortems/good.md:1:3: error[missing-section]: missing required section 'Action items'\n"
    );
}

#[test]
fn new_only_reports_new_problems_on_touched_lines_and_from_context() {
    let d = pr_repo();
    // A new blame phrase, and an owner removed from a line the change did not touch.
    let edited = GOOD
        .replace(
            "A consumer deadlocked on a slow lock.",
            "The operator was careless.",
        )
        .replace(" (Owner: @queue-team, due 2026-12-01)", " (due 2026-12-01)");
    d.write("postmortems/good.md", &edited);
    commit_all(&d, "edit");
    let (status, out, _) = short(d.path(), &["--diff-base", "main", "--new-only"]);
    assert_eq!(status, 1);
    assert_eq!(
        out,
        "postmortems/good.md:18:18: error[blame-wording]: 'careless' judges a person's character, not the system\n\
         postmortems/good.md:26:7: error[action-item-missing-owner]: action item has no owner\n"
    );
}

#[test]
fn new_only_renamed_file_keeps_its_history() {
    let d = pr_repo();
    d.git(&["mv", "postmortems/old.md", "postmortems/2026-01-01-old.md"]);
    commit_all(&d, "rename");
    let (status, out, _) = short(d.path(), &["--diff-base", "main", "--new-only"]);
    assert_eq!((status, out.as_str()), (0, ""));
}

#[test]
fn shallow_clone_without_the_merge_base_says_to_fetch_history() {
    let origin = pr_repo();
    origin.write("postmortems/feature.md", GOOD);
    commit_all(&origin, "feature work");
    origin.git(&["checkout", "-q", "main"]);
    origin.write("postmortems/main.md", GOOD);
    commit_all(&origin, "main moves on");

    let clone = Dir::new();
    let url = format!("file://{}", origin.path().display());
    git(
        clone.path(),
        &[
            "clone",
            "-q",
            "--depth",
            "1",
            "--no-single-branch",
            "--branch",
            "feature",
            &url,
            "c",
        ],
    );
    let c = clone.path().join("c");
    let (status, _, err) = short(&c, &["--diff-base", "origin/main"]);
    assert_eq!(status, 2);
    assert!(
        err.contains("shallow clone") && err.contains("fetch-depth: 0"),
        "{err}"
    );
}

#[test]
fn rev_skips_symlinks() {
    let d = repo(&[("postmortems/a.md", GOOD)]);
    std::os::unix::fs::symlink("a.md", d.path().join("postmortems/link.md")).unwrap();
    commit_all(&d, "link");
    let (status, out, _) = short(d.path(), &["--rev", "HEAD"]);
    assert_eq!((status, out.as_str()), (0, ""));
}

#[test]
fn rev_reads_a_commit_in_a_bare_repository_with_its_own_config() {
    let d = repo(&[
        ("postmortems/a.md", BAD),
        (
            "pmlint.toml",
            "[rules]\nsections = \"off\"\naction-items = \"off\"\n",
        ),
    ]);
    let bare = Dir::new();
    git(
        bare.path(),
        &["clone", "-q", "--bare", d.path().to_str().unwrap(), "b.git"],
    );
    let b = bare.path().join("b.git");
    let (status, out, _) = short(&b, &["--rev", "main"]);
    assert_eq!(status, 1);
    assert_eq!(
        out,
        "postmortems/a.md:5:20: error[blame-wording]: 'human error' makes people the cause of the incident\n\
         postmortems/a.md:17:14: warning[hindsight-wording]: 'should have known' judges a decision with hindsight\n"
    );
    // Paths restrict what is linted; a path the commit does not have is an error.
    let (status, out, err) = short(&b, &["--rev", "main", "pmlint.toml"]);
    assert_eq!((status, out.as_str()), (0, ""));
    assert!(err.contains("no postmortem files in `main`"), "{err}");
    let (status, _, err) = short(&b, &["--rev", "main", "docs"]);
    assert_eq!(status, 2);
    assert!(err.contains("docs: no such file or folder"), "{err}");
}

#[test]
fn pre_receive_hook_rejects_a_push_that_adds_errors() {
    let server = Dir::new();
    git(server.path(), &["init", "-q", "--bare", "-b", "main", "srv.git"]);
    let srv = server.path().join("srv.git");
    let hook = srv.join("hooks/pre-receive");
    std::fs::copy(common::manifest_dir().join("contrib/pre-receive"), &hook).unwrap();

    let d = repo(&[("postmortems/a.md", GOOD), ("README.md", "hi\n")]);
    d.git(&["remote", "add", "origin", srv.to_str().unwrap()]);
    let bin_dir = Path::new(pmlint_bin()).parent().unwrap().to_owned();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let push = |branch: &str| {
        isolated_git_env(
            Command::new("git")
                .args(["push", "-q", "origin", branch])
                .current_dir(d.path()),
        )
        .env("PATH", &path)
        .output()
        .unwrap()
    };
    let ok = push("main");
    assert!(ok.status.success(), "{}", stderr(&ok));

    // Two commits: the first clean, the second adds blame wording.
    d.write("README.md", "hello\n");
    commit_all(&d, "docs");
    d.write(
        "postmortems/a.md",
        format!("{GOOD}\nThe operator was careless.\n"),
    );
    commit_all(&d, "blame");
    let rejected = push("main");
    assert!(!rejected.status.success());
    let err = stderr(&rejected);
    assert!(err.contains("error[blame-wording]: 'careless'"), "{err}");
    assert!(err.contains("pre-receive hook declined"), "{err}");

    // Fixed: accepted.
    d.write(
        "postmortems/a.md",
        format!("{GOOD}\nThe review checklist has no item for config limits.\n"),
    );
    commit_all(&d, "blameless");
    d.git(&["reset", "-q", "--soft", "HEAD~3"]);
    commit_all(&d, "docs and a clearer analysis");
    let ok = push("main");
    assert!(ok.status.success(), "{}", stderr(&ok));
}

#[test]
fn plain_git_hook_blocks_a_bad_commit_and_allows_a_clean_one() {
    let d = repo(&[("postmortems/a.md", GOOD)]);
    let out = pmlint(d.path(), &["hook", "install"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let hook = d.path().join(".git/hooks/pre-commit");
    assert!(std::fs::read_to_string(&hook).unwrap().contains("check --staged"));

    let commit = |msg: &str| {
        isolated_git_env(
            Command::new("git")
                .args(["commit", "-qm", msg])
                .current_dir(d.path()),
        )
        .output()
        .unwrap()
    };
    d.write("postmortems/a.md", format!("{GOOD}\nIt was human error.\n"));
    d.git(&["add", "-A"]);
    let refused = commit("bad");
    assert!(!refused.status.success());
    // git shows a hook's output on stderr.
    assert!(
        stderr(&refused).contains("error[blame-wording]"),
        "{}",
        stderr(&refused)
    );

    d.write(
        "postmortems/a.md",
        format!("{GOOD}\nThe deploy tool has no dry-run.\n"),
    );
    d.git(&["add", "-A"]);
    let allowed = commit("good");
    assert!(
        allowed.status.success(),
        "{}{}",
        stdout(&allowed),
        stderr(&allowed)
    );

    // Uninstall removes it; a hook pmlint did not write is left alone.
    assert_eq!(code(&pmlint(d.path(), &["hook", "uninstall"])), 0);
    assert!(!hook.exists());
    std::fs::write(&hook, "#!/bin/sh\necho theirs\n").unwrap();
    let out = pmlint(d.path(), &["hook", "install"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("pmlint did not write it"),
        "{}",
        stderr(&out)
    );
    assert_eq!(code(&pmlint(d.path(), &["hook", "uninstall"])), 2);
    assert_eq!(
        std::fs::read_to_string(&hook).unwrap(),
        "#!/bin/sh\necho theirs\n"
    );
    assert_eq!(code(&pmlint(d.path(), &["hook", "install", "--force"])), 0);
    assert!(std::fs::read_to_string(&hook).unwrap().contains("check --staged"));
    // What --force replaced is kept.
    let backup = d.path().join(".git/hooks/pre-commit.bak");
    assert_eq!(
        std::fs::read_to_string(&backup).unwrap(),
        "#!/bin/sh\necho theirs\n"
    );
    // Uninstalling puts it back.
    assert_eq!(code(&pmlint(d.path(), &["hook", "uninstall"])), 0);
    assert_eq!(
        std::fs::read_to_string(&hook).unwrap(),
        "#!/bin/sh\necho theirs\n"
    );
    assert!(!backup.exists());
}

#[test]
fn plain_git_hook_honours_core_hooks_path() {
    let d = repo(&[("postmortems/a.md", GOOD)]);
    d.git(&["config", "core.hooksPath", ".githooks"]);
    assert_eq!(code(&pmlint(d.path(), &["hook", "install"])), 0);
    assert!(d.path().join(".githooks/pre-commit").exists());
    assert!(!d.path().join(".git/hooks/pre-commit").exists());
}
