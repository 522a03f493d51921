//! Career levels: which of a role's levels (Junior Desktop Technician to Desktop Support
//! Manager) a resume fits, from its years of experience, the titles it held and the focus areas
//! it shows, with the reasons spelled out.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use serde::{Deserialize, Serialize};

use super::analysis::{Analysis, Credits};
use super::cue_search::CueSearch;
use super::profile::{Plan, Profile};
use super::role_fit::names_ambition;
use super::sections::SectionKind;
use crate::taxonomy::role::CareerLevel;
use crate::taxonomy::{ConceptId, Taxonomy};

/// The level a resume fits, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
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

/// What makes a line about the role's work, from the role itself: the distinctive words of its
/// job titles ("technician", "desktop" for a desktop technician; "nurse" for a nurse) or a
/// mention of one of its technical concepts ("help desk", "Active Directory"). Nothing here
/// assumes a trade: a user's own role brings its own words.
pub(crate) struct RoleLines<'a> {
    /// The profile's title terms and technical concepts, worked out once per profile.
    plan: &'a Plan,
    analysis: &'a Analysis,
    /// Per line start, whether the line is about the role's work (computed once per line).
    verdicts: RefCell<HashMap<usize, bool>>,
    /// The line being judged, ASCII lower-cased (a buffer).
    line: RefCell<String>,
}

impl<'a> RoleLines<'a> {
    pub(crate) fn new(plan: &'a Plan, analysis: &'a Analysis) -> RoleLines<'a> {
        RoleLines {
            plan,
            analysis,
            verdicts: RefCell::new(HashMap::new()),
            line: RefCell::new(String::new()),
        }
    }

    /// The line around byte `at`: from the line break before it to the next one (at `at` or
    /// after).
    fn line_at(&self, at: usize) -> Range<usize> {
        let text = self.analysis.text().as_bytes();
        let start = memchr::memrchr(b'\n', &text[..at]).map_or(0, |p| p + 1);
        let end = memchr::memchr(b'\n', &text[at..]).map_or(text.len(), |p| at + p);
        start..end
    }

    /// Whether the line around byte `at` is about the role's work.
    fn names_role(&self, at: usize) -> bool {
        let r = self.line_at(at);
        if let Some(&v) = self.verdicts.borrow().get(&r.start) {
            return v;
        }
        let v = self.judge(r.clone());
        self.verdicts.borrow_mut().insert(r.start, v);
        v
    }

    fn judge(&self, r: Range<usize>) -> bool {
        // The line alone is lower-cased, for the title words and the ambition cues.
        let mut line = self.line.borrow_mut();
        line.clear();
        line.push_str(&self.analysis.text()[r.clone()]);
        line.make_ascii_lowercase();
        let line = line.as_str();
        // "Aspiring Desktop Technician" names a goal, not a level held.
        if names_ambition(line) {
            return false;
        }
        let technical = &self.plan.technical;
        let mentions = &self.analysis.mentions;
        let first = mentions.partition_point(|m| m.span.start < r.start);
        mentions[first..]
            .iter()
            .take_while(|m| m.span.start < r.end)
            .any(|m| m.credit > 0.0 && technical.binary_search(&m.index).is_ok())
            || self.plan.titles.names_words(line)
    }
}

/// Whether the cue occurrence at `at` (`len` bytes) of `text` (the document as given: its
/// letters' case does not change which bytes are alphanumeric) counts: a whole word, in the
/// preamble or the experience, on a line about the role's work.
fn cue_counts(lines: &RoleLines<'_>, text: &str, at: usize, len: usize) -> bool {
    let bytes = text.as_bytes();
    let left = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
    let right = bytes
        .get(at + len)
        .is_none_or(|b| !b.is_ascii_alphanumeric());
    left && right
        && matches!(
            lines.analysis.sections.kind_at(at),
            SectionKind::Preamble | SectionKind::Experience
        )
        && lines.names_role(at)
}

/// Title cues of `level` found in the resume's preamble (its title) or experience, on a line
/// about IT work, as written (a summary's "moving into IT support" is an ambition, not a title).
/// Each cue searched for in turn, in a lower-cased copy of `text` made for it: the rare path of
/// levels with an empty cue; [`CueFinder`] finds the same in one pass.
fn cues_found_by_search(level: &CareerLevel, lines: &RoleLines<'_>, text: &str) -> Vec<String> {
    let lower = &text.to_ascii_lowercase()[..];
    let mut found = Vec::new();
    for cue in &level.cues {
        let c = cue.to_ascii_lowercase();
        let mut from = 0;
        while let Some(p) = lower[from..].find(&c) {
            let at = from + p;
            from = at + c.len().max(1);
            if cue_counts(lines, text, at, c.len()) {
                found.push(cue.clone());
                break;
            }
        }
    }
    found
}

/// The title cues of every level, gathered so that a resume is read once for all of them
/// instead of once per cue: the section cue search ([`super::sections::Cues`]) carries them as
/// phrases of its own and finds them in the same pass as the section cues; a search of their
/// own (the same [`CueSearch`]) serves a profile whose levels the scorer's pass did not carry.
/// Kept while the levels' cues stay the same (every profile of a taxonomy carries the same
/// levels).
#[derive(Debug)]
pub(crate) struct CueFinder {
    /// The levels' cues in order, as written: the key the finder was built for.
    key: Vec<String>,
    /// Distinct lower-cased cues, the search's phrases.
    cues: Vec<String>,
    /// Per level, per cue, the index into `cues`.
    index: Vec<Vec<usize>>,
    /// The cues' own search (ASCII-case-insensitive), filed when first needed.
    search: OnceLock<CueSearch>,
}

/// The starts of each level cue's occurrences in one document (see [`CueFinder::occurrences`]),
/// found by the section cue pass.
#[derive(Clone, Debug)]
pub(crate) struct LevelHits {
    pub(crate) finder: Arc<CueFinder>,
    pub(crate) starts: Vec<Vec<usize>>,
}

impl PartialEq for LevelHits {
    fn eq(&self, other: &LevelHits) -> bool {
        self.finder.key == other.finder.key && self.starts == other.starts
    }
}

impl CueFinder {
    /// The finder for `levels`, or `None` when a cue is empty (the search handles those).
    pub(crate) fn of(levels: &[CareerLevel]) -> Option<Arc<CueFinder>> {
        static LAST: Mutex<Option<Arc<CueFinder>>> = Mutex::new(None);
        let same = |f: &CueFinder| f.key.iter().eq(levels.iter().flat_map(|l| &l.cues));
        let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(f) = last.as_ref().filter(|f| same(f)) {
            return Some(f.clone());
        }
        let mut cues: Vec<String> = Vec::new();
        let mut index = Vec::with_capacity(levels.len());
        for level in levels {
            let mut row = Vec::with_capacity(level.cues.len());
            for cue in &level.cues {
                let c = cue.to_ascii_lowercase();
                if c.is_empty() {
                    return None;
                }
                row.push(cues.iter().position(|x| *x == c).unwrap_or_else(|| {
                    cues.push(c);
                    cues.len() - 1
                }));
            }
            index.push(row);
        }
        let finder = Arc::new(CueFinder {
            key: levels.iter().flat_map(|l| l.cues.iter().cloned()).collect(),
            cues,
            index,
            search: OnceLock::new(),
        });
        *last = Some(finder.clone());
        Some(finder)
    }

    /// The distinct lower-cased cues.
    pub(crate) fn cues(&self) -> &[String] {
        &self.cues
    }

    /// Per distinct cue, the starts of its non-overlapping occurrences in `text` (compared
    /// ASCII-case-insensitively), as searching for it alone in the lower-cased text finds them.
    fn occurrences(&self, text: &str) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); self.cues.len()];
        let search = self
            .search
            .get_or_init(|| CueSearch::new(self.cues.iter().map(String::as_str)));
        let mut last_end = vec![0usize; self.cues.len()];
        // Every occurrence comes, overlapping or not, one cue's in order of their starts.
        search.for_each(text.as_bytes(), |p, start| {
            if start >= last_end[p] {
                last_end[p] = start + search.len(p);
                out[p].push(start);
            }
        });
        out
    }

    /// [`cues_found_by_search`] for level `i`, over the `occurrences` of each cue.
    fn found(
        &self,
        levels: &[CareerLevel],
        i: usize,
        occurrences: &[Vec<usize>],
        lines: &RoleLines<'_>,
        text: &str,
    ) -> Vec<String> {
        let mut found = Vec::new();
        for (cue, &c) in levels[i].cues.iter().zip(&self.index[i]) {
            let len = self.cues[c].len();
            if occurrences[c]
                .iter()
                .any(|&at| cue_counts(lines, text, at, len))
            {
                found.push(cue.clone());
            }
        }
        found
    }
}

/// Places a resume on one of `levels`; `None` when it shows no title or focus area of any
/// level (years alone, say a chef's, do not make a Desktop Support Manager).
pub(crate) fn fit(
    taxonomy: &Taxonomy,
    profile: &Profile,
    plan: &Plan,
    analysis: &Analysis,
    credits: &Credits<'_>,
) -> Option<LevelFit> {
    let levels = &profile.levels[..];
    let lines = RoleLines::new(plan, analysis);
    // Years in IT work, not in any trade: a chef's or a store supervisor's years do not make a
    // lead technician.
    let years = analysis
        .experience
        .relevant_years
        .or(analysis.experience.total_years);
    let text = analysis.text();
    let finder = CueFinder::of(levels);
    // The scorer's cue pass found the cues of its role's levels; other levels are searched here.
    let occurrences = finder.as_ref().map(|f| match analysis.level_hits() {
        Some(h) if Arc::ptr_eq(&h.finder, f) || h.finder.key == f.key => {
            std::borrow::Cow::Borrowed(&h.starts[..])
        }
        _ => std::borrow::Cow::Owned(f.occurrences(analysis.text())),
    });
    let mut best: Option<(f64, usize, Vec<String>)> = None;
    let mut any_evidence = false;
    debug_assert_eq!(plan.level_focus.len(), levels.len());
    for ((i, level), focus) in levels.iter().enumerate().zip(&plan.level_focus) {
        let yf = year_fit(level, years);
        let credited = |&(at, _): &&(Option<usize>, bool)| {
            at.and_then(|at| credits.at(at))
                .is_some_and(|c| c.credit > 0.0)
        };
        let shown = focus.iter().filter(credited).count();
        let ff = if level.concepts.is_empty() {
            0.0
        } else {
            shown as f64 / level.concepts.len() as f64
        };
        let cues = match (&finder, &occurrences) {
            (Some(f), Some(occ)) => f.found(levels, i, occ, &lines, text),
            _ => cues_found_by_search(level, &lines, text),
        };
        let cf: f64 = if cues.is_empty() { 0.0 } else { 1.0 };
        // Years alone do not make a lead or a manager: the year fit counts only with the
        // level's titles or focus areas in the resume.
        let evidence = cf.max((2.0 * ff).min(1.0));
        // Soft skills (leadership, budgeting) are shared with every trade: only titles or
        // technical focus areas show that a resume is on this role's ladder at all.
        let technical = focus.iter().any(|f| f.1 && credited(&f));
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
                basis.push("counting dated roles that name the role's work".to_string());
            }
            if let Some(d) = e.dated_years {
                basis.push(format!("dated roles cover {d} years"));
            }
            if let Some(c) = e.claimed_years {
                basis.push(format!("the resume states {c} years"));
            }
            reasons.push(format!(
                "{y} years of experience in the role's field ({}); {} is usually {range}",
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::{DocKind, Scorer};

    /// The one-pass cue finder finds what a search per cue finds, on the fixtures and on
    /// generated lines made of the cues, IT words, headings and overlapping repeats.
    #[test]
    fn one_pass_finds_what_the_searches_found() {
        let scorer = Scorer::new(crate::Taxonomy::embedded()).unwrap();
        let profile = scorer.default_profile().unwrap();
        let plan = Plan::of(scorer.taxonomy(), &profile);
        let levels = &profile.levels;
        let mut words: Vec<String> = levels.iter().flat_map(|l| l.cues.clone()).collect();
        words.extend(
            [
                "help desk",
                "it",
                "support",
                "aspiring",
                "Experience\n",
                "Summary\n",
                "\n",
                ", ",
                "x",
                "lead",
                "senior ",
                "desk desk",
                "IT ",
            ]
            .map(String::from),
        );
        let mut texts: Vec<String> = Vec::new();
        for dir in ["resumes", "postings"] {
            let root = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/");
            for e in std::fs::read_dir(format!("{root}{dir}")).unwrap().flatten() {
                texts.push(std::fs::read_to_string(e.path()).unwrap());
            }
        }
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..400 {
            let mut t = String::new();
            for _ in 0..12 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let w = &words[(seed % words.len() as u64) as usize];
                t.push_str(w);
                if seed % 3 == 0 {
                    t.push(' ');
                }
            }
            texts.push(t);
        }
        let finder = CueFinder::of(levels).unwrap();
        let mut shown = 0;
        for t in &texts {
            let a = scorer.analyze(t, Some(DocKind::Resume));
            let lines = RoleLines::new(&plan, &a);
            let occ = finder.occurrences(&t.to_ascii_lowercase());
            // The scorer's cue pass carried the cues of the same levels, over the text as given.
            let folded = a.level_hits().expect("the pass carried the level cues");
            assert!(Arc::ptr_eq(&folded.finder, &finder));
            assert_eq!(folded.starts, finder.occurrences(t), "{t:?}");
            for (i, level) in levels.iter().enumerate() {
                let found = finder.found(levels, i, &occ, &lines, t);
                assert_eq!(found, cues_found_by_search(level, &lines, t), "{t:?}");
                let in_pass = finder.found(levels, i, &folded.starts, &lines, t);
                assert_eq!(in_pass, found, "{t:?}");
                shown += found.len();
            }
        }
        assert!(shown > 100, "the texts show cues ({shown})");
    }
}
