//! The access log: one `tracing` event per request, with its method, path, status, latency and
//! response size as fields, for whatever subscriber the application installs (`rolefit serve`
//! writes them to standard error). The query string is left out: it may carry document ids.

use axum::body::HttpBody as _;
use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

/// Logs one request after its response is ready.
pub(crate) async fn access_log(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let start = std::time::Instant::now();
    let response = next.run(request).await;
    let latency = start.elapsed();
    let bytes = response.body().size_hint().exact().or_else(|| {
        response
            .headers()
            .get(axum::http::header::CONTENT_LENGTH)
            .and_then(|v: &HeaderValue| v.to_str().ok()?.parse().ok())
    });
    tracing::info!(
        target: "rolefit::access",
        method = %method,
        path = %path,
        status = response.status().as_u16(),
        latency_ms = (latency.as_secs_f64() * 1e6).round() / 1e3,
        bytes = bytes,
        "request"
    );
    response
}
