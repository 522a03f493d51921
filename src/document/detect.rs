//! Format detection by content: magic bytes first, a look at the decoded start of the text
//! second, and the file name's extension only where the content cannot tell.

use std::path::Path;

use super::text;
use super::Format;

/// What the content looks like, and for content that will not be read, why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Text to decode: [`Format::Text`] or [`Format::Markdown`].
    Text(Format),
    Html,
    Rtf,
    Pdf,
    Docx,
    Odt,
    /// A recognised format that rolefit does not read.
    Unsupported(Format, String),
    /// A recognised format, protected by a password.
    Encrypted(Format, String),
    /// Content that the name says is a document but that is not one.
    Damaged(Format, String),
    /// Binary content of no known format.
    Binary,
}

impl Kind {
    pub(crate) fn format(&self) -> Format {
        match self {
            Kind::Text(format) => *format,
            Kind::Html => Format::Html,
            Kind::Rtf => Format::Rtf,
            Kind::Pdf => Format::Pdf,
            Kind::Docx => Format::Docx,
            Kind::Odt => Format::Odt,
            Kind::Unsupported(format, _)
            | Kind::Encrypted(format, _)
            | Kind::Damaged(format, _) => *format,
            Kind::Binary => Format::Binary,
        }
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const EMPTY_ZIP_MAGIC: &[u8] = b"PK\x05\x06";
const OLE2_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// "EncryptedPackage" in UTF-16LE: the stream an encrypted OOXML file keeps inside OLE2.
const ENCRYPTED_PACKAGE: &[u8] = b"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
const ODT_MIME: &[u8] = b"application/vnd.oasis.opendocument.text";
const ODF_MIME: &[u8] = b"application/vnd.oasis.opendocument.";

/// How far into the file the PDF header may start (the spec allows leading junk; readers look
/// within the first kilobyte).
const PDF_HEADER_WINDOW: usize = 1024;

pub(crate) fn detect(bytes: &[u8], name: Option<&Path>) -> Kind {
    let hint = format_from_name(name);
    if let Some(format @ (Format::Pdf | Format::Docx | Format::Odt | Format::Rtf)) = hint {
        // Read as text, an empty file would be an empty document and score as one.
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Kind::Damaged(
                format,
                format!(
                    "the file is empty ({} bytes): a {} file cannot be",
                    bytes.len(),
                    format.as_str().to_uppercase()
                ),
            );
        }
    }
    match find(&bytes[..bytes.len().min(PDF_HEADER_WINDOW)], b"%PDF-") {
        Some(0) => return Kind::Pdf,
        // Past the start, only with PDF objects after it: a text that quotes "%PDF-" is text.
        Some(at) if find(&bytes[at..], b"endobj").is_some() => return Kind::Pdf,
        _ => {}
    }
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(EMPTY_ZIP_MAGIC) {
        return detect_zip(bytes, hint);
    }
    if bytes.starts_with(OLE2_MAGIC) {
        if find(bytes, ENCRYPTED_PACKAGE).is_some() {
            return Kind::Encrypted(
                Format::Docx,
                "a password-protected Office document: save a copy without the password".into(),
            );
        }
        return Kind::Unsupported(
            Format::Binary,
            "a legacy Office file (OLE2: .doc, .xls, .ppt): save it as DOCX or PDF".into(),
        );
    }
    match text::sniff(bytes) {
        Some(sample) => detect_text(&sample, hint),
        None => match hint {
            Some(Format::Pdf) => Kind::Damaged(Format::Pdf, "not a PDF: no %PDF- header".into()),
            Some(format @ (Format::Docx | Format::Odt)) => Kind::Damaged(
                format,
                format!(
                    "not a zip archive, which a {} file is",
                    format.as_str().to_uppercase()
                ),
            ),
            _ => Kind::Binary,
        },
    }
}

fn detect_zip(bytes: &[u8], hint: Option<Format>) -> Kind {
    // Entry names are stored uncompressed in the local headers and the central directory, and
    // ODF stores its `mimetype` entry first and uncompressed, so a byte search is enough to
    // classify; the reader validates the archive.
    if find(bytes, b"word/").is_some() {
        return Kind::Docx;
    }
    if find(bytes, ODT_MIME).is_some() && find(bytes, b"content.xml").is_some() {
        return Kind::Odt;
    }
    if let Some(format @ (Format::Docx | Format::Odt)) = hint {
        let wants = if format == Format::Docx {
            "word/document.xml"
        } else {
            "content.xml"
        };
        return Kind::Damaged(format, format!("a zip archive without {wants}"));
    }
    let what = if find(bytes, b"xl/").is_some() {
        "an Excel workbook"
    } else if find(bytes, b"ppt/").is_some() {
        "a PowerPoint presentation"
    } else if find(bytes, ODF_MIME).is_some() {
        "an OpenDocument file that is not a text document"
    } else {
        "a zip archive that is not a DOCX or ODT document"
    };
    Kind::Unsupported(
        Format::Binary,
        format!("{what}: rolefit reads PDF, DOCX, ODT, HTML, RTF and text"),
    )
}

fn detect_text(sample: &str, hint: Option<Format>) -> Kind {
    let start = sample.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if start.starts_with("{\\rtf") {
        return Kind::Rtf;
    }
    if looks_like_html(start, hint) {
        return Kind::Html;
    }
    match hint {
        Some(Format::Markdown) => Kind::Text(Format::Markdown),
        _ => Kind::Text(Format::Text),
    }
}

fn looks_like_html(start: &str, hint: Option<Format>) -> bool {
    if !start.starts_with('<') {
        return false;
    }
    let head: String = start
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    const OPENINGS: [&str; 4] = ["<!doctype html", "<html", "<head", "<body"];
    if OPENINGS.iter().any(|o| head.starts_with(o)) {
        return true;
    }
    // An XML declaration or a comment may come first.
    if (head.starts_with("<?xml") || head.starts_with("<!--")) && head.contains("<html") {
        return true;
    }
    hint == Some(Format::Html)
}

/// The format a file name's extension suggests, if any.
pub(crate) fn format_from_name(name: Option<&Path>) -> Option<Format> {
    let ext = name?.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "pdf" => Format::Pdf,
        "docx" | "docm" | "dotx" | "dotm" => Format::Docx,
        "odt" | "ott" => Format::Odt,
        "html" | "htm" | "xhtml" | "shtml" => Format::Html,
        "rtf" => Format::Rtf,
        "md" | "markdown" | "mdown" | "mkd" | "mkdn" => Format::Markdown,
        "txt" | "text" => Format::Text,
        _ => return None,
    })
}

/// The first position of `needle` in `haystack`.
pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let mut from = 0;
    while let Some(i) = haystack[from..=haystack.len() - needle.len()]
        .iter()
        .position(|&b| b == first)
    {
        let at = from + i;
        if &haystack[at..at + needle.len()] == needle {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(bytes: &[u8], name: &str) -> Kind {
        detect(bytes, Some(Path::new(name)))
    }

    #[test]
    fn magic_bytes_win_over_the_name() {
        assert_eq!(kind(b"%PDF-1.4\n", "resume.txt"), Kind::Pdf);
        assert_eq!(kind(b"junk\n%PDF-1.4\n1 0 obj 1 endobj", "x"), Kind::Pdf);
        assert_eq!(
            kind(b"Files start with %PDF-1.7.", "x"),
            Kind::Text(Format::Text)
        );
        assert_eq!(kind(b"{\\rtf1\\ansi hi}", "resume.txt"), Kind::Rtf);
        assert_eq!(kind(b"<!DOCTYPE html><p>x", "a.txt"), Kind::Html);
        assert_eq!(kind(b"\xEF\xBB\xBF  <html><body>x", "a"), Kind::Html);
        assert_eq!(
            kind(b"<?xml version=\"1.0\"?>\n<html xmlns=\"x\">", "a"),
            Kind::Html
        );
        assert_eq!(
            kind(b"plain words", "resume.docx"),
            Kind::Text(Format::Text)
        );
    }

    #[test]
    fn the_name_decides_what_content_cannot() {
        assert_eq!(kind(b"# Resume", "cv.MD"), Kind::Text(Format::Markdown));
        assert_eq!(kind(b"# Resume", "cv.txt"), Kind::Text(Format::Text));
        assert_eq!(kind(b"<div>x</div>", "page.htm"), Kind::Html);
        assert_eq!(kind(b"<div>x</div>", "notes.txt"), Kind::Text(Format::Text));
        assert!(matches!(
            kind(b"\0\x01\x02garbage", "cv.docx"),
            Kind::Damaged(Format::Docx, _)
        ));
        assert!(matches!(
            kind(b"\0\x01\x02garbage", "cv.pdf"),
            Kind::Damaged(Format::Pdf, _)
        ));
        assert_eq!(kind(b"\0\x01\x02garbage", "cv.bin"), Kind::Binary);
    }

    #[test]
    fn zips_and_ole2() {
        assert_eq!(kind(b"PK\x03\x04....word/document.xml", "x"), Kind::Docx);
        assert_eq!(
            kind(
                b"PK\x03\x04....mimetypeapplication/vnd.oasis.opendocument.text..content.xml",
                "x"
            ),
            Kind::Odt
        );
        assert!(matches!(
            kind(b"PK\x03\x04....xl/workbook.xml", "x"),
            Kind::Unsupported(Format::Binary, _)
        ));
        assert!(matches!(
            kind(b"PK\x03\x04....other", "a.docx"),
            Kind::Damaged(Format::Docx, _)
        ));
        let mut ole = OLE2_MAGIC.to_vec();
        ole.extend_from_slice(&[0; 64]);
        assert!(matches!(
            kind(&ole, "a.doc"),
            Kind::Unsupported(Format::Binary, _)
        ));
        ole.extend_from_slice(ENCRYPTED_PACKAGE);
        assert!(matches!(
            kind(&ole, "a.docx"),
            Kind::Encrypted(Format::Docx, _)
        ));
    }

    #[test]
    fn find_finds() {
        assert_eq!(find(b"abcabd", b"abd"), Some(3));
        assert_eq!(find(b"ab", b"abd"), None);
        assert_eq!(find(b"", b"a"), None);
    }
}
