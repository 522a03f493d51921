//! `POST /v1/extract` and `POST /v1/scan`: a request's documents through the library's
//! [`Pipeline`], answered with the records the CLI writes (`--format jsonl` for one document,
//! `--format json` for a batch). A document that cannot be read is a record with its status,
//! answered with 200 like any other.

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use super::request::{self, Against, BodyKind, Documents, Settings, SortKey};
use super::AppState;
use crate::output::{JsonPrinter, JsonlPrinter, Printer};
use crate::pipeline::{run, Detail, Pipeline, RunOptions, Target, Workspace};
use crate::record::{Record, Status};

/// What the route does to each document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Task {
    Extract,
    Scan,
}

pub(crate) async fn extract(State(state): State<AppState>, request: Request) -> Response {
    answer(state, Task::Extract, request).await
}

pub(crate) async fn scan(State(state): State<AppState>, request: Request) -> Response {
    answer(state, Task::Scan, request).await
}

async fn answer(state: AppState, task: Task, request: Request) -> Response {
    match records(state, task, request).await {
        Ok(json) => ([(header::CONTENT_TYPE, "application/json")], json).into_response(),
        Err(e) => e.into_response(),
    }
}

/// The JSON of the request's records.
async fn records(state: AppState, task: Task, request: Request) -> Result<Vec<u8>, ApiError> {
    let deadline = state.deadline();
    let (parts, body) = request.into_parts();
    // What can be refused without the body is refused before reading it.
    let kind = request::body_kind(&parts.headers)?;
    let settings = request::query(&parts.uri)?;
    let bytes =
        request::read_body(&parts.headers, body, state.options().max_body, deadline).await?;
    // A form is read here (multer works on the bytes already read); JSON, which may be
    // megabytes, is parsed on the blocking thread with the rest of the work.
    let body = match kind {
        BodyKind::Form => Body::Parsed(request::parse_form(&parts.headers, bytes, settings).await?),
        _ => Body::Raw(bytes, settings),
    };
    let worker = state.clone();
    state
        .run(deadline, move || {
            let request = match body {
                Body::Parsed(request) => request,
                Body::Raw(bytes, settings) => request::parse(kind, bytes, settings)?,
            };
            check(task, &request)?;
            let pipeline = match task {
                Task::Extract => Pipeline::extract(worker.scorer().matcher().clone()),
                Task::Scan => scan_pipeline(&worker, &request.against, &request.settings)?,
            };
            write(
                &worker.limited(pipeline),
                request.documents,
                &request.settings,
            )
        })
        .await
}

/// A request's body, read and perhaps parsed.
enum Body {
    Parsed(request::Request),
    Raw(Bytes, Settings),
}

/// What a request may not ask of its route.
fn check(task: Task, request: &request::Request) -> Result<(), ApiError> {
    if task == Task::Extract {
        check_extract(&request.against, &request.settings)?;
    }
    if request.settings.top == Some(0) {
        return Err(ApiError::bad_request(
            "top is a count of documents: 1 or more",
        ));
    }
    Ok(())
}

/// `extract` lists concepts: it has nothing to score against or rank by.
fn check_extract(against: &Against, settings: &Settings) -> Result<(), ApiError> {
    let scoring = [
        (!matches!(against, Against::Role), "a job or a resume"),
        (settings.role.is_some(), "role"),
        (settings.kind.is_some(), "kind"),
        (settings.explain.is_some(), "explain"),
        (settings.sort.is_some(), "sort"),
        (settings.top.is_some(), "top"),
    ];
    match scoring.iter().find(|(given, _)| *given) {
        Some((_, what)) => Err(ApiError::bad_request(format!(
            "{what} is for scoring: POST to /v1/scan, or leave it out to list concepts"
        ))),
        None => Ok(()),
    }
}

/// The pipeline of a `scan` request, as the CLI builds it from the same flags.
pub(crate) fn scan_pipeline(
    state: &AppState,
    against: &Against,
    settings: &Settings,
) -> Result<Pipeline, ApiError> {
    let mut scorer = state.scorer().clone();
    if let Some(role) = &settings.role {
        // Postings and resumes are read with the chosen role's titles, levels and groups.
        scorer
            .role(role)
            .map_err(|e| ApiError::bad_request(e.to_string()))?;
    }
    let kind = settings.kind;
    let limits = &state.options().limits;
    let target = match against {
        Against::Job(posting) => Target::job(&scorer, &posting.text("job posting", limits)?, kind),
        Against::Resume(_) if kind.is_some() => {
            return Err(ApiError::bad_request(
                "scored against a resume, the documents are read as postings: leave out kind",
            ))
        }
        Against::Resume(resume) => Target::resume(&scorer, &resume.text("resume", limits)?),
        Against::Role => Target::role(&scorer, settings.role.as_deref(), kind)
            .map_err(|e| ApiError::bad_request(e.to_string()))?,
    };
    let mut pipeline = Pipeline::scan(scorer, target);
    pipeline.detail(if settings.explain == Some(true) {
        Detail::Explained
    } else {
        Detail::Compact
    });
    Ok(pipeline)
}

/// Turns the documents into records and writes them: one JSON Lines record for one document,
/// a JSON array (ranked when asked) for a batch.
fn write(
    pipeline: &Pipeline,
    documents: Documents,
    settings: &Settings,
) -> Result<Vec<u8>, ApiError> {
    let mut out = Vec::new();
    let failed = |e: std::io::Error| ApiError::internal(format!("writing the records: {e}"));
    match documents {
        Documents::One(input) => {
            let record = pipeline.record(input, &mut Workspace::default());
            if let Record::Error(e) = &record {
                // The request itself is malformed, not a document in it.
                if e.status == Status::InvalidRecord {
                    return Err(ApiError::bad_json(e.error.clone()));
                }
            }
            JsonlPrinter::default()
                .record(&record, &mut out)
                .map_err(failed)?;
        }
        Documents::Batch(inputs) => {
            let options = RunOptions {
                sort: settings.sort == Some(SortKey::Score),
                top: settings.top,
                ..RunOptions::default()
            };
            run(
                pipeline,
                inputs,
                &JsonPrinter::default(),
                &mut out,
                &options,
                |_| {},
            )
            .map_err(failed)?;
        }
    }
    Ok(out)
}
