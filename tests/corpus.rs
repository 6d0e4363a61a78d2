//! pmlint on real public postmortems (`../shared/corpus/real/`, beside the
//! project root; a user's clone does not have it, so the tests skip there).
//! No crash, no exit status 2, and the output is snapshotted so that every
//! change in what pmlint reports on real documents is reviewed.

mod common;

use std::path::PathBuf;

use common::{code, manifest_dir, pmlint, stderr, stdout};

fn corpus() -> Option<(PathBuf, Vec<String>)> {
    let dir = manifest_dir().join("../shared/corpus/real");
    if !dir.is_dir() {
        eprintln!(
            "skipping: the real-postmortem corpus {} is absent (it ships beside the project, not in it)",
            dir.display()
        );
        return None;
    }
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") || n.ends_with(".markdown"))
        .collect();
    files.sort();
    Some((dir, files))
}

#[test]
fn real_postmortems_default_template() {
    let Some((dir, files)) = corpus() else { return };
    assert!(files.len() >= 30, "the corpus shrank: {}", files.len());
    let mut args = vec![
        "check",
        "--today",
        "2026-11-27",
        "--format",
        "short",
        "--color",
        "never",
    ];
    args.extend(files.iter().map(String::as_str));
    let out = pmlint(&dir, &args);
    assert_ne!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn real_postmortems_every_format_and_template() {
    let Some((dir, files)) = corpus() else { return };
    for template in ["default", "pagerduty", "google-sre"] {
        let cfg = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(cfg.path(), format!("template = \"{template}\"\n")).unwrap();
        for format in ["human", "short", "json"] {
            let mut args = vec![
                "check",
                "--format",
                format,
                "--config",
                cfg.path().to_str().unwrap(),
            ];
            args.extend(files.iter().map(String::as_str));
            let out = pmlint(&dir, &args);
            assert_ne!(code(&out), 2, "{template} {format}: {}", stderr(&out));
            if format == "json" {
                let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
                assert!(v.as_array().is_some_and(|a| !a.is_empty()));
            }
        }
    }
}
