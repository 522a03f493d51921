//! The document readers on the fixtures in `fixtures/documents/` (written by
//! `cargo run --release --example make_fixtures`): the text each format yields, the status of
//! every damaged or unreadable file, the limits, and exactly one record per input.

use std::path::{Path, PathBuf};

use rolefit::document::{
    detect, read_bytes, read_bytes_walked, read_file, Extracted, Format, Limits, Origin, ReadError,
    Status,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/documents")
        .join(name)
}

fn read(name: &str) -> Result<Extracted, ReadError> {
    read_file(&fixture(name), Origin::Named, &Limits::default())
}

fn text(name: &str) -> String {
    match read(name) {
        Ok(doc) => doc.text,
        Err(e) => panic!("{name}: {e}"),
    }
}

/// What every rendering of the resume holds.
const RESUME_TERMS: &[&str] = &[
    "Jane Doe \u{2013} Desktop Support Technician",
    "jane.doe@example.com",
    "CompTIA A+ certified",
    "Active Directory, Microsoft Intune, SCCM, Windows 11,",
    "Remote Desktop, ServiceNow, Jira Service Management.",
    "TCP/IP and Wi-Fi troubleshooting; user\u{2019}s PCs",
    "Help Desk Analyst",
    "2021-2024",
    "Okta Certified Professional",
    "References available on request",
];

/// What no rendering may show: head, scripts, styles, metadata, deleted text, field codes.
const NOT_TEXT: &[&str] = &[
    "Salesforce",
    "Kubernetes",
    "not text",
    "Not text",
    "Nobody",
    "PAGE",
    "Helvetica",
    "https://",
    "Enable JavaScript",
];

#[test]
fn every_format_yields_the_resume() {
    let cases = [
        ("resume.txt", Format::Text),
        ("resume.md", Format::Markdown),
        ("resume.html", Format::Html),
        ("resume.rtf", Format::Rtf),
        ("resume.pdf", Format::Pdf),
        ("resume.docx", Format::Docx),
        ("resume.odt", Format::Odt),
        ("resume-utf16le-bom.txt", Format::Text),
        ("resume-utf16be-nobom.txt", Format::Text),
        ("resume-cp1252.txt", Format::Text),
    ];
    for (name, format) in cases {
        let doc = read(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(doc.format, format, "{name}");
        // PDF lines break where the page does; the matcher collapses white space.
        let flat = doc.text.split_whitespace().collect::<Vec<_>>().join(" ");
        for term in RESUME_TERMS {
            assert!(flat.contains(term), "{name} lacks {term:?}:\n{}", doc.text);
        }
        if name != "resume.md" {
            for junk in NOT_TEXT {
                assert!(
                    !doc.text.contains(junk),
                    "{name} shows {junk:?}:\n{}",
                    doc.text
                );
            }
        }
    }
}

#[test]
fn tables_become_tab_separated_rows() {
    for name in [
        "resume.txt",
        "resume.html",
        "resume.rtf",
        "resume.docx",
        "resume.odt",
        "resume.pdf",
    ] {
        let text = text(name);
        assert!(
            text.contains("Company\tRole\tYears\nContoso\tHelp Desk Analyst\t2021-2024"),
            "{name}:\n{text}"
        );
    }
}

#[test]
fn pdf_words_are_not_broken_or_interleaved() {
    let text = text("resume.pdf");
    // "Desk" + "top" in separate Tj operators, and a kerned TJ array.
    assert!(
        text.contains("Jane Doe \u{2013} Desktop Support Technician\n"),
        "{text}"
    );
    assert!(
        text.contains("Windows 11,\nRemote Desktop, ServiceNow"),
        "{text}"
    );
    // A term broken over two lines keeps its words in order.
    assert!(
        text.contains("Microsoft Remote\nDesktop Services."),
        "{text}"
    );
    // Two columns: the left one is read whole before the right one.
    assert!(
        text.contains("Experience\nHelp Desk Analyst at Contoso:\nActive Directory and\nGroup Policy for 800 users.\nCertifications\n"),
        "{text}"
    );
    // Text drawn from a form XObject.
    assert!(text.contains("References available on request"), "{text}");
}

#[test]
fn headers_footers_and_links_in_word_processor_files() {
    let docx = text("resume.docx");
    assert!(docx.starts_with("jane.doe@example.com\n"), "{docx}");
    assert!(
        docx.ends_with("Okta Certified Professional\nReferences available on request"),
        "{docx}"
    );
    let odt = text("resume.odt");
    assert!(
        odt.ends_with("jane.doe@example.com\nReferences available on request"),
        "{odt}"
    );
}

#[test]
fn encodings_and_escapes() {
    assert!(text("resume-cp1252.txt").contains("user\u{2019}s PCs"));
    assert_eq!(text("resume-utf16le-bom.txt"), text("resume.txt"));
    assert_eq!(text("resume-utf16be-nobom.txt"), text("resume.txt"));
    assert_eq!(text("resume-cp1252.txt"), text("resume.txt"));
    assert!(text("resume.rtf").ends_with("Caf\u{e9} r\u{e9}sum\u{e9} \u{2013} {braces}"));
    assert_eq!(text("empty.txt"), "");
}

#[test]
fn unreadable_files_say_why() {
    let cases = [
        ("truncated.pdf", Format::Pdf, Status::Corrupt),
        ("truncated.docx", Format::Docx, Status::Corrupt),
        ("truncated.rtf", Format::Rtf, Status::Corrupt),
        ("encrypted.pdf", Format::Pdf, Status::Encrypted),
        ("encrypted.docx", Format::Docx, Status::Encrypted),
        ("not-a-zip.docx", Format::Docx, Status::Corrupt),
        ("zip-bomb.docx", Format::Docx, Status::TooLarge),
        ("bomb.pdf", Format::Pdf, Status::TooLarge),
        ("scanned.pdf", Format::Pdf, Status::NoTextLayer),
        ("legacy.doc", Format::Binary, Status::Unsupported),
        ("binary.bin", Format::Binary, Status::Unsupported),
    ];
    for (name, format, status) in cases {
        let err = read(name).expect_err(name);
        assert_eq!((err.format, err.status), (format, status), "{name}: {err}");
        assert!(!err.message.is_empty(), "{name}");
    }
    let missing = read_file(
        &fixture("no-such-file.pdf"),
        Origin::Named,
        &Limits::default(),
    )
    .unwrap_err();
    assert_eq!(
        (missing.format, missing.status),
        (Format::Pdf, Status::Unreadable)
    );
}

#[test]
fn binary_files_met_while_walking_are_skipped() {
    let bytes = std::fs::read(fixture("binary.bin")).unwrap();
    assert_eq!(
        read_bytes_walked(&bytes, None, &Limits::default())
            .unwrap_err()
            .status,
        Status::Skipped
    );
    assert_eq!(
        read_bytes(&bytes, None, &Limits::default())
            .unwrap_err()
            .status,
        Status::Unsupported
    );
    // A recognised format is reported, walked or not: the user can convert it.
    let doc = std::fs::read(fixture("legacy.doc")).unwrap();
    assert_eq!(
        read_bytes_walked(&doc, None, &Limits::default())
            .unwrap_err()
            .status,
        Status::Unsupported
    );
    // Text is read, walked or not.
    assert!(read_file(&fixture("resume.md"), Origin::Walked, &Limits::default()).is_ok());
}

#[test]
fn one_record_per_input_when_walking_the_fixtures() {
    let mut names: Vec<_> = std::fs::read_dir(fixture(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let records: Vec<_> = names
        .iter()
        .map(|path| (path, read_file(path, Origin::Walked, &Limits::default())))
        .collect();
    assert_eq!(records.len(), names.len());
    assert!(records.len() >= 22, "{}", records.len());
    let count = |status: Status| {
        records
            .iter()
            .filter(|(_, r)| r.as_ref().map_or_else(|e| e.status, |_| Status::Ok) == status)
            .count()
    };
    assert_eq!(count(Status::Ok), 11);
    assert_eq!(count(Status::Skipped), 1);
    for (path, record) in &records {
        if let Ok(doc) = record {
            let empty_file = path.ends_with("empty.txt");
            assert!(
                empty_file || !doc.text.trim().is_empty(),
                "{} read as empty",
                path.display()
            );
            // The fixtures hide nothing: headers, footers, tables and links are all seen.
            assert!(
                doc.hidden.is_empty(),
                "{}: {:?}",
                path.display(),
                doc.hidden
            );
        }
    }
}

#[test]
fn limits_are_enforced() {
    let tight = |f: fn(&mut Limits)| {
        let mut limits = Limits::default();
        f(&mut limits);
        limits
    };
    let too_large = |name: &str, limits: &Limits| {
        let err = read_file(&fixture(name), Origin::Named, limits).expect_err(name);
        assert_eq!(err.status, Status::TooLarge, "{name}: {err}");
    };
    too_large("resume.pdf", &tight(|l| l.max_input_bytes = 100));
    too_large("resume.pdf", &tight(|l| l.max_pages = 1));
    too_large("resume.txt", &tight(|l| l.max_chars = 100));
    too_large("resume.docx", &tight(|l| l.max_decompressed_bytes = 1000));
    too_large("resume.odt", &tight(|l| l.max_zip_entries = 2));
    let bytes = std::fs::read(fixture("resume.txt")).unwrap();
    let err = read_bytes(&bytes, None, &tight(|l| l.max_input_bytes = 10)).unwrap_err();
    assert_eq!((err.format, err.status), (Format::Text, Status::TooLarge));
}

#[test]
fn content_decides_the_format_not_the_name() {
    let pdf = std::fs::read(fixture("resume.pdf")).unwrap();
    assert_eq!(detect(&pdf, Some(Path::new("resume.txt"))), Format::Pdf);
    let docx = std::fs::read(fixture("resume.docx")).unwrap();
    let doc = read_bytes(&docx, Some(Path::new("resume.pdf")), &Limits::default()).unwrap();
    assert_eq!(doc.format, Format::Docx);
    let odt = std::fs::read(fixture("resume.odt")).unwrap();
    assert_eq!(
        read_bytes(&odt, None, &Limits::default()).unwrap().format,
        Format::Odt
    );
    let html = std::fs::read(fixture("resume.html")).unwrap();
    assert_eq!(
        read_bytes(&html, Some(Path::new("x.md")), &Limits::default())
            .unwrap()
            .format,
        Format::Html
    );
}

#[test]
fn damaged_copies_of_every_fixture_never_panic() {
    // A cheap stand-in for the fuzz targets: truncations and byte flips of each fixture.
    let limits = Limits::default();
    for entry in std::fs::read_dir(fixture("")).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        if bytes.len() > 16 * 1024 {
            continue;
        }
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for i in 0..40 {
            let mut copy = bytes.clone();
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            if i % 2 == 0 {
                copy.truncate((seed >> 33) as usize % (bytes.len() + 1));
            } else if !copy.is_empty() {
                for k in 0..4 {
                    let at = ((seed >> (8 * k)) as usize) % copy.len();
                    copy[at] ^= (seed >> (40 + k)) as u8 | 1;
                }
            }
            let record = read_bytes(&copy, Some(&path), &limits);
            if let Err(e) = record {
                assert_ne!(e.status, Status::Ok);
            }
        }
    }
}

#[test]
fn statuses_and_formats_serialize_as_documented() {
    assert_eq!(
        serde_json::to_string(&Status::NoTextLayer).unwrap(),
        "\"no-text-layer\""
    );
    assert_eq!(
        serde_json::to_string(&Status::TooLarge).unwrap(),
        "\"too-large\""
    );
    assert_eq!(serde_json::to_string(&Format::Docx).unwrap(), "\"docx\"");
    for status in [
        Status::Ok,
        Status::Encrypted,
        Status::Skipped,
        Status::Corrupt,
        Status::Unreadable,
    ] {
        assert_eq!(
            serde_json::to_string(&status).unwrap(),
            format!("\"{status}\"")
        );
    }
}

#[test]
fn public_types_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Extracted>();
    assert_send_sync::<ReadError>();
    assert_send_sync::<Limits>();
    assert_send_sync::<Format>();
    assert_send_sync::<Status>();
    assert_send_sync::<Origin>();
}
