//! How much of a requirement group a document meets: the credit each concept of a document
//! earns ([`Credits`]), the credit each item of a group earns, and the fraction of the group
//! those credits fill under its rule. Shared by the score and the gaps, so that neither depends
//! on the other.
//!
//! Concepts are looked up by their position in the taxonomy ([`Mention::index`]), never by
//! hashing their id strings: a document credits a few dozen concepts, found by binary search.
//!
//! [`Mention::index`]: super::Mention::index

use std::borrow::Borrow;
use std::ops::Range;

use super::analysis::Analysis;
use super::profile::ProfileGroup;
use crate::taxonomy::role::GroupRule;
use crate::taxonomy::{Concept, ConceptId, Taxonomy};

/// Credit of an implied concept relative to the concept implying it.
const IMPLIED_CREDIT: f64 = 0.5;

/// The best showing of one concept in a document.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Credit {
    /// The concept's position in the taxonomy.
    pub index: usize,
    /// The best credit of its mentions (or half the credit of the concept implying it).
    pub credit: f64,
    /// Where its mentions sit in [`Credits::mentions`].
    mentions: Range<usize>,
    /// Set when the concept is only implied by another one (that concept's position).
    pub implied_by: Option<usize>,
    /// The first bytes of the concept's id, big-endian: orders as the ids do, but for ties.
    prefix: u128,
}

/// The first sixteen bytes of `id` as a big-endian number (zero-padded): comparing two of them
/// orders ids as comparing the strings does, except that equal prefixes need the strings.
fn id_prefix(id: &ConceptId) -> u128 {
    let mut b = [0u8; 16];
    let s = id.as_str().as_bytes();
    let n = s.len().min(16);
    b[..n].copy_from_slice(&s[..n]);
    u128::from_be_bytes(b)
}

/// Puts `entries` in the order of their concepts' ids. One integer key per entry, the first
/// twelve bytes of its id over its position, sorts them as the ids do but for the rare runs of
/// equal twelve-byte prefixes, which are then put in order by the ids themselves; the entries
/// are moved once, by the sorted permutation.
fn sort_by_id(entries: &mut Vec<Credit>, concepts: &[Concept]) {
    let mut keys: Vec<u128> = entries
        .iter()
        .enumerate()
        .map(|(p, e)| e.prefix >> 32 << 32 | p as u128)
        .collect();
    keys.sort_unstable();
    let at = |k: u128| (k as u32) as usize;
    order_prefix_runs(&mut keys, |k| &concepts[entries[at(k)].index].id);
    *entries = keys.iter().map(|&k| entries[at(k)].clone()).collect();
}

/// Puts each run of `keys` (sorted) whose upper 96 bits, an id's first twelve bytes, are equal
/// but whose ids differ in the order of their ids (`id` of a key), stably: the keys are then in
/// id order, and in their own order within one id.
fn order_prefix_runs<'a>(keys: &mut [u128], id: impl Fn(u128) -> &'a ConceptId) {
    let mut start = 0;
    while start < keys.len() {
        let prefix = keys[start] >> 32;
        let end = start
            + keys[start..]
                .iter()
                .take_while(|&&k| k >> 32 == prefix)
                .count();
        let first = id(keys[start]);
        if keys[start + 1..end]
            .iter()
            .any(|&k| !std::ptr::eq(id(k), first))
        {
            keys[start..end].sort_by(|&a, &b| id(a).cmp(id(b)));
        }
        start = end;
    }
}

/// Per concept a document shows or implies, the best credit and the mentions that earned it,
/// in the order of the concepts' ids (the order a map keyed by id would give).
#[derive(Clone, Debug)]
pub(crate) struct Credits<'t> {
    concepts: &'t [Concept],
    /// Sorted by concept id.
    entries: Vec<Credit>,
    /// (concept position in the taxonomy, position in `entries`), sorted by the former.
    by_index: Vec<(usize, usize)>,
    /// One bit per concept position modulo 256: a concept whose bit is clear is not credited,
    /// which answers most lookups (a profile's items are mostly not in a document) at once.
    present: [u64; 4],
    /// Indexes into [`Analysis::mentions`] of each entry's affirmed mentions, best first.
    mentions: Vec<usize>,
}

impl<'t> Credits<'t> {
    /// The credits of `analysis`, with implied concepts (`implies` in the taxonomy) at half the
    /// credit of the concept implying them.
    pub(crate) fn of(taxonomy: &'t Taxonomy, analysis: &Analysis) -> Credits<'t> {
        let concepts = taxonomy.concepts();
        let all = &analysis.mentions;
        debug_assert!(all.iter().all(|m| concepts[m.index].id == m.concept));
        // Credited mentions by concept in id order, each concept's best first, then in text
        // order: deterministic and the most convincing first. One integer key per mention (the
        // first twelve bytes of its concept's id over its position) sorts them by id and then
        // in text order, but for ids that share twelve bytes, put in id order by the ids
        // themselves (a stable sort: text order stays within a concept). Each concept's run, a
        // handful of mentions, is then put best first by a stable sort.
        let mut keys: Vec<u128> = all
            .iter()
            .enumerate()
            .filter(|(_, m)| m.credit > 0.0)
            .map(|(i, m)| id_prefix(&concepts[m.index].id) >> 32 << 32 | i as u128)
            .collect();
        keys.sort_unstable();
        let mention = |k: u128| (k as u32) as usize;
        order_prefix_runs(&mut keys, |k| &concepts[all[mention(k)].index].id);
        let mut mentions: Vec<usize> = keys.iter().map(|&k| mention(k)).collect();
        // One entry per run of a concept's mentions, then implied targets (one growth at most).
        let runs = 1 + mentions
            .windows(2)
            .filter(|w| all[w[0]].index != all[w[1]].index)
            .count();
        let mut entries: Vec<Credit> = Vec::with_capacity(runs);
        let mut start = 0;
        while start < mentions.len() {
            let index = all[mentions[start]].index;
            let end = start
                + mentions[start..]
                    .iter()
                    .take_while(|&&m| all[m].index == index)
                    .count();
            let run = &mut mentions[start..end];
            run.sort_by(|&a, &b| all[b].credit.total_cmp(&all[a].credit));
            entries.push(Credit {
                index,
                credit: all[run[0]].credit,
                mentions: start..end,
                implied_by: None,
                prefix: id_prefix(&concepts[index].id),
            });
            start = end;
        }
        // Each concept shown implies its targets; in id order, so that of two concepts implying
        // one target as strongly, the first by id is named.
        let direct = entries.len();
        // The direct entries by concept position, for finding an implied target among them.
        let mut direct_at: Vec<(usize, usize)> = entries
            .iter()
            .enumerate()
            .map(|(p, e)| (e.index, p))
            .collect();
        direct_at.sort_unstable();
        for d in 0..direct {
            let (by, credit) = (entries[d].index, entries[d].credit);
            for target in &concepts[by].implies {
                let Some(t) = taxonomy.concept_index(target.as_str()) else {
                    continue;
                };
                let implied = credit * IMPLIED_CREDIT;
                let found = match direct_at.binary_search_by_key(&t, |&(i, _)| i) {
                    Ok(k) => Some(direct_at[k].1),
                    Err(_) => (direct..entries.len()).find(|&p| entries[p].index == t),
                };
                match found.map(|p| &mut entries[p]) {
                    Some(e) => {
                        if e.implied_by.is_some() && implied > e.credit {
                            e.credit = implied;
                            e.implied_by = Some(by);
                        }
                    }
                    None => entries.push(Credit {
                        index: t,
                        credit: implied,
                        mentions: 0..0,
                        implied_by: Some(by),
                        prefix: id_prefix(&concepts[t].id),
                    }),
                }
            }
        }
        if entries.len() > direct {
            sort_by_id(&mut entries, concepts);
        }
        let mut by_index: Vec<(usize, usize)> = entries
            .iter()
            .enumerate()
            .map(|(p, e)| (e.index, p))
            .collect();
        by_index.sort_unstable();
        let mut present = [0u64; 4];
        for e in &entries {
            present[e.index / 64 % 4] |= 1 << (e.index % 64);
        }
        Credits {
            concepts,
            entries,
            by_index,
            present,
            mentions,
        }
    }

    /// The credit of the concept at `index` in the taxonomy.
    pub(crate) fn at(&self, index: usize) -> Option<&Credit> {
        self.position(index).map(|p| &self.entries[p])
    }

    fn position(&self, index: usize) -> Option<usize> {
        if self.present[index / 64 % 4] & 1 << (index % 64) == 0 {
            return None;
        }
        self.by_index
            .binary_search_by_key(&index, |&(i, _)| i)
            .ok()
            .map(|k| self.by_index[k].1)
    }

    /// The credit of the concept `id` (a [`ConceptId`] or its string).
    pub(crate) fn get<Q: Borrow<str> + ?Sized>(&self, id: &Q) -> Option<&Credit> {
        let id: &str = id.borrow();
        self.entries
            .binary_search_by(|e| self.concepts[e.index].id.as_str().cmp(id))
            .ok()
            .map(|p| &self.entries[p])
    }

    /// Whether the document shows or implies the concept at `index`.
    pub(crate) fn contains(&self, index: usize) -> bool {
        self.position(index).is_some()
    }

    /// Every credited concept with its id, in id order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&'t ConceptId, &Credit)> + '_ {
        let concepts = self.concepts;
        self.entries.iter().map(move |e| (&concepts[e.index].id, e))
    }

    /// The concept's affirmed mentions (indexes into [`Analysis::mentions`]), best first.
    pub(crate) fn mentions(&self, c: &Credit) -> &[usize] {
        &self.mentions[c.mentions.clone()]
    }

    /// The id of the concept at `index`.
    pub(crate) fn id(&self, index: usize) -> &'t ConceptId {
        &self.concepts[index].id
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

/// A group's items as concept positions in the taxonomy, worked out once per profile.
#[derive(Clone, Debug, Default)]
pub(crate) struct GroupOptions {
    /// Each item's options (the concept, then its alternatives), `None` for an id the
    /// taxonomy does not know (no document shows it).
    options: Vec<Option<usize>>,
    /// Where each item's options sit in `options`.
    items: Vec<Range<usize>>,
    /// The items' own concepts, sorted: a concept implied by one of them is no evidence of its
    /// own in this group.
    concepts: Vec<usize>,
}

impl GroupOptions {
    pub(crate) fn of(taxonomy: &Taxonomy, group: &ProfileGroup) -> GroupOptions {
        let mut options = Vec::new();
        let mut items = Vec::with_capacity(group.items.len());
        for it in &group.items {
            let start = options.len();
            options.extend(it.options().map(|id| taxonomy.concept_index(id.as_str())));
            items.push(start..options.len());
        }
        let mut concepts: Vec<usize> = group
            .items
            .iter()
            .filter_map(|it| taxonomy.concept_index(it.concept.as_str()))
            .collect();
        concepts.sort_unstable();
        concepts.dedup();
        GroupOptions {
            options,
            items,
            concepts,
        }
    }

    /// The best option of item `item` in `credits`: the concept or one of its alternatives,
    /// with its credit, skipping concepts only implied by another item of the same group
    /// ("help desk" implying "technical support" is one piece of evidence, not two toward a
    /// k-of-n rule). The first of equally good options wins.
    pub(crate) fn best<'c>(
        &self,
        item: usize,
        credits: &'c Credits<'_>,
        reading: Reading,
    ) -> Option<(&'c Credit, f64)> {
        let mut best: Option<(&Credit, f64)> = None;
        for &o in &self.options[self.items[item].clone()] {
            let Some(c) = o.and_then(|o| credits.at(o)) else {
                continue;
            };
            let earned = match c.implied_by {
                Some(by) if self.concepts.binary_search(&by).is_ok() => 0.0,
                _ if reading == Reading::Shown && c.credit > 0.0 => 1.0,
                _ => c.credit,
            };
            if earned > best.map_or(0.0, |b| b.1) {
                best = Some((c, earned));
            }
        }
        best
    }

    /// The credit of each item, appended to `out`.
    pub(crate) fn extend_credits(
        &self,
        credits: &Credits<'_>,
        reading: Reading,
        out: &mut Vec<f64>,
    ) {
        out.extend(
            (0..self.items.len()).map(|i| self.best(i, credits, reading).map_or(0.0, |b| b.1)),
        );
    }
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

pub(crate) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
pub(crate) mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::scoring::{DocKind, Scorer};

    /// The fixture documents (resumes and postings), each with the kind it is.
    pub(crate) fn fixtures() -> Vec<(String, DocKind)> {
        let mut out = Vec::new();
        for (dir, kind) in [("resumes", DocKind::Resume), ("postings", DocKind::Posting)] {
            let path = format!("{}/fixtures/{dir}", env!("CARGO_MANIFEST_DIR"));
            let mut names: Vec<_> = std::fs::read_dir(&path)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            names.sort();
            for p in names {
                out.push((std::fs::read_to_string(&p).unwrap(), kind));
            }
        }
        assert!(out.len() >= 10, "fixtures missing");
        out
    }

    /// The readable version: a map keyed by id, filled mention by mention, then implications
    /// in id order. Per concept: credit, mentions best first, implying concept.
    fn oracle(
        taxonomy: &Taxonomy,
        a: &Analysis,
    ) -> BTreeMap<ConceptId, (f64, Vec<usize>, Option<ConceptId>)> {
        let mut out: BTreeMap<ConceptId, (f64, Vec<usize>, Option<ConceptId>)> = BTreeMap::new();
        for (i, m) in a
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.credit > 0.0)
        {
            let e = out
                .entry(m.concept.clone())
                .or_insert((0.0, Vec::new(), None));
            e.0 = e.0.max(m.credit);
            e.1.push(i);
        }
        for e in out.values_mut() {
            let m = &a.mentions;
            e.1.sort_by(|x, y| m[*y].credit.total_cmp(&m[*x].credit).then(x.cmp(y)));
        }
        let direct: Vec<(ConceptId, f64)> = out.iter().map(|(k, v)| (k.clone(), v.0)).collect();
        for (id, credit) in direct {
            for target in &taxonomy.concept(id.as_str()).unwrap().implies {
                let e = out
                    .entry(target.clone())
                    .or_insert((0.0, Vec::new(), Some(id.clone())));
                if e.2.is_some() && credit * IMPLIED_CREDIT > e.0 {
                    e.0 = credit * IMPLIED_CREDIT;
                    e.2 = Some(id.clone());
                }
            }
        }
        out
    }

    #[test]
    fn credits_agree_with_a_map_keyed_by_id() {
        let scorer = Scorer::new(Taxonomy::embedded()).unwrap();
        let taxonomy = scorer.taxonomy();
        let (mut implied, mut shared) = (0, 0);
        for (text, kind) in fixtures() {
            for kind in [kind, DocKind::Resume] {
                let a = scorer.analyze(&text, Some(kind));
                let credits = Credits::of(taxonomy, &a);
                let got: BTreeMap<ConceptId, (f64, Vec<usize>, Option<ConceptId>)> = credits
                    .iter()
                    .map(|(id, c)| {
                        let by = c.implied_by.map(|b| credits.id(b).clone());
                        (id.clone(), (c.credit, credits.mentions(c).to_vec(), by))
                    })
                    .collect();
                assert_eq!(got, oracle(taxonomy, &a));
                // In id order, and found by id and by position alike.
                let ids: Vec<&ConceptId> = credits.iter().map(|(id, _)| id).collect();
                assert!(ids.windows(2).all(|w| w[0] < w[1]));
                // Ids that share their first twelve bytes are put in order by the ids.
                let head = |id: &ConceptId| id.as_str().bytes().take(12).collect::<Vec<u8>>();
                shared += ids.windows(2).filter(|w| head(w[0]) == head(w[1])).count();
                for (id, c) in credits.iter() {
                    assert_eq!(credits.get(id), Some(c));
                    assert_eq!(credits.at(c.index), Some(c));
                    implied += usize::from(c.implied_by.is_some());
                }
                assert!(credits.get(&ConceptId::new("no-such-concept")).is_none());
                // Every other concept is absent, whatever its bit in the quick test.
                let mut held: Vec<usize> = credits.iter().map(|(_, c)| c.index).collect();
                held.sort_unstable();
                for i in 0..taxonomy.concepts().len() {
                    assert_eq!(credits.at(i).is_some(), held.binary_search(&i).is_ok());
                }
            }
        }
        assert!(
            implied > 0 && shared > 0,
            "no fixture implies a concept or shows two ids with one prefix: the test proves too little"
        );
    }
}
