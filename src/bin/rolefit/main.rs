//! The rolefit command: flags (args.rs) are validated into a config (config.rs), and the
//! library's pipeline runs it; this file only wires the run to standard output and error and
//! turns what happened into an exit code (0 all read, 1 a score under --fail-under, 2 an error).

mod arena;
mod args;
mod config;
mod console;
#[cfg(feature = "serve")]
mod serve;
mod summary;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use rolefit::input::inputs;
use rolefit::output::{escape, escape_message, printer, OutputFormat, PrintOptions};
use rolefit::pipeline::run;
use rolefit::record::ErrorRecord;

use crate::args::{Cli, Command};
use crate::config::Config;
use crate::console::{progress, report};

type Error = Box<dyn std::error::Error + Send + Sync>;

/// The system's allocator, with an arena for the embedded taxonomy read at start-up (arena.rs).
#[global_allocator]
static ALLOCATOR: arena::StartUpArena = arena::StartUpArena;

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Extract(args) => Config::extract(&args).and_then(batch),
        Command::Scan(args) => Config::scan(&args).and_then(batch),
        Command::Taxonomy(args) => summary::taxonomy(&args).map(|()| ExitCode::SUCCESS),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::serve(&args).map(|()| ExitCode::SUCCESS),
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
