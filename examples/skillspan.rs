//! Measures the matcher against people's annotations: the share of the embedded taxonomy's
//! matches that fall inside a skill or knowledge span annotated in SkillSpan (real job postings,
//! one sentence per line), and lists the matches outside every span, for reading.
//!
//! ```text
//! cargo run --release --example skillspan -- ../shared/data/skillspan/tech_dev.jsonl
//! cargo run --release --example skillspan -- --list ../shared/data/skillspan/house_dev.jsonl
//! ```
//!
//! `--list` prints each match outside every span; `--all` prints every match, marked `in` or
//! `out`, to compare two versions of the taxonomy with `diff`; both show the match in up to 90
//! bytes of its sentence (some lines hold a whole posting) and mark with `*` a sentence that has
//! no annotation at all. `--floor X` exits with status 1 when a file's share is below `X` (for
//! CI); the floor applies to the first figure.
//!
//! Two more figures follow each file's share. The same share over sentences with at least one
//! annotated span: those were surely read for skills, where a sentence without any (a job title,
//! the posting's header, a company's stack) may not have been. And recall: the share of annotated
//! spans that hold or overlap a match, so that precision gained by losing real skills shows.
//!
//! Each line is `{"id", "text", "skill": [[start, end], ...], "knowledge": [...]}` with byte
//! spans. A match counts as inside when it overlaps an annotated span (annotators often mark a
//! phrase a little wider or narrower than a term). Matches outside are not all wrong: annotators
//! left out job titles, company stacks and some real skills; read the list before tuning.

use std::collections::BTreeMap;
use std::fs;
use std::process::ExitCode;

use rolefit::{Matcher, Scratch, Taxonomy};
use serde_json::Value;

fn spans(v: &Value, key: &str) -> Vec<(usize, usize)> {
    v[key]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| Some((s[0].as_u64()? as usize, s[1].as_u64()? as usize)))
                .collect()
        })
        .unwrap_or_default()
}

/// Bytes of the sentence shown on each side of a listed match (some lines hold a whole posting).
const CONTEXT: usize = 90;

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn main() -> ExitCode {
    let mut list = false;
    let mut all = false;
    let mut floor = None;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--floor" {
            match args.next().and_then(|x| x.parse::<f64>().ok()) {
                Some(x) if x.is_finite() => floor = Some(x),
                _ => {
                    eprintln!("--floor needs a number, such as 0.70");
                    return ExitCode::from(2);
                }
            }
        } else if a == "--list" {
            list = true;
        } else if a == "--all" {
            all = true;
        } else {
            files.push(a);
        }
    }
    if files.is_empty() {
        eprintln!("usage: skillspan [--list | --all] [--floor X] FILE.jsonl...");
        return ExitCode::from(2);
    }
    let matcher = Matcher::new(Taxonomy::embedded()).expect("the embedded taxonomy compiles");
    let mut scratch = Scratch::new();
    let mut found = Vec::new();
    let mut below = false;
    for file in &files {
        let text = match fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{file}: {e}");
                return ExitCode::from(2);
            }
        };
        let (mut total, mut inside) = (0usize, 0usize);
        // The same count over sentences with at least one annotated span: those were surely
        // read for skills, where a sentence without any may have been left out.
        let (mut total_read, mut inside_read) = (0usize, 0usize);
        // Recall: annotated spans that hold or overlap a match.
        let (mut spans_total, mut spans_found) = (0usize, 0usize);
        let mut by_concept: BTreeMap<String, usize> = BTreeMap::new();
        let mut outside = Vec::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: Value = match serde_json::from_str(line) {
                Ok(v) => v,
                Err(e) => {
                    eprintln!("{file}: {e}");
                    return ExitCode::from(2);
                }
            };
            let sentence = v["text"].as_str().unwrap_or_default();
            let mut annotated = spans(&v, "skill");
            annotated.extend(spans(&v, "knowledge"));
            matcher.extract_into(sentence, &mut scratch, &mut found);
            let read = !annotated.is_empty();
            spans_total += annotated.len();
            spans_found += annotated
                .iter()
                .filter(|&&(s, e)| found.iter().any(|m| m.start() < e && s < m.end()))
                .count();
            for m in &found {
                total += 1;
                let is_inside = annotated.iter().any(|&(s, e)| m.start() < e && s < m.end());
                if read {
                    total_read += 1;
                    inside_read += usize::from(is_inside);
                }
                let id = matcher.concept(m).id.to_string();
                // `*` marks a sentence with no annotation at all.
                let shown = format!(
                    "{:<28} {} {}[[{}]]{}",
                    id,
                    if read { ' ' } else { '*' },
                    &sentence[floor_char(sentence, m.start().saturating_sub(CONTEXT))..m.start()],
                    &sentence[m.span()],
                    &sentence[m.end()..ceil_char(sentence, m.end() + CONTEXT)]
                );
                if all {
                    println!("{} {shown}", if is_inside { "in " } else { "out" });
                }
                if is_inside {
                    inside += 1;
                } else {
                    *by_concept.entry(id).or_default() += 1;
                    outside.push(shown);
                }
            }
        }
        if list {
            for o in &outside {
                println!("{o}");
            }
            let mut counts: Vec<_> = by_concept.into_iter().collect();
            counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let top: Vec<String> = counts
                .iter()
                .take(25)
                .map(|(id, n)| format!("{id} {n}"))
                .collect();
            println!("outside, by concept: {}", top.join(", "));
        }
        let share = ratio(inside, total);
        println!("{file}: {inside} of {total} matches inside annotated spans ({share:.3})");
        println!(
            "{file}: in sentences with an annotation, {inside_read} of {total_read} ({:.3})",
            ratio(inside_read, total_read)
        );
        println!(
            "{file}: annotated spans holding a match (recall), {spans_found} of {spans_total} ({:.3})",
            ratio(spans_found, spans_total)
        );
        if floor.is_some_and(|f| share < f) {
            eprintln!(
                "{file}: {share:.3} is below the floor of {:.3}",
                floor.unwrap_or(0.0)
            );
            below = true;
        }
    }
    if below {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
