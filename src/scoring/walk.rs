//! One walk over a document's bytes, eight at a time, for the readings that look at every word:
//! the polarity index's key words (and a posting's digits), the kind's word signals (years and
//! address words) and the word counts. Each reading has its own idea of a word (`\w`, ASCII
//! alphanumerics, letters and non-ASCII bytes), so one load of eight bytes feeds three bit masks
//! whose word starts each reading visits; the passes this replaces each loaded and classified
//! the bytes again.

use std::ops::Range;

use super::polarity::CueIndex;
use super::sections::{signal_at, CueCollector, ADDRESS_WORDS, SIGNAL_START};

/// What the walk read in one document.
pub(crate) struct Walk {
    /// Years 1950 to 2029 named (see `sections::word_signals`).
    pub(crate) years: usize,
    /// Words that address a reader or state obligations.
    pub(crate) address_words: usize,
    /// The polarity cues' key words (and, when asked, the digits and "@"s).
    pub(crate) index: CueIndex,
    /// Words (runs of two or more letters or non-ASCII bytes).
    pub(crate) words: usize,
    /// Those of [`Walk::words`] that do not start inside a match.
    pub(crate) words_outside: usize,
    /// Where a line or sentence ends (see `analysis::Breaks`): each "\n", ";", "|", "!" and
    /// "?", and each "." followed by ASCII white space or the end of the text, in order.
    pub(crate) breaks: Vec<usize>,
}

const LANES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Per byte of `y` (bytes below 0x80), the high bit set when the byte is `n` or more.
#[inline(always)]
fn at_least(y: u64, n: u8) -> u64 {
    ((y | HIGH) - LANES * u64::from(n)) & HIGH
}

/// The bytes of `x` equal to `c`, as the high bit of each (exactly: no carry crosses bytes).
#[inline(always)]
fn eq(x: u64, c: u8) -> u64 {
    let t = x ^ (LANES * u64::from(c));
    !(((t & !HIGH) + !HIGH) | t) & HIGH
}

/// The classes of eight bytes read little-endian, as the high bit of each byte.
struct Masks {
    /// `(?-u:\w)`: ASCII letters, digits and "_".
    word: u64,
    /// ASCII letters and digits.
    alnum: u64,
    /// ASCII digits.
    digit: u64,
    /// ASCII letters.
    letter: u64,
    /// The bytes words are counted by: ASCII letters and every byte beyond ASCII.
    counted: u64,
}

#[inline(always)]
fn masks(x: u64) -> Masks {
    let y = x & !HIGH;
    let ascii = !x & HIGH;
    // Setting bit 5 lower-cases a letter and makes no other byte a letter.
    let folded = y | (LANES * 0x20);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1) & ascii;
    let digit = at_least(y, b'0') & !at_least(y, b'9' + 1) & ascii;
    let underscore = !((y ^ (LANES * u64::from(b'_'))) + LANES * 0x7f) & HIGH & ascii;
    let alnum = letter | digit;
    Masks {
        word: alnum | underscore,
        alnum,
        digit,
        letter,
        counted: letter | (x & HIGH),
    }
}

/// Walks `text` once. `spans` are the concept matches' (sorted by start), whose words are not
/// counted as the text's own; `contacts` also records the digits and "@"s a posting's contact
/// lines are read by; `cues`, when given, takes every occurrence of its search's phrases (the
/// section, kind, contact and level cues: what `CueSearch::for_each` finds), looked up at
/// every position from the same eight bytes, ASCII lower-cased as one number.
pub(crate) fn walk(
    text: &str,
    spans: impl IntoIterator<Item = Range<usize>>,
    contacts: bool,
    mut cues: Option<&mut CueCollector>,
) -> Walk {
    let b = text.as_bytes();
    let mut index = CueIndex::empty();
    let (mut years, mut address_words, mut words) = (0, 0, 0u64);
    // The previous chunk's masks (0 before the text: it starts after a byte of no class).
    let (mut prev_word, mut prev_alnum, mut prev_counted) = (0u64, 0u64, 0u64);
    // The previous chunk's bytes, lower-cased, for the cue phrases' keys that begin in it.
    let mut prev_folded = 0u64;
    let whole = b.len() / 8 * 8;
    let mut tail = [0u8; 8];
    tail[..b.len() - whole].copy_from_slice(&b[whole..]);
    let mut breaks = Vec::new();
    let mut base = 0;
    while base < b.len() {
        // The last chunk is padded with zero bytes, which are of no class.
        let x = match b.get(base..base + 8) {
            Some(c) => u64::from_le_bytes(c.try_into().expect("eight bytes")),
            None => u64::from_le_bytes(tail),
        };
        let m = masks(x);
        if let Some(c) = cues.as_deref_mut() {
            // Setting bit 5 of the letters lower-cases them.
            let folded = x | m.letter >> 2;
            cue_keys(b, base, (prev_folded, folded), c);
            prev_folded = folded;
        }
        // A class's word starts: a byte of it after a byte that is not.
        let mut starts = m.word & !((m.word << 8) | (prev_word >> 56));
        while starts != 0 {
            index.word_start(b, base + (starts.trailing_zeros() / 8) as usize);
            starts &= starts - 1;
        }
        if contacts {
            let mut digit = m.digit;
            while digit != 0 {
                index.digit(base + (digit.trailing_zeros() / 8) as usize);
                digit &= digit - 1;
            }
        }
        let mut starts = m.alnum & !((m.alnum << 8) | (prev_alnum >> 56));
        while starts != 0 {
            let at = base + (starts.trailing_zeros() / 8) as usize;
            starts &= starts - 1;
            if SIGNAL_START[usize::from(b[at])] {
                let (year, address) = signal(b, at);
                years += usize::from(year);
                address_words += usize::from(address);
            }
        }
        // A word of two bytes or more, counted at its second byte: one after a byte of the
        // word that follows a byte that is not.
        let c = m.counted;
        let second = c & ((c << 8) | (prev_counted >> 56)) & !((c << 16) | (prev_counted >> 48));
        // The bits sum in the top byte (a multiplication, not a bit count, which the baseline
        // x86-64 target has no instruction for).
        words += ((second >> 7).wrapping_mul(LANES)) >> 56;
        let dots = eq(x, b'.');
        let mut stops = eq(x, b'\n') | eq(x, b';') | eq(x, b'|') | eq(x, b'!') | eq(x, b'?') | dots;
        while stops != 0 {
            let bit = stops & stops.wrapping_neg();
            let p = base + (bit.trailing_zeros() / 8) as usize;
            stops &= stops - 1;
            if dots & bit == 0 || b.get(p + 1).is_none_or(u8::is_ascii_whitespace) {
                breaks.push(p);
            }
        }
        (prev_word, prev_alnum, prev_counted) = (m.word, m.alnum, m.counted);
        base += 8;
    }
    if contacts {
        index.at_signs(b);
    }
    if let Some(c) = cues {
        let search = &c.cues.search;
        search.for_each_short(b, |p, at| c.found(p, at));
    }
    let words = words as usize;
    Walk {
        years,
        address_words,
        index,
        words,
        words_outside: words - words_inside(b, spans),
        breaks,
    }
}

/// Looks up the cue phrases at the positions whose three-byte keys end in the chunk at `base`
/// (`folded`; `prev` is the chunk before it), as `CueSearch::for_each` does at each byte.
#[inline(always)]
fn cue_keys(b: &[u8], base: usize, (prev, folded): (u64, u64), c: &mut CueCollector) {
    let search = &c.cues.search;
    let mut found = |p: usize, at: usize| c.found(p, at);
    // The bytes from two before the chunk: the keys ending at its first six bytes.
    let early = folded << 16 | prev >> 48;
    let key = |k: usize| -> u32 {
        let k3 = if k < 6 {
            early >> (8 * k)
        } else {
            folded >> (8 * (k - 2))
        };
        (k3 & 0xff_ffff) as u32
    };
    // A key ends at the text's third byte or later, and at a byte of the text (not the last
    // chunk's padding).
    let first = if base == 0 { 2 } else { 0 };
    let last = (b.len() - base).min(8);
    // The same loop twice: with constant bounds (every chunk but the text's first and last)
    // it is unrolled and each `key(k)` is one shift (one loop over `first..last` alone: 438 M
    // instructions against 413 M, `bench/callgrind.sh scan`).
    if first == 0 && last == 8 {
        for k in 0..8 {
            search.at(b, base + k - 2, key(k), &mut found);
        }
    } else {
        for k in first..last {
            search.at(b, base + k - 2, key(k), &mut found);
        }
    }
}

/// [`ADDRESS_WORDS`] packed as they stand in eight bytes read little-endian (lower case,
/// zeros after the word: a word's bytes are never zero, so the packing also says its length).
const ADDRESS_KEYS: [u64; ADDRESS_WORDS.len()] = {
    let mut keys = [0u64; ADDRESS_WORDS.len()];
    let mut i = 0;
    while i < ADDRESS_WORDS.len() {
        let w = ADDRESS_WORDS[i].as_bytes();
        let mut j = 0;
        while j < w.len() && j < 8 {
            keys[i] |= (w[j] as u64) << (8 * j);
            j += 1;
        }
        i += 1;
    }
    keys
};

/// [`signal_at`] for a word of fewer than eight bytes with eight bytes of text from its start:
/// its bytes are read as one number, classified as the walk classifies them and compared
/// whole. Longer words ("required", "preferred") and the text's last bytes take the byte
/// reading.
#[inline(always)]
fn signal(b: &[u8], at: usize) -> (bool, bool) {
    let Some(eight) = b.get(at..at + 8) else {
        return signal_at(b, at);
    };
    let x = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
    let m = masks(x);
    let after = !m.alnum & HIGH;
    if after == 0 {
        return signal_at(b, at);
    }
    // The word's length: 1 to 7 (its first byte is alphanumeric).
    let len = after.trailing_zeros() / 8;
    let keep = (1u64 << (8 * len)) - 1;
    if len == 4 && m.digit & 0x8080_8080 == 0x8080_8080 {
        let d = |k: u32| (x >> (8 * k) & 0xff) as u32 - u32::from(b'0');
        let y = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3);
        return ((1950..=2029).contains(&y), false);
    }
    // Alphanumeric bytes: setting bit 5 lower-cases the letters and leaves the digits.
    let word = (x | (LANES * 0x20)) & keep;
    (false, ADDRESS_KEYS.contains(&word))
}

/// The words counted by [`walk`] that start inside the union of `spans`: the few bytes the
/// matches cover are read again, instead of every word start being looked up.
fn words_inside(b: &[u8], spans: impl IntoIterator<Item = Range<usize>>) -> usize {
    let counted = |p: usize| {
        b.get(p)
            .is_some_and(|&c| c.is_ascii_alphabetic() || c >= 0x80)
    };
    let mut inside = 0;
    // Spans come by start; one may reach into (or past) the next: each byte is read once.
    let mut from = 0;
    for s in spans {
        let (start, end) = (s.start.max(from), s.end.min(b.len()));
        for p in start..end {
            if counted(p) && (p == 0 || !counted(p - 1)) && counted(p + 1) {
                inside += 1;
            }
        }
        from = from.max(end);
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The texts: the pattern engine's haystacks, a few edge cases, and each shifted against
    /// the eight-byte chunks, in three cases.
    fn texts() -> Vec<String> {
        let mut texts = super::super::pattern::testing::haystacks();
        texts.extend(
            [
                "",
                "a",
                "ab",
                "We WILL 1949 1950 2029 2030 x2019 2019x 20190 you'r YOUR our-our \u{e9}we",
                "no_experience with linux__not required; have not used 1234567890 @ x@y.z",
                "a bc \u{e9}t\u{e9} x9yz I'm 3D e-mail",
            ]
            .map(String::from),
        );
        let shifted: Vec<String> = texts
            .iter()
            .filter(|t| t.len() < 400)
            .flat_map(|h| (1..8).flat_map(move |k| [" ".repeat(k) + h, "x".repeat(k) + h]))
            .collect();
        texts.extend(shifted);
        let mut texts: Vec<String> = texts
            .iter()
            .flat_map(|t| super::super::polarity::in_three_cases(t))
            .collect();
        // The polarity key words' own texts, in three cases already.
        texts.extend(super::super::polarity::tests::index_texts());
        texts
    }

    /// Matches every 13 bytes, 1 to 9 bytes wide (cut to char boundaries), some overlapping.
    fn spans_in(t: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        for s in (0..t.len()).step_by(13) {
            let mut e = (s + 1 + s % 9).min(t.len());
            if s % 3 == 0 {
                e = (s + 20).min(t.len());
            }
            if t.is_char_boundary(s) && t.is_char_boundary(e) {
                out.push(s..e);
            }
        }
        out
    }

    /// The word counts are what the document's own counting loop finds, with or without
    /// matches, overlapping or not.
    #[test]
    fn word_counts_are_the_run_loops() {
        let mut words = 0;
        for t in texts() {
            for spans in [spans_in(&t), Vec::new()] {
                let w = walk(&t, spans.iter().cloned(), false, None);
                assert_eq!(
                    (w.words, w.words_outside),
                    super::super::analysis::count_words_both(&t, &spans),
                    "{t:?}"
                );
                words += w.words;
            }
        }
        assert!(words > 10_000, "{words}");
    }

    /// The polarity index is the byte-at-a-time reading's (`CueIndex::of`, pinned against the
    /// cue regexes in `polarity`), whether or not digits are recorded. (The word signals are pinned against
    /// the split words in `sections`.)
    #[test]
    fn the_index_is_the_byte_readings() {
        let mut found = 0;
        for t in texts() {
            for contacts in [false, true] {
                let w = walk(&t, [], contacts, None);
                assert_eq!(w.index, CueIndex::of(&t, contacts), "{t:?}");
                found += usize::from(w.index != CueIndex::empty());
            }
        }
        assert!(found > 500, "{found}");
    }

    /// Each byte's classes, in every lane, beside bytes of every kind.
    #[test]
    fn masks_are_those_of_each_byte() {
        for b in 0..=255u8 {
            for at in 0..8 {
                for fill in [0u8, b'a', 0xff, b'9', b'_', b'Z'] {
                    let mut chunk = [fill; 8];
                    chunk[at] = b;
                    let m = masks(u64::from_le_bytes(chunk));
                    for (i, &c) in chunk.iter().enumerate() {
                        let bit = |mask: u64, yes: bool| {
                            assert_eq!((mask >> (8 * i)) & 0xff, u64::from(yes) * 0x80, "{chunk:?}")
                        };
                        bit(m.word, c.is_ascii_alphanumeric() || c == b'_');
                        bit(m.alnum, c.is_ascii_alphanumeric());
                        bit(m.digit, c.is_ascii_digit());
                        bit(m.counted, c.is_ascii_alphabetic() || c >= 0x80);
                    }
                }
            }
        }
    }
}
