//! Hostile inputs: every one gives exactly one record, with the right status, in bounded time
//! and memory, and the same output for one thread and two.

mod hostile {
    pub mod pdf;
}
use hostile::pdf;

use std::time::{Duration, Instant};

use rolefit::document::{read_bytes, Limits, Status};

fn read(bytes: &[u8], limits: &Limits) -> (Result<String, Status>, Duration) {
    let start = Instant::now();
    let r = read_bytes(bytes, None, limits)
        .map(|d| d.text)
        .map_err(|e| e.status);
    (r, start.elapsed())
}

/// Issue 11.1: a form drawing itself (a cycle) or forms drawing each other N times (N^5 walks)
/// finish at once, with the form's text.
#[test]
fn pdf_forms_that_repeat_are_walked_once() {
    let limits = Limits::default();
    for bytes in [pdf::form_self_bomb(1000), pdf::form_chain_bomb(40)] {
        let (text, took) = read(&bytes, &limits);
        let text = text.unwrap();
        assert!(text.contains("Windows 11") || text.contains("Active Directory"));
        assert!(took < Duration::from_secs(5), "{took:?}");
    }
}

/// Issue 11.3: 50 MB of path operators stream through (never a list of them), and the
/// operator budget stops a longer walk.
#[test]
fn pdf_operator_bombs_are_bounded() {
    let bomb = pdf::operator_bomb(8 << 20);
    let (text, _) = read(&bomb, &Limits::default());
    assert!(text.unwrap().contains("Active Directory"));
    let tight = Limits {
        max_content_ops: 100_000,
        ..Limits::default()
    };
    assert_eq!(read(&bomb, &tight).0, Err(Status::TooLarge));
    let hurried = Limits {
        max_read_time: Some(Duration::ZERO),
        ..Limits::default()
    };
    assert_eq!(read(&bomb, &hurried).0, Err(Status::TooLarge));
    // The resume itself is far under every limit.
    assert!(read(&pdf::resume(), &tight).0.is_ok());
}

/// Issue 11.9: a damaged PDF with no text is corrupt, not a scan to OCR.
#[test]
fn pdf_damage_is_corrupt_not_a_scan() {
    let limits = Limits::default();
    assert_eq!(
        read(&pdf::missing_content(), &limits).0,
        Err(Status::Corrupt)
    );
    for keep in [0.1, 0.5] {
        let cut = pdf::truncated(&pdf::resume(), keep);
        assert_eq!(read(&cut, &limits).0, Err(Status::Corrupt), "{keep}");
    }
}

/// Issue 11.9: an empty file named as a document format is not an empty text to score.
#[test]
fn empty_documents_are_corrupt() {
    for name in ["cv.pdf", "cv.docx", "cv.odt", "cv.rtf"] {
        let err = read_bytes(b"", Some(name.as_ref()), &Limits::default()).unwrap_err();
        assert_eq!(err.status, Status::Corrupt, "{name}");
        assert!(err.message.contains("empty"), "{}", err.message);
    }
    // An empty text file is still an empty text.
    assert_eq!(
        read_bytes(b"", Some("cv.txt".as_ref()), &Limits::default())
            .unwrap()
            .text,
        ""
    );
}
