//! Where documents come from: standard input, files, folders walked recursively, and JSON Lines
//! files of `{"id", "text"}` records. Inputs are listed lazily and loaded by the worker that
//! processes them, so a batch of any size streams through in bounded memory, and every input
//! becomes exactly one document or one error record.
//!
//! Without the `documents` feature this module is [`Document`] and [`parse_record`]: text that
//! is already read, and JSON Lines records parsed one line at a time.

#[cfg(feature = "documents")]
use std::io::{self, BufRead, BufReader, Read};
#[cfg(feature = "documents")]
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::document;
#[cfg(feature = "documents")]
use crate::document::Limits;
use crate::record::{ErrorRecord, Status};

/// How inputs are found and read.
#[cfg(feature = "documents")]
#[derive(Clone, Debug, Default)]
pub struct InputOptions {
    /// Read every input as JSON Lines of `{"id", "text"}` records.
    pub jsonl: bool,
    /// Glob patterns that files met while walking folders must match (`!` negates).
    pub globs: Vec<String>,
    /// Follow symbolic links while walking folders.
    pub follow_links: bool,
    /// Size and decompression limits for documents.
    pub limits: Limits,
}

/// One input, not yet read.
#[cfg(feature = "documents")]
#[derive(Debug)]
pub enum Input {
    /// A file, read as one document. `walked` is true for files found by walking a folder.
    File {
        /// The document id (the path as given or as found).
        id: String,
        /// Where to read it.
        path: PathBuf,
        /// Found by walking a folder rather than named.
        walked: bool,
    },
    /// Bytes already read (standard input), read as one document.
    Bytes {
        /// The document id (`-` for standard input).
        id: String,
        /// The content.
        bytes: Vec<u8>,
    },
    /// One line of a JSON Lines input.
    Record {
        /// The file the line came from (`-` for standard input).
        origin: String,
        /// The 1-based line number.
        line: u64,
        /// The line's text.
        raw: String,
    },
    /// An input that failed before it could be read.
    Failed(ErrorRecord),
}

/// A document ready for matching: build one with [`Document::new`] from text already read, or
/// get one from [`parse_record`] or (with the `documents` feature) [`Input::load`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Document {
    /// The document id.
    pub id: String,
    /// The detected format (`text`, `pdf`, `jsonl`, ...).
    pub format: String,
    /// The document's text (without its hidden text, unless [`Limits::include_hidden`]).
    pub text: String,
    /// Text the document holds that a reader of it would not see: left out of `text` (so it
    /// earns no points) and reported here. Empty for JSON Lines records and plain text.
    pub hidden: document::HiddenText,
}

impl Document {
    /// A plain-text document (format `text`, no hidden text).
    ///
    /// ```
    /// let doc = rolefit::input::Document::new("cv-7", "Windows 11, Intune");
    /// assert_eq!((doc.id.as_str(), doc.format.as_str()), ("cv-7", "text"));
    /// ```
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            format: "text".to_string(),
            text: text.into(),
            hidden: document::HiddenText::default(),
        }
    }
}

#[derive(Deserialize)]
struct JsonRecord<'a> {
    /// Raw, so that a number keeps its own text: through `f64`, two ids past 2^64 could be
    /// rounded to the same one.
    #[serde(default, borrow)]
    id: Option<&'a serde_json::value::RawValue>,
    /// Any JSON value, so that a record whose text is not a string still reports its own id.
    #[serde(default)]
    text: Option<serde_json::Value>,
}

#[cfg(feature = "documents")]
impl Input {
    /// Reads the input into a document, or says why it cannot be read.
    pub fn load(self, limits: &Limits) -> Result<Document, ErrorRecord> {
        match self {
            Input::Failed(e) => Err(e),
            Input::Bytes { id, bytes } => read_document(id, &bytes, None, limits),
            Input::File { id, path, walked } => {
                let origin = if walked {
                    document::Origin::Walked
                } else {
                    document::Origin::Named
                };
                // Checks the size before reading, and never reads past the limit.
                document_record(id, document::read_file(&path, origin, limits))
            }
            Input::Record { origin, line, raw } => {
                let doc = parse_record(&origin, line, &raw)?;
                let chars = doc.text.chars().count();
                if doc.text.len() > limits.max_chars && chars > limits.max_chars {
                    return Err(ErrorRecord {
                        id: doc.id,
                        status: Status::TooLarge,
                        format: Some("jsonl".to_string()),
                        error: format!(
                            "{chars} characters of text is over the limit of {}",
                            limits.max_chars
                        ),
                        line: Some(line),
                    });
                }
                Ok(doc)
            }
        }
    }
}

#[cfg(feature = "documents")]
fn read_document(
    id: String,
    bytes: &[u8],
    path: Option<&Path>,
    limits: &Limits,
) -> Result<Document, ErrorRecord> {
    document_record(id, document::read_bytes(bytes, path, limits))
}

#[cfg(feature = "documents")]
fn document_record(
    id: String,
    read: Result<document::Extracted, document::ReadError>,
) -> Result<Document, ErrorRecord> {
    match read {
        Ok(doc) => Ok(Document {
            id,
            format: doc.format.to_string(),
            text: doc.text,
            hidden: doc.hidden,
        }),
        Err(e) => Err(ErrorRecord {
            id,
            status: e.status.into(),
            format: Some(e.format.to_string()),
            error: e.message,
            line: None,
        }),
    }
}

/// The record of an input that could not be opened or read.
#[cfg(feature = "documents")]
fn unreadable(id: String, error: impl std::fmt::Display) -> ErrorRecord {
    ErrorRecord {
        id,
        status: Status::Unreadable,
        format: None,
        error: error.to_string(),
        line: None,
    }
}

/// Parses one JSON Lines record `{"id", "text"}`, as `--jsonl` reads each line: `line` of the
/// input named `origin` (`-` for standard input), counted from 1. Fields other than `id` and
/// `text` are ignored; a numeric id keeps its own text (`1e3` stays `1e3`). A line that is not
/// such a record is an [`ErrorRecord`] with [`Status::InvalidRecord`], named by its id when it
/// has one and by `origin:line` when not, so that the CLI, the Python package and a service
/// report bad records alike.
///
/// ```
/// use rolefit::input::parse_record;
/// use rolefit::record::Status;
///
/// let doc = parse_record("postings.jsonl", 1, r#"{"id": 42, "text": "Intune, SCCM"}"#).unwrap();
/// assert_eq!((doc.id.as_str(), doc.format.as_str(), doc.text.as_str()), ("42", "jsonl", "Intune, SCCM"));
///
/// let err = parse_record("postings.jsonl", 2, r#"{"text": "no id"}"#).unwrap_err();
/// assert_eq!((err.id.as_str(), err.status, err.line), ("postings.jsonl:2", Status::InvalidRecord, Some(2)));
/// assert_eq!(err.error, "the record has no \"id\"");
/// ```
pub fn parse_record(origin: &str, line: u64, raw: &str) -> Result<Document, ErrorRecord> {
    let fallback_id = format!("{origin}:{line}");
    let invalid = |id: String, error: String| ErrorRecord {
        id,
        status: Status::InvalidRecord,
        format: Some("jsonl".to_string()),
        error,
        line: Some(line),
    };
    let rec: JsonRecord = serde_json::from_str(raw)
        .map_err(|e| invalid(fallback_id.clone(), format!("not a JSON object: {e}")))?;
    let id = match rec.id.map(|raw| raw.get()) {
        Some(raw) if raw.starts_with('"') => serde_json::from_str::<String>(raw)
            .map_err(|e| invalid(fallback_id.clone(), format!("a bad \"id\" string: {e}")))?,
        // A JSON number, as written: `1e3` stays `1e3`, and 2^64 + 1 is not rounded.
        Some(raw) if raw.starts_with(|c: char| c == '-' || c.is_ascii_digit()) => raw.to_string(),
        Some(other) => {
            return Err(invalid(
                fallback_id,
                format!("\"id\" must be a string or a number, not {other}"),
            ))
        }
        None => return Err(invalid(fallback_id, "the record has no \"id\"".to_string())),
    };
    match rec.text {
        Some(serde_json::Value::String(text)) => Ok(Document {
            id,
            format: "jsonl".to_string(),
            text,
            hidden: document::HiddenText::default(),
        }),
        Some(other) => Err(invalid(
            id,
            format!("\"text\" must be a string, not {other}"),
        )),
        None => Err(invalid(id, "the record has no \"text\" string".to_string())),
    }
}

/// Lists the inputs named by `paths` (`-` is standard input; no path at all means standard
/// input), walking folders recursively, in a stable order.
///
/// ```
/// use rolefit::input::{inputs, Input, InputOptions};
/// let dir = std::env::temp_dir().join("rolefit-doc-inputs");
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("a.txt"), "PowerShell").unwrap();
/// let found: Vec<Input> = inputs(&[dir.clone()], &InputOptions::default()).collect();
/// assert!(found.iter().any(|i| matches!(i, Input::File { path, .. } if path.ends_with("a.txt"))));
/// ```
#[cfg(feature = "documents")]
pub fn inputs(paths: &[PathBuf], options: &InputOptions) -> Inputs {
    let mut pending: Vec<PathBuf> = paths.to_vec();
    if pending.is_empty() {
        pending.push(PathBuf::from("-"));
    }
    pending.reverse();
    Inputs {
        options: options.clone(),
        pending,
        walker: None,
        walking: None,
        lines: None,
    }
}

/// The iterator returned by [`inputs`].
#[cfg(feature = "documents")]
pub struct Inputs {
    options: InputOptions,
    /// Paths still to visit, last first.
    pending: Vec<PathBuf>,
    walker: Option<ignore::Walk>,
    /// The folder being walked, the id of a walk error that names no path of its own.
    walking: Option<PathBuf>,
    lines: Option<Lines>,
}

#[cfg(feature = "documents")]
impl std::fmt::Debug for Inputs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inputs")
            .field("pending", &self.pending)
            .finish_non_exhaustive()
    }
}

#[cfg(feature = "documents")]
struct Lines {
    origin: String,
    reader: Box<dyn BufRead + Send>,
    line: u64,
    buf: Vec<u8>,
    /// The longest line read, in bytes ([`Limits::max_input_bytes`]).
    max_line: u64,
    /// Set when a line never ended: the rest of the input is not read.
    done: bool,
}

/// How a line too long to read is passed over: up to this many times the line limit is skipped
/// looking for its end, and an input that still has none (`/dev/zero`, a pipe that never sends
/// a newline) is read no further.
#[cfg(feature = "documents")]
const SKIP_FACTOR: u64 = 16;

/// How reading one line ended.
#[cfg(feature = "documents")]
enum LineEnd {
    /// The line (without its newline) is in the buffer; `false` at the end of the input.
    Read(bool),
    /// The line was longer than the limit and was skipped up to its newline.
    Skipped,
    /// The line was longer than the limit and no newline came: the input ends here.
    Endless,
}

#[cfg(feature = "documents")]
impl Lines {
    /// Reads one line into `buf`, never holding more than `max_line` bytes of it.
    fn read_line(&mut self) -> io::Result<LineEnd> {
        self.buf.clear();
        let mut skipping: Option<u64> = None;
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                return Ok(match skipping {
                    Some(_) => LineEnd::Skipped,
                    None => LineEnd::Read(!self.buf.is_empty()),
                });
            }
            let newline = memchr::memchr(b'\n', chunk);
            let take = newline.map_or(chunk.len(), |i| i + 1);
            match &mut skipping {
                Some(skipped) => *skipped += take as u64,
                None => self
                    .buf
                    .extend_from_slice(&chunk[..newline.unwrap_or(take)]),
            }
            self.reader.consume(take);
            if skipping.is_none() && self.buf.len() as u64 > self.max_line {
                skipping = Some(self.buf.len() as u64);
                self.buf = Vec::new();
            }
            if let Some(skipped) = skipping {
                if newline.is_some() {
                    return Ok(LineEnd::Skipped);
                }
                if skipped > self.max_line.saturating_mul(SKIP_FACTOR) {
                    return Ok(LineEnd::Endless);
                }
            } else if newline.is_some() {
                return Ok(LineEnd::Read(true));
            }
        }
    }

    fn failed(&self, status: Status, error: String) -> Option<Input> {
        Some(Input::Failed(ErrorRecord {
            id: format!("{}:{}", self.origin, self.line),
            status,
            format: Some("jsonl".to_string()),
            error,
            line: Some(self.line),
        }))
    }

    fn next_record(&mut self) -> Option<Input> {
        loop {
            if self.done {
                return None;
            }
            let end = self.read_line();
            self.line += 1;
            match end {
                Ok(LineEnd::Read(false)) => return None,
                Ok(LineEnd::Read(true)) => {}
                Ok(LineEnd::Skipped) => {
                    return self.failed(
                        Status::TooLarge,
                        format!(
                            "the line is longer than the limit of {} bytes (--max-size); skipped to its end",
                            self.max_line
                        ),
                    )
                }
                Ok(LineEnd::Endless) => {
                    self.done = true;
                    return self.failed(
                        Status::TooLarge,
                        format!(
                            "the line is longer than the limit of {} bytes (--max-size) and no newline follows within {} bytes; the rest of the input is not read",
                            self.max_line,
                            self.max_line.saturating_mul(SKIP_FACTOR)
                        ),
                    );
                }
                Err(e) => {
                    self.done = true;
                    return self.failed(Status::Unreadable, e.to_string());
                }
            }
            let mut bytes = trim_ascii(&self.buf);
            if self.line == 1 {
                // A byte-order mark is no part of the first record.
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
                bytes = trim_ascii(bytes);
            }
            if bytes.is_empty() {
                continue;
            }
            return Some(match std::str::from_utf8(bytes) {
                Ok(s) => Input::Record {
                    origin: self.origin.clone(),
                    line: self.line,
                    raw: s.to_string(),
                },
                Err(e) => Input::Failed(ErrorRecord {
                    id: format!("{}:{}", self.origin, self.line),
                    status: Status::InvalidRecord,
                    format: Some("jsonl".to_string()),
                    error: format!("the line is not valid UTF-8: {e}"),
                    line: Some(self.line),
                }),
            });
        }
    }
}

/// Standard input by name: `-`, and the device paths that stand for it (`/dev/stdin`,
/// `/dev/fd/0`, `/proc/self/fd/0`), which are read the same way (with the size limit) rather
/// than opened as special files.
#[cfg(feature = "documents")]
fn is_stdin(path: &Path) -> bool {
    ["-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]
        .iter()
        .any(|name| path.as_os_str() == *name)
}

/// The path a walk error is about, looking inside the errors that wrap one.
#[cfg(feature = "documents")]
fn error_path(e: &ignore::Error) -> Option<&Path> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child),
        ignore::Error::Partial(errors) => errors.iter().find_map(error_path),
        _ => None,
    }
}

#[cfg(feature = "documents")]
fn trim_ascii(b: &[u8]) -> &[u8] {
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    &b[start..end]
}

#[cfg(feature = "documents")]
impl Inputs {
    fn open_lines(&mut self, origin: String, reader: Box<dyn BufRead + Send>) {
        self.lines = Some(Lines {
            origin,
            reader,
            line: 0,
            buf: Vec::new(),
            max_line: self.options.limits.max_input_bytes,
            done: false,
        });
    }

    /// Turns a file into an input: a document, or the start of a JSON Lines stream.
    fn file(&mut self, path: PathBuf, walked: bool) -> Option<Input> {
        let id = path.display().to_string();
        if !self.options.jsonl {
            return Some(Input::File { id, path, walked });
        }
        match document::open_regular(&path) {
            Ok(f) => {
                self.open_lines(id, Box::new(BufReader::with_capacity(1 << 16, f)));
                None
            }
            Err(e) => Some(Input::Failed(unreadable(id, e))),
        }
    }

    fn walk(&self, dir: &Path) -> Result<ignore::Walk, ErrorRecord> {
        let mut builder = ignore::WalkBuilder::new(dir);
        builder
            .standard_filters(false)
            .follow_links(self.options.follow_links)
            .sort_by_file_name(|a, b| a.cmp(b));
        if !self.options.globs.is_empty() {
            let mut ob = ignore::overrides::OverrideBuilder::new(dir);
            for g in &self.options.globs {
                ob.add(g).map_err(|e| ErrorRecord {
                    id: dir.display().to_string(),
                    status: Status::InvalidGlob,
                    format: None,
                    error: format!("bad --glob '{g}': {e}"),
                    line: None,
                })?;
            }
            let overrides = ob.build().map_err(|e| ErrorRecord {
                id: dir.display().to_string(),
                status: Status::InvalidGlob,
                format: None,
                error: e.to_string(),
                line: None,
            })?;
            builder.overrides(overrides);
        }
        Ok(builder.build())
    }
}

#[cfg(feature = "documents")]
impl Iterator for Inputs {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            if let Some(lines) = &mut self.lines {
                match lines.next_record() {
                    Some(input) => return Some(input),
                    None => self.lines = None,
                }
            }
            if let Some(walker) = &mut self.walker {
                match walker.next() {
                    None => self.walker = None,
                    Some(Err(e)) => {
                        let id = error_path(&e)
                            .or(self.walking.as_deref())
                            .map_or_else(|| "-".to_string(), |p| p.display().to_string());
                        return Some(Input::Failed(unreadable(id, e)));
                    }
                    Some(Ok(entry)) => {
                        let Some(kind) = entry.file_type() else {
                            continue;
                        };
                        if kind.is_file() {
                            if let Some(input) = self.file(entry.into_path(), true) {
                                return Some(input);
                            }
                        } else if !kind.is_dir() {
                            // Nothing met is dropped in silence: a link not followed, a pipe,
                            // a socket or a device is named in a record of its own.
                            let what = document::special_kind(&kind);
                            let help = if kind.is_symlink() {
                                " (--follow follows links)"
                            } else {
                                ""
                            };
                            return Some(Input::Failed(ErrorRecord {
                                id: entry.path().display().to_string(),
                                status: Status::Skipped,
                                format: None,
                                error: format!("{what} met while walking a folder, not read{help}"),
                                line: None,
                            }));
                        }
                    }
                }
                continue;
            }
            let path = self.pending.pop()?;
            if is_stdin(&path) {
                if self.options.jsonl {
                    self.open_lines("-".to_string(), Box::new(BufReader::new(io::stdin())));
                    continue;
                }
                let mut bytes = Vec::new();
                // One byte past the limit is enough for the reader to say it is too large.
                let cap = self.options.limits.max_input_bytes.saturating_add(1);
                return Some(match io::stdin().lock().take(cap).read_to_end(&mut bytes) {
                    Ok(_) => Input::Bytes {
                        id: "-".to_string(),
                        bytes,
                    },
                    Err(e) => Input::Failed(unreadable("-".to_string(), e)),
                });
            }
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => match self.walk(&path) {
                    Ok(w) => {
                        self.walker = Some(w);
                        self.walking = Some(path);
                    }
                    Err(e) => return Some(Input::Failed(e)),
                },
                Ok(m) if !m.is_file() => {
                    // Opening a pipe with no writer would wait forever.
                    let what = document::special_kind(&m.file_type());
                    return Some(Input::Failed(ErrorRecord {
                        id: path.display().to_string(),
                        status: Status::Unsupported,
                        format: None,
                        error: format!(
                            "{what}: rolefit reads regular files and folders; send it through standard input instead (rolefit ... - < {})",
                            path.display()
                        ),
                        line: None,
                    }));
                }
                Ok(_) => {
                    if let Some(input) = self.file(path, false) {
                        return Some(input);
                    }
                }
                Err(e) => {
                    let id = path.display().to_string();
                    return Some(Input::Failed(if e.kind() == io::ErrorKind::NotFound {
                        unreadable(id, "no such file or folder")
                    } else {
                        unreadable(id, e)
                    }));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records() {
        let d = parse_record("f", 1, r#"{"id": 7, "text": "PowerShell", "extra": [1]}"#).unwrap();
        assert_eq!((d.id.as_str(), d.text.as_str()), ("7", "PowerShell"));
        let e = parse_record("f", 3, r#"{"text": "x"}"#).unwrap_err();
        assert_eq!((e.id.as_str(), e.line), ("f:3", Some(3)));
        let e = parse_record("f", 4, r#"{"id": "a", "text": 5}"#).unwrap_err();
        assert_eq!((e.status.as_str(), e.id.as_str()), ("invalid-record", "a"));
        let e = parse_record("f", 5, "not json").unwrap_err();
        assert!(e.error.contains("not a JSON object"), "{}", e.error);
    }

    #[test]
    fn integer_ids_keep_their_text() {
        let big = r#"{"id": 18446744073709551617, "text": ""}"#;
        let bigger = r#"{"id": 18446744073709551618, "text": ""}"#;
        let a = parse_record("f", 1, big).unwrap().id;
        let b = parse_record("f", 2, bigger).unwrap().id;
        assert_eq!(
            (a.as_str(), b.as_str()),
            ("18446744073709551617", "18446744073709551618")
        );
        let e = parse_record("f", 3, r#"{"id": [1], "text": ""}"#).unwrap_err();
        assert_eq!(e.status, Status::InvalidRecord);
        let s = parse_record("f", 4, r#"{"id": "a\"b", "text": ""}"#).unwrap();
        assert_eq!(s.id, "a\"b");
    }

    #[cfg(feature = "documents")]
    fn lines(input: &[u8], max_line: u64) -> Vec<(u64, String)> {
        let mut lines = Lines {
            origin: "f".to_string(),
            reader: Box::new(BufReader::with_capacity(7, io::Cursor::new(input.to_vec()))),
            line: 0,
            buf: Vec::new(),
            max_line,
            done: false,
        };
        std::iter::from_fn(|| lines.next_record())
            .map(|input| match input {
                Input::Record { line, raw, .. } => (line, raw),
                Input::Failed(e) => (e.line.unwrap(), e.status.as_str().to_string()),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    #[cfg(feature = "documents")]
    fn a_line_over_the_limit_is_skipped_to_its_end() {
        let mut input = b"\xEF\xBB\xBF{\"id\":1}\n".to_vec();
        input.extend(vec![b'x'; 100]);
        input.extend(b"\n\n  {\"id\":3}  \n{\"id\":4}");
        let got = lines(&input, 40);
        let want = [
            (1, "{\"id\":1}"),
            (2, "too-large"),
            (4, "{\"id\":3}"),
            (5, "{\"id\":4}"),
        ];
        let want: Vec<(u64, String)> = want.iter().map(|(l, s)| (*l, s.to_string())).collect();
        assert_eq!(got, want);
    }

    #[test]
    #[cfg(feature = "documents")]
    fn a_line_that_never_ends_ends_the_input() {
        let mut input = b"{\"id\":1}\n".to_vec();
        input.extend(vec![0u8; 100_000]);
        let got = lines(&input, 100);
        assert_eq!(
            got,
            [(1, "{\"id\":1}".to_string()), (2, "too-large".to_string())]
        );
    }
}
