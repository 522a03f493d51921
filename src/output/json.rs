//! One JSON array of all records, streamed element by element.

use std::io::{self, Write};

use super::{Printer, TableRow};

/// Writes a JSON array, one element per line.
#[derive(Debug, Default)]
pub struct JsonPrinter {
    started: bool,
}

impl Printer for JsonPrinter {
    fn record(&mut self, out: &mut dyn Write, json: &str, _: &dyn TableRow) -> io::Result<()> {
        out.write_all(if self.started { b",\n" } else { b"[\n" })?;
        self.started = true;
        out.write_all(json.as_bytes())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.started { b"\n]\n" } else { b"[]\n" })?;
        out.flush()
    }
}
