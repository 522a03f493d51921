//! Text a document holds but a person reading it would not see: white text on a white page,
//! invisible or microscopic glyphs, text drawn off the page, runs marked hidden. Candidates use
//! it to stuff keywords past a recruiter, so the readers keep it out of the text by default
//! and report it here; [`super::Limits::include_hidden`] puts it back.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How a piece of text was hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Concealment {
    /// White text where nothing but the white page is under it (PDF), or white text in a DOCX
    /// run with no shading behind it.
    White,
    /// PDF text drawn with render mode 3 or 7: no ink at all.
    Invisible,
    /// Text too small to read: under 1 point (PDF), or a 1-point DOCX run.
    Tiny,
    /// PDF text drawn outside the page's media box.
    OffPage,
    /// A DOCX run marked hidden (`w:vanish`).
    Vanish,
    /// HTML hidden by `display: none`, `visibility: hidden`, the `hidden` attribute, or a zero
    /// size or font size.
    Undisplayed,
}

impl Concealment {
    /// The kebab-case name used in records (`"white"`, `"off-page"`, ...).
    ///
    /// ```
    /// assert_eq!(rolefit::document::Concealment::OffPage.as_str(), "off-page");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Concealment::White => "white",
            Concealment::Invisible => "invisible",
            Concealment::Tiny => "tiny",
            Concealment::OffPage => "off-page",
            Concealment::Vanish => "vanish",
            Concealment::Undisplayed => "undisplayed",
        }
    }
}

impl fmt::Display for Concealment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One stretch of hidden text: consecutive hidden text of the same kind on the same page is one
/// run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HiddenRun {
    /// How it was hidden.
    pub how: Concealment,
    /// The 1-based page of a PDF; `None` for formats without pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// How many characters (not counting white space) the run holds.
    pub chars: usize,
    /// Its first characters, for a person to judge ([`HiddenText::EXCERPT`] at most).
    pub excerpt: String,
}

/// The hidden text of one document: how much, and where.
///
/// With the `documents` feature:
///
#[cfg_attr(feature = "documents", doc = "```")]
#[cfg_attr(not(feature = "documents"), doc = "```ignore")]
/// use rolefit::document::{read_bytes, Concealment, Limits};
/// let page = b"<html><body><p>Help desk</p><p style='display:none'>Kubernetes Terraform</p></body></html>";
/// let doc = read_bytes(page, None, &Limits::default()).unwrap();
/// assert_eq!(doc.text, "Help desk");
/// assert_eq!(doc.hidden.chars, 19);
/// assert_eq!(doc.hidden.runs[0].how, Concealment::Undisplayed);
///
/// let all = Limits { include_hidden: true, ..Limits::default() };
/// let doc = read_bytes(page, None, &all).unwrap();
/// assert_eq!(doc.text, "Help desk\nKubernetes Terraform");
/// assert_eq!(doc.hidden.chars, 19);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HiddenText {
    /// Characters of hidden text (not counting white space), all runs together, including the
    /// runs past [`HiddenText::MAX_RUNS`].
    pub chars: usize,
    /// The runs, in document order, the first [`HiddenText::MAX_RUNS`] of them.
    pub runs: Vec<HiddenRun>,
}

impl HiddenText {
    /// The most runs kept (their characters are all counted).
    pub const MAX_RUNS: usize = 32;
    /// The most characters of a run's excerpt.
    pub const EXCERPT: usize = 80;

    /// True when the document hides nothing.
    pub fn is_empty(&self) -> bool {
        self.chars == 0
    }

    /// Notes `text` as hidden by `how` (on `page`), joining it to the last run when that one is
    /// of the same kind and page.
    #[cfg(feature = "documents")]
    pub(crate) fn note(&mut self, how: Concealment, page: Option<usize>, text: &str) {
        let chars = text.chars().filter(|c| !c.is_whitespace()).count();
        if chars == 0 {
            return;
        }
        self.chars += chars;
        let excerpt_room =
            |run: &HiddenRun| Self::EXCERPT.saturating_sub(run.excerpt.chars().count());
        let runs = self.runs.len();
        match self.runs.last_mut() {
            Some(run) if run.how == how && run.page == page => {
                run.chars += chars;
                let room = excerpt_room(run);
                if room > 0 {
                    if !run.excerpt.ends_with(' ') {
                        run.excerpt.push(' ');
                    }
                    run.excerpt.extend(squeeze(text).take(room));
                }
            }
            _ if runs < Self::MAX_RUNS => self.runs.push(HiddenRun {
                how,
                page,
                chars,
                excerpt: squeeze(text).take(Self::EXCERPT).collect(),
            }),
            _ => {}
        }
    }
}

/// The characters of `text` with runs of white space as one space, trimmed.
#[cfg(feature = "documents")]
fn squeeze(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut space = true;
    text.trim().chars().filter_map(move |c| {
        if c.is_whitespace() {
            let first = !space;
            space = true;
            first.then_some(' ')
        } else {
            space = false;
            Some(c)
        }
    })
}

#[cfg(all(test, feature = "documents"))]
mod tests {
    use super::*;

    #[test]
    fn runs_join_and_are_capped() {
        let mut h = HiddenText::default();
        h.note(Concealment::White, Some(1), "Kubernetes  \n Terraform");
        h.note(Concealment::White, Some(1), "AWS");
        h.note(Concealment::White, Some(2), "GCP");
        h.note(Concealment::Tiny, Some(2), "   ");
        assert_eq!(h.chars, 25);
        assert_eq!(h.runs.len(), 2);
        assert_eq!(h.runs[0].excerpt, "Kubernetes Terraform AWS");
        assert_eq!(h.runs[0].chars, 22);
        for i in 0..100 {
            h.note(Concealment::Vanish, Some(i), "x".repeat(200).as_str());
        }
        assert_eq!(h.runs.len(), HiddenText::MAX_RUNS);
        assert_eq!(h.chars, 25 + 100 * 200);
        assert!(h
            .runs
            .iter()
            .all(|r| r.excerpt.chars().count() <= HiddenText::EXCERPT));
    }
}
