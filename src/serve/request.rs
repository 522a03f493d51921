//! What a request to `/v1/extract` or `/v1/scan` asks for, read from its body and query string
//! within the service's limits: the documents (as the library's [`Input`]s, so that they are
//! read exactly as the CLI reads standard input and JSON Lines records), what they are scored
//! against, and how the answer is shaped.
//!
//! A JSON body (`Content-Type: application/json`) is one document `{"id", "text"}` or a batch
//! `{"documents": [...]}`, with the options beside them; a form (`multipart/form-data`) is a
//! batch of uploaded files (`document` parts, and a `job` or `resume` part), with the options in
//! the query string; any other accepted type is the raw document (PDF, DOCX, ...), read by its
//! content, with the options in the query string.

use std::path::Path;

use axum::body::{Body, Bytes};
use axum::extract::multipart::MultipartError;
use axum::extract::{FromRequest, Multipart, Query};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde::Deserialize;
use serde_json::value::RawValue;
use tokio::time::{timeout_at, Instant};

use super::error::ApiError;
use crate::document::{self, Limits};
use crate::input::Input;
use crate::scoring::DocKind;

/// How a request's documents were sent.
pub(crate) enum Documents {
    /// One document: the response is its record.
    One(Input),
    /// A batch (`{"documents": [...]}`): the response is an array of records, as the CLI's
    /// `--format json` writes them.
    Batch(Vec<Input>),
}

/// What `scan` scores the documents against.
#[derive(Clone, Debug)]
pub(crate) enum Against {
    /// A role of the taxonomy (the request's `role`, else the service's).
    Role,
    /// A job posting: the documents are read as resumes (`--job`).
    Job(Source),
    /// A resume: the documents are read as postings (`--resume`).
    Resume(Source),
}

/// A posting or a resume to score against, as the request gave it.
#[derive(Clone, Debug)]
pub(crate) enum Source {
    /// Text, from a JSON body.
    Text(String),
    /// An uploaded file (or a form's text part), read by content like any document.
    Upload {
        /// The file name the client gave, a hint for the format (never opened).
        name: Option<String>,
        bytes: Bytes,
    },
}

impl Source {
    /// The text, reading an upload within `limits`: CPU work, for a blocking thread. A file
    /// that cannot be read refuses the request, as `--job FILE` stops the CLI.
    pub(crate) fn text(&self, what: &str, limits: &Limits) -> Result<String, ApiError> {
        match self {
            Source::Text(text) => Ok(text.clone()),
            Source::Upload { name, bytes } => {
                let hint = name.as_deref().map(Path::new).and_then(Path::file_name);
                document::read_bytes(bytes, hint.map(Path::new), limits)
                    .map(|doc| doc.text)
                    .map_err(|e| {
                        ApiError::bad_request(format!(
                            "the {what} could not be read: {}: {}",
                            e.status, e.message
                        ))
                    })
            }
        }
    }
}

/// The options a request may set, in the query string or beside the documents in a JSON body.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Settings {
    /// The id of a raw document (query string only; JSON documents carry their own).
    #[serde(default)]
    pub id: Option<String>,
    /// The role of the taxonomy to score against, or whose titles and levels read a posting.
    #[serde(default)]
    pub role: Option<String>,
    /// Read each document as this kind instead of guessing.
    #[serde(default)]
    pub kind: Option<DocKind>,
    /// The full report instead of the compact record.
    #[serde(default)]
    pub explain: Option<bool>,
    /// `score`: a batch's records best first.
    #[serde(default)]
    pub sort: Option<SortKey>,
    /// Only the N best records of a batch (and every error record).
    #[serde(default)]
    pub top: Option<usize>,
}

/// How a batch is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum SortKey {
    /// Highest score first; ties keep input order; errors last.
    Score,
}

/// A parsed request.
pub(crate) struct Request {
    pub documents: Documents,
    pub against: Against,
    pub settings: Settings,
}

/// The JSON body of a request.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonBody {
    #[serde(default)]
    id: Option<Box<RawValue>>,
    #[serde(default)]
    text: Option<Box<RawValue>>,
    #[serde(default)]
    documents: Option<Vec<Box<RawValue>>>,
    #[serde(default)]
    job: Option<Text>,
    #[serde(default)]
    resume: Option<Text>,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    kind: Option<DocKind>,
    #[serde(default)]
    explain: Option<bool>,
    #[serde(default)]
    sort: Option<SortKey>,
    #[serde(default)]
    top: Option<usize>,
}

/// A posting or resume given as text (`{"text": "..."}`; an `id` is allowed and unused).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Text {
    #[serde(default)]
    #[allow(dead_code)]
    id: Option<serde_json::Value>,
    text: String,
}

/// The content types taken as a raw document, read by content whatever they claim.
const DOCUMENT_TYPES: &[&str] = &[
    "application/pdf",
    "application/x-pdf",
    "application/octet-stream",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
    "application/rtf",
    "application/msword",
    "application/xhtml+xml",
];

/// Whether the body is JSON, a form or a raw document, from its `Content-Type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BodyKind {
    Json,
    Form,
    Document,
}

/// Classifies the body by its `Content-Type`: JSON, a document (no type at all counts as one:
/// it is read by content), or a type the service refuses (415, with how to send it instead).
pub(crate) fn body_kind(headers: &HeaderMap) -> Result<BodyKind, ApiError> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Ok(BodyKind::Document);
    };
    let essence = value
        .to_str()
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json" || essence.ends_with("+json") {
        return Ok(BodyKind::Json);
    }
    if essence == "multipart/form-data" {
        return Ok(BodyKind::Form);
    }
    if essence.starts_with("text/") || DOCUMENT_TYPES.contains(&essence.as_str()) {
        return Ok(BodyKind::Document);
    }
    let unsupported = |hint: &str| {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            format!(
                "Content-Type '{essence}' is not accepted: send JSON as application/json, or \
                 the document itself as its own type (application/pdf, text/plain, ...) or \
                 application/octet-stream{hint}"
            ),
        )
    };
    Err(match essence.as_str() {
        "application/x-www-form-urlencoded" => unsupported(
            " (curl --data-binary sends form data unless told: add -H 'Content-Type: \
             application/pdf', or upload files with -F document=@resume.pdf)",
        ),
        _ => unsupported(", or files as multipart/form-data"),
    })
}

/// Reads the whole body, refusing one over `limit` bytes (413) and giving up at `deadline`
/// (408), so that a slow or endless upload holds nothing for long.
pub(crate) async fn read_body(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
    deadline: Instant,
) -> Result<Bytes, ApiError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large(limit));
    }
    match timeout_at(deadline, Limited::new(body, limit).collect()).await {
        Err(_) => Err(ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "timeout",
            "the request body did not arrive in time: send it whole, or raise the server's \
             --timeout",
        )),
        Ok(Err(e)) if e.is::<LengthLimitError>() => Err(too_large(limit)),
        Ok(Err(e)) => Err(ApiError::bad_request(format!(
            "the request body could not be read: {e}"
        ))),
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
    }
}

fn too_large(limit: usize) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too-large",
        format!(
            "the request body is over the limit of {limit} bytes: send fewer documents per \
             request, or start the server with a larger --max-body"
        ),
    )
}

/// The options in the query string.
pub(crate) fn query(uri: &Uri) -> Result<Settings, ApiError> {
    Query::<Settings>::try_from_uri(uri)
        .map(|Query(s)| s)
        .map_err(|e| {
            ApiError::bad_request(format!(
                "{}; the query options are id, role, kind (resume or posting), explain (true or \
                 false), sort (score) and top (a count)",
                e.body_text()
            ))
        })
}

/// Parses a JSON body or a raw document, with the query string's `settings`: CPU work (a JSON
/// body may be megabytes), for a blocking thread. A form is read by [`parse_form`].
pub(crate) fn parse(kind: BodyKind, bytes: Bytes, settings: Settings) -> Result<Request, ApiError> {
    match kind {
        BodyKind::Form => Err(ApiError::internal("a form is read by parse_form")),
        BodyKind::Document => Ok(Request {
            documents: Documents::One(Input::Bytes {
                // As the CLI names standard input.
                id: settings.id.clone().unwrap_or_else(|| "-".to_string()),
                bytes: bytes.into(),
            }),
            against: Against::Role,
            settings,
        }),
        BodyKind::Json => parse_json(&bytes, settings),
    }
}

fn parse_json(bytes: &[u8], query: Settings) -> Result<Request, ApiError> {
    let body: JsonBody = serde_json::from_slice(bytes).map_err(|e| {
        ApiError::bad_json(format!(
            "the body is not a request: {e}; send {{\"id\": \"...\", \"text\": \"...\"}} or \
             {{\"documents\": [{{\"id\": \"...\", \"text\": \"...\"}}, ...]}}, with role, kind, \
             explain, job, resume, sort or top beside them"
        ))
    })?;
    if query.id.is_some() {
        return Err(ApiError::bad_request(
            "?id= names a raw document: in a JSON body each document has its own \"id\"",
        ));
    }
    let settings = Settings {
        id: None,
        role: either("role", query.role, body.role)?,
        kind: either("kind", query.kind, body.kind)?,
        explain: either("explain", query.explain, body.explain)?,
        sort: either("sort", query.sort, body.sort)?,
        top: either("top", query.top, body.top)?,
    };
    let against = match (body.job, body.resume) {
        (Some(_), Some(_)) => {
            return Err(ApiError::bad_request(
                "give a job or a resume to score against, not both",
            ))
        }
        (Some(job), None) => Against::Job(Source::Text(job.text)),
        (None, Some(resume)) => Against::Resume(Source::Text(resume.text)),
        (None, None) => Against::Role,
    };
    let documents =
        match (body.documents, body.text) {
            (Some(_), Some(_)) | (Some(_), None) if body.id.is_some() => {
                return Err(ApiError::bad_json(
                    "a batch has no top-level \"id\": give each document in \"documents\" its own",
                ))
            }
            (Some(_), Some(_)) => {
                return Err(ApiError::bad_json(
                    "give one document (\"text\") or a batch (\"documents\"), not both",
                ))
            }
            (Some(docs), None) => Documents::Batch(
                docs.into_iter()
                    .enumerate()
                    .map(|(i, raw)| Input::Record {
                        origin: "documents".to_string(),
                        line: i as u64 + 1,
                        raw: raw.get().to_string(),
                    })
                    .collect(),
            ),
            (None, Some(text)) => {
                let raw = match &body.id {
                    Some(id) => format!("{{\"id\":{},\"text\":{}}}", id.get(), text.get()),
                    None => format!("{{\"text\":{}}}", text.get()),
                };
                Documents::One(Input::Record {
                    origin: "request".to_string(),
                    line: 1,
                    raw,
                })
            }
            (None, None) => return Err(ApiError::bad_json(
                "no document: send {\"id\": \"...\", \"text\": \"...\"} or {\"documents\": [...]}",
            )),
        };
    Ok(Request {
        documents,
        against,
        settings,
    })
}

/// The part names a form may have.
const FORM_PARTS: &str = "document (a file to score, repeatable), job or resume (a file or text \
                          to score against)";

/// A `multipart/form-data` body: `document` parts (each an uploaded file, its name the id), and
/// at most one `job` or `resume` part. The answer is a batch, whatever the number of documents.
pub(crate) async fn parse_form(
    headers: &HeaderMap,
    bytes: Bytes,
    settings: Settings,
) -> Result<Request, ApiError> {
    if settings.id.is_some() {
        return Err(ApiError::bad_request(
            "?id= names a raw document: an uploaded file's id is its file name",
        ));
    }
    let mut request = axum::http::Request::new(Body::from(bytes));
    *request.headers_mut() = headers.clone();
    let bad_form = |e: MultipartError| {
        ApiError::bad_request(format!(
            "the form could not be read: {}; its parts are {FORM_PARTS}",
            e.body_text()
        ))
    };
    let mut form = Multipart::from_request(request, &()).await.map_err(|e| {
        ApiError::bad_request(format!("the form could not be read: {}", e.body_text()))
    })?;
    let mut documents = Vec::new();
    let mut against = Against::Role;
    while let Some(part) = form.next_field().await.map_err(bad_form)? {
        let name = part.name().unwrap_or_default().to_string();
        let file = part.file_name().map(str::to_string);
        let bytes = part.bytes().await.map_err(bad_form)?;
        match name.as_str() {
            "document" | "documents" => documents.push(Input::Bytes {
                id: file.unwrap_or_else(|| format!("document-{}", documents.len() + 1)),
                bytes: bytes.into(),
            }),
            "job" | "resume" if !matches!(against, Against::Role) => {
                return Err(ApiError::bad_request(
                    "give one job or one resume to score against, not more",
                ))
            }
            "job" => against = Against::Job(Source::Upload { name: file, bytes }),
            "resume" => against = Against::Resume(Source::Upload { name: file, bytes }),
            other => {
                return Err(ApiError::bad_request(format!(
                    "the form has a part '{other}': its parts are {FORM_PARTS}; options go in \
                     the query string"
                )))
            }
        }
    }
    if documents.is_empty() {
        return Err(ApiError::bad_request(format!(
            "the form has no document: add one (curl -F document=@resume.pdf); its parts are \
             {FORM_PARTS}"
        )));
    }
    Ok(Request {
        documents: Documents::Batch(documents),
        against,
        settings,
    })
}

/// An option given in the query string or the body, not both.
fn either<T>(name: &str, query: Option<T>, body: Option<T>) -> Result<Option<T>, ApiError> {
    match (query, body) {
        (Some(_), Some(_)) => Err(ApiError::bad_request(format!(
            "\"{name}\" is given twice, in the query string and in the body: keep one"
        ))),
        (q, b) => Ok(q.or(b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn kind_of(content_type: &str) -> Result<BodyKind, u16> {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_str(content_type).unwrap(),
        );
        body_kind(&headers).map_err(|e| e.status().as_u16())
    }

    #[test]
    fn content_types() {
        assert_eq!(kind_of("application/json"), Ok(BodyKind::Json));
        assert_eq!(
            kind_of("Application/JSON; charset=utf-8"),
            Ok(BodyKind::Json)
        );
        assert_eq!(kind_of("application/pdf"), Ok(BodyKind::Document));
        assert_eq!(kind_of("text/plain; charset=utf-8"), Ok(BodyKind::Document));
        assert_eq!(kind_of("image/png"), Err(415));
        assert_eq!(kind_of("application/x-www-form-urlencoded"), Err(415));
        assert_eq!(
            kind_of("multipart/form-data; boundary=x"),
            Ok(BodyKind::Form)
        );
        assert_eq!(body_kind(&HeaderMap::new()), Ok(BodyKind::Document));
    }

    fn json_with(body: &str, settings: Settings) -> Result<Request, ApiError> {
        parse(BodyKind::Json, Bytes::from(body.to_string()), settings)
    }

    fn json(body: &str) -> Result<Request, ApiError> {
        json_with(body, Settings::default())
    }

    #[test]
    fn one_document_keeps_its_id_as_written() {
        let Ok(Request {
            documents: Documents::One(Input::Record { raw, .. }),
            ..
        }) = json(r#"{"id": 18446744073709551617, "text": "ITIL", "explain": true}"#)
        else {
            panic!("not one document")
        };
        assert_eq!(raw, r#"{"id":18446744073709551617,"text":"ITIL"}"#);
    }

    #[test]
    fn shapes_that_are_refused() {
        for (body, kind) in [
            ("{", "bad-json"),
            ("[]", "bad-json"),
            (r#"{"txt": "typo"}"#, "bad-json"),
            (r#"{"role": "x"}"#, "bad-json"),
            (r#"{"text": "a", "documents": []}"#, "bad-json"),
            (r#"{"id": "a", "documents": []}"#, "bad-json"),
            (
                r#"{"text": "a", "job": {"text": "b"}, "resume": {"text": "c"}}"#,
                "bad-request",
            ),
            (r#"{"text": "a", "kind": "cv"}"#, "bad-json"),
        ] {
            match json(body) {
                Err(e) => assert_eq!(e.kind(), kind, "{body}: {e}"),
                Ok(_) => panic!("{body} was accepted"),
            }
        }
    }

    #[test]
    fn an_option_is_given_once() {
        let query = Settings {
            role: Some("a".into()),
            ..Settings::default()
        };
        let twice = json_with(r#"{"text": "x", "role": "b"}"#, query.clone());
        assert_eq!(twice.err().map(|e| e.kind()), Some("bad-request"));
        let once = json_with(r#"{"text": "x", "kind": "resume"}"#, query)
            .ok()
            .unwrap();
        assert_eq!(once.settings.role.as_deref(), Some("a"));
        assert_eq!(once.settings.kind, Some(DocKind::Resume));
    }
}
