//! The pattern table of a taxonomy: every surface form and spelling variant normalised into a
//! pattern key, the rules of each form, and the context cues, which the matcher compiles into its
//! tries. Generating it and building the tries for the embedded taxonomy was most of the start-up
//! of a one-document run, so that matcher is also compiled ahead of time into
//! `taxonomies/desktop-technician.table`, its tries laid out to be walked in place, which a test
//! keeps in step with the taxonomy (`ROLEFIT_BLESS=1 cargo test --lib -- table snapshot`
//! rewrites it after the taxonomy or the generation code changes; until then, a changed taxonomy
//! gets its table generated at start-up, as any other taxonomy does, and that test fails).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use super::trie::{SparseTrie, Trie};
use super::{BuildError, Compiled, Cues, FormRule, MatcherOptions};

/// The most bytes of patterns (surface forms and their spelling variants, normalised) a matcher
/// is compiled from: 16 MiB, some 50 times what the embedded taxonomy needs.
pub(super) const MAX_PATTERN_BYTES: usize = 16 << 20;
use crate::normalize::{normalize_term_with, Normalized};
use crate::taxonomy::{AliasRule, Taxonomy, DEFAULT_WINDOW};

/// What the matcher compiles: patterns (ids are positions), the rules of each, the cue words.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Table {
    pub(super) patterns: Vec<String>,
    /// Per pattern, the range of `entries` holding its rules, in the order they are tried.
    pub(super) pattern_entries: Vec<Range<u32>>,
    pub(super) entries: Vec<u32>,
    pub(super) rules: Vec<FormRule>,
    /// Cue words, by cue id.
    pub(super) cues: Vec<String>,
}

impl Table {
    /// The table of `taxonomy`; with `fold` (spelling variants on), variants are generated and
    /// hyphens fold into spaces.
    ///
    /// Fails when the patterns, spelling variants included, would hold more than
    /// [`MAX_PATTERN_BYTES`]: the taxonomy's own limits bound its forms, and this bounds what
    /// the variants multiply them into, so that no taxonomy makes the automaton exhaust memory.
    pub(super) fn generate(taxonomy: &Taxonomy, fold: bool) -> Result<Table, BuildError> {
        let mut pattern_bytes = 0usize;
        let mut grow = |n: usize| -> Result<(), BuildError> {
            pattern_bytes += n;
            if pattern_bytes > MAX_PATTERN_BYTES {
                return Err(BuildError::new(format!(
                    "its surface forms and their spelling variants come to more than {} MB of \
                     patterns; turn variants off for long forms (\"variants\": false) or split \
                     the taxonomy",
                    MAX_PATTERN_BYTES >> 20
                )));
            }
            Ok(())
        };
        let mut buf = Normalized::new();
        let mut rules = Vec::new();
        let mut cue_ids: FastMap<String, u32> = FastMap::default();
        let mut raw_cue_ids: FastMap<&str, u32> = FastMap::default();
        let mut patterns: Vec<String> = Vec::new();
        // Each pattern key: its index, and the concept whose written form claimed it first (a
        // generated variant never takes a key that another concept wrote).
        let mut keys: FastMap<String, (u32, u32)> = FastMap::default();
        // (pattern, rule), in the order the rules are tried.
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut variants: Vec<(String, u32, u32)> = Vec::new();
        for (ci, concept) in taxonomy.concepts().iter().enumerate() {
            let ci = ci as u32;
            for (text, rule) in concept.form_refs() {
                let rule_index = rules.len() as u32;
                rules.push(compile_rule(
                    ci,
                    text,
                    rule,
                    fold,
                    &mut cue_ids,
                    &mut raw_cue_ids,
                ));
                let key = buf.term(text, fold);
                grow(key.len())?;
                if fold && rule.and_then(|r| r.variants).unwrap_or(true) {
                    let written = if fold {
                        buf.term(text, false)
                    } else {
                        key.clone()
                    };
                    for v in spelling_variants(&written) {
                        grow(v.len())?;
                        variants.push((buf.term(&v, fold), ci, rule_index));
                    }
                }
                let p = add_pattern(&mut keys, &mut patterns, key, ci);
                pairs.push((p, rule_index));
            }
        }
        for (key, ci, rule) in variants {
            if keys.get(&key).is_some_and(|&(_, owner)| owner != ci) {
                continue;
            }
            let p = add_pattern(&mut keys, &mut patterns, key, ci);
            pairs.push((p, rule));
        }
        // Stable: a pattern's rules stay in the order they were added, each once.
        pairs.sort_by_key(|&(p, _)| p);
        let mut entries = Vec::with_capacity(pairs.len());
        let mut pattern_entries = Vec::with_capacity(patterns.len());
        for group in pairs.chunk_by(|a, b| a.0 == b.0) {
            let start = entries.len();
            for &(_, rule) in group {
                if !entries[start..].contains(&rule) {
                    entries.push(rule);
                }
            }
            pattern_entries.push(start as u32..entries.len() as u32);
        }
        let mut cues = vec![String::new(); cue_ids.len()];
        for (cue, id) in cue_ids {
            cues[id as usize] = cue;
        }
        Ok(Table {
            patterns,
            pattern_entries,
            entries,
            rules,
            cues,
        })
    }
}

/// The id of pattern `key`, added (owned by concept `ci`) if it is new.
fn add_pattern(
    keys: &mut FastMap<String, (u32, u32)>,
    patterns: &mut Vec<String>,
    key: String,
    ci: u32,
) -> u32 {
    if let Some(&(p, _)) = keys.get(&key) {
        return p;
    }
    let p = patterns.len() as u32;
    keys.insert(key.clone(), (p, ci));
    patterns.push(key);
    p
}

fn compile_rule<'t>(
    concept: u32,
    text: &str,
    rule: Option<&'t AliasRule>,
    fold: bool,
    cue_ids: &mut FastMap<String, u32>,
    raw_cue_ids: &mut FastMap<&'t str, u32>,
) -> FormRule {
    let Some(rule) = rule else {
        return FormRule {
            concept,
            case_letters: None,
            require: Box::new([]),
            forbid: Box::new([]),
            allow: Box::new([]),
            window: DEFAULT_WINDOW,
        };
    };
    let mut ids = |cues: &'t [String]| -> Box<[u32]> {
        let mut v: Vec<u32> = cues
            .iter()
            .map(|c| {
                // The same cue lists recur across forms: each spelling is normalised once.
                if let Some(&id) = raw_cue_ids.get(c.as_str()) {
                    return id;
                }
                let key = normalize_term_with(c, fold);
                let id = match cue_ids.get(&key) {
                    Some(&id) => id,
                    None => {
                        let id = cue_ids.len() as u32;
                        cue_ids.insert(key, id);
                        id
                    }
                };
                raw_cue_ids.insert(c, id);
                id
            })
            .collect();
        v.sort_unstable();
        v.dedup();
        v.into_boxed_slice()
    };
    FormRule {
        concept,
        case_letters: rule.case_sensitive.then(|| {
            text.bytes()
                .filter(u8::is_ascii_alphabetic)
                .collect::<Vec<u8>>()
                .into_boxed_slice()
        }),
        require: ids(&rule.require),
        forbid: ids(&rule.forbid),
        allow: ids(&rule.allow),
        window: rule.window.unwrap_or(DEFAULT_WINDOW),
    }
}

/// A hash map keyed by short strings from the taxonomy, hashed with FxHash: the taxonomy is the
/// user's own, so there is no flooding to defend against, and building stays cheap.
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The multiply-rotate hash of rustc (FxHash).
#[derive(Default)]
struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Spelling variants of a normalised form: a single `-` or ` ` between two letters or digits may
/// be either, and a hyphen, or a separator next to a part of one or two characters, may go.
pub(super) fn spelling_variants(key: &str) -> Vec<String> {
    let bytes = key.as_bytes();
    let alnum = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
    // Separators, each with how many spellings it has: " " and "-", and "" too for a hyphen or
    // a separator next to a part of one or two characters.
    let mut seps: Vec<(usize, usize)> = Vec::new();
    for i in 1..bytes.len().saturating_sub(1) {
        if (bytes[i] == b'-' || bytes[i] == b' ') && alnum(i - 1) && alnum(i + 1) {
            let left = bytes[..i]
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            let right = bytes[i + 1..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            let short = left <= 2 || right <= 2;
            seps.push((i, if bytes[i] == b'-' || short { 3 } else { 2 }));
        }
    }
    if seps.is_empty() {
        return Vec::new();
    }
    const SPELLINGS: [&str; 3] = [" ", "-", ""];
    let spell = |choice: &dyn Fn(usize, usize) -> usize| -> String {
        let mut v = String::with_capacity(key.len());
        let mut last = 0;
        for (k, &(i, _)) in seps.iter().enumerate() {
            v.push_str(&key[last..i]);
            v.push_str(SPELLINGS[choice(k, seps[k].1)]);
            last = i + 1;
        }
        v.push_str(&key[last..]);
        v
    };
    let mut out: Vec<String> = Vec::new();
    let mut keep = |v: String| {
        if v != key && !out.contains(&v) {
            out.push(v);
        }
    };
    if seps.len() <= 3 {
        // Every combination, the first separator varying slowest.
        let total: usize = seps.iter().map(|&(_, n)| n).product();
        for mut combo in 0..total {
            let mut digits = [0usize; 3];
            for k in (0..seps.len()).rev() {
                digits[k] = combo % seps[k].1;
                combo /= seps[k].1;
            }
            keep(spell(&|k, _| digits[k]));
        }
    } else {
        keep(spell(&|_, _| 0));
        keep(spell(&|_, _| 1));
    }
    out
}

/// The embedded taxonomy compiled ahead of time: its table with both automata built, laid out
/// so that it is used where it lies in the binary (the automata are walked in place; only the
/// rules are read into memory).
static EMBEDDED_TABLE: &[u8] = include_bytes!("../../taxonomies/desktop-technician.table");

/// The matcher compiled ahead of time, if `taxonomy` is the embedded one, the options are the
/// defaults it was compiled with, and it was compiled from this very taxonomy.
pub(super) fn embedded_compiled(taxonomy: &Taxonomy, options: &MatcherOptions) -> Option<Compiled> {
    if !taxonomy.is_embedded() {
        return None;
    }
    Compiled::from_bytes(EMBEDDED_TABLE, taxonomy.hash(), options, TRUST_EMBEDDED)
}

/// The embedded taxonomy's compiled matcher, read before the taxonomy is: the build-time hash
/// of the embedded taxonomy stands for the parsed taxonomy's (a test checks they are the same).
pub(super) fn embedded_compiled_unchecked(options: &MatcherOptions) -> Option<Compiled> {
    Compiled::from_bytes(
        EMBEDDED_TABLE,
        crate::taxonomy::EMBEDDED_HASH,
        options,
        TRUST_EMBEDDED,
    )
}

/// Whether the embedded table is read without checking every index in it: it is part of the
/// program, and `the_embedded_table_is_up_to_date` checks it (reading its 55,000 nodes to
/// check them touched a megabyte that one document never walks).
const TRUST_EMBEDDED: bool = true;

const MAGIC: &[u8; 8] = b"rolefit3";

impl Compiled {
    /// The compiled matcher as bytes, stamped with the hash of the taxonomy it was made from;
    /// `None` unless both automata are in the compact layout (built with `quick_build`).
    #[cfg(test)]
    pub(super) fn to_bytes(&self, taxonomy_hash: &str) -> Option<Vec<u8>> {
        let Trie::Sparse(automaton) = &self.automaton else {
            return None;
        };
        let mut w = Writer(Vec::new());
        w.0.extend_from_slice(MAGIC);
        w.bytes(taxonomy_hash.as_bytes());
        w.0.push(u8::from(self.fold_hyphens));
        w.u32(self.pattern_count as u32);
        automaton.write(&mut w.0);
        w.u32s(&self.entries);
        w.u32(self.pattern_entries.len() as u32);
        for r in &self.pattern_entries {
            w.u32(r.start);
            w.u32(r.end);
        }
        w.u32(self.rules.len() as u32);
        for r in &self.rules {
            w.u32(r.concept);
            match &r.case_letters {
                None => w.u32(u32::MAX),
                Some(letters) => w.bytes(letters),
            }
            w.u32s(&r.require);
            w.u32s(&r.forbid);
            w.u32s(&r.allow);
            w.u32(r.window as u32);
        }
        w.u32(self.cues.count as u32);
        match &self.cues.automaton {
            None => {}
            Some(Trie::Sparse(cues)) => cues.write(&mut w.0),
            Some(Trie::Dense(_)) => return None,
        }
        Some(w.0)
    }

    /// Reads a matcher written by [`Compiled::to_bytes`], its automata walked where they lie
    /// (made dense unless `options` ask for a quick build); `None` unless it is whole, stamped
    /// with `taxonomy_hash`, compiled with the spelling variants that `options` ask for and,
    /// unless `trusted` (bytes of the program itself, checked by a test), consistent.
    pub(super) fn from_bytes(
        bytes: &'static [u8],
        taxonomy_hash: &str,
        options: &MatcherOptions,
        trusted: bool,
    ) -> Option<Compiled> {
        let mut r = Reader(bytes);
        if r.take(MAGIC.len())? != MAGIC || r.bytes()? != taxonomy_hash.as_bytes() {
            return None;
        }
        let fold_hyphens = r.take(1)? == [1];
        if fold_hyphens != options.spelling_variants {
            return None;
        }
        let dense = !options.quick_build;
        let pattern_count = r.u32()? as usize;
        let (automaton, rest) = SparseTrie::from_parts(r.0, pattern_count, !trusted)?;
        r.0 = rest;
        let entries = r.u32s()?;
        let n = r.u32()? as usize;
        let mut pattern_entries = Vec::with_capacity(n.min(bytes.len()));
        for _ in 0..n {
            pattern_entries.push(r.u32()?..r.u32()?);
        }
        let n = r.u32()? as usize;
        let mut rules = Vec::with_capacity(n.min(bytes.len()));
        for _ in 0..n {
            let concept = r.u32()?;
            let case_letters = match r.u32()? {
                u32::MAX => None,
                len => Some(r.take(len as usize)?.into()),
            };
            rules.push(FormRule {
                concept,
                case_letters,
                require: r.u32s()?.into(),
                forbid: r.u32s()?.into(),
                allow: r.u32s()?.into(),
                window: r.u32()? as usize,
            });
        }
        let cue_count = r.u32()? as usize;
        let cues = match cue_count {
            0 => None,
            _ => {
                let (cues, rest) = SparseTrie::from_parts(r.0, cue_count, !trusted)?;
                r.0 = rest;
                Some(Trie::from_sparse(cues, dense))
            }
        };
        let compiled = Compiled {
            automaton: Trie::from_sparse(automaton, dense),
            cues: Cues {
                automaton: cues,
                count: cue_count,
            },
            pattern_count,
            pattern_entries,
            entries,
            rules,
            fold_hyphens,
        };
        (r.0.is_empty() && (trusted || compiled.is_consistent())).then_some(compiled)
    }

    /// Every index within bounds, so that a damaged table cannot make the matcher panic (the
    /// automata check their own).
    fn is_consistent(&self) -> bool {
        self.pattern_entries.len() == self.pattern_count
            && self
                .pattern_entries
                .iter()
                .all(|r| r.start <= r.end && r.end as usize <= self.entries.len())
            && self
                .entries
                .iter()
                .all(|&e| (e as usize) < self.rules.len())
            && self.rules.iter().all(|rule| {
                rule.require
                    .iter()
                    .chain(rule.forbid.iter())
                    .chain(rule.allow.iter())
                    .all(|&c| (c as usize) < self.cues.count)
            })
    }
}

#[cfg(test)]
struct Writer(Vec<u8>);

#[cfg(test)]
impl Writer {
    fn u32(&mut self, x: u32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }

    fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len() as u32);
        self.0.extend_from_slice(b);
    }

    fn u32s(&mut self, xs: &[u32]) {
        self.u32(xs.len() as u32);
        for &x in xs {
            self.u32(x);
        }
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }

    fn u32s(&mut self) -> Option<Vec<u32>> {
        let n = self.u32()? as usize;
        let raw = self.take(n.checked_mul(4)?)?;
        // Filled in place rather than collected from `chunks_exact`: a loop the compiler turns
        // into a copy (the collect cost 27 instructions a number, 1.2 M at start-up).
        let mut out = vec![0; n];
        for (x, c) in out.iter_mut().zip(raw.chunks_exact(4)) {
            *x = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quick() -> MatcherOptions {
        let mut o = MatcherOptions::new();
        o.quick_build(true);
        o
    }

    /// The matcher compiled ahead of time is the one the embedded taxonomy generates. After
    /// the taxonomy changes, `ROLEFIT_BLESS=1 cargo test --lib -- table snapshot` writes it anew.
    #[test]
    fn the_embedded_table_is_up_to_date() {
        let t = Taxonomy::embedded();
        let generated = Table::generate(t, true).expect("the embedded taxonomy compiles");
        let compiled = Compiled::new(generated, &quick());
        let bytes = compiled.to_bytes(t.hash()).expect("a quick build lays out");
        if crate::taxonomy::bless_or_check("table", EMBEDDED_TABLE, &bytes) {
            return;
        }
        let loaded = embedded_compiled(t, &quick()).expect("the embedded table loads");
        assert_eq!(loaded.to_bytes(t.hash()).as_ref(), Some(&bytes));
        // Read trusted, it passes every check it is spared.
        let checked = Compiled::from_bytes(EMBEDDED_TABLE, t.hash(), &quick(), false)
            .expect("the embedded table is consistent");
        assert_eq!(checked.to_bytes(t.hash()), Some(bytes));
        assert!(embedded_compiled(t, &MatcherOptions::new()).is_some());
    }

    #[test]
    fn tables_round_trip_and_refuse_damage() {
        let t = Taxonomy::from_json_str(
            r#"{"name":"t","version":"1","concepts":[
  {"id":"ad","name":"Active Directory","kind":"tool","aliases":[{"text":"AD","case_sensitive":true,"require":["users","domain"]}]},
  {"id":"wifi","name":"Wi-Fi","kind":"protocol","aliases":["WLAN"]}]}"#,
            "t.json",
        )
        .unwrap();
        let table = Table::generate(&t, true).unwrap();
        assert!(table.patterns.contains(&"wifi".to_string()));
        assert_eq!(table.cues, ["users", "domain"]);
        let compiled = Compiled::new(table, &quick());
        let bytes: &'static [u8] = compiled.to_bytes(t.hash()).unwrap().leak();
        let again = Compiled::from_bytes(bytes, t.hash(), &quick(), false).unwrap();
        assert_eq!(again.to_bytes(t.hash()).as_deref(), Some(bytes));
        // Read dense, it finds what the compact layout finds.
        let dense = Compiled::from_bytes(bytes, t.hash(), &MatcherOptions::new(), false).unwrap();
        assert!(matches!(dense.automaton, Trie::Dense(_)));
        let text = "AD users and the domain; wi fi, WLAN; the ad";
        let a = again.into_matcher(&t).extract(text);
        assert_eq!(a.len(), 3);
        assert_eq!(a, dense.into_matcher(&t).extract(text));
        assert!(Compiled::from_bytes(bytes, "sha256:other", &quick(), false).is_none());
        let mut exact = MatcherOptions::new();
        exact.spelling_variants(false);
        assert!(Compiled::from_bytes(bytes, t.hash(), &exact, false).is_none());
        for cut in [0, 8, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                Compiled::from_bytes(&bytes[..cut], t.hash(), &quick(), false).is_none(),
                "{cut}"
            );
        }
        let mut longer = bytes.to_vec();
        longer.push(0);
        assert!(Compiled::from_bytes(longer.leak(), t.hash(), &quick(), false).is_none());
        // Any byte changed leaves no table, or one that matches without a panic or a hang.
        for at in 0..bytes.len() {
            let mut damaged = bytes.to_vec();
            damaged[at] ^= 0x5a;
            if let Some(c) = Compiled::from_bytes(damaged.leak(), t.hash(), &quick(), false) {
                c.into_matcher(&t).extract(text);
            }
        }
        // Another taxonomy, or other options, never use the embedded table.
        assert!(embedded_compiled(&t, &MatcherOptions::new()).is_none());
        assert!(embedded_compiled(Taxonomy::embedded(), &exact).is_none());
    }
}
