//! One input in, one [`Record`] out: the per-document work of `extract` and `scan`, and [`run`],
//! which streams a batch through it in parallel and hands the printed records to any writer in
//! input order (or ranked). The CLI, batch jobs and embeddings all go through here; nothing in
//! this module prints.
//!
//! [`Pipeline::document`] needs no feature; [`Pipeline::record`] and [`read_text`] read
//! documents (the `documents` feature), and [`run`] prints them too (`documents` and `output`).
//!
//! ```
//! use rolefit::pipeline::{Pipeline, Workspace};
//! use rolefit::input::Document;
//! use rolefit::record::{Record, Status};
//! use rolefit::{Matcher, Taxonomy};
//!
//! let pipeline = Pipeline::extract(Matcher::new(Taxonomy::embedded()).unwrap());
//! let doc = Document::new("a", "PowerShell, ITIL");
//! let rec = pipeline.document(&doc, &mut Workspace::default());
//! assert_eq!(rec.status(), Status::Ok);
//! assert!(matches!(rec, Record::Extract(r) if r.matches.len() == 2));
//! ```

#[cfg(all(feature = "documents", feature = "output"))]
use std::cmp::{Ordering, Reverse};
#[cfg(all(feature = "documents", feature = "output"))]
use std::collections::{BTreeMap, BinaryHeap};
use std::fmt;
#[cfg(all(feature = "documents", feature = "output"))]
use std::io::{self, Write};
#[cfg(feature = "documents")]
use std::path::Path;

#[cfg(all(feature = "documents", feature = "output"))]
use crate::batch::{map_ordered, DEFAULT_CHUNK};
#[cfg(feature = "documents")]
use crate::document::Limits;
use crate::input::Document;
#[cfg(feature = "documents")]
use crate::input::{inputs, Input, InputOptions};
use crate::matching::{Match, Matcher, Scratch};
#[cfg(all(feature = "documents", feature = "output"))]
use crate::output::{Printer, Sink};
#[cfg(all(feature = "documents", feature = "output"))]
use crate::record::ErrorRecord;
use crate::record::{
    ConceptHit, Explained, ExtractRecord, MatchRecord, Polarity, Record, ScanDetail, ScanRecord,
    ScanSummary, Status,
};
use crate::scoring::profile::PreparedProfile;
use crate::scoring::score::ScoreSummary;
use crate::scoring::{Analysis, DocKind, Profile, ProfileError, ScoreReport, Scorer};
use crate::taxonomy::ConceptId;

/// How much a record carries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Detail {
    /// Only the number: the match count of an `extract` record (no record per match); `scan`
    /// records are compact.
    Count,
    /// Every match of an `extract` record; for `scan`, ids only: level, profile, taxonomy hash,
    /// matched, missing essential and negated concepts.
    #[default]
    Compact,
    /// `scan`: the full report, every concept with its first evidence, every group, gap and
    /// reason. `extract` records are as at [`Detail::Compact`].
    Explained,
    /// As [`Detail::Explained`], and `scan` records keep the text their evidence spans point
    /// into ([`Explained::text`], never serialised), for printers that show it (the HTML
    /// report). Scored against one resume, the spans point into the resume: no text is kept.
    Document,
}

/// What each document is scored against.
#[derive(Clone, Debug)]
pub enum Target {
    /// A fixed profile (a taxonomy role, or a job posting); documents are read as the given
    /// kind, or the kind is guessed from each document when `None`.
    Profile(Box<Profile>, Option<DocKind>),
    /// One resume: each document is a job posting whose requirements the resume is scored
    /// against, so that a pair gets the same score in both directions.
    Resume(Box<Analysis>),
}

impl Target {
    /// A role of the taxonomy (its first role when `id` is `None`); documents read as `kind`.
    pub fn role(scorer: &Scorer, id: Option<&str>, kind: Option<DocKind>) -> Result<Target, Error> {
        let profile = match id {
            Some(id) => scorer.role_profile(id)?,
            None => scorer.default_profile().ok_or_else(|| {
                Error::new("the taxonomy has no role to score against: add one under \"roles\", or give --job FILE")
            })?,
        };
        Ok(Target::Profile(Box::new(profile), kind))
    }

    /// The requirements of a job posting's text; documents are read as `kind` (resumes unless
    /// told otherwise).
    pub fn job(scorer: &Scorer, posting: &str, kind: Option<DocKind>) -> Target {
        Target::Profile(
            Box::new(scorer.posting_profile(posting)),
            Some(kind.unwrap_or(DocKind::Resume)),
        )
    }

    /// One resume's text, scored against each document read as a posting.
    pub fn resume(scorer: &Scorer, resume: &str) -> Target {
        Target::Resume(Box::new(scorer.analyze(resume, Some(DocKind::Resume))))
    }
}

/// A configuration error: a missing role, an unreadable `--job` file, ...
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    message: String,
}

impl Error {
    fn new(message: impl Into<String>) -> Error {
        Error {
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<ProfileError> for Error {
    fn from(e: ProfileError) -> Error {
        Error::new(e.to_string())
    }
}

/// Reads one named file (or `-`, standard input) as text with the usual readers and limits, for
/// the document a batch is scored against (`--job`, `--resume`).
///
/// ```
/// let err = rolefit::pipeline::read_text(std::path::Path::new("."), &Default::default());
/// assert!(err.unwrap_err().to_string().contains("is a folder"));
/// ```
#[cfg(feature = "documents")]
pub fn read_text(path: &Path, limits: &Limits) -> Result<String, Error> {
    if path.is_dir() {
        return Err(Error::new(format!(
            "{} is a folder: name one file (a posting or a resume)",
            path.display()
        )));
    }
    let options = InputOptions {
        limits: limits.clone(),
        ..InputOptions::default()
    };
    let input = inputs(&[path.to_path_buf()], &options)
        .next()
        .ok_or_else(|| Error::new(format!("{}: nothing to read", path.display())))?;
    input
        .load(limits)
        .map(|doc| doc.text)
        .map_err(|e| Error::new(format!("{}: {}: {}", path.display(), e.status, e.error)))
}

/// What a pipeline does to each document.
#[derive(Clone, Debug)]
enum Task {
    Extract,
    Scan(Box<Scan>),
}

#[derive(Clone, Debug)]
struct Scan {
    scorer: Scorer,
    target: Target,
    /// A fixed target's profile, prepared once for every document.
    prepared: Option<PreparedProfile>,
}

/// Turns inputs into records: reads each document within the limits, finds its concepts and,
/// for `scan`, scores it.
#[derive(Clone, Debug)]
pub struct Pipeline {
    matcher: Matcher,
    task: Task,
    detail: Detail,
    #[cfg(feature = "documents")]
    limits: Limits,
}

/// Buffers one worker reuses from document to document.
#[derive(Debug, Default)]
pub struct Workspace {
    scratch: Scratch,
    matches: Vec<Match>,
    /// Concept positions already listed, sorted (for a compact record's distinct concepts).
    seen: Vec<usize>,
    /// The length of the last record rendered (at most `RENDER_HINT_MAX`): the next one's
    /// buffer starts at about that size instead of growing to it step by step.
    #[cfg(all(feature = "documents", feature = "output"))]
    rendered: usize,
}

/// The most a record's buffer is sized ahead of rendering it: a huge record does not make
/// every later one reserve as much.
#[cfg(all(feature = "documents", feature = "output"))]
const RENDER_HINT_MAX: usize = 64 * 1024;

impl Pipeline {
    /// A pipeline that lists every concept found (`extract`).
    pub fn extract(matcher: Matcher) -> Pipeline {
        Pipeline {
            matcher,
            task: Task::Extract,
            detail: Detail::default(),
            #[cfg(feature = "documents")]
            limits: Limits::default(),
        }
    }

    /// A pipeline that scores each document against `target` with `scorer` (`scan`).
    pub fn scan(scorer: Scorer, target: Target) -> Pipeline {
        let prepared = match &target {
            Target::Profile(profile, _) => Some(scorer.prepare(Profile::clone(profile))),
            Target::Resume(_) => None,
        };
        Pipeline {
            matcher: scorer.matcher().clone(),
            task: Task::Scan(Box::new(Scan {
                scorer,
                target,
                prepared,
            })),
            detail: Detail::default(),
            #[cfg(feature = "documents")]
            limits: Limits::default(),
        }
    }

    /// Sets how much each record carries.
    pub fn detail(&mut self, detail: Detail) -> &mut Pipeline {
        self.detail = detail;
        self
    }

    /// The taxonomy the pipeline matches.
    pub fn taxonomy(&self) -> &crate::taxonomy::Taxonomy {
        self.matcher.taxonomy()
    }

    /// Sets the limits documents are read within.
    #[cfg(feature = "documents")]
    pub fn limits(&mut self, limits: Limits) -> &mut Pipeline {
        self.limits = limits;
        self
    }

    /// Reads one input and turns it into its record: never fails, an input that cannot be read
    /// becomes an error record.
    #[cfg(feature = "documents")]
    pub fn record(&self, input: Input, work: &mut Workspace) -> Record {
        match input.load(&self.limits) {
            Ok(doc) => self.document(&doc, work),
            Err(e) => Record::Error(e),
        }
    }

    /// The record of a document already read.
    pub fn document(&self, doc: &Document, work: &mut Workspace) -> Record {
        let matches = &mut work.matches;
        self.matcher
            .extract_into(&doc.text, &mut work.scratch, matches);
        match &self.task {
            Task::Extract => Record::Extract(ExtractRecord {
                id: doc.id.clone(),
                format: doc.format.clone(),
                status: Status::Ok,
                matches: match self.detail {
                    Detail::Count => Vec::new(),
                    _ => matches
                        .iter()
                        .map(|m| MatchRecord::new(&self.matcher, &doc.text, m))
                        .collect(),
                },
                count: (self.detail == Detail::Count).then_some(matches.len()),
                hidden_text: hidden(doc),
            }),
            Task::Scan(scan) => {
                let (score, detail) = match self.detail {
                    Detail::Explained | Detail::Document => {
                        let fit = scan.report(&doc.text, matches);
                        let mut concepts = ConceptHit::collect(&self.matcher, &doc.text, matches);
                        for c in &mut concepts {
                            c.polarity = Polarity::of(&fit, &c.concept);
                        }
                        let text = (self.detail == Detail::Document
                            && matches!(scan.target, Target::Profile(..)))
                        .then(|| doc.text.clone());
                        let score = fit.score;
                        let explained = Explained {
                            concepts,
                            fit,
                            text,
                        };
                        (score, ScanDetail::Explained(Box::new(explained)))
                    }
                    // Ids only: no evidence, gaps or reasons are worked out for it.
                    Detail::Count | Detail::Compact => {
                        let summary = scan.summary(&doc.text, matches);
                        let matched = distinct(&self.matcher, matches, &mut work.seen);
                        (
                            summary.score,
                            ScanDetail::Compact(ScanSummary::of(summary, matched)),
                        )
                    }
                };
                Record::Scan(ScanRecord {
                    id: doc.id.clone(),
                    format: doc.format.clone(),
                    status: Status::Ok,
                    score,
                    hidden_text: hidden(doc),
                    detail,
                })
            }
        }
    }
}

/// The document's hidden text, for its record: `None` when it hides nothing.
fn hidden(doc: &Document) -> Option<crate::document::HiddenText> {
    (!doc.hidden.is_empty()).then(|| doc.hidden.clone())
}

/// The distinct concepts of `matches` by id, in order of first appearance; `seen` is a buffer.
fn distinct(matcher: &Matcher, matches: &[Match], seen: &mut Vec<usize>) -> Vec<ConceptId> {
    seen.clear();
    let mut ids = Vec::with_capacity(matches.len());
    ids.extend(
        matches
            .iter()
            .filter(|m| match seen.binary_search(&m.concept_index()) {
                Ok(_) => false,
                Err(at) => {
                    seen.insert(at, m.concept_index());
                    true
                }
            })
            .map(|m| matcher.concept(m).id.clone()),
    );
    ids
}

impl Scan {
    /// The full report of one document.
    fn report(&self, text: &str, matches: &[Match]) -> ScoreReport {
        self.with(text, matches, |profile, document| {
            self.scorer.score_prepared(profile, document)
        })
    }

    /// The score and the ids of a compact record, without the report's evidence and gaps.
    fn summary(&self, text: &str, matches: &[Match]) -> ScoreSummary {
        self.with(text, matches, |profile, document| {
            self.scorer.summarize(profile, document)
        })
    }

    /// Runs `f` with the prepared profile and the analysed document to score against it.
    fn with<T>(
        &self,
        text: &str,
        matches: &[Match],
        f: impl FnOnce(&PreparedProfile, &Analysis) -> T,
    ) -> T {
        let scorer = &self.scorer;
        match &self.target {
            Target::Profile(_, kind) => {
                let profile = (self.prepared.as_ref())
                    .expect("Pipeline::scan prepares the profile of a profile target");
                f(profile, &scorer.analyze_matches(text, matches, *kind))
            }
            Target::Resume(resume) => {
                let posting = scorer.analyze_matches(text, matches, Some(DocKind::Posting));
                f(&scorer.prepare(scorer.posting_profile_of(&posting)), resume)
            }
        }
    }
}

/// How [`run`] orders its output.
#[cfg(all(feature = "documents", feature = "output"))]
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Best score first (ties and errors keep input order; errors come last). Holds each
    /// printed record until the batch ends.
    pub sort: bool,
    /// Print only the N best-scoring documents (and every error record); implies `sort`. Holds
    /// at most N printed records.
    pub top: Option<usize>,
    /// Count documents that score below this.
    pub fail_under: Option<f64>,
    /// Inputs read and processed at a time.
    pub chunk: usize,
}

/// What a [`run`] saw.
#[cfg(all(feature = "documents", feature = "output"))]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records written, by status.
    pub statuses: BTreeMap<Status, usize>,
    /// Documents scored below [`RunOptions::fail_under`].
    pub below: usize,
}

#[cfg(all(feature = "documents", feature = "output"))]
impl Summary {
    /// Every input seen.
    pub fn total(&self) -> usize {
        self.statuses.values().sum()
    }

    /// Inputs that failed ([`Status::is_failure`]).
    pub fn failed(&self) -> usize {
        self.statuses
            .iter()
            .filter(|(s, _)| s.is_failure())
            .map(|(_, n)| n)
            .sum()
    }
}

/// One processed input: its printed bytes and what ranking and counting need.
#[cfg(all(feature = "documents", feature = "output"))]
struct Done {
    status: Status,
    score: Option<f64>,
    error: Option<ErrorRecord>,
    bytes: Vec<u8>,
}

/// A scored record held for ranking: the better one compares greater; on equal scores the
/// earlier input is better.
#[cfg(all(feature = "documents", feature = "output"))]
struct Ranked {
    score: f64,
    seq: usize,
    bytes: Vec<u8>,
}

#[cfg(all(feature = "documents", feature = "output"))]
impl PartialEq for Ranked {
    fn eq(&self, other: &Ranked) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

#[cfg(all(feature = "documents", feature = "output"))]
impl Eq for Ranked {}

#[cfg(all(feature = "documents", feature = "output"))]
impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Ranked) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(all(feature = "documents", feature = "output"))]
impl Ord for Ranked {
    fn cmp(&self, other: &Ranked) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then_with(|| other.seq.cmp(&self.seq))
    }
}

/// Records held for `--sort` / `--top`: the scored ones (all, or a heap of the best N whose
/// top is the worst kept), and error records in input order.
#[cfg(all(feature = "documents", feature = "output"))]
struct Ranking {
    top: Option<usize>,
    heap: BinaryHeap<Reverse<Ranked>>,
    errors: Vec<Vec<u8>>,
}

#[cfg(all(feature = "documents", feature = "output"))]
impl Ranking {
    fn push(&mut self, seq: usize, done: Done) {
        // Held until the batch ends: without the slack its buffer was sized with.
        let mut bytes = done.bytes;
        bytes.shrink_to_fit();
        let Some(score) = done.score else {
            self.errors.push(bytes);
            return;
        };
        self.heap.push(Reverse(Ranked { score, seq, bytes }));
        if self.top.is_some_and(|n| self.heap.len() > n) {
            self.heap.pop();
        }
    }

    fn write(self, sink: &mut Sink<'_>, out: &mut dyn Write) -> io::Result<()> {
        // Ascending order of `Reverse` is best first.
        for Reverse(r) in self.heap.into_sorted_vec() {
            sink.write(out, &r.bytes)?;
        }
        for e in self.errors {
            sink.write(out, &e)?;
        }
        Ok(())
    }
}

/// Runs `pipeline` over `inputs` in parallel and writes each record with `printer` to `out`, in
/// input order unless `options` ranks them. `on_error` sees each error record as it comes (the
/// CLI reports them on standard error). Stops at the first write error and returns it.
///
/// ```
/// use rolefit::input::{inputs, InputOptions};
/// use rolefit::output::{printer, OutputFormat, PrintOptions};
/// use rolefit::pipeline::{run, Pipeline, RunOptions};
/// use rolefit::record::Status;
/// use rolefit::{Matcher, Taxonomy};
///
/// let pipeline = Pipeline::extract(Matcher::new(Taxonomy::embedded()).unwrap());
/// let found = inputs(&["no-such-file.txt".into()], &InputOptions::default());
/// let printer = printer(OutputFormat::Counts, &PrintOptions::default());
/// let mut out = Vec::new();
/// let mut errors = 0;
/// let summary = run(&pipeline, found, &*printer, &mut out, &RunOptions::default(), |_| errors += 1)
///     .unwrap();
/// assert_eq!((summary.failed(), errors), (1, 1));
/// assert_eq!(summary.statuses[&Status::Unreadable], 1);
/// assert_eq!(String::from_utf8(out).unwrap(), "no-such-file.txt\terror\tunreadable\n");
/// ```
#[cfg(all(feature = "documents", feature = "output"))]
pub fn run(
    pipeline: &Pipeline,
    inputs: impl IntoIterator<Item = Input, IntoIter: Send>,
    printer: &dyn Printer,
    out: &mut dyn Write,
    options: &RunOptions,
    mut on_error: impl FnMut(&ErrorRecord),
) -> io::Result<Summary> {
    let mut summary = Summary::default();
    let mut sink = Sink::new(printer);
    let mut ranking = (options.sort || options.top.is_some()).then(|| Ranking {
        top: options.top,
        heap: BinaryHeap::new(),
        errors: Vec::new(),
    });
    let chunk = if options.chunk == 0 {
        DEFAULT_CHUNK
    } else {
        options.chunk
    };
    let work = |work: &mut Workspace, input: Input| -> io::Result<Done> {
        let record = pipeline.record(input, work);
        let mut bytes = Vec::with_capacity(work.rendered + work.rendered / 8);
        printer.record_into(&record, &mut bytes)?;
        work.rendered = bytes.len().min(RENDER_HINT_MAX);
        Ok(Done {
            status: record.status(),
            score: record.score(),
            error: match record {
                Record::Error(e) => Some(e),
                _ => None,
            },
            bytes,
        })
    };
    let mut seq = 0usize;
    map_ordered(inputs, chunk, Workspace::default, work, |done| {
        let done = done?;
        *summary.statuses.entry(done.status).or_insert(0) += 1;
        if let Some(e) = &done.error {
            on_error(e);
        }
        if let (Some(min), Some(score)) = (options.fail_under, done.score) {
            summary.below += usize::from(score < min);
        }
        seq += 1;
        match ranking.as_mut() {
            Some(r) => {
                r.push(seq, done);
                Ok(())
            }
            None => sink.write(out, &done.bytes),
        }
    })?;
    if let Some(r) = ranking {
        r.write(&mut sink, out)?;
    }
    sink.finish(out)?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(all(feature = "documents", feature = "output"))]
    use crate::output::{printer, OutputFormat, PrintOptions};

    /// Ranks (score or error) entries and returns the printed order.
    #[cfg(all(feature = "documents", feature = "output"))]
    fn ranked(top: Option<usize>, scores: &[Option<f64>]) -> Vec<String> {
        let mut ranking = Ranking {
            top,
            heap: BinaryHeap::new(),
            errors: Vec::new(),
        };
        for (seq, score) in scores.iter().enumerate() {
            let bytes = format!("{seq}:{score:?}\n").into_bytes();
            let status = if score.is_some() {
                Status::Ok
            } else {
                Status::Corrupt
            };
            let done = Done {
                status,
                score: *score,
                error: None,
                bytes,
            };
            ranking.push(seq, done);
        }
        let p = printer(OutputFormat::Jsonl, &PrintOptions::default());
        let mut out = Vec::new();
        ranking.write(&mut Sink::new(&*p), &mut out).unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(String::from)
            .collect()
    }

    #[test]
    fn public_types_are_send_and_sync() {
        fn both<T: Send + Sync>() {}
        both::<Pipeline>();
        both::<Record>();
        #[cfg(all(feature = "documents", feature = "output"))]
        both::<(Summary, Box<dyn crate::output::Printer>)>();
    }

    #[test]
    fn a_document_becomes_one_record_at_each_detail() {
        let scorer = Scorer::new(crate::Taxonomy::embedded()).unwrap();
        let target = Target::role(&scorer, None, Some(DocKind::Resume)).unwrap();
        let mut pipeline = Pipeline::scan(scorer, target);
        let doc = Document {
            id: "r".into(),
            format: "text".into(),
            text: "Skills\nActive Directory, ServiceNow. No experience with Linux.\n".into(),
            hidden: Default::default(),
        };
        let work = &mut Workspace::default();
        let Record::Scan(explained) = pipeline.detail(Detail::Explained).document(&doc, work)
        else {
            panic!("not a scan record")
        };
        let Record::Scan(compact) = pipeline.detail(Detail::Compact).document(&doc, work) else {
            panic!("not a scan record")
        };
        // The compact record is the explained one with its report summarised.
        assert_eq!(explained.clone().compact(), compact);
        let ScanDetail::Compact(summary) = &compact.detail else {
            panic!("not compact")
        };
        assert!(summary.negated.iter().any(|c| *c == "linux"));
        assert!(summary.matched.iter().any(|c| *c == "active-directory"));

        let mut extract = Pipeline::extract(pipeline.matcher.clone());
        let full = extract.document(&doc, work);
        let Record::Extract(counted) = extract.detail(Detail::Count).document(&doc, work) else {
            panic!("not an extract record")
        };
        let Record::Extract(full) = full else {
            panic!("not an extract record")
        };
        assert!(counted.matches.is_empty());
        assert_eq!(counted.match_count(), full.matches.len());
        assert_eq!(full.match_count(), full.matches.len());
    }

    #[test]
    #[cfg(all(feature = "documents", feature = "output"))]
    fn sort_puts_the_best_first_ties_in_input_order_errors_last() {
        let scores = [Some(10.0), None, Some(50.0), Some(10.0), Some(50.0), None];
        assert_eq!(
            ranked(None, &scores),
            [
                "2:Some(50.0)",
                "4:Some(50.0)",
                "0:Some(10.0)",
                "3:Some(10.0)",
                "1:None",
                "5:None"
            ]
        );
    }

    #[test]
    #[cfg(all(feature = "documents", feature = "output"))]
    fn top_keeps_the_best_n_as_a_full_sort_would() {
        let scores: Vec<Option<f64>> = (0..200)
            .map(|i| (i % 7 != 3).then_some(f64::from((i * 37) % 23)))
            .collect();
        let all = ranked(None, &scores);
        let scored = scores.iter().filter(|s| s.is_some()).count();
        for n in [1, 2, 5, 50, scored, scored + 10] {
            let top = ranked(Some(n), &scores);
            let expected: Vec<&String> =
                all[..n.min(scored)].iter().chain(&all[scored..]).collect();
            assert_eq!(top.iter().collect::<Vec<_>>(), expected, "top {n}");
        }
    }
}
