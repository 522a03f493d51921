//! Counts: `id<TAB>count` per document, the line format of keyword-counting tools.

use std::io::{self, Write};

use super::{Printer, TableRow};

/// Writes the line the worker rendered (`id<TAB>count`), one per document.
#[derive(Debug, Default)]
pub struct CountsPrinter;

impl Printer for CountsPrinter {
    fn record(&mut self, out: &mut dyn Write, line: &str, _: &dyn TableRow) -> io::Result<()> {
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.flush()
    }
}
