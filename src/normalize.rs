//! Text normalisation before matching: the forms that PDF exports, word processors and web
//! pages put in place of plain ASCII (dashes, non-breaking spaces, smart quotes, ligatures, soft
//! hyphens, line breaks) are mapped to one spelling, and ASCII is lower-cased, while a map keeps
//! every normalised byte tied to the original text so that spans point into what the user gave.
//!
//! Both the taxonomy (to validate and compare terms) and the matcher (to read text) use it, so it
//! sits below both of them.

/// What one character becomes.
enum Mapped {
    /// Dropped (soft hyphen, zero-width characters).
    Drop,
    /// White space: collapsed with its neighbours into one space.
    Space,
    /// One ASCII byte.
    Byte(u8),
    /// Several ASCII bytes (ligatures).
    Str(&'static str),
    /// Kept as it is.
    Keep,
}

#[inline]
fn map_char(c: char) -> Mapped {
    match c {
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => Mapped::Drop,
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => {
            Mapped::Byte(b'-')
        }
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => Mapped::Byte(b'\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => Mapped::Byte(b'"'),
        '\u{2044}' | '\u{2215}' => Mapped::Byte(b'/'),
        '\u{FB00}' => Mapped::Str("ff"),
        '\u{FB01}' => Mapped::Str("fi"),
        '\u{FB02}' => Mapped::Str("fl"),
        '\u{FB03}' => Mapped::Str("ffi"),
        '\u{FB04}' => Mapped::Str("ffl"),
        '\u{FB05}' | '\u{FB06}' => Mapped::Str("st"),
        // Full-width ASCII, as some Asian-locale word processors write it.
        '\u{FF01}'..='\u{FF5E}' => Mapped::Byte(((c as u32 - 0xFEE0) as u8).to_ascii_lowercase()),
        c if c.is_whitespace() => Mapped::Space,
        _ => Mapped::Keep,
    }
}

/// Whether normalising `text` would change nothing but ASCII: every non-ASCII character is kept as
/// it is. Such text can be walked as it is, reading ASCII case and white space on the fly.
pub(crate) fn keeps_non_ascii(text: &str) -> bool {
    if text.is_ascii() {
        return true;
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("i is on a char boundary");
        if !matches!(map_char(c), Mapped::Keep) {
            return false;
        }
        i += c.len_utf8();
    }
    true
}

/// A normalised copy of a text and the way back to the original.
///
/// Buffers are kept between calls, so one `Normalized` per thread serves any number of documents
/// without allocating again. The way back is sparse: a mark wherever the normalised text stops
/// running in step with the original (a collapsed run of white space, a dropped or folded
/// character), so plain ASCII costs one copy and nothing more.
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    text: String,
    /// `(normalised offset, original offset)`: from each mark to the next, normalised byte `n`
    /// comes from original byte `n - mark.0 + mark.1`. The first mark is `(0, 0)`.
    marks: Vec<(u32, u32)>,
}

impl Normalized {
    /// An empty buffer.
    pub fn new() -> Normalized {
        Normalized::default()
    }

    /// Adds a mark when normalised byte `n` (about to be written) does not come from original
    /// byte `o` by the current mark.
    #[inline]
    fn sync(&mut self, n: usize, o: usize) {
        let &(mn, mo) = self.marks.last().expect("there is always a first mark");
        if n - mn as usize + mo as usize != o {
            self.marks.push((n as u32, o as u32));
        }
    }

    /// Normalises `original` into this buffer, replacing what was there.
    ///
    /// Texts longer than 4 GiB are not supported (offsets are 32-bit to keep marks small).
    pub fn normalize(&mut self, original: &str) {
        self.normalize_with(original, false);
    }

    /// As [`Normalized::normalize`]; with `fold_hyphens`, hyphens (and every Unicode dash) count
    /// as white space, so "Wi-Fi" and "Wi Fi" normalise alike.
    pub fn normalize_with(&mut self, original: &str, fold_hyphens: bool) {
        self.text.clear();
        self.marks.clear();
        self.marks.push((0, 0));
        self.text.reserve(original.len());
        let bytes = original.as_bytes();
        let mut last_space = false;
        let mut i = 0;
        while i < bytes.len() {
            // The common case: a run of printable ASCII, single spaces included, copied at once.
            let run = i;
            while i < bytes.len() {
                let b = bytes[i];
                if b >= 0x80
                    || (b.is_ascii_whitespace() && (b != b' ' || last_space))
                    || b == 0x0B
                    || (fold_hyphens && b == b'-')
                {
                    break;
                }
                last_space = b == b' ';
                i += 1;
            }
            if i > run {
                let at = self.text.len();
                self.sync(at, run);
                self.text.push_str(&original[run..i]);
                self.text[at..].make_ascii_lowercase();
                continue;
            }
            let b = bytes[i];
            if b < 0x80 {
                // Other ASCII white space, or a space after a space.
                if !last_space {
                    let at = self.text.len();
                    self.sync(at, i);
                    self.text.push(' ');
                    last_space = true;
                }
                i += 1;
                continue;
            }
            let c = original[i..]
                .chars()
                .next()
                .expect("i is on a char boundary");
            let len = c.len_utf8();
            let at = self.text.len();
            let mapped = match map_char(c) {
                Mapped::Byte(b'-') if fold_hyphens => Mapped::Space,
                m => m,
            };
            match mapped {
                Mapped::Drop => {}
                Mapped::Space => {
                    if !last_space {
                        self.sync(at, i);
                        self.text.push(' ');
                        last_space = true;
                    }
                }
                Mapped::Byte(x) => {
                    self.sync(at, i);
                    self.text.push(x as char);
                    last_space = false;
                }
                Mapped::Str(s) => {
                    for (k, x) in s.bytes().enumerate() {
                        self.sync(at + k, i);
                        self.text.push(x as char);
                    }
                    last_space = false;
                }
                Mapped::Keep => {
                    self.sync(at, i);
                    self.text.push(c);
                    last_space = false;
                }
            }
            i += len;
        }
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original offset of normalised byte `n`.
    #[inline]
    fn to_original(&self, n: usize) -> usize {
        let k = self.marks.partition_point(|m| m.0 as usize <= n) - 1;
        let (mn, mo) = self.marks[k];
        n - mn as usize + mo as usize
    }

    /// The normalised offset of original byte `o`, which must be a byte that normalisation
    /// keeps as it is (any byte of ASCII text but white space).
    pub fn to_normalized(&self, o: usize) -> usize {
        let k = self.marks.partition_point(|m| m.1 as usize <= o) - 1;
        let (mn, mo) = self.marks[k];
        o - mo as usize + mn as usize
    }

    /// Maps a span of the normalised text (on its char boundaries, not empty) back to the
    /// original text: from the start of the first character to the end of the last.
    pub fn original_span(
        &self,
        original: &str,
        span: std::ops::Range<usize>,
    ) -> std::ops::Range<usize> {
        let start = self.to_original(span.start);
        let mut last = self.to_original(span.end - 1);
        while !original.is_char_boundary(last) {
            last -= 1;
        }
        let last_len = original[last..].chars().next().map_or(0, char::len_utf8);
        start..last + last_len
    }
}

/// Normalises a term of a taxonomy: as text is normalised, with the ends trimmed.
///
/// ```
/// use rolefit::normalize::normalize_term;
/// assert_eq!(normalize_term("  Wi\u{2011}Fi\n Direct "), "wi-fi direct");
/// ```
pub fn normalize_term(term: &str) -> String {
    normalize_term_with(term, false)
}

/// As [`normalize_term`], folding hyphens into spaces when `fold_hyphens`.
///
/// ```
/// use rolefit::normalize::normalize_term_with;
/// assert_eq!(normalize_term_with("Wi\u{2011}Fi - Direct", true), "wi fi direct");
/// ```
pub fn normalize_term_with(term: &str, fold_hyphens: bool) -> String {
    Normalized::new().term(term, fold_hyphens)
}

impl Normalized {
    /// Normalises a term, reusing this buffer: as [`normalize_term_with`].
    pub fn term(&mut self, term: &str, fold_hyphens: bool) -> String {
        if term.is_ascii() {
            return ascii_term(term, fold_hyphens);
        }
        self.normalize_with(term, fold_hyphens);
        self.text.trim_matches(' ').to_string()
    }
}

/// Whether two terms normalise alike (without folding hyphens); for ASCII terms, without
/// allocating.
pub(crate) fn same_term(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        ascii_term_bytes(a, false).eq(ascii_term_bytes(b, false))
    } else {
        normalize_term(a) == normalize_term(b)
    }
}

/// Whether normalisation reads ASCII byte `b` as white space: ASCII white space, vertical tab,
/// and hyphens when folding them.
#[inline]
pub(crate) fn is_separator(b: u8, fold_hyphens: bool) -> bool {
    b.is_ascii_whitespace() || b == 0x0B || (fold_hyphens && b == b'-')
}

/// The bytes of [`normalize_term_with`] for an ASCII term, one at a time: lower-cased,
/// separators collapsed into single spaces, the ends trimmed.
fn ascii_term_bytes(term: &str, fold_hyphens: bool) -> impl Iterator<Item = u8> + '_ {
    let white = move |b: u8| is_separator(b, fold_hyphens);
    let start = term.bytes().position(|b| !white(b)).unwrap_or(term.len());
    let end = term
        .bytes()
        .rposition(|b| !white(b))
        .map_or(start, |e| e + 1);
    let mut after_space = false;
    term.as_bytes()[start..end].iter().filter_map(move |&b| {
        if white(b) {
            let first = !after_space;
            after_space = true;
            first.then_some(b' ')
        } else {
            after_space = false;
            Some(b.to_ascii_lowercase())
        }
    })
}

/// [`normalize_term_with`] for ASCII, which is nearly every term.
fn ascii_term(term: &str, fold_hyphens: bool) -> String {
    String::from_utf8(ascii_term_bytes(term, fold_hyphens).collect()).expect("ASCII in, ASCII out")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        let mut n = Normalized::new();
        n.normalize(s);
        n.text
    }

    #[test]
    fn folds_the_usual_suspects() {
        assert_eq!(norm("Wi\u{2011}Fi"), "wi-fi");
        assert_eq!(norm("MD\u{2013}100"), "md-100");
        assert_eq!(norm("Remote\r\n  Desktop"), "remote desktop");
        assert_eq!(norm("Remote\u{00A0}Desktop"), "remote desktop");
        assert_eq!(norm("Desk\u{00AD}top"), "desktop");
        assert_eq!(norm("\u{FB01}rewall"), "firewall");
        assert_eq!(norm("\u{201C}AD\u{201D}"), "\"ad\"");
        assert_eq!(norm("\u{FF21}\u{FF0B}"), "a+");
        assert_eq!(norm("Café"), "café");
    }

    #[test]
    fn spans_map_back_to_the_original() {
        let original = "Used Microsoft Remote\n\n   Desktop and \u{FB01}rewalls.";
        let mut n = Normalized::new();
        n.normalize(original);
        let s = n.as_str();
        let start = s.find("microsoft").unwrap();
        let end = s.find("desktop").unwrap() + "desktop".len();
        let span = n.original_span(original, start..end);
        assert_eq!(&original[span], "Microsoft Remote\n\n   Desktop");
        let start = s.find("firewalls").unwrap();
        let span = n.original_span(original, start..start + "firewalls".len());
        assert_eq!(&original[span], "\u{FB01}rewalls");
    }

    #[test]
    fn every_span_maps_back_on_char_boundaries() {
        let original =
            "a\u{2013}b  c\u{00AD}d \u{FB03}x \u{00E9}t\u{00E9}\r\n\u{201C}q\u{201D} \u{FF21}+ z";
        let mut n = Normalized::new();
        n.normalize(original);
        let s = n.as_str().to_string();
        for (i, _) in s.char_indices() {
            for (j, c) in s[i..].char_indices() {
                let end = i + j + c.len_utf8();
                let span = n.original_span(original, i..end);
                assert!(
                    original.is_char_boundary(span.start) && original.is_char_boundary(span.end)
                );
                assert!(span.start < span.end, "{i}..{end}");
            }
        }
        let at = s.find("\u{00E9}t\u{00E9}").unwrap();
        let span = n.original_span(original, at..at + "\u{00E9}t\u{00E9}".len());
        assert_eq!(&original[span], "\u{00E9}t\u{00E9}");
        let at = s.find("a+").unwrap();
        assert_eq!(
            &original[n.original_span(original, at..at + 2)],
            "\u{FF21}+"
        );
    }

    #[test]
    fn folding_makes_every_dash_a_space() {
        let mut n = Normalized::new();
        n.normalize_with("Wi\u{2011}Fi, Wi-Fi,  MD \u{2013} 100", true);
        assert_eq!(n.as_str(), "wi fi, wi fi, md 100");
        n.normalize_with("Wi\u{2011}Fi", false);
        assert_eq!(n.as_str(), "wi-fi");
    }

    #[test]
    fn the_ascii_term_path_agrees_with_the_general_one() {
        let general = |t: &str, fold: bool| {
            let mut n = Normalized::new();
            n.normalize_with(t, fold);
            n.text.trim_matches(' ').to_string()
        };
        for t in [
            "  Wi-Fi  Direct ",
            "\tActive\r\n Directory\x0b",
            "MD - 100",
            "-leading and trailing-",
            "C#/.NET A+",
            " ",
            "",
            "a\x0c\x0cb",
        ] {
            for fold in [false, true] {
                assert_eq!(ascii_term(t, fold), general(t, fold), "{t:?} {fold}");
            }
        }
    }

    #[test]
    fn same_terms() {
        assert!(same_term("Active  Directory", " active directory\n"));
        assert!(!same_term("Active Directory", "ActiveDirectory"));
        assert!(
            same_term("Caf\u{e9}", "CAF\u{c9}")
                == (normalize_term("Caf\u{e9}") == normalize_term("CAF\u{c9}"))
        );
    }

    #[test]
    fn trims_terms() {
        assert_eq!(
            normalize_term("\tActive   Directory \n"),
            "active directory"
        );
    }
}
