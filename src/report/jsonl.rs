//! `--format jsonl`: the objects of `json`, one per line, written as each
//! file finishes; nothing at all when there is nothing to report.

use std::io::{self, Write};

use super::{Emit, FileView, Render, Rendered, json};

#[derive(Clone)]
pub(super) struct Jsonl;

impl Render for Jsonl {
    fn render(&self, f: &FileView<'_>, rendered: &mut Rendered) -> io::Result<()> {
        rendered.piece(|out| {
            for object in json::objects(f) {
                serde_json::to_writer(&mut *out, &object)?;
                out.write_all(b"\n")?;
            }
            Ok(())
        })
    }
}

impl Emit for Jsonl {}
