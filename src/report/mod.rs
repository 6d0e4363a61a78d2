//! Output formats, one file each. A format has two halves: [`Renderer`]
//! makes a file's output alone, on the worker that linted it (then the
//! file's text is dropped); [`Printer`] writes the rendered files in path
//! order as soon as the files before them are done, with what joins them
//! (a separator, a summary). Lines and columns are computed here, from byte
//! spans, and nowhere else.

pub mod escape;
mod excerpt;
mod github;
mod gitlab;
mod human;
mod json;
mod jsonl;
mod sarif;
mod short;
mod statistics;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::diagnostic::Severity;
use crate::error::SpannedError;
use crate::lint::FileReport;
use crate::source::{Position, SourceFile};

/// `--format`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics with the source snippet, for people.
    #[default]
    Human,
    /// One line each: `path:line:column: severity[rule]: message`.
    Short,
    /// One JSON array, for scripts and editors.
    Json,
    /// One JSON object per line (the objects of `json`), for streaming.
    Jsonl,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// A GitLab Code Quality report.
    Gitlab,
}

impl Format {
    /// Formats that are one document: printed even when there is nothing to
    /// lint, so that a reader always gets valid input.
    pub fn is_document(self) -> bool {
        matches!(self, Format::Json | Format::Sarif | Format::Gitlab)
    }
}

/// Counts for the summary line and the exit status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files with at least one diagnostic.
    pub files_with_problems: usize,
    pub files: usize,
    /// Files pmlint could not read (exit status 2).
    pub unreadable: usize,
}

impl Totals {
    pub fn add(&mut self, r: &FileReport) {
        self.files += 1;
        if !r.diagnostics.is_empty() {
            self.files_with_problems += 1;
        }
        if r.is_unreadable() {
            self.unreadable += 1;
        }
        for d in &r.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// "3 errors, 1 warning in 2 files".
    pub fn sentence(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        if self.errors + self.warnings + self.infos == 0 {
            return format!("No problems found ({} checked).", plural(self.files, "file"));
        }
        let mut parts = Vec::new();
        if self.errors > 0 {
            parts.push(plural(self.errors, "error"));
        }
        if self.warnings > 0 {
            parts.push(plural(self.warnings, "warning"));
        }
        if self.infos > 0 {
            parts.push(format!("{} info", self.infos));
        }
        format!(
            "{} in {}",
            parts.join(", "),
            plural(self.files_with_problems, "file")
        )
    }
}

/// One file as a format sees it.
pub(crate) struct FileView<'a> {
    pub report: &'a FileReport,
    /// The text the spans point into, when there is text to show.
    pub source: Option<SourceFile<'a>>,
    /// The path relative to the repository root (or the folder linted),
    /// with `/`; `None` for standard input without `--stdin-filename`.
    pub repo_path: Option<String>,
}

impl FileView<'_> {
    /// A diagnostic's start and end positions (1-based, columns in
    /// characters, the end exclusive).
    pub fn positions(&self, span: &std::ops::Range<usize>) -> (Position, Position) {
        positions(self.source.as_ref(), span)
    }
}

/// One file's output, made on the worker thread that linted the file: its
/// pieces (a snippet, a JSON object), which the format joins in path order.
#[derive(Debug, Default)]
pub struct Rendered {
    text: Vec<u8>,
    /// Where each piece ends in `text`.
    ends: Vec<usize>,
}

impl Rendered {
    /// Adds the piece `write` writes.
    fn piece(&mut self, write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> io::Result<()> {
        write(&mut self.text)?;
        self.ends.push(self.text.len());
        Ok(())
    }

    fn pieces(&self) -> impl Iterator<Item = &[u8]> {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let piece = &self.text[start..end];
            start = end;
            piece
        })
    }
}

/// What a format makes of one file alone: run in the workers, so that
/// making snippets and JSON goes as wide as linting.
trait Render: Send + Sync {
    fn render(&self, f: &FileView<'_>, out: &mut Rendered) -> io::Result<()>;
}

/// What a format does in path order: what joins the files, and the end.
trait Emit: Send {
    fn write(&mut self, _: &FileReport, rendered: &Rendered, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&rendered.text)
    }

    fn finish(&mut self, _: &Totals, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// How to print.
pub struct Options {
    pub format: Format,
    pub color: bool,
    pub quiet: bool,
    /// `--statistics`: counts instead of findings.
    pub statistics: bool,
    /// The folder display paths are relative to.
    pub cwd: PathBuf,
    /// The repository root (or the folder linted): SARIF, GitLab and GitHub
    /// paths are relative to it.
    pub root: PathBuf,
    /// `GITHUB_STEP_SUMMARY`, for `--format github`.
    pub step_summary: Option<PathBuf>,
}

/// Makes each file's output (see [`Rendered`]); shared by the workers.
pub struct Renderer {
    render: Box<dyn Render>,
    cwd: PathBuf,
    root: PathBuf,
}

impl Renderer {
    pub fn render(&self, r: &FileReport) -> io::Result<Rendered> {
        let view = FileView {
            report: r,
            source: r.text.as_deref().map(|t| SourceFile::new(&r.path, t)),
            repo_path: repo_path(&r.path, &self.cwd, &self.root),
        };
        let mut out = Rendered::default();
        self.render.render(&view, &mut out)?;
        Ok(out)
    }
}

/// Prints rendered reports one file at a time, in the order given.
pub struct Printer {
    emit: Box<dyn Emit>,
    totals: Totals,
}

/// A format's two halves: each file alone, then all in order.
fn both<T: Render + Emit + Clone + 'static>(format: T) -> (Box<dyn Render>, Box<dyn Emit>) {
    (Box::new(format.clone()), Box::new(format))
}

impl Printer {
    /// `--statistics` goes with the formats that can show a table: human,
    /// short and json.
    pub fn new(options: Options) -> Result<(Renderer, Printer), String> {
        let (render, emit) = match (options.statistics, options.format) {
            (true, Format::Json) => both(statistics::Statistics::json()),
            (true, Format::Human | Format::Short) => both(statistics::Statistics::text()),
            (true, other) => {
                return Err(format!(
                    "--statistics prints counts as text or JSON; use it with --format human, short \
                     or json, not {}",
                    format_name(other)
                ));
            }
            (false, Format::Human) => both(human::Human::new(options.color, options.quiet)),
            (false, Format::Short) => both(short::Short),
            (false, Format::Json) => both(json::Json::default()),
            (false, Format::Jsonl) => both(jsonl::Jsonl),
            (false, Format::Github) => both(github::Github::new(options.step_summary)),
            (false, Format::Sarif) => both(sarif::Sarif::default()),
            (false, Format::Gitlab) => both(gitlab::Gitlab::default()),
        };
        let renderer = Renderer {
            render,
            cwd: options.cwd,
            root: options.root,
        };
        let printer = Printer {
            emit,
            totals: Totals::default(),
        };
        Ok((renderer, printer))
    }

    /// Counts the report; prints it when `out` is given (after a write
    /// error the caller stops writing, and counting goes on).
    pub fn file(
        &mut self,
        r: &FileReport,
        rendered: &Rendered,
        out: Option<&mut dyn Write>,
    ) -> io::Result<()> {
        self.totals.add(r);
        match out {
            Some(out) => self.emit.write(r, rendered, out),
            None => Ok(()),
        }
    }

    pub fn totals(&self) -> Totals {
        self.totals
    }

    /// Ends the output (a summary, the end of a document).
    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.emit.finish(&self.totals, out)
    }
}

fn format_name(f: Format) -> String {
    clap::ValueEnum::to_possible_value(&f).map_or_else(String::new, |v| v.get_name().to_owned())
}

/// `display` (relative to `cwd`) relative to `root`, with `/`.
fn repo_path(display: &str, cwd: &Path, root: &Path) -> Option<String> {
    if display == "-" {
        return None;
    }
    let abs = crate::paths::normalize(&cwd.join(display));
    let rel = abs.strip_prefix(root).unwrap_or(&abs);
    let parts: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    Some(parts.join("/"))
}

/// A diagnostic's start and end positions (1-based, columns in characters).
fn positions(file: Option<&SourceFile<'_>>, span: &std::ops::Range<usize>) -> (Position, Position) {
    match file {
        Some(f) => (f.position(span.start), f.position(span.end)),
        None => {
            let p = Position { line: 1, column: 1 };
            (p, p)
        }
    }
}

/// Writes configuration or pack errors as snippets.
pub fn render_config_errors(errors: &[SpannedError], color: bool, out: &mut dyn Write) -> io::Result<()> {
    human::render_spanned_errors(errors, color, out)
}

/// `--color`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// Should output be coloured?
pub fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}
