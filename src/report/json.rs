//! `--format json`: one array of diagnostics, sorted by path then position.
//! Lines and columns are 1-based, columns count Unicode characters, and the
//! end position is exclusive (one past the last character). Written as files
//! finish: the same bytes as pretty-printing the whole array at once.

use std::io::{self, Write};

use serde::Serialize;

use super::{Emit, FileView, Totals};
use crate::diagnostic::Severity;

#[derive(Serialize)]
pub(super) struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: Severity,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
    message: &'a str,
    help: Option<&'a str>,
    suggestion: Option<&'a str>,
}

/// The objects of a file's diagnostics, shared with `jsonl`.
pub(super) fn objects<'a>(f: &'a FileView<'a>) -> impl Iterator<Item = JsonDiagnostic<'a>> {
    f.report.diagnostics.iter().map(move |d| {
        let (start, end) = f.positions(&d.span);
        JsonDiagnostic {
            rule: d.rule.id(),
            severity: d.severity,
            path: &f.report.path,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            byte_start: d.span.start,
            byte_end: d.span.end,
            message: &d.message,
            help: d.help.as_deref(),
            suggestion: d
                .fix
                .as_ref()
                .and_then(|f| f.edits.first())
                .map(|e| e.replacement.as_str()),
        }
    })
}

/// A JSON array written one element at a time, pretty-printed as serde_json
/// prints a whole array (JSON strings hold no raw line feed, so indenting
/// every line of an element is safe).
#[derive(Default)]
pub(super) struct PrettyArray {
    started: bool,
    /// One element's text, then indented: kept between elements for
    /// their allocations.
    buf: Vec<u8>,
    indented: Vec<u8>,
}

impl PrettyArray {
    pub(super) fn push(&mut self, value: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
        self.buf.clear();
        serde_json::to_writer_pretty(&mut self.buf, value)?;
        self.indented.clear();
        self.indented
            .extend_from_slice(if self.started { b",\n  " } else { b"[\n  " });
        self.started = true;
        let mut from = 0;
        for nl in memchr::memchr_iter(b'\n', &self.buf) {
            self.indented.extend_from_slice(&self.buf[from..=nl]);
            self.indented.extend_from_slice(b"  ");
            from = nl + 1;
        }
        self.indented.extend_from_slice(&self.buf[from..]);
        out.write_all(&self.indented)
    }

    pub(super) fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.started { b"\n]\n" } else { b"[]\n" })
    }
}

#[derive(Default)]
pub(super) struct Json {
    array: PrettyArray,
}

impl Emit for Json {
    fn file(&mut self, f: &FileView<'_>, out: &mut dyn Write) -> io::Result<()> {
        for object in objects(f) {
            self.array.push(&object, out)?;
        }
        Ok(())
    }

    fn finish(&mut self, _: &Totals, out: &mut dyn Write) -> io::Result<()> {
        self.array.finish(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_array_is_what_serde_json_prints() {
        let values = [
            serde_json::json!({"a": 1, "b": [1, 2], "c": "x\ny"}),
            serde_json::json!({"d": null}),
        ];
        for n in 0..=values.len() {
            let mut out = Vec::new();
            let mut array = PrettyArray::default();
            for v in &values[..n] {
                array.push(v, &mut out).unwrap();
            }
            array.finish(&mut out).unwrap();
            let mut expected = serde_json::to_vec_pretty(&values[..n]).unwrap();
            expected.push(b'\n');
            assert_eq!(
                String::from_utf8(out).unwrap(),
                String::from_utf8(expected).unwrap()
            );
        }
    }
}
