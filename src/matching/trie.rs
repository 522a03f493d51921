//! The automaton the matcher walks: every pattern in one byte trie, read through byte classes that
//! lower-case ASCII letters and read ASCII white space (and hyphens, when folding) as a space, so
//! that raw ASCII text is walked as if it had been normalised, with no copy.
//!
//! Only anchored walks are made (from each position where a term may start), so the trie needs
//! no failure transitions: it is the goto function of an Aho-Corasick automaton. Two layouts:
//! a dense transition table (one row per state, one column per byte class), fastest to walk, for
//! batches; and linked child lists, built in a fraction of the time, for one short document.

use crate::normalize::is_separator;

/// Bytes that can never be part of a pattern go to class 0, whose every transition is dead.
const DEAD_CLASS: u8 = 0;

/// The byte classes of a pattern set.
#[derive(Clone, Debug)]
struct ByteClasses {
    class: [u8; 256],
    /// How many classes, [`DEAD_CLASS`] included.
    count: usize,
    /// The class of a space, if any pattern has one.
    space: Option<u8>,
}

impl ByteClasses {
    fn new(patterns: &[&str], fold_hyphens: bool) -> ByteClasses {
        // Each byte as normalisation would make it (non-ASCII bytes stay as they are).
        let read = |b: u8| -> u8 {
            if is_separator(b, fold_hyphens) {
                b' '
            } else {
                b.to_ascii_lowercase()
            }
        };
        let mut used = [false; 256];
        for p in patterns {
            for &b in p.as_bytes() {
                used[read(b) as usize] = true;
            }
        }
        // One class for each byte used as it is read, in byte order (deterministic).
        let mut of_read = [DEAD_CLASS; 256];
        let mut count = 1;
        for b in 0..256 {
            if used[b] {
                of_read[b] = count as u8;
                count += 1;
            }
        }
        assert!(count <= 256, "at most 255 distinct bytes");
        let mut class = [DEAD_CLASS; 256];
        for b in 0..=255u8 {
            class[b as usize] = of_read[read(b) as usize];
        }
        let space = used[b' ' as usize].then(|| of_read[b' ' as usize]);
        ByteClasses {
            class,
            count,
            space,
        }
    }
}

/// Walking a trie layout.
pub(crate) trait Walk {
    /// For each byte, whether some pattern may start with it.
    fn starts(&self) -> &[bool; 256];

    /// Notes in `ends`, shortest first, every pattern spelled from `hay[i]` (read through the
    /// byte classes, a run of spaces as one) whose end `j` passes `accept(j)`, as `(j, pattern)`.
    fn walk(
        &self,
        hay: &[u8],
        i: usize,
        ends: &mut Vec<(u32, u32)>,
        accept: impl Fn(usize) -> bool,
    );
}

/// The trie, in one of two layouts.
#[derive(Debug)]
pub(crate) enum Trie {
    Dense(DenseTrie),
    Sparse(SparseTrie),
}

impl Trie {
    /// A trie of `patterns` (normalised, distinct, not empty; pattern ids are their positions):
    /// dense when `dense`, unless the table would be unreasonably large.
    pub(crate) fn new(patterns: &[&str], fold_hyphens: bool, dense: bool) -> Trie {
        let sparse = SparseTrie::new(patterns, ByteClasses::new(patterns, fold_hyphens));
        if dense {
            if let Some(d) = DenseTrie::from_sparse(&sparse) {
                return Trie::Dense(d);
            }
        }
        Trie::Sparse(sparse)
    }

    /// For each byte, whether some pattern may start with it.
    #[inline]
    pub(crate) fn starts(&self) -> &[bool; 256] {
        match self {
            Trie::Dense(d) => d.starts(),
            Trie::Sparse(s) => s.starts(),
        }
    }

    /// Notes in `ends`, shortest first, every pattern spelled from `hay[i]` (read through the
    /// byte classes, a run of spaces as one) whose end `j` passes `accept(j)`, as `(j, pattern)`.
    #[inline]
    pub(crate) fn walk(
        &self,
        hay: &[u8],
        i: usize,
        ends: &mut Vec<(u32, u32)>,
        accept: impl Fn(usize) -> bool,
    ) {
        match self {
            Trie::Dense(d) => d.walk(hay, i, ends, accept),
            Trie::Sparse(s) => s.walk(hay, i, ends, accept),
        }
    }
}

/// Linked child lists; the root's children in a table.
#[derive(Debug)]
pub(crate) struct SparseTrie {
    classes: ByteClasses,
    /// Whether a byte can start a pattern.
    starts: [bool; 256],
    /// The child of the root for each class (0: none).
    root: Box<[u32; 256]>,
    /// Node 0 is the root.
    nodes: Vec<TrieNode>,
}

#[derive(Clone, Copy, Debug)]
struct TrieNode {
    first_child: u32,
    next_sibling: u32,
    /// The pattern spelled by the path to this node, or [`NO_PATTERN`].
    pattern: u32,
    class: u8,
}

const NO_PATTERN: u32 = u32::MAX;

impl SparseTrie {
    fn new(patterns: &[&str], classes: ByteClasses) -> SparseTrie {
        let mut trie = SparseTrie {
            classes,
            starts: [false; 256],
            root: Box::new([0; 256]),
            nodes: Vec::with_capacity(patterns.iter().map(|p| p.len()).sum::<usize>() / 2 + 1),
        };
        trie.push(DEAD_CLASS, 0);
        for (pid, p) in patterns.iter().enumerate() {
            let class = trie.classes.class;
            let mut classes = p.bytes().map(|b| class[b as usize]);
            let Some(first) = classes.next() else {
                continue;
            };
            let mut node = match trie.root[first as usize] {
                0 => {
                    let n = trie.push(first, 0);
                    trie.root[first as usize] = n;
                    n
                }
                n => n,
            };
            for c in classes {
                node = trie.child_or_insert(node, c);
            }
            trie.nodes[node as usize].pattern = pid as u32;
        }
        for b in 0..256 {
            trie.starts[b] = trie.root[trie.classes.class[b] as usize] != 0;
        }
        trie
    }

    fn push(&mut self, class: u8, next_sibling: u32) -> u32 {
        self.nodes.push(TrieNode {
            first_child: 0,
            next_sibling,
            pattern: NO_PATTERN,
            class,
        });
        (self.nodes.len() - 1) as u32
    }

    fn child(&self, node: u32, class: u8) -> u32 {
        let mut c = self.nodes[node as usize].first_child;
        while c != 0 && self.nodes[c as usize].class != class {
            c = self.nodes[c as usize].next_sibling;
        }
        c
    }

    fn child_or_insert(&mut self, node: u32, class: u8) -> u32 {
        match self.child(node, class) {
            0 => {
                let first = self.nodes[node as usize].first_child;
                let n = self.push(class, first);
                self.nodes[node as usize].first_child = n;
                n
            }
            c => c,
        }
    }
}

impl Walk for SparseTrie {
    fn starts(&self) -> &[bool; 256] {
        &self.starts
    }

    #[inline(always)]
    fn walk(
        &self,
        hay: &[u8],
        i: usize,
        ends: &mut Vec<(u32, u32)>,
        accept: impl Fn(usize) -> bool,
    ) {
        let class = &self.classes.class;
        let space = self.classes.space;
        let mut node = self.root[class[hay[i] as usize] as usize];
        let mut j = i + 1;
        let mut after_space = false;
        while node != 0 {
            let n = &self.nodes[node as usize];
            if n.pattern != NO_PATTERN && accept(j) {
                ends.push((j as u32, n.pattern));
            }
            // The next class, a run of spaces read as one.
            let c = loop {
                let Some(&b) = hay.get(j) else {
                    return;
                };
                j += 1;
                let c = class[b as usize];
                let is_space = Some(c) == space;
                if !(is_space && after_space) {
                    after_space = is_space;
                    break c;
                }
            };
            node = self.child(node, c);
        }
    }
}

/// One row of transitions per state. Entries are the next state's row offset, with
/// [`MATCH_BIT`] set when that state ends a pattern; row 0 is the dead state, row 1 the root.
#[derive(Debug)]
pub(crate) struct DenseTrie {
    class: [u8; 256],
    /// Rows are `1 << shift` entries wide.
    shift: u32,
    trans: Vec<u32>,
    /// The pattern each state ends, by row.
    patterns: Vec<u32>,
    /// Whether a byte can start a pattern.
    starts: [bool; 256],
}

const MATCH_BIT: u32 = 1 << 31;

/// The largest table built, in entries (64 MiB); a larger trie stays sparse.
const MAX_DENSE_ENTRIES: usize = 1 << 24;

impl DenseTrie {
    fn from_sparse(s: &SparseTrie) -> Option<DenseTrie> {
        let shift = s.classes.count.next_power_of_two().trailing_zeros();
        // Rows: dead, then node k at row k + 1 (node 0, the root, at row 1).
        let rows = s.nodes.len() + 1;
        let entries = rows.checked_shl(shift)?;
        if entries > MAX_DENSE_ENTRIES || (rows << shift) >= MATCH_BIT as usize {
            return None;
        }
        let mut trans = vec![0u32; entries];
        let mut patterns = vec![NO_PATTERN; rows];
        let entry = |node: u32| -> u32 {
            let row = (node + 1) << shift;
            if s.nodes[node as usize].pattern != NO_PATTERN {
                row | MATCH_BIT
            } else {
                row
            }
        };
        for (c, &child) in s.root.iter().enumerate() {
            if child != 0 {
                trans[(1 << shift) + c] = entry(child);
            }
        }
        for (k, n) in s.nodes.iter().enumerate().skip(1) {
            patterns[k + 1] = n.pattern;
            let row = (k + 1) << shift;
            let mut c = n.first_child;
            while c != 0 {
                let child = &s.nodes[c as usize];
                trans[row + child.class as usize] = entry(c);
                c = child.next_sibling;
            }
            // A state entered by a space stays put on more spaces (patterns never hold two in a
            // row), so a run of white space is read as one space with no check in the walk.
            if Some(n.class) == s.classes.space {
                trans[row + n.class as usize] = entry(k as u32);
            }
        }
        Some(DenseTrie {
            class: s.classes.class,
            shift,
            trans,
            patterns,
            starts: s.starts,
        })
    }
}

impl Walk for DenseTrie {
    fn starts(&self) -> &[bool; 256] {
        &self.starts
    }

    #[inline(always)]
    fn walk(
        &self,
        hay: &[u8],
        i: usize,
        ends: &mut Vec<(u32, u32)>,
        accept: impl Fn(usize) -> bool,
    ) {
        let mut row = 1usize << self.shift;
        let mut j = i;
        while j < hay.len() {
            let t = self.trans[row + self.class[hay[j] as usize] as usize];
            j += 1;
            if t & MATCH_BIT == 0 {
                if t == 0 {
                    return;
                }
                row = t as usize;
                continue;
            }
            row = (t & !MATCH_BIT) as usize;
            if accept(j) {
                ends.push((j as u32, self.patterns[row >> self.shift]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walks(t: &Trie, hay: &str) -> Vec<(usize, Vec<(u32, u32)>)> {
        let mut out = Vec::new();
        for i in 0..hay.len() {
            let mut ends = Vec::new();
            t.walk(hay.as_bytes(), i, &mut ends, |_| true);
            if !ends.is_empty() {
                out.push((i, ends));
            }
        }
        out
    }

    #[test]
    fn both_layouts_walk_alike() {
        let patterns = [
            "wi fi",
            "wifi",
            "a+",
            "active directory",
            "ad",
            "c#",
            "tcp/ip",
        ];
        let hay = "WiFi, Wi-Fi and wi \n\t fi; Active  Directory (AD), A+ C# TCP/IP tcp/ipx";
        for fold in [false, true] {
            let dense = Trie::new(&patterns, fold, true);
            let sparse = Trie::new(&patterns, fold, false);
            assert!(matches!(dense, Trie::Dense(_)));
            assert!(matches!(sparse, Trie::Sparse(_)));
            let found = walks(&dense, hay);
            assert_eq!(found, walks(&sparse, hay));
            let at = |s: &str| hay.find(s).unwrap();
            // Case and white space runs are read as normalisation would.
            assert!(found.contains(&(at("Active"), vec![((at("Directory") + 9) as u32, 3)])));
            assert!(found.contains(&(at("wi \n"), vec![((at("fi;") + 2) as u32, 0)])));
            // Hyphens are spaces only when folding.
            let hyphen = found.iter().any(|(i, _)| *i == at("Wi-Fi"));
            assert_eq!(hyphen, fold);
        }
    }

    #[test]
    fn accept_filters_ends_and_prefixes_are_reported_shortest_first() {
        let patterns = ["c", "c#", "c# net"];
        let t = Trie::new(&patterns, false, true);
        let mut ends = Vec::new();
        t.walk(b"C# NET", 0, &mut ends, |_| true);
        assert_eq!(ends, [(1, 0), (2, 1), (6, 2)]);
        ends.clear();
        t.walk(b"C# NET", 0, &mut ends, |j| j != 2);
        assert_eq!(ends, [(1, 0), (6, 2)]);
        let Trie::Dense(d) = &t else { panic!("dense") };
        let starts = d.starts();
        assert!(starts[b'C' as usize] && starts[b'c' as usize] && !starts[b'x' as usize]);
    }
}
