//! Every occurrence of a few hundred short phrases in a text, compared ASCII-case-insensitively:
//! what an overlapping Aho-Corasick search finds, from a table that costs next to nothing to
//! build. The section, kind, contact and level cues are searched with it: a one-line document
//! pays a few thousand instructions for the table instead of an automaton's construction, and a
//! corpus pays a little less per byte than the automaton's overlapping search (on its own, about
//! 23 instructions a byte against 27; looked up from the document's walk, about 15 a position,
//! DESIGN.md).
//!
//! Each phrase is filed under a hash of its first three bytes (ASCII lower-cased); the search
//! rolls the hash of the text's three bytes at each position, tests a filter bit (a wider hash
//! than the buckets') and compares the phrases filed under it, if any, in full: their next
//! eight bytes at once, then the rest. Phrases shorter than three bytes (none of the built-in ones) are
//! compared at every position.

/// Bits of the hash of a phrase's first three bytes: a table of 4,096 buckets, most of them
/// empty, so that most positions of a text are passed over after one look-up.
const HASH_BITS: u32 = 12;

/// Bits of the hash the positions are filtered by: 16 (the bucket's 12 and four more), a bit
/// each in 8 KB, so that a position whose bucket holds phrases of other first bytes (one in
/// twelve, with 4,096 buckets) is mostly passed over too.
const FILTER_BITS: u32 = 16;

/// The text's bytes, ASCII lower-cased, by table.
const FOLD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = (c as u8).to_ascii_lowercase();
        c += 1;
    }
    t
};

/// The filter bit of three folded bytes packed as `b0 | b1 << 8 | b2 << 16`: its top
/// [`HASH_BITS`] are the bucket.
#[inline(always)]
fn filter_bit(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> (32 - FILTER_BITS)) as usize
}

/// The bucket of a filter bit.
#[inline(always)]
fn bucket_of(bit: usize) -> usize {
    bit >> (FILTER_BITS - HASH_BITS)
}

/// One phrase as filed: its packed first three bytes, its index, and its next eight bytes
/// (fewer when it is shorter) packed with the mask of those it has.
#[derive(Clone, Copy, Debug)]
struct Entry {
    key: u32,
    phrase: u32,
    next: u64,
    mask: u64,
}

/// Eight bytes read little-endian, ASCII lower-cased, as [`FOLD`] folds each.
#[inline(always)]
pub(crate) fn fold8(x: u64) -> u64 {
    const LANES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = LANES * 0x80;
    let y = x & !HIGH;
    // A byte's top bit after adding 0x80 - n: whether the byte (below 0x80) is at least n.
    let at_least = |n: u8| (y | HIGH).wrapping_sub(LANES * u64::from(n)) & HIGH;
    let upper = at_least(b'A') & !at_least(b'Z' + 1) & !x & HIGH;
    x | upper >> 2
}

/// Where the bytes the first eight-byte comparison covers end in a phrase.
const NEXT_END: usize = 11;

/// The phrases, filed for the search.
#[derive(Debug)]
pub(crate) struct CueSearch {
    /// The phrases, ASCII lower-cased.
    phrases: Vec<Box<[u8]>>,
    /// Per filter bit (see [`filter_bit`]), whether any phrase's first three bytes hash to it.
    filled: Box<[u64; (1 << FILTER_BITS) / 64]>,
    /// Per bucket, where its entries start in `entries` (one more than there are buckets).
    starts: Box<[u16]>,
    /// Phrases of three bytes or more, by bucket.
    entries: Box<[Entry]>,
    /// Phrases of one or two bytes (their indexes), compared at every position.
    short: Vec<u32>,
}

impl CueSearch {
    /// Files `phrases` (an empty phrase matches nowhere).
    pub(crate) fn new<'p>(phrases: impl IntoIterator<Item = &'p str>) -> CueSearch {
        let phrases: Vec<Box<[u8]>> = phrases
            .into_iter()
            .map(|p| p.as_bytes().to_ascii_lowercase().into_boxed_slice())
            .collect();
        assert!(phrases.len() < u16::MAX as usize, "too many cue phrases");
        let mut filed: Vec<(usize, Entry)> = Vec::new();
        let mut short = Vec::new();
        for (i, p) in phrases.iter().enumerate() {
            match p.len() {
                0 => {}
                1 | 2 => short.push(i as u32),
                _ => {
                    let key = u32::from(p[0]) | u32::from(p[1]) << 8 | u32::from(p[2]) << 16;
                    let (mut next, mut mask) = (0u64, 0u64);
                    for (k, &c) in p[3..p.len().min(NEXT_END)].iter().enumerate() {
                        next |= u64::from(c) << (8 * k);
                        mask |= 0xff << (8 * k);
                    }
                    filed.push((
                        filter_bit(key),
                        Entry {
                            key,
                            phrase: i as u32,
                            next,
                            mask,
                        },
                    ));
                }
            }
        }
        let mut filled = Box::new([0u64; (1 << FILTER_BITS) / 64]);
        for (f, _) in &filed {
            filled[f >> 6] |= 1 << (f & 63);
        }
        // Stable: a bucket's phrases stay in their given order.
        filed.sort_by_key(|(f, _)| bucket_of(*f));
        let mut starts = vec![0u16; (1 << HASH_BITS) + 1];
        for (f, _) in &filed {
            starts[bucket_of(*f) + 1] += 1;
        }
        for b in 0..1 << HASH_BITS {
            starts[b + 1] += starts[b];
        }
        CueSearch {
            phrases,
            filled,
            starts: starts.into_boxed_slice(),
            entries: filed.into_iter().map(|(_, e)| e).collect(),
            short,
        }
    }

    /// The length of phrase `p`, in bytes.
    pub(crate) fn len(&self, p: usize) -> usize {
        self.phrases[p].len()
    }

    /// Calls `found(phrase, start)` for every occurrence of every phrase in `text`, overlapping
    /// or not. One phrase's occurrences come in order of their starts (so also of their ends);
    /// different phrases' come interleaved. (A document's walk, `walk::walk`, does the same
    /// from its own eight-byte reading: [`CueSearch::at`] at every position, then
    /// [`CueSearch::for_each_short`].)
    pub(crate) fn for_each(&self, text: &[u8], mut found: impl FnMut(usize, usize)) {
        if text.len() >= 3 {
            // The key of the three bytes ending at `i`: the oldest byte shifts out at the
            // bottom.
            let mut key = u32::from(FOLD[usize::from(text[0])]) << 8
                | u32::from(FOLD[usize::from(text[1])]) << 16;
            for (i, &b) in text.iter().enumerate().skip(2) {
                key = key >> 8 | u32::from(FOLD[usize::from(b)]) << 16;
                self.at(text, i - 2, key, &mut found);
            }
        }
        self.for_each_short(text, found);
    }

    /// Calls `found` for the phrases of three bytes or more standing at `at`, whose first
    /// three bytes, ASCII lower-cased and packed as `b0 | b1 << 8 | b2 << 16`, are `key`. A
    /// filter bit says whether any phrase's first bytes hash there: most positions cost a
    /// multiplication and a bit test.
    #[inline(always)]
    pub(crate) fn at(
        &self,
        text: &[u8],
        at: usize,
        key: u32,
        found: &mut impl FnMut(usize, usize),
    ) {
        let f = filter_bit(key);
        if self.filled[f >> 6] >> (f & 63) & 1 != 0 {
            self.compare(text, at, key, bucket_of(f), found);
        }
    }

    /// Calls `found` for every occurrence of the phrases of one or two bytes (none of the
    /// built-in ones), phrase by phrase.
    pub(crate) fn for_each_short(&self, text: &[u8], mut found: impl FnMut(usize, usize)) {
        for &p in &self.short {
            let p = p as usize;
            for at in 0..text.len() {
                if self.matches_at(p, 0, text, at) {
                    found(p, at);
                }
            }
        }
    }

    /// Whether phrase `p` from its byte `from` on stands in `text` at `at + from`. Byte by
    /// byte to the first difference (the phrase is folded already): most candidates differ
    /// in their fourth byte, and `<[u8]>::eq_ignore_ascii_case` compares whole slices.
    fn matches_at(&self, p: usize, from: usize, text: &[u8], at: usize) -> bool {
        let p = &self.phrases[p][from..];
        text.get(at + from..at + from + p.len())
            .is_some_and(|t| t.iter().zip(p).all(|(&t, &p)| FOLD[usize::from(t)] == p))
    }

    /// The phrases of bucket `h` whose first three bytes are `key`, compared in full at `at`:
    /// their next eight bytes at once (most candidates differ there: "the" begins "the ideal
    /// candidate" and every "the " of a text), then byte by byte.
    #[inline(never)]
    fn compare(
        &self,
        text: &[u8],
        at: usize,
        key: u32,
        h: usize,
        found: &mut impl FnMut(usize, usize),
    ) {
        let (lo, hi) = (usize::from(self.starts[h]), usize::from(self.starts[h + 1]));
        // Near the text's end the bytes are compared one by one.
        let next = text
            .get(at + 3..at + NEXT_END)
            .map(|t| fold8(u64::from_le_bytes(t.try_into().expect("eight bytes"))));
        for e in &self.entries[lo..hi] {
            let p = e.phrase as usize;
            if e.key != key {
                continue;
            }
            let hit = match next {
                Some(n) => {
                    n & e.mask == e.next
                        && (self.phrases[p].len() <= NEXT_END
                            || self.matches_at(p, NEXT_END, text, at))
                }
                None => self.matches_at(p, 3, text, at),
            };
            if hit {
                found(p, at);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, AhoCorasickKind};
    use std::ops::Range;

    /// A phrase's index and where it stands.
    type Hit = (usize, Range<usize>);

    /// Every occurrence, sorted, as the search finds it and as an overlapping Aho-Corasick
    /// search (ASCII-case-insensitive) finds it.
    fn both(phrases: &[&str], text: &str) -> (Vec<Hit>, Vec<Hit>) {
        let search = CueSearch::new(phrases.iter().copied());
        let mut got = Vec::new();
        search.for_each(text.as_bytes(), |p, at| {
            got.push((p, at..at + phrases[p].len()))
        });
        let ac = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .ascii_case_insensitive(true)
            .build(phrases)
            .unwrap();
        let mut want: Vec<_> = ac
            .find_overlapping_iter(text)
            .map(|m| (m.pattern().as_usize(), m.range()))
            .collect();
        // One phrase's occurrences come in order of their starts.
        for p in 0..phrases.len() {
            let starts: Vec<usize> = got.iter().filter(|h| h.0 == p).map(|h| h.1.start).collect();
            assert!(starts.windows(2).all(|w| w[0] < w[1]), "{p}");
        }
        got.sort_by_key(|(p, r)| (r.start, *p));
        want.sort_by_key(|(p, r)| (r.start, *p));
        (got, want)
    }

    #[test]
    fn finds_what_an_overlapping_automaton_finds() {
        let phrases = [
            "eoe",
            "eo",
            "e",
            "apply now",
            "Apply",
            "to apply",
            "ss\n",
            "\u{2013} present",
            "- present",
            "www.",
            "http",
            "aaa",
            "aa",
            "regard to race",
            "without regard to race",
            "e-verify",
            "sr.",
            "sr ",
            "ii",
            "tier ii",
            "tier iii",
            "\u{e9}t\u{e9}",
        ];
        let mut texts = super::super::pattern::testing::haystacks();
        texts.extend(
            [
                "",
                "e",
                "eo",
                "eoeoeoe EOEOE eoE",
                "Apply NowApply now; TO APPLYto apply aaaaa AA",
                "Without Regard To Race WITHOUT REGARD TO RACE regard to rac",
                "Jan 2019 \u{2013} Present, 2019 - present\nskills\nSKILLS\n",
                "HTTP://WWW.X hTtP www",
                "Sr. Sr Tier II Tier III tier iiii \u{c9}t\u{e9} \u{e9}t\u{e9}",
            ]
            .map(String::from),
        );
        let mut found = 0;
        for h in texts {
            for t in [h.clone(), h.to_ascii_uppercase()] {
                let (got, want) = both(&phrases, &t);
                assert_eq!(got, want, "{t:?}");
                found += got.len();
            }
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn eight_bytes_fold_as_each_byte_folds() {
        for b in 0..=255u8 {
            for at in 0..8 {
                for fill in [0u8, b'A', b'z', 0xc3, b'@', b'['] {
                    let mut chunk = [fill; 8];
                    chunk[at] = b;
                    let folded = fold8(u64::from_le_bytes(chunk)).to_le_bytes();
                    assert_eq!(folded, chunk.map(|c| FOLD[usize::from(c)]), "{chunk:?}");
                }
            }
        }
    }

    /// Phrases that share their first three bytes, or whose buckets collide, are each found.
    #[test]
    fn phrases_sharing_a_bucket_are_each_found() {
        let words: Vec<String> = (0..3000u32)
            .map(|i| {
                let c = |k: u32| char::from(b'a' + (i / k % 26) as u8);
                format!("{}{}{}{}", c(1), c(26), c(676), c(7))
            })
            .collect();
        let phrases: Vec<&str> = words.iter().map(String::as_str).collect();
        let text: String = words
            .iter()
            .step_by(7)
            .map(|w| w.to_ascii_uppercase() + " ")
            .collect();
        let (got, want) = both(&phrases, &text);
        assert_eq!(got, want);
        assert!(got.len() >= 3000 / 7);
    }
}
