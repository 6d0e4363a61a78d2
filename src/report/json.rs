//! `--format json`: one array of diagnostics, sorted by path then position.
//! Lines and columns are 1-based, columns count Unicode characters, and the
//! end position is exclusive (one past the last character). Written as files
//! finish: the same bytes as pretty-printing the whole array at once.

use std::io::{self, Write};

use serde::Serialize;

use super::{Emit, FileView, Render, Rendered, Totals};
use crate::diagnostic::Severity;
use crate::lint::FileReport;

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
/// prints a whole array. Elements are made by [`element`].
#[derive(Clone, Default)]
pub(super) struct PrettyArray {
    started: bool,
}

/// `value` as an element of a [`PrettyArray`], written in place.
pub(super) fn element(value: &impl Serialize, rendered: &mut Rendered) -> io::Result<()> {
    rendered.piece(|out| {
        let mut ser = serde_json::Serializer::with_formatter(out, InArray::default());
        value.serialize(&mut ser).map_err(io::Error::from)
    })
}

/// serde_json's pretty layout (two spaces a level) one level in, as in an
/// array: what indenting every line of `to_vec_pretty`'s text gives,
/// without the copy.
struct InArray {
    indent: usize,
    has_value: bool,
}

impl Default for InArray {
    fn default() -> InArray {
        InArray {
            indent: 1,
            has_value: false,
        }
    }
}

impl InArray {
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.indent += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.indent -= 1;
        if self.has_value {
            self.line(w, b"\n")?;
        }
        w.write_all(bracket)
    }

    /// `start` (a line break, after a comma unless first), then the indent.
    fn line<W: ?Sized + Write>(&mut self, w: &mut W, start: &[u8]) -> io::Result<()> {
        w.write_all(start)?;
        (0..self.indent).try_for_each(|_| w.write_all(b"  "))
    }

    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, if first { b"\n" } else { b",\n" })
    }
}

impl serde_json::ser::Formatter for InArray {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

impl Emit for PrettyArray {
    fn write(&mut self, _: &FileReport, rendered: &Rendered, out: &mut dyn Write) -> io::Result<()> {
        for element in rendered.pieces() {
            out.write_all(if self.started { b",\n  " } else { b"[\n  " })?;
            self.started = true;
            out.write_all(element)?;
        }
        Ok(())
    }

    fn finish(&mut self, _: &Totals, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.started { b"\n]\n" } else { b"[]\n" })
    }
}

/// `--format json`: rendered by [`Render`], joined by [`PrettyArray`].
#[derive(Clone, Default)]
pub(super) struct Json {
    array: PrettyArray,
}

impl Render for Json {
    fn render(&self, f: &FileView<'_>, rendered: &mut Rendered) -> io::Result<()> {
        objects(f).try_for_each(|object| element(&object, rendered))
    }
}

impl Emit for Json {
    fn write(&mut self, r: &FileReport, rendered: &Rendered, out: &mut dyn Write) -> io::Result<()> {
        self.array.write(r, rendered, out)
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        self.array.finish(totals, out)
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
            serde_json::json!({"e": [], "f": {}, "g": [{"h": [3, {}]}, [], "é\u{1b}"]}),
            serde_json::json!([]),
        ];
        for n in 0..=values.len() {
            // The elements split between two files, as the workers make them.
            let (first, second) = values[..n].split_at(n / 2);
            let report = FileReport::unreadable(String::new(), String::new());
            let mut out = Vec::new();
            let mut array = PrettyArray::default();
            for file in [first, second] {
                let mut rendered = Rendered::default();
                for v in file {
                    element(v, &mut rendered).unwrap();
                }
                array.write(&report, &rendered, &mut out).unwrap();
            }
            array.finish(&Totals::default(), &mut out).unwrap();
            let mut expected = serde_json::to_vec_pretty(&values[..n]).unwrap();
            expected.push(b'\n');
            assert_eq!(
                String::from_utf8(out).unwrap(),
                String::from_utf8(expected).unwrap()
            );
        }
    }
}
