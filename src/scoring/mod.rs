//! Scoring: how well a document fits a role profile, from 0 to 100, with every point traced to
//! the concepts and spans that earned it. A profile comes from a role in the taxonomy, from a job
//! posting's text or from a resume; a [`Scorer`] analyses documents (sections, polarity, years)
//! and scores them against a profile.
//!
//! ```
//! use rolefit::scoring::Scorer;
//! use rolefit::Taxonomy;
//!
//! let scorer = Scorer::new(Taxonomy::embedded()).unwrap();
//! let profile = scorer.default_profile().unwrap();
//! let resume = "Experience\nHelp Desk Technician, 2019 - Present\n\
//!               Resolved Windows 11 and Active Directory tickets in ServiceNow.\n";
//! let report = scorer.score_text(&profile, resume);
//! assert!(report.score > 0.0 && report.score <= 100.0);
//! // The groups' points are the coverage; the title and the focus on the role weigh on it.
//! let sum: f64 = report.groups.iter().map(|g| g.points).sum();
//! let fit = report.role_fit.as_ref().unwrap();
//! assert!((fit.coverage - sum).abs() < 0.1);
//! assert_eq!(fit.title_match, 1.0); // "Help Desk Technician" is one of the role's titles
//! ```

mod analysis;
mod cue_search;
mod fraction;
pub mod gaps;
pub mod levels;
mod pattern;
pub mod polarity;
pub mod profile;
pub mod requirements;
pub mod role_fit;
pub mod score;
pub mod sections;
mod walk;
pub mod years;

use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use crate::matching::{BuildError, Match, Matcher};
use crate::taxonomy::Taxonomy;

pub use self::analysis::{Analysis, Context, Experience, Mention, SkillYears};
pub use self::gaps::{Gap, GapKind};
pub use self::levels::LevelFit;
pub use self::polarity::Polarity;
pub use self::profile::{Profile, ProfileGroup, ProfileItem, ProfileSource};
pub use self::requirements::Requirement;
pub use self::role_fit::RoleFit;
pub use self::score::{Adjustment, Evidence, GroupScore, ScoreReport, SpanRef};
pub use self::sections::{DocKind, KindBasis, SectionKind};
pub use self::years::{ParseMonthError, YearMonth};

/// The taxonomy a result was computed with: name, version and content hash, so that a score can
/// be reproduced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TaxonomyStamp {
    /// The taxonomy's name.
    pub name: String,
    /// The taxonomy's version.
    pub version: String,
    /// The taxonomy's content hash (`sha256:...`).
    pub hash: String,
}

impl TaxonomyStamp {
    /// The stamp of `taxonomy`.
    pub fn of(taxonomy: &Taxonomy) -> TaxonomyStamp {
        TaxonomyStamp {
            name: taxonomy.name().to_string(),
            version: taxonomy.version().to_string(),
            hash: taxonomy.hash().to_string(),
        }
    }
}

/// Why a profile could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileError {
    message: String,
}

impl std::fmt::Display for ProfileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ProfileError {}

/// Analyses documents and scores them against profiles. Holds a compiled [`Matcher`]; cheap to
/// share between threads.
#[derive(Clone, Debug)]
pub struct Scorer {
    matcher: Matcher,
    as_of: YearMonth,
    /// The role that postings and resumes are read against (their groups, levels and titles),
    /// by index into the taxonomy's roles; the first role unless [`Scorer::role`] chose another.
    role: usize,
    /// The cue search with the chosen role's level cues, filed on first use.
    cues: OnceLock<Arc<sections::Cues>>,
}

impl Scorer {
    /// A scorer for `taxonomy`, compiling its matcher. "Present" in dated roles means the
    /// current month; fix it with [`Scorer::as_of`] for reproducible results.
    pub fn new(taxonomy: &Taxonomy) -> Result<Scorer, BuildError> {
        Ok(Scorer::with_matcher(Matcher::new(taxonomy)?))
    }

    /// A scorer over an already compiled matcher.
    pub fn with_matcher(matcher: Matcher) -> Scorer {
        Scorer {
            matcher,
            as_of: YearMonth::today(),
            role: 0,
            cues: OnceLock::new(),
        }
    }

    /// Chooses the role that profiles built from postings and resumes are read against (their
    /// groups, career levels and titles) and that [`Scorer::default_profile`] returns.
    ///
    /// ```
    /// let mut scorer = rolefit::scoring::Scorer::new(rolefit::Taxonomy::embedded()).unwrap();
    /// assert!(scorer.role("desktop-technician").is_ok());
    /// assert!(scorer.role("no-such-role").is_err());
    /// ```
    pub fn role(&mut self, role_id: &str) -> Result<&mut Scorer, ProfileError> {
        let i = self
            .taxonomy()
            .roles()
            .iter()
            .position(|r| r.id == role_id)
            .ok_or_else(|| self.unknown_role(role_id))?;
        self.role = i;
        self.cues = OnceLock::new();
        Ok(self)
    }

    /// The chosen role, if the taxonomy has roles.
    fn chosen_role(&self) -> Option<&crate::taxonomy::role::Role> {
        self.taxonomy().roles().get(self.role)
    }

    fn unknown_role(&self, role_id: &str) -> ProfileError {
        let known: Vec<&str> = self
            .taxonomy()
            .roles()
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        ProfileError {
            message: format!(
                "no role '{role_id}' in taxonomy '{}'; known roles: {}",
                self.taxonomy().name(),
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            ),
        }
    }

    /// Sets the month that "Present" resolves to.
    ///
    /// ```
    /// use rolefit::scoring::{Scorer, YearMonth};
    /// let mut scorer = Scorer::new(rolefit::Taxonomy::embedded()).unwrap();
    /// scorer.as_of(YearMonth::new(2025, 6));
    /// assert_eq!(scorer.reference_month(), YearMonth::new(2025, 6));
    /// ```
    pub fn as_of(&mut self, month: YearMonth) -> &mut Scorer {
        self.as_of = month;
        self
    }

    /// The month that "Present" resolves to.
    pub fn reference_month(&self) -> YearMonth {
        self.as_of
    }

    /// The taxonomy.
    pub fn taxonomy(&self) -> &Taxonomy {
        self.matcher.taxonomy()
    }

    /// The compiled matcher.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The stamp of the taxonomy, for results.
    pub fn stamp(&self) -> TaxonomyStamp {
        TaxonomyStamp::of(self.taxonomy())
    }

    /// Analyses `text`: its concepts with sections, polarity and context, and its years of
    /// experience. With `kind` unset, whether it is a resume or a posting is guessed.
    pub fn analyze(&self, text: &str, kind: Option<DocKind>) -> Analysis {
        self.analyze_matches(text, &self.matcher.extract(text), kind)
    }

    /// Like [`Scorer::analyze`], over the matches this scorer's matcher already found in `text`
    /// (as [`Matcher::extract`] returns them), so that a caller that extracted them once does not
    /// pay for it twice.
    ///
    /// ```
    /// use rolefit::scoring::{DocKind, Scorer};
    /// let scorer = Scorer::new(rolefit::Taxonomy::embedded()).unwrap();
    /// let text = "Skills\nWindows 11, Active Directory\n";
    /// let matches = scorer.matcher().extract(text);
    /// assert_eq!(
    ///     scorer.analyze_matches(text, &matches, Some(DocKind::Resume)),
    ///     scorer.analyze(text, Some(DocKind::Resume))
    /// );
    /// ```
    pub fn analyze_matches(
        &self,
        text: &str,
        matches: &[Match],
        kind: Option<DocKind>,
    ) -> Analysis {
        // One pass over the text as given finds the cues that guess the kind and those a
        // posting's sections and contact lines need.
        let given = KindBasis {
            given: true,
            ..KindBasis::default()
        };
        // The same pass finds the title cues of the role's career levels, read when a resume
        // is placed on a level.
        let cues = self.cues.get_or_init(|| {
            sections::Cues::for_levels(self.chosen_role().map_or(&[][..], |r| &r.levels[..]))
        });
        // One walk over the bytes reads what every word of the text feeds: the kind's word
        // signals, the polarity index (with the digits and "@"s a posting's contact lines are
        // read by, unless the text is known to be a resume) and the word counts; and, at every
        // position, the cue phrases. A resume reads no section cues: it reads them for the
        // level cues alone, when the role has levels.
        let mut collector = (kind != Some(DocKind::Resume) || cues.has_levels())
            .then(|| sections::CueCollector::new(cues));
        let mut walked = walk::walk(
            text,
            matches.iter().map(Match::span),
            kind != Some(DocKind::Resume),
            collector.as_mut(),
        );
        let hits = collector.map(sections::CueCollector::finish);
        let (kind, basis) = match (kind, &hits) {
            (Some(kind), _) => (kind, given),
            (None, Some(hits)) => {
                sections::guess_kind_of(hits, (walked.years, walked.address_words))
            }
            (None, None) => unreachable!("the cues are collected unless the kind is given"),
        };
        if kind != DocKind::Posting {
            walked.index.drop_contacts();
        }
        analysis::analyze(
            &self.matcher,
            text,
            matches,
            (kind, basis),
            self.as_of,
            (hits, walked),
        )
    }

    /// The profile of the taxonomy role `role_id`.
    ///
    /// ```
    /// let scorer = rolefit::scoring::Scorer::new(rolefit::Taxonomy::embedded()).unwrap();
    /// assert!(scorer.role_profile("no-such-role").is_err());
    /// ```
    pub fn role_profile(&self, role_id: &str) -> Result<Profile, ProfileError> {
        let role = self
            .taxonomy()
            .role(role_id)
            .ok_or_else(|| self.unknown_role(role_id))?;
        Ok(profile::from_role(self.taxonomy(), role))
    }

    /// The profile of the chosen role (the taxonomy's first unless [`Scorer::role`] chose
    /// another), if the taxonomy has roles.
    pub fn default_profile(&self) -> Option<Profile> {
        self.chosen_role()
            .map(|r| profile::from_role(self.taxonomy(), r))
    }

    /// A profile built from a job posting: required and preferred concepts by section and
    /// polarity, required years; terms in benefits and company boilerplate are left out.
    pub fn posting_profile(&self, text: &str) -> Profile {
        self.posting_profile_of(&self.analyze(text, Some(DocKind::Posting)))
    }

    /// The profile of a posting already analysed (as a [`DocKind::Posting`]).
    pub fn posting_profile_of(&self, posting: &Analysis) -> Profile {
        profile::from_posting(self.taxonomy(), self.chosen_role(), &self.matcher, posting)
    }

    /// A profile built from a resume: the concepts it shows, for scoring postings by how much
    /// of the candidate's skill set they use.
    pub fn resume_profile(&self, text: &str) -> Profile {
        let analysis = self.analyze(text, Some(DocKind::Resume));
        profile::from_resume(self.taxonomy(), self.chosen_role(), &analysis)
    }

    /// Scores an analysed document against a profile.
    pub fn score(&self, profile: &Profile, document: &Analysis) -> ScoreReport {
        score::score(self.taxonomy(), profile, document)
    }

    /// Analyses `text` (guessing its kind) and scores it against `profile`.
    pub fn score_text(&self, profile: &Profile, text: &str) -> ScoreReport {
        self.score(profile, &self.analyze(text, None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_types_are_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Scorer>();
        check::<Profile>();
        check::<ScoreReport>();
        check::<Analysis>();
    }
}
