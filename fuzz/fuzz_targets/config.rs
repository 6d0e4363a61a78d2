//! Any text, as pmlint.toml (naming packs and templates that do not exist):
//! a config or errors with spans inside the text, never a panic, and the
//! errors render.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pmlint::config::Config;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let no_files = |_: &std::path::Path| Err(std::io::Error::other("no files"));
    match Config::from_text(
        Some(std::path::Path::new("pmlint.toml")),
        text,
        std::path::Path::new(""),
        &no_files,
    ) {
        Ok(config) => assert!(config.max_file_size > 0),
        Err(e) => {
            for e in e.0.iter() {
                assert!(e.span.start <= e.span.end && e.span.end <= e.text.len());
            }
            pmlint::report::render_config_errors(&e.0, false, &mut Vec::new()).unwrap();
        }
    }
});
