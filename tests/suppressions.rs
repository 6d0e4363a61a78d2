//! Suppressions that stay honest, end to end: a reason is required only
//! when the config says so, a rule that does not run has no unused
//! suppressions, and a plain run judges a comment that names no rule.

mod common;

use common::{Dir, TODAY, code, pmlint, stdout};

fn short(d: &Dir, args: &[&str]) -> String {
    let mut all = vec!["check", "--today", TODAY, "--format", "short"];
    all.extend_from_slice(args);
    let out = pmlint(d.path(), &all);
    assert_ne!(code(&out), 2, "{}", common::stderr(&out));
    stdout(&out)
}

const DOC: &str = "\
# Checkout outage

<!-- pmlint-disable-next-line blame-wording -->
The cache node ran out of memory.

<!-- pmlint-disable-next-line -->
The queue drained on its own.
";

#[test]
fn a_reason_is_required_only_when_the_config_says_so() {
    let d = Dir::new();
    d.git(&["init", "-q"]);
    d.write("postmortems/a.md", DOC);
    let select = ["--select", "suppression-missing-reason", "postmortems/a.md"];
    assert_eq!(short(&d, &select), "");
    d.write("pmlint.toml", "require-suppression-reason = true\n");
    assert_eq!(
        short(&d, &select),
        "postmortems/a.md:3:1: warning[suppression-missing-reason]: `pmlint-disable-next-line` gives no reason\n\
         postmortems/a.md:6:1: warning[suppression-missing-reason]: `pmlint-disable-next-line` gives no reason\n"
    );
}

#[test]
fn only_what_the_run_could_silence_is_judged() {
    let d = Dir::new();
    d.git(&["init", "-q"]);
    d.write("postmortems/a.md", DOC);
    let unused = |d: &Dir| short(d, &["--select", "unused-suppression,wording", "postmortems/a.md"]);
    // Not every rule runs: the comment naming none is not judged.
    assert_eq!(
        unused(&d),
        "postmortems/a.md:3:31: warning[unused-suppression]: `blame-wording` suppresses nothing here\n"
    );
    // blame-wording is off in the config: nothing to judge.
    d.write("pmlint.toml", "[rules]\n\"blame-wording\" = \"off\"\n");
    assert_eq!(unused(&d), "");
    // Every rule runs: both are judged.
    std::fs::remove_file(d.path().join("pmlint.toml")).unwrap();
    let all = short(&d, &["postmortems/a.md"]);
    let unused: Vec<&str> = all.lines().filter(|l| l.contains("unused-suppression")).collect();
    assert_eq!(
        unused,
        [
            "postmortems/a.md:3:31: warning[unused-suppression]: `blame-wording` suppresses nothing here",
            "postmortems/a.md:6:1: warning[unused-suppression]: `pmlint-disable-next-line` suppresses nothing here",
        ],
        "{all}"
    );
    // And a suppression of unused-suppression itself is honoured.
    d.write(
        "postmortems/a.md",
        format!("{DOC}<!-- pmlint-disable-file unused-suppression -- migrating -->\n"),
    );
    assert!(!short(&d, &["postmortems/a.md"]).contains("unused-suppression"));
}

/// Old Mac line ends (a lone CR) end lines for suppressions too: a
/// `disable-line` silences its own line only.
#[test]
fn lone_cr_line_ends_bound_a_suppression() {
    let d = Dir::new();
    d.git(&["init", "-q"]);
    let doc = "# Outage\r\r## Summary\r\rThe on-call was careless. <!-- pmlint-disable-line blame-wording -->\r\rThe on-call dropped the ball.\r";
    d.write("postmortems/cr.md", doc);
    assert_eq!(
        short(
            &d,
            &[
                "--select",
                "blame-wording,unused-suppression",
                "postmortems/cr.md"
            ]
        ),
        "postmortems/cr.md:7:13: error[blame-wording]: 'dropped the ball' blames a person for a gap\n"
    );
}
