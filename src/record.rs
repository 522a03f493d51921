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
    /// Why: `corrupt`, `unsupported`, `too-large`, `invalid-record`, `io-error`, ...
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
