//! The matcher: every surface form of a taxonomy compiled into one aho-corasick automaton, run
//! over normalised text, with whole-term boundaries that understand symbols (A+, C#, .NET,
//! TCP/IP), the taxonomy's case and context rules, and leftmost-longest resolution that does not
//! lose a valid shorter form when a longer one fails its checks.

mod table;
mod trie;

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use self::table::{embedded_compiled, embedded_compiled_unchecked, Table};
use self::trie::{Trie, Walk};
use crate::normalize::{keeps_non_ascii, Normalized};
use crate::taxonomy::{Concept, Taxonomy};

/// Text normalisation, shared with the taxonomy (which normalises terms to validate them): it
/// lives in [`crate::normalize`], below both, and is re-exported here where it always was.
pub use crate::normalize;

/// Options for compiling a [`Matcher`].
#[derive(Clone, Debug)]
pub struct MatcherOptions {
    spelling_variants: bool,
    quick_build: bool,
}

impl Default for MatcherOptions {
    fn default() -> MatcherOptions {
        MatcherOptions {
            spelling_variants: true,
            quick_build: false,
        }
    }
}

impl MatcherOptions {
    /// Default options: spelling variants on.
    pub fn new() -> MatcherOptions {
        MatcherOptions::default()
    }

    /// Whether to generate spelling variants of multi-part forms ("Wi-Fi" = "Wi Fi" = "WiFi").
    /// Off, every form matches only as written (up to case and normalisation).
    pub fn spelling_variants(&mut self, yes: bool) -> &mut MatcherOptions {
        self.spelling_variants = yes;
        self
    }

    /// Whether to build a compact automaton quickly (for one short document, where start-up
    /// dominates) rather than the dense table that searches fastest (for batches). Results are
    /// the same either way.
    ///
    /// ```
    /// use rolefit::{MatcherOptions, Taxonomy};
    /// let t = Taxonomy::embedded();
    /// let quick = MatcherOptions::new().quick_build(true).build(t).unwrap();
    /// let dense = MatcherOptions::new().build(t).unwrap();
    /// let text = "Windows 11, Active Directory and ServiceNow";
    /// assert_eq!(quick.extract(text), dense.extract(text));
    /// ```
    pub fn quick_build(&mut self, yes: bool) -> &mut MatcherOptions {
        self.quick_build = yes;
        self
    }

    /// Compiles a matcher with these options.
    ///
    /// ```
    /// use rolefit::{MatcherOptions, Taxonomy};
    /// let t = Taxonomy::from_terms("Wi-Fi\n", "list.txt").unwrap();
    /// let exact = MatcherOptions::new().spelling_variants(false).build(&t).unwrap();
    /// assert!(exact.extract("WiFi").is_empty());
    /// assert_eq!(exact.extract("Wi-Fi").len(), 1);
    /// ```
    pub fn build(&self, taxonomy: &Taxonomy) -> Result<Matcher, BuildError> {
        Matcher::build(taxonomy, self)
    }

    /// As [`MatcherOptions::build`] on [`Taxonomy::embedded`], for a process that has not
    /// loaded it yet: the automata compiled ahead of time are read without waiting for the
    /// taxonomy (which is read from its own snapshot, on two threads), and for the dense
    /// layout of a batch, made dense on this thread while the taxonomy is read on another.
    /// The matcher is the same.
    ///
    /// ```
    /// use rolefit::{MatcherOptions, Taxonomy};
    /// let m = MatcherOptions::new().quick_build(true).build_embedded().unwrap();
    /// assert!(std::ptr::eq(m.taxonomy(), Taxonomy::embedded()));
    /// assert_eq!(m.extract("CompTIA A+ and Intune").len(), 2);
    /// ```
    pub fn build_embedded(&self) -> Result<Matcher, BuildError> {
        if !self.spelling_variants || self.quick_build {
            // The compact automata are read in place, in less time than a thread takes to start.
            let compiled = embedded_compiled_unchecked(self);
            let taxonomy = Taxonomy::embedded();
            return match compiled {
                Some(compiled) => Ok(compiled.into_matcher(taxonomy)),
                None => self.build(taxonomy),
            };
        }
        std::thread::scope(|scope| {
            let reading = scope.spawn(Taxonomy::embedded);
            let compiled = embedded_compiled_unchecked(self);
            let taxonomy = reading
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            match compiled {
                Some(compiled) => Ok(compiled.into_matcher(taxonomy)),
                None => self.build(taxonomy),
            }
        })
    }
}

/// A taxonomy's table with its automata built: all of a [`Matcher`] but the taxonomy.
struct Compiled {
    automaton: Trie,
    cues: Cues,
    pattern_count: usize,
    pattern_entries: Vec<Range<u32>>,
    entries: Vec<u32>,
    rules: Vec<FormRule>,
    fold_hyphens: bool,
}

impl Compiled {
    fn new(table: Table, options: &MatcherOptions) -> Compiled {
        // With spelling variants on, a hyphen and a space are the same separator: folding them in
        // the text and the terms alike halves the automaton.
        let fold = options.spelling_variants;
        let keys: Vec<&str> = table.patterns.iter().map(String::as_str).collect();
        let automaton = Trie::new(&keys, fold, !options.quick_build);
        let cues: Vec<&str> = table.cues.iter().map(String::as_str).collect();
        let cues = Cues::new(&cues, fold, !options.quick_build);
        Compiled {
            automaton,
            cues,
            pattern_count: table.patterns.len(),
            pattern_entries: table.pattern_entries,
            entries: table.entries,
            rules: table.rules,
            fold_hyphens: fold,
        }
    }

    fn into_matcher(self, taxonomy: &Taxonomy) -> Matcher {
        let Compiled {
            automaton,
            cues,
            pattern_count,
            pattern_entries,
            entries,
            rules,
            fold_hyphens,
        } = self;
        Matcher {
            inner: Arc::new(Inner {
                taxonomy: taxonomy.shared(),
                automaton,
                pattern_count,
                pattern_entries,
                entries,
                rules,
                cues,
                fold_hyphens,
            }),
        }
    }
}

/// The taxonomy could not be compiled into an automaton.
#[derive(Clone, Debug)]
pub struct BuildError {
    message: String,
}

impl BuildError {
    fn new(message: String) -> BuildError {
        BuildError { message }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot compile the taxonomy: {}", self.message)
    }
}

impl std::error::Error for BuildError {}

/// One concept found in a text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Match {
    concept: u32,
    span: Range<usize>,
}

impl Match {
    /// The concept's position in the taxonomy's [`Taxonomy::concepts`].
    pub fn concept_index(&self) -> usize {
        self.concept as usize
    }

    /// The byte span in the original text (on char boundaries).
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// The start of the span.
    pub fn start(&self) -> usize {
        self.span.start
    }

    /// The end of the span.
    pub fn end(&self) -> usize {
        self.span.end
    }
}

/// The rules of one surface form, compiled.
#[derive(Clone, Debug, PartialEq)]
struct FormRule {
    concept: u32,
    /// For case-sensitive forms, the ASCII letters of the form as written.
    case_letters: Option<Box<[u8]>>,
    /// Cue ids (into the matcher's cue automaton), sorted.
    require: Box<[u32]>,
    /// Cue ids, sorted.
    forbid: Box<[u32]>,
    /// Cue ids that lift `forbid`, sorted.
    allow: Box<[u32]>,
    window: usize,
}

/// A taxonomy compiled into one automaton. Cheap to clone, `Send + Sync`: build it once and share
/// it between threads.
///
/// ```
/// use rolefit::{Matcher, Taxonomy};
/// let matcher = Matcher::new(Taxonomy::embedded()).unwrap();
/// let text = "CompTIA A+ certified; supports Windows 11 and Active Directory.";
/// let ids: Vec<&str> = matcher
///     .extract(text)
///     .iter()
///     .map(|m| matcher.concept(m).id.as_str())
///     .collect();
/// assert!(ids.contains(&"comptia-a-plus"));
/// assert!(ids.contains(&"active-directory"));
/// ```
#[derive(Clone, Debug)]
pub struct Matcher {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    taxonomy: Arc<Taxonomy>,
    /// Anchored: walked from each position where a term may start.
    automaton: Trie,
    /// Per pattern, the range of `entries` holding its forms.
    pattern_entries: Vec<Range<u32>>,
    entries: Vec<u32>,
    rules: Vec<FormRule>,
    cues: Cues,
    /// Hyphens count as spaces (with spelling variants on).
    fold_hyphens: bool,
    pattern_count: usize,
}

/// Reusable buffers for [`Matcher::extract_into`]: one per thread.
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    normalized: Normalized,
    /// Where forms end in the current walk, with their pattern ids.
    ends: Vec<(u32, u32)>,
    /// Context cues of the current document.
    cues: CueHits,
}

impl Scratch {
    /// Empty buffers.
    pub fn new() -> Scratch {
        Scratch::default()
    }
}

impl Matcher {
    /// Compiles a taxonomy with the default options.
    pub fn new(taxonomy: &Taxonomy) -> Result<Matcher, BuildError> {
        MatcherOptions::default().build(taxonomy)
    }

    fn build(taxonomy: &Taxonomy, options: &MatcherOptions) -> Result<Matcher, BuildError> {
        // The embedded taxonomy is compiled ahead of time (see `table.rs`).
        let compiled = match embedded_compiled(taxonomy, options) {
            Some(c) => c,
            None => Compiled::new(
                Table::generate(taxonomy, options.spelling_variants)?,
                options,
            ),
        };
        Ok(compiled.into_matcher(taxonomy))
    }

    /// The taxonomy this matcher was compiled from.
    pub fn taxonomy(&self) -> &Taxonomy {
        &self.inner.taxonomy
    }

    /// The concept a match found.
    pub fn concept(&self, m: &Match) -> &Concept {
        &self.inner.taxonomy.concepts()[m.concept_index()]
    }

    /// How many distinct patterns (surface forms and their variants) the automaton holds.
    pub fn pattern_count(&self) -> usize {
        self.inner.pattern_count
    }

    /// Every concept found in `text`, in order, leftmost-longest and never overlapping.
    ///
    /// ```
    /// use rolefit::{Matcher, Taxonomy};
    /// let m = Matcher::new(Taxonomy::embedded()).unwrap();
    /// let text = "Configured Wi\u{2011}Fi and TCP/IP.";
    /// let found = m.extract(text);
    /// assert_eq!(&text[found[0].span()], "Wi\u{2011}Fi");
    /// assert_eq!(&text[found[1].span()], "TCP/IP");
    /// ```
    pub fn extract(&self, text: &str) -> Vec<Match> {
        let mut out = Vec::new();
        self.extract_into(text, &mut Scratch::new(), &mut out);
        out
    }

    /// As [`Matcher::extract`], reusing buffers: `out` is cleared and filled.
    pub fn extract_into(&self, text: &str, scratch: &mut Scratch, out: &mut Vec<Match>) {
        out.clear();
        // One copy of the loop per layout, with the walk inlined into it.
        match &self.inner.automaton {
            Trie::Dense(t) => self.extract_with(t, text, scratch, out),
            Trie::Sparse(t) => self.extract_with(t, text, scratch, out),
        }
    }

    #[inline(always)]
    fn extract_with<W: Walk>(
        &self,
        trie: &W,
        text: &str,
        scratch: &mut Scratch,
        out: &mut Vec<Match>,
    ) {
        let inner = &*self.inner;
        // Text whose non-ASCII characters normalisation keeps (all of it but dashes, quotes,
        // Unicode spaces, ligatures and the like) is walked as it is: the walk lower-cases ASCII
        // and reads white space (and hyphens, when folding) as single spaces on the fly, exactly
        // as normalisation would, and so do context cues. Any other text is normalised first.
        let direct = keeps_non_ascii(text);
        if !direct {
            scratch.normalized.normalize_with(text, inner.fold_hyphens);
        }
        let fold = inner.fold_hyphens;
        let Scratch {
            normalized: norm,
            ends,
            cues: hits,
        } = scratch;
        let hay: &[u8] = if direct {
            text.as_bytes()
        } else {
            norm.as_str().as_bytes()
        };
        let n = hay.len();
        let starts = trie.starts();
        let mut last_end = 0;
        let mut i = 0;
        // `i` is always where a term may start: no word byte precedes it (the full Unicode rule
        // is checked on each candidate). Inside a word, nothing is walked.
        while i < n {
            let b = hay[i];
            // A term starting inside the last match could not be kept anyway.
            if i < last_end || !starts[b as usize] {
                i = next_start(hay, i);
                continue;
            }
            // Walk the anchored automaton from here, noting every form that ends on a term
            // boundary; then try them longest first, so a valid shorter form survives a longer
            // one that fails its rules, and rules are checked only as far as needed.
            ends.clear();
            trie.walk(hay, i, ends, |j| boundaries_ok(hay, i, j));
            let mut accepted = None;
            'ends: for &(end, pid) in ends.iter().rev() {
                let original = || {
                    if direct {
                        i..end as usize
                    } else {
                        norm.original_span(text, i..end as usize)
                    }
                };
                // A dash with white space on both sides separates, it does not join: "team -
                // work" is two words, "Engineer - Service Desk" a title and its product area.
                // Normalised, such a dash is a space, so only a span with one is looked at.
                if hay[i..end as usize].iter().any(u8::is_ascii_whitespace)
                    && has_spaced_dash(&text[original()])
                {
                    continue;
                }
                let range = &inner.pattern_entries[pid as usize];
                for &r in &inner.entries[range.start as usize..range.end as usize] {
                    let rule = &inner.rules[r as usize];
                    if let Some(letters) = &rule.case_letters {
                        if !case_matches(&text.as_bytes()[original()], letters) {
                            continue;
                        }
                    }
                    if !rule.require.is_empty() || !rule.forbid.is_empty() {
                        // `hay` and the text it is read as hold the same bytes.
                        let ctx = if direct { text } else { norm.as_str() };
                        if !cues_accept(rule, &inner.cues, hits, ctx, i, end as usize, fold) {
                            continue;
                        }
                    }
                    accepted = Some((end as usize, rule.concept));
                    break 'ends;
                }
            }
            if let Some((end, concept)) = accepted {
                last_end = end;
                let span = if direct {
                    i..end
                } else {
                    norm.original_span(text, i..end)
                };
                out.push(Match { concept, span });
            }
            i = next_start(hay, i);
        }
    }
}

/// Whether normalisation reads byte `b` as (part of) white space.
#[inline]
fn is_space_byte(b: u8, fold: bool) -> bool {
    SPACE_BYTE[b as usize] & (1 | (u8::from(fold) << 1)) != 0
}

/// For [`is_space_byte`]: bit 0 for ASCII white space and 0x0B, bit 1 for `-` (white space when
/// folding). One lookup per byte: the context windows test every byte they count.
static SPACE_BYTE: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = ((b as u8).is_ascii_whitespace() || b == 0x0B) as u8;
        b += 1;
    }
    t[b'-' as usize] = 2;
    t
};

/// Where a window of `window` normalised bytes before `start` begins in `hay`, text that
/// normalisation keeps but for ASCII case and white space (normalised text itself included):
/// a run of white space counts as the one space it becomes.
fn window_start(hay: &[u8], start: usize, window: usize, fold: bool) -> usize {
    let mut a = start;
    let mut count = 0;
    while a > 0 && count < window {
        a -= 1;
        let continues_run = a > 0 && is_space_byte(hay[a], fold) && is_space_byte(hay[a - 1], fold);
        count += usize::from(!continues_run);
    }
    a
}

/// Where a window of `window` normalised bytes after `end` ends in `hay`, as
/// [`window_start`]: on the byte normalised text has there, the start of a run of white space.
fn window_end(hay: &[u8], end: usize, window: usize, fold: bool) -> usize {
    let n = hay.len();
    let continues_run =
        |b: usize| b > 0 && is_space_byte(hay[b], fold) && is_space_byte(hay[b - 1], fold);
    let mut b = end;
    let mut count = 0;
    while b < n && count < window {
        count += usize::from(!continues_run(b));
        b += 1;
    }
    while b < n && continues_run(b) {
        b += 1;
    }
    b
}

/// Whether `s` holds a dash (any Unicode dash) with white space right before and after it.
fn has_spaced_dash(s: &str) -> bool {
    let is_dash = |c: char| matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}');
    // Only text with a dash in it is looked at closely (dashes are ASCII or start with 0xE2).
    if !s.bytes().any(|b| b == b'-' || b == 0xE2) {
        return false;
    }
    let mut prev: [Option<char>; 2] = [None, None];
    for c in s.chars() {
        if let [Some(a), Some(b)] = prev {
            if a.is_whitespace() && is_dash(b) && c.is_whitespace() {
                return true;
            }
        }
        prev = [prev[1], Some(c)];
    }
    false
}

/// Whether the ASCII letters of a match are exactly those of a case-sensitive form.
fn case_matches(found: &[u8], letters: &[u8]) -> bool {
    found
        .iter()
        .copied()
        .filter(u8::is_ascii_alphabetic)
        .eq(letters.iter().copied())
}

/// The next position after `i` where a term may start: past the rest of a word, or just past a
/// byte that is not a word byte.
#[inline]
fn next_start(hay: &[u8], mut i: usize) -> usize {
    if WORD_BYTE[hay[i] as usize] {
        i += 1;
        while i < hay.len() && WORD_BYTE[hay[i] as usize] {
            i += 1;
        }
    }
    i + 1
}

/// ASCII letters, digits and `_`: the bytes that join a term to its neighbour.
static WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    t
};

/// Every cue word of every rule in one anchored automaton, walked like the terms themselves: from
/// each position in a candidate's window where a word can start.
#[derive(Debug)]
struct Cues {
    automaton: Option<Trie>,
    /// How many cue words (cue ids are below).
    count: usize,
}

impl Cues {
    fn new(cues: &[&str], fold: bool, dense: bool) -> Cues {
        Cues {
            automaton: (!cues.is_empty()).then(|| Trie::new(cues, fold, dense)),
            count: cues.len(),
        }
    }

    /// Adds the cues lying wholly within `range` of `hay`, as whole terms, to `found`, each as
    /// `(start, end, id)`.
    fn find(
        &self,
        hay: &[u8],
        range: Range<usize>,
        ends: &mut Vec<(u32, u32)>,
        found: &mut Vec<(usize, usize, u32)>,
    ) {
        let Some(trie) = &self.automaton else {
            return;
        };
        let starts = trie.starts();
        // Inside a word, nothing is walked (as in the matcher's own loop).
        let mut i = range.start;
        while i < range.end {
            if starts[hay[i] as usize] && (i == 0 || !WORD_BYTE[hay[i - 1] as usize]) {
                ends.clear();
                trie.walk(hay, i, ends, |j| boundaries_ok(hay, i, j));
                found.extend(
                    ends.iter()
                        .filter(|&&(end, _)| end as usize <= range.end)
                        .map(|&(end, id)| (i, end as usize, id)),
                );
            }
            i = next_start(hay, i);
        }
    }
}

/// Buffers for finding the cues near a candidate.
#[derive(Clone, Debug, Default)]
struct CueHits {
    ends: Vec<(u32, u32)>,
    /// `(start, end, cue id)` in the normalised text.
    found: Vec<(usize, usize, u32)>,
}

/// Whether the context cues of a form allow a match at `s..e` of `text`: normalised text, or text
/// that normalisation keeps but for ASCII case and white space, read as if normalised (windows
/// count a run of white space as one byte, and the cue walk reads it as one space).
fn cues_accept(
    rule: &FormRule,
    cues: &Cues,
    hits: &mut CueHits,
    text: &str,
    s: usize,
    e: usize,
    fold: bool,
) -> bool {
    let hay = text.as_bytes();
    let before = &text[widen_left(text, window_start(hay, s, rule.window, fold))..s];
    let after = &text[e..widen_right(text, window_end(hay, e, rule.window, fold))];
    // Cues count within the same sentence only.
    let (before, after) = same_sentence(before, after, |t, i| ends_sentence(t, i, fold));
    hits.found.clear();
    // One search over the window and the match itself: a cue counts when it lies wholly before
    // or after the match, or when it holds the whole match ("collaborative environment" around
    // "collaborative", "in close collaboration" around "collaboration"). A cue that only
    // overlaps part of the match is a word of the form itself, and does not count.
    cues.find(
        hay,
        s - before.len()..e + after.len(),
        &mut hits.ends,
        &mut hits.found,
    );
    cues_decide(rule, &hits.found, s, e)
}

/// The parts of `before` and `after` in the match's sentence, where `ends(t, i)` says whether the
/// sentence-ending character at `t[i..]` ends one. Read byte by byte: the ASCII sentence ends
/// never occur inside a multi-byte character, and 0xE2 only ever starts one.
fn same_sentence<'t>(
    before: &'t str,
    after: &'t str,
    ends: impl Fn(&str, usize) -> bool,
) -> (&'t str, &'t str) {
    let end_at = |t: &str, i: usize| -> usize {
        match t.as_bytes()[i] {
            0xE2 if t.as_bytes()[i..].starts_with(BULLET) => BULLET.len(),
            0xE2 => 0,
            _ => 1,
        }
    };
    let mut before_from = 0;
    for i in (0..before.len()).rev() {
        if SENTENCE_END_BYTE[before.as_bytes()[i] as usize] {
            let len = end_at(before, i);
            if len > 0 && ends(before, i) {
                before_from = i + len;
                break;
            }
        }
    }
    let mut after_to = after.len();
    for i in 0..after.len() {
        if SENTENCE_END_BYTE[after.as_bytes()[i] as usize] && end_at(after, i) > 0 && ends(after, i)
        {
            after_to = i;
            break;
        }
    }
    (&before[before_from..], &after[..after_to])
}

/// The UTF-8 of the bullet, the one sentence end that is not ASCII.
const BULLET: &[u8] = "\u{2022}".as_bytes();

/// The bytes a sentence end ([`is_sentence_end`]) starts with.
static SENTENCE_END_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let ends = [b'.', b';', b'!', b'?', b'|', BULLET[0]];
    let mut k = 0;
    while k < ends.len() {
        t[ends[k] as usize] = true;
        k += 1;
    }
    t
};

/// Whether the cues `found` around a match at `s..e`, as `(start, end, cue id)`, allow it.
fn cues_decide(rule: &FormRule, found: &[(usize, usize, u32)], s: usize, e: usize) -> bool {
    let holds = |cs: usize, ce: usize| cs <= s && ce >= e;
    let mut forbidden_near = false;
    let (mut allowed, mut required) = (false, rule.require.is_empty());
    for &(cs, ce, id) in found {
        let near = ce <= s || cs >= e;
        if !near && !holds(cs, ce) {
            continue;
        }
        if rule.forbid.binary_search(&id).is_ok() {
            // A phrase around the match names another sense outright: nothing lifts it.
            if !near {
                return false;
            }
            forbidden_near = true;
        }
        allowed |= rule.allow.binary_search(&id).is_ok();
        required |= rule.require.binary_search(&id).is_ok();
    }
    (!forbidden_near || allowed) && required
}

/// Whether a character ends a sentence for the purpose of context cues. A comma does not: skill lists
/// are comma-separated, and a cue such as "Certifications:" governs the whole list.
#[cfg(test)]
fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | ';' | '!' | '?' | '\u{2022}' | '|')
}

/// A full stop ends a sentence only when a space or the end follows ("Node.js" and "802.1X" go
/// on), and not after a single letter ("B.S. in Computer Science", "e.g. Jamf").
fn ends_sentence(text: &str, i: usize, fold: bool) -> bool {
    let b = text.as_bytes();
    if b[i] != b'.' {
        return true;
    }
    let single_letter =
        i >= 1 && b[i - 1].is_ascii_alphabetic() && (i == 1 || !WORD_BYTE[b[i - 2] as usize]);
    b.get(i + 1).is_none_or(|&c| is_space_byte(c, fold)) && !single_letter
}

/// Moves a window edge left to a char boundary and out of the middle of a word.
fn widen_left(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    while let Some(c) = text[..i].chars().next_back() {
        if !is_word(c) {
            break;
        }
        i -= c.len_utf8();
    }
    i
}

/// Moves a window edge right to a char boundary and out of the middle of a word.
fn widen_right(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    while let Some(c) = text[i..].chars().next() {
        if !is_word(c) {
            break;
        }
        i += c.len_utf8();
    }
    i
}

#[inline]
fn is_word(c: char) -> bool {
    // ASCII (nearly every byte next to a term or cue) by table; `_` is ASCII.
    match u8::try_from(c) {
        Ok(b) if b.is_ascii() => WORD_BYTE[b as usize],
        _ => c.is_alphanumeric(),
    }
}

#[inline(always)]
fn char_before(hay: &[u8], i: usize) -> Option<char> {
    if i == 0 {
        return None;
    }
    let b = hay[i - 1];
    if b < 0x80 {
        return Some(b as char);
    }
    let mut j = i - 1;
    while j > 0 && hay[j] & 0xC0 == 0x80 {
        j -= 1;
    }
    std::str::from_utf8(&hay[j..i]).ok()?.chars().next()
}

#[inline(always)]
fn char_after(hay: &[u8], i: usize) -> Option<char> {
    let b = *hay.get(i)?;
    if b < 0x80 {
        return Some(b as char);
    }
    let len = match b {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    std::str::from_utf8(hay.get(i..i + len)?)
        .ok()?
        .chars()
        .next()
}

/// The whole-term rule: no letter, digit or `_` on either side; `+`/`#` endings not followed by
/// `+`/`#` (C+ is not C++); and a number is not cut inside another number through a dot or comma
/// ("Windows 10" is not in "Windows 10.1", "000" not in "1,000"). A dot between words does not
/// join them: "cmd.exe" and "Python.org" mention CMD and Python, as keyword tools count them.
#[inline]
fn boundaries_ok(hay: &[u8], s: usize, e: usize) -> bool {
    if let Some(c) = char_before(hay, s) {
        if is_word(c) {
            return false;
        }
        if (c == '.' || c == ',')
            && hay[s].is_ascii_digit()
            && char_before(hay, s - 1).is_some_and(|d| d.is_ascii_digit())
        {
            return false;
        }
    }
    if let Some(c) = char_after(hay, e) {
        if is_word(c) {
            return false;
        }
        let last = hay[e - 1];
        if (last == b'+' || last == b'#') && (c == '+' || c == '#') {
            return false;
        }
        if (c == '.' || c == ',')
            && last.is_ascii_digit()
            && char_after(hay, e + 1).is_some_and(|d| d.is_ascii_digit())
        {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::table::spelling_variants;
    use super::*;

    #[test]
    fn variants() {
        let mut v = spelling_variants("wi-fi");
        v.sort();
        assert_eq!(v, ["wi fi", "wifi"]);
        let mut v = spelling_variants("active directory");
        v.sort();
        assert_eq!(v, ["active-directory"]);
        let mut v = spelling_variants("md-100");
        v.sort();
        assert_eq!(v, ["md 100", "md100"]);
        assert!(spelling_variants("tcp/ip").is_empty());
    }

    #[test]
    fn boundary_rules() {
        let ok = |hay: &str, term: &str| {
            let i = hay.find(term).unwrap();
            boundaries_ok(hay.as_bytes(), i, i + term.len())
        };
        assert!(ok("know go well", "go"));
        assert!(!ok("going", "go"));
        assert!(ok("(a+)", "a+"));
        assert!(!ok("c++", "c+"));
        assert!(
            !ok("asp.net", ".net"),
            "a dot term does not start inside a word"
        );
        assert!(ok("cmd.exe", "cmd"));
        assert!(!ok("version 10.1", "10"));
        assert!(!ok("1,000", "000"));
        assert!(ok("windows.", "windows"));
        assert!(ok("windows-based", "windows"));
        assert!(!ok("windows 10.1", "windows 10"));
        assert!(ok("windows 10, 11", "windows 10"));
        assert!(!ok("windows10", "windows"));
        assert!(ok("ad/dns/dhcp", "dns"));
        assert!(!ok("naïve", "na"));
    }

    fn tiny() -> Taxonomy {
        Taxonomy::from_json_str(
            r#"{"name":"t","version":"1","concepts":[
  {"id":"windows","name":"Windows","kind":"platform","aliases":[{"text":"Windows","case_sensitive":true,"forbid":["doors"]}]},
  {"id":"windows-10","name":"Windows 10","kind":"platform"},
  {"id":"windows-10-pro-x","name":"Windows 10 Pro X","kind":"platform","aliases":[{"text":"Windows 10 Pro X","require":["never-here"]}]},
  {"id":"a-plus","name":"CompTIA A+","kind":"certification","aliases":[{"text":"A+","require":["certified","certification"]}]},
  {"id":"ad","name":"Active Directory","kind":"tool","aliases":[{"text":"AD","case_sensitive":true}]},
  {"id":"wifi","name":"Wi-Fi","kind":"protocol"},
  {"id":"c-sharp","name":"C#","kind":"technical-skill"},
  {"id":"dotnet","name":".NET","kind":"technical-skill"},
  {"id":"tcp-ip","name":"TCP/IP","kind":"protocol"}]}"#,
            "tiny.json",
        )
        .unwrap()
    }

    fn found(m: &Matcher, text: &str) -> Vec<(String, String)> {
        m.extract(text)
            .iter()
            .map(|x| (m.concept(x).id.to_string(), text[x.span()].to_string()))
            .collect()
    }

    #[test]
    fn shorter_form_survives_a_failed_longer_one() {
        let m = Matcher::new(&tiny()).unwrap();
        assert_eq!(
            found(&m, "Windows 10 Pro X"),
            [("windows-10".to_string(), "Windows 10".to_string())]
        );
    }

    #[test]
    fn guards_and_case() {
        let m = Matcher::new(&tiny()).unwrap();
        assert!(found(&m, "an A+ in chemistry").is_empty());
        assert_eq!(found(&m, "A+ certified")[0].0, "a-plus");
        assert!(found(&m, "the ad campaign").is_empty());
        assert_eq!(found(&m, "users in AD")[0].0, "ad");
        assert!(found(&m, "Windows and doors").is_empty());
        assert!(found(&m, "clean the windows").is_empty());
        assert_eq!(found(&m, "Windows 10 laptops")[0].0, "windows-10");
    }

    #[test]
    fn cues_stop_at_sentence_ends_of_any_width() {
        let m = Matcher::new(&tiny()).unwrap();
        assert!(found(&m, "Certification \u{2022} A+ in chemistry").is_empty());
        assert!(found(&m, "Certified in safety. Got an A+ in chemistry").is_empty());
        assert_eq!(found(&m, "Certification: Network+, A+")[0].0, "a-plus");
        assert_eq!(found(&m, "A+ (certified 2021)")[0].0, "a-plus");
    }

    #[test]
    fn a_spaced_dash_separates() {
        let m = Matcher::new(&tiny()).unwrap();
        assert!(found(&m, "Wi - Fi").is_empty());
        assert!(found(&m, "Wi \u{2013} Fi").is_empty());
        assert_eq!(found(&m, "Wi-Fi and Wi Fi").len(), 2);
        assert_eq!(found(&m, "Windows - 10")[0].1, "Windows");
    }

    #[test]
    fn cues_that_hold_the_match_count_and_allow_lifts_forbid() {
        let t = Taxonomy::from_json_str(
            r#"{"name":"t","version":"1","cue_sets":{"place":["culture","in close collaboration"]},
  "concepts":[{"id":"teamwork","name":"Teamwork","kind":"soft-skill","forbid":["@place"],"allow":["you"],
    "aliases":["collaboration",{"text":"team player","forbid":["a team player"]}]}]}"#,
            "t.json",
        )
        .unwrap();
        let m = Matcher::new(&t).unwrap();
        // The cue "in close collaboration" holds the match: it counts.
        assert!(found(&m, "Built in close collaboration with sales.").is_empty());
        assert!(found(&m, "A teamwork culture.").is_empty());
        assert_eq!(found(&m, "You enjoy a teamwork culture.").len(), 1);
        assert_eq!(found(&m, "Strong collaboration skills.").len(), 1);
        // A forbidding cue that holds the match is not lifted by an allowing one.
        assert!(found(&m, "You work in close collaboration with sales.").is_empty());
        // A cue that holds only part of the match does not.
        assert_eq!(found(&m, "Be a team player.").len(), 0);
        assert_eq!(found(&m, "Team player.").len(), 1);
    }

    #[test]
    fn symbols_and_variants() {
        let m = Matcher::new(&tiny()).unwrap();
        let got = found(&m, "C#, .NET, TCP/IP, WiFi and Wi Fi; not C## or ASP.NET");
        let ids: Vec<&str> = got.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["c-sharp", "dotnet", "tcp-ip", "wifi", "wifi"]);
        assert_eq!(got[3].1, "WiFi");
    }

    #[test]
    fn both_automata_find_the_same_matches() {
        let t = Taxonomy::embedded();
        let quick = MatcherOptions::new().quick_build(true).build(t).unwrap();
        let dense = Matcher::new(t).unwrap();
        let text = include_str!("../../fixtures/cli/posting.txt").repeat(3)
            + "Go-getter; the ad campaign; AD and DNS; C# and C++; an A+ in chemistry.";
        let a = quick.extract(&text);
        assert!(a.len() > 20);
        assert_eq!(a, dense.extract(&text));
    }

    #[test]
    fn the_embedded_matcher_built_beside_the_parse_is_the_same() {
        let text = include_str!("../../fixtures/cli/posting.txt").repeat(2)
            + "Wi - Fi, the ad campaign; AD and DNS; C# and C++; an A+ in chemistry; TCP/IP.";
        for quick in [true, false] {
            for variants in [true, false] {
                let mut options = MatcherOptions::new();
                options.quick_build(quick).spelling_variants(variants);
                let beside = options.build_embedded().unwrap();
                let after = options.build(Taxonomy::embedded()).unwrap();
                assert!(std::ptr::eq(beside.taxonomy(), after.taxonomy()));
                assert_eq!(beside.pattern_count(), after.pattern_count());
                let found = beside.extract(&text);
                assert!(found.len() > 20, "{quick} {variants}: {}", found.len());
                assert_eq!(found, after.extract(&text), "{quick} {variants}");
            }
        }
    }

    #[test]
    fn the_matcher_compiled_ahead_of_time_matches_as_one_compiled_now() {
        // A copy of the embedded taxonomy is not the embedded one: its table is generated and
        // its automata built, as any other taxonomy's are.
        let copy = Taxonomy::embedded().clone();
        let text = include_str!("../../fixtures/cli/posting.txt").repeat(2)
            + "Wi - Fi, the ad campaign; AD and DNS; C# and C++; an A+ in chemistry; TCP/IP.";
        for quick in [true, false] {
            let mut options = MatcherOptions::new();
            options.quick_build(quick);
            let ahead = options.build(Taxonomy::embedded()).unwrap();
            let now = options.build(&copy).unwrap();
            assert!(!std::ptr::eq(ahead.taxonomy(), now.taxonomy()));
            assert_eq!(ahead.pattern_count(), now.pattern_count());
            assert_eq!(ahead.extract(&text), now.extract(&text), "{quick}");
        }
    }

    #[test]
    fn ascii_text_walked_directly_matches_as_normalised_text_does() {
        // A trailing non-ASCII character sends the same text down the normalising path.
        let m = Matcher::new(Taxonomy::embedded()).unwrap();
        let posting = include_str!("../../fixtures/cli/posting.txt");
        let text = posting.chars().filter(char::is_ascii).collect::<String>()
            + "Active \r\n\t Directory;  Wi - Fi, WI-FI and wi  fi.\nA+ certified.  AD  users. Go-getter.";
        assert!(text.is_ascii());
        let direct = m.extract(&text);
        assert!(direct.len() > 20);
        // An en dash is normalised, so the text goes the normalising way.
        assert_eq!(direct, m.extract(&(text.clone() + " \u{2013}")));
        // Bullets and accents are kept as they are: walked directly, with the same results.
        let bulleted = text.replace(". ", " \u{2022} ").replace("ing", "\u{ef}ng");
        assert_eq!(
            m.extract(&bulleted).len(),
            m.extract(&(bulleted.clone() + " \u{2013}")).len()
        );
        assert_eq!(
            m.extract(&bulleted),
            m.extract(&(bulleted.clone() + " \u{2013}"))
        );
        let spans: Vec<&str> = direct.iter().map(|x| &text[x.span()]).collect();
        assert!(spans.contains(&"Active \r\n\t Directory"), "{spans:?}");
        assert!(
            !spans.contains(&"Wi - Fi"),
            "a spaced dash separates: {spans:?}"
        );
        assert!(spans.contains(&"wi  fi"), "{spans:?}");
    }

    /// Hostile taxonomies: the longest term and the widest window accepted keep matching linear
    /// (a 1 MB term took 22 s on 256 KB of text before terms were bounded; see the loader's
    /// limits). The text repeats the term's prefix, so every walk goes as deep as a term can.
    #[test]
    fn matching_stays_linear_at_the_taxonomys_limits() {
        use crate::taxonomy::{MAX_TERM_BYTES, MAX_WINDOW};
        let term = "a ".repeat(MAX_TERM_BYTES / 2 - 1) + "b";
        assert!(term.len() <= MAX_TERM_BYTES);
        let json = format!(
            r#"{{"name":"t","version":"1","concepts":[{{"id":"x","name":"X","kind":"tool","aliases":["{term}",{{"text":"a a","require":["zz"],"window":{MAX_WINDOW}}}]}}]}}"#
        );
        let t = Taxonomy::from_json_str(&json, "t.json").unwrap();
        let m = Matcher::new(&t).unwrap();
        let time = |n: usize| {
            let text = "a ".repeat(n / 2);
            let start = std::time::Instant::now();
            assert!(m.extract(&text).is_empty());
            start.elapsed().as_secs_f64()
        };
        let small = time(16 << 10);
        let large = time(64 << 10);
        // Linear: about 4 times as long for 4 times the text (quadratic would be 16).
        assert!(
            large < 10.0 * small.max(0.01),
            "16 KB {small:.3} s, 64 KB {large:.3} s"
        );
    }

    /// The parts of `before` and `after` a match in the match's sentence, where `ends(t, i)` says
    /// whether the sentence-ending character at `t[i..]` ends one.
    fn same_sentence_by_char<'t>(
        before: &'t str,
        after: &'t str,
        ends: impl Fn(&str, usize) -> bool,
    ) -> (&'t str, &'t str) {
        let before = match before
            .rmatch_indices(is_sentence_end)
            .find(|&(i, _)| ends(before, i))
        {
            Some((i, end)) => &before[i + end.len()..],
            None => before,
        };
        let after = match after
            .match_indices(is_sentence_end)
            .find(|&(i, _)| ends(after, i))
        {
            Some((i, _)) => &after[..i],
            None => after,
        };
        (before, after)
    }

    /// A xorshift generator of numbers below `n`, for the random texts of the tests.
    fn below(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |n| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        }
    }

    /// Context cues as they were read before text was walked directly: over the whole text
    /// normalised, with windows in normalised bytes.
    fn cues_accept_normalised(
        rule: &FormRule,
        cues: &Cues,
        hits: &mut CueHits,
        text: &str,
        s: usize,
        e: usize,
    ) -> bool {
        let ends_sentence = |text: &str, i: usize| {
            let b = text.as_bytes();
            let single_letter = i >= 1
                && b[i - 1].is_ascii_alphabetic()
                && (i == 1 || !WORD_BYTE[b[i - 2] as usize]);
            b[i] != b'.' || (matches!(b.get(i + 1), None | Some(b' ')) && !single_letter)
        };
        let before = &text[widen_left(text, s.saturating_sub(rule.window))..s];
        let after = &text[e..widen_right(text, (e + rule.window).min(text.len()))];
        let (before, after) = same_sentence_by_char(before, after, ends_sentence);
        hits.found.clear();
        // Every position of the window is tried, not only word starts.
        let range = s - before.len()..e + after.len();
        let (hay, trie) = (text.as_bytes(), cues.automaton.as_ref().unwrap());
        for i in range.clone() {
            if i > 0 && WORD_BYTE[hay[i - 1] as usize] {
                continue;
            }
            hits.ends.clear();
            trie.walk(hay, i, &mut hits.ends, |j| boundaries_ok(hay, i, j));
            for &(end, id) in &hits.ends {
                if end as usize <= range.end {
                    hits.found.push((i, end as usize, id));
                }
            }
        }
        // What the cues found decide is unchanged.
        cues_decide(rule, &hits.found, s, e)
    }

    /// Context cues read from text walked directly (case and white space read on the fly)
    /// decide every candidate as the whole text normalised did, over texts mixing case, runs of
    /// white space, dashes, sentence ends, numbers and kept non-ASCII letters and bullets.
    #[test]
    fn context_cues_read_directly_decide_as_on_the_normalised_text() {
        let words = [
            "Senior",
            "team",
            "LEAD",
            "lead",
            "data",
            "Data-Driven",
            "e.g.",
            "Node.js",
            "1,000",
            "10.1",
            "x",
            "B.S.",
            "na\u{ef}ve",
            "\u{65e5}\u{672c}",
            "\u{2022}",
            "|",
            "-",
            "--",
            ";",
            ".",
            "?",
            "team-lead",
            "C++",
            "_id",
            "stra\u{df}e",
        ];
        let gaps = [
            " ", "  ", "\t", "\n \r", " - ", "-", "", ". ", ", ", "\u{a0}",
        ];
        let cue_words = [
            "senior",
            "team lead",
            "lead",
            "data",
            "driven",
            "b.s",
            "x",
            "000",
            "1",
            "c+",
        ];
        let mut next = below(0x9E37_79B9_7F4A_7C15_u64);
        let mut checked = 0;
        for round in 0..1000 {
            let mut text = String::new();
            for _ in 0..5 + next(60) {
                text += words[next(words.len())];
                // The no-break space is normalised: only a text without one is walked directly.
                let gap = gaps[next(gaps.len() - 1)];
                text += gap;
            }
            assert!(keeps_non_ascii(&text));
            let fold = round % 2 == 0;
            let cues = Cues::new(&cue_words, fold, round % 3 == 0);
            let mut whole = Normalized::new();
            whole.normalize_with(&text, fold);
            let mut hits = CueHits::default();
            let hay = text.as_bytes();
            for window in [0, 3, 12, 40] {
                for (start, c) in text.char_indices() {
                    if !is_word(c) || !boundaries_ok(hay, start, start + c.len_utf8()) {
                        continue;
                    }
                    let mut end = start + c.len_utf8();
                    if next(2) == 0 {
                        end += text[end..]
                            .find(|c: char| !is_word(c))
                            .unwrap_or(text.len() - end);
                    }
                    let rule = FormRule {
                        concept: 0,
                        case_letters: None,
                        require: vec![next(cue_words.len()) as u32].into(),
                        forbid: vec![next(cue_words.len()) as u32].into(),
                        allow: vec![next(cue_words.len()) as u32].into(),
                        window,
                    };
                    let (s, e) = (whole.to_normalized(start), whole.to_normalized(end - 1) + 1);
                    let expected =
                        cues_accept_normalised(&rule, &cues, &mut hits, whole.as_str(), s, e);
                    let on_normalised =
                        cues_accept(&rule, &cues, &mut hits, whole.as_str(), s, e, fold);
                    assert_eq!(
                        on_normalised, expected,
                        "{text:?} at {start} window {window}"
                    );
                    let got = cues_accept(&rule, &cues, &mut hits, &text, start, end, fold);
                    assert_eq!(got, expected, "{text:?} at {start} window {window}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    /// The byte-level sentence split cuts where the char-level one does, over random texts of
    /// sentence ends, look-alikes that share their bytes (other characters starting with 0xE2,
    /// "\u{2122}" ending in the bullet's last byte) and words, at every char boundary.
    #[test]
    fn sentence_split_by_byte_cuts_where_the_split_by_char_does() {
        // Parts between slashes: sentence ends, look-alikes, words and white space.
        let parts: Vec<&str> =
            "\u{2022}/\u{2122}/\u{2013}/\u{20ac}/\u{2022}\u{2022}/e.g./B.S./x./. /.\n/;/!/?/|\
                                /a/Node.js/ /\t/-/na\u{ef}ve/\u{65e5}"
                .split('/')
                .collect();
        let mut next = below(0x2545_F491_4F6C_DD1D_u64);
        let mut cuts = 0;
        for round in 0..2000 {
            let text: String = (0..next(12)).map(|_| parts[next(parts.len())]).collect();
            let fold = round % 2 == 0;
            let ends = |t: &str, i: usize| ends_sentence(t, i, fold);
            for (mid, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let (before, after) = text.split_at(mid);
                let expected = same_sentence_by_char(before, after, ends);
                assert_eq!(
                    same_sentence(before, after, ends),
                    expected,
                    "{text:?} at {mid}"
                );
                cuts += usize::from(expected != (before, after));
            }
        }
        assert!(cuts > 1000, "{cuts}");
    }

    #[test]
    fn the_space_table_reads_bytes_as_the_definition_does() {
        for b in 0..=255u8 {
            for fold in [false, true] {
                let expected = b.is_ascii_whitespace() || b == 0x0B || (fold && b == b'-');
                assert_eq!(is_space_byte(b, fold), expected, "{b:#04x} fold {fold}");
            }
        }
    }

    #[test]
    fn word_characters_are_letters_digits_and_underscore() {
        let non_ascii = [
            '\u{80}',
            '\u{a0}',
            '\u{df}',
            '\u{ef}',
            '\u{2022}',
            '\u{65e5}',
            '\u{1d7d8}',
        ];
        for c in (0..=255u8).map(char::from).chain(non_ascii) {
            assert_eq!(is_word(c), c.is_alphanumeric() || c == '_', "{c:?}");
        }
    }

    #[test]
    fn a_taxonomy_whose_variants_would_exhaust_memory_does_not_compile() {
        // Each form is within the loader's limits; their spelling variants (26 for each form of
        // three hyphenated parts) are not.
        let part = |c: &str| c.repeat(80);
        let forms: Vec<String> = (0..5_000)
            .map(|i| format!("\"f{i}-{}-{}-{}\"", part("x"), part("y"), part("z")))
            .collect();
        let json = format!(
            r#"{{"name":"t","version":"1","concepts":[{{"id":"x","name":"X","kind":"tool","aliases":[{}]}}]}}"#,
            forms.join(",")
        );
        let t = Taxonomy::from_json_str(&json, "t.json").unwrap();
        // Not `expect_err`: that would print the whole matcher.
        let Err(err) = Matcher::new(&t) else {
            panic!("the build succeeds")
        };
        assert!(err.to_string().contains("spelling variants"), "{err}");
        let mut exact = MatcherOptions::new();
        exact.spelling_variants(false);
        assert!(exact.build(&t).is_ok());
    }

    #[test]
    fn matcher_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Matcher>();
        check::<Taxonomy>();
    }
}
