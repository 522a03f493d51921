//! The rolefit command: flags (args.rs) are validated into a config (config.rs), and the
//! library's pipeline runs it; this file only wires the run to standard output and error and
//! turns what happened into an exit code (0 all read, 1 a score under --fail-under, 2 an error).

mod args;
mod config;
mod summary;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use rolefit::input::inputs;
use rolefit::output::{escape, escape_message, printer, PrintOptions};
use rolefit::pipeline::{run, Summary};
use rolefit::record::ErrorRecord;

use crate::args::{Cli, Command};
use crate::config::Config;

type Error = Box<dyn std::error::Error + Send + Sync>;

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Extract(args) => Config::extract(&args).and_then(batch),
        Command::Scan(args) => Config::scan(&args).and_then(batch),
        Command::Taxonomy(args) => summary::taxonomy(&args).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&*e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "rolefit: {}", escape_message(&e.to_string()));
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    e.downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// Runs a batch: records to standard output, error messages and the summary to standard error.
fn batch(config: Config) -> Result<ExitCode, Error> {
    let printer = printer(
        config.format,
        &PrintOptions {
            kind: config.kind,
            fields: config.fields.clone(),
            taxonomy: Some(config.pipeline.taxonomy()),
        },
    );
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut stderr = io::stderr();
    let quiet = config.quiet;
    let on_error = |e: &ErrorRecord| {
        if !quiet {
            let at = e.line.map(|l| format!(" (line {l})")).unwrap_or_default();
            let (id, error) = (escape(&e.id), escape(&e.error));
            let _ = writeln!(stderr, "rolefit: {id}{at}: {}: {error}", e.status);
        }
    };
    let found = inputs(&config.paths, &config.inputs);
    let summary = run(
        &config.pipeline,
        found,
        &*printer,
        &mut out,
        &config.run,
        on_error,
    )?;
    if !quiet {
        report(&summary, config.run.fail_under)?;
    }
    Ok(if summary.failed() > 0 && !config.errors_ok {
        ExitCode::from(2)
    } else if summary.below > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The batch summary on standard error: on a terminal, or when something needs saying.
fn report(summary: &Summary, fail_under: Option<f64>) -> io::Result<()> {
    let mut stderr = io::stderr();
    let statuses = &summary.statuses;
    if statuses.len() > 1 || summary.failed() > 0 || stderr.is_terminal() {
        // By name, so that the line reads the same whatever order the statuses are declared in.
        let mut parts: Vec<(&str, usize)> =
            statuses.iter().map(|(s, n)| (s.as_str(), *n)).collect();
        parts.sort();
        let parts: Vec<String> = parts.iter().map(|(s, n)| format!("{n} {s}")).collect();
        let total = summary.total();
        writeln!(stderr, "rolefit: {total} documents: {}", parts.join(", "))?;
    }
    if summary.below > 0 {
        let (n, min) = (summary.below, fail_under.unwrap_or_default());
        let documents = if n == 1 { "document" } else { "documents" };
        writeln!(stderr, "rolefit: {n} {documents} scored below {min}")?;
    }
    Ok(())
}
