//! Any text, as a template pack and as a phrase pack: errors with spans
//! inside the text, never a panic, and they render.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pmlint::packs::{PhrasePack, Template};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for errors in [
        Template::parse("t.toml", text).err(),
        PhrasePack::parse("p.toml", text).err(),
    ]
    .into_iter()
    .flatten()
    {
        for e in &errors {
            assert!(e.span.start <= e.span.end && e.span.end <= text.len());
        }
        pmlint::report::render_config_errors(&errors, false, &mut Vec::new()).unwrap();
    }
});
