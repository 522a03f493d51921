//! Counts: `id<TAB>number` per document, the line format of keyword-counting tools and
//! benchmark harnesses: the number of matches for `extract`, the score for `scan`, and
//! `id<TAB>error<TAB>status` for a document that could not be read.

use std::io::{self, Write};

use super::{escape, Printer};
use crate::record::Record;

/// Writes one `id<TAB>number` line per document; ids are escaped so that none forges a line.
#[derive(Debug, Default)]
pub struct CountsPrinter;

impl Printer for CountsPrinter {
    fn record(&self, record: &Record, out: &mut dyn Write) -> io::Result<()> {
        let id = escape(record.id());
        match record {
            Record::Extract(r) => writeln!(out, "{id}\t{}", r.match_count()),
            Record::Scan(r) => writeln!(out, "{id}\t{:.1}", r.score),
            Record::Error(e) => writeln!(out, "{id}\terror\t{}", e.status),
        }
    }
}
