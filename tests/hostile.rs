//! Input an attacker (or bad luck) puts in a repository: pmlint must not
//! crash, hang, exhaust memory, drive the terminal or print files it was not
//! asked to lint. Each test runs the real binary on real files (FIFOs,
//! symlinks, sparse files, git repositories) and checks the exit status,
//! the message, and that the other files of the same run are still linted.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{BAD, Dir, GOOD, TODAY, code, git, pmlint_bin, stderr, stdout};

/// Runs `pmlint check --format short` in `dir` with at most 1 GiB of address
/// space, so that a regression fails the test instead of the machine.
fn bounded(dir: &Path, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -v 1048576; today=$1; shift; exec "$0" check --today "$today" --format short "$@""#)
        .arg(pmlint_bin())
        .arg(TODAY)
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("pmlint runs")
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
