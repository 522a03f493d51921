//! Reader throughput: documents per second for each format, on the resume fixtures in
//! `fixtures/documents/` (one to two pages each, as real resumes are).
//!
//! ```text
//! cargo bench --bench readers
//! ```
//!
//! Criterion reports `elem/s`: each element is one document read from its bytes to its text.

use std::path::Path;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use rolefit::document::{read_bytes, Limits};

const RESUMES: [(&str, &str); 8] = [
    ("text", "resume.txt"),
    ("text-cp1252", "resume-cp1252.txt"),
    ("markdown", "resume.md"),
    ("html", "resume.html"),
    ("rtf", "resume.rtf"),
    ("pdf", "resume.pdf"),
    ("docx", "resume.docx"),
    ("odt", "resume.odt"),
];

fn readers(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/documents");
    let limits = Limits::default();
    let mut group = c.benchmark_group("readers");
    group.throughput(Throughput::Elements(1));
    for (format, file) in RESUMES {
        let path = dir.join(file);
        let bytes =
            std::fs::read(&path).expect("run `cargo run --release --example make_fixtures` first");
        group.bench_function(format, |b| {
            b.iter(|| read_bytes(black_box(&bytes), Some(&path), &limits).expect("fixture reads"))
        });
    }
    // Failing fast matters as much in a batch: a scan and a zip bomb.
    for (status, file) in [
        ("no-text-layer", "scanned.pdf"),
        ("zip-bomb", "zip-bomb.docx"),
    ] {
        let path = dir.join(file);
        let bytes = std::fs::read(&path).expect("fixture");
        group.bench_function(status, |b| {
            b.iter(|| read_bytes(black_box(&bytes), Some(&path), &limits).expect_err("fails"))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = readers
}
criterion_main!(benches);
