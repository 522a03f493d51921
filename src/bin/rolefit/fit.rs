//! `scan` scoring: which profile the documents are scored against (a taxonomy role, a job
//! posting with `--job`, or one resume against many postings with `--resume`), the record that
//! carries the full score report, and ranking (`--sort`, `--top`, `--fail-under`).

use std::io::{self, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use rolefit::document::Limits;
use rolefit::input::{inputs, InputOptions};
use rolefit::output::TableRow;
use rolefit::record::ScanRecord;
use rolefit::scoring::{Analysis, DocKind, Profile, ScoreReport, Scorer, YearMonth};
use rolefit::{Match, Matcher};

use crate::args::ScanArgs;

type Error = Box<dyn std::error::Error + Send + Sync>;

/// What each document is scored against.
enum Target {
    /// A fixed profile (a taxonomy role, or a posting given with `--job`); documents are read as
    /// `kind` (guessed when `None`).
    Profile(Box<Profile>, Option<DocKind>),
    /// One resume (`--resume`): each document is a posting whose requirements the resume is
    /// scored against, so that a pair gets the same score in both directions.
    Resume(Box<Analysis>),
}

/// Scores documents for `scan`.
pub struct Fit {
    scorer: Scorer,
    target: Target,
}

/// A `scan` record: the matches of the first scoring, with `score` replaced by the fit score and
/// the whole report under `fit`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FitRecord {
    #[serde(flatten)]
    pub scan: ScanRecord,
    pub fit: ScoreReport,
    /// Names of the missing essential concepts, for the table (the JSON gives ids).
    #[serde(skip)]
    pub missing_names: Vec<String>,
}

fn read_one(path: &Path, limits: &Limits) -> Result<String, Error> {
    let options = InputOptions {
        limits: limits.clone(),
        ..InputOptions::default()
    };
    let mut found = inputs(&[path.to_path_buf()], &options);
    let input = found
        .next()
        .ok_or_else(|| format!("{}: nothing to read", path.display()))?;
    match input.load(limits) {
        Ok(doc) => Ok(doc.text),
        Err(e) => Err(format!("{}: {}: {}", path.display(), e.status, e.error).into()),
    }
}

impl Fit {
    /// The scorer and profile that `args` ask for.
    pub fn new(args: &ScanArgs, matcher: &Matcher, limits: &Limits) -> Result<Fit, Error> {
        let mut scorer = Scorer::with_matcher(matcher.clone());
        if let Some((year, month)) = args.as_of {
            scorer.as_of(YearMonth::new(year, month));
        }
        let target = if let Some(job) = &args.job {
            let text = read_one(job, limits)?;
            Target::Profile(
                Box::new(scorer.posting_profile(&text)),
                Some(DocKind::Resume),
            )
        } else if let Some(resume) = &args.resume {
            let text = read_one(resume, limits)?;
            Target::Resume(Box::new(scorer.analyze(&text, Some(DocKind::Resume))))
        } else {
            let profile = match &args.role {
                Some(id) => scorer.role_profile(id)?,
                None => scorer.default_profile().ok_or(
                    "the taxonomy has no role to score against: add one under \"roles\", or give --job FILE",
                )?,
            };
            Target::Profile(Box::new(profile), None)
        };
        Ok(Fit { scorer, target })
    }

    /// Scores one document, given the matches the scan already found in it, and wraps the
    /// first-scoring record with the report.
    pub fn record(&self, mut scan: ScanRecord, text: &str, matches: &[Match]) -> FitRecord {
        let fit = match &self.target {
            Target::Profile(profile, kind) => self
                .scorer
                .score(profile, &self.scorer.analyze_matches(text, matches, *kind)),
            Target::Resume(resume) => {
                let posting = self
                    .scorer
                    .analyze_matches(text, matches, Some(DocKind::Posting));
                self.scorer
                    .score(&self.scorer.posting_profile_of(&posting), resume)
            }
        };
        scan.score = fit.score;
        let taxonomy = self.scorer.taxonomy();
        let missing_names = fit
            .missing_essential
            .iter()
            .map(|id| {
                taxonomy
                    .concept(id.as_str())
                    .map_or_else(|| id.to_string(), |c| c.name.clone())
            })
            .collect();
        FitRecord {
            scan,
            fit,
            missing_names,
        }
    }
}

impl TableRow for FitRecord {
    fn write_table(&self, out: &mut dyn Write) -> io::Result<()> {
        let f = &self.fit;
        let level = f
            .level
            .as_ref()
            .map(|l| format!("  [{}]", l.name))
            .unwrap_or_default();
        writeln!(out, "{:>5.1}  {}{level}", f.score, self.scan.id)?;
        let groups: Vec<String> = f
            .groups
            .iter()
            .filter(|g| g.max_points > 0.0)
            .map(|g| format!("{} {:.1}/{:.1}", g.id, g.points, g.max_points))
            .collect();
        writeln!(out, "       {}", groups.join(", "))?;
        let names: Vec<&str> = self.scan.concepts.iter().map(|c| c.name.as_str()).collect();
        if !names.is_empty() {
            writeln!(out, "       found: {}", names.join(", "))?;
        }
        if !f.unmet_essential_groups.is_empty() {
            writeln!(
                out,
                "       unmet essential groups: {}",
                f.unmet_essential_groups.join(", ")
            )?;
        }
        if !self.missing_names.is_empty() {
            writeln!(
                out,
                "       missing essential: {}",
                self.missing_names.join(", ")
            )?;
        }
        for a in &f.adjustments {
            writeln!(out, "       x{:.2} {}", a.factor, a.reason)?;
        }
        Ok(())
    }
}
