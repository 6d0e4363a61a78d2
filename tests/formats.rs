//! The machine formats, read back with real parsers: GitHub workflow
//! commands (unescaped as the runner does), the step summary (Markdown, by
//! pulldown-cmark), SARIF (serde_json, and the SARIF 2.1.0 schema with
//! Python's `jsonschema`), GitLab Code Quality, JSON Lines, `--statistics`
//! and `--output-file`.
//!
//! The schema check needs `python3 -m jsonschema` (`.ci/run` installs it).
//! Without it the test says so and passes, unless PMLINT_REQUIRE_VALIDATORS
//! is set, as in CI.

mod common;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::process::Output;

use common::{BAD, Dir, GOOD, TODAY, code, pmlint, stderr, stdout};
use serde_json::Value;

/// A repository with one bad postmortem, linted from a subfolder so that
/// paths relative to the root differ from those relative to the current one.
fn repo(bad: &str) -> Dir {
    let d = Dir::new();
    d.git(&["init", "-q"]);
    d.write("postmortems/good.md", GOOD);
    d.write("postmortems/bad.md", bad);
    d
}

fn check_in(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["check", "--today", TODAY];
    all.extend_from_slice(args);
    pmlint(dir, &all)
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

/// One workflow command, as the Actions runner reads it.
#[derive(Debug)]
struct WorkflowCommand {
    name: String,
    properties: BTreeMap<String, String>,
    data: String,
}

fn unescape_data(s: &str) -> String {
    s.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
}

fn unescape_property(s: &str) -> String {
    unescape_data(&s.replace("%3A", ":").replace("%2C", ","))
}

fn parse_command(line: &str) -> WorkflowCommand {
    let rest = line
        .strip_prefix("::")
        .unwrap_or_else(|| panic!("not a command: {line}"));
    let (head, data) = rest.split_once("::").expect("a command has data");
    let (name, props) = head.split_once(' ').unwrap_or((head, ""));
    let properties = props
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').expect("key=value");
            (k.to_owned(), unescape_property(v))
        })
        .collect();
    WorkflowCommand {
        name: name.to_owned(),
        properties,
        data: unescape_data(data),
    }
}

#[test]
fn github_annotations_escape_and_drop_columns_on_multi_line_ranges() {
    // A phrase across a soft line break spans two lines; the file name
    // needs escaping.
    let bad = BAD.replace(
        "The operator should have known.",
        "The operator should\nhave known.",
    );
    let d = repo(&bad);
    let odd = "postmortems/q1,2026: 100%.md";
    d.write(odd, BAD);
    let sub = d.path().join("postmortems");
    let out = check_in(&sub, &["--format", "github", "bad.md", "q1,2026: 100%.md"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let commands: Vec<WorkflowCommand> = stdout(&out).lines().map(parse_command).collect();
    assert!(!commands.is_empty());
    let of = |file: &str, rule: &str| {
        commands
            .iter()
            .find(|c| c.properties["file"] == file && c.properties["title"] == format!("pmlint ({rule})"))
            .unwrap_or_else(|| panic!("no {rule} in {file}: {commands:#?}"))
    };
    let blame = of("postmortems/bad.md", "blame-wording");
    assert_eq!(blame.name, "error");
    assert_eq!(blame.properties["line"], "5");
    assert_eq!(blame.properties["endLine"], "5");
    // "The root cause was " is 19 characters: 'human error' is 20..31.
    assert_eq!(blame.properties["col"], "20");
    assert_eq!(blame.properties["endColumn"], "31");
    let (message, help) = blame.data.split_once("\nhelp: ").expect("help on a second line");
    assert_eq!(message, "'human error' makes people the cause of the incident");
    assert!(!help.is_empty());
    assert_eq!(of("postmortems/bad.md", "placeholder-text").name, "warning");
    let item = of("postmortems/bad.md", "hindsight-wording");
    assert_eq!(
        (&*item.properties["line"], &*item.properties["endLine"]),
        ("17", "18"),
        "{item:?}"
    );
    assert!(!item.properties.contains_key("col") && !item.properties.contains_key("endColumn"));
    // Escaped, the comma, colon and percent sign come back whole.
    assert_eq!(of(odd, "blame-wording").properties["line"], "5");
    assert!(stdout(&out).contains("file=postmortems/q1%2C2026%3A 100%25.md,"));
}

#[test]
fn github_info_is_a_notice() {
    let d = repo(BAD);
    d.write("pmlint.toml", "[rules]\nblame-wording = \"info\"\n");
    let out = check_in(d.path(), &["--format", "github", "--select", "blame-wording"]);
    let commands: Vec<WorkflowCommand> = stdout(&out).lines().map(parse_command).collect();
    assert_eq!(commands.len(), 1, "{commands:?}");
    assert_eq!(commands[0].name, "notice");
}

/// The text of a Markdown document's headings, table cells and list items.
fn markdown_outline(md: &str) -> (Vec<String>, Vec<Vec<String>>, Vec<String>) {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let (mut headings, mut rows, mut items) = (Vec::new(), Vec::new(), Vec::new());
    let mut text = String::new();
    let mut row: Vec<String> = Vec::new();
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { .. } | Tag::TableCell | Tag::Item) => text.clear(),
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::End(TagEnd::Heading(_)) => headings.push(text.clone()),
            Event::End(TagEnd::TableCell) => row.push(text.clone()),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => rows.push(std::mem::take(&mut row)),
            Event::End(TagEnd::Item) => items.push(text.clone()),
            _ => {}
        }
    }
    (headings, rows, items)
}

#[test]
fn github_step_summary_lists_every_finding_by_file_with_counts() {
    let d = repo(BAD);
    // Markdown in a file name is shown as text.
    let odd = "postmortems/*also* <b>bad</b> | `x`.md";
    d.write(odd, BAD);
    let summary = d.path().join("summary.md");
    std::fs::write(&summary, "Earlier step.\n").unwrap();
    let out = common::command(common::pmlint_bin())
        .args(["check", "--today", TODAY, "--format", "github"])
        .current_dir(d.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let annotations = stdout(&out).lines().count();
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.starts_with("Earlier step.\n"), "appended, not replaced:\n{md}");
    let (headings, rows, items) = markdown_outline(&md);
    assert_eq!(headings[1..], [odd, "postmortems/bad.md"]);
    assert!(headings[0].starts_with("pmlint: ") && headings[0].ends_with("in 2 files"));
    // A row per rule; the counts add up to the annotations.
    assert_eq!(rows[0], ["Rule", "Findings"]);
    let counted: usize = rows[1..].iter().map(|r| r[1].parse::<usize>().unwrap()).sum();
    assert_eq!(counted, annotations);
    assert!(
        rows.iter()
            .any(|r| r == &["blame-wording".to_owned(), "2".to_owned()])
    );
    // One list item per finding.
    assert_eq!(items.len(), annotations);
    assert!(
        items.iter().any(|i| i == "line 5, column 20: error blame-wording: 'human error' makes people the cause of the incident"),
        "{items:?}"
    );
}

/// Validates `log` against the SARIF 2.1.0 schema with Python's
/// `jsonschema`; false when it is not installed (and allowed not to be).
fn validate_sarif(log: &[u8]) -> bool {
    let schema = common::manifest_dir().join("../shared/schemas/sarif-schema-2.1.0.json");
    if !schema.exists() {
        eprintln!("skipping the schema check: {} is absent", schema.display());
        return false;
    }
    let has = std::process::Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        assert!(
            std::env::var_os("PMLINT_REQUIRE_VALIDATORS").is_none(),
            "python3 -m jsonschema is not installed, and PMLINT_REQUIRE_VALIDATORS says it must be"
        );
        eprintln!("skipping the schema check: Python's jsonschema is not installed (pip install jsonschema)");
        return false;
    }
    let dir = Dir::new();
    dir.write("log.sarif", log);
    let script = "import json, sys, jsonschema\n\
        schema = json.load(open(sys.argv[1]))\n\
        log = json.load(open(sys.argv[2]))\n\
        cls = jsonschema.validators.validator_for(schema)\n\
        cls.check_schema(schema)\n\
        errors = sorted(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(log), key=str)\n\
        for e in errors: print(list(e.absolute_path), e.message)\n\
        sys.exit(1 if errors else 0)\n";
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&schema)
        .arg(dir.path().join("log.sarif"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "not valid SARIF 2.1.0:\n{}{}",
        stdout(&out),
        stderr(&out)
    );
    true
}

fn results(log: &Value) -> &Vec<Value> {
    log["runs"][0]["results"].as_array().expect("results")
}

#[test]
fn sarif_is_valid_and_says_what_code_scanning_needs() {
    // Wide characters before the finding: columns count code points.
    let bad = BAD.replace("The root cause was", "Le café 😀 — the root cause was");
    let d = repo(&bad);
    let sub = d.path().join("postmortems");
    let out = check_in(&sub, &["--format", "sarif"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    validate_sarif(&out.stdout);
    let log = json(&out);
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "pmlint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(driver["informationUri"].as_str().unwrap().starts_with("https://"));
    // Every rule, with its explain text as help.
    let rules = driver["rules"].as_array().unwrap();
    let listed = pmlint(d.path(), &["rules", "--format", "json"]);
    let ids: Vec<String> = json(&listed)
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        rules
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ids
    );
    let explain = stdout(&pmlint(d.path(), &["explain", "blame-wording"]));
    let blame = rules.iter().find(|r| r["id"] == "blame-wording").unwrap();
    let help = blame["help"]["markdown"].as_str().unwrap();
    assert!(help.contains("## Why is this bad?") && explain.contains(help.split_once("\n\n").unwrap().1));
    assert_eq!(blame["help"]["text"], blame["help"]["markdown"]);
    assert_eq!(blame["defaultConfiguration"]["level"], "error");
    assert!(!blame["shortDescription"]["text"].as_str().unwrap().is_empty());
    assert!(!blame["fullDescription"]["text"].as_str().unwrap().is_empty());

    let results = results(&log);
    assert!(!results.is_empty());
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        let location = &r["locations"][0]["physicalLocation"];
        // Relative to the repository root, not to the folder pmlint ran in.
        assert_eq!(location["artifactLocation"]["uri"], "postmortems/bad.md");
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(r["partialFingerprints"]["pmlint/v1"].is_string());
    }
    let blame = results.iter().find(|r| r["ruleId"] == "blame-wording").unwrap();
    assert_eq!(blame["level"], "error");
    assert!(
        blame["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with("'human error' makes people")
    );
    let region = &blame["locations"][0]["physicalLocation"]["region"];
    let line = bad.lines().nth(4).unwrap();
    let before = &line[..line.find("human error").unwrap()];
    let column = before.chars().count() as u64 + 1;
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(5), Some(column))
    );
    assert_eq!(
        (region["endLine"].as_u64(), region["endColumn"].as_u64()),
        (Some(5), Some(column + 11))
    );
    assert_eq!(region["snippet"]["text"], "human error");
    let warning = results
        .iter()
        .find(|r| r["ruleId"] == "placeholder-text")
        .unwrap();
    assert_eq!(warning["level"], "warning");
}

#[test]
fn sarif_with_nothing_to_report_is_still_a_valid_log() {
    let d = Dir::new();
    d.write("postmortems/good.md", GOOD);
    let out = check_in(d.path(), &["--format", "sarif"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    validate_sarif(&out.stdout);
    assert!(results(&json(&out)).is_empty());
    // And with no file at all.
    let out = check_in(Dir::new().path(), &["--format", "sarif", "-q"]);
    validate_sarif(&out.stdout);
    assert!(results(&json(&out)).is_empty());
}

/// Lines put above every finding of BAD.
const INSERTED: &str = "\nA paragraph added above.\n\nAnd another one.\n";

#[test]
fn fingerprints_survive_line_shifts_and_tell_twins_apart() {
    let d = repo(BAD);
    let fingerprints = |format: &str| -> Vec<(String, u64, String)> {
        let out = check_in(d.path(), &["--format", format]);
        let log = json(&out);
        match format {
            "sarif" => results(&log)
                .iter()
                .map(|r| {
                    let region = &r["locations"][0]["physicalLocation"]["region"];
                    (
                        r["ruleId"].as_str().unwrap().to_owned(),
                        region["startLine"].as_u64().unwrap(),
                        r["partialFingerprints"]["pmlint/v1"].as_str().unwrap().to_owned(),
                    )
                })
                .collect(),
            _ => log
                .as_array()
                .unwrap()
                .iter()
                .map(|i| {
                    (
                        i["check_name"].as_str().unwrap().to_owned(),
                        i["location"]["lines"]["begin"].as_u64().unwrap(),
                        i["fingerprint"].as_str().unwrap().to_owned(),
                    )
                })
                .collect(),
        }
    };
    for format in ["sarif", "gitlab"] {
        d.write("postmortems/bad.md", BAD);
        let before = fingerprints(format);
        d.write(
            "postmortems/bad.md",
            BAD.replacen("\n", &format!("\n{INSERTED}"), 1),
        );
        let after = fingerprints(format);
        assert_eq!(before.len(), after.len());
        for (b, a) in before.iter().zip(&after) {
            assert_eq!(b.0, a.0);
            // Moved down four lines (the title's finding stays), same fingerprint.
            assert!(a.1 == b.1 + 4 || a.1 == b.1, "{format}: {b:?} -> {a:?}");
            assert_eq!(b.2, a.2, "{format}: {b:?} -> {a:?}");
        }
        assert!(after.iter().any(|a| a.1 > 4));
        // The same finding twice, on identical lines: two fingerprints.
        let twice = BAD.replace(
            "The root cause was human error.",
            "The root cause was human error.\n\nThe root cause was human error.",
        );
        d.write("postmortems/bad.md", &twice);
        let all = fingerprints(format);
        let unique: HashSet<&String> = all.iter().map(|f| &f.2).collect();
        assert_eq!(unique.len(), all.len(), "{format}: {all:?}");
        assert_eq!(all.iter().filter(|f| f.0 == "blame-wording").count(), 2);
    }
}

#[test]
fn gitlab_code_quality_fields() {
    let d = repo(BAD);
    d.write("postmortems/other.md", BAD);
    let sub = d.path().join("postmortems");
    let out = check_in(&sub, &["--format", "gitlab"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let report = json(&out);
    let issues = report.as_array().unwrap();
    assert!(!issues.is_empty());
    let fields: Vec<&str> = issues[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for field in ["description", "check_name", "fingerprint", "severity", "location"] {
        assert!(fields.contains(&field), "{field} missing: {fields:?}");
    }
    for i in issues {
        let path = i["location"]["path"].as_str().unwrap();
        assert!(
            ["postmortems/bad.md", "postmortems/other.md"].contains(&path),
            "{path}"
        );
        assert!(i["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&i["severity"].as_str().unwrap()));
    }
    // Two files with the same findings: still one fingerprint each.
    let unique: HashSet<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(unique.len(), issues.len());
    let blame = issues
        .iter()
        .find(|i| i["check_name"] == "blame-wording")
        .unwrap();
    assert_eq!(blame["severity"], "major");
    assert_eq!(blame["location"]["lines"]["begin"], 5);
    assert!(
        blame["description"]
            .as_str()
            .unwrap()
            .starts_with("'human error' makes people")
    );
    let warning = issues
        .iter()
        .find(|i| i["check_name"] == "placeholder-text")
        .unwrap();
    assert_eq!(warning["severity"], "minor");
    // Nothing to report: an empty array.
    let clean = Dir::new();
    clean.write("postmortems/good.md", GOOD);
    assert_eq!(
        json(&check_in(clean.path(), &["--format", "gitlab"])),
        serde_json::json!([])
    );
}

#[test]
fn jsonl_is_the_json_objects_one_per_line() {
    let d = repo(BAD);
    d.write("postmortems/other.md", BAD);
    let array = json(&check_in(d.path(), &["--format", "json"]));
    let out = check_in(d.path(), &["--format", "jsonl"]);
    assert_eq!(code(&out), 1);
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(Value::Array(lines), array);
    // Nothing to report: nothing at all.
    let clean = Dir::new();
    clean.write("postmortems/good.md", GOOD);
    assert_eq!(stdout(&check_in(clean.path(), &["--format", "jsonl"])), "");
}

#[test]
fn statistics_count_by_rule_and_by_file() {
    let d = repo(BAD);
    d.write("postmortems/other.md", BAD.replace("human error", "a deploy"));
    let all = json(&check_in(d.path(), &["--format", "json"]));
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    for v in all.as_array().unwrap() {
        *expected
            .entry(v["rule"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    let out = check_in(d.path(), &["--statistics"]);
    assert_eq!(code(&out), 1, "the findings still decide the status");
    let text = stdout(&out);
    let mut rows: BTreeMap<String, usize> = BTreeMap::new();
    let mut last = usize::MAX;
    for line in text.lines().filter(|l| !l.contains(" in ")) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let n: usize = cols[0].parse().unwrap();
        assert!(n <= last, "most first:\n{text}");
        last = n;
        rows.insert(cols[1].to_owned(), n);
    }
    assert_eq!(rows, expected, "{text}");
    assert_eq!(rows["blame-wording"], 1);

    let stats = json(&check_in(d.path(), &["--statistics", "--format", "json"]));
    assert_eq!(
        stats["total"].as_u64().unwrap() as usize,
        all.as_array().unwrap().len()
    );
    let by_rule: BTreeMap<String, usize> = stats["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["rule"].as_str().unwrap().to_owned(),
                r["count"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    assert_eq!(by_rule, expected);
    let files = stats["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["postmortems/bad.md", "postmortems/other.md"]);
    for f in files {
        let per_rule: usize = f["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["count"].as_u64().unwrap() as usize)
            .sum();
        assert_eq!(per_rule, f["count"].as_u64().unwrap() as usize);
    }
    assert_eq!(
        files[0]["count"].as_u64().unwrap(),
        files[1]["count"].as_u64().unwrap() + 1
    );

    let out = check_in(d.path(), &["--statistics", "--format", "sarif"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--statistics"), "{}", stderr(&out));
}

#[test]
fn output_file_is_replaced_whole_or_not_at_all() {
    let d = repo(BAD);
    let report = d.path().join("reports/pmlint.sarif");
    std::fs::create_dir_all(report.parent().unwrap()).unwrap();
    std::fs::write(&report, "old report").unwrap();
    let out = check_in(
        d.path(),
        &["--format", "sarif", "--output-file", "reports/pmlint.sarif"],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    let written = std::fs::read(&report).unwrap();
    validate_sarif(&written);
    assert!(!results(&serde_json::from_slice(&written).unwrap()).is_empty());
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(report.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["pmlint.sarif"]);

    // A run that fails (an unknown rule) leaves the old report as it was.
    std::fs::write(&report, "old report").unwrap();
    let out = check_in(
        d.path(),
        &[
            "--format",
            "sarif",
            "--output-file",
            "reports/pmlint.sarif",
            "--select",
            "nope",
        ],
    );
    assert_eq!(code(&out), 2);
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "old report");
    // A broken config is a finding of the report, which is written.
    d.write("pmlint.toml", "template = \n");
    let out = check_in(
        d.path(),
        &["--format", "sarif", "--output-file", "reports/pmlint.sarif"],
    );
    assert_eq!(code(&out), 2);
    let written: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(results(&written)[0]["ruleId"], "invalid-config");
    // Nothing to lint: the file is still replaced, never left from a past run.
    let empty = Dir::new();
    empty.write("old.txt", "old report");
    let out = check_in(
        empty.path(),
        &["--format", "github", "-q", "--output-file", "old.txt"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(empty.path().join("old.txt")).unwrap(), "");
    // A folder that does not exist: an error, and nothing written.
    std::fs::remove_file(d.path().join("pmlint.toml")).unwrap();
    let out = check_in(d.path(), &["--format", "json", "--output-file", "nowhere/r.json"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("cannot write nowhere/r.json"),
        "{}",
        stderr(&out)
    );
    assert!(!d.path().join("nowhere").exists());
}

#[test]
fn github_step_summary_stays_under_githubs_limit() {
    // GitHub drops a step's whole summary past 1 MiB.
    let d = Dir::new();
    let text = format!("# Big\n\n{}", "It was human error.\n\n".repeat(12_000));
    d.write("big.md", text);
    let summary = d.path().join("summary.md");
    let out = common::command(common::pmlint_bin())
        .args([
            "check",
            "--today",
            TODAY,
            "--format",
            "github",
            "--select",
            "blame-wording",
            "big.md",
        ])
        .current_dir(d.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(
        stdout(&out).lines().count(),
        12_000,
        "every annotation is still printed"
    );
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.len() < 1024 * 1024, "{} bytes", md.len());
    let (_, rows, items) = markdown_outline(&md);
    assert_eq!(rows[1], ["blame-wording", "12000"], "the counts are whole");
    let last = md.lines().last().unwrap();
    assert_eq!(
        last,
        format!(
            "{} more findings are not listed: GitHub keeps at most 1 MiB of summary per step.",
            12_000 - items.len()
        )
    );
}

/// A repository whose pmlint.toml has an unknown severity on line 3,
/// column 19, linted from a subfolder.
fn broken_config() -> Dir {
    let d = repo(BAD);
    d.write("pmlint.toml", "# ours\n[rules]\n\"blame-wording\" = \"loud\"\n");
    d
}

#[test]
fn a_broken_config_is_a_github_annotation_on_it() {
    let d = broken_config();
    let out = check_in(&d.path().join("postmortems"), &["--format", "github"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let commands: Vec<WorkflowCommand> = stdout(&out).lines().map(parse_command).collect();
    // Every file depends on it: nothing else is reported.
    assert_eq!(commands.len(), 1, "{commands:#?}");
    let c = &commands[0];
    assert_eq!(c.name, "error");
    let props: Vec<(&str, &str)> = c
        .properties
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        props,
        [
            ("col", "19"),
            ("endColumn", "25"),
            ("endLine", "3"),
            ("file", "pmlint.toml"),
            ("line", "3"),
            ("title", "pmlint (invalid-config)"),
        ]
    );
    assert_eq!(
        c.data,
        "unknown severity `loud`\nhelp: use \"error\", \"warning\", \"info\" or \"off\""
    );
    // Nothing on stderr: the report says it.
    assert_eq!(stderr(&out), "");
}

#[test]
fn a_broken_config_is_a_sarif_result_on_it() {
    let d = broken_config();
    let out = check_in(&d.path().join("postmortems"), &["--format", "sarif"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    validate_sarif(&out.stdout);
    let log = json(&out);
    let results = results(&log);
    assert_eq!(results.len(), 1, "{results:#?}");
    let r = &results[0];
    assert_eq!(r["ruleId"], "invalid-config");
    assert_eq!(r["level"], "error");
    let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(
        rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "invalid-config"
    );
    let location = &r["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "pmlint.toml");
    assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    let region = &location["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(3), Some(19))
    );
    assert_eq!(region["snippet"]["text"], "\"loud\"");
}

#[test]
fn a_broken_config_is_in_every_format_at_its_line() {
    let d = broken_config();
    let sub = d.path().join("postmortems");
    let short = check_in(&sub, &["--format", "short"]);
    assert_eq!(code(&short), 2);
    assert_eq!(
        stdout(&short),
        "../pmlint.toml:3:19: error[invalid-config]: unknown severity `loud`\n"
    );
    let gitlab = json(&check_in(&sub, &["--format", "gitlab"]));
    assert_eq!(gitlab[0]["location"]["path"], "pmlint.toml");
    assert_eq!(gitlab[0]["location"]["lines"]["begin"], 3);
    assert_eq!(gitlab[0]["check_name"], "invalid-config");
    let report = json(&check_in(&sub, &["--format", "json"]));
    let d = &report[0];
    assert_eq!(d["path"], "../pmlint.toml");
    assert_eq!(d["rule"], "invalid-config");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(3), Some(19)));
    // The human format shows the snippet, as before it was a diagnostic.
    let human = stdout(&check_in(&sub, &[]));
    assert!(
        human.contains("error[invalid-config]: unknown severity `loud`")
            && human.contains("┌─ ../pmlint.toml:3:19")
            && human.contains("\"blame-wording\" = \"loud\"")
            && human.contains("help: use \"error\""),
        "{human}"
    );
}
