//! The subcommands.

mod broken;
pub mod check;
pub mod hook;
mod ordered;
pub mod rules;
pub mod show;
