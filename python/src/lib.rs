//! Python bindings for rolefit: `rolefit._rolefit`, re-exported by the `rolefit` package.
//!
//! Records are the library's [`Record`] serialised with serde_json, the bytes the CLI writes
//! with `--format jsonl`, and parsed on the Python side with `json.loads`, so a dict from
//! `scan` is the CLI's record for the same input. Batches are read and scored with the GIL
//! released, in parallel on rayon's pool, and come back in input order.

use std::sync::OnceLock;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use rayon::prelude::*;
use rolefit::document::{self, Limits};
use rolefit::input::{Document, Input};
use rolefit::pipeline::{Detail, Pipeline, Target, Workspace};
use rolefit::record::Record;
use rolefit::scoring::{DocKind, Scorer, YearMonth};
use rolefit::{Matcher, MatcherOptions, Taxonomy};

pyo3::create_exception!(
    rolefit,
    Error,
    PyValueError,
    "A rolefit error: a taxonomy that cannot be loaded, an unknown role, conflicting options. \
     The message is the command line's."
);
pyo3::create_exception!(
    rolefit,
    ReadError,
    Error,
    "A document that cannot be read (corrupt, encrypted, unsupported, too large): `status` \
     and `format` say why and what it looked like, as in the CLI's error records."
);

fn error(message: impl std::fmt::Display) -> PyErr {
    Error::new_err(message.to_string())
}

/// Where a taxonomy came from: the embedded one is shared, not copied.
enum Source {
    Embedded,
    Owned(Taxonomy),
}

/// A skills taxonomy, and the matcher compiled from it on first use.
#[pyclass(module = "rolefit", name = "Taxonomy", frozen)]
struct PyTaxonomy {
    source: Source,
    matcher: OnceLock<Matcher>,
}

impl PyTaxonomy {
    fn get(&self) -> &Taxonomy {
        match &self.source {
            Source::Embedded => Taxonomy::embedded(),
            Source::Owned(t) => t,
        }
    }

    /// The matcher with default options (spelling variants on), built once.
    fn matcher(&self) -> PyResult<Matcher> {
        if let Some(m) = self.matcher.get() {
            return Ok(m.clone());
        }
        let built = Matcher::new(self.get()).map_err(error)?;
        Ok(self.matcher.get_or_init(|| built).clone())
    }
}

#[pymethods]
impl PyTaxonomy {
    /// The embedded Desktop Technician taxonomy.
    #[staticmethod]
    fn embedded() -> PyTaxonomy {
        PyTaxonomy {
            source: Source::Embedded,
            matcher: OnceLock::new(),
        }
    }

    /// A taxonomy file: JSON, or plain text with one term per line.
    #[staticmethod]
    fn from_path(py: Python<'_>, path: std::path::PathBuf) -> PyResult<PyTaxonomy> {
        let taxonomy = py.detach(|| Taxonomy::from_path(&path)).map_err(error)?;
        Ok(PyTaxonomy {
            source: Source::Owned(taxonomy),
            matcher: OnceLock::new(),
        })
    }

    #[getter]
    fn name(&self) -> &str {
        self.get().name()
    }

    #[getter]
    fn version(&self) -> &str {
        self.get().version()
    }

    /// The taxonomy's content hash, as in scan records' `taxonomy_hash`.
    #[getter]
    fn hash(&self) -> &str {
        self.get().hash()
    }

    /// The role ids, the first being the default of `scan`.
    #[getter]
    fn roles(&self) -> Vec<String> {
        self.get()
            .roles()
            .iter()
            .map(|r| r.id.to_string())
            .collect()
    }

    fn __len__(&self) -> usize {
        self.get().concepts().len()
    }

    fn __repr__(&self) -> String {
        let t = self.get();
        format!(
            "<rolefit.Taxonomy {:?} {} ({} concepts, {} roles)>",
            t.name(),
            t.version(),
            t.concepts().len(),
            t.roles().len()
        )
    }
}

/// Finds a taxonomy's concepts in text.
#[pyclass(module = "rolefit", name = "Matcher", frozen)]
struct PyMatcher {
    matcher: Matcher,
}

#[pymethods]
impl PyMatcher {
    #[new]
    #[pyo3(signature = (taxonomy=None, *, exact=false))]
    fn new(py: Python<'_>, taxonomy: Option<&PyTaxonomy>, exact: bool) -> PyResult<PyMatcher> {
        let matcher = match (taxonomy, exact) {
            (Some(t), false) => t.matcher()?,
            (None, false) => default_matcher(py)?,
            (t, true) => {
                let t: &Taxonomy = match t {
                    Some(t) => t.get(),
                    None => Taxonomy::embedded(),
                };
                py.detach(|| MatcherOptions::new().spelling_variants(false).build(t))
                    .map_err(error)?
            }
        };
        Ok(PyMatcher { matcher })
    }

    /// Every concept found in `text`, in order of position: dicts of start, end (indices into
    /// `text`, so `text[start:end] == m["text"]`), text, concept, name, kind.
    fn extract<'py>(&self, py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyList>> {
        let matcher = &self.matcher;
        let matches = py.detach(|| matcher.extract(text));
        let index = CharIndex::new(text);
        let out = PyList::empty(py);
        for m in &matches {
            let concept = matcher.concept(m);
            let d = PyDict::new(py);
            d.set_item("start", index.of(m.start()))?;
            d.set_item("end", index.of(m.end()))?;
            d.set_item("text", &text[m.span()])?;
            d.set_item("concept", concept.id.as_str())?;
            d.set_item("name", &concept.name)?;
            d.set_item("kind", concept.kind.as_str())?;
            out.append(d)?;
        }
        Ok(out)
    }

    #[getter]
    fn taxonomy(&self) -> PyTaxonomy {
        PyTaxonomy {
            source: Source::Owned(self.matcher.taxonomy().clone()),
            matcher: OnceLock::from(self.matcher.clone()),
        }
    }
}

/// Byte offsets into a string, as Python string indices (code points).
struct CharIndex {
    /// The code point index of each byte offset; empty for ASCII, where they are equal.
    chars: Vec<usize>,
}

impl CharIndex {
    fn new(text: &str) -> CharIndex {
        if text.is_ascii() {
            return CharIndex { chars: Vec::new() };
        }
        let mut chars = vec![0; text.len() + 1];
        let mut n = 0;
        for (i, c) in text.char_indices() {
            for slot in &mut chars[i..i + c.len_utf8()] {
                *slot = n;
            }
            n += 1;
        }
        chars[text.len()] = n;
        CharIndex { chars }
    }

    fn of(&self, byte: usize) -> usize {
        if self.chars.is_empty() {
            byte
        } else {
            self.chars[byte]
        }
    }
}

fn default_matcher(py: Python<'_>) -> PyResult<Matcher> {
    static DEFAULT: OnceLock<Matcher> = OnceLock::new();
    if let Some(m) = DEFAULT.get() {
        return Ok(m.clone());
    }
    let built = py
        .detach(|| Matcher::new(Taxonomy::embedded()))
        .map_err(error)?;
    Ok(DEFAULT.get_or_init(|| built).clone())
}

/// A document to scan: text as given, or bytes read by content like a file.
enum Item {
    Text {
        id: String,
        format: &'static str,
        text: String,
    },
    Bytes {
        id: String,
        bytes: Vec<u8>,
    },
}

impl Item {
    /// `str` is plain text; `bytes` is a document read by content (PDF, DOCX, HTML, ...); a
    /// dict `{"id", "text"}` is a record, as with the CLI's `--jsonl`.
    fn from_py(value: &Bound<'_, PyAny>, id: String) -> PyResult<Item> {
        if let Ok(s) = value.cast::<PyString>() {
            return Ok(Item::Text {
                id,
                format: "text",
                text: s.to_str()?.to_owned(),
            });
        }
        if let Ok(b) = value.cast::<PyBytes>() {
            return Ok(Item::Bytes {
                id,
                bytes: b.as_bytes().to_vec(),
            });
        }
        if let Ok(d) = value.cast::<PyDict>() {
            let id = match d.get_item("id")? {
                Some(v) if v.is_instance_of::<PyString>() => v.extract::<String>()?,
                Some(v) if !v.is_none() => v.str()?.to_string(),
                _ => id,
            };
            let text = match d.get_item("text")? {
                Some(t) => t.extract::<String>().map_err(|_| {
                    PyTypeError::new_err(format!("record {id:?}: \"text\" must be a string"))
                })?,
                None => {
                    return Err(PyTypeError::new_err(format!(
                        "record {id:?} has no \"text\""
                    )))
                }
            };
            return Ok(Item::Text {
                id,
                format: "jsonl",
                text,
            });
        }
        Err(PyTypeError::new_err(format!(
            "cannot scan a {}: give a str (text), bytes (a document) or a dict {{\"id\", \"text\"}}",
            value.get_type().name()?
        )))
    }

    fn record(self, pipeline: &Pipeline, work: &mut Workspace) -> Record {
        match self {
            Item::Text { id, format, text } => {
                let mut doc = Document::new(id, text);
                doc.format = format.to_string();
                pipeline.document(&doc, work)
            }
            Item::Bytes { id, bytes } => pipeline.record(Input::Bytes { id, bytes }, work),
        }
    }
}

/// The text of a posting or resume given as `str` or `bytes` (read by content).
fn text_of(value: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(s.to_str()?.to_owned());
    }
    if let Ok(b) = value.cast::<PyBytes>() {
        return read_bytes(b.as_bytes()).map_err(|e| read_error(value.py(), what, e));
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be str (text) or bytes (a document), not {}",
        value.get_type().name()?
    )))
}

fn read_bytes(bytes: &[u8]) -> Result<String, document::ReadError> {
    document::read_bytes(bytes, None, &Limits::default()).map(|d| d.text)
}

fn read_error(py: Python<'_>, what: &str, e: document::ReadError) -> PyErr {
    let err = ReadError::new_err(format!("{what}: {}: {}", e.status, e.message));
    let value = err.value(py);
    // Setting attributes on a fresh exception instance cannot fail.
    let _ = value.setattr("status", e.status.as_str());
    let _ = value.setattr("format", e.format.as_str());
    err
}

/// The options of `scan` and `scan_batch`, validated into a pipeline as the CLI does.
#[allow(clippy::too_many_arguments)]
fn pipeline(
    py: Python<'_>,
    job: Option<&Bound<'_, PyAny>>,
    resume: Option<&Bound<'_, PyAny>>,
    role: Option<&str>,
    kind: Option<&str>,
    explain: bool,
    taxonomy: Option<&PyTaxonomy>,
    as_of: Option<&str>,
) -> PyResult<Pipeline> {
    let conflict = [
        (job.is_some() && resume.is_some(), "job", "resume"),
        (job.is_some() && role.is_some(), "job", "role"),
        (resume.is_some() && role.is_some(), "resume", "role"),
        (resume.is_some() && kind.is_some(), "resume", "kind"),
    ];
    if let Some((_, a, b)) = conflict.iter().find(|c| c.0) {
        return Err(error(format!("{a} and {b} cannot be used together")));
    }
    let kind = match kind {
        None => None,
        Some("resume") => Some(DocKind::Resume),
        Some("posting") => Some(DocKind::Posting),
        Some(k) => {
            return Err(error(format!(
                "'{k}' is not a kind: use 'resume' or 'posting'"
            )))
        }
    };
    let matcher = match taxonomy {
        Some(t) => t.matcher()?,
        None => default_matcher(py)?,
    };
    let mut scorer = Scorer::with_matcher(matcher);
    if let Some(month) = as_of {
        // `YYYY-MM`, read as the CLI's `--as-of`, with its message.
        scorer.as_of(month.parse::<YearMonth>().map_err(error)?);
    }
    let target = if let Some(job) = job {
        let text = text_of(job, "job")?;
        py.detach(|| Target::job(&scorer, &text, kind))
    } else if let Some(resume) = resume {
        let text = text_of(resume, "resume")?;
        py.detach(|| Target::resume(&scorer, &text))
    } else {
        Target::role(&scorer, role, kind).map_err(error)?
    };
    let mut pipeline = Pipeline::scan(scorer, target);
    pipeline.detail(if explain {
        Detail::Explained
    } else {
        Detail::Compact
    });
    Ok(pipeline)
}

/// Records as JSON text, parsed into Python objects with `json.loads`.
fn to_python<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    static LOADS: pyo3::sync::PyOnceLock<Py<PyAny>> = pyo3::sync::PyOnceLock::new();
    let loads = LOADS.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py.import("json")?.getattr("loads")?.unbind())
    })?;
    loads.bind(py).call1((json,))
}

fn to_json(record: &Record) -> String {
    // A record is plain data (strings, numbers, lists, maps with string keys): it always
    // serialises.
    serde_json::to_string(record).expect("a record serialises to JSON")
}

/// Scores one document: a dict shaped exactly like the CLI's JSON record.
#[pyfunction]
#[pyo3(signature = (document, *, id="-", job=None, resume=None, role=None, kind=None, explain=false, taxonomy=None, as_of=None))]
#[allow(clippy::too_many_arguments)]
fn scan<'py>(
    py: Python<'py>,
    document: &Bound<'py, PyAny>,
    id: &str,
    job: Option<&Bound<'py, PyAny>>,
    resume: Option<&Bound<'py, PyAny>>,
    role: Option<&str>,
    kind: Option<&str>,
    explain: bool,
    taxonomy: Option<&PyTaxonomy>,
    as_of: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let pipeline = pipeline(py, job, resume, role, kind, explain, taxonomy, as_of)?;
    let item = Item::from_py(document, id.to_string())?;
    let json = py.detach(|| to_json(&item.record(&pipeline, &mut Workspace::default())));
    to_python(py, &json)
}

/// Scores many documents in parallel with the GIL released: a list of dicts in input order.
#[pyfunction]
#[pyo3(signature = (documents, *, job=None, resume=None, role=None, kind=None, explain=false, taxonomy=None, as_of=None))]
#[allow(clippy::too_many_arguments)]
fn scan_batch<'py>(
    py: Python<'py>,
    documents: &Bound<'py, PyAny>,
    job: Option<&Bound<'py, PyAny>>,
    resume: Option<&Bound<'py, PyAny>>,
    role: Option<&str>,
    kind: Option<&str>,
    explain: bool,
    taxonomy: Option<&PyTaxonomy>,
    as_of: Option<&str>,
) -> PyResult<Bound<'py, PyList>> {
    let pipeline = pipeline(py, job, resume, role, kind, explain, taxonomy, as_of)?;
    if documents.is_instance_of::<PyString>() || documents.is_instance_of::<PyBytes>() {
        return Err(PyTypeError::new_err(
            "scan_batch takes a list of documents: use scan for one",
        ));
    }
    let items = documents
        .try_iter()?
        .enumerate()
        .map(|(i, d)| Item::from_py(&d?, i.to_string()))
        .collect::<PyResult<Vec<Item>>>()?;
    let json: Vec<String> = py.detach(|| {
        items
            .into_par_iter()
            .map_init(Workspace::default, |work, item| {
                to_json(&item.record(&pipeline, work))
            })
            .collect()
    });
    let out = PyList::empty(py);
    for j in &json {
        out.append(to_python(py, j)?)?;
    }
    Ok(out)
}

/// The text of a document's bytes (PDF, DOCX, ODT, RTF, HTML, text), read by content as the
/// CLI reads a file; raises `ReadError` when it cannot be read.
#[pyfunction]
fn read(py: Python<'_>, data: &[u8]) -> PyResult<String> {
    py.detach(|| read_bytes(data))
        .map_err(|e| read_error(py, "document", e))
}

#[pymodule]
fn _rolefit(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyTaxonomy>()?;
    m.add_class::<PyMatcher>()?;
    m.add_function(wrap_pyfunction!(scan, m)?)?;
    m.add_function(wrap_pyfunction!(scan_batch, m)?)?;
    m.add_function(wrap_pyfunction!(read, m)?)?;
    m.add("Error", m.py().get_type::<Error>())?;
    m.add("ReadError", m.py().get_type::<ReadError>())?;
    Ok(())
}
