//! Career levels: which of a role's levels (Junior Desktop Technician to Desktop Support
//! Manager) a resume fits, from its years of experience, the titles it held and the focus areas
//! it shows, with the reasons spelled out.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::analysis::{Analysis, Credit};
use super::sections::SectionKind;
use crate::taxonomy::role::CareerLevel;
use crate::taxonomy::{ConceptId, Taxonomy};

/// The level a resume fits, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LevelFit {
    /// The level's id.
    pub level: String,
    /// The level's name.
    pub name: String,
    /// The level's usual minimum years.
    pub min_years: f64,
    /// The level's usual maximum years, if bounded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_years: Option<f64>,
    /// The resume's years of experience, when it shows them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<f64>,
    /// Why this level, in plain words.
    pub reasons: Vec<String>,
    /// Focus concepts of the level that the resume shows, by id.
    pub focus_shown: Vec<ConceptId>,
    /// Focus concepts of the level that the resume does not show, by id.
    pub focus_missing: Vec<ConceptId>,
}

/// How many years short of a level's range cost all of its year fit.
const YEARS_BELOW_TOLERANCE: f64 = 3.0;
/// How many years beyond a level's range cost all of its year fit: staying longer at a level is
/// common, reaching it early is not.
const YEARS_ABOVE_TOLERANCE: f64 = 6.0;
const YEARS_WEIGHT: f64 = 3.0;
const FOCUS_WEIGHT: f64 = 1.0;
const CUE_WEIGHT: f64 = 1.5;

fn year_fit(level: &CareerLevel, years: Option<f64>) -> f64 {
    let Some(y) = years else {
        return 0.5;
    };
    let below = (level.min_years - y).max(0.0) / YEARS_BELOW_TOLERANCE;
    let above = level.max_years.map_or(0.0, |m| (y - m).max(0.0)) / YEARS_ABOVE_TOLERANCE;
    (1.0 - below.max(above)).max(0.0)
}

/// Words that make a title or duty line about IT work, so that "Senior Software Engineer",
/// "Store Supervisor" or "Team Lead, MegaElectro Store" are not levels of this ladder.
const IT_WORDS: &[&str] = &[
    "it",
    "i.t.",
    "desktop",
    "help desk",
    "helpdesk",
    "service desk",
    "support",
    "technician",
    "technicians",
    "technology",
    "systems",
    "network",
    "computer",
    "end user",
    "end-user",
    "infrastructure",
    "deskside",
    "tier",
    "level",
];

fn line_around(lower: &str, at: usize) -> &str {
    let start = lower[..at].rfind('\n').map_or(0, |p| p + 1);
    let end = lower[at..].find('\n').map_or(lower.len(), |p| at + p);
    &lower[start..end]
}

fn names_it_work(line: &str) -> bool {
    // "Aspiring Desktop Technician" names a goal, not a level held.
    if ["aspiring", "seeking", "looking for", "want to become"]
        .iter()
        .any(|w| line.contains(w))
    {
        return false;
    }
    IT_WORDS.iter().any(|w| {
        line.match_indices(w).any(|(i, _)| {
            let b = line.as_bytes();
            (i == 0 || !b[i - 1].is_ascii_alphanumeric())
                && b.get(i + w.len())
                    .is_none_or(|c| !c.is_ascii_alphanumeric())
        })
    })
}

/// Title cues of `level` found in the resume's preamble (its title) or experience, on a line
/// about IT work, as written (a summary's "moving into IT support" is an ambition, not a title).
fn cues_found(level: &CareerLevel, analysis: &Analysis, lower: &str) -> Vec<String> {
    let mut found = Vec::new();
    for cue in &level.cues {
        let c = cue.to_ascii_lowercase();
        let mut from = 0;
        while let Some(p) = lower[from..].find(&c) {
            let at = from + p;
            from = at + c.len().max(1);
            let bytes = lower.as_bytes();
            let left = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
            let right = bytes
                .get(at + c.len())
                .is_none_or(|b| !b.is_ascii_alphanumeric());
            let section = analysis.sections.kind_at(at);
            if left
                && right
                && names_it_work(line_around(lower, at))
                && matches!(section, SectionKind::Preamble | SectionKind::Experience)
            {
                found.push(cue.clone());
                break;
            }
        }
    }
    found
}

/// Places a resume on one of `levels`; `None` when it shows no title or focus area of any
/// level (years alone, say a chef's, do not make a Desktop Support Manager).
pub(crate) fn fit(
    taxonomy: &Taxonomy,
    levels: &[CareerLevel],
    analysis: &Analysis,
    credits: &BTreeMap<ConceptId, Credit>,
) -> Option<LevelFit> {
    // Years in IT work, not in any trade: a chef's or a store supervisor's years do not make a
    // lead technician.
    let years = analysis
        .experience
        .relevant_years
        .or(analysis.experience.total_years);
    let lower = analysis.text_lower();
    let mut best: Option<(f64, usize, Vec<String>)> = None;
    let mut any_evidence = false;
    for (i, level) in levels.iter().enumerate() {
        let yf = year_fit(level, years);
        let shown = level
            .concepts
            .iter()
            .filter(|c| credits.get(*c).is_some_and(|c| c.credit > 0.0))
            .count();
        let ff = if level.concepts.is_empty() {
            0.0
        } else {
            shown as f64 / level.concepts.len() as f64
        };
        let cues = cues_found(level, analysis, lower);
        let cf: f64 = if cues.is_empty() { 0.0 } else { 1.0 };
        // Years alone do not make a lead or a manager: the year fit counts only with the
        // level's titles or focus areas in the resume.
        let evidence = cf.max((2.0 * ff).min(1.0));
        // Soft skills (leadership, budgeting) are shared with every trade: only titles or
        // technical focus areas show that a resume is on this role's ladder at all.
        let technical = level.concepts.iter().any(|c| {
            credits.get(c).is_some_and(|c| c.credit > 0.0)
                && taxonomy
                    .concept(c.as_str())
                    .is_some_and(|k| k.kind != crate::taxonomy::Kind::SoftSkill)
        });
        any_evidence |= cf > 0.0 || technical;
        let total = YEARS_WEIGHT * yf * evidence + FOCUS_WEIGHT * ff + CUE_WEIGHT * cf;
        // Strictly greater: on a tie the more junior level wins.
        if best.as_ref().is_none_or(|(b, _, _)| total > *b + 1e-9) {
            best = Some((total, i, cues));
        }
    }
    if !any_evidence {
        return None;
    }
    let (_, i, cues) = best?;
    let level = &levels[i];
    let mut reasons = Vec::new();
    let range = match level.max_years {
        Some(m) => format!("{}-{} years", level.min_years, m),
        None => format!("{}+ years", level.min_years),
    };
    match years {
        Some(y) => {
            let e = &analysis.experience;
            let mut basis = Vec::new();
            if e.relevant_years.is_some() {
                basis.push("counting dated roles that name IT work".to_string());
            }
            if let Some(d) = e.dated_years {
                basis.push(format!("dated roles cover {d} years"));
            }
            if let Some(c) = e.claimed_years {
                basis.push(format!("the resume states {c} years"));
            }
            reasons.push(format!(
                "{y} years of IT experience ({}); {} is usually {range}",
                basis.join(", "),
                level.name
            ));
        }
        None => reasons.push(format!(
            "no dated roles or stated years found; placed by titles and focus areas ({} is usually {range})",
            level.name
        )),
    }
    if !cues.is_empty() {
        reasons.push(format!(
            "titles or duties name the level: {}",
            cues.join(", ")
        ));
    }
    let mut focus_shown = Vec::new();
    let mut focus_missing = Vec::new();
    for c in &level.concepts {
        if credits.get(c).is_some_and(|c| c.credit > 0.0) {
            focus_shown.push(c.clone());
        } else {
            focus_missing.push(c.clone());
        }
    }
    if !focus_shown.is_empty() {
        let names: Vec<&str> = focus_shown
            .iter()
            .map(|id| {
                taxonomy
                    .concept(id.as_str())
                    .map_or(id.as_str(), |c| &c.name)
            })
            .collect();
        reasons.push(format!(
            "shows {} of {} focus areas of the level: {}",
            focus_shown.len(),
            level.concepts.len(),
            names.join(", ")
        ));
    }
    Some(LevelFit {
        level: level.id.clone(),
        name: level.name.clone(),
        min_years: level.min_years,
        max_years: level.max_years,
        years,
        reasons,
        focus_shown,
        focus_missing,
    })
}
