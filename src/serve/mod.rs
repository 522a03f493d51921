//! The HTTP service: `rolefit serve`, or [`router`] mounted in an application of your own (an
//! ATS, say). Requests go through the same [`Pipeline`] as the CLI and get the same JSON records
//! back; the matching and scoring run on blocking threads, at most [`Options::concurrency`]
//! requests at a time, each within [`Options::timeout`] and [`Options::max_body`], and every
//! document within the library's [`Limits`].
//!
//! ```no_run
//! use rolefit::scoring::Scorer;
//! use rolefit::serve::{router, shutdown_signal, AppState, Options};
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let scorer = Scorer::new(rolefit::Taxonomy::embedded())?;
//!     let mut options = Options::default();
//!     options.concurrency = 2;
//!     let app = axum::Router::new().nest("/rolefit", router(AppState::new(scorer, options)));
//!     let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//!     axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await?;
//!     Ok(())
//! }
//! ```
//!
//! The routes are listed once, in [`routes`]; `openapi.yaml` at the root of the repository
//! describes each of them.

mod access_log;
mod analyze;
mod error;
mod page;
mod request;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use serde::Serialize;
use tokio::sync::Semaphore;
use tokio::time::{timeout_at, Instant};

use crate::document::Limits;
use crate::pipeline::Pipeline;
use crate::scoring::{ProfileSource, Scorer, TaxonomyStamp};
use crate::taxonomy::role::Role;

pub(crate) use self::error::ApiError;

/// The service's limits.
///
/// ```
/// let mut options = rolefit::serve::Options::default();
/// assert_eq!(options.max_body, 10 * 1024 * 1024);
/// options.concurrency = 2;
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Options {
    /// The largest request body accepted, in bytes; a larger one is refused with 413.
    pub max_body: usize,
    /// The most time one request may take, from its first byte to its answer: reading the
    /// body (408 past it), waiting for a worker (503) and the work itself (504).
    pub timeout: Duration,
    /// Requests matched and scored at once; more wait for a free worker until their timeout.
    pub concurrency: usize,
    /// The limits every document is read within (zip bombs, PDF page and operator budgets, ...).
    pub limits: Limits,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            max_body: 10 * 1024 * 1024,
            timeout: Duration::from_secs(30),
            concurrency: std::thread::available_parallelism().map_or(1, |n| n.get()),
            limits: Limits::default(),
        }
    }
}

/// What every request shares: the compiled scorer, the limits and the worker permits. Cheap to
/// clone.
#[derive(Clone, Debug)]
pub struct AppState {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// Its chosen role is the one documents are scored against when a request names none.
    scorer: Scorer,
    options: Options,
    permits: Arc<Semaphore>,
    /// `GET /v1/taxonomy`, built once.
    taxonomy: Vec<u8>,
}

impl AppState {
    /// The state of a service that scores with `scorer` (and its chosen role, unless a request
    /// names another) within `options`.
    pub fn new(scorer: Scorer, options: Options) -> AppState {
        let taxonomy = taxonomy_summary(&scorer);
        AppState {
            inner: Arc::new(Inner {
                permits: Arc::new(Semaphore::new(options.concurrency.max(1))),
                scorer,
                options,
                taxonomy,
            }),
        }
    }

    /// The service's limits.
    pub fn options(&self) -> &Options {
        &self.inner.options
    }

    pub(crate) fn scorer(&self) -> &Scorer {
        &self.inner.scorer
    }

    /// When a request that starts now must be answered.
    pub(crate) fn deadline(&self) -> Instant {
        Instant::now() + self.inner.options.timeout
    }

    /// Runs CPU work on a blocking thread once a worker is free: 503 when none frees up before
    /// `deadline`, 504 when the work is not done by then (it goes on to its end, holding its
    /// worker, so that the concurrency limit stays true; the document limits bound it).
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        deadline: Instant,
        work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let permits = Arc::clone(&self.inner.permits);
        let permit = match timeout_at(deadline, permits.acquire_owned()).await {
            Ok(Ok(permit)) => permit,
            Ok(Err(_)) | Err(_) => {
                return Err(ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "busy",
                    "every worker stayed busy until the request's time ran out: retry later, \
                     send fewer requests at once, or start the server with a larger \
                     --concurrency or --timeout",
                ))
            }
        };
        let task = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        });
        match timeout_at(deadline, task).await {
            Err(_) => Err(ApiError::new(
                StatusCode::GATEWAY_TIMEOUT,
                "timeout",
                "the request took longer than the server's --timeout: send fewer or smaller \
                 documents per request",
            )),
            Ok(Err(_)) => Err(ApiError::internal(
                "rolefit failed on this request (a bug: please report it with the request)",
            )),
            Ok(Ok(result)) => result,
        }
    }

    /// A pipeline with the service's document limits.
    pub(crate) fn limited(&self, mut pipeline: Pipeline) -> Pipeline {
        pipeline.limits(self.inner.options.limits.clone());
        pipeline
    }
}

/// One route: its method, its path and its handler.
pub(crate) struct Route {
    method: &'static str,
    path: &'static str,
    handler: MethodRouter<AppState>,
}

impl Route {
    pub(crate) fn get(path: &'static str, handler: MethodRouter<AppState>) -> Route {
        Route {
            method: "GET",
            path,
            handler,
        }
    }

    pub(crate) fn post(path: &'static str, handler: MethodRouter<AppState>) -> Route {
        Route {
            method: "POST",
            path,
            handler,
        }
    }
}

/// The route table, the one place routes are listed: [`router`] serves these, [`routes`] lists
/// them and `tests/serve.rs` checks each is in `openapi.yaml`. A module adding pages or
/// endpoints (the local web page's `page::routes()`) gives its own `Vec<Route>`, chained in
/// here, and reuses the same steps as `analyze.rs`: `request::body_kind`, `request::read_body`
/// and `request::parse` for the body, `analyze::scan_pipeline` for the pipeline, and
/// [`AppState::run`] for the work.
fn table() -> Vec<Route> {
    let mut routes = vec![
        Route::get("/healthz", get(healthz)),
        Route::get("/v1/taxonomy", get(taxonomy)),
        Route::post("/v1/extract", post(analyze::extract)),
        Route::post("/v1/scan", post(analyze::scan)),
    ];
    routes.extend(page::routes());
    routes
}

/// Every route the [`router`] serves, as (method, path).
///
/// ```
/// let routes = rolefit::serve::routes();
/// assert!(routes.contains(&("POST", "/v1/scan")));
/// ```
pub fn routes() -> Vec<(&'static str, &'static str)> {
    table().iter().map(|r| (r.method, r.path)).collect()
}

/// The service's routes with its state, access log, JSON 404 and 405 answers and body limit:
/// serve it with `axum::serve`, or mount it in an application of your own.
pub fn router(state: AppState) -> Router {
    let mut router = Router::new();
    for route in table() {
        router = router.route(route.path, route.handler);
    }
    let max_body = state.options().max_body;
    router
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        // For extractors that read bodies themselves; the analysis routes check the same limit.
        .layer(DefaultBodyLimit::max(max_body))
        .layer(axum::middleware::from_fn(access_log::access_log))
        .with_state(state)
}

/// Resolves when the process is asked to stop (Ctrl-C, or SIGTERM on Unix): give it to
/// `axum::serve(...).with_graceful_shutdown`, which then finishes the requests in flight.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        // Without a handler there is nothing to wait for: the other signal still stops us.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

#[derive(Serialize)]
struct Health<'a> {
    ok: bool,
    version: &'a str,
    taxonomy: TaxonomyStamp,
}

async fn healthz(axum::extract::State(state): axum::extract::State<AppState>) -> Response {
    axum::Json(Health {
        ok: true,
        version: env!("CARGO_PKG_VERSION"),
        taxonomy: TaxonomyStamp::of(state.scorer().taxonomy()),
    })
    .into_response()
}

async fn taxonomy(axum::extract::State(state): axum::extract::State<AppState>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        state.inner.taxonomy.clone(),
    )
        .into_response()
}

/// `GET /v1/taxonomy`: what the service matches and scores against.
#[derive(Serialize)]
struct TaxonomySummary<'a> {
    name: &'a str,
    version: &'a str,
    hash: &'a str,
    /// The role documents are scored against when a request names none.
    default_role: Option<String>,
    concepts: Vec<ConceptSummary<'a>>,
    roles: &'a [Role],
}

#[derive(Serialize)]
struct ConceptSummary<'a> {
    id: &'a str,
    name: &'a str,
    kind: crate::taxonomy::Kind,
}

fn taxonomy_summary(scorer: &Scorer) -> Vec<u8> {
    let t = scorer.taxonomy();
    let summary = TaxonomySummary {
        name: t.name(),
        version: t.version(),
        hash: t.hash(),
        default_role: scorer.default_profile().and_then(|p| match p.source {
            ProfileSource::Role { id } => Some(id),
            _ => None,
        }),
        concepts: t
            .concepts()
            .iter()
            .map(|c| ConceptSummary {
                id: c.id.as_str(),
                name: &c.name,
                kind: c.kind,
            })
            .collect(),
        roles: t.roles(),
    };
    serde_json::to_vec(&summary).unwrap_or_default()
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    let known: Vec<String> = routes().iter().map(|(m, p)| format!("{m} {p}")).collect();
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not-found",
        format!(
            "no route {}: the routes are {}",
            uri.path(),
            known.join(", ")
        ),
    )
}

async fn method_not_allowed(method: Method, uri: axum::http::Uri) -> ApiError {
    let allowed: Vec<&str> = routes()
        .iter()
        .filter(|(_, p)| *p == uri.path())
        .map(|(m, _)| *m)
        .collect();
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method-not-allowed",
        format!(
            "{method} {} is not served: use {}",
            uri.path(),
            allowed.join(" or ")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(concurrency: usize) -> AppState {
        let options = Options {
            concurrency,
            ..Options::default()
        };
        let scorer = Scorer::new(crate::Taxonomy::embedded()).unwrap();
        AppState::new(scorer, options)
    }

    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap()
            .block_on(f)
    }

    fn sleep(ms: u64) -> Result<(), ApiError> {
        std::thread::sleep(Duration::from_millis(ms));
        Ok(())
    }

    #[test]
    fn work_past_the_deadline_is_a_504() {
        let state = state(1);
        let err = block_on(async {
            let deadline = Instant::now() + Duration::from_millis(50);
            state.run(deadline, || sleep(500)).await.unwrap_err()
        });
        assert_eq!((err.status().as_u16(), err.kind()), (504, "timeout"));
    }

    #[test]
    fn no_free_worker_before_the_deadline_is_a_503_and_a_free_one_is_taken() {
        let state = state(1);
        block_on(async {
            let busy = state.clone();
            let far = Instant::now() + Duration::from_secs(30);
            let holder = tokio::spawn(async move { busy.run(far, || sleep(400)).await });
            tokio::time::sleep(Duration::from_millis(100)).await;
            let soon = Instant::now() + Duration::from_millis(50);
            let err = state.run(soon, || Ok(())).await.unwrap_err();
            assert_eq!((err.status().as_u16(), err.kind()), (503, "busy"));
            // Waiting long enough, the next request gets the worker once it is free.
            let later = Instant::now() + Duration::from_secs(30);
            assert_eq!(state.run(later, || Ok(7)).await, Ok(7));
            assert_eq!(holder.await.unwrap(), Ok(()));
        });
    }

    #[test]
    fn a_panic_in_a_worker_is_a_500_and_frees_the_worker() {
        let state = state(1);
        block_on(async {
            let deadline = Instant::now() + Duration::from_secs(30);
            let err = state
                .run(deadline, || -> Result<(), ApiError> { panic!("boom") })
                .await
                .unwrap_err();
            assert_eq!((err.status().as_u16(), err.kind()), (500, "internal"));
            assert_eq!(state.run(deadline, || Ok(1)).await, Ok(1));
        });
    }

    #[test]
    fn every_route_is_listed_once() {
        let routes = routes();
        let mut unique = routes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), routes.len());
    }
}
