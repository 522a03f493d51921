//! Role fit without a posting: how a document's coverage of a role's groups is read. The title
//! (a posting's or a resume's job title, read against the role's titles and the words that
//! make them) is a strong signal; coverage counts in proportion to how much of the document is
//! about the role (a DevOps posting touching operating systems and networking is mostly about
//! something else); one line cannot fill a k-of-n group on its own.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::analysis::{Analysis, Credit};
use super::profile::{Profile, ProfileSource};
use crate::taxonomy::{ConceptId, Kind};

/// How a document's title and focus weigh on its fit for a role.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RoleFit {
    /// The title line read, if one named the role or its words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// How well the title names the role: 1 for one of its titles, 0.6 for its words, 0 when
    /// it names none.
    pub title_match: f64,
    /// Share of the document's technical concepts that belong to the role (0 to 1): low for a
    /// document mostly about another trade.
    pub focus: f64,
    /// The points the groups earned before title and focus (0 to 100).
    pub coverage: f64,
}

/// Share of the score that coverage can reach; the title brings the rest.
const COVERAGE_SHARE: f64 = 0.75;
/// Points a title naming the role adds, at full match.
const TITLE_POINTS: f64 = 25.0;
/// How much of the coverage survives a document with no focus on the role at all.
const FOCUS_FLOOR: f64 = 0.4;
/// Title match for a line that names the role's words but none of its titles.
const TITLE_WORDS_MATCH: f64 = 0.6;
/// Lines read from the top of a document for its title.
const TITLE_LINES: usize = 3;
/// Title match, against a posting, for a line that names the role's field but another job.
const TITLE_FIELD_MATCH: f64 = 0.15;
/// Steps between a title's level and the posting's that cost its match nothing.
const TITLE_STEPS_FREE: usize = 1;
/// Share of a title's match lost per step beyond the free ones.
const TITLE_STEP_COST: f64 = 0.25;
/// Dated roles whose titles are read, most recent first.
const ROLES_READ: usize = 3;
/// Share of a resume's title match that its dated roles' titles carry.
const ROLES_SHARE: f64 = 0.5;
/// Longest line read as a role's title.
const ROLE_TITLE_CHARS: usize = 80;

/// Words of job titles that name no trade of their own ("Senior Analyst", "Customer Service
/// Lead"): a line needs more than these to be about the role's work. Two of them in a row in a
/// role's title ("help desk", "service desk") do name it.
pub(crate) const GENERIC_TITLE_WORDS: &[&str] = &[
    "engineer",
    "analyst",
    "specialist",
    "senior",
    "junior",
    "manager",
    "lead",
    "assistant",
    "associate",
    "staff",
    "officer",
    "the",
    "of",
    "and",
    "for",
    "to",
    "in",
    "a",
    "service",
    "services",
    "help",
    "support",
    "desk",
    "i",
    "ii",
    "iii",
];

fn words_of(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric() && c != '+')
        .filter(|w| !w.is_empty())
}

fn contains_phrase(line: &str, phrase: &str) -> bool {
    line.match_indices(phrase).any(|(i, _)| {
        let b = line.as_bytes();
        (i == 0 || !b[i - 1].is_ascii_alphanumeric())
            && b.get(i + phrase.len())
                .is_none_or(|c| !c.is_ascii_alphanumeric())
    })
}

/// What a title line names of a role.
enum Named {
    /// One of its titles.
    Title,
    /// Its words and its job ("Information Technology Specialist").
    Job,
    /// Its words but not its job ("IT Manager").
    Field,
    /// Nothing of it.
    Nothing,
}

/// What in a title line names a role: its titles, their distinctive words ("technician",
/// "nurse"), pairs of generic words that stand together in a title ("help desk"), and the
/// acronyms of its titles, which also match spelled out ("IT" as "Information Technology", "RN"
/// as "Registered Nurse"). Lower case.
pub(crate) struct TitleTerms {
    titles: Vec<String>,
    words: Vec<String>,
    pairs: Vec<(String, String)>,
    acronyms: Vec<String>,
    /// The last word of each title, which names the job ("technician", "nurse"); the words
    /// before it often name only the field ("IT", "desktop").
    heads: Vec<String>,
}

impl TitleTerms {
    /// The terms of `titles`.
    pub(crate) fn of(titles: &[String]) -> TitleTerms {
        let mut words = Vec::new();
        let mut pairs = Vec::new();
        let mut acronyms = Vec::new();
        let mut heads = Vec::new();
        for t in titles {
            for w in words_of(t) {
                if (2..=4).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase()) {
                    acronyms.push(w.to_ascii_lowercase());
                }
            }
            let lower = t.to_lowercase();
            let ws: Vec<&str> = words_of(&lower).collect();
            if let Some(last) = ws.last() {
                heads.push(last.to_string());
            }
            for (i, w) in ws.iter().enumerate() {
                if !GENERIC_TITLE_WORDS.contains(w) {
                    words.push(w.to_string());
                } else if let Some(next) = ws.get(i + 1) {
                    // "help desk", "service desk", "support specialist": generic words that
                    // name the work together.
                    if GENERIC_TITLE_WORDS.contains(next)
                        && !matches!(*w, "of" | "the" | "and" | "a")
                    {
                        pairs.push((w.to_string(), next.to_string()));
                    }
                }
            }
        }
        for v in [&mut words, &mut acronyms, &mut heads] {
            v.sort();
            v.dedup();
        }
        pairs.sort();
        pairs.dedup();
        TitleTerms {
            titles: titles.iter().map(|t| t.to_lowercase()).collect(),
            words,
            pairs,
            acronyms,
            heads,
        }
    }

    /// How well `line` (lower case) names the role: 1 for one of its titles,
    /// [`TITLE_WORDS_MATCH`] for its words, 0 otherwise; a line that names an ambition
    /// ("aspiring", "seeking") names none.
    pub(crate) fn title_match(&self, line: &str) -> f64 {
        match self.reading(line) {
            Named::Title => 1.0,
            Named::Job | Named::Field => TITLE_WORDS_MATCH,
            Named::Nothing => 0.0,
        }
    }

    /// How well `line` (lower case) names a posting's job: as [`TitleTerms::title_match`], but
    /// a line that names only the role's field and another job ("IT Manager", "Director of
    /// Information Technology" for a technician's titles) earns [`TITLE_FIELD_MATCH`]: a
    /// recruiter reads the job a title names, not its department.
    pub(crate) fn job_match(&self, line: &str) -> f64 {
        match self.reading(line) {
            Named::Field => TITLE_FIELD_MATCH,
            _ => self.title_match(line),
        }
    }

    fn reading(&self, line: &str) -> Named {
        if ["aspiring", "seeking", "looking for", "want to become"]
            .iter()
            .any(|w| line.contains(w))
        {
            return Named::Nothing;
        }
        if self.titles.iter().any(|t| contains_phrase(line, t)) {
            return Named::Title;
        }
        if !self.names_words(line) {
            return Named::Nothing;
        }
        // The job is named by the last word of one of the role's titles, or by a pair of
        // generic words ("help desk"); "IT" or "desktop" alone name the field.
        let ws: Vec<&str> = words_of(line).collect();
        let names_job = ws
            .iter()
            .any(|w| self.heads.binary_search_by(|h| h.as_str().cmp(w)).is_ok())
            || ws
                .windows(2)
                .any(|p| self.pairs.iter().any(|(a, b)| a == p[0] && b == p[1]));
        if names_job {
            Named::Job
        } else {
            Named::Field
        }
    }

    /// Whether `line` (lower case) holds a distinctive word, a pair or a spelled-out acronym.
    pub(crate) fn names_words(&self, line: &str) -> bool {
        let ws: Vec<&str> = words_of(line).collect();
        ws.iter()
            .any(|w| self.words.binary_search_by(|x| x.as_str().cmp(w)).is_ok())
            || ws
                .windows(2)
                .any(|p| self.pairs.iter().any(|(a, b)| a == p[0] && b == p[1]))
            || self.acronyms.iter().any(|a| {
                ws.windows(a.len()).any(|run| {
                    run.iter()
                        .zip(a.bytes())
                        .all(|(w, c)| w.len() > 2 && w.as_bytes()[0] == c)
                })
            })
    }
}

/// The document's title match: the best of its first lines.
pub(crate) fn title_of(profile: &Profile, analysis: &Analysis) -> (Option<String>, f64) {
    let terms = TitleTerms::of(&profile.titles);
    let asked = asked_level(profile);
    let mut best: (Option<String>, f64) = (None, 0.0);
    for line in analysis
        .text()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(TITLE_LINES)
    {
        // A title is short; a flattened document's first "line" is its whole text.
        let head: String = line.chars().take(80).collect();
        let m = leveled_match(&terms, profile, asked, &head.to_lowercase());
        if m > best.1 {
            best = (Some(head), m);
        }
    }
    best
}

/// The posting's level, as a step on the role's ladder.
fn asked_level(profile: &Profile) -> Option<usize> {
    let id = profile.level.as_ref()?;
    profile.levels.iter().position(|l| &l.id == id)
}

/// How well a title line (lower case) names the posting's job: its title match, lowered when
/// the line names a level of the role's ladder far from the one the posting asks for (an "IT
/// Manager" line for a technician posting names the trade, not the job). Levels come from the
/// role's own cues, so a nursing ladder reads the same way.
fn leveled_match(terms: &TitleTerms, profile: &Profile, asked: Option<usize>, line: &str) -> f64 {
    // A role's fit reads the trade (an IT manager is in it); a posting's, the job.
    let m = if profile.source == ProfileSource::Posting {
        terms.job_match(line)
    } else {
        terms.title_match(line)
    };
    if m == 0.0 {
        return 0.0;
    }
    match (
        asked,
        super::profile::posting_level(&profile.levels, line, None),
    ) {
        (Some(a), Some(b)) => {
            let beyond = a.abs_diff(b).saturating_sub(TITLE_STEPS_FREE);
            m * (1.0 - TITLE_STEP_COST * beyond as f64).max(0.0)
        }
        _ => m,
    }
}

/// The title match of the resume's most recent dated roles, most recent first and weighing
/// most, or `None` when it shows no dated roles. A role's title is read from the line holding
/// its dates and the short lines just before and after it ("Help Desk Technician" over "Acme,
/// 2019 - Present", or "Acme 2019 to 2021 Help Desk Technician").
pub(crate) fn roles_title_match(profile: &Profile, analysis: &Analysis) -> Option<f64> {
    let mut ranges: Vec<_> = analysis.experience.ranges.iter().collect();
    if ranges.is_empty() {
        return None;
    }
    ranges.sort_by_key(|r| std::cmp::Reverse((r.end, r.start)));
    let terms = TitleTerms::of(&profile.titles);
    let asked = asked_level(profile);
    let text = analysis.text();
    let (mut sum, mut weights, mut weight) = (0.0, 0.0, 1.0);
    for r in ranges.iter().take(ROLES_READ) {
        let start = text[..r.span.start].rfind('\n').map_or(0, |i| i + 1);
        let end = text[r.span.end..]
            .find('\n')
            .map_or(text.len(), |i| r.span.end + i);
        let dated = format!("{} {}", &text[start..r.span.start], &text[r.span.end..end]);
        let before = text[..start].trim_end().lines().next_back().unwrap_or("");
        let after = text[end..].trim_start().lines().next().unwrap_or("");
        let m = [dated.as_str(), before, after]
            .iter()
            .filter(|l| l.trim().len() <= ROLE_TITLE_CHARS)
            .map(|l| leveled_match(&terms, profile, asked, &l.to_lowercase()))
            .fold(0.0, f64::max);
        sum += weight * m;
        weights += weight;
        weight /= 2.0;
    }
    Some(sum / weights)
}

/// The title match of a resume: its headline and, when it shows dated roles, the titles of its
/// most recent roles, which a recruiter reads as what the candidate has actually done.
pub(crate) fn resume_title_match(headline: f64, roles: Option<f64>) -> f64 {
    match roles {
        Some(r) => (1.0 - ROLES_SHARE) * headline + ROLES_SHARE * r,
        None => headline,
    }
}

/// Share of the document's credited technical concepts (not soft skills, education or other)
/// that the profile names, by credit, with one concept of slack so that a document with one
/// or two concepts is not judged on them alone.
fn focus_of(
    profile: &Profile,
    credits: &BTreeMap<ConceptId, Credit>,
    kinds: &dyn Fn(&ConceptId) -> Kind,
) -> f64 {
    let in_role: HashSet<&ConceptId> = profile
        .groups
        .iter()
        .flat_map(|g| g.items.iter().flat_map(|it| it.options()))
        .collect();
    let (mut inside, mut all) = (0.0, 0.0);
    for (id, c) in credits {
        if c.credit <= 0.0 || c.implied_by.is_some() {
            continue;
        }
        if matches!(kinds(id), Kind::SoftSkill | Kind::Education | Kind::Other) {
            continue;
        }
        all += c.credit;
        if in_role.contains(id) {
            inside += c.credit;
        }
    }
    (inside + 1.0) / (all + 1.0)
}

/// Points out of 100 from `points` (0 to 100) and a title match: coverage reaches
/// [`COVERAGE_SHARE`] of the score, the title the rest.
pub(crate) fn with_title(points: f64, title_match: f64) -> f64 {
    COVERAGE_SHARE * points + TITLE_POINTS * title_match
}

/// The role fit of a document whose groups earned `coverage` points, and the score it comes to.
pub(crate) fn role_fit(
    profile: &Profile,
    analysis: &Analysis,
    credits: &BTreeMap<ConceptId, Credit>,
    coverage: f64,
    kinds: &dyn Fn(&ConceptId) -> Kind,
) -> (RoleFit, f64) {
    let (title, title_match) = title_of(profile, analysis);
    let focus = focus_of(profile, credits, kinds);
    let focused = coverage * (FOCUS_FLOOR + (1.0 - FOCUS_FLOOR) * focus);
    let score = with_title(focused, title_match);
    (
        RoleFit {
            title,
            title_match,
            focus: (focus * 100.0).round() / 100.0,
            coverage: (coverage * 10.0).round() / 10.0,
        },
        score,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_words_pairs_and_acronyms() {
        let titles = [
            "Help Desk Technician".to_string(),
            "Service Desk Analyst".to_string(),
            "IT Support Specialist".to_string(),
        ];
        let t = TitleTerms::of(&titles);
        assert_eq!(t.words, ["it", "technician"]);
        assert!(t.pairs.contains(&("help".to_string(), "desk".to_string())));
        assert_eq!(t.title_match("help desk technician ii"), 1.0);
        assert_eq!(t.title_match("help desk"), TITLE_WORDS_MATCH);
        assert_eq!(
            t.title_match("information technology specialist"),
            TITLE_WORDS_MATCH
        );
        assert_eq!(t.title_match("line cook"), 0.0);
        assert_eq!(t.title_match("sales associate"), 0.0);
        assert_eq!(t.title_match("aspiring help desk technician"), 0.0);
    }

    #[test]
    fn a_posting_reads_the_job_a_title_names_not_its_field() {
        let titles = [
            "Help Desk Technician".to_string(),
            "IT Support Specialist".to_string(),
        ];
        let t = TitleTerms::of(&titles);
        // The field without the job: a role's reading keeps it, a posting's does not.
        assert_eq!(t.title_match("it manager"), TITLE_WORDS_MATCH);
        assert_eq!(t.job_match("it manager"), TITLE_FIELD_MATCH);
        assert_eq!(
            t.job_match("director of information technology"),
            TITLE_FIELD_MATCH
        );
        // The job's own word, or a pair that names it.
        assert_eq!(
            t.job_match("information technology specialist"),
            TITLE_WORDS_MATCH
        );
        assert_eq!(t.job_match("help desk"), TITLE_WORDS_MATCH);
        assert_eq!(t.job_match("it support technician"), TITLE_WORDS_MATCH);
        assert_eq!(t.job_match("line cook"), 0.0);
        // Any trade: a nurse's titles name the job by "nurse".
        let nurse = TitleTerms::of(&["Registered Nurse".to_string(), "RN".to_string()]);
        assert_eq!(nurse.job_match("staff nurse"), TITLE_WORDS_MATCH);
    }

    #[test]
    fn resume_title_weighs_its_roles_when_it_shows_them() {
        assert_eq!(resume_title_match(1.0, None), 1.0);
        assert!(resume_title_match(1.0, Some(0.0)) < resume_title_match(1.0, Some(1.0)));
        assert_eq!(resume_title_match(0.6, Some(0.6)), 0.6);
    }
}
