//! Replays every committed fuzz seed corpus (`fuzz/seeds/<target>/`) through the checks its target
//! runs, so that `cargo test` keeps a fixed crash fixed without cargo-fuzz or nightly.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::Path;

#[test]
fn every_fuzz_corpus_replays_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let mut replayed = 0;
    for (target, check) in checks::TARGETS {
        let Ok(dir) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        let mut files: Vec<_> = dir.flatten().map(|e| e.path()).collect();
        files.sort();
        for file in files {
            let data = std::fs::read(&file).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{target}: {} fails", file.display());
            replayed += 1;
        }
    }
    // The corpora are committed: an empty replay means they went missing.
    assert!(
        replayed >= checks::TARGETS.len(),
        "{replayed} inputs replayed"
    );
}

/// The generator builds documents with the pieces the scorer looks for.
#[test]
fn the_generator_emits_structure() {
    let doc = checks::generate(&[0, 0, 5, 0, 1, 1, 5, 0, 2, 0, 5, 0, 3, 9]);
    assert!(doc.starts_with("Experience\nJan 2020"), "{doc}");
    assert!(doc.contains("Senior"), "{doc}");
}
