//! Scaling of the scorer's rules on documents built to stress them, at growing sizes: a path
//! that loops over hits inside a loop over hits or lines shows up as throughput (MB/s) falling
//! with size. One case per path that was quadratic:
//!
//! - `level-cues`: one long line of repeated level title cues (each cue used to re-scan its line);
//! - `dated-roles`: many dated roles, each with duties (each role used to scan every mention);
//! - `requirements`: a posting with many requirement lines and concepts (each phrase used to
//!   scan every mention);
//! - `boilerplate`: a posting with many equal-opportunity paragraphs and concepts (each mention
//!   used to scan every boilerplate range);
//! - `job-flat-roles`: a resume flattened to one line with many dated roles, against a posting
//!   (each role's title and field years are read; a line scan per role would be quadratic).
//!
//! Then the cost of each stage of `scan` on realistic postings and resumes (generated from the
//! embedded taxonomy, `support/docs.rs`) of 2, 8 and 32 KB, all as MB/s of document text so that
//! the stages add up (the time per byte of `scan` is the sum of the stages' times per byte):
//!
//! - `walk`: the concept matcher over the text (`Matcher::extract_into`);
//! - `analyze`: sections and kind cues, polarity, years and contexts over those matches
//!   (`Scorer::analyze_matches`, the kind guessed as `scan` does), and today's public parts of
//!   it measured alone: `sections`, `guess-kind`, `polarity` (at every match), `date-ranges`,
//!   `year-claims`;
//! - `score`: credits, groups, levels, title and gaps against the role profile
//!   (`Scorer::score`); `score-job` (a resume against a posting's profile, `scan --job`) and
//!   `posting-profile` (what `scan --resume` builds per posting);
//! - `record-compact`, `record-explain`: the whole per-document pipeline into a `Record`
//!   (`Pipeline::document`), compact or with the full report: their difference is the explain
//!   record's own cost;
//! - `write-compact`, `write-explain`: the record serialised as a JSON Lines line, the way `scan
//!   --format jsonl` writes it.
//!
//! `cargo bench --bench scoring -- stages/` runs the stages alone (about three minutes);
//! `ROLEFIT_BENCH_DUMP=DIR` writes the generated documents there.

#[path = "support/docs.rs"]
mod docs;

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rolefit::input::Document;
use rolefit::pipeline::{Detail, Pipeline, Target, Workspace};
use rolefit::scoring::{polarity, sections, years, DocKind, Scorer, YearMonth};
use rolefit::{Scratch, Taxonomy};

const SIZES: &[usize] = &[16 << 10, 64 << 10, 256 << 10];

fn repeat_to(unit: &str, size: usize, head: &str) -> String {
    let mut s = String::from(head);
    while s.len() < size {
        s.push_str(unit);
    }
    s
}

/// A case: its name, the kind the document is read as, how to build it at a size, and whether
/// it is scored against a posting (else the role).
type Case<'a> = (&'a str, DocKind, &'a dyn Fn(usize) -> String, bool);

fn bench(c: &mut Criterion) {
    let mut scorer = Scorer::new(Taxonomy::embedded()).unwrap();
    scorer.as_of(YearMonth::new(2025, 1));
    let role = scorer.default_profile().unwrap();
    let posting = scorer.posting_profile(
        "Help Desk Technician\nRequirements\n- 2+ years of help desk experience.\n\
         - Windows, Active Directory and ServiceNow.\n",
    );
    let cases: [Case<'_>; 5] = [
        (
            "level-cues",
            DocKind::Resume,
            &|n| {
                repeat_to(
                    "senior IT support technician team lead manager ",
                    n,
                    "Experience\n",
                )
            },
            false,
        ),
        (
            "dated-roles",
            DocKind::Resume,
            &|n| {
                repeat_to(
                "Help Desk Technician, Jan 2015 - Mar 2017\nResolved Windows and Active Directory tickets in ServiceNow.\n",
                n,
                "Experience\n",
            )
            },
            false,
        ),
        (
            "requirements",
            DocKind::Posting,
            &|n| {
                repeat_to(
                    "- RN license and BLS, Windows 10/11, Jamf or Intune, a driver's license\n",
                    n,
                    "Help Desk Technician\nRequirements\n",
                )
            },
            false,
        ),
        (
            "boilerplate",
            DocKind::Posting,
            &|n| {
                repeat_to(
                "We are an equal opportunity employer. Windows and Linux.\n\nRequirements: Active Directory.\n\n",
                n,
                "Help Desk Technician\n",
            )
            },
            false,
        ),
        (
            "job-flat-roles",
            DocKind::Resume,
            &|n| {
                repeat_to(
                "Help Desk Technician, Jan 2015 - Mar 2017 Resolved Windows and Active Directory tickets in ServiceNow. ",
                n,
                "Experience ",
            )
            },
            true,
        ),
    ];
    let mut group = c.benchmark_group("scoring");
    group.sample_size(10);
    for (name, kind, make, job) in cases {
        let profile = if job { &posting } else { &role };
        for &size in SIZES {
            let text = make(size);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(name, size), &text, |b, t| {
                b.iter(|| {
                    let a = scorer.analyze(t, Some(kind));
                    let report = scorer.score(profile, &a);
                    if kind == DocKind::Posting {
                        let job = scorer.posting_profile_of(&a);
                        std::hint::black_box(job.groups.len());
                    }
                    std::hint::black_box(report.score)
                })
            });
        }
    }
    group.finish();
}

/// Document sizes of the stage benches: a short posting, a typical resume, a long one.
const STAGE_SIZES: &[(usize, &str)] = &[(2 << 10, "2kb"), (8 << 10, "8kb"), (32 << 10, "32kb")];

fn stages(c: &mut Criterion) {
    let taxonomy = Taxonomy::embedded();
    let mut scorer = Scorer::new(taxonomy).unwrap();
    let as_of = YearMonth::new(2025, 1);
    scorer.as_of(as_of);
    let matcher = scorer.matcher().clone();
    let role = scorer.default_profile().unwrap();
    let vocab = docs::Vocabulary::new(taxonomy);
    let job = scorer.posting_profile(&docs::posting(&vocab, 7, 4 << 10));
    let pipeline = |detail| {
        let target = Target::role(&scorer, None, None).unwrap();
        let mut p = Pipeline::scan(scorer.clone(), target);
        p.detail(detail);
        p
    };
    let (compact, explain) = (pipeline(Detail::Compact), pipeline(Detail::Explained));

    let mut g = c.benchmark_group("stages");
    g.sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    for &(size, label) in STAGE_SIZES {
        for kind in [DocKind::Posting, DocKind::Resume] {
            let (name, text) = match kind {
                DocKind::Posting => ("posting", docs::posting(&vocab, size as u64, size)),
                DocKind::Resume => ("resume", docs::resume(&vocab, size as u64, size)),
            };
            if let Some(dir) = std::env::var_os("ROLEFIT_BENCH_DUMP") {
                // to read the generated documents, or run the CLI on them
                std::fs::write(
                    std::path::Path::new(&dir).join(format!("{name}-{label}.txt")),
                    &text,
                )
                .unwrap();
            }
            let id = |stage: &str| BenchmarkId::new(format!("{stage}/{name}"), label);
            g.throughput(Throughput::Bytes(text.len() as u64));
            let (mut scratch, mut matches) = (Scratch::new(), Vec::new());
            matcher.extract_into(&text, &mut scratch, &mut matches);
            let analysis = scorer.analyze_matches(&text, &matches, None);
            // The generated documents must read as what they are, or the stages measure the
            // wrong paths.
            assert_eq!(
                analysis.kind, kind,
                "{name} {label} is read as {:?}",
                analysis.kind
            );

            g.bench_function(id("walk"), |b| {
                b.iter(|| {
                    matcher.extract_into(&text, &mut scratch, &mut matches);
                    matches.len()
                })
            });
            g.bench_function(id("analyze"), |b| {
                b.iter(|| scorer.analyze_matches(&text, &matches, None).mentions.len())
            });
            g.bench_function(id("sections"), |b| {
                b.iter(|| {
                    sections::Sections::detect(&text, kind).has(sections::SectionKind::Skills)
                })
            });
            g.bench_function(id("guess-kind"), |b| b.iter(|| sections::guess_kind(&text)));
            let in_posting = kind == DocKind::Posting;
            g.bench_function(id("polarity"), |b| {
                b.iter(|| {
                    matches
                        .iter()
                        .filter(|m| {
                            polarity::polarity(&text, m.span(), in_posting).polarity
                                == polarity::Polarity::Negated
                        })
                        .count()
                })
            });
            g.bench_function(id("date-ranges"), |b| {
                b.iter(|| years::date_ranges(&text, as_of).len())
            });
            g.bench_function(id("year-claims"), |b| {
                b.iter(|| years::year_claims(&text).len())
            });
            g.bench_function(id("score"), |b| {
                b.iter(|| scorer.score(&role, &analysis).score)
            });
            match kind {
                DocKind::Posting => g.bench_function(id("posting-profile"), |b| {
                    b.iter(|| scorer.posting_profile_of(&analysis).groups.len())
                }),
                DocKind::Resume => g.bench_function(id("score-job"), |b| {
                    b.iter(|| scorer.score(&job, &analysis).score)
                }),
            };
            let doc = Document::new(name, text.as_str());
            let mut work = Workspace::default();
            for (stage, p) in [("record-compact", &compact), ("record-explain", &explain)] {
                g.bench_function(id(stage), |b| {
                    b.iter(|| p.document(&doc, &mut work).score())
                });
            }
            #[cfg(feature = "output")]
            {
                use rolefit::output::{printer, OutputFormat, PrintOptions};
                let jsonl = printer(OutputFormat::Jsonl, &PrintOptions::default());
                let mut line = Vec::new();
                for (stage, p) in [("write-compact", &compact), ("write-explain", &explain)] {
                    let record = p.document(&doc, &mut work);
                    g.bench_function(id(stage), |b| {
                        b.iter(|| {
                            line.clear();
                            jsonl.record(&record, &mut line).unwrap();
                            line.len()
                        })
                    });
                }
            }
        }
    }
    g.finish();
}

criterion_group!(benches, bench, stages);
criterion_main!(benches);
