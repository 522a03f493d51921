//! The rolefit command: flags (args.rs) are validated into a config (config.rs), and the
//! library's pipeline runs it; this file only wires the run to standard output and error and
//! turns what happened into an exit code (0 all read, 1 a score under --fail-under, 2 an error).

mod args;
mod config;
mod summary;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use rolefit::input::inputs;
use rolefit::output::{escape, escape_message, printer, OutputFormat, PrintOptions};
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
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "rolefit", &mut io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => clap_mangen::Man::new(Cli::command())
            .render(&mut io::stdout())
            .map(|()| ExitCode::SUCCESS)
            .map_err(Error::from),
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
            table: config.table,
        },
    );
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut stderr = io::stderr();
    // A table on the terminal already shows each error: say it once.
    let shown =
        config.format == OutputFormat::Table && io::stdout().is_terminal() && stderr.is_terminal();
    let quiet = config.quiet;
    let bar = progress(&config);
    let on_error = |e: &ErrorRecord| {
        if !quiet && !shown {
            let at = e.line.map(|l| format!(" (line {l})")).unwrap_or_default();
            let (id, error) = (escape(&e.id), escape(&e.error));
            bar.suspend(|| writeln!(stderr, "rolefit: {id}{at}: {}: {error}", e.status).ok());
        }
    };
    let ticks = bar.clone();
    let found = inputs(&config.paths, &config.inputs).inspect(move |_| ticks.inc(1));
    let summary = run(
        &config.pipeline,
        found,
        &*printer,
        &mut out,
        &config.run,
        on_error,
    );
    bar.finish_and_clear();
    let summary = summary?;
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

/// A count of the documents read so far, on standard error, for folder and JSON Lines runs on
/// a terminal (hidden otherwise, and with --quiet). The summary line gives the ok and error
/// counts at the end.
fn progress(config: &Config) -> ProgressBar {
    let batch = config.inputs.jsonl || config.paths.iter().any(|p| p.is_dir());
    if config.quiet || !batch || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let style =
        ProgressStyle::with_template("{spinner} {human_pos} documents read ({per_sec}) {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
    bar.set_style(style);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
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
