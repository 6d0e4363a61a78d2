//! Any bytes, as a postmortem: no panic, and every span is a valid range
//! that renders to a position.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use pmlint::config::{Config, read_file};
use pmlint::lint::Linter;
use pmlint::source::SourceFile;

static LINTER: LazyLock<Linter> = LazyLock::new(|| {
    let config = Config::from_text(None, "", std::path::Path::new("."), &read_file).unwrap();
    Linter::from_config(&config, "2026-06-01".parse().unwrap(), &[], &[]).unwrap()
});

fuzz_target!(|data: &[u8]| {
    let report = LINTER.lint_bytes("x.md".into(), data.to_vec());
    if let Some(text) = report.text {
        let file = SourceFile::new("x.md", &text);
        for d in &report.diagnostics {
            assert!(d.span.start <= d.span.end && d.span.end <= text.len());
            assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
            assert!(file.position(d.span.start) <= file.position(d.span.end));
        }
    }
});
