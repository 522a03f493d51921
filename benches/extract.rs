//! Extraction and scoring throughput (MB/s) of the embedded taxonomy on fixture text: a short
//! posting, and a long document made of every fixture text we wrote, repeated to about 1 MB.

use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rolefit::{Matcher, MatcherOptions, Scratch, Taxonomy};

fn fixture_texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut texts = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.path());
        for e in entries {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(p.extension().and_then(|x| x.to_str()), Some("txt" | "md")) {
                if let Ok(t) = std::fs::read_to_string(&p) {
                    texts.push(t);
                }
            }
        }
    }
    texts
}

fn bench(c: &mut Criterion) {
    let taxonomy = Taxonomy::embedded();
    let matcher = Matcher::new(taxonomy).unwrap();
    let exact = MatcherOptions::new()
        .spelling_variants(false)
        .build(taxonomy)
        .unwrap();
    let texts = fixture_texts();
    let short = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/cli/posting.txt"),
    )
    .unwrap();
    let all = texts.join("\n\n");
    let long = all.repeat((1 << 20) / all.len().max(1) + 1);

    let mut g = c.benchmark_group("extract");
    for (name, text) in [("posting", &short), ("1mb", &long)] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        for (mname, m) in [("variants", &matcher), ("exact", &exact)] {
            let mut scratch = Scratch::new();
            let mut out = Vec::new();
            g.bench_with_input(BenchmarkId::new(mname, name), text, |b, t| {
                b.iter(|| {
                    m.extract_into(t, &mut scratch, &mut out);
                    out.len()
                })
            });
        }
    }
    g.finish();

    // The scorer: sections, polarity, years, levels and gaps on top of the matcher.
    let scorer = rolefit::scoring::Scorer::new(taxonomy).unwrap();
    let profile = scorer.default_profile().unwrap();
    let mut g = c.benchmark_group("scan");
    for (name, text) in [("posting", &short), ("1mb", &long)] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("role", name), text, |b, t| {
            b.iter(|| scorer.score_text(&profile, t).score)
        });
    }
    g.finish();

    let mut g = c.benchmark_group("build");
    g.sample_size(20);
    // The batch automaton (a dense table) and the one-document one (linked lists), both from the
    // table compiled ahead of time; and a table generated at start-up, as for any other taxonomy
    // (here: the embedded one without spelling variants).
    g.bench_function("embedded-taxonomy", |b| {
        b.iter(|| Matcher::new(taxonomy).unwrap().pattern_count())
    });
    g.bench_function("embedded-taxonomy-quick", |b| {
        b.iter(|| {
            MatcherOptions::new()
                .quick_build(true)
                .build(taxonomy)
                .unwrap()
                .pattern_count()
        })
    });
    g.bench_function("generated-quick", |b| {
        b.iter(|| {
            MatcherOptions::new()
                .quick_build(true)
                .spelling_variants(false)
                .build(taxonomy)
                .unwrap()
                .pattern_count()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
