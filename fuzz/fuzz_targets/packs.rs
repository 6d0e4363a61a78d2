//! Any text, as a config file, a template pack and a phrase pack: an error
//! with a span inside the text, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pmlint::config::Config;
use pmlint::packs::{PhrasePack, Template};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let no_files = |_: &std::path::Path| Err(std::io::Error::other("no files"));
    if let Err(e) = Config::from_text(None, text, std::path::Path::new(""), &no_files) {
        for e in e.0 {
            assert!(e.span.end <= e.text.len());
        }
    }
    for errors in [Template::parse("t.toml", text).err(), PhrasePack::parse("p.toml", text).err()].into_iter().flatten() {
        for e in errors {
            assert!(e.span.start <= e.span.end && e.span.end <= text.len());
        }
    }
});
