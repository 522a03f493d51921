//! The score: the sum of per-group points, each group's points out of its maximum, earned by
//! named concepts with their spans. A concept counts once however often it repeats; prose in
//! experience counts more than a bare list; a text that is mostly keywords is scaled down.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::analysis::field_dated_years;
use super::analysis::{round1, Analysis, Context, Credit};
use super::fraction::{best_option, group_fraction, item_credits, round2, Reading};
use super::gaps::{self, Gap};
use super::levels::{self, LevelFit};
use super::polarity::Polarity;
use super::profile::{Profile, ProfileGroup, ProfileSource};
use super::requirements::Requirement;
use super::role_fit::{self, RoleFit};
use super::sections::{DocKind, KindBasis, SectionKind};
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
#[non_exhaustive]
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
#[non_exhaustive]
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
    /// When the requirement was met by one of its alternatives: the concept it names first
    /// ("ServiceNow" in "ServiceNow or a similar ticketing system", met by Jira Service
    /// Management).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asked: Option<ConceptId>,
}

/// One group's result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
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
#[non_exhaustive]
pub struct YearsCheck {
    /// Years asked for.
    pub required: f64,
    /// Years found (0 when none).
    pub found: f64,
}

/// A factor applied to the sum of the group points, with its reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
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
#[non_exhaustive]
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
    /// How the document's kind was decided: given by the caller or guessed from its cues.
    #[serde(default)]
    pub kind_basis: KindBasis,
    /// For a posting's profile: the share of what the posting asks that the document shows,
    /// 0 to 100, before adjustments (a resume that meets every requirement reads 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub match_rate: Option<f64>,
    /// For a posting's profile: the career level the posting asks for against the level the
    /// resume fits; two or more steps apart lower the score (the `level-gap` adjustment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level_gap: Option<LevelGap>,
    /// For a posting's profile: requirements that are not skills (a driver's licence, lifting,
    /// shifts, travel), for a recruiter to check by hand; not scored and never gaps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_requirements: Vec<Requirement>,
    /// For a posting's profile: requirement phrases the taxonomy cannot name ("RN license"),
    /// each counted as unmet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unrecognised: Vec<Requirement>,
    /// Concepts the document says it is working toward ("studying for Network+"), by id: never
    /// counted as found. Also listed in `negated`, which holds every concept not shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub in_progress: Vec<ConceptId>,
    /// For a role's profile: how the document's title and focus weighed on the score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_fit: Option<RoleFit>,
}

/// The level a posting asks for against the level a resume fits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LevelGap {
    /// The posting's level id (from its title cues, else its required years).
    pub posting: String,
    /// The resume's level id.
    pub resume: String,
    /// Steps between them on the role's ladder: positive when the resume is more senior.
    pub steps: i32,
}

/// Steps apart on the career ladder that cost nothing (a technician applying one level up).
const LEVEL_STEPS_FREE: i32 = 1;
/// Factor lost per step beyond the free ones.
const LEVEL_STEP_COST: f64 = 0.08;
/// The lowest factor the level gap applies: seniority lowers the fit moderately.
const LEVEL_FLOOR: f64 = 0.75;

impl ScoreReport {
    /// The product of the adjustment factors (1 when none applies).
    pub fn adjustment_factor(&self) -> f64 {
        self.adjustments.iter().map(|a| a.factor).product()
    }
}

/// Years, as read from the document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
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

/// The years of a document that an experience group is checked against. A posting states
/// them; a resume earns them with dated roles (or claims) whose entry names the group's field
/// or another technical concept of the profile: a line cook's years do not make a technician.
fn group_years(profile: &Profile, group: &ProfileGroup, analysis: &Analysis) -> Option<f64> {
    group.years?;
    let e = &analysis.experience;
    if analysis.kind == DocKind::Posting {
        return e.required_years;
    }
    let field: HashSet<&ConceptId> = group
        .field
        .iter()
        .chain(profile.groups.iter().flat_map(|g| {
            g.items
                .iter()
                .filter(|it| !matches!(it.kind, Kind::SoftSkill | Kind::Education | Kind::Other))
                .flat_map(|it| it.options())
        }))
        .collect();
    let counts = |m: &super::analysis::Mention| m.credit > 0.0 && field.contains(&m.concept);
    let dated = field_dated_years(&e.ranges, &analysis.sections, &analysis.mentions, counts);
    // A claim counts when its own sentence names the field ("8 years of IT support").
    let mentions = &analysis.mentions;
    let claimed = e
        .claims
        .iter()
        .filter(|c| {
            let from = c.span.start.saturating_sub(120);
            let to = c.span.end + 120;
            let lo = mentions.partition_point(|m| m.span.start < from);
            mentions[lo..]
                .iter()
                .take_while(|m| m.span.start < to)
                .any(counts)
        })
        .map(|c| c.years)
        .chain(
            e.per_skill
                .iter()
                .filter(|s| field.contains(&s.concept))
                .map(|s| s.years),
        )
        .fold(0.0, f64::max);
    let years = round1(dated.max(claimed));
    (years > 0.0).then_some(years)
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
    // A posting's requirements are met by a resume that shows them at all; a role's groups
    // weigh how well it shows them.
    let reading = if profile.source == ProfileSource::Posting && analysis.kind == DocKind::Resume {
        Reading::Shown
    } else {
        Reading::Strength
    };
    let group_years: Vec<Option<f64>> = profile
        .groups
        .iter()
        .map(|g| group_years(profile, g, analysis))
        .collect();
    let mut groups = Vec::with_capacity(profile.groups.len());
    let mut missing_essential = Vec::new();
    let mut unmet_essential_groups = Vec::new();
    let mut seen_missing: BTreeSet<&ConceptId> = BTreeSet::new();
    let lines = LineStarts::of(analysis.text_lower());
    for (g, &years) in profile.groups.iter().zip(&group_years) {
        let mut item_credits = item_credits(g, &credits, reading);
        if reading == Reading::Strength {
            one_line_cap(g, &mut item_credits, &credits, analysis, &lines);
        }
        let fraction = group_fraction(g, &item_credits, years);
        let max_points = g.weight * scale;
        let points = fraction * max_points;
        let mut matched = Vec::new();
        let mut missing = Vec::new();
        for (it, &earned) in g.items.iter().zip(&item_credits) {
            match best_option(g, it, &credits, reading) {
                Some((id, c, _)) if earned > 0.0 => {
                    let best = c.mentions.first().map(|&i| &analysis.mentions[i]);
                    let (name, kind) = if *id == it.concept {
                        (it.name.clone(), it.kind)
                    } else {
                        taxonomy
                            .concept(id.as_str())
                            .map_or((id.to_string(), it.kind), |k| (k.name.clone(), k.kind))
                    };
                    matched.push(Evidence {
                        concept: id.clone(),
                        name,
                        kind,
                        credit: round2(earned),
                        context: best.map(|m| m.context),
                        implied_by: c.implied_by.clone(),
                        spans: span_refs(analysis, c),
                        mentions: c.mentions.len(),
                        asked: (*id != it.concept).then(|| it.concept.clone()),
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
    let level = if analysis.kind == DocKind::Resume && !profile.levels.is_empty() {
        levels::fit(taxonomy, profile, analysis, &credits)
    } else {
        None
    };
    let level_gap = match (&profile.level, &level) {
        (Some(asked), Some(fit)) if profile.source == ProfileSource::Posting => {
            let at = |id: &str| profile.levels.iter().position(|l| l.id == id);
            match (at(asked), at(&fit.level)) {
                (Some(a), Some(b)) => Some(LevelGap {
                    posting: asked.clone(),
                    resume: fit.level.clone(),
                    steps: b as i32 - a as i32,
                }),
                _ => None,
            }
        }
        _ => None,
    };
    let mut adjustments = adjustments(analysis);
    if let Some(gap) = &level_gap {
        let beyond = gap.steps.abs() - LEVEL_STEPS_FREE;
        if beyond > 0 {
            let factor = (1.0 - LEVEL_STEP_COST * f64::from(beyond)).max(LEVEL_FLOOR);
            adjustments.push(Adjustment {
                id: "level-gap".to_string(),
                factor: round2(factor),
                reason: format!(
                    "the posting asks for {} and the resume fits {}: {} steps apart on the career ladder",
                    gap.posting,
                    gap.resume,
                    gap.steps.abs()
                ),
            });
        }
    }
    let factor: f64 = adjustments.iter().map(|a| a.factor).product();
    let mut raw: f64 = groups.iter().map(|g| g.points).sum();
    let mut role_fit = None;
    if profile.source == ProfileSource::Posting && analysis.kind == DocKind::Resume {
        // A posting's candidates: what the resume shows of the posting, with its title read
        // against the posting's and the role's titles.
        let (title, headline) = role_fit::title_of(profile, analysis);
        let title_match =
            role_fit::resume_title_match(headline, role_fit::roles_title_match(profile, analysis));
        raw = role_fit::with_title(raw, title_match);
        role_fit = Some(RoleFit {
            title,
            title_match,
            focus: 1.0,
            coverage: round1(groups.iter().map(|g| g.points).sum()),
        });
    } else if matches!(profile.source, ProfileSource::Role { .. }) {
        let kinds = |id: &ConceptId| {
            taxonomy
                .concept(id.as_str())
                .map_or(Kind::Other, |c| c.kind)
        };
        let (fit, fitted) = role_fit::role_fit(profile, analysis, &credits, raw, &kinds);
        raw = fitted;
        role_fit = Some(fit);
    }
    let score = round1((raw * factor).clamp(0.0, 100.0));
    let match_rate =
        (profile.source == ProfileSource::Posting).then(|| round1(raw.clamp(0.0, 100.0)));

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
    let in_progress: Vec<ConceptId> = analysis
        .mentions
        .iter()
        .filter(|m| m.polarity == Polarity::Negated && m.in_progress)
        .map(|m| &m.concept)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter(|id| !credits.contains_key(*id))
        .cloned()
        .collect();
    let gaps = if analysis.kind == DocKind::Resume {
        gaps::gaps(
            taxonomy,
            profile,
            &credits,
            &group_years,
            scale * factor,
            reading,
        )
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
        kind_basis: analysis.kind_basis,
        match_rate,
        level_gap,
        other_requirements: profile.other_requirements.clone(),
        unrecognised: profile.unrecognised.clone(),
        in_progress,
        role_fit,
    }
}

/// Starts of a text's lines, for finding the line of a byte by binary search.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn of(text: &str) -> LineStarts {
        LineStarts(
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        )
    }

    /// The start of the line holding byte `at`.
    fn line_of(&self, at: usize) -> usize {
        self.0[self.0.partition_point(|&s| s <= at).saturating_sub(1)]
    }
}

/// One line cannot fill a k-of-n group on its own ("proficient in Windows and Mac operating
/// systems" is one claim, not three): when every item the group credits is shown on one line
/// only, the same line, all but the best count half.
fn one_line_cap(
    group: &ProfileGroup,
    item_credits: &mut [f64],
    credits: &BTreeMap<ConceptId, Credit>,
    analysis: &Analysis,
    lines: &LineStarts,
) {
    if !matches!(group.rule, GroupRule::AtLeast(k) if k >= 2) {
        return;
    }
    let mut line: Option<usize> = None;
    let mut credited = 0;
    for (it, &earned) in group.items.iter().zip(item_credits.iter()) {
        if earned <= 0.0 {
            continue;
        }
        credited += 1;
        let Some((_, c, _)) = best_option(group, it, credits, Reading::Strength) else {
            continue;
        };
        for &i in &c.mentions {
            let l = lines.line_of(analysis.mentions[i].span.start);
            if *line.get_or_insert(l) != l {
                return;
            }
        }
    }
    if credited < 2 {
        return;
    }
    let best = item_credits
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(i, _)| i);
    for (i, c) in item_credits.iter_mut().enumerate() {
        if Some(i) != best {
            *c *= 0.5;
        }
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
