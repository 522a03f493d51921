//! Detection and the whole pipeline on arbitrary bytes, as the CLI calls it, walked or named.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolefit::document::{detect, read_bytes, read_bytes_walked, Limits};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_decompressed_bytes: 8 * 1024 * 1024,
        ..Limits::default()
    };
    let name = Path::new("input.docx");
    let format = detect(data, Some(name));
    for record in [
        read_bytes(data, Some(name), &limits),
        read_bytes_walked(data, None, &limits),
    ] {
        if let Err(e) = record {
            assert!(!e.message.is_empty());
        }
    }
    let _ = format;
});
