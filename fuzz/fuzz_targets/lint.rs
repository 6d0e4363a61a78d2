//! Any bytes, as a postmortem: no panic, every span is a valid range of the
//! file that renders to a position, and every output format prints it.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use pmlint::config::{Config, read_file};
use pmlint::lint::Linter;
use pmlint::report::{Format, Options, Printer};
use pmlint::source::SourceFile;

static LINTER: LazyLock<Linter> = LazyLock::new(|| {
    let config = Config::from_text(None, "", std::path::Path::new("."), &read_file).unwrap();
    Linter::from_config(&config, "2026-06-01".parse().unwrap(), &[], &[]).unwrap()
});

fuzz_target!(|data: &[u8]| {
    let report = LINTER.lint_bytes("x.md".into(), data.to_vec());
    if let Some(text) = &report.text {
        // Offsets into the file as stored: the text is as long as the bytes
        // it was decoded from (all of them, or the prefix up to a NUL).
        assert!(text.len() <= data.len());
        let file = SourceFile::new("x.md", text);
        for d in &report.diagnostics {
            assert!(d.span.start <= d.span.end && d.span.end <= text.len());
            assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
            assert!(file.position(d.span.start) <= file.position(d.span.end));
        }
    }
    for format in [
        Format::Human,
        Format::Short,
        Format::Json,
        Format::Jsonl,
        Format::Github,
        Format::Sarif,
        Format::Gitlab,
    ] {
        let (renderer, mut printer) = Printer::new(Options {
            format,
            color: false,
            quiet: false,
            statistics: false,
            cwd: ".".into(),
            root: ".".into(),
            step_summary: None,
        })
        .unwrap();
        let mut out = Vec::new();
        let rendered = renderer.render(&report).unwrap();
        printer.file(&report, &rendered, Some(&mut out)).unwrap();
        printer.finish(&mut out).unwrap();
        if matches!(format, Format::Human | Format::Short | Format::Github) {
            // Nothing a terminal would act on reaches it.
            assert!(!out.contains(&0x1b) && !out.contains(&0x07), "{format:?}");
        }
    }
});
