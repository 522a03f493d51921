//! Text normalisation before matching: the forms that PDF exports, word processors and web
//! pages put in place of plain ASCII (dashes, non-breaking spaces, smart quotes, ligatures, soft
//! hyphens, line breaks) are mapped to one spelling, and ASCII is lower-cased, while a map keeps
//! every normalised byte tied to the original text so that spans point into what the user gave.

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

/// A normalised copy of a text and the way back to the original.
///
/// Buffers are kept between calls, so one `Normalized` per thread serves any number of documents
/// without allocating again.
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    text: String,
    /// For each byte of `text`, the offset in the original of the character it came from.
    origin: Vec<u32>,
}

impl Normalized {
    /// An empty buffer.
    pub fn new() -> Normalized {
        Normalized::default()
    }

    /// Normalises `original` into this buffer, replacing what was there.
    ///
    /// Texts longer than 4 GiB are not supported (offsets are 32-bit to halve the map's size).
    pub fn normalize(&mut self, original: &str) {
        self.text.clear();
        self.origin.clear();
        self.text.reserve(original.len());
        self.origin.reserve(original.len());
        let out = &mut self.text;
        let bytes = original.as_bytes();
        let mut last_space = false;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if b.is_ascii_whitespace() || b == 0x0B {
                    if !last_space {
                        out.push(' ');
                        self.origin.push(i as u32);
                        last_space = true;
                    }
                } else {
                    out.push(b.to_ascii_lowercase() as char);
                    self.origin.push(i as u32);
                    last_space = false;
                }
                i += 1;
                continue;
            }
            let c = original[i..]
                .chars()
                .next()
                .expect("i is on a char boundary");
            let len = c.len_utf8();
            match map_char(c) {
                Mapped::Drop => {}
                Mapped::Space => {
                    if !last_space {
                        out.push(' ');
                        self.origin.push(i as u32);
                        last_space = true;
                    }
                }
                Mapped::Byte(x) => {
                    out.push(x as char);
                    self.origin.push(i as u32);
                    last_space = false;
                }
                Mapped::Str(s) => {
                    for x in s.bytes() {
                        out.push(x as char);
                        self.origin.push(i as u32);
                    }
                    last_space = false;
                }
                Mapped::Keep => {
                    out.push(c);
                    self.origin.extend(std::iter::repeat_n(i as u32, len));
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

    /// Maps a span of the normalised text (on its char boundaries, not empty) back to the
    /// original text: from the start of the first character to the end of the last.
    pub fn original_span(
        &self,
        original: &str,
        span: std::ops::Range<usize>,
    ) -> std::ops::Range<usize> {
        let start = self.origin[span.start] as usize;
        let last = self.origin[span.end - 1] as usize;
        let last_len = original[last..].chars().next().map_or(0, char::len_utf8);
        start..last + last_len
    }
}

/// Normalises a term of a taxonomy: as text is normalised, with the ends trimmed.
///
/// ```
/// use rolefit::matching::normalize::normalize_term;
/// assert_eq!(normalize_term("  Wi\u{2011}Fi\n Direct "), "wi-fi direct");
/// ```
pub fn normalize_term(term: &str) -> String {
    let mut n = Normalized::new();
    n.normalize(term);
    n.text.trim_matches(' ').to_string()
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
    fn trims_terms() {
        assert_eq!(
            normalize_term("\tActive   Directory \n"),
            "active directory"
        );
    }
}
