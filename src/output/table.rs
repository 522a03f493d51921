//! Text for people: each record writes its own rows.

use std::io::{self, Write};

use super::{Printer, TableRow};

/// Writes records as text.
#[derive(Debug, Default)]
pub struct TablePrinter;

impl Printer for TablePrinter {
    fn record(&mut self, out: &mut dyn Write, _: &str, row: &dyn TableRow) -> io::Result<()> {
        row.write_table(out)
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.flush()
    }
}
