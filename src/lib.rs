//! pmlint: a fast, git-native linter for incident postmortems.
//!
//! Data flows one way: [`cli`] → [`config`] → [`discover`] → [`document`]
//! (each file parsed once) → [`rules`] → [`diagnostic::Diagnostic`] →
//! [`report`].

pub mod automata;
pub mod build_once;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod error;
pub mod git;
pub mod input;
pub mod lint;
pub mod new_only;
pub mod packs;
pub mod paths;
pub mod pattern;
pub mod report;
pub mod rules;
pub mod server;
pub mod source;
pub mod suggest;
pub mod suppression;
pub mod today;
pub mod wording;

use cli::{Cli, Command, HookAction};

/// How a run ended: findings are 1, pmlint's own failures 2 (like ruff).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    Success = 0,
    Failure = 1,
    Error = 2,
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(status: ExitStatus) -> Self {
        std::process::ExitCode::from(status as u8)
    }
}

/// Runs a parsed command line; returns the exit status.
pub fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    match cli.command {
        Command::Check(args) => commands::check::run(&args),
        Command::Rules { format } => commands::rules::list(format),
        Command::Explain { rule } => commands::rules::explain(&rule),
        Command::Server => server::run(),
        Command::Hook { action } => match action {
            HookAction::Install { force } => commands::hook::install(force),
            HookAction::Uninstall => commands::hook::uninstall(),
        },
    }
}
