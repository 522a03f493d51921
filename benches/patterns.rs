//! The scorer's cue patterns (polarity and years) on three engines, per call and per process:
//!
//! - `hand`: today's engine, `src/scoring/pattern.rs` (backtracking over static pattern trees,
//!   nothing to compile);
//! - `regex`: the `regex` crate, each pattern tree printed as a regex and compiled once per
//!   process on first use (`patterns/regex_pattern.rs`, the same crate-internal API);
//! - `dfa`: regex-automata's dense DFAs (forward and reverse, leftmost-first) built from the same
//!   regexes: spans only, no capture groups, and as they would be if serialised at build time
//!   (the time to read them back from bytes).
//!
//! `polarity.rs` and `years.rs` are compiled twice into this bench, once over each of the first
//! two engines, so the per-call figures are those of the scorer's own calls with their
//! key-word prefilters: `polarity_in` at every concept mention, `year_claims` and
//! `date_ranges` over whole documents (realistic postings and resumes generated from the
//! embedded taxonomy, `support/docs.rs`). Before timing, both give the same answer on every
//! call. `find/*` times one search per window (the 140 bytes before and after each mention) per
//! pattern, `regex` against `dfa`; `one-time/*` the cost each engine pays once per process.
//!
//! `cargo bench --bench patterns` (about three minutes once built); `-- one-time` for start-up
//! alone.

// The cue modules are compiled twice on purpose, once over each engine.
#![allow(clippy::duplicate_mod)]

#[path = "support/docs.rs"]
mod docs;

/// The scorer's cue modules over today's engine.
#[allow(dead_code, unused_imports)]
#[path = "../src/scoring"]
mod hand {
    mod pattern;
    pub mod polarity;
    pub mod years;
}

/// The same modules over the `regex` crate.
#[allow(dead_code, unused_imports)]
#[path = "../src/scoring"]
mod viaregex {
    #[path = "../../benches/patterns/regex_pattern.rs"]
    pub mod pattern;
    pub mod polarity;
    pub mod years;
}

use std::ops::Range;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use regex_automata::dfa::{dense, regex::Regex as DfaRegex};
use regex_automata::nfa::thompson;
use rolefit::scoring::{DocKind, Scorer};
use rolefit::{Scratch, Taxonomy};

/// A document of the bench: its lower-cased text, whether it is a posting, and its mentions.
struct Doc {
    name: String,
    lower: String,
    posting: bool,
    spans: Vec<Range<usize>>,
}

fn documents() -> Vec<Doc> {
    let taxonomy = Taxonomy::embedded();
    let scorer = Scorer::new(taxonomy).unwrap();
    let matcher = scorer.matcher().clone();
    let vocab = docs::Vocabulary::new(taxonomy);
    let mut out = Vec::new();
    for (size, label) in [(2 << 10, "2kb"), (8 << 10, "8kb")] {
        for kind in [DocKind::Posting, DocKind::Resume] {
            let (name, text) = match kind {
                DocKind::Posting => ("posting", docs::posting(&vocab, size as u64, size)),
                _ => ("resume", docs::resume(&vocab, size as u64, size)),
            };
            let (mut scratch, mut matches) = (Scratch::new(), Vec::new());
            matcher.extract_into(&text, &mut scratch, &mut matches);
            out.push(Doc {
                name: format!("{name}-{label}"),
                lower: text.to_ascii_lowercase(),
                posting: kind == DocKind::Posting,
                spans: matches.iter().map(|m| m.span()).collect(),
            });
        }
    }
    out
}

/// Everything the cue patterns decide over `doc` on one engine, to compare the engines.
macro_rules! answers {
    ($engine:ident, $doc:expr) => {{
        let doc = $doc;
        let polarity: Vec<_> = doc
            .spans
            .iter()
            .map(|s| {
                let p = $engine::polarity::polarity_in(&doc.lower, s.clone(), doc.posting);
                (p.polarity.as_str(), p.cue)
            })
            .collect();
        let claims: Vec<_> = $engine::years::year_claims(&doc.lower)
            .iter()
            .map(|c| (c.years, c.max_years, c.span.clone(), c.subject.clone()))
            .collect();
        let as_of = $engine::years::YearMonth::new(2025, 1);
        let ranges: Vec<_> = $engine::years::date_ranges(&doc.lower, as_of)
            .iter()
            .map(|r| r.months())
            .collect();
        format!("{polarity:?} {claims:?} {ranges:?}")
    }};
}

/// The windows a polarity cue is read in: up to 140 bytes on each side of every mention.
fn windows(doc: &Doc) -> Vec<&str> {
    let h = &doc.lower;
    let floor = |mut i: usize| {
        while !h.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let mut out = Vec::new();
    for s in &doc.spans {
        out.push(&h[floor(s.start.saturating_sub(140))..s.start]);
        out.push(&h[s.end..floor((s.end + 140).min(h.len()))]);
    }
    out
}

fn dfa(src: &str) -> Result<DfaRegex, String> {
    DfaRegex::builder()
        .syntax(regex_automata::util::syntax::Config::new().unicode(true))
        .thompson(thompson::Config::new().shrink(true))
        .dense(
            dense::Config::new()
                .dfa_size_limit(Some(64 << 20))
                .determinize_size_limit(Some(64 << 20)),
        )
        .build(src)
        .map_err(|e| e.to_string())
}

fn bench(c: &mut Criterion) {
    let docs = documents();
    // Both engines give the same answer on every call; this also compiles every regex the
    // scorer uses, so that `viaregex::pattern::sources()` lists them.
    for doc in &docs {
        assert_eq!(answers!(hand, doc), answers!(viaregex, doc), "{}", doc.name);
    }
    let sources = viaregex::pattern::sources();
    assert_eq!(sources.len(), 9, "every cue pattern was used");

    let mut g = c.benchmark_group("patterns");
    g.sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    /// Times the scorer's calls of the cue patterns over `$engine`'s modules: `polarity_in` at
    /// every mention, and the year claims and date ranges of the whole document.
    macro_rules! scorer_calls {
        ($g:expr, $doc:expr, $engine:ident) => {{
            let (g, doc) = ($g, $doc);
            let engine = stringify!($engine).trim_start_matches("via");
            g.throughput(Throughput::Elements(doc.spans.len() as u64));
            let id = BenchmarkId::new(format!("polarity-per-mention/{engine}"), &doc.name);
            g.bench_function(id, |b| {
                b.iter(|| {
                    let cue = |s: &Range<usize>| {
                        $engine::polarity::polarity_in(&doc.lower, s.clone(), doc.posting).cue
                    };
                    doc.spans.iter().filter(|s| cue(s).is_some()).count()
                })
            });
            g.throughput(Throughput::Bytes(doc.lower.len() as u64));
            let id = BenchmarkId::new(format!("years-per-doc/{engine}"), &doc.name);
            let as_of = $engine::years::YearMonth::new(2025, 1);
            g.bench_function(id, |b| {
                b.iter(|| {
                    $engine::years::year_claims(&doc.lower).len()
                        + $engine::years::date_ranges(&doc.lower, as_of).len()
                })
            });
        }};
    }
    for doc in &docs {
        scorer_calls!(&mut g, doc, hand);
        scorer_calls!(&mut g, doc, viaregex);
    }

    // One search per window, per pattern: the engines alone, without the prefilters.
    let wins: Vec<&str> = docs.iter().flat_map(windows).collect();
    g.throughput(Throughput::Elements(wins.len() as u64));
    let mut dfas = Vec::new();
    for (i, src) in sources.iter().enumerate() {
        let re = regex::Regex::new(src).unwrap();
        g.bench_function(BenchmarkId::new("find-per-window/regex", i), |b| {
            b.iter(|| wins.iter().filter(|w| re.find(w).is_some()).count())
        });
        match dfa(src) {
            Ok(d) => {
                for w in &wins {
                    assert_eq!(
                        d.find(w.as_bytes()).map(|m| m.range()),
                        re.find(w).map(|m| m.range())
                    );
                }
                g.bench_function(BenchmarkId::new("find-per-window/dfa", i), |b| {
                    b.iter(|| {
                        wins.iter()
                            .filter(|w| d.find(w.as_bytes()).is_some())
                            .count()
                    })
                });
                let (fwd, _) = d.forward().to_bytes_native_endian();
                let (rev, _) = d.reverse().to_bytes_native_endian();
                eprintln!(
                    "pattern {i}: dense DFA {} + {} bytes: {src}",
                    fwd.len(),
                    rev.len()
                );
                dfas.push((fwd, rev));
            }
            Err(e) => eprintln!("pattern {i}: no dense DFA ({e}): {src}"),
        }
    }
    drop(g);

    let mut g = c.benchmark_group("one-time");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    g.bench_function("regex-compile-all", |b| {
        b.iter(|| {
            sources
                .iter()
                .map(|s| regex::Regex::new(s).unwrap().captures_len())
                .sum::<usize>()
        })
    });
    g.bench_function("dfa-build-all", |b| {
        b.iter(|| sources.iter().filter(|s| dfa(s).is_ok()).count())
    });
    g.bench_function("dfa-deserialise-all", |b| {
        b.iter(|| {
            dfas.iter()
                .map(|(f, r)| {
                    let f = dense::DFA::from_bytes(f).unwrap().0;
                    let r = dense::DFA::from_bytes(r).unwrap().0;
                    DfaRegex::builder()
                        .build_from_dfas(f, r)
                        .find(b"no experience with x")
                        .is_some() as usize
                })
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
