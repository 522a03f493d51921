//! JSON Lines: exactly one line per input document, for pipes and distributed engines.

use std::io::{self, Write};

use super::{write_json, write_json_into, Printer};
use crate::record::Record;

/// Writes one JSON record per line.
#[derive(Debug, Default)]
pub struct JsonlPrinter {
    fields: Vec<String>,
}

impl JsonlPrinter {
    /// A printer of the chosen top-level fields (all when empty).
    pub fn new(fields: Vec<String>) -> JsonlPrinter {
        JsonlPrinter { fields }
    }
}

impl Printer for JsonlPrinter {
    fn record(&self, record: &Record, out: &mut dyn Write) -> io::Result<()> {
        write_json(out, record, &self.fields)?;
        out.write_all(b"\n")
    }

    fn record_into(&self, record: &Record, out: &mut Vec<u8>) -> io::Result<()> {
        write_json_into(out, record, &self.fields)?;
        out.push(b'\n');
        Ok(())
    }
}
