//! The command-line contract: flags, formats, exit statuses, config,
//! discovery and bad input. Each test builds its own folder.

mod common;

use common::{BAD, Dir, GOOD, TODAY, code, json_paths, pmlint, stderr, stdout};

fn check(dir: &Dir, args: &[&str]) -> std::process::Output {
    let mut all = vec!["check", "--today", TODAY];
    all.extend_from_slice(args);
    pmlint(dir.path(), &all)
}

/// Writes `text` to `file`, runs `check`, which must fail with exit 2, and
/// checks that its report (a config's mistakes are `invalid-config`
/// diagnostics in it) contains every one of `says`.
fn fails_saying(dir: &Dir, file: &str, text: &str, says: &[&str]) {
    dir.write(file, text);
    let out = check(dir, &[]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stdout(&out);
    assert!(
        says.iter().all(|s| err.contains(s)),
        "expected {says:?} in:\n{err}"
    );
}

fn json(dir: &Dir, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let out = check(dir, &all);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)))
}

#[test]
fn exit_statuses() {
    let d = Dir::new();
    d.write("postmortems/good.md", GOOD);
    assert_eq!(code(&check(&d, &[])), 0);

    d.write("postmortems/bad.md", BAD);
    assert_eq!(code(&check(&d, &[])), 1);
    assert_eq!(code(&check(&d, &["--exit-zero"])), 0);

    // Only warnings: 0, or 1 with --strict.
    assert_eq!(code(&check(&d, &["--select", "placeholder-text"])), 0);
    assert_eq!(code(&check(&d, &["--select", "placeholder-text", "--strict"])), 1);

    // pmlint's own failures: 2.
    assert_eq!(code(&check(&d, &["--format", "xml"])), 2);
    assert_eq!(code(&check(&d, &["--today", "2026-02-30"])), 2);
    assert_eq!(code(&check(&d, &["--select", "no-such-rule"])), 2);
    assert_eq!(code(&check(&d, &["--strict", "--exit-zero"])), 2);
}

#[test]
fn json_fields_and_order() {
    let d = Dir::new();
    d.write("postmortems/b.md", BAD).write("postmortems/a.md", BAD);
    let all = json(&d, &[]);
    let keys: Vec<&str> = all[0].as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
        "rule",
        "severity",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "byte_start",
        "byte_end",
        "message",
        "help",
    ] {
        assert!(keys.contains(&k), "missing {k}");
    }
    let order: Vec<(String, u64, u64)> = all
        .iter()
        .map(|v| {
            (
                v["path"].as_str().unwrap().to_owned(),
                v["line"].as_u64().unwrap(),
                v["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    assert_eq!(order[0].0, "postmortems/a.md");

    let blame = all.iter().find(|v| v["rule"] == "blame-wording").unwrap();
    assert_eq!(blame["severity"], "error");
    assert_eq!(
        (blame["line"].as_u64(), blame["column"].as_u64()),
        (Some(5), Some(20))
    );
    assert_eq!(
        (blame["end_line"].as_u64(), blame["end_column"].as_u64()),
        (Some(5), Some(31))
    );
    let start = blame["byte_start"].as_u64().unwrap() as usize;
    let end = blame["byte_end"].as_u64().unwrap() as usize;
    assert_eq!(&BAD[start..end], "human error");
    assert!(blame["help"].as_str().unwrap().contains("conditions"));
}

#[test]
fn short_format_is_one_line_each() {
    let d = Dir::new();
    d.write("postmortems/bad.md", BAD);
    let out = stdout(&check(&d, &["--format", "short", "--select", "wording"]));
    insta::assert_snapshot!(out, @r"
    postmortems/bad.md:5:20: error[blame-wording]: 'human error' makes people the cause of the incident
    postmortems/bad.md:17:14: warning[hindsight-wording]: 'should have known' judges a decision with hindsight
    ");
}

#[test]
fn human_format_snippet_help_and_summary() {
    let d = Dir::new();
    d.write("postmortems/bad.md", BAD);
    let out = stdout(&check(
        &d,
        &["--select", "blame-wording,action-items", "--color", "never"],
    ));
    insta::assert_snapshot!(out);
}

#[test]
fn colour_choices() {
    let d = Dir::new();
    d.write("postmortems/bad.md", BAD);
    let esc = |o: &std::process::Output| stdout(o).contains('\u{1b}');
    assert!(esc(&check(&d, &["--color", "always"])));
    assert!(!esc(&check(&d, &["--color", "never"])));
    // Not a terminal: auto means no colour.
    assert!(!esc(&check(&d, &[])));
    let with_no_color = common::command(common::pmlint_bin())
        .args(["check", "--today", TODAY, "--color", "auto"])
        .current_dir(d.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!esc(&with_no_color));
}

#[test]
fn clean_run_says_so() {
    let d = Dir::new();
    d.write("postmortems/good.md", GOOD);
    let out = check(&d, &[]);
    assert_eq!(stdout(&out), "No problems found (1 file checked).\n");
}

#[test]
fn quiet_prints_diagnostics_only() {
    let d = Dir::new();
    d.write("postmortems/good.md", GOOD);
    let out = check(&d, &["--quiet"]);
    assert_eq!(
        (code(&out), stdout(&out).as_str(), stderr(&out).as_str()),
        (0, "", "")
    );
    d.write("postmortems/bad.md", BAD);
    let out = check(&d, &["-q", "--select", "blame-wording", "--color", "never"]);
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).contains("error[blame-wording]"));
    assert!(!stdout(&out).contains("1 error in 1 file"), "no summary");
    let empty = Dir::new();
    let out = check(&empty, &["-q"]);
    assert_eq!((code(&out), stderr(&out).as_str()), (0, ""));
}

#[test]
fn a_rule_named_on_the_command_line_wins_over_its_group() {
    let d = Dir::new();
    d.write("postmortems/bad.md", BAD);
    let rules = |args: &[&str]| {
        let mut r: Vec<String> = json(&d, args)
            .iter()
            .map(|v| v["rule"].as_str().unwrap().to_owned())
            .collect();
        r.dedup();
        r
    };
    assert_eq!(
        rules(&["--select", "blame-wording", "--ignore", "wording"]),
        ["blame-wording"]
    );
    assert_eq!(
        rules(&["--select", "wording", "--ignore", "blame-wording"]),
        ["hindsight-wording"]
    );
    // Spaces after commas are fine; the last of a repeated flag wins.
    assert_eq!(rules(&["--select", "blame-wording, hindsight-wording"]).len(), 2);
    let out = check(
        &d,
        &[
            "--format",
            "short",
            "--select",
            "blame-wording",
            "--format",
            "json",
        ],
    );
    assert!(serde_json::from_slice::<serde_json::Value>(&out.stdout).is_ok());
    let out = check(&d, &["--select", "blame-wordng"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("did you mean `blame-wording`?"),
        "{}",
        stderr(&out)
    );
    let out = check(&d, &["--ignore", "unreadable-file"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("always on"), "{}", stderr(&out));
}

#[test]
fn stdin_with_a_file_name() {
    let d = Dir::new();
    let run = |args: &[&str]| {
        let mut child = common::command(common::pmlint_bin())
            .args(["check", "--today", TODAY, "--format", "short"])
            .args(args)
            .current_dir(d.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // A usage error exits before reading: the pipe may be closed already.
        let _ = std::io::Write::write_all(child.stdin.as_mut().unwrap(), BAD.as_bytes());
        let out = child.wait_with_output().unwrap();
        (code(&out), stdout(&out))
    };
    let (status, out) = run(&["--select", "blame-wording", "-"]);
    assert_eq!(
        (status, out.as_str()),
        (
            1,
            "-:5:20: error[blame-wording]: 'human error' makes people the cause of the incident\n"
        )
    );
    let (_, out) = run(&[
        "--select",
        "blame-wording",
        "--stdin-filename",
        "postmortems/x.md",
        "-",
    ]);
    assert!(out.starts_with("postmortems/x.md:5:20:"), "{out}");
    // Standard input is a work-tree thing, and --stdin-filename names it.
    assert_eq!(run(&["--staged", "-"]).0, 2);
    assert_eq!(run(&["--stdin-filename", "x.md"]).0, 2);
    // With --force-exclude, the stated name must be a postmortem.
    let (status, out) = run(&["--force-exclude", "--stdin-filename", "README.md", "-"]);
    assert_eq!((status, out.as_str()), (0, ""));
}

#[test]
fn named_paths_are_shown_relative_to_the_current_folder() {
    let d = Dir::new();
    d.write("postmortems/bad.md", BAD);
    let sub = d.path().join("postmortems");
    let abs = sub.join("bad.md");
    for arg in [abs.to_str().unwrap(), "../postmortems/bad.md", "./bad.md"] {
        let out = pmlint(
            &sub,
            &[
                "check",
                "--today",
                TODAY,
                "--format",
                "json",
                "--select",
                "blame-wording",
                arg,
            ],
        );
        let all: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json_paths(&all), ["bad.md"], "{arg}");
    }
}

#[test]
fn a_config_named_with_config_matches_globs_from_the_repository_root() {
    let d = Dir::new();
    d.git(&["init", "-q"]);
    d.write("docs/x/bad.md", BAD).write(
        "shared/org.toml",
        "include = [\"docs/**/*.md\"]\n[rules]\nsections = \"off\"\n",
    );
    let cfg = d.path().join("shared/org.toml");
    let all = json(&d, &["--config", cfg.to_str().unwrap()]);
    assert_eq!(json_paths(&all), ["docs/x/bad.md"]);
}

#[test]
fn bad_today_values_are_refused() {
    let d = Dir::new();
    for bad in ["20260101", "2026-13-01", "tomorrow"] {
        let out = pmlint(d.path(), &["check", "--today", bad]);
        assert_eq!(code(&out), 2, "{bad}");
        assert!(stderr(&out).contains("YYYY-MM-DD"), "{}", stderr(&out));
    }
}

#[test]
fn today_decides_overdue() {
    let d = Dir::new();
    d.write("postmortems/good.md", GOOD);
    let late = pmlint(d.path(), &["check", "--today", "2027-01-01", "--format", "short"]);
    assert_eq!(code(&late), 0, "overdue is a warning");
    assert!(
        stdout(&late)
            .contains("warning[action-item-overdue]: action item was due on 2026-12-01 (31 days ago)")
    );
}

#[test]
fn select_and_ignore_rules_and_groups() {
    let d = Dir::new();
    d.write("postmortems/bad.md", BAD);
    let rules = |args: &[&str]| {
        let mut r: Vec<String> = json(&d, args)
            .iter()
            .map(|v| v["rule"].as_str().unwrap().to_owned())
            .collect();
        r.sort();
        r.dedup();
        r
    };
    assert_eq!(
        rules(&["--select", "wording"]),
        ["blame-wording", "hindsight-wording"]
    );
    assert_eq!(
        rules(&["--select", "wording", "--ignore", "hindsight-wording"]),
        ["blame-wording"]
    );
    assert_eq!(
        rules(&["--ignore", "wording,sections"]),
        ["action-item-missing-due-date", "action-item-missing-owner"]
    );
}

#[test]
fn config_severities_and_off() {
    let d = Dir::new();
    d.write("postmortems/bad.md", BAD).write(
        "pmlint.toml",
        "[rules]\n\"hindsight-wording\" = \"error\"\n\"placeholder-text\" = \"off\"\naction-items = \"info\"\n",
    );
    let all = json(&d, &[]);
    let sev = |rule: &str| {
        all.iter()
            .find(|v| v["rule"] == rule)
            .map(|v| v["severity"].as_str().unwrap().to_owned())
    };
    assert_eq!(sev("hindsight-wording").as_deref(), Some("error"));
    assert_eq!(sev("placeholder-text"), None);
    assert_eq!(sev("action-item-missing-owner").as_deref(), Some("info"));
    // The command line wins: a rule turned off in the config can be selected.
    let all = json(&d, &["--select", "placeholder-text"]);
    assert_eq!(all.len(), 1);
}

#[test]
fn config_errors_are_snippets_with_exit_2() {
    let d = Dir::new();
    d.write("postmortems/good.md", GOOD);
    let unknown = "include = [\"**/*.md\"]\nseverity = \"high\"\n";
    fails_saying(
        &d,
        "pmlint.toml",
        unknown,
        &["unknown field `severity`", "pmlint.toml:2:1"],
    );

    fails_saying(
        &d,
        "pmlint.toml",
        "[rules]\n\"blame-wording\" = \"loud\"\n",
        &["unknown severity `loud`", "pmlint.toml:2:19"],
    );

    fails_saying(
        &d,
        "pmlint.toml",
        "include = [\"postmortems/[\"]\n",
        &["invalid glob", "pmlint.toml:1:12"],
    );
}

#[test]
fn custom_template_and_packs_with_errors_in_them() {
    let d = Dir::new();
    d.write("postmortems/x.md", "# X\n\n## What went wrong\n\nThe cache was cold. It was a snafu.\n")
        .write(
            "pmlint.toml",
            "template = \"packs/ours.toml\"\npacks = [\"packs/words.toml\"]\n",
        )
        .write(
            "packs/ours.toml",
            "name = \"ours\"\n[[section]]\nid = \"wrong\"\nname = \"What went wrong\"\nrequired = true\n\
             [[section]]\nid = \"actions\"\nname = \"Actions\"\nrequired = true\naction-items = true\n",
        )
        .write(
            "packs/words.toml",
            "rule = \"blame-wording\"\n[[phrase]]\npattern = \"snafu\"\nmessage = \"'{match}' is slang\"\nhelp = \"say what failed\"\n",
        );
    let out = stdout(&check(&d, &["--format", "short"]));
    assert_eq!(
        out,
        "postmortems/x.md:1:3: error[missing-section]: missing required section 'Actions'\n\
         postmortems/x.md:5:30: error[blame-wording]: 'snafu' is slang\n"
    );

    fails_saying(
        &d,
        "packs/words.toml",
        "rule = \"blame-wording\"\n[[phrase]]\npattern = \"(snafu\"\nmessage = \"m\"\n",
        &["invalid pattern", "packs/words.toml:3:11"],
    );

    // Valid syntax, but too large to compile: reported at load, not
    // silently never matched.
    fails_saying(
        &d,
        "packs/words.toml",
        "rule = \"blame-wording\"\n[[phrase]]\npattern = \"snafu\"\nmessage = \"m\"\n\
         [[phrase]]\npattern = '(\\w{100}){200}'\nmessage = \"m\"\n",
        &[
            "pattern cannot be compiled: it is too large",
            "packs/words.toml:6:11",
        ],
    );

    fails_saying(
        &d,
        "pmlint.toml",
        "template = \"nonesuch\"\n",
        &["unknown template `nonesuch`", "pagerduty"],
    );
}

#[test]
fn builtin_templates_are_selectable() {
    let d = Dir::new();
    d.write("postmortems/good.md", GOOD)
        .write("pmlint.toml", "template = \"pagerduty\"\n");
    let out = stdout(&check(&d, &["--format", "short", "--select", "missing-section"]));
    assert!(out.contains("missing required section 'Responders'"), "{out}");
    assert!(out.contains("missing required section 'What happened'"), "{out}");
}

#[test]
fn config_is_found_in_a_parent_but_not_above_the_repository() {
    let d = Dir::new();
    d.write("outer/pmlint.toml", "[rules]\nwording = \"off\"\n")
        .write("outer/repo/postmortems/bad.md", BAD)
        .write("outer/repo/docs/.keep", "");
    common::git(&d.path().join("outer/repo"), &["init", "-q"]);
    let sub = d.path().join("outer/repo/docs");
    let out = pmlint(&sub, &["check", "--today", TODAY, "--format", "short"]);
    assert!(
        stdout(&out).contains("blame-wording"),
        "the outer config must not apply"
    );

    d.write("outer/repo/.pmlint.toml", "[rules]\nwording = \"off\"\n");
    let out = pmlint(&sub, &["check", "--today", TODAY, "--format", "short"]);
    assert!(!stdout(&out).contains("blame-wording"));
    // Paths are relative to where pmlint runs, and the whole repository is linted.
    assert!(
        stdout(&out).starts_with("../postmortems/bad.md:"),
        "{}",
        stdout(&out)
    );

    // --config names one explicitly.
    d.write(
        "elsewhere.toml",
        "[rules]\nsections = \"off\"\naction-items = \"off\"\n",
    );
    let cfg = d.path().join("elsewhere.toml");
    let out = pmlint(
        &sub,
        &[
            "check",
            "--today",
            TODAY,
            "--format",
            "short",
            "--config",
            cfg.to_str().unwrap(),
        ],
    );
    let lines: Vec<String> = stdout(&out)
        .lines()
        .map(|l| l.split(": ").nth(1).unwrap().to_owned())
        .collect();
    assert_eq!(lines, ["error[blame-wording]", "warning[hindsight-wording]"]);
}

#[test]
fn include_exclude_and_named_files() {
    let d = Dir::new();
    d.write("postmortems/a.md", BAD)
        .write("postmortems/README.md", BAD)
        .write("postmortems/template.md", BAD)
        .write("notes/meeting.md", BAD)
        .write("docs/2026-01-db-postmortem.md", BAD);
    let paths = |args: &[&str]| json_paths(&json(&d, args));
    assert_eq!(paths(&[]), ["docs/2026-01-db-postmortem.md", "postmortems/a.md"]);
    // A named file is linted even when `include` does not match it...
    assert_eq!(paths(&["notes/meeting.md"]), ["notes/meeting.md"]);
    // ...but never when `exclude` does...
    assert!(paths(&["postmortems/README.md"]).is_empty());
    // ...and with --force-exclude it must match `include`, as in a pre-commit hook.
    assert!(paths(&["--force-exclude", "notes/meeting.md"]).is_empty());
    assert_eq!(
        paths(&["--force-exclude", "./postmortems/a.md"]),
        ["postmortems/a.md"]
    );
    // A folder is walked with the globs.
    assert_eq!(paths(&["postmortems"]), ["postmortems/a.md"]);

    d.write(
        "pmlint.toml",
        "include = [\"notes/*.md\"]\nextend-exclude = [\"**/a.md\"]\n",
    );
    assert_eq!(paths(&[]), ["notes/meeting.md"]);
}

#[test]
fn in_a_repository_the_files_git_knows_are_linted() {
    let d = Dir::new();
    d.git(&["init", "-q"]);
    d.write("postmortems/a.md", BAD)
        .write("postmortems/generated/b.md", BAD)
        .write(".gitignore", "generated/\nforced/\n")
        .write(".github/postmortems/c.md", BAD)
        .write("postmortems/forced/e.md", BAD)
        .write("vendor/postmortems/d.md", BAD);
    // Tracked despite .gitignore: git knows it, so it is linted.
    d.git(&["add", "-f", "postmortems/forced/e.md"]);
    common::git(&d.path().join("vendor"), &["init", "-q"]);
    assert_eq!(
        json_paths(&json(&d, &[])),
        [
            ".github/postmortems/c.md",
            "postmortems/a.md",
            "postmortems/forced/e.md"
        ]
    );
    // A folder argument lints what git knows under it.
    assert_eq!(
        json_paths(&json(&d, &["postmortems"])),
        ["postmortems/a.md", "postmortems/forced/e.md"]
    );
}

#[test]
fn outside_a_repository_hidden_folders_are_skipped_and_globs_see_the_whole_path() {
    let d = Dir::new();
    d.write("postmortems/a.md", BAD)
        .write(".hidden/postmortems/c.md", BAD);
    assert_eq!(json_paths(&json(&d, &[])), ["postmortems/a.md"]);
    // From inside the postmortems folder, the default include still applies.
    let out = pmlint(
        &d.path().join("postmortems"),
        &["check", "--today", TODAY, "--format", "json"],
    );
    let all: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json_paths(&all), ["a.md"]);
}

#[test]
fn a_linked_worktree_is_walked_with_its_ignore_files() {
    let d = Dir::new();
    d.git(&["init", "-q"]);
    d.write("postmortems/a.md", BAD).write(".gitignore", "drafts/\n");
    d.git(&["add", "-A"]);
    d.git(&["commit", "-qm", "first"]);
    let wt = d.path().join("wt");
    d.git(&["worktree", "add", "-q", wt.to_str().unwrap()]);
    std::fs::create_dir_all(wt.join("postmortems/drafts")).unwrap();
    std::fs::write(wt.join("postmortems/drafts/b.md"), BAD).unwrap();
    let sub = wt.join("postmortems");
    let out = pmlint(&sub, &["check", "--today", TODAY, "--format", "json"]);
    let all: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    // The whole worktree (not the main one), relative to where pmlint runs.
    assert_eq!(json_paths(&all), ["a.md"]);
}

#[test]
fn outside_a_repository_ignore_files_still_apply() {
    let d = Dir::new();
    d.write("postmortems/a.md", BAD)
        .write("postmortems/old/b.md", BAD)
        .write(".ignore", "old/\n");
    assert_eq!(json_paths(&json(&d, &[])), ["postmortems/a.md"]);
}

#[test]
fn bad_input_is_reported_and_the_rest_still_linted() {
    let d = Dir::new();
    d.write("postmortems/good.md", GOOD)
        .write(
            "postmortems/latin1.md",
            b"# Caf\xe9 outage\n\nline two\n".as_slice(),
        )
        .write("postmortems/binary.md", b"\x00\x01\x02PNG".as_slice())
        .write("postmortems/bad.md", BAD);
    let out = check(&d, &["--format", "json", ".", "postmortems/missing.md"]);
    assert_eq!(code(&out), 2);
    let all: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let unreadable: Vec<(String, String, u64, u64)> = all
        .iter()
        .filter(|v| v["rule"] == "unreadable-file")
        .map(|v| {
            (
                v["path"].as_str().unwrap().to_owned(),
                v["message"].as_str().unwrap().to_owned(),
                v["line"].as_u64().unwrap(),
                v["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(unreadable.len(), 3, "{unreadable:?}");
    assert_eq!(unreadable[0].0, "postmortems/binary.md");
    assert!(unreadable[0].1.contains("binary"));
    assert_eq!(
        unreadable[1],
        (
            "postmortems/latin1.md".into(),
            "not valid UTF-8 (byte 0xE9); not linted".into(),
            1,
            6
        )
    );
    assert_eq!(unreadable[2].0, "postmortems/missing.md");
    // The other files were still linted.
    assert!(
        all.iter()
            .any(|v| v["path"] == "postmortems/bad.md" && v["rule"] == "blame-wording")
    );

    // The human format names the file, and the place of the NUL byte.
    let out = stdout(&check(&d, &["postmortems/binary.md"]));
    assert!(
        out.contains("error[unreadable-file]: binary file (a NUL byte); not linted")
            && out.contains("postmortems/binary.md:1:1"),
        "{out}"
    );
}

#[test]
fn crlf_bom_tabs_and_wide_characters_give_true_positions() {
    let d = Dir::new();
    let text = "\u{feff}# 事故 report\r\n\r\n## Summary\r\n\r\n日本語\twas human error.\r\n";
    d.write("postmortems/x.md", text);
    let all = json(&d, &["--select", "blame-wording"]);
    assert_eq!(all.len(), 1);
    let v = &all[0];
    // Line 5: three wide characters and a tab come before "was human error".
    assert_eq!((v["line"].as_u64(), v["column"].as_u64()), (Some(5), Some(9)));
    assert_eq!(
        (v["end_line"].as_u64(), v["end_column"].as_u64()),
        (Some(5), Some(20))
    );
    let (s, e) = (
        v["byte_start"].as_u64().unwrap() as usize,
        v["byte_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "human error");

    let all = json(&d, &["--select", "missing-section"]);
    assert_eq!(
        (all[0]["line"].as_u64(), all[0]["column"].as_u64()),
        (Some(1), Some(3)),
        "the BOM is not a column"
    );
}

#[test]
fn malformed_front_matter_is_a_diagnostic() {
    let d = Dir::new();
    d.write("postmortems/x.md", format!("---\ntitle: [oops\n---\n{GOOD}"));
    let out = check(&d, &["--format", "short"]);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains("postmortems/x.md:3:1: error[invalid-front-matter]"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn inline_suppressions() {
    let d = Dir::new();
    d.write(
        "postmortems/x.md",
        format!(
            "{GOOD}\n## Notes\n\n<!-- pmlint-disable-next-line blame-wording -- quoting the vendor -->\nIt was human error.\nIt was human error.\n\n\
             <!-- pmlint-disable wording -->\nHe should have known. Careless.\n<!-- pmlint-enable wording -->\nCareless.\n"
        ),
    );
    let lines: Vec<u64> = json(&d, &[])
        .iter()
        .map(|v| v["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [32, 37]);

    d.write(
        "postmortems/x.md",
        format!("<!-- pmlint-disable-file sections -->\n{BAD}"),
    );
    let rules: Vec<String> = json(&d, &[])
        .iter()
        .map(|v| v["rule"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        !rules
            .iter()
            .any(|r| r == "placeholder-text" || r == "missing-section"),
        "{rules:?}"
    );
    assert!(rules.iter().any(|r| r == "blame-wording"));
}

#[test]
fn no_files_is_a_warning_not_a_failure() {
    let d = Dir::new();
    d.write("README.md", BAD);
    let out = check(&d, &[]);
    assert_eq!(code(&out), 0);
    assert!(stderr(&out).contains("no postmortem files found"));
}

#[test]
fn rules_and_explain() {
    let d = Dir::new();
    let out = pmlint(d.path(), &["rules"]);
    assert_eq!(code(&out), 0);
    insta::assert_snapshot!(stdout(&out));

    let out = pmlint(d.path(), &["rules", "--format", "json"]);
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.len(), pmlint::rules::RULES.len());

    let out = pmlint(d.path(), &["explain", "action-item-missing-owner"]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(text.starts_with("# action-item-missing-owner\n"));
    for h in ["## What it does", "## Why is this bad?", "## Example"] {
        assert!(text.contains(h));
    }

    // The headings missing-section's help points to, for the template in use.
    let out = pmlint(d.path(), &["explain", "missing-section"]);
    let text = stdout(&out);
    assert!(text.contains("## Headings (template `default`)"), "{text}");
    assert!(
        text.contains("- action-items (required): Action items, Follow-up actions,"),
        "{text}"
    );
    d.write("pmlint.toml", "template = \"google-sre\"\n");
    let out = pmlint(d.path(), &["explain", "missing-section"]);
    assert!(stdout(&out).contains("## Headings (template `google-sre`)"));

    let out = pmlint(d.path(), &["explain", "wording"]);
    assert_eq!(code(&out), 0);
    assert!(
        stdout(&out).contains("- blame-wording (error)"),
        "{}",
        stdout(&out)
    );

    let out = pmlint(d.path(), &["explain", "owner"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("did you mean action-item-missing-owner"),
        "{}",
        stderr(&out)
    );
}

/// Google's example layout: bug IDs in a Bug column instead of dates.
const SRE_ACTIONS: &str = "\
# Shakespeare search outage

## Action Items

| Action Item | Type | Owner | Bug |
|---|---|---|---|
| Update the playbook for cascading failure | mitigate | jennifer | n/a **DONE** |
| Balance load between clusters | prevent | martym | Bug 5554823 **TODO** |
| Schedule a cascading failure test | process | docbrown | n/a **TODO** |
";

#[test]
fn a_template_sets_whether_a_ticket_stands_for_a_due_date() {
    let d = Dir::new();
    d.write("postmortems/x.md", SRE_ACTIONS);
    let select = ["--format", "short", "--select", "action-item-missing-due-date"];
    // The default template asks every open item for a date.
    let out = stdout(&check(&d, &select));
    assert_eq!(out.lines().count(), 2, "{out}");
    // google-sre accepts the bug instead.
    d.write("pmlint.toml", "template = \"google-sre\"\n");
    let out = stdout(&check(&d, &select));
    assert_eq!(
        out,
        "postmortems/x.md:9:3: error[action-item-missing-due-date]: action item has no due date\n"
    );
    // The config wins over the template.
    d.write(
        "pmlint.toml",
        "template = \"google-sre\"\n[action-items]\nticket-as-due-date = false\n",
    );
    assert_eq!(stdout(&check(&d, &select)).lines().count(), 2);
}

#[test]
fn standards_and_hashes_are_not_tickets() {
    let d = Dir::new();
    d.write(
        "postmortems/x.md",
        "# X\n\n## Action items\n\n- Store SHA-256 sums (@build)\n- Write UTF-8 names (@build)\n- Fix the parser (@build, OPS-42)\n- Fix the retry (@build, #77)\n",
    )
    .write("pmlint.toml", "[action-items]\nticket-as-due-date = true\n");
    let out = stdout(&check(&d, &["--format", "short", "--select", "action-items"]));
    assert_eq!(
        out,
        "postmortems/x.md:5:3: error[action-item-missing-due-date]: action item has no due date\n\
         postmortems/x.md:6:3: error[action-item-missing-due-date]: action item has no due date\n"
    );
}

#[test]
fn done_items_need_an_owner_only_when_the_config_says() {
    let d = Dir::new();
    d.write(
        "postmortems/x.md",
        "# X\n\n## Action items\n\n- [x] Rotate the keys\n- ✅ Add a canary\n- Considered a second broker but it is not worth it\n",
    );
    let select = ["--format", "short", "--select", "action-item-missing-owner"];
    assert_eq!(stdout(&check(&d, &select)), "");
    d.write("pmlint.toml", "[action-items]\ndone-items-need-owner = true\n");
    let out = stdout(&check(&d, &select));
    let lines: Vec<&str> = out.lines().map(|l| l.split(": ").next().unwrap()).collect();
    assert_eq!(
        lines,
        [
            "postmortems/x.md:5:7",
            "postmortems/x.md:6:3",
            "postmortems/x.md:7:3"
        ]
    );
}

#[test]
fn the_date_order_reads_day_and_month() {
    let d = Dir::new();
    d.write(
        "postmortems/x.md",
        "# X\n\n## Action items\n\n- [ ] Rotate the keys (@sec, due 03/04/2026)\n",
    );
    let select = ["--format", "short", "--select", "action-items"];
    let out = stdout(&check(&d, &select));
    assert!(
        out.contains("5:34: error[action-item-missing-due-date]: '03/04/2026' is ambiguous"),
        "{out}"
    );
    // Day first: 3 April 2026, before TODAY.
    d.write("pmlint.toml", "[action-items]\ndate-order = \"dmy\"\n");
    let out = stdout(&check(&d, &select));
    assert!(out.contains("action item was due on 2026-04-03"), "{out}");
    d.write("pmlint.toml", "[action-items]\ndate-order = \"mdy\"\n");
    let out = stdout(&check(&d, &select));
    assert!(out.contains("action item was due on 2026-03-04"), "{out}");
    fails_saying(
        &d,
        "pmlint.toml",
        "[action-items]\ndate-order = \"ymd\"\n",
        &["unknown date order `ymd`", "pmlint.toml:2:14"],
    );
}

#[test]
fn the_help_suggests_a_due_date_in_the_future() {
    let d = Dir::new();
    d.write("postmortems/x.md", BAD);
    for (today, example) in [("2026-06-01", "due 2026-07-15"), ("2031-12-20", "due 2032-01-15")] {
        let out = pmlint(
            d.path(),
            &[
                "check",
                "--today",
                today,
                "--color",
                "never",
                "--select",
                "action-item-missing-due-date",
            ],
        );
        assert!(stdout(&out).contains(example), "{}", stdout(&out));
    }
}

#[test]
fn named_files_that_are_not_markdown_are_skipped_with_a_note() {
    let d = Dir::new();
    d.write("postmortems/bad.md", BAD)
        .write("config.yaml", "summary: not a postmortem\n")
        .write("Cargo.toml", "[package]\nname = \"x\"\n");
    let out = check(
        &d,
        &[
            "--format",
            "short",
            "config.yaml",
            "postmortems/bad.md",
            "Cargo.toml",
        ],
    );
    assert_eq!(code(&out), 1);
    assert_eq!(
        stderr(&out),
        "pmlint: note: skipped config.yaml: not a Markdown file (.md, .markdown, ...)\n\
         pmlint: note: skipped Cargo.toml: not a Markdown file (.md, .markdown, ...)\n"
    );
    assert!(stdout(&out).lines().all(|l| l.starts_with("postmortems/bad.md:")));

    let out = check(&d, &["Cargo.toml"]);
    assert_eq!(code(&out), 0);
    assert!(
        stderr(&out).ends_with("pmlint: nothing to lint\n"),
        "{}",
        stderr(&out)
    );
    let out = check(&d, &["--quiet", "Cargo.toml"]);
    assert_eq!(stderr(&out), "");
}
