//! Flags validated into what a batch run needs: the pipeline (matcher, and for `scan` the
//! scorer and what documents are scored against), the printer's options, the ranking and the
//! inputs. Everything that can be wrong with the flags is found here, before any input is read.

use std::borrow::Cow;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

use rolefit::document::Limits;
use rolefit::input::InputOptions;
use rolefit::output::{OutputFormat, RecordKind, TableStyle};
use rolefit::pipeline::{read_text, Detail, Pipeline, RunOptions, Target};
use rolefit::scoring::{DocKind, Scorer, YearMonth};
use rolefit::{Matcher, MatcherOptions, Taxonomy};

use crate::args::{ColorArg, CommonArgs, FormatArg, KindArg, ScanArgs, TaxonomyArgs};
use crate::Error;

/// A validated batch run.
pub struct Config {
    pub pipeline: Pipeline,
    pub format: OutputFormat,
    pub kind: RecordKind,
    pub fields: Vec<String>,
    pub run: RunOptions,
    pub paths: Vec<PathBuf>,
    pub inputs: InputOptions,
    pub quiet: bool,
    pub errors_ok: bool,
    pub table: TableStyle,
}

pub fn load_taxonomy(path: Option<&Path>) -> Result<Cow<'static, Taxonomy>, Error> {
    Ok(match path {
        Some(p) => Cow::Owned(Taxonomy::from_path(p)?),
        None => Cow::Borrowed(Taxonomy::embedded()),
    })
}

impl TaxonomyArgs {
    pub fn matcher(&self) -> Result<Matcher, Error> {
        let taxonomy = load_taxonomy(self.taxonomy.as_deref())?;
        Ok(Matcher::new(&taxonomy)?)
    }
}

impl Config {
    pub fn extract(args: &CommonArgs) -> Result<Config, Error> {
        let mut pipeline = Pipeline::extract(matcher(args)?);
        if format(args) == OutputFormat::Counts {
            pipeline.detail(Detail::Count);
        }
        Config::new(args, pipeline, RecordKind::Extract)
    }

    pub fn scan(args: &ScanArgs) -> Result<Config, Error> {
        let common = &args.common;
        let limits = limits(common);
        let mut scorer = Scorer::with_matcher(matcher(common)?);
        if let Some((year, month)) = args.as_of {
            scorer.as_of(YearMonth::new(year, month));
        }
        if let Some(role) = &args.role {
            // Postings and resumes are read with the chosen role's titles, levels and groups.
            scorer.role(role).map_err(rolefit::pipeline::Error::from)?;
        }
        let kind = args.kind.map(|k| match k {
            KindArg::Resume => DocKind::Resume,
            KindArg::Posting => DocKind::Posting,
        });
        for path in args.job.iter().chain(&args.resume) {
            check_not_url(path)?;
        }
        let target = if let Some(job) = &args.job {
            Target::job(&scorer, &read_text(job, &limits)?, kind)
        } else if let Some(resume) = &args.resume {
            Target::resume(&scorer, &read_text(resume, &limits)?)
        } else {
            Target::role(&scorer, args.role.as_deref(), kind)?
        };
        let format = format(common);
        // The table shows the report's groups and adjustments, so it always gets the full one.
        let (detail, kind) = if format == OutputFormat::Html {
            // The HTML report marks the evidence in the document's text.
            (Detail::Document, RecordKind::ScanExplained)
        } else if args.explain || format == OutputFormat::Table {
            (Detail::Explained, RecordKind::ScanExplained)
        } else {
            (Detail::Compact, RecordKind::Scan)
        };
        let mut pipeline = Pipeline::scan(scorer, target);
        pipeline.detail(detail);
        let mut config = Config::new(common, pipeline, kind)?;
        config.table.explain = args.explain;
        config.run = RunOptions {
            // The table ranks: its rows are numbered best first.
            sort: args.sort.is_some() || matches!(format, OutputFormat::Table | OutputFormat::Html),
            top: args.top,
            fail_under: args.fail_under,
            chunk: 0,
        };
        Ok(config)
    }

    fn new(args: &CommonArgs, mut pipeline: Pipeline, kind: RecordKind) -> Result<Config, Error> {
        if args.paths.is_empty() && io::stdin().is_terminal() {
            return Err(
                "no input: name files or folders, or pipe text in (cat posting.txt | rolefit scan)"
                    .into(),
            );
        }
        for path in &args.paths {
            check_not_url(path)?;
        }
        let format = format(args);
        check_fields(&args.fields, kind, format)?;
        if let Some(n) = args.threads {
            // Past a few threads per core, more only costs start-up time and memory.
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            rayon::ThreadPoolBuilder::new()
                .num_threads(n.clamp(1, 4 * cores))
                .build_global()?;
        }
        pipeline.limits(limits(args));
        Ok(Config {
            pipeline,
            format,
            kind,
            fields: args.fields.clone(),
            run: RunOptions::default(),
            paths: args.paths.clone(),
            inputs: InputOptions {
                jsonl: args.jsonl,
                globs: args.glob.clone(),
                follow_links: args.follow,
                limits: limits(args),
            },
            quiet: args.quiet,
            errors_ok: args.errors_ok,
            table: TableStyle {
                width: width(),
                color: color(args.color),
                explain: false,
            },
        })
    }
}

fn matcher(args: &CommonArgs) -> Result<Matcher, Error> {
    // One document (a pipe or a single file): start-up dominates, so build the automaton that
    // builds fastest; batches get the one that searches fastest.
    let single = !args.jsonl
        && match args.paths.as_slice() {
            [] => true,
            [p] => p.as_os_str() == "-" || p.is_file(),
            _ => false,
        };
    let mut options = MatcherOptions::new();
    options.spelling_variants(!args.exact).quick_build(single);
    Ok(match args.taxonomy.as_deref() {
        // The embedded taxonomy is parsed while its automaton is built, its strings and tables
        // (which live as long as the process) cut from the start-up arena.
        None => {
            let _arena = crate::arena::Scope::begin();
            options.build_embedded()?
        }
        Some(path) => options.build(&*load_taxonomy(Some(path))?)?,
    })
}

fn limits(args: &CommonArgs) -> Limits {
    Limits {
        max_input_bytes: args.max_size,
        include_hidden: args.include_hidden,
        ..Limits::default()
    }
}

fn format(args: &CommonArgs) -> OutputFormat {
    match args.format {
        Some(FormatArg::Table) => OutputFormat::Table,
        Some(FormatArg::Json) => OutputFormat::Json,
        Some(FormatArg::Jsonl) => OutputFormat::Jsonl,
        Some(FormatArg::Csv) => OutputFormat::Csv,
        Some(FormatArg::Counts) => OutputFormat::Counts,
        Some(FormatArg::Html) => OutputFormat::Html,
        None if io::stdout().is_terminal() => OutputFormat::Table,
        None => OutputFormat::Jsonl,
    }
}

fn check_fields(fields: &[String], kind: RecordKind, format: OutputFormat) -> Result<(), Error> {
    if fields.is_empty() {
        return Ok(());
    }
    if matches!(
        format,
        OutputFormat::Table | OutputFormat::Counts | OutputFormat::Html
    ) {
        return Err(
            "--fields chooses the fields of jsonl, json and csv: add --format jsonl".into(),
        );
    }
    let known = kind.fields();
    match fields.iter().find(|f| !known.contains(&f.as_str())) {
        Some(f) => {
            let hint = if RecordKind::ScanExplained.fields().contains(&f.as_str()) {
                " (it is in the full report: add --explain)"
            } else {
                ""
            };
            Err(format!(
                "--fields: no field '{f}'{hint}; the fields are {}",
                known.join(", ")
            )
            .into())
        }
        None => Ok(()),
    }
}

/// rolefit reads files: a web address says how to give it the page instead.
fn check_not_url(path: &Path) -> Result<(), Error> {
    let s = path.to_string_lossy();
    let lower = s.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Err(format!(
            "'{s}' is a web address: rolefit reads files: save the page and name the file, or \
             pipe it: curl -sL '{s}' | rolefit scan --job - resumes/"
        )
        .into());
    }
    Ok(())
}

/// The width the table wraps to: `COLUMNS` when set (tests fix it there), else the terminal's;
/// no wrapping when writing to a file or a pipe.
fn width() -> Option<usize> {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
    {
        return Some(n).filter(|&n: &usize| n >= 20);
    }
    terminal_size::terminal_size_of(io::stdout())
        .map(|(terminal_size::Width(w), _)| usize::from(w).max(20))
}

/// Colour for `--color`: `auto` colours a terminal unless `NO_COLOR` is set (to anything but
/// the empty string) or the terminal is dumb.
fn color(when: ColorArg) -> bool {
    match when {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            let set = |v: &str| std::env::var_os(v).is_some_and(|s| !s.is_empty());
            io::stdout().is_terminal()
                && !set("NO_COLOR")
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}
