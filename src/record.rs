//! The records rolefit writes, one per input document: what was found, or why the document could
//! not be read. [`Record`] is the one type every printer takes; it serialises to the JSON the CLI
//! prints and parses back from it, whatever the format, status or detail level.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::document::{self, HiddenText};
use crate::matching::{Match, Matcher};
use crate::scoring::score::ScoreSummary;
use crate::scoring::{ProfileSource, ScoreReport};
use crate::taxonomy::{ConceptId, Kind};

/// One record per input document.
///
/// The JSON has no tag: a record with an `error` field is an [`ErrorRecord`], one with `matches`
/// an [`ExtractRecord`], one with `score` a [`ScanRecord`]. Parsing tries them in that order.
///
/// ```
/// use rolefit::record::{Record, Status};
/// let line = r#"{"id":"a.pdf","status":"encrypted","format":"pdf","error":"password"}"#;
/// let rec: Record = serde_json::from_str(line).unwrap();
/// assert_eq!((rec.id(), rec.status()), ("a.pdf", Status::Encrypted));
/// assert_eq!(serde_json::to_string(&rec).unwrap(), line);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Record {
    /// A document that could not be read, or was passed over.
    Error(ErrorRecord),
    /// The concepts found in a document (`extract`).
    Extract(ExtractRecord),
    /// A document's fit score (`scan`).
    Scan(ScanRecord),
}

impl Record {
    /// The document id: a path, `-` for standard input, or a JSON Lines record's id.
    pub fn id(&self) -> &str {
        match self {
            Record::Error(r) => &r.id,
            Record::Extract(r) => &r.id,
            Record::Scan(r) => &r.id,
        }
    }

    /// [`Status::Ok`] for a document that was read, otherwise why not.
    pub fn status(&self) -> Status {
        match self {
            Record::Error(r) => r.status,
            Record::Extract(r) => r.status,
            Record::Scan(r) => r.status,
        }
    }

    /// The fit score of a `scan` record.
    pub fn score(&self) -> Option<f64> {
        match self {
            Record::Scan(r) => Some(r.score),
            _ => None,
        }
    }

    /// The error, for a document that could not be read.
    pub fn error(&self) -> Option<&ErrorRecord> {
        match self {
            Record::Error(e) => Some(e),
            _ => None,
        }
    }
}

impl From<ErrorRecord> for Record {
    fn from(r: ErrorRecord) -> Record {
        Record::Error(r)
    }
}

impl From<ExtractRecord> for Record {
    fn from(r: ExtractRecord) -> Record {
        Record::Extract(r)
    }
}

impl From<ScanRecord> for Record {
    fn from(r: ScanRecord) -> Record {
        Record::Scan(r)
    }
}

/// What happened to one input: every status a record can carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Status {
    /// The document was read (and scored, for `scan`).
    Ok,
    /// The document is password-protected.
    Encrypted,
    /// A PDF whose pages hold (almost) no text: a scan that needs OCR first.
    NoTextLayer,
    /// The content is in no format rolefit reads.
    Unsupported,
    /// The input, its decompressed content, its page count or its text is over a limit.
    TooLarge,
    /// The reader failed on damaged content.
    Corrupt,
    /// A binary file met while walking a folder, passed over without reading. Not a failure.
    Skipped,
    /// The file could not be opened or read (missing, permissions, ...).
    Unreadable,
    /// A JSON Lines record that is not an object with an `id` and a `text` string.
    InvalidRecord,
    /// A `--glob` pattern that does not parse.
    InvalidGlob,
}

impl Status {
    /// Every status, in declaration order.
    pub const ALL: [Status; 10] = [
        Status::Ok,
        Status::Encrypted,
        Status::NoTextLayer,
        Status::Unsupported,
        Status::TooLarge,
        Status::Corrupt,
        Status::Skipped,
        Status::Unreadable,
        Status::InvalidRecord,
        Status::InvalidGlob,
    ];

    /// The kebab-case name written in records (`"ok"`, `"invalid-record"`, ...).
    ///
    /// ```
    /// assert_eq!(rolefit::record::Status::InvalidGlob.as_str(), "invalid-glob");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Encrypted => "encrypted",
            Status::NoTextLayer => "no-text-layer",
            Status::Unsupported => "unsupported",
            Status::TooLarge => "too-large",
            Status::Corrupt => "corrupt",
            Status::Skipped => "skipped",
            Status::Unreadable => "unreadable",
            Status::InvalidRecord => "invalid-record",
            Status::InvalidGlob => "invalid-glob",
        }
    }

    /// True when the input failed: neither read nor deliberately passed over. The CLI exits 2
    /// when any input failed (unless `--errors-ok`).
    pub fn is_failure(self) -> bool {
        !matches!(self, Status::Ok | Status::Skipped)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<document::Status> for Status {
    fn from(s: document::Status) -> Status {
        match s {
            document::Status::Ok => Status::Ok,
            document::Status::Encrypted => Status::Encrypted,
            document::Status::NoTextLayer => Status::NoTextLayer,
            document::Status::Unsupported => Status::Unsupported,
            document::Status::TooLarge => Status::TooLarge,
            document::Status::Corrupt => Status::Corrupt,
            document::Status::Skipped => Status::Skipped,
            document::Status::Unreadable => Status::Unreadable,
        }
    }
}

/// One concept found in a document, with its evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MatchRecord {
    /// The concept's id.
    pub concept: ConceptId,
    /// The concept's canonical name.
    pub name: String,
    /// The concept's kind.
    pub kind: Kind,
    /// Byte offset of the start of the surface text in the document.
    pub start: usize,
    /// Byte offset of the end of the surface text in the document.
    pub end: usize,
    /// The surface text as it appears in the document.
    pub text: String,
}

impl MatchRecord {
    /// Describes a match found in `text` by `matcher`.
    pub fn new(matcher: &Matcher, text: &str, m: &Match) -> MatchRecord {
        let concept = matcher.concept(m);
        MatchRecord {
            concept: concept.id.clone(),
            name: concept.name.clone(),
            kind: concept.kind,
            start: m.start(),
            end: m.end(),
            text: text[m.span()].to_string(),
        }
    }
}

/// The result of `extract` for one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExtractRecord {
    /// The document id: a path, `-` for stdin, or a JSON Lines record's id.
    pub id: String,
    /// The detected format of the document.
    pub format: String,
    /// Always [`Status::Ok`] for a document that was read.
    pub status: Status,
    /// Every concept found, in order of position (empty when only `count` was asked for).
    pub matches: Vec<MatchRecord>,
    /// The number of matches, set instead of `matches` at [`Detail::Count`]: the counting path
    /// of keyword-counting pipelines, which would otherwise pay for a record per match.
    ///
    /// [`Detail::Count`]: crate::pipeline::Detail::Count
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
    /// Text the document hides from a reader (white on white, invisible, tiny, off the page,
    /// marked hidden): left out of the text that was matched and scored unless the reader was
    /// asked to keep it (`--include-hidden`). Absent when nothing is hidden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden_text: Option<HiddenText>,
}

impl ExtractRecord {
    /// The number of matches, at either detail.
    pub fn match_count(&self) -> usize {
        self.count.unwrap_or(self.matches.len())
    }
}

/// A document that could not be read or parsed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ErrorRecord {
    /// The document id (for a JSON Lines record without a usable id, `FILE:LINE`).
    pub id: String,
    /// Why: never [`Status::Ok`].
    pub status: Status,
    /// The detected format, where one was detected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// What went wrong, for people.
    pub error: String,
    /// For a JSON Lines record, its 1-based line number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
}

impl ErrorRecord {
    /// The record of a document that could not be read or processed, with no format or line:
    /// for a service or a batch job that reports its own failures (a download that failed, a
    /// timeout) among rolefit's records. Set [`ErrorRecord::format`] and [`ErrorRecord::line`]
    /// after, where they are known.
    ///
    /// ```
    /// use rolefit::record::{ErrorRecord, Record, Status};
    /// let rec = Record::from(ErrorRecord::new("cv-9.pdf", Status::TooLarge, "over 10 MB"));
    /// assert_eq!((rec.id(), rec.status()), ("cv-9.pdf", Status::TooLarge));
    /// assert_eq!(
    ///     serde_json::to_string(&rec).unwrap(),
    ///     r#"{"id":"cv-9.pdf","status":"too-large","error":"over 10 MB"}"#
    /// );
    /// ```
    pub fn new(id: impl Into<String>, status: Status, error: impl Into<String>) -> ErrorRecord {
        ErrorRecord {
            id: id.into(),
            status,
            format: None,
            error: error.into(),
            line: None,
        }
    }
}

/// The result of `scan` for one document: the fit score, and the evidence at the detail asked
/// for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScanRecord {
    /// The document id.
    pub id: String,
    /// The detected format of the document.
    pub format: String,
    /// Always [`Status::Ok`] for a document that was read.
    pub status: Status,
    /// The fit score, from 0 to 100.
    pub score: f64,
    /// Text the document hides from a reader (white on white, invisible, tiny, off the page,
    /// marked hidden): left out of the text that was matched and scored unless the reader was
    /// asked to keep it (`--include-hidden`). Absent when nothing is hidden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden_text: Option<HiddenText>,
    /// The evidence: a compact summary, or the full report.
    #[serde(flatten)]
    pub detail: ScanDetail,
}

/// How much of the score report a [`ScanRecord`] carries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ScanDetail {
    /// The full report (`--explain`): every concept found and every point explained.
    Explained(Box<Explained>),
    /// The compact summary, the default for machine formats: ids only, about 1 KB.
    Compact(ScanSummary),
}

/// The full evidence of a `scan` record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Explained {
    /// The distinct concepts found, with how often and where first.
    pub concepts: Vec<ConceptHit>,
    /// The whole score report: groups, gaps, years, level, adjustments.
    pub fit: ScoreReport,
    /// The document's text, which the evidence spans point into: kept only at
    /// [`Detail::Document`] for printers that show it, and never written in records.
    ///
    /// [`Detail::Document`]: crate::pipeline::Detail::Document
    #[serde(skip)]
    pub text: Option<String>,
}

/// The compact evidence of a `scan` record: what a data pipeline keeps per document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScanSummary {
    /// The career level a resume fits, by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// What the document was scored against.
    pub profile: ProfileSource,
    /// The taxonomy's content hash (`sha256:...`), so that the score can be reproduced.
    pub taxonomy: String,
    /// The distinct concepts found, by id, in order of first appearance; denied and
    /// in-progress concepts are not among them.
    pub matched: Vec<ConceptId>,
    /// Essential concepts of the profile not found, by id.
    pub missing_essential: Vec<ConceptId>,
    /// Concepts the document denies ("no experience with Linux") or works toward, by id.
    pub negated: Vec<ConceptId>,
    /// Of `negated`, the concepts the document works toward ("studying for Network+").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub in_progress: Vec<ConceptId>,
}

impl ScanSummary {
    /// The record's summary from a score's summary (what [`Scorer::summarize`] gives), with
    /// the distinct concepts found by id: equal to [`ScanSummary::new`] of the full report.
    ///
    /// [`Scorer::summarize`]: crate::scoring::Scorer::summarize
    pub fn of(summary: ScoreSummary, mut matched: Vec<ConceptId>) -> ScanSummary {
        matched.retain(|id| !summary.negated.contains(id));
        ScanSummary {
            level: summary.level,
            profile: summary.profile,
            taxonomy: summary.taxonomy.hash,
            matched,
            missing_essential: summary.missing_essential,
            negated: summary.negated,
            in_progress: summary.in_progress,
        }
    }

    /// The summary of a score report, with the distinct concepts found by id.
    pub fn new(fit: &ScoreReport, matched: Vec<ConceptId>) -> ScanSummary {
        ScanSummary::of(fit.summary(), matched)
    }
}

impl ScanRecord {
    /// The record with the compact summary in place of the full report.
    pub fn compact(self) -> ScanRecord {
        match self.detail {
            ScanDetail::Compact(_) => self,
            ScanDetail::Explained(ref e) => ScanRecord {
                detail: ScanDetail::Compact(ScanSummary::new(
                    &e.fit,
                    e.concepts.iter().map(|c| c.concept.clone()).collect(),
                )),
                ..self
            },
        }
    }

    /// Essential concepts not found, by id, at either detail.
    pub fn missing_essential(&self) -> &[ConceptId] {
        match &self.detail {
            ScanDetail::Explained(e) => &e.fit.missing_essential,
            ScanDetail::Compact(s) => &s.missing_essential,
        }
    }

    /// The career level's id, at either detail.
    pub fn level(&self) -> Option<&str> {
        match &self.detail {
            ScanDetail::Explained(e) => e.fit.level.as_ref().map(|l| l.level.as_str()),
            ScanDetail::Compact(s) => s.level.as_deref(),
        }
    }
}

/// A concept found in a document, counted once however often it repeats.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConceptHit {
    /// The concept's id.
    pub concept: ConceptId,
    /// The concept's canonical name.
    pub name: String,
    /// The concept's kind.
    pub kind: Kind,
    /// How many times it was found.
    pub count: usize,
    /// The first place it was found.
    pub first: Evidence,
    /// Whether the document shows the concept, denies it ("no experience with Linux") or works
    /// toward it ("studying for Network+"), as the score report reads it: a denied or
    /// in-progress concept is never counted as found. Absent for `found`.
    #[serde(default, skip_serializing_if = "Polarity::is_found")]
    pub polarity: Polarity,
}

/// How a document speaks of a concept it names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Polarity {
    /// Shown: the concept earns credit.
    #[default]
    Found,
    /// Denied or absent ("no experience with Linux", "Linux not required").
    Negated,
    /// Worked toward but not held ("studying for Network+").
    InProgress,
}

impl Polarity {
    /// True for [`Polarity::Found`].
    pub fn is_found(&self) -> bool {
        *self == Polarity::Found
    }

    /// How `report` reads the concept `id`.
    pub fn of(report: &ScoreReport, id: &ConceptId) -> Polarity {
        if report.in_progress.contains(id) {
            Polarity::InProgress
        } else if report.negated.contains(id) {
            Polarity::Negated
        } else {
            Polarity::Found
        }
    }
}

/// Where a concept was found: a span of the document and its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Evidence {
    /// Byte offset of the start of the surface text in the document.
    pub start: usize,
    /// Byte offset of the end of the surface text in the document.
    pub end: usize,
    /// The surface text as it appears in the document.
    pub text: String,
}

impl ConceptHit {
    /// The distinct concepts of `matches`, in order of first appearance, with counts.
    ///
    /// ```
    /// use rolefit::{record::ConceptHit, Matcher, Taxonomy};
    /// let m = Matcher::new(Taxonomy::embedded()).unwrap();
    /// let text = "CompTIA A+ certified. PowerShell, PowerShell, PowerShell.";
    /// let hits = ConceptHit::collect(&m, text, &m.extract(text));
    /// assert_eq!(hits.len(), 2);
    /// assert_eq!((hits[1].count, hits[1].first.text.as_str()), (3, "PowerShell"));
    /// ```
    pub fn collect(matcher: &Matcher, text: &str, matches: &[Match]) -> Vec<ConceptHit> {
        let mut concepts: Vec<ConceptHit> = Vec::new();
        // Concept index to its position in `concepts`, sorted by the former: a binary search
        // per match, not a walk over every concept seen so far.
        let mut seen: Vec<(usize, usize)> = Vec::new();
        for m in matches {
            match seen.binary_search_by_key(&m.concept_index(), |&(c, _)| c) {
                Ok(k) => concepts[seen[k].1].count += 1,
                Err(at) => {
                    seen.insert(at, (m.concept_index(), concepts.len()));
                    let concept = matcher.concept(m);
                    concepts.push(ConceptHit {
                        concept: concept.id.clone(),
                        name: concept.name.clone(),
                        kind: concept.kind,
                        count: 1,
                        first: Evidence {
                            start: m.start(),
                            end: m.end(),
                            text: text[m.span()].to_string(),
                        },
                        polarity: Polarity::Found,
                    });
                }
            }
        }
        concepts
    }
}
