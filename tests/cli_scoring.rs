//! `rolefit scan` with scoring flags: --job, --resume, --role, --kind, --sort, --top,
//! --fail-under, --explain. JSON output is parsed back into the library's records.

use assert_cmd::Command;
use rolefit::record::{Record, ScanDetail};
use rolefit::scoring::ScoreReport;

/// A `scan --explain` record, parsed with the library's [`Record`].
#[derive(Debug)]
struct Rec {
    id: String,
    score: f64,
    fit: ScoreReport,
}

fn parse(line: &str) -> Rec {
    let record: Record = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
    match record {
        Record::Scan(r) => match r.detail {
            ScanDetail::Explained(e) => Rec {
                id: r.id,
                score: r.score,
                fit: e.fit,
            },
            ScanDetail::Compact(_) => panic!("--explain gives the full report: {line}"),
        },
        other => panic!("not a scan record: {other:?}"),
    }
}

fn fx(p: &str) -> String {
    format!("{}/fixtures/{p}", env!("CARGO_MANIFEST_DIR"))
}

fn scan(args: &[&str]) -> (Vec<Rec>, i32, String) {
    let out = Command::cargo_bin("rolefit")
        .unwrap()
        .arg("scan")
        .args(["--format", "jsonl", "--explain", "-q"])
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let recs = stdout.lines().map(parse).collect();
    (
        recs,
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn name(r: &Rec) -> &str {
    r.id.rsplit('/').next().unwrap()
}

#[test]
fn scan_scores_against_the_role_by_default() {
    let (recs, code, _) = scan(&[&fx("resumes/strong-mid.txt"), &fx("resumes/weak-chef.txt")]);
    assert_eq!(code, 0);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0].score, recs[0].fit.score);
    assert!(recs[0].score > recs[1].score);
    assert_eq!(
        recs[0].fit.taxonomy.name,
        rolefit::Taxonomy::embedded().name()
    );
    assert!(recs[0].fit.level.is_some());
}

#[test]
fn job_posting_against_resumes_sorted_and_cut() {
    let (recs, code, _) = scan(&[
        "--job",
        &fx("postings/desktop-support-technician.txt"),
        "--sort",
        "score",
        &fx("resumes/weak-chef.txt"),
        &fx("resumes/partial-career-changer.txt"),
        &fx("resumes/strong-mid.txt"),
    ]);
    assert_eq!(code, 0);
    let order: Vec<&str> = recs.iter().map(name).collect();
    assert_eq!(
        order,
        [
            "strong-mid.txt",
            "partial-career-changer.txt",
            "weak-chef.txt"
        ]
    );
    assert!(recs.windows(2).all(|w| w[0].score >= w[1].score));
    // Required concepts the chef lacks are listed.
    assert!(recs[2]
        .fit
        .missing_essential
        .iter()
        .any(|c| *c == "comptia-a-plus"));

    let (top, _, _) = scan(&[
        "--job",
        &fx("postings/desktop-support-technician.txt"),
        "--top",
        "1",
        &fx("resumes/weak-chef.txt"),
        &fx("resumes/strong-mid.txt"),
    ]);
    assert_eq!(top.len(), 1);
    assert_eq!(name(&top[0]), "strong-mid.txt");
}

#[test]
fn resume_against_postings_matches_the_other_direction() {
    let (recs, code, _) = scan(&[
        "--resume",
        &fx("resumes/strong-mid.txt"),
        "--sort",
        "score",
        &fx("postings/registered-nurse.txt"),
        &fx("postings/desktop-support-technician.txt"),
    ]);
    assert_eq!(code, 0);
    assert_eq!(name(&recs[0]), "desktop-support-technician.txt");
    let (forward, _, _) = scan(&[
        "--job",
        &fx("postings/desktop-support-technician.txt"),
        &fx("resumes/strong-mid.txt"),
    ]);
    assert_eq!(recs[0].score, forward[0].score);
}

#[test]
fn fail_under_exits_one() {
    let (_, code, stderr) = scan(&[
        "--fail-under",
        "50",
        &fx("resumes/strong-mid.txt"),
        &fx("resumes/weak-chef.txt"),
    ]);
    assert_eq!(code, 1, "{stderr}");
    let (_, code, _) = scan(&["--fail-under", "10", &fx("resumes/strong-mid.txt")]);
    assert_eq!(code, 0);
}

#[test]
fn as_of_fixes_what_present_means() {
    let (a, code, _) = scan(&["--as-of", "2025-01", &fx("resumes/strong-mid.txt")]);
    assert_eq!(code, 0);
    assert_eq!(a[0].fit.as_of, rolefit::scoring::YearMonth::new(2025, 1));
    assert_eq!(a[0].fit.years.dated, Some(3.5));
    let (b, _, _) = scan(&["--as-of", "2027-01", &fx("resumes/strong-mid.txt")]);
    assert_eq!(b[0].fit.years.dated, Some(5.5));
    let out = Command::cargo_bin("rolefit")
        .unwrap()
        .args(["scan", "--as-of", "January", &fx("resumes/strong-mid.txt")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("YYYY-MM"));
}

#[test]
fn role_chooses_how_a_job_posting_is_read() {
    // The nursing taxonomy's first role is not the nurse's: only with --role do the posting and
    // the resume get the nurse role's levels, so the charge nurse's level and the level gap show.
    let tax = fx("judgement/nurse-taxonomy.json");
    let job = fx("judgement/post_nurse_role.txt");
    let resume = fx("judgement/res_nurse_charge.txt");
    let base = [
        "--taxonomy",
        &tax,
        "--as-of",
        "2026-11",
        "--job",
        &job,
        &resume,
    ];
    let (plain, code, _) = scan(&base);
    assert_eq!(code, 0);
    assert!(plain[0].fit.level.is_none(), "{:?}", plain[0].fit.level);
    let mut with_role = base.to_vec();
    with_role.extend(["--role", "registered-nurse"]);
    let (chosen, code, _) = scan(&with_role);
    assert_eq!(code, 0);
    let level = chosen[0]
        .fit
        .level
        .as_ref()
        .expect("the nurse role's levels");
    assert_eq!(level.level, "charge-nurse");
    assert!(chosen[0].fit.level_gap.is_some());
    let (_, code, err) = scan(&["--role", "no-such-role", "--job", &job, &resume]);
    assert_eq!(code, 2);
    assert!(err.contains("no-such-role"), "{err}");
}
