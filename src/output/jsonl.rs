//! JSON Lines: exactly one line per input document, for pipes and distributed engines.

use std::io::{self, Write};

use super::{Printer, TableRow};

/// Writes one JSON record per line.
#[derive(Debug, Default)]
pub struct JsonlPrinter;

impl Printer for JsonlPrinter {
    fn record(&mut self, out: &mut dyn Write, json: &str, _: &dyn TableRow) -> io::Result<()> {
        out.write_all(json.as_bytes())?;
        out.write_all(b"\n")
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.flush()
    }
}
