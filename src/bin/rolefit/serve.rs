//! `rolefit serve`: the library's HTTP service on a tokio runtime, with the access log on
//! standard error, until Ctrl-C or SIGTERM (requests in flight are finished first).

use std::io::{self, IsTerminal, Write};
use std::time::Duration;

use rolefit::scoring::Scorer;
use rolefit::serve::{router, shutdown_signal, AppState, Options};
use rolefit::Matcher;

use crate::args::{LogFormat, ServeArgs};
use crate::config::load_taxonomy;
use crate::Error;

pub fn serve(args: &ServeArgs) -> Result<(), Error> {
    let taxonomy = load_taxonomy(args.taxonomy.as_deref())?;
    // A long-running service: the automaton that searches fastest, whatever it costs to build.
    let mut scorer = Scorer::with_matcher(Matcher::new(&taxonomy)?);
    if let Some(role) = &args.role {
        scorer.role(role).map_err(rolefit::pipeline::Error::from)?;
    }
    let mut options = Options::default();
    options.max_body = usize::try_from(args.max_body).unwrap_or(usize::MAX);
    options.timeout = Duration::from_secs(args.timeout);
    if let Some(n) = args.concurrency {
        options.concurrency = n as usize;
    }
    // A body the service accepts is never refused again as a document over the size limit.
    options.limits.max_input_bytes = options.limits.max_input_bytes.max(args.max_body);
    let timeout = options.timeout;
    let app = router(AppState::new(scorer, options));
    logging(args.log_format);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .map_err(|e| {
                format!(
                    "cannot listen on {}: {e}: choose another --addr (port 0 picks a free one)",
                    args.addr
                )
            })?;
        let addr = listener.local_addr()?;
        writeln!(io::stderr(), "rolefit: listening on http://{addr}")?;
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown_signal())
            .await?;
        Ok::<(), Error>(())
    })?;
    // Work a timed-out request left behind may still run: give it the same time, no more.
    runtime.shutdown_timeout(timeout);
    writeln!(io::stderr(), "rolefit: stopped")?;
    Ok(())
}

/// The access log (and any other event at INFO or above) on standard error.
fn logging(format: LogFormat) {
    let builder = tracing_subscriber::fmt()
        .with_writer(io::stderr)
        .with_max_level(tracing::Level::INFO)
        .with_ansi(io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none());
    // Only fails when a subscriber is already set, and then that one logs.
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}
