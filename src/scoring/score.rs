//! The score: the sum of per-group points, each group's points out of its maximum, earned by
//! named concepts with their spans. A concept counts once however often it repeats; prose in
//! experience counts more than a bare list; a text that is mostly keywords is scaled down.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::analysis::{field_dated_years, round1, Analysis, Context, Mention};
use super::fraction::{group_fraction, round2, Credits, GroupOptions, Reading};
use super::gaps::{self, Gap};
use super::levels::{self, LevelFit};
use super::profile::{Plan, PreparedProfile, Profile, ProfileGroup, ProfileSource};
use super::requirements::Requirement;
use super::role_fit::{self, RoleFit};
use super::sections::{DocKind, KindBasis, SectionKind};
use super::years::YearMonth;
use super::{Scorer, TaxonomyStamp};
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

fn span_refs(analysis: &Analysis, mentions: &[usize]) -> Vec<SpanRef> {
    mentions
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

/// The score and the ids a compact record carries: what [`Scorer::summarize`] works out
/// without the evidence, gaps and explanations of a full [`ScoreReport`], and what
/// [`ScoreReport::summary`] reads from a full one. The two are equal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScoreSummary {
    /// The taxonomy used.
    pub taxonomy: TaxonomyStamp,
    /// Where the profile came from.
    pub profile: ProfileSource,
    /// The score, 0 to 100, one decimal.
    pub score: f64,
    /// The career level a resume fits, by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Essential concepts not found, by id, in profile order.
    pub missing_essential: Vec<ConceptId>,
    /// Concepts the document denies or works toward, by id.
    pub negated: Vec<ConceptId>,
    /// Of `negated`, the concepts the document works toward ("studying for Network+").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub in_progress: Vec<ConceptId>,
}

impl ScoreReport {
    /// The summary of the report: its score and the ids a compact record carries.
    pub fn summary(&self) -> ScoreSummary {
        ScoreSummary {
            taxonomy: self.taxonomy.clone(),
            profile: self.profile.clone(),
            score: self.score,
            level: self.level.as_ref().map(|l| l.level.clone()),
            missing_essential: self.missing_essential.clone(),
            negated: self.negated.clone(),
            in_progress: self.in_progress.clone(),
        }
    }
}

impl Scorer {
    /// Prepares `profile` for scoring many documents: what does not depend on the document
    /// (its concepts as positions in the taxonomy, its title terms and level cues) is worked
    /// out once, here, instead of once per document.
    ///
    /// ```
    /// use rolefit::scoring::Scorer;
    /// let scorer = Scorer::new(rolefit::Taxonomy::embedded()).unwrap();
    /// let profile = scorer.default_profile().unwrap();
    /// let prepared = scorer.prepare(profile.clone());
    /// let resume = scorer.analyze("Experience\nHelp Desk Technician, 2019 - Present\n", None);
    /// let report = scorer.score_prepared(&prepared, &resume);
    /// assert_eq!(report, scorer.score(&profile, &resume));
    /// assert_eq!(scorer.summarize(&prepared, &resume), report.summary());
    /// ```
    pub fn prepare(&self, profile: Profile) -> PreparedProfile {
        PreparedProfile::new(self.taxonomy(), profile)
    }

    /// Scores an analysed document against a prepared profile: the same report as
    /// [`Scorer::score`] gives for the profile it holds.
    pub fn score_prepared(&self, profile: &PreparedProfile, document: &Analysis) -> ScoreReport {
        let taxonomy = self.taxonomy();
        with_plan(taxonomy, profile, |plan| {
            report(taxonomy, profile.profile(), plan, document)
        })
    }

    /// Only the score and the ids a compact record carries ([`ScoreReport::summary`] of the
    /// full report), without building the evidence, the gaps or any explanation: the work is
    /// in proportion to what the document shows, not to the profile's advice and options.
    pub fn summarize(&self, profile: &PreparedProfile, document: &Analysis) -> ScoreSummary {
        let taxonomy = self.taxonomy();
        with_plan(taxonomy, profile, |plan| {
            let s = evaluate(taxonomy, profile.profile(), plan, document);
            ScoreSummary {
                taxonomy: TaxonomyStamp::of(taxonomy),
                profile: profile.profile().source.clone(),
                score: s.score,
                level: s.level.map(|l| l.level),
                missing_essential: s.missing_essential,
                negated: s.negated,
                in_progress: s.in_progress,
            }
        })
    }
}

/// Runs `f` with the plan of `profile` for `taxonomy`: the prepared one, or, for a profile
/// prepared with another taxonomy (whose concept positions differ), one made for this call.
fn with_plan<T>(taxonomy: &Taxonomy, profile: &PreparedProfile, f: impl FnOnce(&Plan) -> T) -> T {
    if profile.prepared_for(taxonomy) {
        f(profile.plan())
    } else {
        f(&Plan::of(taxonomy, profile.profile()))
    }
}

/// The years of a document that an experience group is checked against. A posting states
/// them; a resume earns them with dated roles (or claims) whose entry names the group's field
/// or another technical concept of the profile (`field`, from [`Plan::years_fields`]): a line
/// cook's years do not make a technician.
fn group_years(
    taxonomy: &Taxonomy,
    group: &ProfileGroup,
    field: &[usize],
    analysis: &Analysis,
) -> Option<f64> {
    group.years?;
    let e = &analysis.experience;
    if analysis.kind == DocKind::Posting {
        return e.required_years;
    }
    let in_field = |i: usize| field.binary_search(&i).is_ok();
    let counts = |m: &Mention| m.credit > 0.0 && in_field(m.index);
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
                .filter(|s| {
                    taxonomy
                        .concept_index(s.concept.as_str())
                        .is_some_and(in_field)
                })
                .map(|s| s.years),
        )
        .fold(0.0, f64::max);
    let years = round1(dated.max(claimed));
    (years > 0.0).then_some(years)
}

/// One group's result before its evidence is written out.
struct GroupPass {
    /// Where its items' credits sit in [`Evaluation::items`].
    items: Range<usize>,
    fraction: f64,
    max_points: f64,
    /// Points earned, rounded as reported.
    points: f64,
}

/// What the score comes to, before the report (or the summary) is written out.
struct Evaluation<'t> {
    credits: Credits<'t>,
    reading: Reading,
    scale: f64,
    group_years: Vec<Option<f64>>,
    groups: Vec<GroupPass>,
    /// Every item's credit, group after group.
    items: Vec<f64>,
    /// The credits [`one_line_cap`] halved, before it did (position in `items`, credit): the
    /// gaps read the credits as the options earn them.
    capped: Vec<(usize, f64)>,
    missing_essential: Vec<ConceptId>,
    level: Option<LevelFit>,
    level_gap: Option<LevelGap>,
    /// The keyword-stuffing factor, with the keyword density that set it.
    stuffing: Option<(f64, f64)>,
    /// The factor the level gap costs.
    level_factor: Option<f64>,
    factor: f64,
    score: f64,
    match_rate: Option<f64>,
    role_fit: Option<RoleFit>,
    negated: Vec<ConceptId>,
    in_progress: Vec<ConceptId>,
}

/// Scores `analysis` against `profile`.
pub(crate) fn score(taxonomy: &Taxonomy, profile: &Profile, analysis: &Analysis) -> ScoreReport {
    report(taxonomy, profile, &Plan::of(taxonomy, profile), analysis)
}

/// What every reading of a score needs: the groups' points, the adjustments, the title and
/// focus, the score, and the concepts missing and denied.
fn evaluate<'t>(
    taxonomy: &'t Taxonomy,
    profile: &Profile,
    plan: &Plan,
    analysis: &Analysis,
) -> Evaluation<'t> {
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
        .zip(&plan.years_fields)
        .map(|(g, field)| group_years(taxonomy, g, field, analysis))
        .collect();
    // One credit per item of the profile: sized once, not grown group by group.
    let mut items: Vec<f64> =
        Vec::with_capacity(profile.groups.iter().map(|g| g.items.len()).sum());
    let mut capped: Vec<(usize, f64)> = Vec::new();
    let mut groups = Vec::with_capacity(profile.groups.len());
    let mut missing_essential: Vec<ConceptId> = Vec::new();
    for ((g, options), &years) in profile.groups.iter().zip(&plan.groups).zip(&group_years) {
        let start = items.len();
        options.extend_credits(&credits, reading, &mut items);
        let before = capped.len();
        if reading == Reading::Strength {
            let item_credits = &items[start..];
            if one_line_capped(g, options, item_credits, &credits, analysis) {
                capped.extend(
                    item_credits
                        .iter()
                        .enumerate()
                        .map(|(i, &c)| (start + i, c)),
                );
            }
        }
        let item_credits = &mut items[start..];
        if capped.len() > before {
            halve_all_but_the_best(item_credits);
        }
        let fraction = group_fraction(g, item_credits, years);
        let max_points = g.weight * scale;
        let points = fraction * max_points;
        for (it, &earned) in g.items.iter().zip(item_credits.iter()) {
            // An item earns credit exactly when it has a best option.
            if earned <= 0.0
                && it.importance == Importance::Essential
                && !missing_essential.contains(&it.concept)
            {
                missing_essential.push(it.concept.clone());
            }
        }
        groups.push(GroupPass {
            items: start..items.len(),
            fraction,
            max_points,
            points: round2(points),
        });
    }
    let level = if analysis.kind == DocKind::Resume && !profile.levels.is_empty() {
        levels::fit(taxonomy, profile, plan, analysis, &credits)
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
    let stuffing = stuffing(analysis);
    let level_factor = level_gap.as_ref().and_then(|gap| {
        let beyond = gap.steps.abs() - LEVEL_STEPS_FREE;
        (beyond > 0).then(|| round2((1.0 - LEVEL_STEP_COST * f64::from(beyond)).max(LEVEL_FLOOR)))
    });
    // The adjustments' factors, in the order the report lists them.
    let factor: f64 = stuffing
        .map(|s| s.1)
        .into_iter()
        .chain(level_factor)
        .product();
    let mut raw: f64 = groups.iter().map(|g| g.points).sum();
    let mut role_fit = None;
    // The share of what a posting asks that the document shows, before title and years.
    let mut coverage = None;
    if profile.source == ProfileSource::Posting && analysis.kind == DocKind::Resume {
        // A posting's candidates: what the resume shows of the posting, with its title read
        // against the posting's and the role's titles, its years in the posting's field, and
        // its requirements weighed by how it shows them (duties count more than a skills list).
        let (title, headline) = role_fit::title_of(profile, plan, analysis);
        let dated_roles = role_fit::role_titles(profile, plan, analysis);
        let roles = role_fit::roles_title_match(&dated_roles);
        let title_match = role_fit::resume_title_match(headline, roles);
        let mut strength = Vec::new();
        let evidence: f64 = profile
            .groups
            .iter()
            .zip(&plan.groups)
            .zip(&group_years)
            .map(|((g, options), &years)| {
                strength.clear();
                options.extend_credits(&credits, Reading::Strength, &mut strength);
                group_fraction(g, &strength, years) * g.weight * scale
            })
            .sum();
        let field_years = role_fit::field_years(profile, plan, analysis, &dated_roles);
        coverage = Some(raw);
        raw = role_fit::job_fit(evidence, title_match, &field_years);
        role_fit = Some(RoleFit {
            title,
            title_match: round2(title_match),
            focus: 1.0,
            coverage: round1(groups.iter().map(|g| g.points).sum()),
            headline_match: Some(round2(headline)),
            roles_match: roles.map(round2),
            evidence: Some(round1(evidence)),
            field_years: Some(field_years),
        });
    } else if matches!(profile.source, ProfileSource::Role { .. }) {
        let concepts = taxonomy.concepts();
        let kinds = |i: usize| concepts[i].kind;
        let (fit, fitted) = role_fit::role_fit(profile, plan, analysis, &credits, raw, &kinds);
        raw = fitted;
        role_fit = Some(fit);
    }
    let score = round1((raw * factor).clamp(0.0, 100.0));
    let match_rate = (profile.source == ProfileSource::Posting)
        .then(|| round1(coverage.unwrap_or(raw).clamp(0.0, 100.0)));
    // Denied concepts by id, each once, unless the document shows them elsewhere.
    let not_shown = |denied: &mut dyn Iterator<Item = &Mention>| -> Vec<ConceptId> {
        let mut v: Vec<&Mention> = denied.filter(|m| !credits.contains(m.index)).collect();
        v.sort_unstable_by(|a, b| a.concept.cmp(&b.concept));
        v.dedup_by(|a, b| a.concept == b.concept);
        v.into_iter().map(|m| m.concept.clone()).collect()
    };
    let negated = not_shown(&mut analysis.negated());
    let in_progress = not_shown(&mut analysis.negated().filter(|m| m.in_progress));
    Evaluation {
        credits,
        reading,
        scale,
        group_years,
        groups,
        items,
        capped,
        missing_essential,
        level,
        level_gap,
        stuffing,
        level_factor,
        factor,
        score,
        match_rate,
        role_fit,
        negated,
        in_progress,
    }
}

/// The full report of `analysis` against `profile`: [`evaluate`], with every group's evidence
/// and missing concepts, the adjustments' reasons, the extra concepts, the years and the gaps.
fn report(taxonomy: &Taxonomy, profile: &Profile, plan: &Plan, analysis: &Analysis) -> ScoreReport {
    let e = evaluate(taxonomy, profile, plan, analysis);
    let credits = &e.credits;
    let mut groups = Vec::with_capacity(profile.groups.len());
    let mut unmet_essential_groups = Vec::new();
    for (((g, options), pass), &years) in profile
        .groups
        .iter()
        .zip(&plan.groups)
        .zip(&e.groups)
        .zip(&e.group_years)
    {
        // Each item is matched exactly when it earned credit: both lists sized at once.
        let earned = &e.items[pass.items.clone()];
        let found = earned.iter().filter(|&&c| c > 0.0).count();
        let mut matched = Vec::with_capacity(found);
        let mut missing = Vec::with_capacity(earned.len() - found);
        for (i, (it, &earned)) in g.items.iter().zip(earned).enumerate() {
            // An item earns credit exactly when it has a best option.
            let best = if earned > 0.0 {
                options.best(i, credits, e.reading)
            } else {
                None
            };
            match best {
                Some((c, _)) => {
                    let id = credits.id(c.index);
                    let mentions = credits.mentions(c);
                    let best = mentions.first().map(|&i| &analysis.mentions[i]);
                    let (name, kind) = if *id == it.concept {
                        (it.name.clone(), it.kind)
                    } else {
                        let k = &taxonomy.concepts()[c.index];
                        (k.name.clone(), k.kind)
                    };
                    matched.push(Evidence {
                        concept: id.clone(),
                        name,
                        kind,
                        credit: round2(earned),
                        context: best.map(|m| m.context),
                        implied_by: c.implied_by.map(|by| credits.id(by).clone()),
                        spans: span_refs(analysis, mentions),
                        mentions: mentions.len(),
                        asked: (*id != it.concept).then(|| it.concept.clone()),
                    });
                }
                _ => missing.push(it.concept.clone()),
            }
        }
        let met = pass.fraction >= 0.999;
        if g.importance == Importance::Essential && g.rule != GroupRule::All && !met {
            unmet_essential_groups.push(g.id.clone());
        }
        groups.push(GroupScore {
            id: g.id.clone(),
            name: g.name.clone(),
            rule: g.rule,
            importance: g.importance,
            points: pass.points,
            max_points: round2(pass.max_points),
            met,
            matched,
            missing,
            years: g.years.map(|required| YearsCheck {
                required,
                found: years.unwrap_or(0.0),
            }),
        });
    }
    let mut adjustments = Vec::new();
    if let Some((d, factor)) = e.stuffing {
        adjustments.push(Adjustment {
            id: "keyword-stuffing".to_string(),
            factor,
            reason: format!(
                "{:.0}% of the words are skill keywords (threshold {:.0}%): a list of terms without context",
                d * 100.0,
                STUFFING_DENSITY * 100.0
            ),
        });
    }
    if let (Some(gap), Some(factor)) = (&e.level_gap, e.level_factor) {
        adjustments.push(Adjustment {
            id: "level-gap".to_string(),
            factor,
            reason: format!(
                "the posting asks for {} and the resume fits {}: {} steps apart on the career ladder",
                gap.posting,
                gap.resume,
                gap.steps.abs()
            ),
        });
    }
    let extra: Vec<ConceptId> = credits
        .iter()
        .filter(|(_, c)| {
            c.credit > 0.0
                && c.implied_by.is_none()
                && plan.concepts.binary_search(&c.index).is_err()
        })
        .map(|(id, _)| id.clone())
        .collect();
    let gaps = if analysis.kind == DocKind::Resume {
        // The items' credits as their options earn them: the evaluation's, uncapped.
        let mut earned = e.items.clone();
        for &(i, c) in &e.capped {
            earned[i] = c;
        }
        let by_group: Vec<&[f64]> = e.groups.iter().map(|g| &earned[g.items.clone()]).collect();
        gaps::gaps(
            taxonomy,
            profile,
            &by_group,
            &e.group_years,
            e.scale * e.factor,
        )
    } else {
        Vec::new()
    };
    let x = &analysis.experience;
    ScoreReport {
        taxonomy: TaxonomyStamp::of(taxonomy),
        profile: profile.source.clone(),
        profile_name: profile.name.clone(),
        doc_kind: analysis.kind,
        as_of: analysis.as_of,
        score: e.score,
        groups,
        missing_essential: e.missing_essential,
        unmet_essential_groups,
        extra,
        negated: e.negated,
        adjustments,
        years: YearsSummary {
            total: x.total_years,
            dated: x.dated_years,
            claimed: x.claimed_years,
            required: x.required_years,
            per_skill: x
                .per_skill
                .iter()
                .map(|s| (s.concept.clone(), s.years))
                .collect(),
        },
        level: e.level,
        gaps,
        keyword_density: round2(analysis.keyword_density),
        kind_basis: analysis.kind_basis,
        match_rate: e.match_rate,
        level_gap: e.level_gap,
        other_requirements: profile.other_requirements.clone(),
        unrecognised: profile.unrecognised.clone(),
        in_progress: e.in_progress,
        role_fit: e.role_fit,
    }
}

/// The line holding byte `at` of `text`, without its line break: found by searching back and
/// forth from `at` only, so that the cost is the line's length, not the text's.
fn line_around(text: &str, at: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
    start..end
}

/// One line cannot fill a k-of-n group on its own ("proficient in Windows and Mac operating
/// systems" is one claim, not three): true when every item the group credits (two or more) is
/// shown on one line only, the same line; [`halve_all_but_the_best`] then applies. The line of
/// the first mention is found around it; every other mention is checked against it.
fn one_line_capped(
    group: &ProfileGroup,
    options: &GroupOptions,
    item_credits: &[f64],
    credits: &Credits<'_>,
    analysis: &Analysis,
) -> bool {
    if !matches!(group.rule, GroupRule::AtLeast(k) if k >= 2) {
        return false;
    }
    let mut line: Option<Range<usize>> = None;
    let mut credited = 0;
    for (i, &earned) in item_credits.iter().enumerate() {
        if earned <= 0.0 {
            continue;
        }
        credited += 1;
        let Some((c, _)) = options.best(i, credits, Reading::Strength) else {
            continue;
        };
        for &m in credits.mentions(c) {
            let at = analysis.mentions[m].span.start;
            let line = line.get_or_insert_with(|| line_around(analysis.text(), at));
            if !line.contains(&at) && at != line.end {
                return false;
            }
        }
    }
    credited >= 2
}

/// Halves every item credit of a group but the best (the last of equal best, as `max_by` gives).
fn halve_all_but_the_best(item_credits: &mut [f64]) {
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
/// [`STUFFING_DENSITY`] down to [`STUFFING_FLOOR`]. The keyword density and the factor.
fn stuffing(analysis: &Analysis) -> Option<(f64, f64)> {
    if analysis.kind != DocKind::Resume || analysis.words < 20 {
        return None;
    }
    let d = analysis.keyword_density;
    (d > STUFFING_DENSITY).then(|| {
        let factor = (1.0 - (d - STUFFING_DENSITY) * 1.5).clamp(STUFFING_FLOOR, 1.0);
        (d, round2(factor))
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::fraction::tests::fixtures;

    /// Every fixture against the role, each posting fixture and a resume's profile: the prepared
    /// profile scores as the plain one, and the summary is the full report's.
    #[test]
    fn summary_and_prepared_scores_equal_the_full_report() {
        let mut scorer = Scorer::new(Taxonomy::embedded()).unwrap();
        scorer.as_of(YearMonth::new(2026, 11));
        let docs = fixtures();
        let mut profiles = vec![scorer.default_profile().unwrap()];
        for (text, kind) in &docs {
            match kind {
                DocKind::Posting => profiles.push(scorer.posting_profile(text)),
                DocKind::Resume if profiles.len() < 3 => profiles.push(scorer.resume_profile(text)),
                DocKind::Resume => {}
            }
        }
        let (mut levels, mut missing, mut negated) = (0, 0, 0);
        for profile in profiles {
            let prepared = scorer.prepare(profile.clone());
            for (text, kind) in &docs {
                let a = scorer.analyze(text, Some(*kind));
                let full = scorer.score(&profile, &a);
                assert_eq!(scorer.score_prepared(&prepared, &a), full);
                let summary = scorer.summarize(&prepared, &a);
                assert_eq!(summary, full.summary());
                levels += usize::from(summary.level.is_some());
                missing += summary.missing_essential.len();
                negated += summary.negated.len();
            }
        }
        assert!(levels > 0 && missing > 0 && negated > 0);
    }

    /// The line around a byte, found from the byte, is the line a scan of the whole text gives:
    /// at every byte of texts with empty lines, no final line break and a break at the end.
    #[test]
    fn the_line_around_a_byte_is_the_line_that_holds_it() {
        for text in ["", "a", "\n", "one\n\ntwo\nthree", "x\ny\n", "\n\nz"] {
            let starts: Vec<usize> = std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            for at in 0..=text.len() {
                let start = starts[starts.partition_point(|&s| s <= at) - 1];
                let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
                assert_eq!(line_around(text, at), start..end, "{text:?} at {at}");
            }
        }
    }

    /// A profile prepared with one taxonomy scores right with another, whose concepts sit at
    /// other positions.
    #[test]
    fn a_profile_prepared_for_another_taxonomy_is_planned_again() {
        let json = |order: &[&str]| {
            let concepts: Vec<String> = order
                .iter()
                .map(|id| format!(r#"{{"id":"{id}","name":"{id}","kind":"tool"}}"#))
                .collect();
            format!(
                r#"{{"name":"t","version":"1","concepts":[{}],"roles":[{{"id":"r","name":"R","groups":[{{"id":"g","name":"G","rule":"all","weight":1,"importance":"essential","concepts":["beta","gamma"]}}]}}]}}"#,
                concepts.join(",")
            )
        };
        let a = Taxonomy::from_json_str(&json(&["alpha", "beta", "gamma"]), "a").unwrap();
        let b = Taxonomy::from_json_str(&json(&["gamma", "beta", "alpha", "delta"]), "b").unwrap();
        let (sa, sb) = (Scorer::new(&a).unwrap(), Scorer::new(&b).unwrap());
        let prepared = sa.prepare(sa.default_profile().unwrap());
        let doc = sb.analyze("Skills\nbeta, alpha\n", Some(DocKind::Resume));
        let want = sb.score(&sb.default_profile().unwrap(), &doc);
        assert_eq!(want.missing_essential, [ConceptId::new("gamma")]);
        assert_eq!(sb.summarize(&prepared, &doc), want.summary());
    }
}
