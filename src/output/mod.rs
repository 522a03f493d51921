//! Writing results: one file per output format behind the [`Printer`] trait. Printers write to
//! any `io::Write`; the library itself never prints.

mod counts;
mod json;
mod jsonl;
mod table;

use std::io::{self, Write};

use serde::Serialize;

pub use self::counts::CountsPrinter;
pub use self::json::JsonPrinter;
pub use self::jsonl::JsonlPrinter;
pub use self::table::TablePrinter;

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// Aligned text for people.
    Table,
    /// One JSON array of records.
    Json,
    /// One JSON record per line, one line per input document.
    Jsonl,
    /// `id<TAB>number of matches` per document (`id<TAB>error<TAB>status` for errors): the
    /// line format of keyword-counting tools and benchmark harnesses.
    Counts,
}

/// A result ready to print: the record, and its JSON already serialised by the worker that made
/// it (so the printing thread only copies bytes).
#[derive(Debug)]
pub struct Rendered<R> {
    /// The record.
    pub record: R,
    /// The record as one line of JSON.
    pub json: String,
}

impl<R: Serialize> Rendered<R> {
    /// Serialises a record.
    pub fn new(record: R) -> Rendered<R> {
        let json = serde_json::to_string(&record).expect("records serialise");
        Rendered { record, json }
    }
}

/// Something that can be shown as a table row.
pub trait TableRow {
    /// Writes the record for people.
    fn write_table(&self, out: &mut dyn Write) -> io::Result<()>;
}

/// Writes records in one format.
pub trait Printer {
    /// Writes one record: `line` is the record rendered by the worker (JSON, or a counts line),
    /// `row` the record for a table.
    fn record(&mut self, out: &mut dyn Write, line: &str, row: &dyn TableRow) -> io::Result<()>;
    /// Finishes the output.
    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()>;
}

/// A printer for a format.
///
/// ```
/// use rolefit::output::{printer, OutputFormat, TableRow};
/// struct Row;
/// impl TableRow for Row {
///     fn write_table(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
///         writeln!(out, "row")
///     }
/// }
/// let mut out = Vec::new();
/// let mut p = printer(OutputFormat::Json);
/// p.record(&mut out, r#"{"id":"a"}"#, &Row).unwrap();
/// p.record(&mut out, r#"{"id":"b"}"#, &Row).unwrap();
/// p.finish(&mut out).unwrap();
/// let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// assert_eq!(v[1]["id"], "b");
/// ```
pub fn printer(format: OutputFormat) -> Box<dyn Printer> {
    match format {
        OutputFormat::Table => Box::new(TablePrinter),
        OutputFormat::Json => Box::new(JsonPrinter::default()),
        OutputFormat::Jsonl => Box::new(JsonlPrinter),
        OutputFormat::Counts => Box::new(CountsPrinter),
    }
}
