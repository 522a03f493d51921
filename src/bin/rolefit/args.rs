//! Command-line flags (clap), parsed and then validated into what the commands need.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Find a job role's skills, tools and certifications in postings and resumes, and score the fit.
#[derive(Debug, Parser)]
#[command(name = "rolefit", version, about, max_term_width = 100, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every concept found in each document, with byte spans.
    Extract(CommonArgs),
    /// Score each document's fit for the role, with the concepts that earned the score.
    Scan(ScanArgs),
    /// Check a taxonomy file and summarise it (the embedded one without --taxonomy).
    Taxonomy(TaxonomyArgs),
    /// Serve extract and scan over HTTP: JSON or documents in, the same JSON records out.
    #[cfg(feature = "serve")]
    Serve(ServeArgs),
    /// Print a shell completion script (see the README for where to put it).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), for `man -l -` or a man directory.
    Man,
}

const EXAMPLES: &str = "\
Examples:
  Rank the resumes in a folder against a job posting (best first):
    rolefit scan --job posting.txt resumes/
  Paste a posting instead (then Ctrl-D), and keep the five best:
    rolefit scan --job - --top 5 resumes/
  See how your resume fits a posting, as an HTML report:
    rolefit scan --job posting.txt --format html my-resume.pdf > report.html
  Rank postings for one resume:
    rolefit scan --resume my-resume.pdf postings/
  A web page: save it, or pipe it:
    curl -sL https://example.com/job | rolefit scan --job - my-resume.pdf";

const SCAN_EXAMPLES: &str = "\
Examples:
  rolefit scan --job posting.txt resumes/
  rolefit scan --job - --top 5 resumes/          (paste the posting, then Ctrl-D)
  rolefit scan --job posting.txt --explain my-resume.pdf
  rolefit scan --job posting.txt --format html resumes/ > report.html
  rolefit scan --resume my-resume.pdf postings/";

#[derive(Debug, Args)]
#[command(after_help = SCAN_EXAMPLES)]
pub struct ScanArgs {
    /// Score each document as a resume against this job posting's requirements; `-` reads the
    /// posting from standard input (paste the posting, then Ctrl-D).
    #[arg(long, value_name = "FILE", conflicts_with = "resume")]
    pub job: Option<PathBuf>,
    /// Score this resume against each document, read as a job posting; `-` reads it from
    /// standard input.
    #[arg(long, value_name = "FILE")]
    pub resume: Option<PathBuf>,
    /// Print only the N best-scoring documents (implies --sort score; holds N records).
    #[arg(long, value_name = "N", value_parser = parse_top)]
    pub top: Option<usize>,
    #[command(flatten)]
    pub common: CommonArgs,
    /// Score against this role of the taxonomy [default: its first role]; with --job or
    /// --resume, the role whose titles, levels and groups read the posting.
    #[arg(long, value_name = "ID")]
    pub role: Option<String>,
    /// Read each document as this kind [default: guessed per document; resumes with --job].
    #[arg(long, value_enum, value_name = "KIND", conflicts_with = "resume")]
    pub kind: Option<KindArg>,
    /// The table: show the score of every group. Machine formats: write the full report (every
    /// concept with its evidence, groups, gaps, years, level reasons), not the compact record.
    #[arg(long)]
    pub explain: bool,
    /// Order the output: `score` puts the best fit first (each printed record is held until the
    /// batch ends).
    #[arg(long, value_enum, value_name = "KEY")]
    pub sort: Option<SortKey>,
    /// Exit 1 when any document scores below SCORE (0-100).
    #[arg(long, value_name = "SCORE", value_parser = parse_score)]
    pub fail_under: Option<f64>,
    /// The month "Present" in dated roles means, as YYYY-MM [default: the current month], for
    /// scores that can be reproduced later.
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
    pub as_of: Option<(i32, u32)>,
}

fn parse_month(s: &str) -> Result<(i32, u32), rolefit::scoring::ParseMonthError> {
    let month: rolefit::scoring::YearMonth = s.parse()?;
    Ok((month.year, month.month))
}

fn parse_top(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!(
            "'{s}' is not a count: --top takes a whole number of documents, 1 or more"
        )),
    }
}

fn parse_score(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if (0.0..=100.0).contains(&x) => Ok(x),
        _ => Err(format!(
            "'{s}' is not a score: --fail-under takes a number from 0 to 100, like 60"
        )),
    }
}

/// What the documents are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// Candidates' resumes or CVs.
    Resume,
    /// Job postings or job descriptions.
    Posting,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SortKey {
    /// Highest score first; ties keep input order.
    Score,
}

#[derive(Debug, Args)]
pub struct TaxonomyArgs {
    /// The taxonomy to check: JSON, or a plain text file with one term per line.
    #[arg(long, value_name = "FILE")]
    pub taxonomy: Option<PathBuf>,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

#[cfg(feature = "serve")]
const SERVE_EXAMPLES: &str = "\
Examples:
  rolefit serve --addr 127.0.0.1:8080
  curl -s localhost:8080/v1/scan -H 'Content-Type: application/json' -d '{\"id\": \"a\", \"text\": \"ITIL\"}'
  curl -s localhost:8080/v1/scan -H 'Content-Type: application/pdf' --data-binary @resume.pdf";

#[derive(Debug, Args)]
#[command(after_help = SERVE_EXAMPLES)]
#[cfg(feature = "serve")]
pub struct ServeArgs {
    /// The address to listen on; port 0 picks a free port (the address is printed on standard
    /// error).
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// The largest request body, in bytes; K, M and G suffixes allowed.
    #[arg(long, value_name = "SIZE", default_value = "10M", value_parser = parse_size)]
    pub max_body: u64,
    /// The most seconds one request may take (reading, waiting for a worker, working).
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: u64,
    /// Requests matched and scored at once [default: one per core].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub concurrency: Option<u64>,
    /// Use this taxonomy instead of the embedded Desktop Technician one: JSON, or a plain text
    /// file with one term per line.
    #[arg(long, value_name = "FILE")]
    pub taxonomy: Option<PathBuf>,
    /// Score against this role of the taxonomy when a request names none [default: its first
    /// role].
    #[arg(long, value_name = "ID")]
    pub role: Option<String>,
    /// The access log on standard error: one line of text, or one JSON object, per request.
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "text")]
    pub log_format: LogFormat,
}

/// How the access log is written.
#[cfg(feature = "serve")]
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One line of `key=value` fields per request.
    Text,
    /// One JSON object per request.
    Json,
}

#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Output format [default: table on a terminal, jsonl otherwise].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,
    /// Colour in the table: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, value_name = "WHEN", default_value = "auto")]
    pub color: ColorArg,
    /// Files or folders to read; `-` or nothing reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Use this taxonomy instead of the embedded Desktop Technician one: JSON, or a plain text
    /// file with one term per line.
    #[arg(help_heading = "More options", long, value_name = "FILE")]
    pub taxonomy: Option<PathBuf>,
    /// Match terms only as written: no generated spelling variants (Wi-Fi = Wi Fi = WiFi).
    #[arg(help_heading = "More options", long)]
    pub exact: bool,
    /// Read every input as JSON Lines of {"id", "text"} records (other fields are ignored).
    #[arg(help_heading = "More options", long)]
    pub jsonl: bool,
    /// Only these top-level fields, in this order (jsonl, json and csv), comma-separated:
    /// `--fields id,score,missing_essential`.
    #[arg(
        help_heading = "More options",
        long,
        value_name = "A,B,C",
        value_delimiter = ','
    )]
    pub fields: Vec<String>,
    /// Worker threads [default: one per core; at most 4 per core].
    #[arg(help_heading = "More options", short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// Only read files, met while walking folders, whose path matches this glob (`!` excludes);
    /// repeatable.
    #[arg(help_heading = "More options", long, value_name = "GLOB")]
    pub glob: Vec<String>,
    /// Follow symbolic links while walking folders.
    #[arg(help_heading = "More options", short = 'L', long)]
    pub follow: bool,
    /// The largest input read, in bytes; K, M and G suffixes allowed.
    #[arg(
        help_heading = "More options",
        long,
        value_name = "SIZE",
        default_value = "64M",
        value_parser = parse_size
    )]
    pub max_size: u64,
    /// Match and score text the document hides from a reader (white on white, invisible, tiny,
    /// off the page, marked hidden). Without it, hidden text is reported in `hidden_text` and
    /// earns nothing.
    #[arg(help_heading = "More options", long)]
    pub include_hidden: bool,
    /// Exit 0 even when some inputs could not be read (they still get error records). For
    /// distributed engines (Spark, Hadoop Streaming) that fail a task on any non-zero exit.
    #[arg(help_heading = "More options", long)]
    pub errors_ok: bool,
    /// Do not print the summary and error messages on standard error.
    #[arg(help_heading = "More options", short, long)]
    pub quiet: bool,
}

/// When to colour the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Aligned text for people.
    Table,
    /// One self-contained HTML report (scan): scores, gaps and the text with the evidence
    /// marked.
    Html,
    /// One JSON array.
    Json,
    /// One JSON record per line, one line per input document.
    Jsonl,
    /// A header row, then one row per document, for spreadsheets.
    Csv,
    /// `id<TAB>number of matches` (extract) or `id<TAB>score` (scan) per document.
    Counts,
}

fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (digits, mult) = match s.char_indices().last() {
        Some((i, 'k' | 'K')) => (&s[..i], 1u64 << 10),
        Some((i, 'm' | 'M')) => (&s[..i], 1 << 20),
        Some((i, 'g' | 'G')) => (&s[..i], 1 << 30),
        _ => (s, 1),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .filter(|&n| n > 0)
        .ok_or_else(|| {
            format!("'{s}' is not a size: write a whole number of bytes, like 500K, 64M or 1G")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("12Q").is_err());
        assert!(parse_size("0").is_err());
    }

    #[test]
    fn scores_and_counts_are_checked() {
        assert_eq!(parse_score("60"), Ok(60.0));
        assert_eq!(parse_score("100"), Ok(100.0));
        for bad in ["NaN", "inf", "-1", "120", "sixty"] {
            assert!(parse_score(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_top("3"), Ok(3));
        assert!(parse_top("0").is_err());
        assert!(parse_top("-2").is_err());
    }
}
