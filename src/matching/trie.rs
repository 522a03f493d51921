//! The automaton the matcher walks: every pattern in one byte trie, read through byte classes that
//! lower-case ASCII letters and read ASCII white space (and hyphens, when folding) as a space, so
//! that raw ASCII text is walked as if it had been normalised, with no copy.
//!
//! Only anchored walks are made (from each position where a term may start), so the trie needs
//! no failure transitions: it is the goto function of an Aho-Corasick automaton. Two layouts:
//! a dense transition table (one row per state, one column per byte class), fastest to walk, for
//! batches; and linked child lists, built in a fraction of the time, for one short document.

use std::borrow::Cow;

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
        Trie::from_sparse(sparse, dense)
    }

    /// The trie `sparse`, made dense when `dense` (unless the table would be unreasonably large).
    pub(crate) fn from_sparse(sparse: SparseTrie, dense: bool) -> Trie {
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

/// Linked child lists; the root's children in a table. The nodes are laid out as bytes (see
/// [`NODE_BYTES`]), so that a trie compiled ahead of time is walked where it lies in the binary,
/// with no copy (see `table.rs`).
#[derive(Debug)]
pub(crate) struct SparseTrie {
    classes: ByteClasses,
    /// Whether a byte can start a pattern.
    starts: [bool; 256],
    /// The child of the root for each class (0: none).
    root: Box<[u32; 256]>,
    /// Node `k` at bytes `NODE_BYTES * k..`; node 0 is the root.
    nodes: Cow<'static, [u8]>,
}

/// A node as built.
#[derive(Clone, Copy, Debug)]
struct TrieNode {
    first_child: u32,
    next_sibling: u32,
    /// The pattern spelled by the path to this node, or [`NO_PATTERN`].
    pattern: u32,
    class: u8,
}

/// A node as laid out: first child, next sibling and pattern (little-endian `u32`s), then the
/// class byte. A child always comes after its parent and a next sibling before its elder, so
/// that the walk ends on any table that passes [`SparseTrie::from_parts`].
const NODE_BYTES: usize = 13;

const NO_PATTERN: u32 = u32::MAX;

impl SparseTrie {
    fn new(patterns: &[&str], classes: ByteClasses) -> SparseTrie {
        let mut b = Builder {
            root: Box::new([0; 256]),
            nodes: Vec::with_capacity(patterns.iter().map(|p| p.len()).sum::<usize>() / 2 + 1),
        };
        b.push(DEAD_CLASS, 0);
        for (pid, p) in patterns.iter().enumerate() {
            let mut cs = p.bytes().map(|byte| classes.class[byte as usize]);
            let Some(first) = cs.next() else {
                continue;
            };
            let mut node = match b.root[first as usize] {
                0 => {
                    let n = b.push(first, 0);
                    b.root[first as usize] = n;
                    n
                }
                n => n,
            };
            for c in cs {
                node = b.child_or_insert(node, c);
            }
            b.nodes[node as usize].pattern = pid as u32;
        }
        let mut nodes = Vec::with_capacity(b.nodes.len() * NODE_BYTES);
        for n in &b.nodes {
            nodes.extend_from_slice(&n.first_child.to_le_bytes());
            nodes.extend_from_slice(&n.next_sibling.to_le_bytes());
            nodes.extend_from_slice(&n.pattern.to_le_bytes());
            nodes.push(n.class);
        }
        SparseTrie::with_starts(classes, b.root, Cow::Owned(nodes))
    }

    fn with_starts(classes: ByteClasses, root: Box<[u32; 256]>, nodes: Cow<'static, [u8]>) -> Self {
        let mut starts = [false; 256];
        for (b, start) in starts.iter_mut().enumerate() {
            *start = root[classes.class[b] as usize] != 0;
        }
        SparseTrie {
            classes,
            starts,
            root,
            nodes,
        }
    }

    /// How many nodes, the root included.
    fn len(&self) -> usize {
        self.nodes.len() / NODE_BYTES
    }

    #[inline(always)]
    fn field(nodes: &[u8], node: u32, at: usize) -> u32 {
        let o = node as usize * NODE_BYTES + at;
        u32::from_le_bytes(nodes[o..o + 4].try_into().expect("4 bytes"))
    }

    #[inline(always)]
    fn first_child(nodes: &[u8], node: u32) -> u32 {
        Self::field(nodes, node, 0)
    }

    #[inline(always)]
    fn next_sibling(nodes: &[u8], node: u32) -> u32 {
        Self::field(nodes, node, 4)
    }

    #[inline(always)]
    fn pattern(nodes: &[u8], node: u32) -> u32 {
        Self::field(nodes, node, 8)
    }

    #[inline(always)]
    fn class(nodes: &[u8], node: u32) -> u8 {
        nodes[node as usize * NODE_BYTES + 12]
    }

    #[inline(always)]
    fn child(nodes: &[u8], node: u32, class: u8) -> u32 {
        let mut c = Self::first_child(nodes, node);
        while c != 0 && Self::class(nodes, c) != class {
            c = Self::next_sibling(nodes, c);
        }
        c
    }

    /// The trie as bytes: byte classes, the root's table, then the nodes as laid out.
    #[cfg(test)]
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.classes.class);
        out.extend_from_slice(&(self.classes.count as u32).to_le_bytes());
        let space = self.classes.space.map_or(u32::MAX, u32::from);
        out.extend_from_slice(&space.to_le_bytes());
        for r in self.root.iter() {
            out.extend_from_slice(&r.to_le_bytes());
        }
        out.extend_from_slice(&(self.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.nodes);
    }

    /// Reads a trie written by [`SparseTrie::write`] from the start of `bytes`, walking its
    /// nodes where they lie; with the bytes after it. With `check`, `None` unless every index is
    /// in bounds (a pattern below `patterns`), every child after its parent and every next
    /// sibling before its elder, so that no walk of it can panic or loop; without, the nodes are
    /// trusted (bytes built into the program that a test has checked), and not read at all.
    pub(crate) fn from_parts(
        bytes: &'static [u8],
        patterns: usize,
        check: bool,
    ) -> Option<(SparseTrie, &'static [u8])> {
        let (class, rest) = bytes.split_at_checked(256)?;
        let class: [u8; 256] = class.try_into().ok()?;
        let u32_at = |b: &[u8], i: usize| -> Option<u32> {
            Some(u32::from_le_bytes(
                b.get(4 * i..4 * i + 4)?.try_into().ok()?,
            ))
        };
        let count = u32_at(rest, 0)? as usize;
        let space = match u32_at(rest, 1)? {
            u32::MAX => None,
            s => Some(u8::try_from(s).ok()?),
        };
        let mut root = Box::new([0u32; 256]);
        for (c, r) in root.iter_mut().enumerate() {
            *r = u32_at(rest, 2 + c)?;
        }
        let n = u32_at(rest, 258)? as usize;
        let (nodes, rest) = rest[259 * 4..].split_at_checked(n.checked_mul(NODE_BYTES)?)?;
        let trie = SparseTrie::with_starts(
            ByteClasses {
                class,
                count,
                space,
            },
            root,
            Cow::Borrowed(nodes),
        );
        // Nodes 1.. are checked, unless trusted.
        let checked = if check { n as u32 } else { 1 };
        let ok = n > 0
            && (1..=256).contains(&count)
            && trie.root.iter().all(|&r| (r as usize) < n)
            && (1..checked).all(|k| {
                let first = Self::first_child(nodes, k);
                let pattern = Self::pattern(nodes, k);
                (first == 0 || (first > k && (first as usize) < n))
                    && Self::next_sibling(nodes, k) < k
                    && (pattern == NO_PATTERN || (pattern as usize) < patterns)
            });
        ok.then_some((trie, rest))
    }
}

/// A [`SparseTrie`] being built.
struct Builder {
    root: Box<[u32; 256]>,
    nodes: Vec<TrieNode>,
}

impl Builder {
    fn push(&mut self, class: u8, next_sibling: u32) -> u32 {
        self.nodes.push(TrieNode {
            first_child: 0,
            next_sibling,
            pattern: NO_PATTERN,
            class,
        });
        (self.nodes.len() - 1) as u32
    }

    fn child_or_insert(&mut self, node: u32, class: u8) -> u32 {
        let mut c = self.nodes[node as usize].first_child;
        while c != 0 && self.nodes[c as usize].class != class {
            c = self.nodes[c as usize].next_sibling;
        }
        if c != 0 {
            return c;
        }
        let first = self.nodes[node as usize].first_child;
        let n = self.push(class, first);
        self.nodes[node as usize].first_child = n;
        n
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
        let nodes: &[u8] = &self.nodes;
        let mut node = self.root[class[hay[i] as usize] as usize];
        let mut j = i + 1;
        let mut after_space = false;
        while node != 0 {
            let pattern = Self::pattern(nodes, node);
            if pattern != NO_PATTERN && accept(j) {
                ends.push((j as u32, pattern));
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
            node = Self::child(nodes, node, c);
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
        let nodes: &[u8] = &s.nodes;
        let rows = s.len() + 1;
        let entries = rows.checked_shl(shift)?;
        if entries > MAX_DENSE_ENTRIES || (rows << shift) >= MATCH_BIT as usize {
            return None;
        }
        let mut trans = vec![0u32; entries];
        let mut patterns = vec![NO_PATTERN; rows];
        let entry = |node: u32| -> u32 {
            let row = (node + 1) << shift;
            if SparseTrie::pattern(nodes, node) != NO_PATTERN {
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
        for k in 1..s.len() as u32 {
            patterns[k as usize + 1] = SparseTrie::pattern(nodes, k);
            let row = (k as usize + 1) << shift;
            let mut c = SparseTrie::first_child(nodes, k);
            while c != 0 {
                trans[row + SparseTrie::class(nodes, c) as usize] = entry(c);
                c = SparseTrie::next_sibling(nodes, c);
            }
            // A state entered by a space stays put on more spaces (patterns never hold two in a
            // row), so a run of white space is read as one space with no check in the walk.
            if let Some(space) = s.classes.space {
                if SparseTrie::class(nodes, k) == space {
                    trans[row + space as usize] = entry(k);
                }
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
