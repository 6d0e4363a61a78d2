//! `pmlint check`: choose the files (from the work tree, the index, a commit
//! or a change), lint them in parallel, render, and pick the exit status.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context as _, bail};

use crate::ExitStatus;
use crate::cli::CheckArgs;
use crate::config::resolve::{Configs, Origin};
use crate::config::{Config, Verdict};
use crate::discover::{self, Skip};
use crate::git::{Blob, Change, Git, Objects};
use crate::input;
use crate::lint::{FileReport, Linter};
use crate::new_only;
use crate::paths;
use crate::report::{self, ColorChoice, Options, Printer, Rendered, Totals};

/// A file to lint, where its content comes from, and its config.
struct Job {
    display: String,
    content: Content,
    config: Arc<Config>,
    /// For `--new-only`: the version before the change.
    base: Option<Base>,
}

enum Content {
    Path(PathBuf),
    Bytes(Vec<u8>),
    /// A blob, read by the worker that lints it.
    Blob(git2::Oid),
    /// Could not be read: why.
    Refused(String),
}

struct Base {
    /// `None` when the file is new.
    old: Option<git2::Oid>,
    added_lines: Vec<u32>,
}

/// What to lint.
struct Plan {
    /// The repository root (else the current folder): SARIF, GitLab and
    /// GitHub paths are relative to it.
    root: PathBuf,
    /// Where symlinks in the work tree may lead.
    tree: input::Tree,
    /// Where blobs are read from, for `--staged`, `--diff-base`, `--rev`.
    objects: Option<Objects>,
    jobs: Vec<Job>,
    /// Reports made before linting: paths that could not be found, and
    /// config or pack files with mistakes.
    reported: Vec<FileReport>,
    /// Said (on stderr) when there is nothing to lint.
    nothing: String,
    /// Said (on stderr) before linting, unless `--quiet`.
    notes: Vec<String>,
    /// Named files not linted, and why (for `--show-files`).
    skipped: Vec<(String, Skip)>,
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
    // Unknown names are a mistake even when there is nothing to lint.
    crate::lint::rule_names(&args.select)?;
    crate::lint::rule_names(&args.ignore)?;
    if let Some(file) = &args.show_settings {
        return super::show::settings(&cwd, file.as_deref(), args);
    }
    let plan = if git_mode {
        git_plan(&cwd, args)?
    } else {
        worktree_plan(&cwd, args)?
    };
    if args.show_files {
        let (broken, missing): (Vec<_>, Vec<_>) = plan.reported.iter().partition(|r| {
            r.diagnostics
                .iter()
                .any(|d| d.rule.id() == crate::rules::INVALID_CONFIG)
        });
        fn first(r: &FileReport) -> &str {
            r.diagnostics.first().map_or("", |d| d.message.as_str())
        }
        return super::show::files(
            plan.jobs.iter().map(|j| j.display.as_str()),
            &plan.skipped,
            missing.iter().map(|r| (r.path.as_str(), first(r))),
            &broken
                .iter()
                .map(|r| (r.path.as_str(), first(r)))
                .collect::<Vec<_>>(),
        );
    }
    if !args.quiet {
        for note in &plan.notes {
            let _ = writeln!(std::io::stderr(), "pmlint: note: {}", report::escape::lines(note));
        }
    }
    let today = args.today.unwrap_or_else(crate::today::today);
    // One linter per config in use (most runs have one).
    let mut linters: Vec<(Arc<Config>, Linter)> = Vec::new();
    for job in &plan.jobs {
        if !linters.iter().any(|(c, _)| Arc::ptr_eq(c, &job.config)) {
            let mut linter = Linter::from_config(&job.config, today, &args.select, &args.ignore)?;
            // Names of the repository's people, read only if a sentence needs them.
            linter.learn_names_from(&cwd);
            linters.push((job.config.clone(), linter));
        }
    }
    let linter_of = |config: &Arc<Config>| {
        &linters
            .iter()
            .find(|(c, _)| Arc::ptr_eq(c, config))
            .expect("a linter for every config in use")
            .1
    };

    // In path order (discovery sorts; missing paths go among the others).
    let mut work: Vec<Work> = plan.jobs.into_iter().map(Work::Lint).collect();
    work.extend(plan.reported.into_iter().map(Work::Done));
    work.sort_by(|a, b| a.display().cmp(b.display()));

    let step_summary = std::env::var_os("GITHUB_STEP_SUMMARY")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from);
    let stdout = std::io::stdout();
    let color = match &args.output_file {
        Some(_) => args.color == ColorChoice::Always,
        None => report::use_color(args.color, stdout.is_terminal()),
    };
    let (renderer, mut printer) = Printer::new(Options {
        format: args.format,
        color,
        quiet: args.quiet,
        statistics: args.statistics,
        cwd: cwd.clone(),
        root: plan.root,
        step_summary,
    })
    .map_err(anyhow::Error::msg)?;
    if work.is_empty() && !args.quiet {
        // Not eprintln!: a closed stderr must not make pmlint panic.
        let _ = writeln!(
            std::io::stderr(),
            "pmlint: {}",
            report::escape::lines(&plan.nothing)
        );
    }
    // Documents (a JSON array, a SARIF log) are printed even when empty,
    // and an output file is always written (never left from a past run).
    if work.is_empty() && !args.format.is_document() && args.output_file.is_none() {
        return Ok(ExitStatus::Success);
    }
    let mut sink = match &args.output_file {
        Some(path) => Sink::file(&cwd.join(path), path)?,
        // Not locked: whichever worker has the next report writes it.
        None => Sink::Stdout(std::io::BufWriter::with_capacity(64 << 10, stdout)),
    };
    let (tree, objects) = (&plan.tree, plan.objects.as_ref());
    let mut failed: Option<std::io::Error> = None;
    // Each file's output is made where it was linted, then its text goes;
    // after a write error (`| head`) only the counts go on.
    let writing = AtomicBool::new(true);
    let lint_one = |work| {
        let mut report = match work {
            Work::Lint(job) => lint(linter_of(&job.config), job, tree, objects),
            Work::Done(report) => report,
        };
        let rendered = if writing.load(Ordering::Relaxed) {
            renderer.render(&report)
        } else {
            Ok(Rendered::default())
        };
        report.text = None;
        (report, rendered)
    };
    super::ordered::map(work, lint_one, |(report, rendered)| {
        let rendered = rendered.unwrap_or_else(|e| {
            failed.get_or_insert(e);
            Rendered::default()
        });
        let out = if failed.is_none() {
            Some(sink.writer())
        } else {
            None
        };
        if let Err(e) = printer.file(&report, &rendered, out) {
            failed = Some(e);
        }
        if failed.is_some() {
            writing.store(false, Ordering::Relaxed);
        }
    });
    let written = match failed {
        Some(e) => Err(e),
        None => printer.finish(sink.writer()).and_then(|()| sink.writer().flush()),
    };
    match (written, sink) {
        // `pmlint check | head`: the reader has seen enough, but the
        // findings still decide the status (`set -o pipefail` relies on it).
        (Err(e), Sink::Stdout(_)) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        (Err(e), _) => return Err(e).context("cannot write the report"),
        (Ok(()), sink) => sink.commit()?,
    }
    // The process exits next: freeing every pattern and word list would
    // cost a one-file run more than 1% of its time.
    std::mem::forget(linters);
    Ok(exit_status(printer.totals(), args))
}

/// A file to lint, or one already reported (a path that does not exist).
enum Work {
    Lint(Job),
    Done(FileReport),
}

impl Work {
    fn display(&self) -> &str {
        match self {
            Work::Lint(job) => &job.display,
            Work::Done(report) => &report.path,
        }
    }
}

/// Where the report goes: standard output, or `--output-file` by way of a
/// temporary file in the same folder, renamed over it once complete (so a
/// failed run leaves the old report as it was).
enum Sink {
    Stdout(std::io::BufWriter<std::io::Stdout>),
    File {
        tmp: std::io::BufWriter<tempfile::NamedTempFile>,
        path: PathBuf,
        shown: PathBuf,
    },
}

impl Sink {
    /// The file at `path`, shown as `shown`.
    fn file(path: &Path, shown: &Path) -> anyhow::Result<Sink> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".pmlint-report-")
            .tempfile_in(dir)
            .with_context(|| format!("cannot write {}", shown.display()))?;
        Ok(Sink::File {
            tmp: std::io::BufWriter::new(tmp),
            path: path.to_path_buf(),
            shown: shown.to_path_buf(),
        })
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Stdout(out) => out,
            Sink::File { tmp, .. } => tmp,
        }
    }

    fn commit(self) -> anyhow::Result<()> {
        let Sink::File { tmp, path, shown } = self else {
            return Ok(());
        };
        let cannot = || format!("cannot write {}", shown.display());
        let tmp = tmp
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(cannot)?;
        // The permissions of the report it replaces, else rw-r--r--
        // (a temporary file starts private).
        let permissions = std::fs::metadata(&path).map(|m| m.permissions());
        #[cfg(unix)]
        let permissions = permissions.or_else(|_| {
            use std::os::unix::fs::PermissionsExt;
            Ok::<_, std::io::Error>(std::fs::Permissions::from_mode(0o644))
        });
        if let Ok(permissions) = permissions {
            tmp.as_file().set_permissions(permissions).with_context(cannot)?;
        }
        tmp.as_file().sync_all().with_context(cannot)?;
        tmp.persist(&path).map_err(|e| e.error).with_context(cannot)?;
        Ok(())
    }
}

fn lint(linter: &Linter, job: Job, tree: &input::Tree, objects: Option<&Objects>) -> FileReport {
    let max = job.config.max_file_size;
    let read = |oid| match objects {
        Some(objects) => objects.read(oid, max).map_err(|e| format!("{e:#}")),
        None => Err("no repository to read it from".to_owned()),
    };
    let mut report = match job.content {
        Content::Bytes(bytes) => linter.lint_bytes(job.display, bytes),
        Content::Blob(oid) => match read(oid) {
            Ok(Ok(bytes)) => linter.lint_bytes(job.display, bytes),
            Ok(Err(why)) => FileReport::unreadable(job.display, format!("{why}; not linted")),
            Err(e) => FileReport::unreadable(job.display, format!("{e}; not linted")),
        },
        Content::Refused(why) => FileReport::unreadable(job.display, format!("{why}; not linted")),
        Content::Path(path) => match input::read(&path, tree, false, max) {
            Ok(bytes) => linter.lint_bytes(job.display, bytes),
            Err(why) => FileReport::unreadable(job.display, format!("{why}; not linted")),
        },
    };
    if let (Some(base), Some(text), false) = (job.base, &report.text, report.is_unreadable()) {
        let old_bytes = match base.old.map(read) {
            None => None,
            Some(Ok(Ok(bytes))) => Some(bytes),
            // An old version too large to read counts as none: all is new.
            Some(Ok(Err(_))) => None,
            // Not knowing what is new is no reason to call it all new.
            Some(Err(e)) => {
                let why = format!("the version before the change: {e}; not linted");
                return FileReport::unreadable(report.path, why);
            }
        };
        let old_text = old_bytes.and_then(|b| String::from_utf8(b).ok());
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

fn exit_status(totals: Totals, args: &CheckArgs) -> ExitStatus {
    if totals.unreadable > 0 {
        return ExitStatus::Error;
    }
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
    let workdir = repo.as_ref().and_then(Git::workdir);
    let configs = Configs::new(cwd, workdir.as_deref(), args.config.as_deref());
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
        discover::files(cwd, &paths, &configs, repo.as_ref(), args.force_exclude)?
    };
    let mut jobs: Vec<Job> = Vec::with_capacity(found.inputs.len() + 1);
    // The config of the folder the stated name is in, else of this one;
    // a broken one is reported with the others.
    let name = args
        .stdin_filename
        .as_ref()
        .map(|p| paths::normalize(&cwd.join(p)));
    let stdin_config = match &name {
        _ if !stdin => None,
        Some(n) => configs.for_file(n).ok(),
        None => configs.for_folder(cwd).ok(),
    };
    if let Some(config) = stdin_config {
        let content = match input::read_open(std::io::stdin().lock(), None, config.max_file_size) {
            Ok(bytes) => Content::Bytes(bytes),
            Err(input::Refusal::Io(e)) => return Err(e).context("cannot read standard input"),
            Err(why) => Content::Refused(why.to_string()),
        };
        let verdict = name
            .as_ref()
            .map_or(Verdict::Lint, |n| config.verdict(n, true, args.force_exclude));
        if let (Some(n), Some(why)) = (&name, Skip::of(verdict, &config)) {
            found
                .skipped
                .push((paths::display(&paths::relative(n, cwd)), why));
        } else {
            let display = name.map_or_else(|| "-".to_owned(), |n| paths::display(&paths::relative(&n, cwd)));
            jobs.push(Job {
                display,
                content,
                config,
                base: None,
            });
        }
    }
    jobs.extend(found.inputs.drain(..).map(|i| Job {
        display: i.display,
        content: Content::Path(i.path),
        config: i.config,
        base: None,
    }));
    let mut reported: Vec<FileReport> = found
        .missing
        .into_iter()
        .map(|(path, e)| FileReport::unreadable(path, e))
        .collect();
    reported.extend(super::broken::reports(&configs.take_errors(), cwd, None));
    let nothing = nothing_found(&found.skipped, &found.walked);
    let mut notes = configs.take_notes();
    notes.extend(
        found
            .skipped
            .iter()
            .filter(|(_, why)| *why == Skip::NotMarkdown)
            .map(|(p, why)| format!("skipped {p}: {why}")),
    );
    let root = workdir.unwrap_or_else(|| cwd.to_path_buf());
    let tree = input::Tree::new([root.as_path()]);
    Ok(Plan {
        root,
        tree,
        jobs,
        reported,
        nothing,
        notes,
        skipped: found.skipped,
        objects: None,
    })
}

/// What to say when there is nothing to lint: the real cause.
fn nothing_found(skipped: &[(String, Skip)], walked: &discover::Walked) -> String {
    let set_aside: Vec<String> = skipped
        .iter()
        .filter(|(_, why)| *why != Skip::NotMarkdown)
        .map(|(p, why)| format!("{p} ({why})"))
        .collect();
    if !set_aside.is_empty() {
        return format!("not linted: {}", set_aside.join(", "));
    }
    if !skipped.is_empty() && walked.markdown == 0 {
        // Only files that are not Markdown were named; each has its note.
        return "nothing to lint".into();
    }
    let files = |n: usize| match n {
        1 => "the 1 Markdown file".to_owned(),
        n => format!("the {n} Markdown files"),
    };
    let cause = if walked.markdown == 0 {
        "there are no Markdown files here".to_owned()
    } else if walked.excluded > 0 {
        format!(
            "{} of {} match `include` but also `exclude`",
            walked.excluded,
            files(walked.markdown)
        )
    } else {
        let by: Vec<&str> = walked.not_included_by.iter().map(String::as_str).collect();
        format!("none of {} matches {}", files(walked.markdown), by.join(" or "))
    };
    format!(
        "warning: no postmortem files found: {cause} (see the README on `include`; \
         `pmlint check --show-files FILE` says why a file is skipped)"
    )
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

    // Repository paths are matched as work-tree paths (in a bare
    // repository, as they are: there the config's root is the tree's).
    let base = workdir.clone().unwrap_or_default();
    // `--rev` lints a commit as it stands, with the configs it holds.
    let configs = match (&args.rev, &args.config, target) {
        (Some(rev), None, Some(commit)) => Configs::in_origin(
            cwd,
            Some(&base),
            Origin::Commit {
                git: &git,
                commit,
                rev,
            },
        ),
        _ => Configs::new(
            cwd,
            workdir.as_deref().or(Some(git.repo.path())),
            args.config.as_deref(),
        ),
    };
    // A file under a config that cannot be used is not kept: the config's
    // errors are reported instead.
    let config_of = |repo_path: &str| configs.for_file(&base.join(repo_path)).ok();

    let prefixes = path_prefixes(cwd, &args.paths, workdir.as_deref())?;
    for (prefix, given) in prefixes.iter().zip(&args.paths) {
        let on_disk = workdir.as_ref().is_some_and(|w| w.join(prefix).exists());
        let in_tree = target.is_some_and(|t| git.has_path(t, prefix));
        if !on_disk && !in_tree {
            bail!("{}: no such file or folder", given.display());
        }
    }
    let keep = |repo_path: &str| {
        let under = |p: &String| {
            p.is_empty()
                || repo_path
                    .strip_prefix(p.as_str())
                    .is_some_and(|r| r.is_empty() || r.starts_with('/'))
        };
        (prefixes.is_empty() || prefixes.iter().any(under))
            && config_of(repo_path).is_some_and(|c| c.chooses(&base.join(repo_path)))
    };
    let display = |repo_path: &str| match &workdir {
        Some(w) => paths::display(&paths::relative(&w.join(repo_path), cwd)),
        None => repo_path.to_owned(),
    };

    let mut unmerged = Vec::new();
    let (changes, nothing): (Vec<Change>, String) = if args.staged {
        let staged = git.staged(&keep, args.new_only)?;
        unmerged = staged.unmerged;
        (staged.changes, "no staged postmortem to lint".into())
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

    let mut jobs = Vec::with_capacity(changes.len());
    // A conflicted file has no staged version to lint: say so, not "nothing
    // staged".
    for path in unmerged {
        let Ok(config) = configs.for_file(&base.join(&path)) else {
            continue;
        };
        jobs.push(Job {
            display: display(&path),
            content: Content::Refused(
                "unmerged: it has unresolved merge conflicts (resolve them and `git add` it)".into(),
            ),
            config,
            base: None,
        });
    }
    // The blobs are read by the workers that lint them.
    for change in changes {
        let config = configs.for_file(&base.join(&change.new.path))?;
        let old = change.old.as_ref().map(|b: &Blob| b.oid);
        jobs.push(Job {
            display: display(&change.new.path),
            content: Content::Blob(change.new.oid),
            config,
            base: args.new_only.then_some(Base {
                old,
                added_lines: change.added_lines,
            }),
        });
    }
    let reported = super::broken::reports(
        &configs.take_errors(),
        cwd,
        args.rev.as_deref().map(|rev| (rev, base.as_path())),
    );
    let notes = configs.take_notes();
    drop(configs);
    Ok(Plan {
        root: workdir.unwrap_or_else(|| cwd.to_path_buf()),
        tree: input::Tree::default(),
        objects: Some(git.into_objects()),
        jobs,
        reported,
        nothing,
        notes,
        skipped: Vec::new(),
    })
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
