//! Where documents come from: standard input, files, folders walked recursively, and JSON Lines
//! files of `{"id", "text"}` records. Inputs are listed lazily and loaded by the worker that
//! processes them, so a batch of any size streams through in bounded memory, and every input
//! becomes exactly one document or one error record.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::document::{self, Limits};
use crate::record::{ErrorRecord, Status};

/// How inputs are found and read.
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

/// A document ready for matching.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The document id.
    pub id: String,
    /// The detected format (`text`, `pdf`, `jsonl`, ...).
    pub format: String,
    /// The document's text.
    pub text: String,
}

#[derive(Deserialize)]
struct JsonRecord {
    #[serde(default)]
    id: Option<serde_json::Value>,
    /// Any JSON value, so that a record whose text is not a string still reports its own id.
    #[serde(default)]
    text: Option<serde_json::Value>,
}

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
            Input::Record { origin, line, raw } => parse_record(&origin, line, &raw),
        }
    }
}

fn read_document(
    id: String,
    bytes: &[u8],
    path: Option<&Path>,
    limits: &Limits,
) -> Result<Document, ErrorRecord> {
    document_record(id, document::read_bytes(bytes, path, limits))
}

fn document_record(
    id: String,
    read: Result<document::Extracted, document::ReadError>,
) -> Result<Document, ErrorRecord> {
    match read {
        Ok(doc) => Ok(Document {
            id,
            format: doc.format.to_string(),
            text: doc.text,
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
fn unreadable(id: String, error: impl std::fmt::Display) -> ErrorRecord {
    ErrorRecord {
        id,
        status: Status::Unreadable,
        format: None,
        error: error.to_string(),
        line: None,
    }
}

/// Parses one JSON Lines record; fields other than `id` and `text` are ignored.
fn parse_record(origin: &str, line: u64, raw: &str) -> Result<Document, ErrorRecord> {
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
    let id = match rec.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
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
        lines: None,
    }
}

/// The iterator returned by [`inputs`].
pub struct Inputs {
    options: InputOptions,
    /// Paths still to visit, last first.
    pending: Vec<PathBuf>,
    walker: Option<ignore::Walk>,
    lines: Option<Lines>,
}

impl std::fmt::Debug for Inputs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inputs")
            .field("pending", &self.pending)
            .finish_non_exhaustive()
    }
}

struct Lines {
    origin: String,
    reader: Box<dyn BufRead + Send>,
    line: u64,
    buf: Vec<u8>,
}

impl Lines {
    fn next_record(&mut self) -> Option<Input> {
        loop {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    self.line += 1;
                    return Some(Input::Failed(ErrorRecord {
                        id: format!("{}:{}", self.origin, self.line),
                        status: Status::Unreadable,
                        format: Some("jsonl".to_string()),
                        error: e.to_string(),
                        line: Some(self.line),
                    }));
                }
            }
            self.line += 1;
            let bytes = trim_ascii(&self.buf);
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

impl Inputs {
    fn open_lines(&mut self, origin: String, reader: Box<dyn BufRead + Send>) {
        self.lines = Some(Lines {
            origin,
            reader,
            line: 0,
            buf: Vec::new(),
        });
    }

    /// Turns a file into an input: a document, or the start of a JSON Lines stream.
    fn file(&mut self, path: PathBuf, walked: bool) -> Option<Input> {
        let id = path.display().to_string();
        if !self.options.jsonl {
            return Some(Input::File { id, path, walked });
        }
        match File::open(&path) {
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
                        let id = match &e {
                            ignore::Error::WithPath { path, .. } => path.display().to_string(),
                            _ => "walk".to_string(),
                        };
                        return Some(Input::Failed(unreadable(id, e)));
                    }
                    Some(Ok(entry)) => {
                        if entry.file_type().is_some_and(|t| t.is_file()) {
                            if let Some(input) = self.file(entry.into_path(), true) {
                                return Some(input);
                            }
                        }
                    }
                }
                continue;
            }
            let path = self.pending.pop()?;
            if path.as_os_str() == "-" {
                if self.options.jsonl {
                    self.open_lines("-".to_string(), Box::new(BufReader::new(io::stdin())));
                    continue;
                }
                let mut bytes = Vec::new();
                return Some(match io::stdin().lock().read_to_end(&mut bytes) {
                    Ok(_) => Input::Bytes {
                        id: "-".to_string(),
                        bytes,
                    },
                    Err(e) => Input::Failed(unreadable("-".to_string(), e)),
                });
            }
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => match self.walk(&path) {
                    Ok(w) => self.walker = Some(w),
                    Err(e) => return Some(Input::Failed(e)),
                },
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
        assert_eq!((e.status, e.id.as_str()), (Status::InvalidRecord, "a"));
        let e = parse_record("f", 5, "not json").unwrap_err();
        assert!(e.error.contains("not a JSON object"), "{}", e.error);
    }
}
