//! The command line. `check`'s flags are a contract: scripts, editors and
//! the pre-commit hook rely on them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

use crate::report::Format;

#[derive(Parser, Debug)]
#[command(
    name = "pmlint",
    version,
    about = "A fast, git-native linter for incident postmortems"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

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
    /// Print a rule's documentation
    Explain {
        /// A rule id, e.g. action-item-missing-owner
        rule: String,
    },
}

#[derive(Args, Debug, Default)]
pub struct CheckArgs {
    /// Files or folders to lint (default: the repository, or the current folder
    /// outside a repository). Named files are linted even when `include` does not
    /// match them.
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// When to use colour (NO_COLOR is honoured by `auto`)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// The date "overdue" is judged against, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<Date>,

    /// Use this config file instead of looking for pmlint.toml / .pmlint.toml
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Run only these rules or groups (sections, action-items, wording)
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

    /// Named files must match `include` too (what a pre-commit hook wants)
    #[arg(long)]
    pub force_exclude: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>()
        .map_err(|e| format!("expected a date as YYYY-MM-DD: {e}"))
}
