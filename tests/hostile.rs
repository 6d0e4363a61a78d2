//! Input an attacker (or bad luck) puts in a repository: pmlint must not
//! crash, hang, exhaust memory, drive the terminal or print files it was not
//! asked to lint. Each test runs the real binary on real files (FIFOs,
//! symlinks, sparse files, git repositories) and checks the exit status,
//! the message, and that the other files of the same run are still linted.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{BAD, Dir, GOOD, TODAY, code, git, pmlint_bin, stderr, stdout};

/// Runs `pmlint check --format short` in `dir` with at most 1 GiB of address
/// space, so that a regression fails the test instead of the machine, and
/// kills it if it has not finished after a minute (a hang, not slowness:
/// every run here takes well under a second).
fn bounded(dir: &Path, args: &[&str]) -> Output {
    bounded_with_stdin(dir, args, Stdio::null())
}

fn bounded_with_stdin(dir: &Path, args: &[&str], stdin: Stdio) -> Output {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -v 1048576; today=$1; shift; exec "$0" check --today "$today" --format short "$@""#)
        .arg(pmlint_bin())
        .arg(TODAY)
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pmlint runs");
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            child.kill().expect("kill");
            panic!("pmlint hung: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn mkfifo(path: &Path) {
    let out = Command::new("mkfifo").arg(path).output().expect("mkfifo runs");
    assert!(out.status.success(), "mkfifo: {}", stderr(&out));
}

fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) {
    std::os::unix::fs::symlink(target, link).expect("symlink");
}

/// Nine levels of nine aliases: 2 KB that stand for 9^9 values.
fn alias_bomb() -> String {
    let mut text = String::from("---\na: &a [x, x, x, x, x, x, x, x, x]\n");
    let names: Vec<char> = "abcdefghi".chars().collect();
    for w in names.windows(2) {
        let refs = vec![format!("*{}", w[0]); 9].join(", ");
        text.push_str(&format!("{}: &{} [{refs}]\n", w[1], w[1]));
    }
    text + "---\n" + GOOD
}

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

/// At the first alias past the limit: line 6, `e: &e [*d, ...`.
const BOMB_MESSAGE: &str = "postmortems/bomb.md:6:8: error[invalid-front-matter]: invalid YAML front matter: \
    its aliases (`*name`) stand for more than 10000 values; tools that expand them run out of memory";

#[test]
fn an_alias_bomb_is_invalid_front_matter_and_the_run_goes_on() {
    let d = Dir::new();
    d.write("postmortems/bomb.md", alias_bomb())
        .write("postmortems/bad.md", BAD)
        .write("postmortems/good.md", GOOD);
    let out = bounded(d.path(), &["--select", "invalid-front-matter,blame-wording"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let out = stdout(&out);
    assert!(
        out.contains("postmortems/bad.md:5:20: error[blame-wording]"),
        "{out}"
    );
    assert!(out.lines().any(|l| l == BOMB_MESSAGE), "{out}");
}

#[test]
fn an_alias_bomb_pushed_to_a_bare_repository_is_linted_with_rev() {
    let d = repo(&[
        ("postmortems/bomb.md", &alias_bomb()),
        ("postmortems/bad.md", BAD),
        ("postmortems/good.md", GOOD),
    ]);
    let server = Dir::new();
    git(
        server.path(),
        &["clone", "-q", "--bare", d.path().to_str().unwrap(), "srv.git"],
    );
    let out = bounded(
        &server.path().join("srv.git"),
        &["--rev", "main", "--select", "invalid-front-matter,blame-wording"],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let lines: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(
        lines,
        [
            "postmortems/bad.md:5:20: error[blame-wording]: 'human error' names a person as the cause of the incident",
            BOMB_MESSAGE,
        ]
    );
}

/// Lines of `--format short` output for `file`.
fn lines_for(out: &Output, file: &str) -> Vec<String> {
    stdout(out)
        .lines()
        .filter(|l| l.starts_with(&format!("{file}:")))
        .map(str::to_owned)
        .collect()
}

#[test]
fn fifos_devices_and_symlinks_out_of_the_repository_are_not_opened() {
    let outside = Dir::new();
    outside.write("secret.md", "# Secret\n\nTOKEN=hunter2, and it was human error\n");
    let d = repo(&[("postmortems/bad.md", BAD), ("postmortems/target.md", BAD)]);
    let pm = d.path().join("postmortems");
    mkfifo(&d.path().join("fifo"));
    symlink("../fifo", pm.join("fifo.md"));
    // (A FIFO itself is no file to git: `git status` does not list it.)
    symlink("/dev/zero", pm.join("zero.md"));
    symlink(outside.path().join("secret.md"), pm.join("secret.md"));
    symlink("nowhere.md", pm.join("dangling.md"));
    symlink("target.md", pm.join("inside.md"));
    let out = bounded(d.path(), &["--select", "blame-wording"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));

    let refused = |file: &str, why: &str| {
        assert_eq!(
            lines_for(&out, &format!("postmortems/{file}")),
            [format!(
                "postmortems/{file}:1:1: error[unreadable-file]: {why}; not linted"
            )],
        );
    };
    refused("fifo.md", "not a regular file (a FIFO)");
    refused(
        "zero.md",
        "a symlink to /dev/zero, outside the repository; pmlint does not follow it",
    );
    refused("dangling.md", "a symlink to nowhere.md, which does not exist");
    let real = std::fs::canonicalize(outside.path().join("secret.md")).unwrap();
    refused(
        "secret.md",
        &format!(
            "a symlink to {}, outside the repository; pmlint does not follow it",
            real.display()
        ),
    );
    assert!(!stdout(&out).contains("hunter2"));
    // A symlink that stays inside the repository is linted, and so is the rest.
    let blame = ":5:20: error[blame-wording]: 'human error' names a person as the cause of the incident";
    for file in ["bad.md", "inside.md", "target.md"] {
        assert_eq!(
            lines_for(&out, &format!("postmortems/{file}")),
            [format!("postmortems/{file}{blame}")]
        );
    }

    // Named on the command line, the same.
    let out = bounded(
        d.path(),
        &["postmortems/fifo.md", "postmortems/zero.md", "postmortems/bad.md"],
    );
    assert_eq!(code(&out), 2);
    assert!(stdout(&out).contains(
        "postmortems/fifo.md:1:1: error[unreadable-file]: not a regular file (a FIFO); not linted"
    ));
    assert!(stdout(&out).contains(
        "postmortems/zero.md:1:1: error[unreadable-file]: not a regular file (a character device); not linted"
    ));
    assert!(stdout(&out).contains("postmortems/bad.md:5:20: error[blame-wording]"));
}

#[test]
fn outside_a_repository_symlinks_and_fifos_are_not_walked() {
    let outside = Dir::new();
    outside.write("secret.md", BAD);
    let d = Dir::new();
    d.write("postmortems/bad.md", BAD);
    mkfifo(&d.path().join("postmortems/pipe.md"));
    symlink(
        outside.path().join("secret.md"),
        d.path().join("postmortems/secret.md"),
    );
    let out = bounded(d.path(), &["--select", "blame-wording"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "postmortems/bad.md:5:20: error[blame-wording]: 'human error' names a person as the cause of the incident\n"
    );
    // Named, a symlink out of the folder is refused like in a repository,
    // and a FIFO is not opened.
    let out = bounded(
        d.path(),
        &[
            "postmortems/secret.md",
            "postmortems/pipe.md",
            "postmortems/bad.md",
        ],
    );
    assert_eq!(code(&out), 2);
    let out = stdout(&out);
    assert!(
        out.contains("secret.md, outside the repository; pmlint does not follow it; not linted"),
        "{out}"
    );
    assert!(
        out.contains(
            "postmortems/pipe.md:1:1: error[unreadable-file]: not a regular file (a FIFO); not linted"
        ),
        "{out}"
    );
    assert!(
        out.contains("postmortems/bad.md:5:20: error[blame-wording]"),
        "{out}"
    );
}

#[test]
fn a_sparse_gigabyte_is_refused_without_reading_it() {
    let d = Dir::new();
    d.write("postmortems/bad.md", BAD);
    let huge = std::fs::File::create(d.path().join("postmortems/huge.md")).unwrap();
    huge.set_len(1 << 30).unwrap();
    // Over the default limit: refused by its size, never opened for reading.
    let out = bounded(d.path(), &["--select", "blame-wording"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(
        lines_for(&out, "postmortems/huge.md"),
        [
            "postmortems/huge.md:1:1: error[unreadable-file]: too large (1 GiB; the limit is 16 MiB, \
          set by `max-file-size` in pmlint.toml); not linted"
        ]
    );
    assert_eq!(lines_for(&out, "postmortems/bad.md").len(), 1);
    // Under a raised limit, the first bytes show it is binary: the rest is
    // not read (1 GiB would not fit the 1 GiB address space of the test).
    d.write("pmlint.toml", "max-file-size = \"2GiB\"\n");
    let out = bounded(d.path(), &["--select", "blame-wording"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(
        lines_for(&out, "postmortems/huge.md"),
        ["postmortems/huge.md:1:1: error[unreadable-file]: binary file (a NUL byte); not linted"]
    );
    assert_eq!(lines_for(&out, "postmortems/bad.md").len(), 1);
}

#[test]
fn max_file_size_applies_to_files_standard_input_and_git_blobs() {
    let big = format!("{BAD}\n{}\n", "More words. ".repeat(200));
    let d = repo(&[
        ("postmortems/big.md", &big),
        ("postmortems/bad.md", BAD),
        ("pmlint.toml", "max-file-size = 1000\n"),
    ]);
    let too_large = format!(
        "error[unreadable-file]: too large ({}; the limit is 1000 bytes, set by `max-file-size` in pmlint.toml); not linted",
        pmlint::input::human_size(big.len() as u64)
    );
    for args in [
        &["--select", "blame-wording"][..],
        &["--rev", "HEAD", "--select", "blame-wording"],
    ] {
        let out = bounded(d.path(), args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert_eq!(
            lines_for(&out, "postmortems/big.md"),
            [format!("postmortems/big.md:1:1: {too_large}")]
        );
        assert_eq!(lines_for(&out, "postmortems/bad.md").len(), 1, "{args:?}");
    }
    // Standard input is read up to the limit, no further.
    let stdin_file = d.path().join("stdin.txt");
    std::fs::write(&stdin_file, &big).unwrap();
    let out = bounded_with_stdin(
        d.path(),
        &["-"],
        Stdio::from(std::fs::File::open(&stdin_file).unwrap()),
    );
    assert_eq!(code(&out), 2);
    assert!(
        stdout(&out)
            .starts_with("-:1:1: error[unreadable-file]: too large (over the limit of 1000 bytes, set by"),
        "{}",
        stdout(&out)
    );
    // An endless stream of NUL bytes is binary after the first few.
    let out = bounded_with_stdin(
        d.path(),
        &["-"],
        Stdio::from(std::fs::File::open("/dev/zero").unwrap()),
    );
    assert_eq!(code(&out), 2);
    assert_eq!(
        stdout(&out),
        "-:1:1: error[unreadable-file]: binary file (a NUL byte); not linted\n"
    );
}

/// Runs `pmlint check` with a secret in its environment, as a CI job has.
fn with_secret(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(pmlint_bin())
        .arg("check")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("CI_JOB_TOKEN", "s3cr3t-t0ken")
        .output()
        .expect("pmlint runs");
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(!all.contains("s3cr3t"), "the secret leaked:\n{all}");
    (code(&out), all)
}

#[test]
fn a_config_cannot_point_pmlint_at_files_outside_the_repository() {
    let outside = Dir::new();
    outside.write("secret.toml", "token = \"s3cr3t-t0ken\"\n");
    let d = repo(&[("postmortems/bad.md", BAD)]);
    symlink(outside.path().join("secret.toml"), d.path().join("link.toml"));
    let outside_rel = pmlint::discover::relative(&outside.path().join("secret.toml"), d.path())
        .display()
        .to_string();
    for (pack, why) in [
        (
            "/proc/self/environ",
            "outside the repository and the config file's folder, where pmlint reads no files",
        ),
        (
            outside_rel.as_str(),
            "outside the repository and the config file's folder, where pmlint reads no files",
        ),
        (
            ".git/config",
            "inside a .git folder, whose files pmlint never reads",
        ),
        ("link.toml", "outside the repository; pmlint does not follow it"),
    ] {
        for key in ["packs = [", "template = "] {
            let close = if key.starts_with("packs") { "]" } else { "" };
            d.write("pmlint.toml", format!("{key}\"{pack}\"{close}\n"));
            let (status, out) = with_secret(d.path(), &[]);
            assert_eq!(status, 2, "{pack}: {out}");
            assert!(out.contains(why), "{pack}: expected {why:?} in\n{out}");
        }
    }
}

#[test]
fn a_file_that_is_not_a_pack_is_not_echoed() {
    let d = repo(&[("postmortems/bad.md", BAD)]);
    d.write("ci.env", "CI_JOB_TOKEN=s3cr3t-t0ken\nOTHER=1\n")
        .write("creds.toml", "[registry]\ntoken = \"s3cr3t-t0ken\"\n");
    d.write("pmlint.toml", "packs = [\"ci.env\"]\n");
    let (status, out) = with_secret(d.path(), &[]);
    assert_eq!(status, 2);
    assert!(
        out.contains("ci.env: not a valid phrase pack: TOML syntax error at line 1, column 14: string values must be quoted"),
        "{out}"
    );
    d.write("pmlint.toml", "packs = [\"creds.toml\"]\n");
    let (status, out) = with_secret(d.path(), &[]);
    assert_eq!(status, 2);
    assert!(
        out.contains("creds.toml: not a phrase pack: it has no `rule = ...` line"),
        "{out}"
    );
    d.write("pmlint.toml", "template = \"creds.toml\"\n");
    let (status, out) = with_secret(d.path(), &[]);
    assert_eq!(status, 2);
    assert!(
        out.contains("creds.toml: not a template pack: it has no `[[section]]` table"),
        "{out}"
    );
}

#[test]
fn fifos_and_devices_named_by_a_config_are_not_opened() {
    let d = repo(&[("postmortems/bad.md", BAD)]);
    mkfifo(&d.path().join("fifo.toml"));
    for key in [
        "packs = [\"fifo.toml\"]",
        "template = \"fifo.toml\"",
        "packs = [\"/dev/zero\"]",
    ] {
        d.write("pmlint.toml", format!("{key}\n"));
        let out = bounded(d.path(), &[]);
        assert_eq!(code(&out), 2, "{key}");
        let err = stderr(&out);
        assert!(
            err.contains("not a regular file (a FIFO)") || err.contains("outside the repository"),
            "{key}: {err}"
        );
    }
    // The config file itself, found by discovery.
    std::fs::remove_file(d.path().join("pmlint.toml")).unwrap();
    mkfifo(&d.path().join("pmlint.toml"));
    let out = bounded(d.path(), &[]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("cannot read the config file: not a regular file (a FIFO)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_config_file_that_is_a_symlink_out_of_the_repository_is_not_read() {
    let outside = Dir::new();
    outside.write("pmlint.toml", "token = \"s3cr3t-t0ken\"\n");
    let d = repo(&[("postmortems/bad.md", BAD)]);
    symlink(outside.path().join("pmlint.toml"), d.path().join("pmlint.toml"));
    let (status, out) = with_secret(d.path(), &[]);
    assert_eq!(status, 2);
    assert!(out.contains("cannot read the config file: a symlink to"), "{out}");
    assert!(
        out.contains("outside the repository; pmlint does not follow it"),
        "{out}"
    );
    // A dangling one is an error too, not a silent fall back to the defaults.
    std::fs::remove_file(d.path().join("pmlint.toml")).unwrap();
    symlink("nowhere.toml", d.path().join("pmlint.toml"));
    let (status, out) = with_secret(d.path(), &[]);
    assert_eq!(status, 2);
    assert!(
        out.contains("a symlink to nowhere.toml, which does not exist"),
        "{out}"
    );
}

#[test]
fn a_pull_request_cannot_print_the_ci_environment_with_diff_base() {
    let d = repo(&[("postmortems/a.md", GOOD)]);
    d.git(&["checkout", "-q", "-b", "pr"]);
    d.write("pmlint.toml", "packs = [\"/proc/self/environ\"]\n")
        .write("postmortems/b.md", GOOD);
    d.git(&["add", "-A"]);
    d.git(&["commit", "-qm", "pr"]);
    let (status, out) = with_secret(d.path(), &["--diff-base", "main"]);
    assert_eq!(status, 2, "{out}");
    assert!(
        out.contains("outside the repository and the config file's folder"),
        "{out}"
    );
}

#[test]
fn with_rev_the_config_reads_only_regular_files_of_the_commit() {
    let d = repo(&[("postmortems/bad.md", BAD), ("pack.toml", "x = 1\n")]);
    symlink("/proc/self/environ", d.path().join("env.toml"));
    d.git(&["add", "-A"]);
    d.git(&["commit", "-qm", "link"]);
    for (pack, why) in [
        ("../../../proc/self/environ", "outside the repository"),
        ("/proc/self/environ", "outside the repository"),
        (".git/config", "inside a .git folder"),
        ("env.toml", "not a regular file (a symlink)"),
        ("pack.toml", "not a phrase pack: it has no `rule = ...` line"),
    ] {
        d.write("pmlint.toml", format!("packs = [\"{pack}\"]\n"));
        d.git(&["add", "-A"]);
        d.git(&["commit", "-qm", "config"]);
        let (status, out) = with_secret(d.path(), &["--rev", "HEAD"]);
        assert_eq!(status, 2, "{pack}: {out}");
        assert!(out.contains(why), "{pack}: expected {why:?} in\n{out}");
    }
}
