//! Plain text in whatever encoding it arrives: UTF-8, UTF-8 or UTF-16 with a byte-order mark,
//! UTF-16 without one (recognised by its zero bytes), and Windows-1252 for bytes that are not
//! valid UTF-8, which is what old Windows editors save. Invalid bytes never fail a read.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// How much of the start of a file is looked at to tell text from binary.
const SAMPLE: usize = 8 * 1024;

/// Reads a text or Markdown document.
pub(crate) fn read(bytes: &[u8]) -> String {
    // Detection already judged the start of the content to be text: a binary tail is read
    // lossily rather than failed.
    decode(bytes).unwrap_or_else(|| String::from_utf8_lossy(bytes).into_owned())
}

/// The encoding of `bytes` and the length of its byte-order mark, or `None` for binary content.
pub(crate) fn encoding_of(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return Some((encoding, bom));
    }
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    // UTF-16 without a byte-order mark, and binary content, both have zero bytes: text has none.
    match controls(sample) {
        None => return utf16_without_bom(sample).map(|encoding| (encoding, 0)),
        Some(n) if n * 20 > sample.len() => return None,
        Some(_) => {}
    }
    if std::str::from_utf8(bytes).is_ok() {
        Some((UTF_8, 0))
    } else {
        Some((WINDOWS_1252, 0))
    }
}

/// Decodes `bytes` as text, or `None` for binary content.
///
/// ```ignore
/// assert_eq!(decode(b"caf\xe9").as_deref(), Some("café"));
/// ```
pub(crate) fn decode(bytes: &[u8]) -> Option<String> {
    let (encoding, bom) = encoding_of(bytes)?;
    Some(decode_with(encoding, &bytes[bom..]))
}

/// Decodes with a known encoding; malformed sequences become U+FFFD.
pub(crate) fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> String {
    if encoding == UTF_8 {
        if let Ok(s) = std::str::from_utf8(bytes) {
            return s.to_owned();
        }
    }
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// The decoded start of `bytes`, for format detection, or `None` for binary content.
pub(crate) fn sniff(bytes: &[u8]) -> Option<String> {
    let (encoding, bom) = encoding_of(&bytes[..bytes.len().min(SAMPLE)])?;
    let end = bytes.len().min(bom + SAMPLE);
    let encoding = if encoding == WINDOWS_1252 && std::str::from_utf8(&bytes[bom..end]).is_err() {
        // A sample may cut a UTF-8 sequence in two: only a real error means Windows-1252.
        match std::str::from_utf8(&bytes[bom..end]) {
            Err(e) if e.error_len().is_none() => UTF_8,
            _ => WINDOWS_1252,
        }
    } else {
        encoding
    };
    Some(
        encoding
            .decode_without_bom_handling(&bytes[bom..end])
            .0
            .into_owned(),
    )
}

/// UTF-16 without a byte-order mark, recognised when one byte of most pairs is zero (ASCII
/// text) and the other almost never is.
fn utf16_without_bom(sample: &[u8]) -> Option<&'static Encoding> {
    let pairs = sample.len() / 2;
    if pairs < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let mostly = |n: usize| n * 10 >= pairs * 6;
    let rarely = |n: usize| n * 50 <= pairs;
    if mostly(odd) && rarely(even) {
        Some(UTF_16LE)
    } else if mostly(even) && rarely(odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Binary content: a zero byte, or more than one in twenty bytes a control character that text
/// does not use.
#[cfg(test)]
fn looks_binary(sample: &[u8]) -> bool {
    controls(sample).is_none_or(|n| n * 20 > sample.len())
}

/// How many control characters that text does not use `sample` holds, or `None` if it holds a
/// zero byte.
fn controls(sample: &[u8]) -> Option<usize> {
    // Eight bytes at a time: most words of text hold no byte below 0x20 and no DEL at all, and
    // are passed over with a few operations; the others are looked at byte by byte.
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut chunks = sample.chunks_exact(8);
    let count = |bytes: &[u8]| -> Option<usize> {
        let mut n = 0;
        for &b in bytes {
            if b == 0 {
                return None;
            }
            n += usize::from(is_control(b));
        }
        Some(n)
    };
    let mut controls = 0;
    for c in &mut chunks {
        let w = u64::from_ne_bytes(c.try_into().expect("8 bytes"));
        let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGHS;
        let x = w ^ (ONES * 0x7f);
        let del = x.wrapping_sub(ONES) & !x & HIGHS;
        if below_space | del != 0 {
            controls += count(c)?;
        }
    }
    Some(controls + count(chunks.remainder())?)
}

/// A control character that text does not use.
fn is_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_check_by_words_counts_as_byte_by_byte() {
        let simple = |s: &[u8]| {
            s.contains(&0) || s.iter().filter(|&&b| is_control(b)).count() * 20 > s.len()
        };
        // Every byte value at every position of a word, amid text, and runs near the threshold.
        let text = b"Desktop support technician:\tWindows 11, AD\r\n".repeat(3);
        for b in 0..=255u8 {
            for at in 0..16 {
                let mut s = text.clone();
                s[at] = b;
                assert_eq!(looks_binary(&s), simple(&s), "{b} at {at}");
            }
        }
        let mut state = 7u64;
        for len in 0..400 {
            let s: Vec<u8> = (0..len)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    let r = (state >> 33) as u8;
                    if r % 17 == 0 {
                        r % 0x20 + 1
                    } else if r % 29 == 0 {
                        0x7f
                    } else {
                        b'a' + r % 26
                    }
                })
                .collect();
            assert_eq!(looks_binary(&s), simple(&s), "{s:?}");
        }
    }

    fn utf16(s: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if big_endian {
                &[0xFE, 0xFF]
            } else {
                &[0xFF, 0xFE]
            });
        }
        for unit in s.encode_utf16() {
            let b = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&b);
        }
        out
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode(b"Wi-Fi \xE2\x80\x93 caf\xC3\xA9").unwrap(),
            "Wi-Fi \u{2013} café"
        );
        assert_eq!(decode(b"\xEF\xBB\xBFA+ certified").unwrap(), "A+ certified");
    }

    #[test]
    fn utf16_both_orders_with_and_without_bom() {
        let s = "Windows 11, Intune – café";
        for be in [false, true] {
            for bom in [false, true] {
                assert_eq!(decode(&utf16(s, be, bom)).unwrap(), s, "be={be} bom={bom}");
            }
        }
    }

    #[test]
    fn windows_1252_fallback() {
        // 0x96 is an en dash and 0x92 a right single quote in Windows-1252.
        assert_eq!(
            decode(b"Help desk \x96 user\x92s PCs, caf\xE9").unwrap(),
            "Help desk \u{2013} user\u{2019}s PCs, café"
        );
    }

    #[test]
    fn binary_is_none_and_nothing_panics() {
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").is_none());
        assert!(decode(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).is_none());
        assert_eq!(decode(b"").unwrap(), "");
        // An odd number of bytes in UTF-16 and lone surrogates decode lossily.
        let mut odd = utf16("Active Directory", false, true);
        odd.extend_from_slice(&[0x00, 0xD8, 0x41]);
        assert!(decode(&odd).unwrap().starts_with("Active Directory"));
    }

    #[test]
    fn sniff_does_not_mistake_a_cut_utf8_sequence() {
        let mut bytes = vec![b'a'; SAMPLE - 1];
        bytes.extend_from_slice("é and more".as_bytes());
        assert!(sniff(&bytes).unwrap().starts_with("aaa"));
        assert_eq!(encoding_of(&bytes).unwrap().0, UTF_8);
    }
}
