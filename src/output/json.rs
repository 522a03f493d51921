//! One JSON array of all records, one element per line.

use std::io::{self, Write};

use super::{write_json, write_json_into, Printer};
use crate::record::Record;

/// Writes a JSON array, one element per line.
#[derive(Debug, Default)]
pub struct JsonPrinter {
    fields: Vec<String>,
}

impl JsonPrinter {
    /// A printer of the chosen top-level fields (all when empty).
    pub fn new(fields: Vec<String>) -> JsonPrinter {
        JsonPrinter { fields }
    }
}

impl Printer for JsonPrinter {
    fn record(&self, record: &Record, out: &mut dyn Write) -> io::Result<()> {
        write_json(out, record, &self.fields)
    }

    fn record_into(&self, record: &Record, out: &mut Vec<u8>) -> io::Result<()> {
        write_json_into(out, record, &self.fields)
    }

    fn open(&self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"[\n")
    }

    fn separator(&self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b",\n")
    }

    fn close(&self, out: &mut dyn Write, count: usize) -> io::Result<()> {
        out.write_all(if count == 0 { b"[]\n" } else { b"\n]\n" })
    }
}
