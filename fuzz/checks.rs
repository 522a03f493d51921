//! What the fuzz targets beyond the readers check, shared by the cargo-fuzz targets
//! (`fuzz_targets/*.rs`) and the corpus replay of `cargo test` (`tests/fuzz_corpus.rs`), so
//! that a crash found once stays fixed without cargo-fuzz. Invariants, not just "no panic":
//! spans inside the text and on char boundaries, scores in 0..=100, points only with evidence,
//! and the same answer on a second run.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use rolefit::document::Limits;
use rolefit::input::{inputs, Input, InputOptions};
use rolefit::scoring::{DocKind, Profile, ScoreReport, Scorer};
use rolefit::{Match, Matcher, Taxonomy};

/// A check: panics when an invariant does not hold for the input.
pub type Check = fn(&[u8]);

/// The checks by target name, for the corpus replay.
pub const TARGETS: &[(&str, Check)] = &[
    ("matcher", matcher),
    ("matcher_small", matcher_small),
    ("scorer", scorer),
    ("taxonomy", taxonomy),
    ("jsonl", jsonl),
];

fn embedded() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| Matcher::new(Taxonomy::embedded()).expect("embedded taxonomy builds"))
}

fn scorer_and_role() -> &'static (Scorer, Profile) {
    static SCORER: OnceLock<(Scorer, Profile)> = OnceLock::new();
    SCORER.get_or_init(|| {
        let scorer = Scorer::new(Taxonomy::embedded()).expect("embedded taxonomy builds");
        let role = scorer
            .default_profile()
            .expect("the embedded taxonomy has roles");
        (scorer, role)
    })
}

/// Every match lies inside `text`, on char boundaries, in text order; a second run agrees.
fn check_matches(matcher: &Matcher, text: &str) {
    let matches: Vec<Match> = matcher.extract(text);
    let mut last = 0;
    for m in &matches {
        assert!(
            m.start() < m.end() && m.end() <= text.len(),
            "{:?} in {} bytes",
            m.span(),
            text.len()
        );
        assert!(text.is_char_boundary(m.start()) && text.is_char_boundary(m.end()));
        assert!(m.start() >= last, "matches out of order");
        last = m.start();
        let _ = matcher.concept(m);
    }
    assert_eq!(matcher.extract(text), matches, "a second run differs");
}

/// Arbitrary text against the embedded taxonomy.
pub fn matcher(data: &[u8]) {
    check_matches(embedded(), &String::from_utf8_lossy(data));
}

/// Arbitrary text against an arbitrary small taxonomy: the bytes before the first NUL are its
/// terms (one per line), the rest the text.
pub fn matcher_small(data: &[u8]) {
    let at = data.iter().position(|&b| b == 0).unwrap_or(data.len() / 2);
    let terms = String::from_utf8_lossy(&data[..at]);
    let text = String::from_utf8_lossy(data.get(at + 1..).unwrap_or_default());
    let Ok(taxonomy) = Taxonomy::from_terms(&terms, "fuzz") else {
        return;
    };
    if let Ok(matcher) = Matcher::new(&taxonomy) {
        check_matches(&matcher, &text);
    }
}

/// The pieces a resume or posting is made of, for the structure-aware generator.
const HEADINGS: &[&str] = &[
    "Experience",
    "EXPERIENCE",
    "Work History",
    "Professional Experience",
    "Education",
    "Skills",
    "Technical Skills",
    "Certifications",
    "Summary",
    "Requirements",
    "Responsibilities",
    "Qualifications",
    "Nice to have",
    "Preferred Qualifications",
    "About us",
    "Benefits",
    "Projects",
];
const DATES: &[&str] = &[
    "2019 - 2023",
    "Jan 2020 \u{2013} Present",
    "03/2018-06/2021",
    "2021",
    "since 2015",
    "5+ years",
    "3 years of",
    "10 years",
    "2012 to 2014",
    "Summer 2022",
    "1999-2001",
    "2030",
    "June 2024 - current",
];
const CUES: &[&str] = &[
    "Senior",
    "Lead",
    "Manager",
    "Junior",
    "Intern",
    "required",
    "preferred",
    "must have",
    "no experience with",
    "not",
    "familiar with",
    "Director",
    "Equal opportunity employer",
    "Bachelor's degree",
    "or equivalent",
    "at least",
    "experience with",
    "proficient in",
    "Help Desk Technician",
    "Engineer",
    "Analyst",
    "Team Lead",
    "Principal",
];
const SEPARATORS: &[&str] = &[
    "\n",
    "\n\n",
    " ",
    ", ",
    "; ",
    "\t",
    "\n\u{2022} ",
    "\n- ",
    ": ",
    " and ",
    " or ",
    " / ",
];

/// Builds a document from `data`: each pair of bytes picks a kind of piece and which one.
pub fn generate(data: &[u8]) -> String {
    let concepts = Taxonomy::embedded().concepts();
    let mut out = String::new();
    let mut i = 0;
    while i + 1 < data.len() && out.len() < 64 * 1024 {
        let (kind, pick) = (data[i], data[i + 1] as usize);
        i += 2;
        match kind % 8 {
            0 => out.push_str(HEADINGS[pick % HEADINGS.len()]),
            1 => out.push_str(DATES[pick % DATES.len()]),
            2 => out.push_str(CUES[pick % CUES.len()]),
            3 | 4 => {
                let c = &concepts[(pick * 7 + kind as usize) % concepts.len()];
                out.push_str(&c.name);
            }
            5 | 6 => out.push_str(SEPARATORS[pick % SEPARATORS.len()]),
            _ => {
                // A few raw bytes: odd characters between the pieces.
                let n = pick % 8;
                let raw = &data[i..(i + n).min(data.len())];
                out.push_str(&String::from_utf8_lossy(raw));
                i += n;
            }
        }
    }
    out
}

fn check_report(report: &ScoreReport) {
    assert!(
        report.score.is_finite() && (0.0..=100.0).contains(&report.score),
        "score {}",
        report.score
    );
    for g in &report.groups {
        assert!(
            g.points.is_finite() && g.points >= 0.0 && g.points <= g.max_points + 1e-9,
            "{}: {} of {}",
            g.id,
            g.points,
            g.max_points
        );
        for e in &g.matched {
            assert!(
                e.credit.is_finite() && e.credit >= 0.0,
                "{}: credit {}",
                e.concept.as_str(),
                e.credit
            );
        }
    }
}

/// A generated resume against the first role of the embedded taxonomy (first byte even), or
/// against a generated posting (`--job` mode, first byte odd).
pub fn scorer(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (scorer, role) = scorer_and_role();
    let (profile, resume) = if mode % 2 == 0 {
        (role.clone(), generate(rest))
    } else {
        let half = (rest.len() / 2) & !1;
        let posting = generate(&rest[..half]);
        (scorer.posting_profile(&posting), generate(&rest[half..]))
    };
    let kind = if mode % 4 < 2 {
        Some(DocKind::Resume)
    } else {
        None
    };
    let analysis = scorer.analyze(&resume, kind);
    for m in &analysis.mentions {
        assert!(
            m.span.end <= resume.len()
                && resume.is_char_boundary(m.span.start)
                && resume.is_char_boundary(m.span.end)
        );
        assert_eq!(&resume[m.span.clone()], m.text);
    }
    let report = scorer.score(&profile, &analysis);
    check_report(&report);
    let again = scorer.score(&profile, &scorer.analyze(&resume, kind));
    assert!(report == again, "a second run differs");
}

/// Arbitrary JSON and plain text as taxonomies: an error or a taxonomy, never a panic; one that
/// loads builds a matcher or says why not, and loads the same again.
pub fn taxonomy(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for load in [Taxonomy::from_json_str, Taxonomy::from_terms] {
        if let Ok(t) = load(&text, "fuzz") {
            let again = load(&text, "fuzz").expect("loads again");
            assert_eq!(t.hash(), again.hash());
            if let Ok(m) = Matcher::new(&t) {
                if let Some(c) = t.concepts().first() {
                    check_matches(&m, &c.name);
                }
            }
        }
    }
}

/// The longest JSON Lines line in [`jsonl`]: short, so that lines over it are common.
const JSONL_LINE: u64 = 256;

/// Arbitrary bytes as a JSON Lines file: one input per line that is not blank (or is over the
/// line limit), in order, each of which loads as a document or an error record with its line.
pub fn jsonl(data: &[u8]) {
    // Past 16 times the line limit an endless line ends the input; keep under that.
    let data = &data[..data.len().min(JSONL_LINE as usize * 15)];
    static N: AtomicUsize = AtomicUsize::new(0);
    let path = std::env::temp_dir().join(format!(
        "rolefit-fuzz-{}-{}.jsonl",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(data))
        .expect("temp file");
    let limits = Limits {
        max_input_bytes: JSONL_LINE,
        ..Limits::default()
    };
    let options = InputOptions {
        jsonl: true,
        limits: limits.clone(),
        ..InputOptions::default()
    };
    let found: Vec<Input> = inputs(std::slice::from_ref(&path), &options).collect();
    let _ = std::fs::remove_file(&path);
    let mut want = Vec::new();
    for (i, line) in data.split(|&b| b == b'\n').enumerate() {
        let mut body = line.trim_ascii();
        if i == 0 {
            body = body
                .strip_prefix(b"\xEF\xBB\xBF")
                .unwrap_or(body)
                .trim_ascii();
        }
        if line.len() as u64 > JSONL_LINE || !body.is_empty() {
            want.push(i as u64 + 1);
        }
    }
    let mut got = Vec::new();
    for input in found {
        let line = match &input {
            Input::Record { line, .. } => *line,
            Input::Failed(e) => e.line.expect("a JSON Lines error has its line"),
            other => panic!("not a JSON Lines input: {other:?}"),
        };
        got.push(line);
        match input.load(&limits) {
            Ok(doc) => {
                assert_eq!(doc.format, "jsonl");
                assert!(
                    doc.text.len() as u64 <= JSONL_LINE,
                    "text longer than its line"
                );
            }
            Err(e) => assert_eq!(e.line, Some(line)),
        }
    }
    assert_eq!(got, want, "one input per line");
}
