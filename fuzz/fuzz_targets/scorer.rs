//! The `scorer` check of `fuzz/checks.rs` on arbitrary bytes; `cargo test` replays the
//! seeds in `fuzz/seeds/` through the same check (`tests/fuzz_corpus.rs`).
#![no_main]

#[path = "../checks.rs"]
mod checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| checks::scorer(data));
