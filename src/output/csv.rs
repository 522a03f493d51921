//! CSV for spreadsheets: a header row, then one row per document (error records too, with their
//! status and message). A list is one cell with its items separated by `; `.

use std::io::{self, Write};

use serde_json::Value;

use super::{escape, select, Printer};
use crate::record::Record;

/// Writes the chosen top-level fields as CSV columns.
#[derive(Debug, Default)]
pub struct CsvPrinter {
    columns: Vec<String>,
}

impl CsvPrinter {
    /// A printer of these columns (top-level record fields, in order).
    pub fn new(columns: Vec<String>) -> CsvPrinter {
        CsvPrinter { columns }
    }

    fn row<I: AsRef<[u8]>>(
        &self,
        out: &mut dyn Write,
        cells: impl IntoIterator<Item = I>,
    ) -> io::Result<()> {
        let mut w = csv::WriterBuilder::new()
            .buffer_capacity(1024)
            .from_writer(out);
        w.write_record(cells)?;
        w.flush()
    }
}

impl Printer for CsvPrinter {
    fn record(&self, record: &Record, out: &mut dyn Write) -> io::Result<()> {
        let mut cells = Vec::with_capacity(self.columns.len());
        for raw in select(record, &self.columns)? {
            let value: Option<Value> = raw.map(|r| serde_json::from_str(r.get())).transpose()?;
            cells.push(escape(&cell(value.as_ref())).into_owned());
        }
        self.row(out, cells)
    }

    fn open(&self, out: &mut dyn Write) -> io::Result<()> {
        self.row(out, &self.columns)
    }

    fn close(&self, out: &mut dyn Write, count: usize) -> io::Result<()> {
        // An empty batch still gets its header, so that the file loads with its columns.
        if count == 0 {
            self.open(out)?;
        }
        Ok(())
    }
}

/// A value as one cell: text as itself, a list as its items separated by `; ` (a match or a
/// concept by its concept id), anything else as JSON.
fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| match item.get("concept") {
                Some(Value::String(id)) => id.clone(),
                _ => cell(Some(item)),
            })
            .collect::<Vec<_>>()
            .join("; "),
        Some(other) => other.to_string(),
    }
}
