//! `--format jsonl`: the objects of `json`, one per line, written as each
//! file finishes; nothing at all when there is nothing to report.

use std::io::{self, Write};

use super::{Emit, FileView, Totals, json};

pub(super) struct Jsonl;

impl Emit for Jsonl {
    fn file(&mut self, f: &FileView<'_>, out: &mut dyn Write) -> io::Result<()> {
        for object in json::objects(f) {
            serde_json::to_writer(&mut *out, &object)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(&mut self, _: &Totals, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}
