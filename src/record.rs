//! The records rolefit writes, one per input document: what was found, or why the document could
//! not be read. They serialise to the JSON that the CLI prints and parse back from it.

use serde::{Deserialize, Serialize};

use crate::matching::{Match, Matcher};
use crate::taxonomy::{ConceptId, Kind};

/// One concept found in a document, with its evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
pub struct ExtractRecord {
    /// The document id: a path, `-` for stdin, or a JSON Lines record's id.
    pub id: String,
    /// The detected format of the document.
    pub format: String,
    /// Always `ok` for a document that was read.
    pub status: String,
    /// Every concept found, in order of position.
    pub matches: Vec<MatchRecord>,
}

/// A document that could not be read or parsed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorRecord {
    /// The document id (for a JSON Lines record without a usable id, `FILE:LINE`).
    pub id: String,
    /// Why: `corrupt`, `unsupported`, `too-large`, `invalid-record`, `unreadable`, `encrypted`, `no-text-layer`, `skipped`, ...
    pub status: String,
    /// The detected format, where one was detected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// What went wrong, for people.
    pub error: String,
    /// For a JSON Lines record, its 1-based line number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
}

/// The concepts of one document for `scan`, with a quick score: distinct concepts weighted by
/// kind (certifications count most, soft skills least), saturating toward 100. The CLI replaces
/// `score` with the role-fit score of [`crate::scoring`] and adds its full report, which is where
/// every point is explained.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScanRecord {
    /// The document id.
    pub id: String,
    /// The detected format of the document.
    pub format: String,
    /// Always `ok` for a document that was read.
    pub status: String,
    /// The fit score, from 0 to 100.
    pub score: f64,
    /// The distinct concepts found, with how often and where first.
    pub concepts: Vec<ConceptHit>,
}

/// A concept found in a document, counted once however often it repeats.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
}

/// Where a concept was found: a span of the document and its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Byte offset of the start of the surface text in the document.
    pub start: usize,
    /// Byte offset of the end of the surface text in the document.
    pub end: usize,
    /// The surface text as it appears in the document.
    pub text: String,
}

impl ScanRecord {
    /// Scores a document from its matches.
    ///
    /// ```
    /// use rolefit::{record::ScanRecord, Matcher, Taxonomy};
    /// let m = Matcher::new(Taxonomy::embedded()).unwrap();
    /// let text = "CompTIA A+ certified. PowerShell, PowerShell, PowerShell.";
    /// let rec = ScanRecord::new(&m, "doc".into(), "text".into(), text, &m.extract(text));
    /// assert_eq!(rec.concepts.len(), 2);
    /// assert_eq!(rec.concepts[1].count, 3);
    /// assert!(rec.score > 0.0 && rec.score < 100.0);
    /// ```
    pub fn new(
        matcher: &Matcher,
        id: String,
        format: String,
        text: &str,
        matches: &[Match],
    ) -> ScanRecord {
        let mut concepts: Vec<ConceptHit> = Vec::new();
        // Concept index to its position in `concepts`, for the few concepts of one document.
        let mut seen: Vec<(usize, usize)> = Vec::new();
        for m in matches {
            match seen.iter().find(|&&(c, _)| c == m.concept_index()) {
                Some(&(_, i)) => concepts[i].count += 1,
                None => {
                    seen.push((m.concept_index(), concepts.len()));
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
                    });
                }
            }
        }
        let total: f64 = concepts.iter().map(|c| kind_weight(c.kind)).sum();
        let score = (100.0 * (1.0 - (-total / 15.0).exp()) * 10.0).round() / 10.0;
        ScanRecord {
            id,
            format,
            status: "ok".to_string(),
            score,
            concepts,
        }
    }
}

fn kind_weight(kind: Kind) -> f64 {
    match kind {
        Kind::Certification => 3.0,
        Kind::SoftSkill | Kind::Education => 0.5,
        _ => 1.0,
    }
}

impl crate::output::TableRow for ExtractRecord {
    fn write_table(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        writeln!(out, "{} ({} matches)", self.id, self.matches.len())?;
        for m in &self.matches {
            writeln!(
                out,
                "  {:>7}..{:<7} {:<32} {:<16} {:?}",
                m.start,
                m.end,
                m.concept.as_str(),
                m.kind.as_str(),
                m.text
            )?;
        }
        Ok(())
    }
}

impl crate::output::TableRow for ScanRecord {
    fn write_table(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let names: Vec<&str> = self.concepts.iter().map(|c| c.name.as_str()).collect();
        writeln!(
            out,
            "{:>5.1}  {}  ({} concepts: {})",
            self.score,
            self.id,
            names.len(),
            names.join(", ")
        )
    }
}

impl crate::output::TableRow for ErrorRecord {
    fn write_table(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        match self.line {
            Some(line) => writeln!(
                out,
                "error  {} (line {line}): {}: {}",
                self.id, self.status, self.error
            ),
            None => writeln!(out, "error  {}: {}: {}", self.id, self.status, self.error),
        }
    }
}
