//! The one shape every failed request gets: `{"status", "error", "message"}`, where `error` is a
//! stable kind a client can branch on and `message` tells a person what to change. A document
//! that cannot be read is not a failed request: it is a record with its status (HTTP 200).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// A request the service refuses or could not finish.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ApiError {
    status: StatusCode,
    kind: &'static str,
    message: String,
}

/// The JSON body of an [`ApiError`].
#[derive(Serialize)]
struct Body<'a> {
    status: u16,
    error: &'a str,
    message: &'a str,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            kind,
            message: message.into(),
        }
    }

    /// A request whose JSON does not parse or does not have the expected shape.
    pub(crate) fn bad_json(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad-json", message)
    }

    /// A request that parses but asks for something the service cannot do (an unknown role,
    /// a job posting for `extract`, ...).
    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad-request", message)
    }

    /// The service itself failed (a panic in a worker): never a document's fault.
    pub(crate) fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }

    /// The HTTP status.
    #[cfg(test)]
    pub(crate) fn status(&self) -> StatusCode {
        self.status
    }

    /// The stable kind (`bad-json`, `too-large`, ...).
    #[cfg(test)]
    pub(crate) fn kind(&self) -> &'static str {
        self.kind
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.kind,
            self.message
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Body {
            status: self.status.as_u16(),
            error: self.kind,
            message: &self.message,
        };
        (self.status, Json(body)).into_response()
    }
}
