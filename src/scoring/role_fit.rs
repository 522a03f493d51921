//! Role fit without a posting: how a document's coverage of a role's groups is read. The title
//! (a posting's or a resume's job title, read against the role's titles and the words that
//! make them) is a strong signal; coverage counts in proportion to how much of the document is
//! about the role (a DevOps posting touching operating systems and networking is mostly about
//! something else); one line cannot fill a k-of-n group on its own.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::analysis::{Analysis, Credit};
use super::profile::Profile;
use crate::taxonomy::{ConceptId, Kind};

/// How a document's title and focus weigh on its fit for a role.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

/// The words and word pairs of a role's titles that name it: distinctive single words
/// ("technician", "nurse") and pairs of generic words that stand together in a title ("help
/// desk"). Lower case, sorted.
pub(crate) fn title_terms(profile: &Profile) -> (Vec<String>, Vec<(String, String)>) {
    let mut words = Vec::new();
    let mut pairs = Vec::new();
    for t in &profile.titles {
        let lower = t.to_lowercase();
        let ws: Vec<&str> = words_of(&lower).collect();
        for (i, w) in ws.iter().enumerate() {
            if !GENERIC_TITLE_WORDS.contains(w) {
                words.push(w.to_string());
            } else if let Some(next) = ws.get(i + 1) {
                if GENERIC_TITLE_WORDS.contains(next) && !matches!(*w, "of" | "the" | "and" | "a") {
                    pairs.push((w.to_string(), next.to_string()));
                }
            }
        }
    }
    words.sort();
    words.dedup();
    pairs.sort();
    pairs.dedup();
    (words, pairs)
}

fn contains_phrase(line: &str, phrase: &str) -> bool {
    line.match_indices(phrase).any(|(i, _)| {
        let b = line.as_bytes();
        (i == 0 || !b[i - 1].is_ascii_alphanumeric())
            && b.get(i + phrase.len())
                .is_none_or(|c| !c.is_ascii_alphanumeric())
    })
}

/// How well `line` (lower case) names the role: 1 for one of its titles, [`TITLE_WORDS_MATCH`]
/// for its words, 0 otherwise; a line that names an ambition ("aspiring", "seeking") names none.
pub(crate) fn title_match(
    line: &str,
    titles: &[String],
    words: &[String],
    pairs: &[(String, String)],
) -> f64 {
    if ["aspiring", "seeking", "looking for", "want to become"]
        .iter()
        .any(|w| line.contains(w))
    {
        return 0.0;
    }
    if titles.iter().any(|t| contains_phrase(line, t)) {
        return 1.0;
    }
    let ws: Vec<&str> = words_of(line).collect();
    let word = ws
        .iter()
        .any(|w| words.binary_search_by(|x| x.as_str().cmp(w)).is_ok());
    let pair = ws
        .windows(2)
        .any(|p| pairs.iter().any(|(a, b)| a == p[0] && b == p[1]));
    if word || pair {
        TITLE_WORDS_MATCH
    } else {
        0.0
    }
}

/// The document's title match: the best of its first lines.
fn title_of(profile: &Profile, analysis: &Analysis) -> (Option<String>, f64) {
    let (words, pairs) = title_terms(profile);
    let titles: Vec<String> = profile.titles.iter().map(|t| t.to_lowercase()).collect();
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
        let m = title_match(&head.to_lowercase(), &titles, &words, &pairs);
        if m > best.1 {
            best = (Some(head), m);
        }
    }
    best
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
    let score = COVERAGE_SHARE * focused + TITLE_POINTS * title_match;
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
    fn titles_words_and_pairs() {
        let titles = [
            "Help Desk Technician".to_string(),
            "Service Desk Analyst".to_string(),
        ];
        let p = Profile {
            source: super::super::ProfileSource::Posting,
            name: String::new(),
            groups: Vec::new(),
            required_years: None,
            levels: Vec::new(),
            taxonomy: super::super::TaxonomyStamp {
                name: String::new(),
                version: String::new(),
                hash: String::new(),
            },
            titles: titles.to_vec(),
            level: None,
            other_requirements: Vec::new(),
            unrecognised: Vec::new(),
        };
        let (words, pairs) = title_terms(&p);
        assert_eq!(words, ["technician"]);
        assert!(pairs.contains(&("help".to_string(), "desk".to_string())));
        let lower: Vec<String> = titles.iter().map(|t| t.to_lowercase()).collect();
        assert_eq!(
            title_match("help desk technician ii", &lower, &words, &pairs),
            1.0
        );
        assert_eq!(
            title_match("it help desk", &lower, &words, &pairs),
            TITLE_WORDS_MATCH
        );
        assert_eq!(title_match("line cook", &lower, &words, &pairs), 0.0);
        assert_eq!(
            title_match("aspiring help desk technician", &lower, &words, &pairs),
            0.0
        );
    }
}
