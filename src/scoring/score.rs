//! The score: the sum of per-group points, each group's points out of its maximum, earned by
//! named concepts with their spans. A concept counts once however often it repeats; prose in
//! experience counts more than a bare list; a text that is mostly keywords is scaled down.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::analysis::{round1, Analysis, Context, Credit};
use super::gaps::{self, Gap};
use super::levels::{self, LevelFit};
use super::profile::{Profile, ProfileGroup, ProfileSource};
use super::sections::{DocKind, SectionKind};
use super::years::YearMonth;
use super::TaxonomyStamp;
use crate::taxonomy::role::{GroupRule, Importance};
use crate::taxonomy::{ConceptId, Kind, Taxonomy};

/// Keyword density (share of words inside concept mentions) above which a resume is treated as
/// keyword-stuffed. Real resumes, even terse ones, stay well below; a bare list of terms sits
/// far above.
pub const STUFFING_DENSITY: f64 = 0.45;
/// The lowest factor the stuffing adjustment applies.
pub const STUFFING_FLOOR: f64 = 0.6;

/// One span of evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanRef {
    /// Byte offset where the mention starts.
    pub start: usize,
    /// Byte offset where it ends.
    pub end: usize,
    /// The surface text.
    pub text: String,
    /// The section it sits in.
    pub section: SectionKind,
}

/// A concept that earned points in a group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The concept's id.
    pub concept: ConceptId,
    /// Its canonical name.
    pub name: String,
    /// Its kind.
    pub kind: Kind,
    /// The credit it earned, 0 to 1 (1: shown in prose in experience; 0.6: in a bare list).
    pub credit: f64,
    /// Where the best mention sits: prose or list (absent when only implied).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    /// Set when the concept is not mentioned but implied by another (MD-102 implies Windows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implied_by: Option<ConceptId>,
    /// The mentions, best first (at most five).
    pub spans: Vec<SpanRef>,
    /// How many times the concept is mentioned (repeats do not add points).
    pub mentions: usize,
}

/// One group's result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupScore {
    /// The group's id.
    pub id: String,
    /// The group's name.
    pub name: String,
    /// All-of, any-of or at-least-k.
    pub rule: GroupRule,
    /// Essential or preferred.
    pub importance: Importance,
    /// Points earned (0-100 scale, the groups' maxima sum to 100).
    pub points: f64,
    /// Points available.
    pub max_points: f64,
    /// True when the group is fully met.
    pub met: bool,
    /// The concepts that earned the points.
    pub matched: Vec<Evidence>,
    /// The group's concepts not found, by id.
    pub missing: Vec<ConceptId>,
    /// For an experience group: the years found against the years asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<YearsCheck>,
}

/// Years found against years asked, for an experience group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearsCheck {
    /// Years asked for.
    pub required: f64,
    /// Years found (0 when none).
    pub found: f64,
}

/// A factor applied to the sum of the group points, with its reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Adjustment {
    /// Stable id (`keyword-stuffing`).
    pub id: String,
    /// The factor, below 1.
    pub factor: f64,
    /// Why.
    pub reason: String,
}

/// What a profile and a document came to: the score, per-group points with their evidence,
/// essential items missing, years, career level and gaps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreReport {
    /// The taxonomy used.
    pub taxonomy: TaxonomyStamp,
    /// Where the profile came from.
    pub profile: ProfileSource,
    /// The profile's name.
    pub profile_name: String,
    /// Resume or posting.
    pub doc_kind: DocKind,
    /// The month "Present" resolved to.
    pub as_of: YearMonth,
    /// The score, 0 to 100, one decimal.
    pub score: f64,
    /// Per group: points out of the maximum, and the concepts that earned them.
    pub groups: Vec<GroupScore>,
    /// Essential concepts not found, by id, in profile order.
    pub missing_essential: Vec<ConceptId>,
    /// Essential any-of or k-of-n groups not met, by id.
    pub unmet_essential_groups: Vec<String>,
    /// Concepts the document shows that the profile does not ask for, by id.
    pub extra: Vec<ConceptId>,
    /// Concepts the document denies ("no experience with Linux"), by id.
    pub negated: Vec<ConceptId>,
    /// Factors applied to the total (keyword stuffing).
    pub adjustments: Vec<Adjustment>,
    /// Years of experience found (resumes) or asked (postings).
    pub years: YearsSummary,
    /// The career level a resume fits, with reasons; absent for postings and for resumes that
    /// show no title or focus area of any level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<LevelFit>,
    /// What a resume lacks, ordered by the points each would add.
    pub gaps: Vec<Gap>,
    /// Share of the document's words inside concept mentions.
    pub keyword_density: f64,
}

impl ScoreReport {
    /// The product of the adjustment factors (1 when none applies).
    pub fn adjustment_factor(&self) -> f64 {
        self.adjustments.iter().map(|a| a.factor).product()
    }
}

/// Years, as read from the document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct YearsSummary {
    /// Total years of experience (resumes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<f64>,
    /// Years covered by dated roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dated: Option<f64>,
    /// The largest explicit claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed: Option<f64>,
    /// Years a posting requires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<f64>,
    /// Years per skill where the text ties them to a concept, by id.
    pub per_skill: BTreeMap<ConceptId, f64>,
}

/// The fraction of a group met, from item credits (any order).
pub(crate) fn group_fraction(group: &ProfileGroup, credits: &[f64], years: Option<f64>) -> f64 {
    let items = if group.items.is_empty() {
        None
    } else {
        // Most groups are small: sort on the stack (gaps calls this once per item).
        let mut stack = [0.0f64; 64];
        let mut heap = Vec::new();
        let sorted: &mut [f64] = if credits.len() <= stack.len() {
            stack[..credits.len()].copy_from_slice(credits);
            &mut stack[..credits.len()]
        } else {
            heap.extend_from_slice(credits);
            &mut heap
        };
        sorted.sort_by(|a, b| b.total_cmp(a));
        let sorted = &*sorted;
        let n = group.items.len() as f64;
        Some(match group.rule {
            GroupRule::All => sorted.iter().sum::<f64>() / n,
            GroupRule::Any => sorted.first().copied().unwrap_or(0.0),
            GroupRule::AtLeast(k) => {
                let k = (k as usize).max(1);
                (sorted.iter().take(k).sum::<f64>() / k as f64).min(1.0)
            }
        })
    };
    match (items, group.years) {
        (Some(f), None) => f,
        // Years only count for experience in the role: a chef's ten years do not make a
        // technician. The concepts ("help desk", "desktop support") carry half, years the rest.
        (Some(f), Some(y)) => {
            let yf = if y > 0.0 {
                (years.unwrap_or(0.0) / y).min(1.0)
            } else {
                1.0
            };
            f * (0.5 + 0.5 * yf)
        }
        (None, Some(y)) => {
            if y > 0.0 {
                (years.unwrap_or(0.0) / y).min(1.0)
            } else {
                1.0
            }
        }
        (None, None) => 0.0,
    }
}

/// The credit of each item of a group. A concept only implied by another item of the same
/// group earns nothing there: "help desk" implying "technical support" is one piece of
/// evidence, not two toward a k-of-n rule.
pub(crate) fn item_credits(
    group: &ProfileGroup,
    credits: &BTreeMap<ConceptId, Credit>,
) -> Vec<f64> {
    group
        .items
        .iter()
        .map(|it| match credits.get(&it.concept) {
            Some(c) => match &c.implied_by {
                Some(by) if group.items.iter().any(|o| &o.concept == by) => 0.0,
                _ => c.credit,
            },
            None => 0.0,
        })
        .collect()
}

fn span_refs(analysis: &Analysis, c: &Credit) -> Vec<SpanRef> {
    c.mentions
        .iter()
        .take(5)
        .map(|&i| {
            let m = &analysis.mentions[i];
            SpanRef {
                start: m.span.start,
                end: m.span.end,
                text: m.text.clone(),
                section: m.section,
            }
        })
        .collect()
}

/// The years of a document that an experience group is checked against.
fn doc_years(analysis: &Analysis) -> Option<f64> {
    match analysis.kind {
        DocKind::Resume => analysis.experience.total_years,
        DocKind::Posting => analysis.experience.required_years,
    }
}

/// Scores `analysis` against `profile`.
pub(crate) fn score(taxonomy: &Taxonomy, profile: &Profile, analysis: &Analysis) -> ScoreReport {
    let credits = analysis.credits(taxonomy);
    let total_weight = profile.total_weight();
    let scale = if total_weight > 0.0 {
        100.0 / total_weight
    } else {
        0.0
    };
    let years = doc_years(analysis);
    let mut groups = Vec::with_capacity(profile.groups.len());
    let mut missing_essential = Vec::new();
    let mut unmet_essential_groups = Vec::new();
    let mut seen_missing: BTreeSet<&ConceptId> = BTreeSet::new();
    for g in &profile.groups {
        let item_credits = item_credits(g, &credits);
        let fraction = group_fraction(g, &item_credits, years);
        let max_points = g.weight * scale;
        let points = fraction * max_points;
        let mut matched = Vec::new();
        let mut missing = Vec::new();
        for (it, &earned) in g.items.iter().zip(&item_credits) {
            match credits.get(&it.concept) {
                Some(c) if earned > 0.0 => {
                    let best = c.mentions.first().map(|&i| &analysis.mentions[i]);
                    matched.push(Evidence {
                        concept: it.concept.clone(),
                        name: it.name.clone(),
                        kind: it.kind,
                        credit: round2(earned),
                        context: best.map(|m| m.context),
                        implied_by: c.implied_by.clone(),
                        spans: span_refs(analysis, c),
                        mentions: c.mentions.len(),
                    });
                }
                _ => {
                    if it.importance == Importance::Essential && seen_missing.insert(&it.concept) {
                        missing_essential.push(it.concept.clone());
                    }
                    missing.push(it.concept.clone());
                }
            }
        }
        let met = fraction >= 0.999;
        if g.importance == Importance::Essential && g.rule != GroupRule::All && !met {
            unmet_essential_groups.push(g.id.clone());
        }
        groups.push(GroupScore {
            id: g.id.clone(),
            name: g.name.clone(),
            rule: g.rule,
            importance: g.importance,
            points: round2(points),
            max_points: round2(max_points),
            met,
            matched,
            missing,
            years: g.years.map(|required| YearsCheck {
                required,
                found: years.unwrap_or(0.0),
            }),
        });
    }
    let adjustments = adjustments(analysis);
    let factor: f64 = adjustments.iter().map(|a| a.factor).product();
    let raw: f64 = groups.iter().map(|g| g.points).sum();
    let score = round1((raw * factor).clamp(0.0, 100.0));

    // Only membership is needed here: a set of borrowed ids, not `Profile::concepts`' map of
    // cloned ones.
    let profile_concepts: HashSet<&ConceptId> = profile
        .groups
        .iter()
        .flat_map(|g| g.items.iter().map(|it| &it.concept))
        .collect();
    let extra: Vec<ConceptId> = credits
        .iter()
        .filter(|(id, c)| {
            c.credit > 0.0 && c.implied_by.is_none() && !profile_concepts.contains(*id)
        })
        .map(|(id, _)| id.clone())
        .collect();
    let negated: Vec<ConceptId> = analysis
        .negated()
        .map(|m| &m.concept)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter(|id| !credits.contains_key(*id))
        .cloned()
        .collect();
    let level = if analysis.kind == DocKind::Resume && !profile.levels.is_empty() {
        levels::fit(taxonomy, &profile.levels, analysis, &credits)
    } else {
        None
    };
    let gaps = if analysis.kind == DocKind::Resume {
        gaps::gaps(taxonomy, profile, &credits, years, scale * factor)
    } else {
        Vec::new()
    };
    let e = &analysis.experience;
    ScoreReport {
        taxonomy: TaxonomyStamp::of(taxonomy),
        profile: profile.source.clone(),
        profile_name: profile.name.clone(),
        doc_kind: analysis.kind,
        as_of: analysis.as_of,
        score,
        groups,
        missing_essential,
        unmet_essential_groups,
        extra,
        negated,
        adjustments,
        years: YearsSummary {
            total: e.total_years,
            dated: e.dated_years,
            claimed: e.claimed_years,
            required: e.required_years,
            per_skill: e
                .per_skill
                .iter()
                .map(|s| (s.concept.clone(), s.years))
                .collect(),
        },
        level,
        gaps,
        keyword_density: round2(analysis.keyword_density),
    }
}

/// The keyword-stuffing adjustment: a resume whose words are mostly concept names, with no
/// dated experience, is a list of claims rather than evidence. Scaled linearly from 1 at
/// [`STUFFING_DENSITY`] down to [`STUFFING_FLOOR`].
fn adjustments(analysis: &Analysis) -> Vec<Adjustment> {
    let mut out = Vec::new();
    if analysis.kind != DocKind::Resume || analysis.words < 20 {
        return out;
    }
    let d = analysis.keyword_density;
    if d > STUFFING_DENSITY {
        let factor = (1.0 - (d - STUFFING_DENSITY) * 1.5).clamp(STUFFING_FLOOR, 1.0);
        out.push(Adjustment {
            id: "keyword-stuffing".to_string(),
            factor: round2(factor),
            reason: format!(
                "{:.0}% of the words are skill keywords (threshold {:.0}%): a list of terms without context",
                d * 100.0,
                STUFFING_DENSITY * 100.0
            ),
        });
    }
    out
}

pub(crate) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Byte spans of a group's evidence, for callers that highlight text.
pub fn evidence_spans(group: &GroupScore) -> Vec<Range<usize>> {
    let mut v: Vec<Range<usize>> = group
        .matched
        .iter()
        .flat_map(|e| e.spans.iter().map(|s| s.start..s.end))
        .collect();
    v.sort_by_key(|r| (r.start, r.end));
    v
}
