//! Config where the file is: each file's nearest `pmlint.toml`, `--config`
//! for every file, standard input by its stated name, a commit's own
//! configs with `--rev`; `--show-settings`, `--show-files` and the note when
//! nothing is found. Every test builds a real git repository.

mod common;

use std::path::Path;

use common::{BAD, Dir, TODAY, code, pmlint, stderr, stdout};

/// A repository with a config at the root (wording off) and one in
/// `docs/incidents/` (sections and action items off), a bad postmortem
/// under each, and a bad note that no config chooses.
fn nested() -> Dir {
    let d = Dir::new();
    d.git(&["init", "-q"]);
    d.write("pmlint.toml", "[rules]\nwording = \"off\"\n")
        .write(
            "docs/incidents/pmlint.toml",
            "[rules]\nsections = \"off\"\naction-items = \"off\"\n",
        )
        .write("docs/incidents/2026-03-02-queue.md", BAD)
        .write("postmortems/2026-03-02-queue.md", BAD)
        .write("notes/meeting.md", BAD);
    d
}

/// `path: rule` of each diagnostic, from `--format short`.
fn rules_by_file(out: &std::process::Output) -> Vec<String> {
    stdout(out)
        .lines()
        .map(|l| {
            let path = l.split(':').next().unwrap();
            let rule = l.split('[').nth(1).unwrap().split(']').next().unwrap();
            format!("{path}: {rule}")
        })
        .collect()
}

fn short(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["check", "--today", TODAY, "--format", "short"];
    all.extend_from_slice(args);
    pmlint(dir, &all)
}

#[test]
fn the_nearest_config_applies_to_each_file_from_the_root() {
    let d = nested();
    let out = short(d.path(), &[]);
    // The nested config replaces the root one: wording is on again there.
    assert_eq!(
        rules_by_file(&out),
        [
            "docs/incidents/2026-03-02-queue.md: blame-wording",
            "docs/incidents/2026-03-02-queue.md: hindsight-wording",
            "postmortems/2026-03-02-queue.md: placeholder-text",
            "postmortems/2026-03-02-queue.md: action-item-missing-owner",
            "postmortems/2026-03-02-queue.md: action-item-missing-due-date",
        ],
        "{}",
        stdout(&out)
    );
    // The same from inside docs/, and for the file named alone.
    let sub = d.path().join("docs");
    let out = short(&sub, &["incidents/2026-03-02-queue.md"]);
    assert_eq!(
        rules_by_file(&out),
        [
            "incidents/2026-03-02-queue.md: blame-wording",
            "incidents/2026-03-02-queue.md: hindsight-wording",
        ]
    );
}

#[test]
fn standard_input_takes_the_config_of_its_stated_name() {
    let d = nested();
    let run = |dir: &Path, name: &str| {
        let mut child = common::command(common::pmlint_bin())
            .args(["check", "--today", TODAY, "--format", "short"])
            .args(["--stdin-filename", name, "-"])
            .current_dir(dir)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(child.stdin.as_mut().unwrap(), BAD.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    // An editor in notes/ pipes a buffer of docs/incidents/.
    let out = run(&d.path().join("notes"), "../docs/incidents/new.md");
    assert_eq!(
        rules_by_file(&out),
        [
            "../docs/incidents/new.md: blame-wording",
            "../docs/incidents/new.md: hindsight-wording",
        ]
    );
    let out = run(&d.path().join("docs/incidents"), "../../postmortems/new.md");
    assert!(
        rules_by_file(&out).iter().all(|r| !r.ends_with("wording")),
        "{}",
        stdout(&out)
    );
}

#[test]
fn config_overrides_every_file() {
    let d = nested();
    d.write(
        "shared/org.toml",
        "[rules]\nsections = \"off\"\naction-items = \"off\"\nhindsight-wording = \"off\"\n",
    );
    let out = short(d.path(), &["--config", "shared/org.toml"]);
    assert_eq!(
        rules_by_file(&out),
        [
            "docs/incidents/2026-03-02-queue.md: blame-wording",
            "postmortems/2026-03-02-queue.md: blame-wording",
        ]
    );
}

#[test]
fn rev_reads_each_config_from_the_commit() {
    let d = nested();
    d.git(&["add", "-A"]);
    d.git(&["commit", "-qm", "init"]);
    // The work tree's configs change; the commit's still apply.
    d.write("docs/incidents/pmlint.toml", "[rules]\nwording = \"off\"\n");
    let out = short(d.path(), &["--rev", "HEAD", "docs"]);
    assert_eq!(
        rules_by_file(&out),
        [
            "docs/incidents/2026-03-02-queue.md: blame-wording",
            "docs/incidents/2026-03-02-queue.md: hindsight-wording",
        ]
    );
    // A broken config in the commit is the commit's, reported on it (at
    // its path, as the files linted are); the other folders are linted.
    d.write("docs/incidents/pmlint.toml", "[rules]\nwording = \"loud\"\n");
    d.git(&["commit", "-qam", "break"]);
    let out = short(d.path(), &["--rev", "HEAD"]);
    assert_eq!(code(&out), 2);
    assert!(
        stdout(&out)
            .starts_with("docs/incidents/pmlint.toml:2:11: error[invalid-config]: unknown severity `loud`\n"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("\npostmortems/2026-03-02-queue.md:"));
    assert!(!stdout(&out).contains("docs/incidents/2026-03-02-queue.md"));
}

#[test]
fn a_broken_nested_config_fails_only_its_folder() {
    let d = nested();
    d.write("docs/incidents/pmlint.toml", "[rules]\nwording = \"loud\"\n");
    let out = short(d.path(), &[]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    // Its folder's files are not linted; the others are, with their config.
    assert_eq!(
        rules_by_file(&out),
        [
            "docs/incidents/pmlint.toml: invalid-config",
            "postmortems/2026-03-02-queue.md: placeholder-text",
            "postmortems/2026-03-02-queue.md: action-item-missing-owner",
            "postmortems/2026-03-02-queue.md: action-item-missing-due-date",
        ]
    );
    assert!(stdout(&out).starts_with("docs/incidents/pmlint.toml:2:11: error[invalid-config]"));
    // Named on the command line, too.
    let out = short(
        d.path(),
        &[
            "docs/incidents/2026-03-02-queue.md",
            "postmortems/2026-03-02-queue.md",
        ],
    );
    assert_eq!(code(&out), 2);
    assert_eq!(rules_by_file(&out).len(), 4, "{}", stdout(&out));
}

#[test]
fn a_broken_pack_is_reported_at_its_line() {
    let d = nested();
    d.write("pmlint.toml", "packs = [\"packs/words.toml\"]\n").write(
        "packs/words.toml",
        "rule = \"blame-wording\"\n\n[[phrase]]\npattern = \"(snafu\"\nmessage = \"m\"\n",
    );
    let out = short(d.path(), &[]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("\npacks/words.toml:4:11: error[invalid-config]: invalid pattern"),
        "{}",
        stdout(&out)
    );
    // The nested config names no pack: its folder is linted.
    assert_eq!(
        rules_by_file(&out),
        [
            "docs/incidents/2026-03-02-queue.md: blame-wording",
            "docs/incidents/2026-03-02-queue.md: hindsight-wording",
            "packs/words.toml: invalid-config",
        ]
    );
}

#[test]
fn staged_files_take_their_folders_config() {
    let d = nested();
    d.git(&["add", "-A"]);
    let out = short(d.path(), &["--staged"]);
    assert_eq!(
        rules_by_file(&out),
        [
            "docs/incidents/2026-03-02-queue.md: blame-wording",
            "docs/incidents/2026-03-02-queue.md: hindsight-wording",
            "postmortems/2026-03-02-queue.md: placeholder-text",
            "postmortems/2026-03-02-queue.md: action-item-missing-owner",
            "postmortems/2026-03-02-queue.md: action-item-missing-due-date",
        ]
    );
}

#[test]
fn a_nested_config_cannot_lead_outside_the_repository() {
    let outside = Dir::new();
    outside.write("secret.toml", "[rules]\nwording = \"off\"\n");
    let d = nested();
    std::fs::remove_file(d.path().join("docs/incidents/pmlint.toml")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        outside.path().join("secret.toml"),
        d.path().join("docs/incidents/pmlint.toml"),
    )
    .unwrap();
    let out = short(d.path(), &[]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("docs/incidents/pmlint.toml:1:1: error[invalid-config]: cannot read")
            && stdout(&out).contains("outside the repository"),
        "{}",
        stdout(&out)
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_folder_cannot_lend_its_config() {
    let outside = Dir::new();
    outside.write("pmlint.toml", "token = \"s3cr3t\"\n");
    outside.write("x.md", BAD);
    let d = nested();
    std::os::unix::fs::symlink(outside.path(), d.path().join("incidents")).unwrap();
    let out = short(d.path(), &["incidents/x.md"]);
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert_eq!(code(&out), 2, "{all}");
    assert!(!all.contains("s3cr3t"), "{all}");
    assert!(
        all.contains("incidents/pmlint.toml") && all.contains("outside the repository"),
        "{all}"
    );
}

#[test]
fn show_files_lists_what_would_be_linted_and_why_not() {
    let d = nested();
    d.write("README.md", "# Project\n").write("config.yaml", "a: 1\n");
    let out = pmlint(d.path(), &["check", "--show-files"]);
    assert_eq!(
        (code(&out), stdout(&out).as_str()),
        (
            0,
            "docs/incidents/2026-03-02-queue.md\npostmortems/2026-03-02-queue.md\n"
        )
    );
    let named = [
        "check",
        "--show-files",
        "README.md",
        "config.yaml",
        "notes/meeting.md",
        "postmortems",
        "nowhere.md",
    ];
    let out = pmlint(d.path(), &named);
    assert_eq!(
        stdout(&out),
        "notes/meeting.md\n\
         postmortems/2026-03-02-queue.md\n\
         skipped README.md: matched by the built-in `exclude`\n\
         skipped config.yaml: not a Markdown file (.md, .markdown, ...)\n\
         unreadable nowhere.md: No such file or directory (os error 2)\n"
    );
    // A named path that cannot be read fails the list, as it fails `check`.
    assert_eq!(code(&out), 2);
    let mut forced = named.to_vec();
    forced.insert(2, "--force-exclude");
    d.write("pmlint.toml", "extend-exclude = [\"postmortems/\"]\n");
    let out = pmlint(d.path(), &forced);
    assert_eq!(
        stdout(&out),
        "skipped README.md: matched by the built-in `exclude`\n\
         skipped config.yaml: not a Markdown file (.md, .markdown, ...)\n\
         skipped notes/meeting.md: not matched by the built-in `include` (--force-exclude)\n\
         unreadable nowhere.md: No such file or directory (os error 2)\n"
    );
    d.write("pmlint.toml", "include = [\"docs/\"]\n");
    let out = pmlint(
        d.path(),
        &["check", "--show-files", "--force-exclude", "notes/meeting.md"],
    );
    assert_eq!(
        stdout(&out),
        "skipped notes/meeting.md: not matched by pmlint.toml's `include` (--force-exclude)\n"
    );
    d.write("pmlint.toml", "exclude = [\"meeting.md\"]\n");
    let out = pmlint(d.path(), &["check", "--show-files", "notes/meeting.md"]);
    assert_eq!(
        stdout(&out),
        "skipped notes/meeting.md: matched by pmlint.toml's `exclude`\n"
    );
    // A broken config: the list lacks its files, and says so (exit 2).
    d.write("docs/incidents/pmlint.toml", "include = 3\n");
    let out = pmlint(d.path(), &["check", "--show-files"]);
    assert_eq!(
        (code(&out), stdout(&out).as_str()),
        (
            2,
            "postmortems/2026-03-02-queue.md\n\
             invalid config docs/incidents/pmlint.toml: invalid type: integer `3`, expected a \
             sequence (the files it applies to are not linted)\n"
        )
    );
}

#[test]
fn show_settings_says_what_applies_and_where_it_comes_from() {
    let d = nested();
    d.write(
        "docs/incidents/pmlint.toml",
        "extend-include = [\"drafts/\"]\nexclude = [\"old/\"]\npeople = [\"Sam\"]\n\
         require-suppression-reason = true\n[rules]\nsections = \"off\"\n\"blame-wording\" = \"warning\"\n\
         [action-items]\ndate-order = \"dmy\"\n",
    );
    let out = pmlint(
        d.path(),
        &[
            "check",
            "--show-settings",
            "docs/incidents/2026-03-02-queue.md",
            "--ignore",
            "hindsight-wording",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    insta::assert_snapshot!("show_settings_nested", stdout(&out));

    // With no file: the current folder's; with no config: the built-in ones.
    std::fs::remove_file(d.path().join("pmlint.toml")).unwrap();
    let out = pmlint(&d.path().join("postmortems"), &["check", "--show-settings"]);
    let text = stdout(&out);
    assert!(
        text.starts_with("# Settings for ., no config file: the built-in settings\n"),
        "{text}"
    );
    assert!(!text.contains("config-file"), "{text}");
    assert!(
        text.contains("\n# Paths are relative to ..\n# Built-in phrase packs: "),
        "{text}"
    );
}

/// What `--show-settings` prints is a config: saved over the config it
/// came from, it gives the same settings, files and findings (it used to
/// print `phrase-packs`, `root` and `date-order = "unknown"`, which a
/// config rejects, a custom template's name instead of its path, and the
/// built-in globs as `include`, which a nested config reads from its own
/// folder).
#[test]
fn show_settings_prints_a_config_that_gives_the_same_settings() {
    let template = "name = \"ours\"\n[[section]]\nid = \"wrong\"\nname = \"What went wrong\"\nrequired = true\n\
                    [[section]]\nid = \"actions\"\nname = \"Actions\"\nrequired = true\naction-items = true\n";
    let pack = "rule = \"blame-wording\"\n[[phrase]]\npattern = \"snafu\"\nmessage = \"'{match}' is slang\"\nhelp = \"say what failed\"\n";
    let doc = "# Queue\n\n## What went wrong\n\nIt was a snafu. In hindsight, the cache was cold.\n";
    let d = Dir::new();
    d.git(&["init", "-q"]);
    // A nested config whose file the built-in `incidents/` glob finds from
    // the root, a template file without `.toml`, a pack above it.
    d.write(
        "docs/incidents/pmlint.toml",
        "template = \"./tmpl\"\npacks = [\"../../packs/words.toml\"]\n\
         extend-exclude = [\"old/\"]\npeople = [\"Sam\"]\n[rules]\n\"hindsight-wording\" = \"off\"\n\
         [action-items]\nticket-as-due-date = true\nowner-patterns = [\"^owner: \"]\n",
    )
    .write("docs/incidents/tmpl", template)
    .write("packs/words.toml", pack)
    .write("docs/incidents/2026-03-02-queue.md", doc)
    .write("docs/incidents/old/2019.md", BAD)
    // A config named with --config, its pack beside it.
    .write(
        "shared/cfg.toml",
        "packs = [\"words.toml\"]\nexclude = [\"docs/\"]\n",
    )
    .write("shared/words.toml", pack)
    .write("postmortems/2026-03-02-queue.md", doc);
    let run = |args: &[&str]| {
        let out = pmlint(d.path(), args);
        assert!(code(&out) < 2, "{}", stderr(&out));
        stdout(&out)
    };
    for (config, extra) in [
        ("docs/incidents/pmlint.toml", vec![]),
        ("shared/cfg.toml", vec!["--config", "shared/cfg.toml"]),
    ] {
        let with = |args: &[&'static str]| -> Vec<&'static str> { [args, &extra[..]].concat() };
        let settings = || {
            run(&with(&[
                "check",
                "--show-settings",
                "docs/incidents/2026-03-02-queue.md",
            ]))
        };
        let files = || run(&with(&["check", "--show-files"]));
        let findings = || run(&with(&["check", "--today", TODAY, "--format", "short"]));
        let before = (settings(), files(), findings());
        assert!(!before.2.is_empty(), "{config}: no findings to compare");
        d.write(config, &before.0);
        assert_eq!((settings(), files(), findings()), before, "{config}");
    }
    let settings = run(&["check", "--show-settings", "docs/incidents/2026-03-02-queue.md"]);
    assert!(settings.contains("\ntemplate = \"./tmpl\"\n"), "{settings}");
    assert!(
        settings.contains("\npacks = [\"../../packs/words.toml\"]\n"),
        "{settings}"
    );
    assert!(settings.contains("\nextend-exclude = [\"old/\"]\n"), "{settings}");
    assert!(!settings.contains("date-order"), "{settings}");
    assert_eq!(
        run(&[
            "check",
            "--today",
            TODAY,
            "--format",
            "short",
            "docs/incidents/2026-03-02-queue.md"
        ]),
        "docs/incidents/2026-03-02-queue.md:1:3: error[missing-section]: missing required section 'Actions'\n\
         docs/incidents/2026-03-02-queue.md:5:10: error[blame-wording]: 'snafu' is slang\n"
    );
}

#[test]
fn the_note_when_nothing_is_found_names_the_cause() {
    let note = |d: &Dir, args: &[&str]| {
        let out = short(d.path(), args);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        stderr(&out)
    };
    let d = Dir::new();
    d.git(&["init", "-q"]);
    d.write("src/main.rs", "fn main() {}\n");
    let tail =
        " (see the README on `include`; `pmlint check --show-files FILE` says why a file is skipped)\n";
    assert_eq!(
        note(&d, &[]),
        format!("pmlint: warning: no postmortem files found: there are no Markdown files here{tail}")
    );
    d.write("docs/notes.md", "# Notes\n")
        .write("README.md", "# Project\n");
    assert_eq!(
        note(&d, &[]),
        format!(
            "pmlint: warning: no postmortem files found: none of the 2 Markdown files matches the built-in `include`{tail}"
        )
    );
    d.write("pmlint.toml", "include = [\"notes/\"]\n");
    assert_eq!(
        note(&d, &[]),
        format!(
            "pmlint: warning: no postmortem files found: none of the 2 Markdown files matches pmlint.toml's `include`{tail}"
        )
    );
    d.write(
        "pmlint.toml",
        "include = [\"docs/\"]\nextend-exclude = [\"notes.md\"]\n",
    );
    assert_eq!(
        note(&d, &[]),
        format!(
            "pmlint: warning: no postmortem files found: 1 of the 2 Markdown files match `include` but also `exclude`{tail}"
        )
    );
    assert_eq!(
        note(&d, &["docs/notes.md", "README.md"]),
        "pmlint: not linted: docs/notes.md (matched by pmlint.toml's `exclude`), README.md (matched by the built-in `exclude`)\n"
    );
}

/// A config's mistakes are reported in the file's order, as every file's are.
#[test]
fn config_mistakes_come_in_the_files_order() {
    let d = Dir::new();
    d.git(&["init", "-q"]);
    d.write("pmlint.toml", "max-file-size = \"0\"\ninclude = [\"[z-a]\"]\n");
    d.write("postmortems/a.md", "# A\n");
    let out = pmlint(d.path(), &["check", "--format", "short"]);
    let lines: Vec<u32> = stdout(&out)
        .lines()
        .filter_map(|l| l.strip_prefix("pmlint.toml:")?.split(':').next()?.parse().ok())
        .collect();
    assert!(lines.len() >= 2, "{}", stdout(&out));
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{}", stdout(&out));
    assert_eq!(code(&out), 2);
}
