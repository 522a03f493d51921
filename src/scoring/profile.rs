//! Profiles: what a document is scored against. A weighted list of requirement groups, each
//! all-of, any-of or k-of-n over concepts, made from a role in the taxonomy, from a job posting's
//! text (its required and preferred concepts and years) or from a resume.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::analysis::Analysis;
use super::fraction::GroupOptions;
use super::polarity::Polarity;
use super::requirements::{self, Requirement};
use super::role_fit::{contains_phrase, TitleTerms};
use super::sections::SectionKind;
use super::TaxonomyStamp;
use crate::matching::Matcher;
use crate::taxonomy::role::{CareerLevel, GroupRule, Importance, Role};
use crate::taxonomy::{ConceptId, Kind, Taxonomy};

/// Where a profile came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ProfileSource {
    /// A role of the taxonomy.
    Role {
        /// The role's id.
        id: String,
    },
    /// A job posting's text.
    Posting,
    /// A resume's text.
    Resume,
}

/// What a document is scored against.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Where the profile came from.
    pub source: ProfileSource,
    /// A name for the profile (the role's name; "posting" or "resume").
    pub name: String,
    /// The requirement groups.
    pub groups: Vec<ProfileGroup>,
    /// Years of experience asked for, if any.
    pub required_years: Option<f64>,
    /// Career levels a resume is placed on (from the taxonomy's role).
    pub levels: Vec<CareerLevel>,
    /// The taxonomy the profile was made with.
    pub taxonomy: TaxonomyStamp,
    /// Job titles that name the role (from the taxonomy's role), for reading a document's title.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<String>,
    /// For posting profiles: the career level the posting asks for (a level id), from its
    /// title and required years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// For posting profiles: requirements that are not skills (a driver's licence, lifting,
    /// shifts, travel), for a recruiter to check by hand; not scored.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_requirements: Vec<Requirement>,
    /// For posting profiles: requirement phrases the taxonomy cannot name; each counts as unmet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unrecognised: Vec<Requirement>,
    /// The concepts that name the work itself ("desktop support", "help desk support"): the
    /// role's experience groups (those that ask for years) and the field a posting's required
    /// years name. A resume's dated role is in the field when its duties name one of these or
    /// its title names the job.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub field: Vec<ConceptId>,
}

impl Profile {
    /// The sum of the group weights; a group's maximum points are its weight over this total,
    /// times 100.
    pub fn total_weight(&self) -> f64 {
        self.groups.iter().map(|g| g.weight).sum()
    }

    /// Every concept the profile names, with the importance it has (essential wins).
    pub fn concepts(&self) -> BTreeMap<ConceptId, Importance> {
        let mut out = BTreeMap::new();
        for g in &self.groups {
            for item in &g.items {
                let e = out.entry(item.concept.clone()).or_insert(item.importance);
                if item.importance == Importance::Essential {
                    *e = Importance::Essential;
                }
            }
        }
        out
    }
}

/// One requirement group of a profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfileGroup {
    /// Stable id (`certifications`, `remote-support`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// All-of, any-of or at-least-k.
    pub rule: GroupRule,
    /// Relative weight.
    pub weight: f64,
    /// Essential or preferred.
    pub importance: Importance,
    /// The concepts that count toward the group.
    pub items: Vec<ProfileItem>,
    /// Years of experience that meet the group in full, for an experience group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<f64>,
    /// Advice for a candidate who lacks the group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
    /// For an experience group: the concepts that name its field ("desktop support" in "2+
    /// years of desktop support"). Dated roles count toward the years only when they name one
    /// of these or another technical concept of the profile.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub field: Vec<ConceptId>,
}

/// The id of the group that holds a posting's unrecognised requirements.
pub const UNRECOGNISED_GROUP: &str = "unrecognised";

/// One concept of a group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfileItem {
    /// The concept's id.
    pub concept: ConceptId,
    /// Its canonical name.
    pub name: String,
    /// Its kind.
    pub kind: Kind,
    /// Essential (required) or preferred.
    pub importance: Importance,
    /// Advice for a candidate who lacks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
    /// For posting profiles: where the posting asks for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Range<usize>>,
    /// Other concepts that meet the item as well as this one ("ServiceNow or a similar
    /// ticketing system", "Windows 10/11").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<ConceptId>,
}

impl ProfileItem {
    /// The concept and its alternatives: any of them meets the item.
    pub fn options(&self) -> impl Iterator<Item = &ConceptId> {
        std::iter::once(&self.concept).chain(&self.alternatives)
    }
}

fn item(taxonomy: &Taxonomy, id: &ConceptId, importance: Importance) -> ProfileItem {
    let (name, kind) = taxonomy
        .concept(id.as_str())
        .map_or((id.to_string(), Kind::Other), |c| (c.name.clone(), c.kind));
    ProfileItem {
        concept: id.clone(),
        name,
        kind,
        importance,
        advice: None,
        span: None,
        alternatives: Vec::new(),
    }
}

/// The profile of a taxonomy role.
pub(crate) fn from_role(taxonomy: &Taxonomy, role: &Role) -> Profile {
    let groups = role
        .groups
        .iter()
        .map(|g| {
            let items = g
                .concepts
                .iter()
                .map(|id| {
                    // An item is essential when the role says so by name, or when it sits in an
                    // essential all-of group; alternatives in an any-of group are not
                    // individually essential.
                    let importance = if g.essential.contains(id)
                        || (g.importance == Importance::Essential && g.rule == GroupRule::All)
                    {
                        Importance::Essential
                    } else {
                        Importance::Preferred
                    };
                    let mut it = item(taxonomy, id, importance);
                    it.advice = g.notes.get(id).cloned();
                    it
                })
                .collect();
            ProfileGroup {
                id: g.id.clone(),
                name: g.name.clone(),
                rule: g.rule,
                weight: g.weight,
                importance: g.importance,
                items,
                years: g.years,
                advice: g.advice.clone(),
                field: Vec::new(),
            }
        })
        .collect();
    let required_years = role
        .groups
        .iter()
        .filter_map(|g| g.years)
        .fold(None, |a: Option<f64>, y| Some(a.map_or(y, |a| a.max(y))));
    Profile {
        source: ProfileSource::Role {
            id: role.id.clone(),
        },
        name: role.name.clone(),
        groups,
        required_years,
        levels: role.levels.clone(),
        taxonomy: TaxonomyStamp::of(taxonomy),
        titles: role.titles.clone(),
        level: None,
        other_requirements: Vec::new(),
        unrecognised: Vec::new(),
        field: role_field(Some(role)),
    }
}

/// The role's advice for a concept: its note in the group that names it, else that group's
/// advice.
fn role_advice(role: Option<&Role>, id: &ConceptId) -> Option<String> {
    let g = role?.groups.iter().find(|g| g.concepts.contains(id))?;
    g.notes.get(id).or(g.advice.as_ref()).cloned()
}

/// The concepts of a role's experience groups (those that ask for years): the work itself.
fn role_field(role: Option<&Role>) -> Vec<ConceptId> {
    let mut out: Vec<ConceptId> = Vec::new();
    for g in role
        .iter()
        .flat_map(|r| &r.groups)
        .filter(|g| g.years.is_some())
    {
        for c in &g.concepts {
            if !out.contains(c) {
                out.push(c.clone());
            }
        }
    }
    out
}

/// Weight of a required item of a posting, relative to a preferred one (1).
const REQUIRED_ITEM_WEIGHT: f64 = 2.0;
/// Soft skills are asked for by every posting and shown by every resume: half weight.
const SOFT_SKILL_FACTOR: f64 = 0.5;
/// Share of a posting profile given to its required years of experience.
const YEARS_SHARE: f64 = 0.15;

/// The group a concept falls in: the reference role's group naming it, else one group per kind.
fn group_key(taxonomy: &Taxonomy, role: Option<&Role>, id: &ConceptId) -> (String, String) {
    if let Some(role) = role {
        if let Some(g) = role.groups.iter().find(|g| g.concepts.contains(id)) {
            return (g.id.clone(), g.name.clone());
        }
    }
    let kind = taxonomy
        .concept(id.as_str())
        .map_or(Kind::Other, |c| c.kind);
    let name = match kind {
        Kind::Certification => "Certifications",
        Kind::TechnicalSkill => "Technical skills",
        Kind::Tool => "Tools",
        Kind::Platform => "Platforms",
        Kind::Hardware => "Hardware",
        Kind::Protocol => "Protocols",
        Kind::Methodology => "Methodologies",
        Kind::SoftSkill => "Soft skills",
        Kind::Education => "Education",
        Kind::Other => "Other",
    };
    (kind.as_str().to_string(), name.to_string())
}

fn levels_of(role: Option<&Role>) -> Vec<CareerLevel> {
    role.map(|r| r.levels.clone()).unwrap_or_default()
}

/// The level a posting asks for: the most senior level whose title cue its title names, else
/// the level its required years fall in.
pub(crate) fn posting_level(
    levels: &[CareerLevel],
    title: &str,
    years: Option<f64>,
) -> Option<usize> {
    level_by_title(&level_cues(levels), &title.to_ascii_lowercase()).or_else(|| {
        let y = years?;
        levels
            .iter()
            .position(|l| y >= l.min_years && l.max_years.is_none_or(|m| y < m))
    })
}

/// Each level's title cues, ASCII lower-cased and trimmed, empty ones left out: worked out once
/// per profile, not per line read.
pub(crate) fn level_cues(levels: &[CareerLevel]) -> Vec<Vec<String>> {
    levels
        .iter()
        .map(|l| {
            l.cues
                .iter()
                .map(|c| c.to_ascii_lowercase().trim().to_string())
                .filter(|c| !c.is_empty())
                .collect()
        })
        .collect()
}

/// The most senior level (index into `cues`, from [`level_cues`]) whose cue `title` (ASCII
/// lower case) names as words of its own.
pub(crate) fn level_by_title(cues: &[Vec<String>], title: &str) -> Option<usize> {
    cues.iter()
        .rposition(|cues| cues.iter().any(|c| contains_phrase(title, c)))
}

/// A profile from a posting: each requirement it states outside benefits and company
/// boilerplate, required unless it stands in a preferred section or a preference cue marks it;
/// denied mentions ("CCNA not required") are left out. Options joined by "or" ("Jamf, Intune,
/// or another MDM") make one requirement; requirements that are not skills are listed apart;
/// requirement phrases the taxonomy cannot name count as unmet. Required years become an
/// experience group over the field they name.
pub(crate) fn from_posting(
    taxonomy: &Taxonomy,
    role: Option<&Role>,
    matcher: &Matcher,
    analysis: &Analysis,
) -> Profile {
    let text = analysis.text();
    let other_spans: Vec<Range<usize>> = analysis
        .mentions
        .iter()
        .filter(|m| m.kind == Kind::Other && m.polarity != Polarity::Negated)
        .map(|m| m.span.clone())
        .collect();
    let other_requirements =
        requirements::other_requirements(text, &analysis.sections, &other_spans);
    let in_other = |r: &Range<usize>| {
        let i = other_requirements.partition_point(|o| o.end <= r.start);
        other_requirements
            .get(i)
            .is_some_and(|o| o.start < r.end && r.start < o.end)
    };
    let mut denied: Vec<&ConceptId> = Vec::new();
    let mut kept: Vec<usize> = Vec::new();
    for (i, m) in analysis.mentions.iter().enumerate() {
        if m.section.is_boilerplate() || m.kind == Kind::Other || in_other(&m.span) {
            continue;
        }
        if m.polarity == Polarity::Negated {
            denied.push(&m.concept);
            continue;
        }
        // Contact lines and application instructions ask for nothing.
        if m.credit <= 0.0 {
            continue;
        }
        kept.push(i);
    }
    let importance_of = |i: usize| {
        let m = &analysis.mentions[i];
        if m.polarity == Polarity::Preferred || m.section == SectionKind::Preferred {
            Importance::Preferred
        } else {
            Importance::Essential
        }
    };
    // Per requirement (its first concept): the options, the importance (required wins) and the
    // first span that asks for it.
    let mut asked: Vec<Asked> = Vec::new();
    let mut by_concept: BTreeMap<ConceptId, usize> = BTreeMap::new();
    for set in requirements::alternative_sets(text, &analysis.mentions, &kept) {
        let mut options: Vec<ConceptId> = Vec::new();
        for &i in &set {
            let m = &analysis.mentions[i];
            for id in std::iter::once(m.concept.clone())
                .chain(requirements::version_variants(matcher, text, m))
            {
                if !options.contains(&id) {
                    options.push(id);
                }
            }
        }
        let importance = if set
            .iter()
            .any(|&i| importance_of(i) == Importance::Essential)
        {
            Importance::Essential
        } else {
            Importance::Preferred
        };
        let span = analysis.mentions[set[0]].span.start
            ..analysis.mentions[*set.last().unwrap_or(&set[0])].span.end;
        // A requirement already asked (alone or with the same options) is asked once.
        if options.len() == 1 {
            if let Some(&k) = by_concept.get(&options[0]) {
                if importance == Importance::Essential {
                    asked[k].importance = Importance::Essential;
                }
                continue;
            }
        } else if let Some(k) = asked.iter().position(|a| a.options == options) {
            if importance == Importance::Essential {
                asked[k].importance = Importance::Essential;
            }
            continue;
        }
        if options.len() == 1 {
            by_concept.insert(options[0].clone(), asked.len());
        }
        asked.push(Asked {
            options,
            importance,
            span,
        });
    }
    // A single concept the posting both asks for and waives ("Linux a plus, not required")
    // stays preferred at most.
    for id in denied {
        if let Some(&k) = by_concept.get(id) {
            asked[k].importance = Importance::Preferred;
        }
    }
    // A concept named alone that a set also offers is asked as that set: the posting said in
    // so many words what it accepts instead. A title "Desktop Support Technician" and a
    // requirement "desktop support or help desk experience" ask for one of the two, once, as
    // essential as the stricter of them.
    merge_into_sets(&mut asked);
    let mut groups: BTreeMap<(u8, String), ProfileGroup> = BTreeMap::new();
    for a in &asked {
        let (gid, gname) = group_key(taxonomy, role, &a.options[0]);
        let mut it = item(taxonomy, &a.options[0], a.importance);
        it.span = Some(a.span.clone());
        it.alternatives = a.options[1..].to_vec();
        // The seed's advice for the concept (or its first option the role knows), else for the
        // role's group that names it: a posting's gap reads like the role's.
        it.advice = a.options.iter().find_map(|id| role_advice(role, id));
        let mut w = match a.importance {
            Importance::Essential => REQUIRED_ITEM_WEIGHT,
            Importance::Preferred => 1.0,
        };
        if it.kind == Kind::SoftSkill {
            w *= SOFT_SKILL_FACTOR;
        }
        let (order, gid, gname) = match a.importance {
            Importance::Essential => (0, gid, gname),
            Importance::Preferred => (
                1,
                format!("{gid}-preferred"),
                format!("{gname} (preferred)"),
            ),
        };
        let g = groups.entry((order, gid.clone())).or_insert(ProfileGroup {
            id: gid,
            name: gname,
            rule: GroupRule::All,
            weight: 0.0,
            importance: a.importance,
            items: Vec::new(),
            years: None,
            advice: None,
            field: Vec::new(),
        });
        g.weight += w;
        g.items.push(it);
    }
    let mut groups: Vec<ProfileGroup> = groups.into_values().collect();
    let mention_spans: Vec<Range<usize>> =
        analysis.mentions.iter().map(|m| m.span.clone()).collect();
    let unrecognised = requirements::unrecognised(
        text,
        &analysis.sections,
        &mention_spans,
        &other_requirements,
    );
    if !unrecognised.is_empty() {
        let weight = unrecognised
            .iter()
            .map(|u| {
                if u.section == SectionKind::Preferred {
                    1.0
                } else {
                    REQUIRED_ITEM_WEIGHT
                }
            })
            .sum();
        groups.push(ProfileGroup {
            id: UNRECOGNISED_GROUP.to_string(),
            name: "Requirements the taxonomy does not name".to_string(),
            rule: GroupRule::All,
            weight,
            importance: Importance::Essential,
            items: Vec::new(),
            years: None,
            advice: None,
            field: Vec::new(),
        });
    }
    let required_years = analysis.experience.required_years;
    let mut field = role_field(role);
    if let Some(years) = required_years {
        for c in years_field(analysis, years) {
            if !field.contains(&c) {
                field.push(c);
            }
        }
    }
    if let Some(years) = required_years {
        let items_weight: f64 = groups.iter().map(|g| g.weight).sum();
        groups.insert(
            0,
            ProfileGroup {
                id: "experience-years".to_string(),
                name: format!("{years} years of experience"),
                rule: GroupRule::All,
                weight: (items_weight * YEARS_SHARE).max(2.0),
                importance: Importance::Essential,
                items: Vec::new(),
                years: Some(years),
                advice: None,
                field: years_field(analysis, years),
            },
        );
    }
    let levels = levels_of(role);
    let level =
        posting_level(&levels, &analysis.first_line, required_years).map(|i| levels[i].id.clone());
    // The posting's own title, and the role's titles when the posting is for that role: what a
    // resume's title is read against.
    let mut titles: Vec<String> = Vec::new();
    let title = analysis.first_line.trim();
    if !title.is_empty() && title.len() <= 80 {
        titles.push(title.to_string());
    }
    if let Some(role) = role {
        let terms = TitleTerms::of(&role.titles);
        if terms.title_match(&title.to_lowercase()) > 0.0 {
            titles.extend(role.titles.iter().cloned());
        }
    }
    Profile {
        source: ProfileSource::Posting,
        name: if analysis.first_line.is_empty() {
            "posting".to_string()
        } else {
            analysis.first_line.clone()
        },
        groups,
        required_years,
        levels,
        taxonomy: TaxonomyStamp::of(taxonomy),
        titles,
        level,
        other_requirements,
        unrecognised,
        field,
    }
}

/// The concepts the largest claim of required years names as its field ("2+ years of desktop
/// support or help desk experience").
fn years_field(analysis: &Analysis, years: f64) -> Vec<ConceptId> {
    let mut out: Vec<ConceptId> = Vec::new();
    for c in &analysis.experience.claims {
        if c.years != years {
            continue;
        }
        let Some(subject) = &c.subject else { continue };
        let first = analysis
            .mentions
            .partition_point(|m| m.span.start < subject.start);
        for m in analysis.mentions[first..]
            .iter()
            .take_while(|m| m.span.start < subject.end)
        {
            if m.kind != Kind::SoftSkill && !out.contains(&m.concept) {
                out.push(m.concept.clone());
            }
        }
    }
    out
}

/// A profile from a resume: every concept it shows, one group per role group or kind, each item
/// weighted by the credit the resume earned for it.
pub(crate) fn from_resume(
    taxonomy: &Taxonomy,
    role: Option<&Role>,
    analysis: &Analysis,
) -> Profile {
    let credits = analysis.credits(taxonomy);
    let mut groups: BTreeMap<String, ProfileGroup> = BTreeMap::new();
    for (id, c) in credits.iter() {
        if c.implied_by.is_some() {
            continue;
        }
        let (gid, gname) = group_key(taxonomy, role, id);
        let g = groups.entry(gid.clone()).or_insert(ProfileGroup {
            id: gid,
            name: gname,
            rule: GroupRule::All,
            weight: 0.0,
            importance: Importance::Essential,
            items: Vec::new(),
            years: None,
            advice: None,
            field: Vec::new(),
        });
        let mut it = item(taxonomy, id, Importance::Essential);
        it.span = credits
            .mentions(c)
            .first()
            .map(|&i| analysis.mentions[i].span.clone());
        g.weight += c.credit;
        g.items.push(it);
    }
    Profile {
        source: ProfileSource::Resume,
        name: if analysis.first_line.is_empty() {
            "resume".to_string()
        } else {
            analysis.first_line.clone()
        },
        groups: groups.into_values().collect(),
        required_years: None,
        levels: levels_of(role),
        taxonomy: TaxonomyStamp::of(taxonomy),
        titles: role.map(|r| r.titles.clone()).unwrap_or_default(),
        level: None,
        other_requirements: Vec::new(),
        unrecognised: Vec::new(),
        field: Vec::new(),
    }
}

/// A profile made ready to score many documents: the concepts of its groups as positions in
/// the taxonomy, its title terms and level cues, worked out once rather than per document.
/// Made by [`Scorer::prepare`]; scores the same as the profile it holds.
///
/// [`Scorer::prepare`]: super::Scorer::prepare
#[derive(Clone, Debug)]
pub struct PreparedProfile {
    profile: Profile,
    plan: Plan,
    /// The content hash of the taxonomy the plan's concept positions refer to.
    taxonomy: String,
}

impl PreparedProfile {
    /// Prepares `profile` for documents matched with `taxonomy`.
    pub(crate) fn new(taxonomy: &Taxonomy, profile: Profile) -> PreparedProfile {
        let plan = Plan::of(taxonomy, &profile);
        PreparedProfile {
            profile,
            plan,
            taxonomy: taxonomy.hash().to_string(),
        }
    }

    /// Whether the plan was made for `taxonomy` (its concept positions hold there).
    pub(crate) fn prepared_for(&self, taxonomy: &Taxonomy) -> bool {
        self.taxonomy == taxonomy.hash()
    }

    /// The profile.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The profile back.
    pub fn into_profile(self) -> Profile {
        self.profile
    }

    pub(crate) fn plan(&self) -> &Plan {
        &self.plan
    }
}

/// What scoring a document against a profile needs of the profile alone.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    /// Per group, its items' options by position in the taxonomy.
    pub groups: Vec<GroupOptions>,
    /// Per group that asks for years: the concepts whose dated roles and claims count toward
    /// them (its field and the profile's technical concepts), sorted; empty for other groups.
    pub years_fields: Vec<Vec<usize>>,
    /// The items' own concepts (not their alternatives), sorted: what is not among them is
    /// extra.
    pub concepts: Vec<usize>,
    /// Every option of every item, sorted: the role's concepts, for its focus.
    pub options: Vec<usize>,
    /// The profile's field concepts, sorted.
    pub field: Vec<usize>,
    /// The technical concepts of the profile (every option of its items that is not a soft
    /// skill, education or other), sorted: a line mentioning one is about the role's work.
    pub technical: Vec<usize>,
    /// The terms of the profile's titles.
    pub titles: TitleTerms,
    /// Each level's title cues (see [`level_cues`]).
    pub level_cues: Vec<Vec<String>>,
    /// Per level, per focus concept: its position in the taxonomy (if there) and whether it is
    /// technical (not a soft skill).
    pub level_focus: Vec<Vec<(Option<usize>, bool)>>,
    /// The level a posting asks for, as a step on the ladder.
    pub asked: Option<usize>,
}

impl Plan {
    pub(crate) fn of(taxonomy: &Taxonomy, profile: &Profile) -> Plan {
        let index = |id: &ConceptId| taxonomy.concept_index(id.as_str());
        let sorted = |mut v: Vec<usize>| {
            v.sort_unstable();
            v.dedup();
            v
        };
        let items = || profile.groups.iter().flat_map(|g| g.items.iter());
        let technical: Vec<usize> = items()
            .filter(|it| !matches!(it.kind, Kind::SoftSkill | Kind::Education | Kind::Other))
            .flat_map(|it| it.options())
            .filter_map(index)
            .collect();
        Plan {
            groups: profile
                .groups
                .iter()
                .map(|g| GroupOptions::of(taxonomy, g))
                .collect(),
            years_fields: profile
                .groups
                .iter()
                .map(|g| match g.years {
                    Some(_) => sorted(
                        g.field
                            .iter()
                            .filter_map(index)
                            .chain(technical.iter().copied())
                            .collect(),
                    ),
                    None => Vec::new(),
                })
                .collect(),
            concepts: sorted(items().filter_map(|it| index(&it.concept)).collect()),
            options: sorted(
                items()
                    .flat_map(|it| it.options())
                    .filter_map(index)
                    .collect(),
            ),
            field: sorted(profile.field.iter().filter_map(index).collect()),
            technical: sorted(technical),
            titles: TitleTerms::of(&profile.titles),
            level_cues: level_cues(&profile.levels),
            level_focus: profile
                .levels
                .iter()
                .map(|l| {
                    l.concepts
                        .iter()
                        .map(|c| {
                            let technical = taxonomy
                                .concept(c.as_str())
                                .is_some_and(|k| k.kind != Kind::SoftSkill);
                            (index(c), technical)
                        })
                        .collect()
                })
                .collect(),
            asked: profile
                .level
                .as_ref()
                .and_then(|id| profile.levels.iter().position(|l| &l.id == id)),
        }
    }
}

/// One requirement of a posting: any one of `options` meets it.
struct Asked {
    options: Vec<ConceptId>,
    importance: Importance,
    span: Range<usize>,
}

/// Folds each single-concept requirement into the set of options that offers its concept (the
/// first such set), keeping the stricter importance; the single requirement is then dropped.
fn merge_into_sets(asked: &mut Vec<Asked>) {
    // Each option to the first set that offers it: one lookup per requirement, not a scan of
    // every set (a long posting has thousands of requirements).
    let mut set_of: BTreeMap<ConceptId, usize> = BTreeMap::new();
    for (k, a) in asked
        .iter()
        .enumerate()
        .filter(|(_, a)| a.options.len() > 1)
    {
        for o in &a.options {
            set_of.entry(o.clone()).or_insert(k);
        }
    }
    let offered = |a: &Asked| match a.options.as_slice() {
        [id] => set_of.get(id).copied(),
        _ => None,
    };
    for i in 0..asked.len() {
        if let Some(k) = offered(&asked[i]) {
            if asked[i].importance == Importance::Essential {
                asked[k].importance = Importance::Essential;
            }
        }
    }
    asked.retain(|a| offered(a).is_none());
}

#[cfg(test)]
mod tests {
    use crate::scoring::Scorer;
    use crate::taxonomy::role::Importance;

    /// The requirement items of a posting, each as its concept and alternatives, with importance.
    fn items(posting: &str) -> Vec<(Vec<String>, Importance)> {
        let scorer = Scorer::new(crate::Taxonomy::embedded()).unwrap();
        let profile = scorer.posting_profile(posting);
        let mut out = Vec::new();
        for g in &profile.groups {
            for it in &g.items {
                let mut ids = vec![it.concept.to_string()];
                ids.extend(it.alternatives.iter().map(|a| a.to_string()));
                out.push((ids, it.importance));
            }
        }
        out
    }

    #[test]
    fn a_concept_named_alone_is_asked_as_the_set_that_offers_it() {
        let posting = "Desktop Support Technician\n\nResponsibilities\n- Desktop support for 300 \
                       staff.\n\nRequirements\n- 2+ years of desktop support or help desk \
                       experience.\n";
        let got = items(posting);
        let support: Vec<_> = got
            .iter()
            .filter(|(ids, _)| {
                ids.iter()
                    .any(|i| i == "desktop-support" || i == "help-desk-support")
            })
            .collect();
        assert_eq!(support.len(), 1, "{got:?}");
        let (ids, importance) = support[0];
        assert!(ids.contains(&"desktop-support".to_string()), "{ids:?}");
        assert!(ids.contains(&"help-desk-support".to_string()), "{ids:?}");
        assert_eq!(*importance, Importance::Essential);
    }
}
