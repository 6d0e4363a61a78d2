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
    let mut child = common::command("sh")
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
            "postmortems/bad.md:5:20: error[blame-wording]: 'human error' makes people the cause of the incident",
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
    let blame = ":5:20: error[blame-wording]: 'human error' makes people the cause of the incident";
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
        "postmortems/bad.md:5:20: error[blame-wording]: 'human error' makes people the cause of the incident\n"
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
    let out = common::command(pmlint_bin())
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
    let outside_rel = pmlint::paths::relative(&outside.path().join("secret.toml"), d.path())
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
        // An invalid-config diagnostic of pmlint.toml, in the report.
        let err = stdout(&out);
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
        stdout(&out).contains("cannot read the config file: not a regular file (a FIFO)"),
        "{}",
        stdout(&out)
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

/// Bytes a terminal acts on: ESC, BEL, a bare CR, and CSI as UTF-8 (C2 9B).
fn has_terminal_controls(out: &[u8]) -> bool {
    out.iter().enumerate().any(|(i, &b)| {
        let next = out.get(i + 1).copied();
        b == 0x1b || b == 0x07 || (b == 0xc2 && next == Some(0x9b)) || (b == b'\r' && next != Some(b'\n'))
    })
}

fn run(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["check", "--today", TODAY];
    all.extend_from_slice(args);
    common::pmlint(dir, &all)
}

#[test]
fn file_names_and_content_cannot_drive_the_terminal() {
    let d = Dir::new();
    let content = "# T\n\nIt was \u{1b}]0;pwned\u{7} human error\u{1b}[2J, careless.\rFAKE LINE\n";
    d.write("postmortems/pm-\u{1b}[31mred.md", content)
        .write("postmortems/two\nlines.md", BAD);
    for format in ["human", "short"] {
        for color in ["never", "always"] {
            let out = run(
                d.path(),
                &["--select", "blame-wording", "--format", format, "--color", color],
            );
            assert_eq!(code(&out), 1);
            assert!(
                !has_terminal_controls(&out.stdout)
                    || color == "always" && !has_controls_but_colour(&out.stdout),
                "{format} --color {color}:\n{}",
                stdout(&out)
            );
        }
    }
    // Short: one line per diagnostic, the path and the quoted match escaped.
    let out = stdout(&run(
        d.path(),
        &["--select", "blame-wording", "--format", "short"],
    ));
    assert_eq!(
        out,
        "postmortems/pm-␛[31mred.md:3:19: error[blame-wording]: 'human error' makes people the cause of the incident\n\
         postmortems/pm-␛[31mred.md:3:36: error[blame-wording]: 'careless' judges a person's character, not the system\n\
         postmortems/two␊lines.md:5:20: error[blame-wording]: 'human error' makes people the cause of the incident\n"
    );
    // Human: the snippet shows the controls as symbols, in their columns.
    let out = stdout(&run(d.path(), &["--select", "blame-wording"]));
    assert!(out.contains("┌─ postmortems/pm-␛[31mred.md:3:19"), "{out}");
    assert!(
        out.contains("It was ␛]0;pwned␇ human error␛[2J, careless."),
        "{out}"
    );
    // JSON keeps the real path (escaped the JSON way).
    let out = run(d.path(), &["--select", "blame-wording", "--format", "json"]);
    let all: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(all[0]["path"], "postmortems/pm-\u{1b}[31mred.md");
    assert!(!has_terminal_controls(&out.stdout));
}

/// With --color always, the only ESC bytes are SGR colour codes.
fn has_controls_but_colour(out: &[u8]) -> bool {
    let text = String::from_utf8_lossy(out);
    let sgr = regex::Regex::new(r"\x1b\[[0-9;]*m").unwrap();
    has_terminal_controls(sgr.replace_all(&text, "").as_bytes())
}

#[test]
fn a_backslash_is_part_of_a_file_name() {
    let d = repo(&[("postmortems/a\\b.md", BAD)]);
    for args in [&[][..], &["--rev", "HEAD"]] {
        let mut all = vec!["--select", "blame-wording", "--format", "short"];
        all.extend_from_slice(args);
        let out = stdout(&run(d.path(), &all));
        assert_eq!(
            out,
            "postmortems/a\\b.md:5:20: error[blame-wording]: 'human error' makes people the cause of the incident\n",
            "{args:?}"
        );
        assert!(d.path().join("postmortems/a\\b.md").is_file());
    }
}

#[test]
fn a_file_name_that_is_not_utf8_is_linted_not_skipped() {
    use std::os::unix::ffi::OsStrExt;
    let d = repo(&[("postmortems/a.md", GOOD)]);
    let name = std::ffi::OsStr::from_bytes(b"postmortems/caf\xe9.md");
    std::fs::write(d.path().join(name), BAD).unwrap();
    let expected = "postmortems/caf\u{fffd}.md:5:20: error[blame-wording]: 'human error' makes people the cause of the incident\n";
    // Untracked, then tracked, then from the commit.
    let lint = |args: &[&str]| {
        let mut all = vec!["--select", "blame-wording", "--format", "short"];
        all.extend_from_slice(args);
        stdout(&run(d.path(), &all))
    };
    assert_eq!(lint(&[]), expected);
    d.git(&["add", "-A"]);
    d.git(&["commit", "-qm", "latin-1 name"]);
    assert_eq!(lint(&[]), expected);
    assert_eq!(lint(&["--rev", "HEAD"]), expected);
}

#[test]
fn a_long_line_gives_snippets_of_bounded_size() {
    // 5,000 problems on one 100 KB line: the whole line in every snippet
    // would print 500 MB.
    let d = Dir::new();
    d.write(
        "postmortems/long.md",
        format!("# T\n\n{}\n", "It was human error. ".repeat(5000)),
    );
    let out = run(d.path(), &["--select", "blame-wording"]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert_eq!(text.matches("error[blame-wording]").count(), 5000);
    assert!(out.stdout.len() < 5000 * 1000, "{} bytes", out.stdout.len());
    // True line and column, far along the line.
    assert!(
        text.contains("┌─ postmortems/long.md:3:99988"),
        "{}",
        &text[text.len() - 2000..]
    );
    // Each source line shown is a window: 100 characters each side of the
    // span, and an ellipsis where the line goes on.
    let shown: Vec<&str> = text.lines().filter(|l| l.starts_with("3 │ ")).collect();
    assert_eq!(shown.len(), 5000);
    assert!(
        shown
            .iter()
            .all(|l| l.chars().count() <= 4 + 1 + 100 + 11 + 100 + 1),
        "{shown:?}"
    );
    assert!(
        shown[2500].starts_with("3 │ …") && shown[2500].ends_with('…'),
        "{}",
        shown[2500]
    );
}

#[test]
fn offsets_count_bytes_of_the_file_as_stored() {
    let d = Dir::new();
    d.write("postmortems/latin1.md", b"# Caf\xe9 outage\n".as_slice())
        .write(
            "postmortems/cut.md",
            b"# T\n\nends in half a character \xe2\x82".as_slice(),
        )
        .write(
            "postmortems/nul.md",
            b"# T\n\nSome text\nmore\x00 here\n".as_slice(),
        );
    // A NUL past the first 8 KiB is a character of a text file.
    let late = format!("# T\n\n{}\n\nIt was \u{0} human error.\n", "Words. ".repeat(2000));
    d.write("postmortems/late-nul.md", &late);
    let out = run(d.path(), &["--format", "json", "--select", "blame-wording"]);
    assert_eq!(code(&out), 2);
    let all: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<(&str, &str, u64, u64, u64, u64)> = all
        .iter()
        .map(|v| {
            (
                v["path"].as_str().unwrap(),
                v["rule"].as_str().unwrap(),
                v["line"].as_u64().unwrap(),
                v["column"].as_u64().unwrap(),
                v["byte_start"].as_u64().unwrap(),
                v["byte_end"].as_u64().unwrap(),
            )
        })
        .collect();
    let late_at = late.find("human").unwrap() as u64;
    assert_eq!(
        got,
        [
            // The two bytes of a character cut short, not three.
            ("postmortems/cut.md", "unreadable-file", 3, 26, 30, 32),
            (
                "postmortems/late-nul.md",
                "blame-wording",
                5,
                10,
                late_at,
                late_at + 11
            ),
            ("postmortems/latin1.md", "unreadable-file", 1, 6, 5, 6),
            ("postmortems/nul.md", "unreadable-file", 4, 5, 19, 20),
        ]
    );
    assert_eq!(all[3]["message"], "binary file (a NUL byte); not linted");
}

#[test]
fn a_corrupt_index_is_an_error_not_a_different_set_of_files() {
    let d = repo(&[("postmortems/a.md", BAD), (".hidden/postmortems/b.md", BAD)]);
    std::fs::write(d.path().join(".git/index"), "garbage, not an index").unwrap();
    for args in [&["--select", "blame-wording"][..], &["--staged"]] {
        let out = bounded(d.path(), args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stdout(&out));
        let err = stderr(&out);
        let index = d.path().join(".git/index");
        assert!(
            err.contains(&format!("cannot read the git index {}", index.display()))
                && err.contains("git reset"),
            "{args:?}: {err}"
        );
        assert_eq!(stdout(&out), "", "{args:?}");
    }
    // A file named on the command line needs no index: it is linted.
    let out = bounded(d.path(), &["--select", "blame-wording", "postmortems/a.md"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
}

#[test]
fn a_repository_owned_by_someone_else_says_how_to_trust_it() {
    let d = repo(&[("postmortems/a.md", BAD)]);
    let chown = Command::new("chown")
        .args(["-R", "65534"])
        .arg(d.path().join(".git"))
        .output();
    if !chown.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: changing the owner of a repository needs root");
        return;
    }
    // A home of our own, so that no global safe.directory = * applies.
    let home = Dir::new();
    let run = |args: &[&str]| {
        common::command(pmlint_bin())
            .args([
                "check",
                "--today",
                TODAY,
                "--format",
                "short",
                "--select",
                "blame-wording",
            ])
            .args(args)
            .current_dir(d.path())
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env_remove("GIT_CONFIG_GLOBAL")
            .output()
            .unwrap()
    };
    for args in [&[][..], &["--staged"], &["--rev", "HEAD"]] {
        let out = run(args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stdout(&out));
        let err = stderr(&out);
        assert!(err.contains("it is owned by another user"), "{args:?}: {err}");
        assert!(
            err.contains(&format!(
                "git config --global --add safe.directory {}",
                d.path().display()
            )),
            "{args:?}: {err}"
        );
    }
    // The remedy works.
    home.write(
        ".gitconfig",
        format!("[safe]\n\tdirectory = {}\n", d.path().display()),
    );
    let out = run(&[]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stdout(&out).starts_with("postmortems/a.md:5:20: error[blame-wording]"));
}

#[test]
fn an_unresolved_merge_is_reported_in_the_work_tree_and_with_staged() {
    let d = repo(&[("postmortems/a.md", GOOD), ("postmortems/b.md", GOOD)]);
    d.git(&["checkout", "-q", "-b", "other"]);
    d.write("postmortems/a.md", GOOD.replace("for an hour", "for two hours"));
    d.git(&["commit", "-qam", "other"]);
    d.git(&["checkout", "-q", "main"]);
    d.write(
        "postmortems/a.md",
        GOOD.replace("for an hour", "for ninety minutes"),
    );
    d.git(&["commit", "-qam", "main"]);
    let merge = common::isolated_git_env(
        common::command("git")
            .args(["merge", "-q", "other"])
            .current_dir(d.path()),
    )
    .output()
    .unwrap();
    assert!(!merge.status.success(), "the merge must conflict");
    // Another change staged alongside.
    d.write("postmortems/b.md", format!("{GOOD}\nIt was human error.\n"));
    d.git(&["add", "postmortems/b.md"]);

    let out = bounded(d.path(), &["--select", "input,blame-wording"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(
        lines_for(&out, "postmortems/a.md"),
        [
            "postmortems/a.md:5:1: error[merge-conflict-marker]: unresolved merge conflict: `=======` on line 7, `>>>>>>>` on line 9"
        ]
    );
    let out = bounded(d.path(), &["--staged", "--select", "blame-wording"]);
    assert_eq!(code(&out), 2, "{}", stdout(&out));
    assert_eq!(
        lines_for(&out, "postmortems/a.md"),
        [
            "postmortems/a.md:1:1: error[unreadable-file]: unmerged: it has unresolved merge conflicts \
          (resolve them and `git add` it); not linted"
        ]
    );
    assert_eq!(lines_for(&out, "postmortems/b.md").len(), 1, "{}", stdout(&out));
}

#[test]
fn a_closed_pipe_keeps_the_exit_status_of_the_findings() {
    let d = Dir::new();
    d.write(
        "postmortems/bad.md",
        format!("{BAD}{}", "\nIt was human error.\n".repeat(3000)),
    );
    // The real thing: a shell pipeline with pipefail, as CI runs it.
    for format in ["human", "short", "json"] {
        let out = common::command("bash")
            .arg("-c")
            .arg(r#"set -o pipefail; "$0" check --format "$1" | head -n 1 >/dev/null"#)
            .arg(pmlint_bin())
            .arg(format)
            .current_dir(d.path())
            .output()
            .unwrap();
        assert_eq!(code(&out), 1, "{format}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{format}");
    }
    // And with the pipe closed for certain before pmlint is done: its output
    // is larger than a pipe holds, so it blocks until the reader goes away.
    let mut child = common::command(pmlint_bin())
        .args(["check", "--format", "short"])
        .current_dir(d.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
}

fn exists(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

fn hook_cmd(dir: &Path, args: &[&str]) -> Output {
    common::pmlint(dir, &[&["hook"][..], args].concat())
}

const THEIRS: &str = "#!/bin/sh\necho theirs\n";

#[test]
fn hook_install_never_overwrites_a_backup_and_uninstall_restores_the_right_one() {
    let d = repo(&[("postmortems/a.md", GOOD)]);
    let hooks = d.path().join(".git/hooks");
    std::fs::write(hooks.join("pre-commit"), THEIRS).unwrap();
    std::fs::write(hooks.join("pre-commit.bak"), "the user's own backup\n").unwrap();
    let out = hook_cmd(d.path(), &["install", "--force"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("kept the existing hook as"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(hooks.join("pre-commit.bak")).unwrap(),
        "the user's own backup\n"
    );
    assert_eq!(
        std::fs::read_to_string(hooks.join("pre-commit.bak.1")).unwrap(),
        THEIRS
    );
    assert!(
        std::fs::read_to_string(hooks.join("pre-commit"))
            .unwrap()
            .contains("check --staged")
    );
    // Installing again keeps the record of what to restore.
    assert_eq!(code(&hook_cmd(d.path(), &["install"])), 0);
    assert_eq!(code(&hook_cmd(d.path(), &["uninstall"])), 0);
    assert_eq!(std::fs::read_to_string(hooks.join("pre-commit")).unwrap(), THEIRS);
    assert_eq!(
        std::fs::read_to_string(hooks.join("pre-commit.bak")).unwrap(),
        "the user's own backup\n"
    );
    assert!(!hooks.join("pre-commit.bak.1").exists());
}

#[test]
fn a_dangling_or_any_symlink_hook_is_someone_elses() {
    let d = repo(&[("postmortems/a.md", GOOD)]);
    let hook = d.path().join(".git/hooks/pre-commit");
    for target in ["../../shared-hooks/pre-commit", "/nonexistent/hook"] {
        let _ = std::fs::remove_file(&hook);
        symlink(target, &hook);
        let out = hook_cmd(d.path(), &["install"]);
        assert_eq!(code(&out), 2, "{target}");
        assert!(
            stderr(&out).contains("pmlint did not write it"),
            "{}",
            stderr(&out)
        );
        assert_eq!(std::fs::read_link(&hook).unwrap(), Path::new(target), "untouched");
        assert_eq!(code(&hook_cmd(d.path(), &["uninstall"])), 2);
        assert_eq!(std::fs::read_link(&hook).unwrap(), Path::new(target), "untouched");
        // --force keeps the symlink itself, and uninstall puts it back.
        assert_eq!(code(&hook_cmd(d.path(), &["install", "--force"])), 0);
        assert!(hook.symlink_metadata().unwrap().is_file());
        assert_eq!(code(&hook_cmd(d.path(), &["uninstall"])), 0);
        assert_eq!(std::fs::read_link(&hook).unwrap(), Path::new(target), "restored");
        let _ = std::fs::remove_file(d.path().join(".git/hooks/pre-commit.bak"));
    }
}

#[cfg(unix)]
#[test]
fn reinstalling_keeps_the_hooks_mode() {
    use std::os::unix::fs::PermissionsExt;
    let d = repo(&[("postmortems/a.md", GOOD)]);
    let hook = d.path().join(".git/hooks/pre-commit");
    assert_eq!(code(&hook_cmd(d.path(), &["install"])), 0);
    assert_eq!(hook.metadata().unwrap().permissions().mode() & 0o777, 0o755);
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o700)).unwrap();
    assert_eq!(code(&hook_cmd(d.path(), &["install"])), 0);
    assert_eq!(hook.metadata().unwrap().permissions().mode() & 0o777, 0o700);
}

#[test]
fn an_install_killed_mid_write_leaves_the_hook_as_it_was() {
    let d = repo(&[("postmortems/a.md", GOOD)]);
    let hooks = d.path().join(".git/hooks");
    std::fs::write(hooks.join("pre-commit"), THEIRS).unwrap();
    // No file may grow past 0 bytes: the first write of the new hook kills
    // pmlint (SIGXFSZ), as a full disk or a crash would stop it.
    let out = common::command("sh")
        .arg("-c")
        .arg(r#"ulimit -f 0; exec "$0" hook install --force"#)
        .arg(pmlint_bin())
        .current_dir(d.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(std::fs::read_to_string(hooks.join("pre-commit")).unwrap(), THEIRS);
    // Nothing was moved: the new hook is written in full first.
    assert!(!exists(&hooks.join("pre-commit.bak")));
    // The next install cleans up after it.
    assert_eq!(code(&hook_cmd(d.path(), &["install", "--force"])), 0);
    let left: Vec<String> = std::fs::read_dir(&hooks)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".pre-commit"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert_eq!(code(&hook_cmd(d.path(), &["uninstall"])), 0);
    assert_eq!(std::fs::read_to_string(hooks.join("pre-commit")).unwrap(), THEIRS);
}

#[test]
fn a_fifo_where_the_hook_goes_does_not_hang_install() {
    let d = repo(&[("postmortems/a.md", GOOD)]);
    let hook = d.path().join(".git/hooks/pre-commit");
    mkfifo(&hook);
    let mut child = common::command(pmlint_bin())
        .args(["hook", "install"])
        .current_dir(d.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "hook install hung on a FIFO");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(code(&child.wait_with_output().unwrap()), 2);
}
