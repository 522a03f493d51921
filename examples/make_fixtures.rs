//! Writes the document fixtures in `fixtures/documents/`: one resume in every format rolefit
//! reads, and damaged, hostile and unreadable files, each built here from code so that anyone
//! can see (and change) what is in them.
//!
//! ```text
//! cargo run --release --example make_fixtures
//! ```
//!
//! The zip bomb inflates 70 MiB of spaces: a release build writes it in a second or two.
//! Every fixture comes out byte-for-byte the same on each run except `encrypted.pdf`, whose
//! encryption lopdf salts afresh.

use std::io::{Cursor, Write};
use std::path::Path;

use lopdf::content::{Content, Operation};
use lopdf::{
    dictionary, Document, EncryptionState, EncryptionVersion, Object, Permissions, Stream,
};
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

/// The resume every format carries, as paragraphs; the table rows follow.
const NAME: &str = "Jane Doe \u{2013} Desktop Support Technician";
const PARAGRAPHS: [&str; 3] = [
    "CompTIA A+ certified technician with 4 years of help desk experience.",
    "Skills: Active Directory, Microsoft Intune, SCCM, Windows 11, Remote Desktop, ServiceNow, Jira Service Management.",
    "TCP/IP and Wi-Fi troubleshooting; user\u{2019}s PCs imaged with MDT and Autopilot.",
];
const TABLE: [[&str; 3]; 2] = [
    ["Company", "Role", "Years"],
    ["Contoso", "Help Desk Analyst", "2021-2024"],
];
const HEADER: &str = "jane.doe@example.com";
const FOOTER: &str = "References available on request";
const LINK: &str = "Okta Certified Professional";

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/documents");
    std::fs::create_dir_all(&dir).expect("create fixtures/documents");
    for (name, bytes) in fixtures() {
        std::fs::write(dir.join(name), bytes).expect("write fixture");
        println!("wrote fixtures/documents/{name}");
    }
}

/// Every fixture, by file name.
fn fixtures() -> Vec<(&'static str, Vec<u8>)> {
    let pdf = resume_pdf();
    let docx = resume_docx();
    let text = resume_text();
    vec![
        ("resume.txt", text.clone().into_bytes()),
        ("resume.md", resume_markdown().into_bytes()),
        ("resume.html", resume_html().into_bytes()),
        ("resume.rtf", resume_rtf().into_bytes()),
        ("resume.pdf", pdf.clone()),
        ("resume.docx", docx.clone()),
        ("resume.odt", resume_odt()),
        ("resume-utf16le-bom.txt", utf16(&text, false, true)),
        ("resume-utf16be-nobom.txt", utf16(&text, true, false)),
        ("resume-cp1252.txt", windows_1252(&text)),
        ("empty.txt", Vec::new()),
        ("truncated.pdf", pdf[..pdf.len() / 3].to_vec()),
        ("truncated.docx", docx[..docx.len() / 2].to_vec()),
        ("truncated.rtf", resume_rtf().as_bytes()[..200].to_vec()),
        ("encrypted.pdf", encrypted_pdf()),
        ("encrypted.docx", ole2(true)),
        ("legacy.doc", ole2(false)),
        ("not-a-zip.docx", noise(b"", 2048, 7)),
        ("zip-bomb.docx", zip_bomb()),
        ("bomb.pdf", pdf_bomb()),
        ("scanned.pdf", scanned_pdf()),
        (
            "binary.bin",
            noise(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 4096, 11),
        ),
    ]
}

fn resume_text() -> String {
    let mut s = format!("{NAME}\n{HEADER}\n\n");
    for p in PARAGRAPHS {
        s.push_str(p);
        s.push_str("\n\n");
    }
    for row in TABLE {
        s.push_str(&row.join("\t"));
        s.push('\n');
    }
    s.push_str(&format!("\n{LINK}\n{FOOTER}\n"));
    s
}

fn resume_markdown() -> String {
    let mut s = format!("# {NAME}\n\n<{HEADER}>\n\n");
    for p in PARAGRAPHS {
        s.push_str(p);
        s.push_str("\n\n");
    }
    s.push_str("| Company | Role | Years |\n|---|---|---|\n| Contoso | Help Desk Analyst | 2021-2024 |\n\n");
    s.push_str(&format!(
        "[{LINK}](https://example.com/okta)\n\n_{FOOTER}_\n"
    ));
    s
}

fn resume_html() -> String {
    let mut s = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Resume: not text</title>\n\
         <style>body { font-family: sans-serif } .skills::after { content: 'Kubernetes' }</style>\n\
         <script>window.tracking = \"<p>Salesforce</p>\"; if (a < b) {}</script></head>\n<body>\n",
    );
    s.push_str(&format!(
        "<header>{HEADER}</header>\n<h1>Jane Doe &ndash; Desktop Support Technician</h1>\n"
    ));
    for p in PARAGRAPHS {
        let p = p.replace('\u{2019}', "&rsquo;");
        s.push_str(&format!("<p>{p}</p>\n"));
    }
    s.push_str("<table>\n");
    for (i, row) in TABLE.iter().enumerate() {
        let cell = if i == 0 { "th" } else { "td" };
        let cells: String = row
            .iter()
            .map(|c| format!("<{cell}>{c}</{cell}>"))
            .collect();
        s.push_str(&format!("<tr>{cells}</tr>\n"));
    }
    s.push_str(&format!(
        "</table>\n<p><a href=\"https://example.com/okta\">{LINK}</a></p>\n<footer>{FOOTER}</footer>\n\
         <noscript>Enable JavaScript</noscript>\n</body></html>\n"
    ));
    s
}

fn resume_rtf() -> String {
    let mut s = String::from(
        "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Helvetica;}}{\\colortbl;\\red0\\green0\\blue0;}\n\
         {\\stylesheet{\\s0 Normal;}}{\\info{\\title Not text}{\\author Nobody}}\n\
         {\\*\\generator Fixture 1.0;}\n",
    );
    s.push_str(&format!(
        "{{\\header\\pard {HEADER}\\par}}\n{{\\footer\\pard {FOOTER}\\par}}\n"
    ));
    s.push_str("\\pard\\f0\\fs32 Jane Doe \\endash  Desktop Support Technician\\par\n\\fs22 ");
    for p in PARAGRAPHS {
        let p = p.replace('\u{2019}', "\\'92");
        s.push_str(&format!("{p}\\par\n"));
    }
    for row in TABLE {
        s.push_str("\\trowd\\cellx3000\\cellx6000\\cellx9000\n");
        for cell in row {
            s.push_str(&format!("\\intbl {cell}\\cell "));
        }
        s.push_str("\\row\n");
    }
    s.push_str(&format!(
        "\\pard{{\\field{{\\*\\fldinst HYPERLINK \"https://example.com/okta\"}}{{\\fldrslt {LINK}}}}}\\par\n\
         Caf\\u233? r\\'e9sum\\'e9 \\u8211? \\{{braces\\}}\\par\n}}\n"
    ));
    s
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
        out.extend_from_slice(&if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

/// The resume in Windows-1252 (en dash 0x96, right quote 0x92), invalid as UTF-8.
fn windows_1252(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            '\u{2013}' => 0x96,
            '\u{2019}' => 0x92,
            c if (c as u32) < 0x80 => c as u8,
            c => panic!("no Windows-1252 byte for {c:?} in this generator"),
        })
        .collect()
}

/// Deterministic noise after a prefix, with zero bytes: binary by any measure.
fn noise(prefix: &[u8], len: usize, seed: u64) -> Vec<u8> {
    let mut out = prefix.to_vec();
    let mut x = seed;
    while out.len() < len {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        out.push((x >> 56) as u8);
    }
    out
}

/// An OLE2 compound file: with an `EncryptedPackage` stream it is a password-protected Word
/// document, without one a legacy `.doc`. Only the parts detection looks at are real.
fn ole2(encrypted: bool) -> Vec<u8> {
    let mut out = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    out.resize(512, 0);
    let name = if encrypted {
        "EncryptedPackage"
    } else {
        "WordDocument"
    };
    for unit in name.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out.resize(1536, 0);
    out
}

fn zip_file(entries: &[(&str, Vec<u8>, CompressionMethod)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes, method) in entries {
        // A fixed date keeps the fixtures byte-for-byte reproducible.
        let options = SimpleFileOptions::default()
            .compression_method(*method)
            .last_modified_time(zip::DateTime::default());
        zip.start_file(*name, options).expect("zip entry");
        zip.write_all(bytes).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn w_para(text: &str) -> String {
    format!(
        "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        xml_escape(text)
    )
}

const W_NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
    xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

fn resume_docx() -> Vec<u8> {
    let mut body = String::new();
    // The name split over runs, as Word does after an edit, with a tab and a no-break hyphen.
    body.push_str(
        "<w:p><w:r><w:t>Jane </w:t></w:r><w:r><w:t xml:space=\"preserve\">Doe \u{2013} Desk</w:t></w:r>\
         <w:r><w:t>top Support Technician</w:t></w:r></w:p>",
    );
    for p in PARAGRAPHS {
        body.push_str(&w_para(p));
    }
    // A deleted revision and a field code are not text.
    body.push_str(
        "<w:p><w:del w:id=\"1\"><w:r><w:delText>Salesforce</w:delText></w:r></w:del>\
         <w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r></w:p>",
    );
    body.push_str("<w:tbl>");
    for row in TABLE {
        body.push_str("<w:tr>");
        for cell in row {
            body.push_str(&format!("<w:tc>{}</w:tc>", w_para(cell)));
        }
        body.push_str("</w:tr>");
    }
    body.push_str("</w:tbl>");
    body.push_str(&format!(
        "<w:p><w:hyperlink r:id=\"rIdLink\"><w:r><w:t>{LINK}</w:t></w:r></w:hyperlink></w:p>"
    ));
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {W_NS}><w:body>{body}\
         <w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>\
         <w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/></w:sectPr></w:body></w:document>"
    );
    let header = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:hdr {W_NS}>{}</w:hdr>",
        w_para(HEADER)
    );
    let footer = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:ftr {W_NS}>{}</w:ftr>",
        w_para(FOOTER)
    );
    let content_types = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
        <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
        <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
        <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
        <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
        <Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\
        <Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
        </Types>";
    let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
        <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
        <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
        </Relationships>";
    let doc_rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
        <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
        <Relationship Id=\"rIdHeader\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>\
        <Relationship Id=\"rIdFooter\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>\
        <Relationship Id=\"rIdLink\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"https://example.com/okta\" TargetMode=\"External\"/>\
        </Relationships>";
    let d = CompressionMethod::Deflated;
    zip_file(&[
        ("[Content_Types].xml", content_types.into(), d),
        ("_rels/.rels", rels.into(), d),
        ("word/document.xml", document.into_bytes(), d),
        ("word/_rels/document.xml.rels", doc_rels.into(), d),
        ("word/header1.xml", header.into_bytes(), d),
        ("word/footer1.xml", footer.into_bytes(), d),
    ])
}

/// A DOCX whose document.xml inflates to 70 MiB, over the default 64 MiB budget.
fn zip_bomb() -> Vec<u8> {
    let mut document = format!("<w:document {W_NS}><w:body><w:p><w:r><w:t>").into_bytes();
    document.resize(document.len() + 70 * 1024 * 1024, b' ');
    document.extend_from_slice(b"</w:t></w:r></w:p></w:body></w:document>");
    zip_file(&[("word/document.xml", document, CompressionMethod::Deflated)])
}

const ODF_NS: &str = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
    xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" \
    xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
    xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" \
    xmlns:xlink=\"http://www.w3.org/1999/xlink\" office:version=\"1.3\"";

fn resume_odt() -> Vec<u8> {
    let mut body = format!(
        "<text:h text:outline-level=\"1\">{}</text:h>",
        xml_escape(NAME)
    );
    for p in PARAGRAPHS {
        body.push_str(&format!("<text:p>{}</text:p>", xml_escape(p)));
    }
    body.push_str("<table:table table:name=\"Jobs\"><table:table-column table:number-columns-repeated=\"3\"/>");
    for row in TABLE {
        body.push_str("<table:table-row>");
        for cell in row {
            body.push_str(&format!(
                "<table:table-cell><text:p>{cell}</text:p></table:table-cell>"
            ));
        }
        body.push_str("</table:table-row>");
    }
    body.push_str("</table:table>");
    body.push_str(&format!(
        "<text:p><text:a xlink:type=\"simple\" xlink:href=\"https://example.com/okta\">{LINK}</text:a></text:p>"
    ));
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content {ODF_NS}><office:body><office:text>{body}\
         </office:text></office:body></office:document-content>"
    );
    let styles = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-styles {ODF_NS}><office:master-styles>\
         <style:master-page style:name=\"Standard\"><style:header><text:p>{HEADER}</text:p></style:header>\
         <style:footer><text:p>{FOOTER}</text:p></style:footer></style:master-page></office:master-styles>\
         </office:document-styles>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
        <manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">\
        <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>\
        <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
        <manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>\
        </manifest:manifest>";
    let d = CompressionMethod::Deflated;
    zip_file(&[
        // ODF wants the mimetype first and stored, so that it can be read at a fixed offset.
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.text".to_vec(),
            CompressionMethod::Stored,
        ),
        ("META-INF/manifest.xml", manifest.into(), d),
        ("content.xml", content.into_bytes(), d),
        ("styles.xml", styles.into_bytes(), d),
    ])
}

fn op(name: &str, operands: Vec<Object>) -> Operation {
    Operation::new(name, operands)
}

/// WinAnsiEncoding bytes for the few non-ASCII characters the resume uses.
fn win_ansi(s: &str) -> Object {
    Object::string_literal(windows_1252(s))
}

/// A two-page PDF: page 1 shows words split over several text operators and kerned TJ arrays
/// (which must not break words apart) and a term broken over two lines; page 2 has two
/// columns, written one after the other, and a header drawn from a form XObject.
fn pdf_document() -> Document {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let fonts = dictionary! { "F1" => font_id };

    let page1 = vec![
        op("BT", vec![]),
        op("Tf", vec!["F1".into(), 16.into()]),
        op("Td", vec![50.into(), 780.into()]),
        op("Tj", vec![win_ansi("Jane Doe \u{2013} ")]),
        op("Tj", vec![win_ansi("Desk")]),
        op("Tj", vec![win_ansi("top Support Technician")]),
        op("Tf", vec!["F1".into(), 11.into()]),
        op("Td", vec![0.into(), (-16).into()]),
        op("Tj", vec![win_ansi(HEADER)]),
        op("Td", vec![0.into(), (-22).into()]),
        op("Tj", vec![win_ansi(PARAGRAPHS[0])]),
        op("Td", vec![0.into(), (-14).into()]),
        op(
            "Tj",
            vec![win_ansi(
                "Skills: Active Directory, Microsoft Intune, SCCM, Win",
            )],
        ),
        op("Tj", vec![win_ansi("dows 11,")]),
        op("Td", vec![0.into(), (-14).into()]),
        op(
            "TJ",
            vec![Object::Array(vec![
                win_ansi("Remote"),
                (-250).into(),
                win_ansi("Desk"),
                12.into(),
                win_ansi("top,"),
                (-300).into(),
                win_ansi("ServiceNow, Jira Service Management."),
            ])],
        ),
        op("TL", vec![14.into()]),
        op("T*", vec![]),
        op(
            "Tj",
            vec![win_ansi(
                "TCP/IP and Wi-Fi troubleshooting; user\u{2019}s PCs imaged with MDT and",
            )],
        ),
        op("'", vec![win_ansi("Autopilot. Microsoft Remote")]),
        op("'", vec![win_ansi("Desktop Services.")]),
        op("ET", vec![]),
    ];
    let mut table = vec![op("BT", vec![]), op("Tf", vec!["F1".into(), 11.into()])];
    for (r, row) in TABLE.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let m: Vec<Object> = vec![
                1.into(),
                0.into(),
                0.into(),
                1.into(),
                (50 + 150 * c as i64).into(),
                (600 - 14 * r as i64).into(),
            ];
            table.push(op("Tm", m));
            table.push(op("Tj", vec![win_ansi(cell)]));
        }
    }
    table.push(op("ET", vec![]));
    let page1: Vec<Operation> = page1.into_iter().chain(table).collect();

    let column = |x: i64, lines: &[&str]| {
        let mut ops = vec![
            op("BT", vec![]),
            op("Tf", vec!["F1".into(), 11.into()]),
            op("Td", vec![x.into(), 740.into()]),
        ];
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                ops.push(op("Td", vec![0.into(), (-14).into()]));
            }
            ops.push(op("Tj", vec![win_ansi(line)]));
        }
        ops.push(op("ET", vec![]));
        ops
    };
    let header_form = Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => dictionary! { "Font" => fonts.clone() },
        },
        Content {
            operations: vec![
                op("BT", vec![]),
                op("Tf", vec!["F1".into(), 9.into()]),
                op("Td", vec![50.into(), 800.into()]),
                op("Tj", vec![win_ansi(FOOTER)]),
                op("ET", vec![]),
            ],
        }
        .encode()
        .expect("encode form"),
    );
    let form_id = doc.add_object(header_form);
    let mut page2 = vec![
        op("q", vec![]),
        op("Do", vec!["Fm1".into()]),
        op("Q", vec![]),
    ];
    page2.extend(column(
        50,
        &[
            "Experience",
            "Help Desk Analyst at Contoso:",
            "Active Directory and",
            "Group Policy for 800 users.",
        ],
    ));
    page2.extend(column(
        320,
        &[
            "Certifications",
            "Microsoft 365 Certified:",
            "Endpoint Administrator",
            LINK,
        ],
    ));

    let mut kids = Vec::new();
    for ops in [page1, page2] {
        let content = Stream::new(
            dictionary! {},
            Content { operations: ops }.encode().expect("encode page"),
        );
        let content_id = doc.add_object(content);
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
            "Resources" => dictionary! { "Font" => fonts.clone(), "XObject" => dictionary! { "Fm1" => form_id } },
        });
        kids.push(page_id.into());
    }
    finish_pdf(&mut doc, pages_id, kids);
    doc
}

fn finish_pdf(doc: &mut Document, pages_id: lopdf::ObjectId, kids: Vec<Object>) {
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let id = Object::string_literal(b"rolefit-fixture!".to_vec());
    doc.trailer.set("ID", vec![id.clone(), id]);
    doc.compress();
}

fn save(doc: &mut Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save PDF");
    out
}

fn resume_pdf() -> Vec<u8> {
    save(&mut pdf_document())
}

/// The resume with a user password ("secret"): lopdf loads it and finds no text at all.
fn encrypted_pdf() -> Vec<u8> {
    let mut doc = pdf_document();
    let version = EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: "secret",
        key_length: 128,
        permissions: Permissions::default(),
    };
    let state = EncryptionState::try_from(version).expect("encryption state");
    doc.encrypt(&state).expect("encrypt");
    save(&mut doc)
}

/// A scanned page: one image, no text.
fn scanned_pdf() -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let pixels: Vec<u8> = (0..64u32).map(|i| (i * 4) as u8).collect();
    let image_id = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => 8,
            "Height" => 8,
            "ColorSpace" => "DeviceGray",
            "BitsPerComponent" => 8,
        },
        pixels,
    ));
    let ops = vec![
        op("q", vec![]),
        op(
            "cm",
            vec![
                500.into(),
                0.into(),
                0.into(),
                700.into(),
                50.into(),
                80.into(),
            ],
        ),
        op("Do", vec!["Im1".into()]),
        op("Q", vec![]),
    ];
    let content_id = doc.add_object(Stream::new(
        dictionary! {},
        Content { operations: ops }.encode().expect("encode"),
    ));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
        "Resources" => dictionary! { "XObject" => dictionary! { "Im1" => image_id } },
    });
    finish_pdf(&mut doc, pages_id, vec![page_id.into()]);
    save(&mut doc)
}

/// A page whose content stream inflates to 70 MiB.
fn pdf_bomb() -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut content = b"BT /F1 12 Tf 50 700 Td (Windows 11) Tj ET\n".to_vec();
    content.resize(content.len() + 70 * 1024 * 1024, b' ');
    let mut stream = Stream::new(dictionary! {}, content);
    stream.compress().expect("compress");
    let content_id = doc.add_object(stream);
    let font_id = doc.add_object(
        dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" },
    );
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
    });
    finish_pdf(&mut doc, pages_id, vec![page_id.into()]);
    save(&mut doc)
}
