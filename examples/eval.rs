//! Measures how well the desktop-technician score separates IT-support postings and IT resumes
//! from the rest, as ROC AUC, next to a naive baseline that counts about 100 desktop-support
//! keywords, and prints the worst-ranked positives and best-ranked negatives.
//!
//! ```text
//! cargo run --release --example eval -- /work/shared/data/dev
//! ```
//!
//! The directory holds `postings.jsonl` (`{"id","title","text","label"}`, labels `it_support`,
//! `it_support_ambiguous`, `other_it`, `other`) and `resumes.jsonl` (`{"id","category","text"}`).

use std::fs;
use std::path::Path;
use std::process::ExitCode;

use rayon::prelude::*;
use rolefit::scoring::{DocKind, Scorer, YearMonth};
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

fn load(path: &Path, label_key: &str, title_key: &str) -> Result<Vec<Doc>, String> {
    let raw = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        out.push(Doc {
            id: s("id"),
            title: s(title_key),
            label: s(label_key),
            text: s("text"),
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

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `--dump FILE` writes every report as JSON Lines, for reading why a document ranks where it does.
    let dump = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1).cloned());
    let Some(dir) = args
        .iter()
        .find(|a| !a.starts_with("--") && Some(*a) != dump.as_ref())
        .cloned()
    else {
        eprintln!("usage: cargo run --release --example eval -- <data dir with postings.jsonl and resumes.jsonl>");
        return ExitCode::from(2);
    };
    let dir = Path::new(&dir);
    let postings = match load(&dir.join("postings.jsonl"), "label", "title") {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let resumes = match load(&dir.join("resumes.jsonl"), "category", "title_line") {
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
    ExitCode::SUCCESS
}
