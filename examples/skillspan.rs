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
//! `out`, to compare two versions of the taxonomy with `diff`; `--floor X` exits with status 1
//! when a file's share is below `X` (for CI).
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
            for m in &found {
                total += 1;
                let is_inside = annotated.iter().any(|&(s, e)| m.start() < e && s < m.end());
                let id = matcher.concept(m).id.to_string();
                let shown = format!(
                    "{:<28} {}[[{}]]{}",
                    id,
                    &sentence[..m.start()],
                    &sentence[m.span()],
                    &sentence[m.end()..]
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
        let share = if total == 0 {
            0.0
        } else {
            inside as f64 / total as f64
        };
        println!("{file}: {inside} of {total} matches inside annotated spans ({share:.3})");
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
