//! Gaps: what a resume lacks for a profile, each with the points it would add and the seed
//! documents' advice where they give it, so a candidate knows what to work on first.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::fraction::{group_fraction, round2};
use super::profile::Profile;
use crate::taxonomy::role::{GroupRule, Importance};
use crate::taxonomy::{ConceptId, Taxonomy};

/// What kind of gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GapKind {
    /// The concept is not in the resume at all.
    Missing,
    /// The concept is only listed or implied: showing it in experience would earn more.
    Strengthen,
    /// Fewer years of experience than the profile asks for.
    Years,
}

/// One thing a resume could add, with the points it would bring.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Gap {
    /// Missing, to strengthen, or years.
    pub kind: GapKind,
    /// The concept, unless the gap is years (for interchangeable options, the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concept: Option<ConceptId>,
    /// The concept's name, a description of interchangeable options ("a directory service,
    /// e.g. Active Directory, LDAP"), or of the years gap.
    pub name: String,
    /// The group it belongs to.
    pub group: String,
    /// Essential or preferred.
    pub importance: Importance,
    /// Points the score would gain.
    pub points: f64,
    /// Advice from the role data (the seed documents), when it has some.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
    /// Interchangeable options, any one of which closes the gap (an any-of group's concepts, a
    /// requirement's alternatives); empty for a single concept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ConceptId>,
}

/// Gains below this are noise.
const MIN_GAIN: f64 = 0.05;
/// Options named in a grouped gap's name.
const NAMED_OPTIONS: usize = 3;

/// The gaps of a resume against `profile`, from each group's item credits (`earned`, as the
/// score's evaluation found them: the best of each item's options); `years` are the years found
/// per group, `scale` turns group weight into points (including any adjustment factor). Options
/// that meet a requirement interchangeably (the concepts of an any-of or k-of-n group, the
/// alternatives of a posting's requirement) make one gap, not one per option.
pub(crate) fn gaps(
    taxonomy: &Taxonomy,
    profile: &Profile,
    earned: &[&[f64]],
    years: &[Option<f64>],
    scale: f64,
) -> Vec<Gap> {
    let name_of = |id: &ConceptId| {
        taxonomy
            .concept(id.as_str())
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    };
    let mut by_concept: BTreeMap<&ConceptId, (usize, Gap)> = BTreeMap::new();
    let mut better: Vec<f64> = Vec::new();
    let mut gains: Vec<(u64, f64)> = Vec::new();
    let mut others: Vec<(usize, Gap)> = Vec::new();
    for ((gi, g), &current) in profile.groups.iter().enumerate().zip(earned) {
        let years = years.get(gi).copied().flatten();
        let base = group_fraction(g, current, years);
        gains.clear();
        let interchangeable = g.rule != GroupRule::All;
        // Missing options of an any-of or k-of-n group: one gap, worth what one option adds.
        let mut options: Vec<(usize, f64)> = Vec::new();
        for (i, it) in g.items.iter().enumerate() {
            if current[i] >= 0.999 {
                continue;
            }
            // What meeting the item adds depends only on the credit it has now (the group's
            // credits are sorted before they are summed): worked out once per distinct credit,
            // not once per item of a long any-of list.
            let bits = current[i].to_bits();
            let gain = match gains.iter().find(|&&(b, _)| b == bits) {
                Some(&(_, gain)) => gain,
                None => {
                    better.clear();
                    better.extend_from_slice(current);
                    better[i] = 1.0;
                    let gain = (group_fraction(g, &better, years) - base) * g.weight * scale;
                    gains.push((bits, gain));
                    gain
                }
            };
            if gain < MIN_GAIN {
                continue;
            }
            // An option the role names as essential on its own (CompTIA A+ among valued
            // certifications) is not interchangeable with the rest: it stays its own gap.
            if interchangeable && current[i] <= 0.0 && it.importance != Importance::Essential {
                options.push((i, gain));
                continue;
            }
            let kind = if current[i] > 0.0 {
                GapKind::Strengthen
            } else {
                GapKind::Missing
            };
            let alternatives: Vec<ConceptId> = if it.alternatives.is_empty() {
                Vec::new()
            } else {
                it.options().cloned().collect()
            };
            let name = if alternatives.is_empty() {
                it.name.clone()
            } else {
                let rest: Vec<String> = it.alternatives.iter().map(name_of).collect();
                format!("{} (or {})", it.name, rest.join(", "))
            };
            // The first group to name a concept describes its gap; later ones add points.
            let e = by_concept.entry(&it.concept).or_insert_with(|| {
                (
                    gi,
                    Gap {
                        kind,
                        concept: Some(it.concept.clone()),
                        name,
                        group: g.id.clone(),
                        importance: it.importance,
                        points: 0.0,
                        advice: it.advice.clone().or_else(|| g.advice.clone()),
                        options: alternatives,
                    },
                )
            });
            e.1.points += gain;
            if it.importance == Importance::Essential {
                e.1.importance = Importance::Essential;
            }
        }
        if let Some(&(first, _)) = options.first() {
            let gain = options.iter().map(|o| o.1).fold(0.0, f64::max);
            let ids: Vec<ConceptId> = options
                .iter()
                .flat_map(|&(i, _)| g.items[i].options().cloned())
                .collect();
            let named: Vec<&str> = options
                .iter()
                .take(NAMED_OPTIONS)
                .map(|&(i, _)| g.items[i].name.as_str())
                .collect();
            let more = if options.len() > NAMED_OPTIONS {
                format!(" or {} more", options.len() - NAMED_OPTIONS)
            } else {
                String::new()
            };
            let it = &g.items[first];
            others.push((
                gi,
                Gap {
                    kind: GapKind::Missing,
                    concept: Some(it.concept.clone()),
                    name: if options.len() == 1 {
                        it.name.clone()
                    } else {
                        format!("{}, e.g. {}{more}", g.name.to_lowercase(), named.join(", "))
                    },
                    group: g.id.clone(),
                    importance: g.importance,
                    points: gain,
                    advice: g
                        .advice
                        .clone()
                        .or_else(|| options.iter().find_map(|&(i, _)| g.items[i].advice.clone())),
                    options: if ids.len() > 1 { ids } else { Vec::new() },
                },
            ));
        }
        if let Some(required) = g.years {
            let found = years.unwrap_or(0.0);
            if found < required {
                let gain = (group_fraction(g, current, Some(required)) - base) * g.weight * scale;
                if gain >= MIN_GAIN {
                    others.push((
                        gi,
                        Gap {
                            kind: GapKind::Years,
                            concept: None,
                            name: format!("{required} years of experience ({found} found)"),
                            group: g.id.clone(),
                            importance: g.importance,
                            points: gain,
                            advice: g.advice.clone(),
                            options: Vec::new(),
                        },
                    ));
                }
            }
        }
    }
    let mut all: Vec<(usize, Gap)> = by_concept.into_values().chain(others).collect();
    for (_, g) in &mut all {
        g.points = round2(g.points);
    }
    all.sort_by(|(ga, a), (gb, b)| {
        b.points
            .total_cmp(&a.points)
            .then(
                (a.importance != Importance::Essential)
                    .cmp(&(b.importance != Importance::Essential)),
            )
            .then(ga.cmp(gb))
            .then(a.concept.cmp(&b.concept))
    });
    all.into_iter().map(|(_, g)| g).collect()
}
