//! Measures how well the desktop-technician score separates IT-support postings and IT resumes
//! from the rest, as ROC AUC, next to a naive baseline that counts about 100 desktop-support
//! keywords, and prints the worst-ranked positives and best-ranked negatives. Also: AUC with
//! resumes labelled by their title line (support titles against the rest), precision at 10 when
//! each `it_support` posting ranks every resume (`scan --job`), and how many resumes are read
//! as postings when their kind is guessed.
//!
//! ```text
//! cargo run --release --example eval -- ../shared/data/dev
//! cargo run --release --example eval -- ../shared/data/dev --floors 0.96,0.93,0.95,0.90,0.95,0.80,0.01
//! cargo run --release --example eval -- ../shared/data/dev --top 12
//! ```
//!
//! `--top N` prints, for each `--job` ranking, its first N resumes (`+` marks a support title)
//! with the parts of their scores (match rate, title match with its headline and recent-roles
//! parts, evidence, years in the field, adjustments) and the ranks of every support title.
//!
//! Postings are read with their title as the first line, as a user's posting file has it
//! (`--no-titles` reads the text field alone). `--floors` takes the least acceptable figures, in the order printed in the summary (posting
//! AUCs vs other, vs other IT, vs all; resume AUC by category; resume AUC by title; P@10; the
//! highest acceptable share of resumes read as postings) and exits with status 1 when any
//! figure is worse.
//!
//! The directory holds `postings.jsonl` (`{"id","title","text","label"}`, labels `it_support`,
//! `it_support_ambiguous`, `other_it`, `other`) and `resumes.jsonl` (`{"id","category","text"}`).

use std::fs;
use std::path::Path;
use std::process::ExitCode;

use rayon::prelude::*;
use rolefit::scoring::{DocKind, ScoreReport, Scorer, YearMonth};
use rolefit::Taxonomy;
use serde_json::Value;

/// The naive baseline: about 100 desktop-support keywords, counted once each when present.
const BASELINE_KEYWORDS: &[&str] = &[
    "windows",
    "macos",
    "mac os",
    "linux",
    "active directory",
    "help desk",
    "helpdesk",
    "desktop support",
    "technical support",
    "it support",
    "service desk",
    "troubleshooting",
    "troubleshoot",
    "hardware",
    "software",
    "printer",
    "printers",
    "laptop",
    "laptops",
    "desktop",
    "desktops",
    "workstation",
    "workstations",
    "pc",
    "computer",
    "peripherals",
    "drivers",
    "network",
    "networking",
    "tcp/ip",
    "dns",
    "dhcp",
    "vpn",
    "wi-fi",
    "wifi",
    "lan",
    "router",
    "switches",
    "firewall",
    "ticket",
    "tickets",
    "ticketing",
    "servicenow",
    "jira",
    "zendesk",
    "remedy",
    "teamviewer",
    "anydesk",
    "remote desktop",
    "rdp",
    "sccm",
    "intune",
    "jamf",
    "office 365",
    "microsoft 365",
    "microsoft office",
    "outlook",
    "exchange",
    "sharepoint",
    "teams",
    "google workspace",
    "powershell",
    "bash",
    "scripting",
    "comptia",
    "a+",
    "network+",
    "security+",
    "ccna",
    "itil",
    "mdm",
    "mobile device",
    "ios",
    "android",
    "antivirus",
    "malware",
    "backup",
    "recovery",
    "imaging",
    "deployment",
    "installation",
    "install",
    "configure",
    "configuration",
    "end user",
    "end-user",
    "customer service",
    "patch",
    "patching",
    "upgrade",
    "asset management",
    "inventory",
    "incident",
    "sla",
    "escalation",
    "tier 1",
    "tier 2",
    "group policy",
    "citrix",
    "vmware",
    "password reset",
    "permissions",
    "encryption",
];

struct Doc {
    id: String,
    title: String,
    label: String,
    text: String,
}

/// Whether a resume's title line names an IT-support job: an IT word ("IT", "information
/// technology", "computer", "desktop", "help desk") with a support job word ("support",
/// "technician", "specialist", "coordinator"), and no management, teaching or audit word.
/// Independent of the taxonomy's own titles, and of the dataset's categories.
fn support_title(title: &str) -> bool {
    let t = format!(
        " {} ",
        title
            .to_ascii_lowercase()
            .replace(['/', ',', '(', ')', '-', '&'], " ")
    );
    let any = |words: &[&str]| words.iter().any(|w| t.contains(w));
    any(&[
        " it ",
        " i.t. ",
        "information technology",
        "computer",
        " pc ",
        "desktop",
        "help desk",
        "helpdesk",
        "service desk",
        "deskside",
        "technical support",
    ]) && any(&[
        "support",
        "technician",
        "specialist",
        "coordinator",
        "help desk",
        "helpdesk",
        "service desk",
        "desktop",
        "deskside",
    ]) && !any(&[
        "manager",
        "director",
        "president",
        " vp ",
        "instructor",
        "student",
        "auditor",
        "project",
        "consultant",
    ])
}

fn load(
    path: &Path,
    label_key: &str,
    title_key: &str,
    prepend_title: bool,
) -> Result<Vec<Doc>, String> {
    let raw = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        let (title, mut text) = (s(title_key), s("text"));
        // A posting's title is a field of its own in the dataset; a posting as a user has it
        // starts with its title. (A resume's title line is already its first line.)
        if prepend_title && !title.is_empty() && !text.starts_with(&title) {
            text = format!("{title}\n\n{text}");
        }
        out.push(Doc {
            id: s("id"),
            title,
            label: s(label_key),
            text,
        });
    }
    Ok(out)
}

fn baseline(text: &str) -> f64 {
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut count = 0;
    for kw in BASELINE_KEYWORDS {
        let mut from = 0;
        while let Some(p) = lower[from..].find(kw) {
            let at = from + p;
            let end = at + kw.len();
            let left = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
            let right = end >= bytes.len() || !bytes[end].is_ascii_alphanumeric();
            if left && right {
                count += 1;
                break;
            }
            from = at + 1;
        }
    }
    count as f64
}

/// ROC AUC (Mann-Whitney U), ties counted half.
fn auc(pos: &[f64], neg: &[f64]) -> f64 {
    if pos.is_empty() || neg.is_empty() {
        return f64::NAN;
    }
    let mut wins = 0.0;
    for p in pos {
        for n in neg {
            if p > n {
                wins += 1.0;
            } else if p == n {
                wins += 0.5;
            }
        }
    }
    wins / (pos.len() * neg.len()) as f64
}

struct Scored<'a> {
    doc: &'a Doc,
    score: f64,
    base: f64,
}

fn report(name: &str, pos: &[&Scored<'_>], neg: &[&Scored<'_>]) {
    let ps: Vec<f64> = pos.iter().map(|s| s.score).collect();
    let ns: Vec<f64> = neg.iter().map(|s| s.score).collect();
    let pb: Vec<f64> = pos.iter().map(|s| s.base).collect();
    let nb: Vec<f64> = neg.iter().map(|s| s.base).collect();
    println!(
        "{name:<44} n+={:<4} n-={:<5} rolefit AUC {:.3}   baseline AUC {:.3}",
        pos.len(),
        neg.len(),
        auc(&ps, &ns),
        auc(&pb, &nb)
    );
}

fn show(title: &str, rows: &[&Scored<'_>]) {
    println!("  {title}");
    for s in rows {
        let t: String = s.doc.title.chars().take(60).collect();
        println!(
            "    {:>5.1}  (baseline {:>3})  {:<24} {:<28} {}",
            s.score,
            s.base,
            s.doc.id.chars().take(24).collect::<String>(),
            s.doc.label,
            t.replace('\n', " ")
        );
    }
}

/// Prints the lowest-scoring positives and the highest-scoring negatives, ties by id.
fn extremes(what: &str, pos: &[&Scored<'_>], neg: &[&Scored<'_>], n_pos: usize, n_neg: usize) {
    let mut worst = pos.to_vec();
    worst.sort_by(|a, b| a.score.total_cmp(&b.score).then(a.doc.id.cmp(&b.doc.id)));
    let mut best = neg.to_vec();
    best.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.id.cmp(&b.doc.id)));
    show(
        &format!("worst-ranked positive {what}"),
        &worst[..worst.len().min(n_pos)],
    );
    show(
        &format!("best-ranked negative {what}"),
        &best[..best.len().min(n_neg)],
    );
}

/// The parts of a `--job` score, for `--top`: match rate, the role-fit components and the
/// adjustments.
fn parts(r: &ScoreReport) -> String {
    let mut out = format!("match {:.0}", r.match_rate.unwrap_or(0.0));
    if let Some(f) = &r.role_fit {
        out += &format!(
            " title {:.2} (head {:.2} roles {}) evidence {:.0}",
            f.title_match,
            f.headline_match.unwrap_or(0.0),
            f.roles_match.map_or("-".to_string(), |m| format!("{m:.2}")),
            f.evidence.unwrap_or(0.0)
        );
        if let Some(y) = &f.field_years {
            out += &format!(" field {}/{}y", y.found, y.required);
        }
    }
    for a in &r.adjustments {
        out += &format!(" {} x{:.2}", a.id, a.factor);
    }
    out
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `--dump FILE` writes every report as JSON Lines, for reading why a document ranks where it does.
    let dump = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1).cloned());
    // `--top N` prints each `--job` ranking's first N resumes with their title lines and the
    // parts of their scores, for reading what reaches the top.
    let top_n: usize = args
        .iter()
        .position(|a| a == "--top")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let floors_arg = args
        .iter()
        .position(|a| a == "--floors")
        .and_then(|i| args.get(i + 1).cloned());
    let floors: Option<Vec<f64>> = match &floors_arg {
        None => None,
        Some(f) => match f.split(',').map(|x| x.trim().parse::<f64>()).collect() {
            Ok(v) => Some(v),
            Err(_) => {
                eprintln!("error: --floors takes seven comma-separated numbers, got {f:?}");
                return ExitCode::from(2);
            }
        },
    };
    let Some(dir) = args
        .iter()
        .find(|a| {
            !a.starts_with("--")
                && Some(*a) != dump.as_ref()
                && Some(*a) != floors_arg.as_ref()
                && a.parse::<usize>().is_err()
        })
        .cloned()
    else {
        eprintln!("usage: cargo run --release --example eval -- <data dir with postings.jsonl and resumes.jsonl>");
        return ExitCode::from(2);
    };
    let dir = Path::new(&dir);
    let postings = match load(
        &dir.join("postings.jsonl"),
        "label",
        "title",
        !args.iter().any(|a| a == "--no-titles"),
    ) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let resumes = match load(&dir.join("resumes.jsonl"), "category", "title_line", false) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut scorer = match Scorer::new(Taxonomy::embedded()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    // A fixed reference month, so that the figures do not drift with the calendar.
    scorer.as_of(YearMonth::new(2025, 1));
    let Some(profile) = scorer.default_profile() else {
        eprintln!("error: the embedded taxonomy has no role to score against");
        return ExitCode::from(2);
    };
    // A document that makes the library panic is retried with bullets ('\u{2022}', three
    // bytes) replaced by three ASCII bytes, and counted, so that one bug does not hide the figures.
    let retried = std::sync::atomic::AtomicUsize::new(0);
    std::panic::set_hook(Box::new(|_| {}));
    let dumped = std::sync::Mutex::new(Vec::<(String, String)>::new());
    let score_one = |doc: &Doc, kind: DocKind| -> f64 {
        let run = |t: &str| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                scorer.score(&profile, &scorer.analyze(t, Some(kind)))
            }))
        };
        let report = match run(&doc.text) {
            Ok(r) => Some(r),
            Err(_) => {
                retried.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                run(&doc.text.replace('\u{2022}', " * ")).ok()
            }
        };
        if dump.is_some() {
            if let Some(r) = &report {
                let line = serde_json::json!({"id": doc.id, "label": doc.label, "title": doc.title, "report": r});
                if let Ok(mut d) = dumped.lock() {
                    d.push((doc.id.clone(), line.to_string()));
                }
            }
        }
        report.map_or(0.0, |r| r.score)
    };
    let score_all = |docs: &[Doc], kind: DocKind| -> Vec<f64> {
        docs.par_iter().map(|d| score_one(d, kind)).collect()
    };
    let t = Taxonomy::embedded();
    println!(
        "taxonomy {} {} ({}), role {}",
        t.name(),
        t.version(),
        t.hash(),
        profile.name
    );

    let ps = score_all(&postings, DocKind::Posting);
    let scored: Vec<Scored<'_>> = postings
        .iter()
        .zip(ps)
        .map(|(doc, score)| Scored {
            doc,
            score,
            base: baseline(&doc.text),
        })
        .collect();
    let is_pos =
        |s: &&Scored<'_>| matches!(s.doc.label.as_str(), "it_support" | "it_support_ambiguous");
    let pos: Vec<&Scored<'_>> = scored.iter().filter(is_pos).collect();
    let other: Vec<&Scored<'_>> = scored.iter().filter(|s| s.doc.label == "other").collect();
    let other_it: Vec<&Scored<'_>> = scored
        .iter()
        .filter(|s| s.doc.label == "other_it")
        .collect();
    let all_neg: Vec<&Scored<'_>> = scored.iter().filter(|s| !is_pos(s)).collect();
    println!();
    report("postings: IT support vs other", &pos, &other);
    report("postings: IT support vs other IT", &pos, &other_it);
    report("postings: IT support vs all others", &pos, &all_neg);
    let scores = |v: &[&Scored<'_>]| v.iter().map(|s| s.score).collect::<Vec<_>>();
    let posting_aucs = [
        auc(&scores(&pos), &scores(&other)),
        auc(&scores(&pos), &scores(&other_it)),
        auc(&scores(&pos), &scores(&all_neg)),
    ];
    extremes("postings", &pos, &all_neg, 6, 8);

    let rs = score_all(&resumes, DocKind::Resume);
    let scored: Vec<Scored<'_>> = resumes
        .iter()
        .zip(rs)
        .map(|(doc, score)| Scored {
            doc,
            score,
            base: baseline(&doc.text),
        })
        .collect();
    let pos: Vec<&Scored<'_>> = scored
        .iter()
        .filter(|s| s.doc.label == "INFORMATION-TECHNOLOGY")
        .collect();
    let neg: Vec<&Scored<'_>> = scored
        .iter()
        .filter(|s| s.doc.label != "INFORMATION-TECHNOLOGY")
        .collect();
    println!();
    report("resumes: INFORMATION-TECHNOLOGY vs all others", &pos, &neg);
    extremes("resumes", &pos, &neg, 8, 10);
    let title_pos: Vec<&Scored<'_>> = scored
        .iter()
        .filter(|s| support_title(&s.doc.title))
        .collect();
    let title_neg: Vec<&Scored<'_>> = scored
        .iter()
        .filter(|s| !support_title(&s.doc.title))
        .collect();
    report(
        "resumes: support title vs all others",
        &title_pos,
        &title_neg,
    );
    extremes("resumes by title", &title_pos, &title_neg, 6, 6);

    // `scan --job`: each it_support posting ranks every resume; a resume is relevant when its
    // title line is a support title.
    let analyses: Vec<_> = resumes
        .par_iter()
        .map(|d| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                scorer.analyze(&d.text, Some(DocKind::Resume))
            }))
            .ok()
        })
        .collect();
    let mut precisions = Vec::new();
    println!();
    for p in postings.iter().filter(|p| p.label == "it_support") {
        let job = scorer.posting_profile(&p.text);
        let mut ranked: Vec<(f64, &Doc, Option<ScoreReport>)> = analyses
            .par_iter()
            .zip(&resumes)
            .map(|(a, d)| {
                let r = a.as_ref().map(|a| scorer.score(&job, a));
                (r.as_ref().map_or(0.0, |r| r.score), d, r)
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.id.cmp(&b.1.id)));
        let hits = ranked
            .iter()
            .take(10)
            .filter(|(_, d, _)| support_title(&d.title))
            .count();
        let top: Vec<String> = ranked
            .iter()
            .take(4)
            .map(|(s, d, _)| format!("{s:.0} {}", d.title.chars().take(22).collect::<String>()))
            .collect();
        if top_n > 0 {
            println!("  --job {}", p.title);
            for (s, d, r) in ranked.iter().take(top_n) {
                println!(
                    "    {} {s:>5.1}  {:<30} {:<40} {}",
                    if support_title(&d.title) { '+' } else { ' ' },
                    d.id,
                    d.title.chars().take(40).collect::<String>(),
                    r.as_ref().map_or(String::new(), parts)
                );
            }
            let ranks: Vec<String> = ranked
                .iter()
                .enumerate()
                .filter(|(_, (_, d, _))| support_title(&d.title))
                .map(|(i, (s, _, _))| format!("{}:{s:.0}", i + 1))
                .collect();
            println!("    support titles at ranks {}", ranks.join(" "));
        }
        println!(
            "  --job {:<32} P@10 {:.1}  top: {}",
            p.title.chars().take(32).collect::<String>(),
            hits as f64 / 10.0,
            top.join(" | ")
        );
        precisions.push(hits as f64 / 10.0);
    }
    let p_at_10 = precisions.iter().sum::<f64>() / precisions.len().max(1) as f64;
    println!("postings --job: mean precision at 10 (support titles) {p_at_10:.3}");

    let as_postings: Vec<&Doc> = resumes
        .par_iter()
        .filter(|d| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                scorer.analyze(&d.text, None).kind == DocKind::Posting
            }))
            .unwrap_or(false)
        })
        .collect();
    let share = as_postings.len() as f64 / resumes.len().max(1) as f64;
    let as_resumes = postings
        .par_iter()
        .filter(|d| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                scorer.analyze(&d.text, None).kind == DocKind::Resume
            }))
            .unwrap_or(false)
        })
        .count();
    println!(
        "postings read as resumes when the kind is guessed: {as_resumes} of {}",
        postings.len()
    );
    println!(
        "resumes read as postings when the kind is guessed: {} of {} ({:.1} %)",
        as_postings.len(),
        resumes.len(),
        share * 100.0
    );
    for d in as_postings.iter().take(5) {
        println!(
            "    {:<24} {}",
            d.id,
            d.title.chars().take(60).collect::<String>()
        );
    }

    let auc_of = |pos: &[&Scored<'_>], neg: &[&Scored<'_>]| {
        auc(
            &pos.iter().map(|s| s.score).collect::<Vec<_>>(),
            &neg.iter().map(|s| s.score).collect::<Vec<_>>(),
        )
    };
    let figures = [
        ("posting AUC vs other", posting_aucs[0]),
        ("posting AUC vs other IT", posting_aucs[1]),
        ("posting AUC vs all others", posting_aucs[2]),
        ("resume AUC by category", auc_of(&pos, &neg)),
        ("resume AUC by title", auc_of(&title_pos, &title_neg)),
        ("precision at 10 for --job", p_at_10),
        ("share of resumes read as postings", share),
    ];
    println!("\nsummary");
    for (name, v) in &figures {
        println!("  {name:<36} {v:.3}");
    }
    if let Some(path) = &dump {
        let mut lines = dumped.into_inner().unwrap_or_default();
        lines.sort();
        let body: String = lines.into_iter().map(|(_, l)| l + "\n").collect();
        if let Err(e) = fs::write(path, body) {
            eprintln!("error: {path}: {e}");
            return ExitCode::from(2);
        }
    }
    let retried = retried.load(std::sync::atomic::Ordering::Relaxed);
    if retried > 0 {
        println!("\nnote: {retried} documents panicked in the library and were retried with bullets replaced");
    }
    if let Some(floors) = &floors {
        let mut failed = false;
        for (i, ((name, v), floor)) in figures.iter().zip(floors).enumerate() {
            // The last figure is a share to keep low: its floor is a ceiling.
            let bad = if i == figures.len() - 1 {
                v > floor
            } else {
                v.is_nan() || v < floor
            };
            if bad {
                eprintln!("below the floor: {name} {v:.3} (floor {floor})");
                failed = true;
            }
        }
        if failed {
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}
