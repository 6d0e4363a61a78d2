//! The subcommands.

pub mod check;
pub mod hook;
pub mod rules;
pub mod show;
