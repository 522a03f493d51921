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

/// Without cargo-fuzz: the checks on random mutations of the seeds (bytes flipped, inserted,
/// deleted, spliced from another seed), `ROLEFIT_FUZZ_SECS` seconds per target. No coverage
/// guidance, so far weaker than libFuzzer, but it runs anywhere:
/// `ROLEFIT_FUZZ_SECS=60 cargo test --release --test fuzz_corpus -- --ignored --nocapture`.
#[test]
#[ignore]
fn random_mutations_hold_the_invariants() {
    let secs: u64 = std::env::var("ROLEFIT_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for (target, check) in checks::TARGETS {
        let seeds: Vec<Vec<u8>> = std::fs::read_dir(root.join(target))
            .unwrap()
            .flatten()
            .map(|e| std::fs::read(e.path()).unwrap())
            .collect();
        let start = std::time::Instant::now();
        let mut runs = 0u64;
        while start.elapsed().as_secs() < secs {
            let mut data = seeds[next() as usize % seeds.len()].clone();
            for _ in 0..1 + next() % 8 {
                let at = if data.is_empty() {
                    0
                } else {
                    next() as usize % data.len()
                };
                match next() % 4 {
                    0 if !data.is_empty() => data[at] ^= 1 << (next() % 8),
                    1 => data.insert(at, next() as u8),
                    2 if !data.is_empty() => {
                        data.remove(at);
                    }
                    _ => {
                        let other = &seeds[next() as usize % seeds.len()];
                        let from = next() as usize % other.len().max(1);
                        let len = (next() as usize % 32).min(other.len() - from.min(other.len()));
                        data.splice(at..at, other[from..from + len].iter().copied());
                    }
                }
            }
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{target} fails on {data:?}");
            runs += 1;
        }
        eprintln!("{target}: {runs} random inputs in {secs} s, no failure");
    }
}
