//! pmlint: a fast, git-native linter for incident postmortems.
//!
//! Data flows one way: [`cli`] → [`config`] → [`discover`] → [`document`]
//! (each file parsed once) → [`rules`] → [`diagnostic::Diagnostic`] →
//! [`report`].

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
pub mod report;
pub mod rules;
pub mod source;
pub mod wording;

use cli::{Cli, ColorChoice, Command, HookAction};

/// Exit statuses: findings are 1, pmlint's own failures 2 (like ruff).
pub const EXIT_OK: u8 = 0;
pub const EXIT_FAILURE: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// Runs a parsed command line; returns the exit status.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Check(args) => commands::check::run(&args),
        Command::Rules { format } => commands::rules::list(format),
        Command::Explain { rule } => commands::rules::explain(&rule),
        Command::Hook { action } => match action {
            HookAction::Install { force } => commands::hook::install(force),
            HookAction::Uninstall => commands::hook::uninstall(),
        },
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
