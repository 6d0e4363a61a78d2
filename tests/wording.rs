//! The wording rules as a whole: people's names learned from a real git
//! repository and from pmlint.toml, one finding per span across the two
//! wording rules, and the suggested rewrite carried in the JSON output.

mod common;

use common::{Dir, code, git, pmlint, stderr, stdout};

/// A postmortem whose prose names Renata Ferreira (by surname, which no list
/// of given names holds) and a service called `renata-api`.
const POSTMORTEM: &str = "\
# Billing outage

## Contributing factors

Ferreira skipped the canary step.
Renata forgot to rotate the key.
The renata-api pods skipped the canary step too.
`renata-api` failed to release its lock.
";

fn short(dir: &std::path::Path, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["check", "--select", "wording", "--format", "short"];
    args.extend(extra);
    args.push("postmortems/billing.md");
    let out = pmlint(dir, &args);
    assert_eq!(stderr(&out), "");
    (code(&out), stdout(&out))
}

/// A repository with a history by the given authors.
fn repo_by(authors: &[(&str, &str)]) -> Dir {
    let d = Dir::new();
    git(d.path(), &["init", "-q", "-b", "main"]);
    for (i, (name, email)) in authors.iter().enumerate() {
        d.write(&format!("notes/{i}.txt"), "x");
        git(d.path(), &["add", "-A"]);
        git(
            d.path(),
            &[
                "-c",
                &format!("user.name={name}"),
                "-c",
                &format!("user.email={email}"),
                "commit",
                "-q",
                "--author",
                &format!("{name} <{email}>"),
                "-m",
                "work",
            ],
        );
    }
    d.write("postmortems/billing.md", POSTMORTEM);
    d
}

#[test]
fn names_from_git_history_make_people_and_identifiers_stay_systems() {
    let d = repo_by(&[
        ("Renata Ferreira", "rferreira@example.com"),
        ("Ivo Petrov", "ivo@example.com"),
    ]);
    let (status, out) = short(d.path(), &[]);
    assert_eq!(status, 0, "hindsight is a warning");
    assert_eq!(
        out,
        "postmortems/billing.md:5:10: warning[hindsight-wording]: 'skipped' blames a person for a step not taken\n\
         postmortems/billing.md:6:8: warning[hindsight-wording]: 'forgot to' blames a person for an omission\n"
    );
}

#[test]
fn without_that_history_renata_is_taken_for_the_renata_api_service() {
    let d = repo_by(&[("Ivo Petrov", "ivo@example.com")]);
    let (status, out) = short(d.path(), &[]);
    // "Ferreira" is in no list of given names, and in a document about
    // `renata-api`, a "Renata" nobody in the history is called is the service.
    assert_eq!((status, out.as_str()), (0, ""));
}

#[test]
fn mailmap_and_codeowners_name_people_too() {
    let d = repo_by(&[("Ivo Petrov", "ivo@example.com")]);
    d.write(
        ".mailmap",
        "Renata Ferreira <renata@example.com> <rc@old.example.com>\n",
    );
    d.write(".github/CODEOWNERS", "/billing/ @rferreira @acme/payments\n");
    d.write(
        "postmortems/billing.md",
        "# Billing\n\n## Contributing factors\n\nFerreira skipped the canary step.\nrferreira skipped it again.\n",
    );
    let (_, out) = short(d.path(), &[]);
    assert_eq!(
        out,
        "postmortems/billing.md:5:10: warning[hindsight-wording]: 'skipped' blames a person for a step not taken\n\
         postmortems/billing.md:6:11: warning[hindsight-wording]: 'skipped' blames a person for a step not taken\n"
    );
}

#[test]
fn people_and_not_people_in_the_config_win() {
    let d = repo_by(&[("Renata Ferreira", "rferreira@example.com")]);
    d.write(
        "pmlint.toml",
        "people = [\"Zephyrine\"]\nnot-people = [\"Renata\", \"Ferreira\"]\n",
    );
    d.write(
        "postmortems/billing.md",
        "# Billing\n\n## Contributing factors\n\nZephyrine skipped the canary step.\n\
         Ferreira skipped it too.\nRenata failed to page the secondary.\n",
    );
    let (_, out) = short(d.path(), &[]);
    assert_eq!(
        out,
        "postmortems/billing.md:5:11: warning[hindsight-wording]: 'skipped' blames a person for a step not taken\n"
    );
}

#[test]
fn outside_a_repository_given_names_still_count() {
    let d = Dir::new();
    d.write(
        "postmortems/billing.md",
        "# Billing\n\n## Contributing factors\n\nYusuf should have paused the rollout.\n",
    );
    let (_, out) = short(d.path(), &[]);
    assert_eq!(
        out,
        "postmortems/billing.md:5:7: warning[hindsight-wording]: 'should have paused' is a counterfactual about what people did\n"
    );
}

#[test]
fn one_finding_per_span_the_most_specific_rule_wins() {
    let d = Dir::new();
    d.write(
        "postmortems/billing.md",
        "# Billing\n\n## Contributing factors\n\nThe on-call engineer should have known better.\n",
    );
    let (_, both) = short(d.path(), &[]);
    assert_eq!(
        both,
        "postmortems/billing.md:5:22: error[blame-wording]: 'should have known better' judges a person with hindsight\n"
    );
    // With blame-wording off, hindsight reports its own, shorter phrase.
    let out = pmlint(
        d.path(),
        &[
            "check",
            "--select",
            "hindsight-wording",
            "--format",
            "short",
            "postmortems/billing.md",
        ],
    );
    assert_eq!(
        stdout(&out),
        "postmortems/billing.md:5:22: warning[hindsight-wording]: 'should have known' judges a decision with hindsight\n"
    );
}

#[test]
fn json_carries_the_suggested_rewrite() {
    let d = Dir::new();
    d.write(
        "postmortems/billing.md",
        "# Billing\n\n## Contributing factors\n\nThe responder failed to notice the alert.\nThe SRE forgot to renew it.\n",
    );
    let out = pmlint(
        d.path(),
        &[
            "check",
            "--select",
            "wording",
            "--format",
            "json",
            "postmortems/billing.md",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<(String, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["message"].as_str().unwrap().to_owned(),
                d["suggestion"].as_str().unwrap_or("-").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "'failed to notice' blames a person for not acting".to_owned(),
                "did not notice".to_owned()
            ),
            (
                "'forgot to' blames a person for an omission".to_owned(),
                "did not".to_owned()
            ),
        ]
    );
}

#[test]
fn a_user_pack_uses_the_subject_model() {
    let d = Dir::new();
    d.write(
        "pmlint/ours.toml",
        "rule = \"blame-wording\"\nskip-negated = true\n\n[[phrase]]\npattern = \"yeeted\"\n\
         subject = [\"person\", \"unknown\"]\nsuggest = \"deleted\"\nmessage = \"'{match}' is flippant about a person's action\"\n",
    );
    d.write("pmlint.toml", "packs = [\"pmlint/ours.toml\"]\n");
    d.write(
        "postmortems/billing.md",
        "# Billing\n\n## Contributing factors\n\nThe operator yeeted the table.\nThe cleanup job yeeted the table.\n\
         Nobody yeeted the table on purpose.\n",
    );
    let (_, out) = short(d.path(), &[]);
    assert_eq!(
        out,
        "postmortems/billing.md:5:14: error[blame-wording]: 'yeeted' is flippant about a person's action\n"
    );
}

mod never_panics {
    use pmlint::config::Config;
    use pmlint::lint::Linter;
    use proptest::prelude::*;

    /// Words and marks that wake the subject model: triggers, names,
    /// pronouns, code, quotes, emphasis, curly apostrophes, wide letters.
    const PIECES: &[&str] = &[
        "Renata ",
        "Dagný’s ",
        "the on-call ",
        "engineer ",
        "@alex ",
        "`renata-api` ",
        "they ",
        "we ",
        "who ",
        "should have ",
        "shouldn’t’ve ",
        "been ",
        "known ",
        "checked ",
        "failed to ",
        "forgot ",
        "never ",
        "had ",
        "if ",
        "only ",
        "by ",
        "the ",
        "fault ",
        "error ",
        "careless ",
        "sloppy ",
        "review ",
        "not ",
        "no one ",
        "calling this ",
        "would end ",
        "came down to ",
        "due to ",
        "is to blame ",
        ", ",
        ". ",
        "; ",
        "— ",
        "(",
        ")",
        "\"",
        "“",
        "”",
        "'",
        "’",
        "*",
        "**",
        "_",
        "[",
        "](https://x.y)",
        "\n",
        "\n\n",
        "- ",
        "| ",
        "é",
        "🥳",
        "\t",
    ];

    fn linter() -> &'static Linter {
        static LINTER: std::sync::LazyLock<Linter> = std::sync::LazyLock::new(|| {
            let config =
                Config::from_text(None, "", std::path::Path::new("."), &pmlint::config::read_file).unwrap();
            Linter::from_config(&config, "2026-06-01".parse().unwrap(), &["wording".into()], &[]).unwrap()
        });
        &LINTER
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn wording_never_panics_and_spans_are_in_bounds(pieces in prop::collection::vec(prop::sample::select(PIECES), 0..120)) {
            let text: String = pieces.concat();
            for d in linter().lint_text(&text) {
                prop_assert!(d.span.start <= d.span.end && d.span.end <= text.len());
                prop_assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
            }
        }
    }
}

#[test]
fn a_pack_teaches_pmlint_its_roles_and_systems() {
    let d = Dir::new();
    d.write(
        "pmlint/roles.toml",
        "rule = \"hindsight-wording\"\n\n[words]\nperson = [\"shepherd\"]\nsystem = [\"conductor\"]\n",
    );
    d.write("pmlint.toml", "packs = [\"pmlint/roles.toml\"]\n");
    d.write(
        "postmortems/billing.md",
        "# Billing\n\n## Contributing factors\n\nThe shepherd failed to page the secondary.\n\
         The conductor failed to page the secondary.\n",
    );
    let (_, out) = short(d.path(), &[]);
    assert_eq!(
        out,
        "postmortems/billing.md:5:14: warning[hindsight-wording]: 'failed to page' blames a person for not acting\n"
    );
}
