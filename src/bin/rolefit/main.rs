//! The rolefit command: a thin layer over the library. Flags are parsed (args.rs), the taxonomy
//! is loaded and compiled once, inputs stream through the parallel batch in input order, and each
//! result goes to the chosen printer.

mod args;
mod fit;

use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use rolefit::batch::{map_ordered, DEFAULT_CHUNK};
use rolefit::document::Limits;
use rolefit::input::{inputs, Input, InputOptions};
use rolefit::output::{printer, OutputFormat, TableRow};
use rolefit::record::{ErrorRecord, ExtractRecord, MatchRecord, ScanRecord};
use rolefit::{Matcher, MatcherOptions, Scratch, Taxonomy};

use crate::args::{Cli, Command, CommonArgs, FormatArg, ScanArgs, TaxonomyArgs};

type Error = Box<dyn std::error::Error + Send + Sync>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&*e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "rolefit: {e}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    e.downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Extract(common) => process(&common, Mode::Extract, None),
        Command::Scan(scan) => process(&scan.common, Mode::Scan, Some(&scan)),
        Command::Taxonomy(args) => taxonomy_summary(&args),
    }
}

#[derive(Clone, Copy)]
enum Mode {
    Extract,
    Scan,
}

fn load_taxonomy(path: Option<&std::path::Path>) -> Result<Cow<'static, Taxonomy>, Error> {
    Ok(match path {
        Some(p) => Cow::Owned(Taxonomy::from_path(p)?),
        None => Cow::Borrowed(Taxonomy::embedded()),
    })
}

fn taxonomy_summary(args: &TaxonomyArgs) -> Result<ExitCode, Error> {
    let t = load_taxonomy(args.taxonomy.as_deref())?;
    let matcher = Matcher::new(&t)?;
    let forms: usize = t.concepts().iter().map(|c| c.surface_forms().len()).sum();
    let mut kinds = std::collections::BTreeMap::new();
    for c in t.concepts() {
        *kinds.entry(c.kind.as_str()).or_insert(0usize) += 1;
    }
    let mut out = io::stdout().lock();
    if args.json {
        let summary = serde_json::json!({
            "name": t.name(),
            "version": t.version(),
            "hash": t.hash(),
            "concepts": t.concepts().len(),
            "surface_forms": forms,
            "patterns": matcher.pattern_count(),
            "roles": t.roles().iter().map(|r| &r.id).collect::<Vec<_>>(),
            "kinds": kinds,
        });
        writeln!(out, "{summary}")?;
    } else {
        writeln!(out, "{} {} ({})", t.name(), t.version(), t.hash())?;
        writeln!(
            out,
            "{} concepts, {} surface forms, {} patterns with spelling variants",
            t.concepts().len(),
            forms,
            matcher.pattern_count()
        )?;
        for (kind, n) in kinds {
            writeln!(out, "  {kind:<16} {n}")?;
        }
        for r in t.roles() {
            writeln!(
                out,
                "role {}: {} ({} groups, {} levels)",
                r.id,
                r.name,
                r.groups.len(),
                r.levels.len()
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The table row of the counts format, which prints only the rendered line.
struct Count;

impl TableRow for Count {
    fn write_table(&self, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// One input's result, rendered by the worker that made it.
struct Out {
    json: String,
    row: Box<dyn TableRow + Send>,
    error: Option<ErrorRecord>,
    /// The fit score, for `scan`.
    score: Option<f64>,
}

fn process(args: &CommonArgs, mode: Mode, scan: Option<&ScanArgs>) -> Result<ExitCode, Error> {
    let taxonomy = load_taxonomy(args.taxonomy.as_deref())?;
    // One document (a pipe or a single file): start-up dominates, so build the automaton that
    // builds fastest; batches get the one that searches fastest.
    let single = !args.jsonl
        && match args.paths.as_slice() {
            [] => true,
            [p] => p.as_os_str() == "-" || p.is_file(),
            _ => false,
        };
    let matcher = MatcherOptions::new()
        .spelling_variants(!args.exact)
        .quick_build(single)
        .build(&taxonomy)?;
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()?;
    }
    if args.paths.is_empty() && io::stdin().is_terminal() {
        return Err(
            "no input: name files or folders, or pipe text in (cat posting.txt | rolefit scan)"
                .into(),
        );
    }
    let format = match args.format {
        Some(FormatArg::Table) => OutputFormat::Table,
        Some(FormatArg::Json) => OutputFormat::Json,
        Some(FormatArg::Jsonl) => OutputFormat::Jsonl,
        Some(FormatArg::Counts) => OutputFormat::Counts,
        None if io::stdout().is_terminal() => OutputFormat::Table,
        None => OutputFormat::Jsonl,
    };
    let options = InputOptions {
        jsonl: args.jsonl,
        globs: args.glob.clone(),
        follow_links: args.follow,
        limits: Limits {
            max_input_bytes: args.max_size,
            ..Limits::default()
        },
    };
    let limits = options.limits.clone();
    let fit = scan
        .map(|s| fit::Fit::new(s, &matcher, &limits))
        .transpose()?;
    let fail_under = scan.and_then(|s| s.fail_under);
    let top = scan.and_then(|s| s.top);
    // Ranking needs the whole batch: results are held, sorted, cut and printed at the end.
    let mut held: Option<Vec<Out>> = scan
        .filter(|s| s.sort.is_some() || s.top.is_some())
        .map(|_| Vec::new());
    let mut below = 0usize;
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut printer = printer(format);
    let mut stderr = io::stderr();
    let (mut total, mut failed) = (0usize, 0usize);
    let mut statuses: std::collections::BTreeMap<String, usize> = Default::default();
    let work = |state: &mut (Scratch, Vec<rolefit::Match>), input: Input| -> Out {
        let (scratch, matches) = state;
        match input.load(&limits) {
            Err(e) => Out {
                json: if format == OutputFormat::Counts {
                    format!("{}\terror\t{}", e.id, e.status)
                } else {
                    serde_json::to_string(&e).expect("records serialise")
                },
                row: Box::new(e.clone()),
                error: Some(e),
                score: None,
            },
            Ok(doc) => {
                matcher.extract_into(&doc.text, scratch, matches);
                match mode {
                    // Counting needs no records: the fast path of keyword-counting pipelines.
                    Mode::Extract if format == OutputFormat::Counts => Out {
                        json: format!("{}\t{}", doc.id, matches.len()),
                        row: Box::new(Count),
                        error: None,
                        score: None,
                    },
                    Mode::Extract => {
                        let rec = ExtractRecord {
                            matches: matches
                                .iter()
                                .map(|m| MatchRecord::new(&matcher, &doc.text, m))
                                .collect(),
                            id: doc.id,
                            format: doc.format,
                            status: "ok".to_string(),
                        };
                        Out {
                            json: serde_json::to_string(&rec).expect("records serialise"),
                            row: Box::new(rec),
                            error: None,
                            score: None,
                        }
                    }
                    Mode::Scan => {
                        let rec = ScanRecord::new(&matcher, doc.id, doc.format, &doc.text, matches);
                        match &fit {
                            Some(fit) => {
                                let rec = fit.record(rec, &doc.text, matches);
                                Out {
                                    json: serde_json::to_string(&rec).expect("records serialise"),
                                    score: Some(rec.fit.score),
                                    row: Box::new(rec),
                                    error: None,
                                }
                            }
                            None => Out {
                                json: serde_json::to_string(&rec).expect("records serialise"),
                                score: Some(rec.score),
                                row: Box::new(rec),
                                error: None,
                            },
                        }
                    }
                }
            }
        }
    };
    map_ordered(
        inputs(&args.paths, &options),
        DEFAULT_CHUNK,
        || (Scratch::new(), Vec::new()),
        work,
        |o: Out| -> io::Result<()> {
            total += 1;
            if let Some(e) = &o.error {
                // A binary file met while walking a folder is reported, but is no failure.
                if e.status != "skipped" {
                    failed += 1;
                }
                *statuses.entry(e.status.clone()).or_insert(0) += 1;
                if !args.quiet {
                    let at = e.line.map(|l| format!(" (line {l})")).unwrap_or_default();
                    let _ = writeln!(stderr, "rolefit: {}{at}: {}: {}", e.id, e.status, e.error);
                }
            } else {
                *statuses.entry("ok".to_string()).or_insert(0) += 1;
            }
            if let (Some(min), Some(score)) = (fail_under, o.score) {
                if score < min {
                    below += 1;
                }
            }
            match held.as_mut() {
                Some(held) => {
                    held.push(o);
                    Ok(())
                }
                None => printer.record(&mut out, &o.json, &*o.row),
            }
        },
    )?;
    if let Some(mut held) = held {
        // Best first; ties and error records keep input order (the sort is stable), errors last.
        held.sort_by(|a, b| match (a.score, b.score) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        let mut shown = 0usize;
        for o in &held {
            if o.score.is_some() {
                if top.is_some_and(|n| shown >= n) {
                    continue;
                }
                shown += 1;
            }
            printer.record(&mut out, &o.json, &*o.row)?;
        }
    }
    printer.finish(&mut out)?;
    if !args.quiet && (statuses.len() > 1 || failed > 0 || io::stderr().is_terminal()) {
        let parts: Vec<String> = statuses.iter().map(|(s, n)| format!("{n} {s}")).collect();
        let _ = writeln!(stderr, "rolefit: {total} documents: {}", parts.join(", "));
    }
    if below > 0 && !args.quiet {
        let _ = writeln!(
            stderr,
            "rolefit: {below} documents scored below {}",
            fail_under.unwrap_or_default()
        );
    }
    Ok(if failed > 0 && !args.errors_ok {
        ExitCode::from(2)
    } else if below > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
