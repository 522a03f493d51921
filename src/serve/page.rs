//! The local web page: `GET /` serves one self-contained page (its CSS and script inline,
//! nothing fetched from elsewhere, as its CSP says) where a person pastes or drops a posting and
//! resumes; `POST /v1/report` turns that form into the HTML report `rolefit scan --job POSTING
//! --format html RESUMES...` writes, ranked, rendered by the same printer. Nothing is kept.

use std::fmt::Write as _;
use std::sync::LazyLock;

use axum::body::{Body, Bytes};
use axum::extract::multipart::{Field, MultipartError};
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use sha2::{Digest, Sha256};

use super::analyze::scan_pipeline;
use super::request::{read_body, Against, Settings, Source};
use super::{ApiError, AppState, Route};

use crate::input::Input;
use crate::output::HtmlPrinter;
use crate::pipeline::{run, Detail, RunOptions};
use crate::scoring::DocKind;

/// The most resumes one report takes: a page is for a handful, `rolefit scan` is for a batch.
pub(crate) const MAX_RESUMES: usize = 50;

/// What the file pickers offer (any file can still be dropped or sent; the content decides).
const ACCEPT: &str = ".pdf,.docx,.odt,.rtf,.html,.htm,.txt,.md,.text,text/*,application/pdf,\
application/vnd.openxmlformats-officedocument.wordprocessingml.document,\
application/vnd.oasis.opendocument.text,application/rtf";

const INDEX: &str = include_str!("page/index.html");
const STYLE: &str = include_str!("page/page.css");
const SCRIPT: &str = include_str!("page/page.js");

/// The page's policy: its own inline script (by hash) and nothing from anywhere else. Inline
/// styles are allowed because the report shown in the page's frame inherits this policy and
/// styles itself inline; no script runs there (the frame is sandboxed without scripts).
static CSP: LazyLock<String> = LazyLock::new(|| {
    format!(
        "default-src 'self'; script-src 'sha256-{}'; style-src 'unsafe-inline'; \
         img-src 'self' data: blob:; connect-src 'self'; frame-src 'self' blob:; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        base64(&Sha256::digest(SCRIPT.as_bytes()))
    )
});

/// The report's own policy when the browser shows it as a page (the form posted without the
/// script): its inline styles, nothing else.
const REPORT_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
                          base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/// Standard base64 (with padding), for the CSP's script hash.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The page's routes, chained into the service's route table.
pub(crate) fn routes() -> Vec<Route> {
    vec![
        Route::get("/", get(index)),
        Route::post("/v1/report", post(report)),
    ]
}

/// `GET /`: the page, naming the role resumes are scored against without a posting.
async fn index(State(state): State<AppState>) -> Response {
    let role = state.scorer().default_profile().map_or_else(
        || "none (this taxonomy has no role: give a posting)".to_string(),
        |p| p.name,
    );
    page_response(index_html(&role))
}

/// `POST /v1/report`: the form in, the HTML report out. The body is read whole within the
/// service's body limit and time, and the work runs on a worker like any other request's.
async fn report(State(state): State<AppState>, headers: HeaderMap, body: Body) -> Response {
    let deadline = state.deadline();
    let result = async {
        let body = read_body(&headers, body, state.options().max_body, deadline).await?;
        let submission = Submission::read(headers.get(header::CONTENT_TYPE), body).await?;
        let worker = state.clone();
        state
            .run(deadline, move || render(&worker, submission))
            .await
    };
    match result.await {
        Ok(html) => report_response(html),
        Err(e) => e.into_response(),
    }
}

/// The page, with the role documents are scored against when no posting is given.
fn index_html(role: &str) -> String {
    INDEX
        .replace("{{accept}}", ACCEPT)
        .replace("{{max_resumes}}", &MAX_RESUMES.to_string())
        .replace("{{role}}", &maud::html! { (role) }.into_string())
        .replace("{{style}}", STYLE)
        .replace("{{script}}", SCRIPT)
}

/// The page, with headers that keep it to itself.
fn page_response(page: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, CSP.as_str()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::REFERRER_POLICY, "no-referrer"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        page,
    )
        .into_response()
}

/// One document the form sent: a file (named by the person's file name) or pasted text.
#[derive(Debug)]
struct Part {
    id: String,
    file: bool,
    bytes: Vec<u8>,
}

/// What the form sent.
#[derive(Debug, Default)]
struct Submission {
    posting: Option<Part>,
    resumes: Vec<Part>,
}

/// The message for a form that cannot be parsed.
fn malformed(e: MultipartError) -> ApiError {
    ApiError::bad_request(format!("{}: {FORM}", e.body_text()))
}

/// What the endpoint takes, for messages that say how to fix a request.
const FORM: &str = "send the form as multipart/form-data with a `posting` (text or one file, \
                    optional) and one or more `resumes` (files or text)";

impl Submission {
    /// Reads the form from a body already read whole: `posting` (text or one file, optional)
    /// and `resumes` (files and/or text, at least one). Empty parts (a file input left empty, a
    /// blank text area) are skipped.
    async fn read(content_type: Option<&HeaderValue>, body: Bytes) -> Result<Submission, ApiError> {
        let is_form = content_type.and_then(|v| v.to_str().ok()).is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("multipart/form-data")
        });
        let Some(content_type) = content_type.filter(|_| is_form) else {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                format!("POST /v1/report takes a form: {FORM}"),
            ));
        };
        let request = Request::builder()
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .map_err(|e| ApiError::bad_request(format!("{e}: {FORM}")))?;
        let mut form = Multipart::from_request(request, &())
            .await
            .map_err(|e| ApiError::bad_request(format!("{}: {FORM}", e.body_text())))?;
        let mut sub = Submission::default();
        while let Some(field) = form.next_field().await.map_err(malformed)? {
            let name = field.name().unwrap_or("").to_string();
            if name != "posting" && name != "resumes" {
                return Err(ApiError::bad_request(format!(
                    "unknown form field {name:?}: {FORM}"
                )));
            }
            let file = field.file_name().map(base_name);
            let Some(part) = read_part(field, file).await.map_err(malformed)? else {
                continue;
            };
            if name == "posting" {
                if sub.posting.is_some() {
                    return Err(ApiError::bad_request(
                        "two postings: give the posting as text or as a file, not both",
                    ));
                }
                sub.posting = Some(part);
            } else {
                if sub.resumes.len() == MAX_RESUMES {
                    return Err(ApiError::bad_request(format!(
                        "more than {MAX_RESUMES} resumes: send them in several reports, or score \
                         a batch with `rolefit scan --job POSTING --format html FOLDER`"
                    )));
                }
                sub.resumes.push(part);
            }
        }
        if sub.resumes.is_empty() {
            return Err(ApiError::bad_request(
                "no resume: choose or drop one or more resume files, or paste a resume's text",
            ));
        }
        unique_ids(&mut sub.resumes);
        Ok(sub)
    }
}

/// The last component of a file name as the browser sent it (some send a whole path).
fn base_name(name: &str) -> String {
    let name = name.rsplit(['/', '\\']).next().unwrap_or(name).trim();
    name.to_string()
}

/// Reads one part; `None` when it is empty (an empty file input, a blank text area).
async fn read_part(
    mut field: Field<'_>,
    file: Option<String>,
) -> Result<Option<Part>, MultipartError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await? {
        bytes.extend_from_slice(&chunk);
    }
    // A file input left empty sends a part with an empty file name and no content.
    let file = file.filter(|f| !f.is_empty());
    let is_file = file.is_some();
    if !is_file && bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let id = file.unwrap_or_else(|| "pasted resume".to_string());
    Ok(Some(Part {
        id,
        file: is_file,
        bytes,
    }))
}

/// Makes ids unique (the report links to each document by its id): a repeated name gets
/// " (1)", " (2)", ... (pasted resumes too), never the id of another document.
fn unique_ids(parts: &mut [Part]) {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for part in parts.iter() {
        *seen.entry(part.id.clone()).or_default() += 1;
    }
    let repeated: std::collections::HashSet<String> = seen
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(id, _)| id)
        .collect();
    let mut taken: std::collections::HashSet<String> = parts
        .iter()
        .filter(|p| !repeated.contains(&p.id))
        .map(|p| p.id.clone())
        .collect();
    let mut counts = std::collections::HashMap::<String, usize>::new();
    for part in parts.iter_mut() {
        if !repeated.contains(&part.id) {
            continue;
        }
        let n = counts.entry(part.id.clone()).or_default();
        loop {
            *n += 1;
            let mut id = part.id.clone();
            let _ = write!(id, " ({n})");
            if !taken.contains(&id) && !repeated.contains(&id) {
                taken.insert(id.clone());
                part.id = id;
                break;
            }
        }
    }
}

/// The HTML report for a submission: each resume scored against the posting (or the
/// service's role without one), ranked, as `rolefit scan --kind resume --format html` writes
/// it, through the same pipeline as `/v1/scan`. Blocking: run it on a worker.
fn render(state: &AppState, submission: Submission) -> Result<Vec<u8>, ApiError> {
    let against = match submission.posting {
        Some(p) => Against::Job(Source::Upload {
            name: p.file.then_some(p.id),
            bytes: Bytes::from(p.bytes),
        }),
        None => Against::Role,
    };
    // The page asks for resumes: they are never guessed to be postings.
    let settings = Settings {
        kind: Some(DocKind::Resume),
        ..Settings::default()
    };
    let mut pipeline = state.limited(scan_pipeline(state, &against, &settings)?);
    pipeline.detail(Detail::Document);
    let inputs: Vec<Input> = submission
        .resumes
        .into_iter()
        .map(|p| Input::Bytes {
            id: p.id,
            bytes: p.bytes,
        })
        .collect();
    let mut out = Vec::new();
    let options = RunOptions {
        sort: true,
        ..RunOptions::default()
    };
    run(
        &pipeline,
        inputs,
        &HtmlPrinter::new(),
        &mut out,
        &options,
        |_| {},
    )
    .map_err(|e| ApiError::internal(format!("the report could not be written: {e}")))?;
    Ok(out)
}

/// The report as a response, with its own policy for when the browser shows it as a page.
fn report_response(html: Vec<u8>) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(REPORT_CSP),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        html,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain:?}");
        }
    }

    #[test]
    fn the_page_fills_every_placeholder_and_escapes_the_role() {
        let page = index_html("<b>Desk & Co</b>");
        assert!(!page.contains("{{"), "a placeholder is left");
        assert!(page.contains("&lt;b&gt;Desk &amp; Co&lt;/b&gt;"));
        // The script in the page is the one whose hash the policy allows.
        assert!(page.contains(&format!("<script>{SCRIPT}</script>")));
        assert!(!SCRIPT.contains("</script"));
    }

    fn part(id: &str) -> Part {
        Part {
            id: id.into(),
            file: true,
            bytes: b"x".to_vec(),
        }
    }

    #[test]
    fn repeated_names_are_numbered_and_never_collide() {
        let mut parts: Vec<Part> = ["cv.pdf", "a.txt", "cv.pdf", "cv.pdf (2)", "cv.pdf"]
            .into_iter()
            .map(part)
            .collect();
        unique_ids(&mut parts);
        let ids: Vec<&str> = parts.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "cv.pdf (1)",
                "a.txt",
                "cv.pdf (3)",
                "cv.pdf (2)",
                "cv.pdf (4)"
            ]
        );
    }

    #[test]
    fn file_names_lose_their_folders() {
        assert_eq!(base_name("C:\\Users\\me\\cv.pdf"), "cv.pdf");
        assert_eq!(base_name("../../etc/passwd"), "passwd");
        assert_eq!(base_name("cv.pdf"), "cv.pdf");
    }
}
