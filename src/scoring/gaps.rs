//! Gaps: what a resume lacks for a profile, each with the points it would add and the seed
//! documents' advice where they give it, so a candidate knows what to work on first.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::analysis::Credit;
use super::profile::Profile;
use super::score::{group_fraction, item_credits, round2};
use crate::taxonomy::role::Importance;
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
pub struct Gap {
    /// Missing, to strengthen, or years.
    pub kind: GapKind,
    /// The concept, unless the gap is years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concept: Option<ConceptId>,
    /// The concept's name, or a description of the years gap.
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
}

/// Gains below this are noise.
const MIN_GAIN: f64 = 0.05;

/// The gaps of a resume with `credits` against `profile`; `scale` turns group weight into
/// points (including any adjustment factor).
pub(crate) fn gaps(
    _taxonomy: &Taxonomy,
    profile: &Profile,
    credits: &BTreeMap<ConceptId, Credit>,
    years: Option<f64>,
    scale: f64,
) -> Vec<Gap> {
    let mut by_concept: BTreeMap<&ConceptId, (usize, Gap)> = BTreeMap::new();
    let mut better: Vec<f64> = Vec::new();
    let mut others: Vec<(usize, Gap)> = Vec::new();
    for (gi, g) in profile.groups.iter().enumerate() {
        let current = item_credits(g, credits);
        let base = group_fraction(g, &current, years);
        for (i, it) in g.items.iter().enumerate() {
            if current[i] >= 0.999 {
                continue;
            }
            better.clear();
            better.extend_from_slice(&current);
            better[i] = 1.0;
            let gain = (group_fraction(g, &better, years) - base) * g.weight * scale;
            if gain < MIN_GAIN {
                continue;
            }
            let kind = if current[i] > 0.0 {
                GapKind::Strengthen
            } else {
                GapKind::Missing
            };
            // The first group to name a concept describes its gap; later ones add points.
            let e = by_concept.entry(&it.concept).or_insert_with(|| {
                (
                    gi,
                    Gap {
                        kind,
                        concept: Some(it.concept.clone()),
                        name: it.name.clone(),
                        group: g.id.clone(),
                        importance: it.importance,
                        points: 0.0,
                        advice: it.advice.clone().or_else(|| g.advice.clone()),
                    },
                )
            });
            e.1.points += gain;
            if it.importance == Importance::Essential {
                e.1.importance = Importance::Essential;
            }
        }
        if let Some(required) = g.years {
            let found = years.unwrap_or(0.0);
            if found < required {
                let gain = (group_fraction(g, &current, Some(required)) - base) * g.weight * scale;
                if gain >= MIN_GAIN {
                    others.push((
                        gi,
                        Gap {
                            kind: GapKind::Years,
                            concept: None,
                            name: format!("{required} years of experience ({found} found)"),
                            group: g.id.clone(),
                            importance: g.importance,
                            points: 0.0 + gain,
                            advice: g.advice.clone(),
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
