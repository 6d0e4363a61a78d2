//! The command line. `check`'s flags are a contract: scripts, editors and
//! the pre-commit hook rely on them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

use crate::report::{ColorChoice, Format};

#[derive(Parser, Debug)]
#[command(
    name = "pmlint",
    version,
    about = "A fast, git-native linter for incident postmortems",
    args_override_self = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per run: the size of `check`'s flags costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint postmortems: the repository's (or folder's), or the given files and folders
    Check(CheckArgs),
    /// List every rule: id, group, default severity and summary
    Rules {
        /// Output format
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Print a rule's documentation (or list a group's rules)
    Explain {
        /// A rule id, e.g. action-item-missing-owner, or a group
        rule: String,
    },
    /// Run the language server on standard input and output (for editors)
    Server,
    /// Install or remove a plain git pre-commit hook that runs `pmlint check --staged`
    Hook {
        #[command(subcommand)]
        action: HookAction,
    },
}

#[derive(Subcommand, Debug)]
pub enum HookAction {
    /// Write the pre-commit hook (honours core.hooksPath)
    Install {
        /// Replace a pre-commit hook that pmlint did not write
        #[arg(long)]
        force: bool,
    },
    /// Remove the hook, if pmlint wrote it
    Uninstall,
}

#[derive(Args, Debug, Default)]
#[command(group(clap::ArgGroup::new("change").args(["staged", "diff_base"])))]
pub struct CheckArgs {
    /// Files or folders to lint (default: the repository, or the current folder
    /// outside a repository); `-` reads standard input. Named files are linted even
    /// when `include` does not match them.
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Write the report to PATH (replaced whole once complete) instead of standard output
    #[arg(long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,

    /// Print how many findings each rule made instead of the findings (per file too with
    /// --format json)
    #[arg(long)]
    pub statistics: bool,

    /// When to use colour (NO_COLOR is honoured by `auto`)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// The date "overdue" is judged against, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<Date>,

    /// Use this config file instead of looking for pmlint.toml / .pmlint.toml
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Run only these rules or groups (sections, action-items, wording, input)
    #[arg(long, value_name = "RULE|GROUP", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Do not run these rules or groups
    #[arg(long, value_name = "RULE|GROUP", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub strict: bool,

    /// Report, but exit 0 even when there are errors
    #[arg(long, conflicts_with = "strict")]
    pub exit_zero: bool,

    /// The file name to report (and match `include`/`exclude` against) for `-`,
    /// standard input
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// Print diagnostics only: no summary, no note when there is nothing to lint
    #[arg(long, short)]
    pub quiet: bool,

    /// Named files must match `include` too (what a pre-commit hook wants)
    #[arg(long)]
    pub force_exclude: bool,

    /// Print the settings that apply to FILE (default: the current folder) and the
    /// config file they come from; lint nothing
    #[arg(long, value_name = "FILE", num_args = 0..=1, help_heading = "Settings")]
    pub show_settings: Option<Option<PathBuf>>,

    /// Print the files that would be linted, and why each named file that is not
    /// would be skipped; lint nothing
    #[arg(long, help_heading = "Settings")]
    pub show_files: bool,

    /// Lint the postmortems staged for commit, as the index holds them
    #[arg(long, conflicts_with_all = ["diff_base", "rev"], help_heading = "Git")]
    pub staged: bool,

    /// Lint the postmortems changed since the merge base of REV and HEAD (or --rev)
    #[arg(long, value_name = "REV", help_heading = "Git")]
    pub diff_base: Option<String>,

    /// With --diff-base or --staged: report only what the change introduced
    #[arg(long, requires = "change", help_heading = "Git")]
    pub new_only: bool,

    /// Lint the postmortems of commit REV, read from the object database (works in a
    /// bare repository); its own pmlint.toml applies
    #[arg(long, value_name = "REV", help_heading = "Git")]
    pub rev: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

fn parse_date(s: &str) -> Result<Date, String> {
    let shaped = s.len() == 10
        && s.chars().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    let date = shaped.then(|| s.parse::<Date>().ok()).flatten();
    date.ok_or_else(|| "expected a real date written YYYY-MM-DD, e.g. 2026-06-01".to_owned())
}
