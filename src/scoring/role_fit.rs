//! Role fit without a posting: how a document's coverage of a role's groups is read. The title
//! (a posting's or a resume's job title, read against the role's titles and the words that
//! make them) is a strong signal; coverage counts in proportion to how much of the document is
//! about the role (a DevOps posting touching operating systems and networking is mostly about
//! something else); one line cannot fill a k-of-n group on its own.

use serde::{Deserialize, Serialize};

use super::analysis::{field_dated_ranges, round1, Analysis};
use super::fraction::Credits;
use super::profile::{level_by_title, Plan, Profile, ProfileSource};
use super::score::YearsCheck;
use super::years::{union_months, DateRange};
use crate::taxonomy::Kind;

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
    /// Against a posting: the title match of the resume's title lines alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline_match: Option<f64>,
    /// Against a posting: the title match of the resume's most recent dated roles, the most
    /// recent weighing most (absent when it shows no dated roles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles_match: Option<f64>,
    /// Against a posting: the requirement points weighed by how the resume shows each (1 in
    /// prose in experience, 0.75 in a list under a job, 0.6 in a bare skills list), 0 to 100.
    /// Coverage counts a requirement shown at all; evidence is what the score uses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<f64>,
    /// Against a posting: years of dated roles in the posting's field (the role's title names
    /// the job, or its duties name the work itself), against the years that earn them in full.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_years: Option<YearsCheck>,
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
/// Bytes read on each side of a role's dates for its title lines.
const ROLE_WINDOW: usize = 4 * ROLE_TITLE_CHARS;

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

/// Words that join a title's words without naming anything.
fn is_stop(w: &str) -> bool {
    matches!(w, "of" | "the" | "and" | "a" | "for" | "to" | "in")
}

fn words_of(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric() && c != '+')
        .filter(|w| !w.is_empty())
}

/// Whether `phrase` stands in `line` as words of its own (no letter or digit either side), at
/// one of the places searching for it left to right without overlaps finds it. A short line is
/// searched without building a searcher per call.
pub(crate) fn contains_phrase(line: &str, phrase: &str) -> bool {
    let b = line.as_bytes();
    let bounded = |i: usize| {
        (i == 0 || !b[i - 1].is_ascii_alphanumeric())
            && b.get(i + phrase.len())
                .is_none_or(|c| !c.is_ascii_alphanumeric())
    };
    if phrase.is_empty() {
        return line.match_indices(phrase).any(|(i, _)| bounded(i));
    }
    let mut from = 0;
    while let Some(i) = find_short(b, phrase.as_bytes(), from) {
        if bounded(i) {
            return true;
        }
        from = i + phrase.len();
    }
    false
}

/// The first occurrence of `needle` (not empty) in `hay` at or after `from`: its first byte by
/// `memchr`, then the rest compared. For the short lines of titles, where setting up a
/// substring searcher costs more than the search.
fn find_short(hay: &[u8], needle: &[u8], mut from: usize) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    while from < hay.len() {
        let i = from + memchr::memchr(first, &hay[from..])?;
        if hay[i + 1..].starts_with(rest) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// Whether `line` (lower case) names an ambition ("Aspiring Desktop Technician") rather than a
/// title held.
pub(crate) fn names_ambition(line: &str) -> bool {
    ["aspiring", "seeking", "looking for", "want to become"]
        .iter()
        .any(|w| find_short(line.as_bytes(), w.as_bytes(), 0).is_some())
}

/// What a title line names of a role.
enum Named {
    /// One of its titles.
    Title,
    /// Its words and its job ("Information Technology Specialist").
    Job,
    /// Its words but not its job ("IT Manager").
    Field,
    /// Its job's word in another field ("Engineering Technician").
    Trade,
    /// Nothing of it.
    Nothing,
}

/// What in a title line names a role: its titles, their distinctive words ("technician",
/// "nurse"), pairs of generic words that stand together in a title ("help desk"), and the
/// acronyms of its titles, which also match spelled out ("IT" as "Information Technology", "RN"
/// as "Registered Nurse"). Lower case.
#[derive(Clone, Debug)]
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
                    // "IT support", "desktop support": the field's word with a generic one
                    // after it names the job as the title does.
                    if let Some(next) = ws.get(i + 1) {
                        if GENERIC_TITLE_WORDS.contains(next) && !is_stop(next) {
                            pairs.push((w.to_string(), next.to_string()));
                        }
                    }
                } else if let Some(next) = ws.get(i + 1) {
                    // "help desk", "service desk", "support specialist": generic words that
                    // name the work together.
                    if GENERIC_TITLE_WORDS.contains(next) && !is_stop(w) {
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
            Named::Job | Named::Field | Named::Trade => TITLE_WORDS_MATCH,
            Named::Nothing => 0.0,
        }
    }

    /// How well `line` (lower case) names a posting's job: as [`TitleTerms::title_match`], but
    /// a line that names only the role's field and another job ("IT Manager", "Director of
    /// Information Technology" for a technician's titles) earns [`TITLE_FIELD_MATCH`]: a
    /// recruiter reads the job a title names, not its department.
    pub(crate) fn job_match(&self, line: &str) -> f64 {
        match self.reading(line) {
            Named::Field | Named::Trade => TITLE_FIELD_MATCH,
            _ => self.title_match(line),
        }
    }

    fn reading(&self, line: &str) -> Named {
        if names_ambition(line) {
            return Named::Nothing;
        }
        if self.titles.iter().any(|t| contains_phrase(line, t)) {
            return Named::Title;
        }
        let ws: Vec<&str> = words_of(line).collect();
        if !self.names_words_in(&ws) {
            return Named::Nothing;
        }
        // The job is named by the last word of one of the role's titles, or by a pair of
        // generic words ("help desk"); "IT" or "desktop" alone name the field, "technician"
        // alone names a job of another field ("Engineering Technician").
        let is_head = |w: &&str| self.heads.binary_search_by(|h| h.as_str().cmp(w)).is_ok();
        let pairs: Vec<&(String, String)> = ws
            .windows(2)
            .filter_map(|p| self.pairs.iter().find(|(a, b)| a == p[0] && b == p[1]))
            .collect();
        let pair = !pairs.is_empty();
        let head = ws.iter().any(is_head);
        // "help desk" names the field; "support specialist" only the job.
        let field = pairs
            .iter()
            .any(|(a, b)| !is_head(&a.as_str()) && !is_head(&b.as_str()))
            || ws
                .iter()
                .any(|w| !is_head(w) && self.words.binary_search_by(|x| x.as_str().cmp(w)).is_ok())
            || self.names_acronym(&ws);
        // Without the field, the job's word qualified by another trade's word names that
        // trade's job ("engineering technician", "media support specialist"); alone or with
        // generic words ("staff nurse", "senior technician") it names the job.
        let qualified = |i: usize| {
            ws[..i]
                .iter()
                .rev()
                .find(|w| !GENERIC_TITLE_WORDS.contains(w))
                .is_some_and(|w| !w.chars().all(|c| c.is_ascii_digit()))
        };
        let plain_head = ws
            .iter()
            .enumerate()
            .any(|(i, w)| is_head(w) && !qualified(i));
        match (head || pair, field) {
            (true, true) => Named::Job,
            (false, _) => Named::Field,
            (true, false) if plain_head || (pair && !head) => Named::Job,
            (true, false) => Named::Trade,
        }
    }

    /// Whether `line` (lower case) holds a distinctive word, a pair or a spelled-out acronym.
    pub(crate) fn names_words(&self, line: &str) -> bool {
        let ws: Vec<&str> = words_of(line).collect();
        self.names_words_in(&ws)
    }

    /// [`TitleTerms::names_words`] over a line's words.
    fn names_words_in(&self, ws: &[&str]) -> bool {
        ws.iter()
            .any(|w| self.words.binary_search_by(|x| x.as_str().cmp(w)).is_ok())
            || ws
                .windows(2)
                .any(|p| self.pairs.iter().any(|(a, b)| a == p[0] && b == p[1]))
            || self.names_acronym(ws)
    }

    /// Whether the words spell out one of the titles' acronyms ("information technology").
    fn names_acronym(&self, ws: &[&str]) -> bool {
        self.acronyms.iter().any(|a| {
            ws.windows(a.len()).any(|run| {
                run.iter()
                    .zip(a.bytes())
                    .all(|(w, c)| w.len() > 2 && w.as_bytes()[0] == c)
            })
        })
    }
}

/// The document's title match: the best of its first lines.
pub(crate) fn title_of(
    profile: &Profile,
    plan: &Plan,
    analysis: &Analysis,
) -> (Option<String>, f64) {
    let mut best: (Option<String>, f64) = (None, 0.0);
    for line in analysis
        .text()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(TITLE_LINES)
    {
        // A title is short; a flattened document's first "line" is its whole text. A header
        // line holds more than the title ("Junior Desktop Technician | Columbus, OH | email"):
        // each part between separators is read on its own.
        let head = line
            .char_indices()
            .nth(80)
            .map_or(line, |(i, _)| &line[..i]);
        for part in title_parts(head) {
            let m = leveled_match(profile, plan, &part.to_lowercase());
            if m > best.1 {
                best = (Some(part.to_string()), m);
            }
        }
    }
    best
}

/// The parts of a header line between separators ("|", bullets, tabs, spaced dashes), trimmed
/// and non-empty.
fn title_parts(line: &str) -> impl Iterator<Item = &str> {
    line.split(['|', '\u{2022}', '\u{00b7}', '\t'])
        .flat_map(|p| p.split(" \u{2013} ").flat_map(|p| p.split(" \u{2014} ")))
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// How well a title line (lower case) names the posting's job: its title match, lowered when
/// the line names a level of the role's ladder far from the one the posting asks for (an "IT
/// Manager" line for a technician posting names the trade, not the job). Levels come from the
/// role's own cues, so a nursing ladder reads the same way.
fn leveled_match(profile: &Profile, plan: &Plan, line: &str) -> f64 {
    // A role's fit reads the trade (an IT manager is in it); a posting's, the job.
    let m = if profile.source == ProfileSource::Posting {
        plan.titles.job_match(line)
    } else {
        plan.titles.title_match(line)
    };
    if m == 0.0 {
        return 0.0;
    }
    // `line` is lower case already: its level is read straight off the cues.
    match (plan.asked, level_by_title(&plan.level_cues, line)) {
        (Some(a), Some(b)) => {
            let beyond = a.abs_diff(b).saturating_sub(TITLE_STEPS_FREE);
            m * (1.0 - TITLE_STEP_COST * beyond as f64).max(0.0)
        }
        _ => m,
    }
}

/// The title match of each dated role of the resume (index into its ranges, match), most
/// recent first. A role's title is read from the line holding its dates and the short lines just
/// before and after it ("Help Desk Technician" over "Acme, 2019 - Present", or "Acme 2019 to
/// 2021 Help Desk Technician").
pub(crate) fn role_titles(
    profile: &Profile,
    plan: &Plan,
    analysis: &Analysis,
) -> Vec<(usize, f64)> {
    let ranges = &analysis.experience.ranges;
    let mut order: Vec<usize> = (0..ranges.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse((ranges[i].end, ranges[i].start)));
    let text = analysis.text();
    order
        .into_iter()
        .map(|i| {
            let m = role_title_match(profile, plan, text, &ranges[i]);
            (i, m)
        })
        .collect()
}

fn role_title_match(profile: &Profile, plan: &Plan, text: &str, r: &DateRange) -> f64 {
    // Only a window around the dates is read: a title is a short line, and a flattened
    // document with many dated roles must not be scanned to its start for each of them.
    let mut lo = r.span.start.saturating_sub(ROLE_WINDOW);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (r.span.end + ROLE_WINDOW).min(text.len());
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    // A line cut by the window is longer than a title: `None`.
    let whole = |a: usize, b: usize| {
        let cut = (a == lo && lo > 0 && text.as_bytes()[lo - 1] != b'\n')
            || (b == hi && hi < text.len() && text.as_bytes()[hi] != b'\n');
        (!cut).then(|| &text[a..b])
    };
    let start = text[lo..r.span.start]
        .rfind('\n')
        .map_or(lo, |i| lo + i + 1);
    let end = text[r.span.end..hi]
        .find('\n')
        .map_or(hi, |i| r.span.end + i);
    let dated = whole(start, end)
        .map(|_| format!("{} {}", &text[start..r.span.start], &text[r.span.end..end]));
    let before = {
        let b = text[lo..start].trim_end().len() + lo;
        let a = text[lo..b].rfind('\n').map_or(lo, |i| lo + i + 1);
        whole(a, b)
    };
    let after = {
        let a = hi - text[end..hi].trim_start().len();
        let b = text[a..hi].find('\n').map_or(hi, |i| a + i);
        whole(a, b)
    };
    [dated.as_deref(), before, after]
        .into_iter()
        .flatten()
        .filter(|l| l.trim().len() <= ROLE_TITLE_CHARS)
        .map(|l| leveled_match(profile, plan, &l.to_lowercase()))
        .fold(0.0, f64::max)
}

/// The title match of the resume's most recent dated roles (as [`role_titles`] reads them),
/// most recent first and weighing most, or `None` when it shows no dated roles.
pub(crate) fn roles_title_match(roles: &[(usize, f64)]) -> Option<f64> {
    if roles.is_empty() {
        return None;
    }
    let (mut sum, mut weights, mut weight) = (0.0, 0.0, 1.0);
    for (_, m) in roles.iter().take(ROLES_READ) {
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

/// Years that earn the field-years term in full when the posting asks for none.
const FIELD_YEARS_DEFAULT: f64 = 2.0;
/// A dated role whose title matches the posting's job at least this well is in the field.
const FIELD_TITLE_MATCH: f64 = TITLE_WORDS_MATCH;

/// Years of the resume's dated roles in the posting's field, overlaps counted once: roles whose
/// title names the job (a title match of at least [`FIELD_TITLE_MATCH`]) and roles whose entry
/// names one of the profile's field concepts ("desktop support", "help desk support"), against
/// the posting's required years (else [`FIELD_YEARS_DEFAULT`]). A software developer's years
/// that list Windows are not years of desktop support; a help desk technician's are.
pub(crate) fn field_years(
    profile: &Profile,
    plan: &Plan,
    analysis: &Analysis,
    roles: &[(usize, f64)],
) -> YearsCheck {
    let ranges = &analysis.experience.ranges;
    let mut kept: Vec<usize> = roles
        .iter()
        .filter(|&&(_, m)| m >= FIELD_TITLE_MATCH)
        .map(|&(i, _)| i)
        .collect();
    if !profile.field.is_empty() {
        let field = &plan.field;
        kept.extend(field_dated_ranges(
            ranges,
            &analysis.sections,
            &analysis.mentions,
            |m| m.credit > 0.0 && field.binary_search(&m.index).is_ok(),
        ));
    }
    kept.sort_unstable();
    kept.dedup();
    let in_field: Vec<DateRange> = kept.into_iter().map(|i| ranges[i].clone()).collect();
    YearsCheck {
        required: profile
            .required_years
            .filter(|&y| y > 0.0)
            .unwrap_or(FIELD_YEARS_DEFAULT),
        found: round1(union_months(&in_field) as f64 / 12.0),
    }
}

/// Share of a posting's fit that its requirements (weighed by how the resume shows them) can
/// reach.
const JOB_EVIDENCE_SHARE: f64 = 0.45;
/// Points a resume's title (its title lines and recent roles) adds, at full match, against a
/// posting: a recruiter looks first at whether the candidate's recent titles are this job.
const JOB_TITLE_POINTS: f64 = 40.0;
/// Points years in the posting's field add, in full at the years it asks for.
const JOB_FIELD_POINTS: f64 = 15.0;

/// A resume's fit for a posting, 0 to 100: its evidence of the requirements (0 to 100), its
/// title match and its years in the field.
pub(crate) fn job_fit(evidence: f64, title_match: f64, field: &YearsCheck) -> f64 {
    let years = (field.found / field.required).min(1.0);
    JOB_EVIDENCE_SHARE * evidence + JOB_TITLE_POINTS * title_match + JOB_FIELD_POINTS * years
}

/// Share of the document's credited technical concepts (not soft skills, education or other)
/// that the profile names, by credit, with one concept of slack so that a document with one
/// or two concepts is not judged on them alone.
fn focus_of(plan: &Plan, credits: &Credits<'_>, kinds: &dyn Fn(usize) -> Kind) -> f64 {
    let (mut inside, mut all) = (0.0, 0.0);
    for (_, c) in credits.iter() {
        if c.credit <= 0.0 || c.implied_by.is_some() {
            continue;
        }
        if matches!(
            kinds(c.index),
            Kind::SoftSkill | Kind::Education | Kind::Other
        ) {
            continue;
        }
        all += c.credit;
        if plan.options.binary_search(&c.index).is_ok() {
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
    plan: &Plan,
    analysis: &Analysis,
    credits: &Credits<'_>,
    coverage: f64,
    kinds: &dyn Fn(usize) -> Kind,
) -> (RoleFit, f64) {
    let (title, title_match) = title_of(profile, plan, analysis);
    let focus = focus_of(plan, credits, kinds);
    let focused = coverage * (FOCUS_FLOOR + (1.0 - FOCUS_FLOOR) * focus);
    let score = with_title(focused, title_match);
    (
        RoleFit {
            title,
            title_match,
            focus: (focus * 100.0).round() / 100.0,
            coverage: (coverage * 10.0).round() / 10.0,
            headline_match: None,
            roles_match: None,
            evidence: None,
            field_years: None,
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
    fn a_header_line_is_read_part_by_part() {
        let parts: Vec<&str> =
            title_parts("Junior Desktop Technician | Columbus, OH | jo@example.com").collect();
        assert_eq!(
            parts,
            [
                "Junior Desktop Technician",
                "Columbus, OH",
                "jo@example.com"
            ]
        );
        assert_eq!(
            title_parts("Help Desk Technician \u{2013} Tier 2").collect::<Vec<_>>(),
            ["Help Desk Technician", "Tier 2"]
        );
        assert_eq!(
            title_parts("Help Desk Technician - Tier 2").collect::<Vec<_>>(),
            ["Help Desk Technician - Tier 2"]
        );
    }

    #[test]
    fn a_title_names_the_job_with_its_field() {
        let t = TitleTerms::of(&[
            "Desktop Support Specialist".to_string(),
            "IT Support Technician".to_string(),
            "Help Desk Technician".to_string(),
        ]);
        // The job's word in another trade, or a generic pair without the field: small.
        assert_eq!(t.job_match("engineering technician"), TITLE_FIELD_MATCH);
        assert_eq!(t.job_match("media support specialist"), TITLE_FIELD_MATCH);
        // The field with a generic job word the titles use after it.
        assert_eq!(t.job_match("it support officer"), TITLE_WORDS_MATCH);
        assert_eq!(t.job_match("help desk agent"), TITLE_WORDS_MATCH);
        // A role's fit reads the trade as before.
        assert_eq!(t.title_match("engineering technician"), TITLE_WORDS_MATCH);
    }

    #[test]
    fn a_role_title_is_read_beside_its_dates() {
        use crate::scoring::{DocKind, Scorer, YearMonth};
        let mut scorer = Scorer::new(crate::Taxonomy::embedded()).unwrap();
        scorer.as_of(YearMonth::new(2025, 1));
        let posting = scorer.posting_profile("Help Desk Technician\nRequirements\n- Windows 11\n");
        let plan = Plan::of(scorer.taxonomy(), &posting);
        let read = |t: &str| {
            let a = scorer.analyze(t, Some(DocKind::Resume));
            roles_title_match(&role_titles(&posting, &plan, &a))
        };
        let above =
            "Experience\nHelp Desk Technician\nAcme, Jan 2019 - Dec 2021\n- Fixed laptops.\n";
        assert_eq!(read(above), Some(1.0));
        let below =
            "Experience\nAcme, Jan 2019 - Dec 2021\n\nHelp Desk Technician\n- Fixed laptops.\n";
        assert_eq!(read(below), Some(1.0));
        // A flattened line is no title, however far its ends lie from the dates.
        let flat = format!(
            "{}Help Desk Technician, Jan 2019 - Dec 2021 {}",
            "word ".repeat(200),
            "word ".repeat(200)
        );
        assert_eq!(read(&flat), Some(0.0));
        let a = scorer.analyze(above, Some(DocKind::Resume));
        let years = field_years(&posting, &plan, &a, &role_titles(&posting, &plan, &a));
        assert!((2.9..=3.0).contains(&years.found), "{years:?}");
        assert_eq!(years.required, 2.0);
    }

    #[test]
    fn resume_title_weighs_its_roles_when_it_shows_them() {
        assert_eq!(resume_title_match(1.0, None), 1.0);
        assert!(resume_title_match(1.0, Some(0.0)) < resume_title_match(1.0, Some(1.0)));
        assert_eq!(resume_title_match(0.6, Some(0.6)), 0.6);
    }

    /// The phrase search finds what searching with `match_indices` finds, on lines made of
    /// overlapping repeats, word joins and the searched phrases themselves.
    #[test]
    fn phrase_search_as_match_indices() {
        let by_match_indices = |line: &str, phrase: &str| {
            line.match_indices(phrase).any(|(i, _)| {
                let b = line.as_bytes();
                (i == 0 || !b[i - 1].is_ascii_alphanumeric())
                    && b.get(i + phrase.len())
                        .is_none_or(|c| !c.is_ascii_alphanumeric())
            })
        };
        let parts = [
            "lead", "aa", "a", " ", "-", "senior", "lead2", "é", "ii", "\n",
        ];
        let phrases = [
            "lead",
            "aa",
            "a a",
            "aaa",
            "ii",
            "senior lead",
            "é",
            "",
            "x",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut found = 0;
        for _ in 0..3000 {
            let mut line = String::new();
            for _ in 0..(seed % 9) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                line.push_str(parts[(seed % parts.len() as u64) as usize]);
            }
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for p in phrases {
                let want = by_match_indices(&line, p);
                assert_eq!(contains_phrase(&line, p), want, "{line:?} {p:?}");
                found += usize::from(want);
            }
            let ambition = ["aspiring", "seeking", "looking for", "want to become"]
                .iter()
                .any(|w| line.contains(w));
            assert_eq!(names_ambition(&line), ambition);
        }
        assert!(found > 1000, "the lines hold the phrases ({found})");
        assert!(names_ambition("aspiring desktop technician"));
        assert!(!names_ambition("senior desktop technician"));
    }
}
