//! How much of a requirement group a document meets: the credit each item earns and the
//! fraction of the group those credits fill under its rule. Shared by the score and the gaps, so
//! that neither depends on the other.

use std::collections::BTreeMap;

use super::analysis::Credit;
use super::profile::{ProfileGroup, ProfileItem};
use crate::taxonomy::role::GroupRule;
use crate::taxonomy::ConceptId;

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

/// How an item's credit is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reading {
    /// By how well the document shows it: prose in experience earns more than a list.
    Strength,
    /// By whether the document shows it at all (a posting's requirements: a resume that lists
    /// a required skill meets it, and one that shows Jira Service Management shows a ticketing
    /// system).
    Shown,
}

/// The best option of an item in `credits`: the concept or one of its alternatives, with its
/// credit, skipping concepts only implied by another item of the same group ("help desk"
/// implying "technical support" is one piece of evidence, not two toward a k-of-n rule).
pub(crate) fn best_option<'a>(
    group: &ProfileGroup,
    item: &'a ProfileItem,
    credits: &'a BTreeMap<ConceptId, Credit>,
    reading: Reading,
) -> Option<(&'a ConceptId, &'a Credit, f64)> {
    let mut best: Option<(&ConceptId, &Credit, f64)> = None;
    for id in item.options() {
        let Some(c) = credits.get(id) else { continue };
        let earned = match &c.implied_by {
            Some(by) if group.items.iter().any(|o| &o.concept == by) => 0.0,
            _ if reading == Reading::Shown && c.credit > 0.0 => 1.0,
            _ => c.credit,
        };
        if earned > best.map_or(0.0, |b| b.2) {
            best = Some((id, c, earned));
        }
    }
    best
}

/// The credit of each item of a group: the best of its options.
pub(crate) fn item_credits(
    group: &ProfileGroup,
    credits: &BTreeMap<ConceptId, Credit>,
    reading: Reading,
) -> Vec<f64> {
    group
        .items
        .iter()
        .map(|it| best_option(group, it, credits, reading).map_or(0.0, |b| b.2))
        .collect()
}

pub(crate) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
