//! Writing records: one file per output format, each a [`Printer`] that writes one
//! [`Record`] at a time to any `io::Write`. Adding a format is one file here and one
//! [`OutputFormat`] variant. The library itself never prints.

mod counts;
mod csv;
mod html;
mod json;
mod jsonl;
mod scan_json;
mod table;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use serde_json::value::RawValue;

use crate::record::{Record, ScanDetail};
use crate::taxonomy::Taxonomy;

pub use self::counts::CountsPrinter;
pub use self::csv::CsvPrinter;
pub use self::html::HtmlPrinter;
pub use self::json::JsonPrinter;
pub use self::jsonl::JsonlPrinter;
pub use self::table::{TablePrinter, TableStyle};

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// Aligned text for people.
    Table,
    /// One JSON array of records.
    Json,
    /// One JSON record per line, one line per input document.
    Jsonl,
    /// A header row and one row per document, for spreadsheets.
    Csv,
    /// One self-contained HTML page: a ranked summary, then per document its score, groups,
    /// gaps and text with the evidence marked.
    Html,
    /// `id<TAB>number` per document (`id<TAB>error<TAB>status` for errors): the number of
    /// matches for `extract`, the score for `scan`.
    Counts,
}

/// Which command's records a printer writes: it decides the CSV columns and the fields
/// `--fields` may name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RecordKind {
    /// `extract` records.
    #[default]
    Extract,
    /// `scan` records with the compact summary.
    Scan,
    /// `scan` records with the full report (`--explain`).
    ScanExplained,
}

impl RecordKind {
    /// The top-level fields records of this kind can have (error records add `error` and
    /// `line`). An explained `scan` record can also give the compact record's fields, so that
    /// CSV and `--fields` read the same with or without `--explain`.
    pub fn fields(self) -> Vec<&'static str> {
        const SCAN: [&str; 10] = [
            "id",
            "format",
            "status",
            "score",
            "level",
            "profile",
            "taxonomy",
            "matched",
            "missing_essential",
            "negated",
        ];
        let fields: &[&[&str]] = match self {
            RecordKind::Extract => &[&["id", "format", "status", "matches"]],
            RecordKind::Scan => &[&SCAN],
            RecordKind::ScanExplained => &[&SCAN, &["concepts", "fit"]],
        };
        let errors: &[&str] = &["error", "line"];
        fields
            .iter()
            .copied()
            .chain([errors])
            .flatten()
            .copied()
            .collect()
    }

    /// The CSV columns when `--fields` does not choose them.
    fn csv_columns(self) -> &'static [&'static str] {
        match self {
            RecordKind::Extract => &["id", "status", "format", "matches", "error"],
            RecordKind::Scan | RecordKind::ScanExplained => &[
                "id",
                "status",
                "format",
                "score",
                "level",
                "missing_essential",
                "error",
            ],
        }
    }
}

/// What a printer needs besides the records.
#[derive(Clone, Debug, Default)]
pub struct PrintOptions<'a> {
    /// Whose records.
    pub kind: RecordKind,
    /// The top-level fields to write, in this order (JSON formats and CSV); empty for all
    /// (JSON) or the default columns (CSV).
    pub fields: Vec<String>,
    /// The taxonomy, so that the table can name concepts that records give by id.
    pub taxonomy: Option<&'a Taxonomy>,
    /// The table's width, colour and detail.
    pub table: TableStyle,
}

/// Writes records in one format. `record` renders one record and holds no state, so workers
/// can render in parallel; [`Sink`] puts the rendered records together with the format's
/// framing (`open`, `separator`, `close`).
pub trait Printer: Send + Sync {
    /// Writes one record.
    fn record(&self, record: &Record, out: &mut dyn Write) -> io::Result<()>;

    /// Appends one record to `out`: the same bytes as [`Printer::record`], for callers that
    /// render into memory. The JSON printers serialise straight into the buffer rather than
    /// through `dyn Write` one small write at a time.
    ///
    /// ```
    /// use rolefit::output::{printer, OutputFormat, PrintOptions};
    /// use rolefit::record::{ErrorRecord, Record, Status};
    /// let rec = Record::Error(ErrorRecord::new("a.pdf", Status::Encrypted, "password"));
    /// let p = printer(OutputFormat::Jsonl, &PrintOptions::default());
    /// let (mut one, mut two) = (Vec::new(), Vec::new());
    /// p.record(&rec, &mut one).unwrap();
    /// p.record_into(&rec, &mut two).unwrap();
    /// assert_eq!(one, two);
    /// ```
    fn record_into(&self, record: &Record, out: &mut Vec<u8>) -> io::Result<()> {
        self.record(record, out)
    }

    /// Writes what comes before the first record (a CSV header, a JSON array's `[`).
    fn open(&self, out: &mut dyn Write) -> io::Result<()> {
        let _ = out;
        Ok(())
    }

    /// Writes one record rendered by [`Printer::record`], when its place in the output is
    /// known (the table numbers its rows here).
    fn write(&self, out: &mut dyn Write, rendered: &[u8]) -> io::Result<()> {
        out.write_all(rendered)
    }

    /// Writes what goes between two records.
    fn separator(&self, out: &mut dyn Write) -> io::Result<()> {
        let _ = out;
        Ok(())
    }

    /// Writes what comes after the last of `count` records.
    fn close(&self, out: &mut dyn Write, count: usize) -> io::Result<()> {
        let _ = (out, count);
        Ok(())
    }
}

/// A printer for a format.
///
/// ```
/// use rolefit::output::{printer, OutputFormat, PrintOptions, Sink};
/// use rolefit::record::{ErrorRecord, Record, Status};
/// let mut err = ErrorRecord::new("a.pdf", Status::Encrypted, "password");
/// err.format = Some("pdf".into());
/// let rec = Record::Error(err);
/// let p = printer(OutputFormat::Json, &PrintOptions::default());
/// let (mut out, mut one) = (Vec::new(), Vec::new());
/// p.record(&rec, &mut one).unwrap();
/// let mut sink = Sink::new(&*p);
/// sink.write(&mut out, &one).unwrap();
/// sink.write(&mut out, &one).unwrap();
/// sink.finish(&mut out).unwrap();
/// let back: Vec<Record> = serde_json::from_slice(&out).unwrap();
/// assert_eq!(back, [rec.clone(), rec]);
/// ```
pub fn printer<'a>(format: OutputFormat, options: &PrintOptions<'a>) -> Box<dyn Printer + 'a> {
    let fields = options.fields.clone();
    match format {
        OutputFormat::Table => Box::new(TablePrinter::with_style(
            options.taxonomy,
            options.kind,
            options.table,
        )),
        OutputFormat::Json => Box::new(JsonPrinter::new(fields)),
        OutputFormat::Jsonl => Box::new(JsonlPrinter::new(fields)),
        OutputFormat::Csv => Box::new(CsvPrinter::new(if fields.is_empty() {
            options
                .kind
                .csv_columns()
                .iter()
                .map(|f| f.to_string())
                .collect()
        } else {
            fields
        })),
        OutputFormat::Counts => Box::new(CountsPrinter),
        OutputFormat::Html => Box::new(HtmlPrinter::new()),
    }
}

/// Puts rendered records together with a printer's framing.
pub struct Sink<'p> {
    printer: &'p dyn Printer,
    count: usize,
}

impl<'p> Sink<'p> {
    /// A sink for `printer`'s records.
    pub fn new(printer: &'p dyn Printer) -> Sink<'p> {
        Sink { printer, count: 0 }
    }

    /// Writes one record rendered by the printer's [`Printer::record`].
    pub fn write(&mut self, out: &mut dyn Write, rendered: &[u8]) -> io::Result<()> {
        if self.count == 0 {
            self.printer.open(out)?;
        } else {
            self.printer.separator(out)?;
        }
        self.count += 1;
        self.printer.write(out, rendered)
    }

    /// Ends the output and flushes it.
    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.printer.close(out, self.count)?;
        out.flush()
    }
}

/// `s` with every control character written as an escape (`\n`, `\t`, `\r`, `\u{1b}`), and
/// the Unicode line separators and bidirectional overrides too, so that an id or a text taken
/// from a document can neither forge a line nor drive the terminal.
///
/// ```
/// use rolefit::output::escape;
/// assert_eq!(escape("fake.txt\t99\n\x1b[31m"), "fake.txt\\t99\\n\\u{1b}[31m");
/// assert_eq!(escape("résumé.pdf"), "résumé.pdf");
/// ```
pub fn escape(s: &str) -> Cow<'_, str> {
    escape_except(s, None)
}

/// As [`escape`], but line breaks stay: for a message of several lines (a taxonomy error with
/// its caret line) whose other control characters must still not reach the terminal.
///
/// ```
/// use rolefit::output::escape_message;
/// assert_eq!(escape_message("line 3\n  ^\x1b[2J"), "line 3\n  ^\\u{1b}[2J");
/// ```
pub fn escape_message(s: &str) -> Cow<'_, str> {
    escape_except(s, Some('\n'))
}

fn escape_except(s: &str, keep: Option<char>) -> Cow<'_, str> {
    let unsafe_char = |c: char| {
        Some(c) != keep
            && (c.is_control()
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
                ))
    };
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            c if !unsafe_char(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
        }
    }
    Cow::Owned(out)
}

/// The record's top-level fields named by `fields`, in that order, as the JSON the whole record
/// would have written for them; a field the record does not have is `None`.
fn select(record: &Record, fields: &[String]) -> io::Result<Vec<Option<Box<RawValue>>>> {
    let whole = serde_json::to_string(record)?;
    let mut found: HashMap<&str, &RawValue> = serde_json::from_str(&whole)?;
    // An explained scan record also answers for the compact record's fields.
    let compact = match record {
        Record::Scan(scan) if matches!(scan.detail, ScanDetail::Explained(_)) => {
            serde_json::to_string(&scan.clone().compact())?
        }
        _ => String::new(),
    };
    if !compact.is_empty() {
        let summary: HashMap<&str, &RawValue> = serde_json::from_str(&compact)?;
        for (k, v) in summary {
            found.entry(k).or_insert(v);
        }
    }
    Ok(fields
        .iter()
        .map(|f| found.get(f.as_str()).map(|v| (*v).to_owned()))
        .collect())
}

/// Appends the record to `out` as one JSON object: the whole record, or the chosen fields in
/// order. A whole `scan` record is written straight into the buffer ([`scan_json`]).
fn write_json_into(out: &mut Vec<u8>, record: &Record, fields: &[String]) -> io::Result<()> {
    match record {
        Record::Scan(scan) if fields.is_empty() => scan_json::write_scan(out, scan),
        _ => write_json(out, record, fields),
    }
}

/// Writes the record as one JSON object: the whole record, or the chosen fields in order.
fn write_json<W: Write + ?Sized>(
    out: &mut W,
    record: &Record,
    fields: &[String],
) -> io::Result<()> {
    if fields.is_empty() {
        return Ok(serde_json::to_writer(out, record)?);
    }
    out.write_all(b"{")?;
    let mut first = true;
    for (name, value) in fields.iter().zip(select(record, fields)?) {
        let Some(value) = value else { continue };
        if !first {
            out.write_all(b",")?;
        }
        first = false;
        serde_json::to_writer(&mut *out, name)?;
        out.write_all(b":")?;
        out.write_all(value.get().as_bytes())?;
    }
    out.write_all(b"}")
}

/// The plain-English name of a report's group (its id with spaces when the report lacks it).
fn group_name(report: &crate::scoring::ScoreReport, id: &str) -> String {
    report
        .groups
        .iter()
        .find(|g| g.id == id)
        .map_or_else(|| id.replace('-', " "), |g| g.name.clone())
}

/// A report's gaps worth points, the most points first: what to add, in the order a reader
/// should add it.
fn gaps_by_points(report: &crate::scoring::ScoreReport) -> Vec<&crate::scoring::Gap> {
    let mut gaps: Vec<_> = report.gaps.iter().filter(|g| g.points > 0.0).collect();
    gaps.sort_by(|a, b| b.points.total_cmp(&a.points));
    gaps
}
