//! A small RTF stripper: text, paragraph and cell breaks, `\'hh` bytes in the document's code
//! page, `\uN` characters with their fallbacks skipped; font, colour and style tables, document
//! info, pictures and other ignorable destinations are not text.
//!
//! No crate read RTF well (see issue 4), and the text of an RTF file is simple enough to take
//! with one loop over the bytes and an explicit stack of groups: no recursion, so no depth can
//! overflow the stack.

use std::sync::OnceLock;

use encoding_rs::{Encoding, WINDOWS_1252};

use super::{Format, Limits, ReadError, Status};

/// Destinations whose content is not document text.
const SKIPPED: &[&[u8]] = &[
    b"fonttbl",
    b"colortbl",
    b"stylesheet",
    b"info",
    b"pict",
    b"object",
    b"listtable",
    b"listoverridetable",
    b"rsidtbl",
    b"generator",
    b"xmlnstbl",
    b"themedata",
    b"colorschememapping",
    b"datastore",
    b"latentstyles",
    b"filetbl",
    b"revtbl",
    b"pgdsctbl",
    b"fldinst",
    b"nonshppict",
    b"mmathPr",
    b"private",
    b"userprops",
    b"xe",
    b"tc",
];

#[derive(Clone, Copy)]
struct Group {
    skip: bool,
    /// How many fallback characters follow each `\uN` (`\ucN`).
    uc: usize,
}

pub(crate) fn read(bytes: &[u8], _limits: &Limits) -> Result<String, ReadError> {
    let mut out = String::with_capacity(bytes.len() / 2);
    // Most RTF is Windows-1252: build that table once for all documents.
    static WINDOWS_1252_TABLE: OnceLock<[char; 256]> = OnceLock::new();
    let mut table = *WINDOWS_1252_TABLE.get_or_init(|| code_page(WINDOWS_1252));
    let mut stack: Vec<Group> = Vec::new();
    let mut group = Group { skip: false, uc: 1 };
    // Fallback characters still to drop after a `\uN`.
    let mut fallback = 0usize;
    // True right after `{`: a control word there names the group's destination.
    let mut at_group_start = false;
    let mut seen_root = false;
    let mut i = 0;

    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        let group_start = std::mem::take(&mut at_group_start);
        match b {
            b'{' => {
                if stack.is_empty() && seen_root {
                    // Content after the document's closing brace is not part of it.
                    break;
                }
                seen_root = true;
                stack.push(group);
                at_group_start = true;
                fallback = 0;
            }
            b'}' => {
                group = stack.pop().unwrap_or(group);
                fallback = 0;
                if stack.is_empty() {
                    out.truncate(out.trim_end().len());
                    return Ok(out);
                }
            }
            b'\r' | b'\n' => {}
            b'\\' => {
                let Some(&next) = bytes.get(i) else { break };
                if next.is_ascii_alphabetic() {
                    let start = i;
                    while i < bytes.len() && bytes[i].is_ascii_alphabetic() && i - start < 32 {
                        i += 1;
                    }
                    let word = &bytes[start..i];
                    let num_start = i;
                    if i < bytes.len() && bytes[i] == b'-' {
                        i += 1;
                    }
                    while i < bytes.len() && bytes[i].is_ascii_digit() && i - num_start < 10 {
                        i += 1;
                    }
                    let param = std::str::from_utf8(&bytes[num_start..i])
                        .ok()
                        .and_then(|s| s.parse::<i64>().ok());
                    if i < bytes.len() && bytes[i] == b' ' {
                        i += 1;
                    }
                    if group_start && SKIPPED.contains(&word) {
                        group.skip = true;
                    }
                    match word {
                        b"bin" => {
                            // Raw binary data of the given length follows.
                            let n = usize::try_from(param.unwrap_or(0)).unwrap_or(0);
                            i = i.saturating_add(n).min(bytes.len());
                        }
                        b"uc" => group.uc = usize::try_from(param.unwrap_or(1)).unwrap_or(1).min(8),
                        b"ansicpg" => {
                            if let Some(encoding) = param
                                .and_then(windows_code_page)
                                .filter(|e| *e != WINDOWS_1252)
                            {
                                table = code_page(encoding);
                            }
                        }
                        b"u" => {
                            if let Some(n) = param {
                                let n = if n < 0 { n + 65536 } else { n };
                                let c = u32::try_from(n)
                                    .ok()
                                    .and_then(char::from_u32)
                                    .unwrap_or('\u{fffd}');
                                if !group.skip {
                                    out.push(c);
                                }
                                fallback = group.uc;
                            }
                            continue;
                        }
                        _ => {}
                    }
                    if fallback > 0 {
                        fallback -= 1;
                        continue;
                    }
                    if group.skip {
                        continue;
                    }
                    if word == b"row" {
                        // The last cell of a row already ended with a tab.
                        while out.ends_with('\t') {
                            out.pop();
                        }
                    }
                    if let Some(s) = word_text(word) {
                        out.push_str(s);
                    }
                } else {
                    i += 1;
                    match next {
                        b'*' => group.skip = true,
                        b'\'' => {
                            let hex = bytes
                                .get(i..i + 2)
                                .and_then(|h| std::str::from_utf8(h).ok());
                            let byte = hex.and_then(|h| u8::from_str_radix(h, 16).ok());
                            i = (i + 2).min(bytes.len());
                            if fallback > 0 {
                                fallback -= 1;
                            } else if let (Some(byte), false) = (byte, group.skip) {
                                out.push(table[usize::from(byte)]);
                            }
                        }
                        _ if fallback > 0 => fallback -= 1,
                        _ if group.skip => {}
                        b'\\' | b'{' | b'}' => out.push(char::from(next)),
                        b'~' => out.push('\u{a0}'),
                        b'_' => out.push('-'),
                        b'\r' | b'\n' => out.push('\n'),
                        _ => {}
                    }
                }
            }
            _ if fallback > 0 => fallback -= 1,
            _ if group.skip || stack.is_empty() => {}
            _ => out.push(table[usize::from(b)]),
        }
    }
    Err(ReadError::new(
        Format::Rtf,
        Status::Corrupt,
        "the RTF ends inside an unclosed group (truncated?)",
    ))
}

/// The text a control word stands for.
fn word_text(word: &[u8]) -> Option<&'static str> {
    Some(match word {
        b"par" | b"line" | b"sect" | b"page" | b"row" | b"outlinelevel" => "\n",
        b"cell" | b"nestcell" | b"tab" => "\t",
        b"emdash" => "\u{2014}",
        b"endash" => "\u{2013}",
        b"bullet" => "\u{2022}",
        b"lquote" => "\u{2018}",
        b"rquote" => "\u{2019}",
        b"ldblquote" => "\u{201c}",
        b"rdblquote" => "\u{201d}",
        b"emspace" | b"enspace" | b"qmspace" => " ",
        _ => return None,
    })
}

/// The Windows code pages that decode byte by byte.
fn windows_code_page(n: i64) -> Option<&'static Encoding> {
    match n {
        874 | 1250..=1258 => Encoding::for_label(format!("windows-{n}").as_bytes()),
        _ => None,
    }
}

/// The character each byte stands for in a single-byte code page.
fn code_page(encoding: &'static Encoding) -> [char; 256] {
    let mut table = ['\u{fffd}'; 256];
    for (b, slot) in table.iter_mut().enumerate() {
        let byte = [b as u8];
        let (text, _) = encoding.decode_without_bom_handling(&byte);
        *slot = text.chars().next().unwrap_or('\u{fffd}');
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rtf(s: &str) -> Result<String, ReadError> {
        read(s.as_bytes(), &Limits::default())
    }

    #[test]
    fn text_breaks_and_escapes() {
        let doc = r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Arial;}}{\colortbl;\red0\green0\blue0;}
{\stylesheet{\s0 Normal;}}{\info{\title Secret title}{\author Someone}}
\pard\f0\fs24 Desktop Support\par
Caf\'e9 \u8211? Windows 11\tab Intune\par
{\*\generator Riched20;}Active\~Directory \{braces\} back\\slash\par
{\field{\*\fldinst HYPERLINK https://x}{\fldrslt ServiceNow}}\par}";
        let text = rtf(doc).unwrap();
        assert_eq!(
            text,
            "Desktop Support\nCafé \u{2013} Windows 11\tIntune\nActive\u{a0}Directory {braces} back\\slash\nServiceNow"
        );
    }

    #[test]
    fn unicode_fallbacks_are_skipped() {
        assert_eq!(
            rtf(r"{\rtf1\uc2\u8212\'97\'97 done}").unwrap(),
            "\u{2014} done"
        );
        assert_eq!(rtf(r"{\rtf1 A\u-3913?B}").unwrap(), "A\u{f0b7}B");
        assert_eq!(rtf(r"{\rtf1 {\uc0\u233}x}").unwrap(), "éx");
    }

    #[test]
    fn truncated_and_hostile_input() {
        assert_eq!(
            rtf(r"{\rtf1 open {group").unwrap_err().status,
            Status::Corrupt
        );
        assert_eq!(
            rtf(r"{\rtf1 bad hex \'zz and \'4").unwrap_err().status,
            Status::Corrupt
        );
        let deep = format!("{{\\rtf1 {}x{}}}", "{".repeat(100_000), "}".repeat(100_000));
        assert_eq!(rtf(&deep).unwrap(), "x");
        assert_eq!(
            rtf(r"{\rtf1 a\bin99999999 b}").unwrap_err().status,
            Status::Corrupt
        );
        assert_eq!(rtf(r"{\rtf1 x}trailing").unwrap(), "x");
        assert_eq!(
            rtf(r"{\rtf1 \u-99999999?\ansicpg1251 \'c0}").unwrap(),
            "\u{fffd}А"
        );
    }
}
