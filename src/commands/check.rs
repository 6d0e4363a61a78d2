//! `pmlint check`: choose the files (from the work tree, the index, a commit
//! or a change), lint them in parallel, render, and pick the exit status.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use rayon::prelude::*;

use crate::ExitStatus;
use crate::cli::CheckArgs;
use crate::config::{self, Config};
use crate::discover;
use crate::git::{Blob, Change, Git};
use crate::input;
use crate::lint::{FileReport, Linter};
use crate::new_only;
use crate::paths;
use crate::report::{self, Totals};

/// A file to lint and where its content comes from.
struct Job {
    display: String,
    content: Content,
    /// For `--new-only`: the version before the change.
    base: Option<Base>,
}

enum Content {
    Path(PathBuf),
    Bytes(Vec<u8>),
    /// Could not be read: why.
    Refused(String),
}

struct Base {
    /// `None` when the file is new.
    bytes: Option<Vec<u8>>,
    added_lines: Vec<u32>,
}

/// What to lint and under which configuration.
struct Plan {
    config: Config,
    /// Where symlinks in the work tree may lead.
    tree: input::Tree,
    jobs: Vec<Job>,
    /// Reports for paths that could not be found.
    missing: Vec<FileReport>,
    /// Said (on stderr) when there is nothing to lint.
    nothing: String,
    /// Said (on stderr) before linting, unless `--quiet`.
    notes: Vec<String>,
}

pub fn run(args: &CheckArgs) -> anyhow::Result<ExitStatus> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let git_mode = args.staged || args.diff_base.is_some() || args.rev.is_some();
    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if git_mode && stdin {
        bail!("`-` (standard input) cannot be combined with --staged, --diff-base or --rev");
    }
    if args.stdin_filename.is_some() && !stdin {
        bail!("--stdin-filename names standard input; add `-` to the paths to read it");
    }
    let plan = if git_mode {
        git_plan(&cwd, args)?
    } else {
        worktree_plan(&cwd, args)?
    };
    if !args.quiet {
        for note in &plan.notes {
            eprintln!("pmlint: note: {note}");
        }
    }
    let today = args.today.unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let mut linter = Linter::from_config(&plan.config, today, &args.select, &args.ignore)?;
    // Names of the repository's people, read only if a sentence needs them.
    linter.learn_names_from(&cwd);

    let reading = (&plan.tree, plan.config.max_file_size);
    let mut reports: Vec<FileReport> = plan
        .jobs
        .into_par_iter()
        .map(|job| lint(&linter, job, reading))
        .collect();
    reports.extend(plan.missing);
    reports.sort_by(|a, b| a.path.cmp(&b.path));

    if reports.is_empty() && !args.quiet {
        // Not eprintln!: a closed stderr must not make pmlint panic.
        let _ = writeln!(
            std::io::stderr(),
            "pmlint: {}",
            report::escape::lines(&plan.nothing)
        );
    }
    // Machine formats always print their (empty) document.
    if reports.is_empty() && args.format != report::Format::Json {
        return Ok(ExitStatus::Success);
    }
    let stdout = std::io::stdout();
    let color = report::use_color(args.color, stdout.is_terminal());
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written =
        report::render(args.format, &reports, color, args.quiet, &mut out).and_then(|()| out.flush());
    match written {
        // `pmlint check | head`: the reader has seen enough, but the
        // findings still decide the status (`set -o pipefail` relies on it).
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(e).context("cannot write the report"),
        Ok(()) => {}
    }
    Ok(exit_status(&reports, args))
}

fn lint(linter: &Linter, job: Job, (tree, max): (&input::Tree, u64)) -> FileReport {
    let mut report = match job.content {
        Content::Bytes(bytes) => linter.lint_bytes(job.display, bytes),
        Content::Refused(why) => FileReport::unreadable(job.display, format!("{why}; not linted")),
        Content::Path(path) => match input::read(&path, tree, false, max) {
            Ok(bytes) => linter.lint_bytes(job.display, bytes),
            Err(why) => FileReport::unreadable(job.display, format!("{why}; not linted")),
        },
    };
    if let (Some(base), Some(text), false) = (job.base, &report.text, report.is_unreadable()) {
        let old_text = base.bytes.and_then(|b| String::from_utf8(b).ok());
        let old = old_text.as_deref().map(|t| (t, linter.lint_text(t)));
        let head = std::mem::take(&mut report.diagnostics);
        report.diagnostics = new_only::introduced(
            text,
            head,
            old.as_ref().map(|(t, d)| (*t, d.as_slice())),
            &base.added_lines,
        );
    }
    if report.diagnostics.is_empty() {
        report.text = None;
    }
    report
}

fn exit_status(reports: &[FileReport], args: &CheckArgs) -> ExitStatus {
    if reports.iter().any(FileReport::is_unreadable) {
        return ExitStatus::Error;
    }
    let totals = Totals::of(reports);
    let failed = totals.errors > 0 || (args.strict && totals.warnings > 0);
    if failed && !args.exit_zero {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

/// The work tree: the repository's (or folder's) postmortems, or the files
/// and folders named; `-` is standard input.
fn worktree_plan(cwd: &Path, args: &CheckArgs) -> anyhow::Result<Plan> {
    let repo = Git::find(cwd)?.filter(|g| !g.repo.is_bare());
    let config = disk_config(cwd, args, repo.as_ref().and_then(Git::workdir).as_deref())?;
    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    let paths: Vec<PathBuf> = args
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let mut found = if stdin && paths.is_empty() {
        discover::Found::default()
    } else {
        discover::files(cwd, &paths, &config, repo.as_ref(), args.force_exclude)?
    };
    let mut jobs: Vec<Job> = Vec::with_capacity(found.inputs.len() + 1);
    if stdin {
        let content = match input::read_open(std::io::stdin().lock(), None, config.max_file_size) {
            Ok(bytes) => Content::Bytes(bytes),
            Err(input::Refusal::Io(e)) => return Err(e).context("cannot read standard input"),
            Err(why) => Content::Refused(why.to_string()),
        };
        let name = args
            .stdin_filename
            .as_ref()
            .map(|p| paths::normalize(&cwd.join(p)));
        if name
            .as_ref()
            .is_none_or(|n| config.accepts_named(n, args.force_exclude))
        {
            let display = name.map_or_else(|| "-".to_owned(), |n| paths::display(&paths::relative(&n, cwd)));
            jobs.push(Job {
                display,
                content,
                base: None,
            });
        }
    }
    jobs.extend(found.inputs.drain(..).map(|i| Job {
        display: i.display,
        content: Content::Path(i.path),
        base: None,
    }));
    let missing = found
        .missing
        .into_iter()
        .map(|(path, e)| FileReport::unreadable(path, e))
        .collect();
    let nothing = if found.skipped.is_empty() && !found.not_markdown.is_empty() {
        "nothing to lint".into()
    } else if found.skipped.is_empty() {
        "warning: no postmortem files found (`include` in pmlint.toml chooses them; see the README)".into()
    } else if args.force_exclude {
        format!(
            "not linted ({} not a postmortem per `include`/`exclude`): {}",
            found.skipped.len(),
            found.skipped.join(", ")
        )
    } else {
        format!("not linted (matched by `exclude`): {}", found.skipped.join(", "))
    };
    let notes = found
        .not_markdown
        .iter()
        .map(|p| format!("skipped {p}: not a Markdown file (.md, .markdown, ...)"))
        .collect();
    let tree = input::Tree::new([repo.as_ref().and_then(Git::workdir).as_deref().unwrap_or(cwd)]);
    Ok(Plan {
        config,
        tree,
        jobs,
        missing,
        nothing,
        notes,
    })
}

/// `--config`, or `pmlint.toml` / `.pmlint.toml` found from `cwd` up to `stop`
/// (the repository root). Globs are relative to the config file's folder,
/// except for `--config`, where they are relative to the repository root (or
/// the current folder), as a shared config file kept elsewhere expects; with
/// no config outside a repository, they match anywhere in the path.
fn disk_config(cwd: &Path, args: &CheckArgs, stop: Option<&Path>) -> anyhow::Result<Config> {
    let file = match &args.config {
        Some(p) => Some(paths::normalize(&cwd.join(p))),
        None => config::discover(cwd, stop),
    };
    let fs_root = cwd.ancestors().last().unwrap_or(cwd).to_path_buf();
    let root = match &file {
        Some(f) => f.parent().map_or_else(|| cwd.to_path_buf(), Path::to_path_buf),
        None => stop.map_or(fs_root, Path::to_path_buf),
    };
    let mut config = Config::load(file.as_deref(), &root, stop, args.config.is_some())?;
    if args.config.is_some() {
        config.root = stop.unwrap_or(cwd).to_path_buf();
    }
    Ok(config)
}

/// `--staged`, `--diff-base` and `--rev`: content straight from git.
fn git_plan(cwd: &Path, args: &CheckArgs) -> anyhow::Result<Plan> {
    let what = if args.staged {
        "--staged"
    } else if args.rev.is_some() {
        "--rev"
    } else {
        "--diff-base"
    };
    let git = Git::open(cwd, what)?;
    let workdir = git.workdir();
    let target = if args.staged {
        None
    } else {
        Some(git.resolve(args.rev.as_deref().unwrap_or("HEAD"))?)
    };

    // `--rev` lints a commit as it stands, with the config it holds.
    let config = match (&args.rev, &args.config, target) {
        (Some(rev), None, Some(commit)) => {
            let mut config = tree_config(&git, rev, commit)?;
            config.root = workdir.clone().unwrap_or_default();
            config
        }
        _ => disk_config(cwd, args, workdir.as_deref().or(Some(git.repo.path())))?,
    };

    let prefixes = path_prefixes(cwd, &args.paths, workdir.as_deref())?;
    for (prefix, given) in prefixes.iter().zip(&args.paths) {
        let on_disk = workdir.as_ref().is_some_and(|w| w.join(prefix).exists());
        let in_tree = target.is_some_and(|t| git.has_path(t, prefix));
        if !on_disk && !in_tree {
            bail!("{}: no such file or folder", given.display());
        }
    }
    // Repository paths are matched as work-tree paths (in a bare
    // repository, as they are: there the config's root is the tree's).
    let base = workdir.clone().unwrap_or_default();
    let keep = |repo_path: &str| {
        let under = |p: &String| {
            p.is_empty()
                || repo_path
                    .strip_prefix(p.as_str())
                    .is_some_and(|r| r.is_empty() || r.starts_with('/'))
        };
        config.chooses(&base.join(repo_path)) && (prefixes.is_empty() || prefixes.iter().any(under))
    };
    let display = |repo_path: &str| match &workdir {
        Some(w) => paths::display(&paths::relative(&w.join(repo_path), cwd)),
        None => repo_path.to_owned(),
    };

    let (changes, nothing): (Vec<Change>, String) = if args.staged {
        (
            git.staged(&keep, args.new_only)?,
            "no staged postmortem to lint".into(),
        )
    } else if let Some(base) = &args.diff_base {
        let commit = target.expect("resolved above");
        (
            git.changed_since(base, commit, &keep, args.new_only)?,
            format!("no postmortem changed since the merge base with `{base}`"),
        )
    } else {
        let commit = target.expect("resolved above");
        let files = git.tree_files(commit, &keep)?;
        let rev = args.rev.as_deref().unwrap_or("HEAD");
        (
            files
                .into_iter()
                .map(|new| Change {
                    new,
                    old: None,
                    added_lines: Vec::new(),
                })
                .collect(),
            format!("no postmortem files in `{rev}`"),
        )
    };

    let max = config.max_file_size;
    let mut jobs = Vec::with_capacity(changes.len());
    // A conflicted file has no staged version to lint: say so, not "nothing
    // staged".
    if args.staged {
        jobs.extend(git.unmerged(&keep)?.into_iter().map(|path| Job {
            display: display(&path),
            content: Content::Refused(
                "unmerged: it has unresolved merge conflicts (resolve them and `git add` it)".into(),
            ),
            base: None,
        }));
    }
    for change in changes {
        let content = match git.read(change.new.oid, max)? {
            Ok(bytes) => Content::Bytes(bytes),
            Err(why) => Content::Refused(why.to_string()),
        };
        let base = if args.new_only {
            // An old version too large to read counts as none: all is new.
            let old = match &change.old {
                Some(Blob { oid, .. }) => git.read(*oid, max)?.ok(),
                None => None,
            };
            Some(Base {
                bytes: old,
                added_lines: change.added_lines,
            })
        } else {
            None
        };
        jobs.push(Job {
            display: display(&change.new.path),
            content,
            base,
        });
    }
    Ok(Plan {
        config,
        tree: input::Tree::default(),
        jobs,
        missing: Vec::new(),
        nothing,
        notes: Vec::new(),
    })
}

/// The config a commit holds at its root, read from the object database
/// (packs it names too); the defaults when it has none.
fn tree_config(git: &Git, rev: &str, commit: git2::Oid) -> anyhow::Result<Config> {
    let read = |p: &Path| -> std::io::Result<String> {
        git.read_at(commit, &paths::normalize(p), input::DEFAULT_MAX_FILE_SIZE)
            .unwrap_or_else(|| {
                Err(std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "not in the commit",
                ))
            })
    };
    for name in config::FILE_NAMES {
        if let Some(text) = git.read_at(commit, Path::new(name), input::DEFAULT_MAX_FILE_SIZE) {
            let shown = format!("{rev}:{name}");
            let text = text.with_context(|| format!("cannot read {shown}"))?;
            return Ok(Config::from_text(
                Some(Path::new(&shown)),
                &text,
                Path::new(""),
                &read,
            )?);
        }
    }
    Ok(Config::from_text(None, "", Path::new(""), &read)?)
}

/// The PATH arguments as repository-relative prefixes.
fn path_prefixes(cwd: &Path, paths: &[PathBuf], workdir: Option<&Path>) -> anyhow::Result<Vec<String>> {
    paths
        .iter()
        .map(|p| {
            let rel = match workdir {
                Some(w) => {
                    let abs = paths::normalize(&cwd.join(p));
                    match abs.strip_prefix(w) {
                        Ok(r) => r.to_path_buf(),
                        Err(_) => bail!("{} is outside the repository", p.display()),
                    }
                }
                None => p.clone(),
            };
            let s = paths::display(&rel);
            Ok(if s == "." {
                String::new()
            } else {
                s.trim_end_matches('/').to_owned()
            })
        })
        .collect()
}
