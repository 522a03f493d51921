//! Profiles: what a document is scored against. A weighted list of requirement groups, each
//! all-of, any-of or k-of-n over concepts, made from a role in the taxonomy, from a job posting's
//! text (its required and preferred concepts and years) or from a resume.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::analysis::Analysis;
use super::polarity::Polarity;
use super::sections::SectionKind;
use super::TaxonomyStamp;
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
}

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
    }
}

/// Weight of a required item of a posting, relative to a preferred one (1).
const REQUIRED_ITEM_WEIGHT: f64 = 2.0;
/// Soft skills are asked for by every posting and shown by every resume: half weight.
const SOFT_SKILL_FACTOR: f64 = 0.5;
/// Share of a posting profile given to its required years of experience.
const YEARS_SHARE: f64 = 0.15;

/// The group a concept falls in: the reference role's group naming it, else one group per kind.
fn group_key(taxonomy: &Taxonomy, id: &ConceptId) -> (String, String) {
    if let Some(role) = taxonomy.roles().first() {
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

fn levels_of(taxonomy: &Taxonomy) -> Vec<CareerLevel> {
    taxonomy
        .roles()
        .first()
        .map(|r| r.levels.clone())
        .unwrap_or_default()
}

/// A profile from a posting: each concept it asks for outside benefits and company boilerplate,
/// required unless it stands in a preferred section or a preference cue marks it; denied
/// mentions ("CCNA not required") are left out. Required years become an experience group.
pub(crate) fn from_posting(taxonomy: &Taxonomy, analysis: &Analysis) -> Profile {
    // Per concept: importance (required wins) and the first span that asks for it.
    let mut asked: BTreeMap<ConceptId, (Importance, Range<usize>)> = BTreeMap::new();
    let mut denied: Vec<ConceptId> = Vec::new();
    for m in &analysis.mentions {
        if m.section.is_boilerplate() {
            continue;
        }
        if m.polarity == Polarity::Negated {
            denied.push(m.concept.clone());
            continue;
        }
        let importance = if m.polarity == Polarity::Preferred || m.section == SectionKind::Preferred
        {
            Importance::Preferred
        } else {
            Importance::Essential
        };
        let e = asked
            .entry(m.concept.clone())
            .or_insert((importance, m.span.clone()));
        if importance == Importance::Essential && e.0 == Importance::Preferred {
            *e = (importance, m.span.clone());
        }
    }
    // A concept the posting both asks for and waives ("Linux a plus, not required") stays
    // preferred at most.
    for id in denied {
        if let Some(e) = asked.get_mut(&id) {
            e.0 = Importance::Preferred;
        }
    }
    let mut groups: BTreeMap<(u8, String), ProfileGroup> = BTreeMap::new();
    for (id, (importance, span)) in &asked {
        let (gid, gname) = group_key(taxonomy, id);
        let mut it = item(taxonomy, id, *importance);
        it.span = Some(span.clone());
        let mut w = match importance {
            Importance::Essential => REQUIRED_ITEM_WEIGHT,
            Importance::Preferred => 1.0,
        };
        if it.kind == Kind::SoftSkill {
            w *= SOFT_SKILL_FACTOR;
        }
        let (order, gid, gname) = match importance {
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
            importance: *importance,
            items: Vec::new(),
            years: None,
            advice: None,
        });
        g.weight += w;
        g.items.push(it);
    }
    let mut groups: Vec<ProfileGroup> = groups.into_values().collect();
    let required_years = analysis.experience.required_years;
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
            },
        );
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
        levels: levels_of(taxonomy),
        taxonomy: TaxonomyStamp::of(taxonomy),
    }
}

/// A profile from a resume: every concept it shows, one group per role group or kind, each item
/// weighted by the credit the resume earned for it.
pub(crate) fn from_resume(taxonomy: &Taxonomy, analysis: &Analysis) -> Profile {
    let credits = analysis.credits(taxonomy);
    let mut groups: BTreeMap<String, ProfileGroup> = BTreeMap::new();
    for (id, c) in &credits {
        if c.implied_by.is_some() {
            continue;
        }
        let (gid, gname) = group_key(taxonomy, id);
        let g = groups.entry(gid.clone()).or_insert(ProfileGroup {
            id: gid,
            name: gname,
            rule: GroupRule::All,
            weight: 0.0,
            importance: Importance::Essential,
            items: Vec::new(),
            years: None,
            advice: None,
        });
        let mut it = item(taxonomy, id, Importance::Essential);
        it.span = c
            .mentions
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
        levels: levels_of(taxonomy),
        taxonomy: TaxonomyStamp::of(taxonomy),
    }
}
