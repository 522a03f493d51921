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

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rolefit::scoring::{DocKind, Scorer, YearMonth};
use rolefit::Taxonomy;

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

criterion_group!(benches, bench);
criterion_main!(benches);
