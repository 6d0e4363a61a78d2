//! pmlint: a fast, git-native linter for incident postmortems.
//!
//! Data flows one way: [`cli`] → [`config`] → [`discover`] → [`document`]
//! (each file parsed once) → [`rules`] → [`diagnostic::Diagnostic`] →
//! [`report`].

pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod english;
pub mod error;
pub mod lint;
pub mod packs;
pub mod report;
pub mod rules;
pub mod source;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use rayon::prelude::*;

use cli::{CheckArgs, Cli, ColorChoice, Command, ListFormat};
use config::Config;
use lint::{FileReport, Linter};
use report::Totals;
use rules::RULES;

/// Exit statuses: findings are 1, pmlint's own failures 2 (like ruff).
pub const EXIT_OK: u8 = 0;
pub const EXIT_FAILURE: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// Runs a parsed command line; returns the exit status.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Rules { format } => list_rules(format),
        Command::Explain { rule } => explain(&rule),
    }
}

/// Should output be coloured?
pub fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// The root of the repository holding `dir`: the nearest folder with a
/// `.git` (a folder, or a file in worktrees and submodules).
pub fn repo_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

fn check(args: &CheckArgs) -> anyhow::Result<u8> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let repo = repo_root(&cwd);
    let config_file = match &args.config {
        Some(p) => Some(discover::normalize(&cwd.join(p))),
        None => config::discover(&cwd, repo.as_deref()),
    };
    let root = match &config_file {
        Some(f) => f.parent().map_or_else(|| cwd.clone(), Path::to_path_buf),
        None => repo.clone().unwrap_or_else(|| cwd.clone()),
    };
    let config = Config::load(config_file.as_deref(), &root)?;
    let today = args.today.unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let linter = Linter::from_config(&config, today, &args.select, &args.ignore)?;
    let found = discover::files(
        &cwd,
        &args.paths,
        &config,
        repo.as_deref().unwrap_or(&cwd),
        args.force_exclude,
    );

    let mut reports: Vec<FileReport> = found
        .inputs
        .par_iter()
        .map(|input| {
            let mut report = match std::fs::read(&input.path) {
                Ok(bytes) => linter.lint_bytes(input.display.clone(), bytes),
                Err(e) => FileReport::unreadable(input.display.clone(), format!("cannot read the file: {e}")),
            };
            if report.diagnostics.is_empty() {
                report.text = None;
            }
            report
        })
        .collect();
    for (path, error) in found.missing {
        reports.push(FileReport::unreadable(path, error));
    }
    reports.sort_by(|a, b| a.path.cmp(&b.path));

    if reports.is_empty() {
        eprintln!("warning: no postmortem files found (see `include` in the README to choose them)");
    }
    let stdout = std::io::stdout();
    let color = use_color(args.color, stdout.is_terminal());
    let mut out = std::io::BufWriter::new(stdout.lock());
    report::render(args.format, &reports, color, &mut out)?;
    out.flush()?;
    Ok(exit_status(&reports, args))
}

fn exit_status(reports: &[FileReport], args: &CheckArgs) -> u8 {
    if reports.iter().any(FileReport::is_unreadable) {
        return EXIT_ERROR;
    }
    let totals = Totals::of(reports);
    let failed = totals.errors > 0 || (args.strict && totals.warnings > 0);
    if failed && !args.exit_zero {
        EXIT_FAILURE
    } else {
        EXIT_OK
    }
}

fn list_rules(format: ListFormat) -> anyhow::Result<u8> {
    let mut out = std::io::stdout().lock();
    match format {
        ListFormat::Human => {
            writeln!(out, "{:<30}{:<14}{:<10}SUMMARY", "RULE", "GROUP", "SEVERITY")?;
            for r in RULES {
                writeln!(
                    out,
                    "{:<30}{:<14}{:<10}{}",
                    r.id(),
                    r.group().as_str(),
                    r.default_severity().as_str(),
                    r.summary()
                )?;
            }
        }
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = RULES
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id(),
                        "group": r.group().as_str(),
                        "severity": r.default_severity(),
                        "summary": r.summary(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &list)?;
            writeln!(out)?;
        }
    }
    Ok(EXIT_OK)
}

fn explain(id: &str) -> anyhow::Result<u8> {
    let Some(rule) = rules::find(id) else {
        let close: Vec<&str> = RULES
            .iter()
            .map(|r| r.id())
            .filter(|r| r.contains(id) || id.contains(r))
            .collect();
        let hint = if close.is_empty() {
            String::new()
        } else {
            format!(" (did you mean {}?)", close.join(", "))
        };
        bail!("unknown rule `{id}`{hint}; `pmlint rules` lists them");
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "# {}\n", rule.id())?;
    writeln!(
        out,
        "{}. Group: {}. Default severity: {}.\n",
        rule.summary(),
        rule.group().as_str(),
        rule.default_severity().as_str()
    )?;
    write!(out, "{}", rule.explain())?;
    Ok(EXIT_OK)
}
