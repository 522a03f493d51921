//! The odt reader on arbitrary bytes: it may fail, with a status, but never panic, hang or
//! allocate without bound. Seed the corpus with `fuzz/seed.sh`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolefit::document::{read_as, Format, Limits, Status};

fuzz_target!(|data: &[u8]| {
    // Tighter than the defaults, so that one bomb-like input does not dominate the run.
    let limits = Limits {
        max_decompressed_bytes: 8 * 1024 * 1024,
        ..Limits::default()
    };
    match read_as(data, Format::Odt, &limits) {
        Ok(doc) => assert!(doc.text.chars().count() <= limits.max_chars),
        Err(e) => assert_ne!(e.status, Status::Ok),
    }
});
