//! The hostile corpus: every kind of input a stranger could upload to break or game a batch,
//! generated here (nothing binary is committed), each with the statuses it may end in.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

use super::pdf;

/// One file of the corpus and the statuses its record may have.
pub struct Case {
    pub name: String,
    pub bytes: Vec<u8>,
    pub want: &'static [&'static str],
}

fn case(name: &str, bytes: impl Into<Vec<u8>>, want: &'static [&'static str]) -> Case {
    Case {
        name: name.to_string(),
        bytes: bytes.into(),
        want,
    }
}

const OK: &[&str] = &["ok"];
const CORRUPT: &[&str] = &["corrupt"];
const TOO_LARGE: &[&str] = &["too-large"];
/// Malformed but harmless: read as far as it goes, or refused as damaged.
const OK_OR_CORRUPT: &[&str] = &["ok", "corrupt"];

const W_NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
const ODF_NS: &str = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
    xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"";
const ODT_MIME: &str = "application/vnd.oasis.opendocument.text";

pub fn zip_file(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        let method = if *name == "mimetype" {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(zip::DateTime::default());
        zip.start_file(*name, options).expect("zip entry");
        zip.write_all(bytes).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

/// A DOCX whose document.xml is `xml`.
pub fn docx(xml: &str) -> Vec<u8> {
    zip_file(&[("word/document.xml", xml.as_bytes().to_vec())])
}

/// A DOCX with one paragraph per item of `runs`, each run's XML as given.
pub fn docx_runs(runs: &[&str]) -> Vec<u8> {
    let body: String = runs.iter().map(|r| format!("<w:p>{r}</w:p>")).collect();
    docx(&format!(
        "<w:document {W_NS}><w:body>{body}</w:body></w:document>"
    ))
}

pub fn odt(content: &str) -> Vec<u8> {
    zip_file(&[
        ("mimetype", ODT_MIME.as_bytes().to_vec()),
        ("content.xml", content.as_bytes().to_vec()),
    ])
}

/// A DOCX with a visible line and each way of hiding a run; white text on a shaded table cell
/// and on a highlight is visible.
pub fn docx_hidden_tricks() -> Vec<u8> {
    let body = format!(
        "<w:document {W_NS}><w:body>\
         <w:p><w:r><w:t>Help desk: Windows 11.</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>Kubernetes</w:t></w:r></w:p>\
         <w:p><w:r><w:rPr><w:color w:val=\"FFFFFF\"/></w:rPr><w:t>Terraform</w:t></w:r></w:p>\
         <w:tbl><w:tr><w:tc><w:tcPr><w:shd w:val=\"clear\" w:fill=\"1F3864\"/></w:tcPr><w:p><w:r><w:rPr><w:color w:val=\"FFFFFF\"/></w:rPr><w:t>Team Lead</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
         <w:p><w:r><w:rPr><w:sz w:val=\"2\"/></w:rPr><w:t>Golang</w:t></w:r>\
         <w:r><w:rPr><w:color w:val=\"FFFFFF\"/><w:highlight w:val=\"black\"/></w:rPr><w:t>Supervisor</w:t></w:r>\
         <w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t></w:t></w:r></w:p>\
         </w:body></w:document>"
    );
    docx(&body)
}

fn resume_docx() -> Vec<u8> {
    docx_runs(&["<w:r><w:t>Desktop support: Windows 11, Active Directory, PowerShell.</w:t></w:r>"])
}

/// Replaces every little-endian `from` in `bytes` with `to` (a zip header's size fields).
fn patch_u32(bytes: &mut [u8], from: u32, to: u32) -> usize {
    let (from, to) = (from.to_le_bytes(), to.to_le_bytes());
    let mut n = 0;
    for i in 0..bytes.len().saturating_sub(3) {
        if bytes[i..i + 4] == from {
            bytes[i..i + 4].copy_from_slice(&to);
            n += 1;
        }
    }
    n
}

fn billion_laughs() -> String {
    let mut dtd = String::from("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        dtd.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
    }
    dtd.push(']');
    dtd.push('>');
    dtd
}

/// Every hostile file, with what its record may say.
pub fn cases() -> Vec<Case> {
    let mut cases = vec![
        // Issue 11.1 and 11.3: PDFs whose cost grows much faster than their size.
        case("form-self-bomb.pdf", pdf::form_self_bomb(1000), OK),
        case("form-chain-bomb.pdf", pdf::form_chain_bomb(40), OK),
        case("operator-bomb.pdf", pdf::operator_bomb(24 << 20), OK),
        case("missing-content.pdf", pdf::missing_content(), CORRUPT),
        case(
            "truncated.pdf",
            pdf::truncated(&pdf::resume(), 0.5),
            CORRUPT,
        ),
        case("empty.pdf", Vec::new(), CORRUPT),
        case("empty.docx", Vec::new(), CORRUPT),
        case("not-a-pdf.pdf", b"\x00\x01\x02 garbage".to_vec(), CORRUPT),
        case("header-only.pdf", b"%PDF-1.7\n".to_vec(), CORRUPT),
    ];
    // A deflated stream past the decompression limit.
    let mut spaces = pdf::line(700, "Windows 11").into_bytes();
    spaces.resize(70 << 20, b' ');
    cases.push(case(
        "deflate-bomb.pdf",
        pdf::page(spaces, true, vec![]),
        TOO_LARGE,
    ));

    // Zip bombs: an honest header says 70 MB; a lying one says 100 bytes.
    let mut bomb = format!("<w:document {W_NS}><w:body><w:p><w:r><w:t>").into_bytes();
    bomb.resize(70 << 20, b' ');
    bomb.extend_from_slice(b"</w:t></w:r></w:p></w:body></w:document>");
    let honest = zip_file(&[("word/document.xml", bomb.clone())]);
    let mut lying = honest.clone();
    assert!(
        patch_u32(&mut lying, bomb.len() as u32, 100) >= 2,
        "size fields patched"
    );
    cases.push(case("zip-bomb-honest.docx", honest, TOO_LARGE));
    cases.push(case(
        "zip-bomb-lying.docx",
        lying,
        &["too-large", "corrupt"],
    ));
    let entries: Vec<(String, Vec<u8>)> = (0..20_000)
        .map(|i| (format!("word/e{i}.xml"), Vec::new()))
        .collect();
    let refs: Vec<(&str, Vec<u8>)> = entries
        .iter()
        .map(|(n, b)| (n.as_str(), b.clone()))
        .collect();
    cases.push(case("many-entries.docx", zip_file(&refs), TOO_LARGE));

    // XML attacks: external entities must not be fetched, internal ones must not explode.
    let xxe = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\
         <w:document {W_NS}><w:body><w:p><w:r><w:t>PowerShell &xxe;</w:t></w:r></w:p></w:body></w:document>"
    );
    cases.push(case("xxe.docx", docx(&xxe), OK));
    let laughs = format!(
        "<?xml version=\"1.0\"?>{}<w:document {W_NS}><w:body><w:p><w:r><w:t>PowerShell &lol9;</w:t></w:r></w:p></w:body></w:document>",
        billion_laughs()
    );
    cases.push(case("billion-laughs.docx", docx(&laughs), OK));
    let laughs_odt = format!(
        "<?xml version=\"1.0\"?>{}<office:document-content {ODF_NS}><office:body><office:text><text:p>PowerShell &lol9;</text:p></office:text></office:body></office:document-content>",
        billion_laughs()
    );
    cases.push(case("billion-laughs.odt", odt(&laughs_odt), OK));
    // Entries that would escape a folder if extracted: rolefit never writes them anywhere.
    let mut traversal = vec![("../../../tmp/rolefit-escape.txt", b"owned".to_vec())];
    traversal.push(("/etc/rolefit-abs.txt", b"owned".to_vec()));
    traversal.push((
        "word/document.xml",
        format!("<w:document {W_NS}><w:body><w:p><w:r><w:t>PowerShell</w:t></w:r></w:p></w:body></w:document>").into_bytes(),
    ));
    cases.push(case("path-traversal.docx", zip_file(&traversal), OK));

    // Deep nesting.
    let depth = 200_000;
    cases.push(case(
        "deep.html",
        format!(
            "<html><body>{}PowerShell{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        ),
        OK,
    ));
    cases.push(case(
        "deep.rtf",
        format!(
            "{{\\rtf1 {}PowerShell{}}}",
            "{".repeat(depth),
            "}".repeat(depth)
        ),
        OK_OR_CORRUPT,
    ));
    cases.push(case(
        "deep.docx",
        docx(&format!(
            "<w:document {W_NS}><w:body>{}<w:p><w:r><w:t>PowerShell</w:t></w:r></w:p>{}</w:body></w:document>",
            "<w:sdt>".repeat(depth),
            "</w:sdt>".repeat(depth)
        )),
        OK_OR_CORRUPT,
    ));
    cases.push(case(
        "unclosed.html",
        format!("<html><body>{}PowerShell", "<div><span><b>".repeat(depth)),
        OK,
    ));

    // Encodings.
    let mut odd = vec![0xFF, 0xFE];
    odd.extend("PowerShell".encode_utf16().flat_map(u16::to_le_bytes));
    odd.push(0x41);
    cases.push(case("odd-utf16.txt", odd, OK));
    cases.push(case(
        "invalid-utf8.txt",
        b"Power\xC3Shell \xFF\xFE and Windows 11".to_vec(),
        OK,
    ));
    cases.push(case(
        "overlong-utf8.txt",
        b"\xC0\xAF\xE0\x80\xAF PowerShell".to_vec(),
        OK,
    ));
    cases.push(case("bom-only.txt", b"\xEF\xBB\xBF".to_vec(), OK));
    cases.push(case(
        "nul-text.txt",
        b"Power\0Shell\0".repeat(100),
        &["skipped"],
    ));
    cases.push(case(
        "rtl-override.txt",
        "Power\u{202E}llehS\u{202C} Windows 11".as_bytes().to_vec(),
        OK,
    ));
    cases.push(case(
        "long-line.txt",
        "PowerShell ".repeat(200_000).into_bytes(),
        OK,
    ));
    cases.push(case("resume.docx", resume_docx(), OK));
    cases.push(case("resume.pdf", pdf::resume(), OK));
    cases.push(case("hidden-tricks.pdf", pdf::hidden_tricks(), OK));
    cases.push(case("hidden-tricks.docx", docx_hidden_tricks(), OK));
    cases.push(case(
        "hidden-tricks.html",
        "<html><body><p>Help desk</p><p style='display:none'>Kubernetes</p></body></html>",
        OK,
    ));
    cases
}
