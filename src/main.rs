use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use pmlint::cli::Cli;
use pmlint::error::ConfigError;
use pmlint::report::ColorChoice;

// mimalloc: a linter allocates a string or a vector for every heading,
// item and finding; on 2 cores the whole corpus of BENCHMARKS.md runs 13%
// faster, a one-file run 5%, for 4 MB more at the peak. Built without
// transparent huge pages (`no_thp`), which where the kernel always grants
// them cost a short run more in page faults than the allocator saves.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match pmlint::run(cli) {
        Ok(status) => status.into(),
        Err(err) => {
            // A closed pipe (`pmlint rules | head`) is not a failure; `check`
            // handles its own, to keep the status its findings call for.
            for cause in err.chain() {
                if let Some(io) = cause.downcast_ref::<std::io::Error>() {
                    if io.kind() == std::io::ErrorKind::BrokenPipe {
                        return pmlint::ExitStatus::Success.into();
                    }
                }
            }
            let stderr = std::io::stderr();
            let mut stderr = stderr.lock();
            if let Some(config) = err.downcast_ref::<ConfigError>() {
                let color = pmlint::report::use_color(ColorChoice::Auto, std::io::stderr().is_terminal());
                let _ = pmlint::report::render_config_errors(&config.0, color, &mut stderr);
            } else {
                let message = format!("{err:#}");
                let _ = writeln!(
                    stderr,
                    "pmlint: error: {}",
                    pmlint::report::escape::lines(&message)
                );
            }
            pmlint::ExitStatus::Error.into()
        }
    }
}
