//! Every rule against its fixtures in `tests/fixtures/<rule>/`: `clean*.md`
//! must produce nothing, `flagged*.md` exactly the snapshotted diagnostics
//! (rule, line, column, message). Only the rule under test runs, and those a
//! first line `<!-- test: --select RULE,... -->` adds (the suppression rules
//! judge what other rules found). A `pmlint.toml` in the folder applies, as
//! a config next to a file does.

mod common;

use common::{TODAY, code, manifest_dir, pmlint, stdout};

fn run(rule: &str, file: &str) -> (i32, String) {
    let text = std::fs::read_to_string(manifest_dir().join(file)).unwrap();
    let extra = text
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("<!-- test: "))
        .and_then(|l| l.strip_suffix(" -->"))
        .map_or(Vec::new(), |args| args.split_whitespace().collect());
    let mut args = vec!["check", "--select", rule, "--today", TODAY, "--format", "short"];
    args.extend(extra);
    args.push(file);
    let out = pmlint(&manifest_dir(), &args);
    (code(&out), stdout(&out))
}

#[test]
fn fixtures() {
    let root = manifest_dir().join("tests/fixtures");
    let mut rules: Vec<_> = std::fs::read_dir(&root).unwrap().flatten().collect();
    rules.sort_by_key(|e| e.file_name());
    let mut checked = 0;
    for rule_dir in rules {
        let rule = rule_dir.file_name().to_string_lossy().into_owned();
        assert!(
            pmlint::rules::find(&rule).is_some(),
            "fixture folder {rule} names no rule"
        );
        let mut files: Vec<_> = std::fs::read_dir(rule_dir.path())
            .unwrap()
            .flatten()
            .filter(|f| f.path().extension().is_some_and(|e| e == "md"))
            .collect();
        files.sort_by_key(|e| e.file_name());
        let (mut clean, mut flagged) = (0, 0);
        for f in files {
            let name = f.file_name().to_string_lossy().into_owned();
            let rel = format!("tests/fixtures/{rule}/{name}");
            let (status, out) = run(&rule, &rel);
            if name.starts_with("clean") {
                clean += 1;
                assert_eq!(out, "", "{rel} must not be flagged");
                assert_eq!(status, 0, "{rel}");
            } else {
                flagged += 1;
                assert!(!out.is_empty(), "{rel} must be flagged");
                assert_ne!(status, 2, "{rel}");
                insta::assert_snapshot!(format!("{rule}__{}", name.trim_end_matches(".md")), out);
            }
            checked += 1;
        }
        assert!(
            clean > 0 && flagged > 0,
            "{rule} needs clean and flagged fixtures"
        );
    }
    // Every rule but the always-on ones (unreadable-file, invalid-config)
    // has fixtures.
    let always_on = pmlint::rules::RULES.iter().filter(|r| r.always_on()).count();
    assert_eq!(always_on, 2);
    assert_eq!(
        std::fs::read_dir(&root).unwrap().count(),
        pmlint::rules::RULES.len() - always_on,
        "a rule has no fixtures"
    );
    assert!(checked > 20);
}
