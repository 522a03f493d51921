//! Scoring rules on the fixtures in fixtures/resumes and fixtures/postings. Every result is
//! serialised to JSON and parsed back into typed structs, as a consumer of the output would.

use std::fs;

use rolefit::scoring::{
    DocKind, GapKind, Polarity, Profile, ProfileSource, ScoreReport, Scorer, SectionKind, YearMonth,
};
use rolefit::taxonomy::role::{GroupRule, Importance};
use rolefit::Taxonomy;

fn scorer() -> Scorer {
    let mut s = Scorer::new(Taxonomy::embedded()).expect("embedded taxonomy compiles");
    s.as_of(YearMonth::new(2025, 1));
    s
}

fn fixture(path: &str) -> String {
    fs::read_to_string(format!("{}/fixtures/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Through JSON and back, as the CLI's consumers see it.
fn roundtrip(report: &ScoreReport) -> ScoreReport {
    let json = serde_json::to_string(report).expect("serialise");
    serde_json::from_str(&json).expect("parse back")
}

fn role() -> Profile {
    scorer()
        .role_profile("desktop-technician")
        .expect("desktop-technician role")
}

fn resume(path: &str) -> ScoreReport {
    let s = scorer();
    let text = fixture(&format!("resumes/{path}"));
    roundtrip(&s.score(&role(), &s.analyze(&text, Some(DocKind::Resume))))
}

fn matched(r: &ScoreReport) -> Vec<String> {
    let mut v: Vec<String> = r
        .groups
        .iter()
        .flat_map(|g| g.matched.iter().map(|e| e.concept.to_string()))
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn role_profile_is_the_seed_profile() {
    let p = role();
    assert_eq!(
        p.source,
        ProfileSource::Role {
            id: "desktop-technician".into()
        }
    );
    let ids: Vec<&str> = p.groups.iter().map(|g| g.id.as_str()).collect();
    for want in [
        "certifications",
        "operating-systems",
        "hardware",
        "networking",
        "directory-accounts",
        "remote-support",
        "ticketing",
        "security",
        "scripting",
        "productivity",
        "backup-recovery",
        "mdm",
        "soft-skills",
        "education",
        "experience",
    ] {
        assert!(ids.contains(&want), "group {want} missing from {ids:?}");
    }
    let certs = p.groups.iter().find(|g| g.id == "certifications").unwrap();
    let a_plus = certs
        .items
        .iter()
        .find(|i| i.concept == "comptia-a-plus")
        .unwrap();
    assert_eq!(a_plus.importance, Importance::Essential);
    assert!(a_plus
        .advice
        .as_deref()
        .unwrap()
        .contains("essential for entry-level roles"));
    let remote = p.groups.iter().find(|g| g.id == "remote-support").unwrap();
    assert_eq!(remote.rule, GroupRule::Any);
    assert!(remote.items.iter().any(|i| i.concept == "teamviewer"));
    let levels: Vec<(&str, f64, Option<f64>)> = p
        .levels
        .iter()
        .map(|l| (l.name.as_str(), l.min_years, l.max_years))
        .collect();
    assert_eq!(
        levels,
        vec![
            ("Junior Desktop Technician", 0.0, Some(2.0)),
            ("Desktop Technician", 2.0, Some(4.0)),
            ("Senior Desktop Technician", 4.0, Some(7.0)),
            ("IT Support Specialist", 6.0, Some(10.0)),
            ("IT Support Lead", 8.0, Some(12.0)),
            ("Desktop Support Manager", 10.0, None),
        ]
    );
    assert!(p.levels.iter().all(|l| !l.focus.is_empty()));
}

#[test]
fn score_is_the_sum_of_group_points() {
    let r = resume("strong-mid.txt");
    let max: f64 = r.groups.iter().map(|g| g.max_points).sum();
    assert!((max - 100.0).abs() < 0.1, "group maxima sum to {max}");
    for g in &r.groups {
        assert!(g.points <= g.max_points + 1e-9, "{}", g.id);
        for e in &g.matched {
            assert!(
                !e.spans.is_empty() || e.implied_by.is_some(),
                "{} has no evidence",
                e.concept
            );
        }
    }
    // A role's score: the groups' points (coverage), weighed by focus on the role, and the
    // title; then the adjustments.
    let sum: f64 = r.groups.iter().map(|g| g.points).sum();
    let fit = r
        .role_fit
        .as_ref()
        .expect("a role's profile reports its fit");
    assert!(
        (fit.coverage - sum).abs() < 0.1,
        "{} vs {sum}",
        fit.coverage
    );
    assert!((0.0..=1.0).contains(&fit.focus) && (0.0..=1.0).contains(&fit.title_match));
    let expected =
        (0.75 * sum * (0.4 + 0.6 * fit.focus) + 25.0 * fit.title_match) * r.adjustment_factor();
    assert!(
        (expected - r.score).abs() < 0.3,
        "{expected} vs {}",
        r.score
    );
    assert!((0.0..=100.0).contains(&r.score));
}

#[test]
fn spans_point_at_the_evidence() {
    let text = fixture("resumes/strong-mid.txt");
    let r = resume("strong-mid.txt");
    for g in &r.groups {
        for e in &g.matched {
            for s in &e.spans {
                assert_eq!(&text[s.start..s.end], s.text);
            }
        }
    }
}

#[test]
fn every_result_carries_the_taxonomy_stamp() {
    let t = Taxonomy::embedded();
    let r = resume("strong-junior.txt");
    assert_eq!(r.taxonomy.name, t.name());
    assert_eq!(r.taxonomy.version, t.version());
    assert_eq!(r.taxonomy.hash, t.hash());
    assert!(r.taxonomy.hash.starts_with("sha256:"));
}

#[test]
fn strong_beats_partial_beats_weak() {
    let strong = [
        "strong-junior.txt",
        "strong-mid.txt",
        "strong-senior.txt",
        "specialist.txt",
        "lead.txt",
        "manager.txt",
    ];
    let partial = ["partial-career-changer.txt", "partial-mid.txt"];
    let weak = ["weak-chef.txt", "weak-developer.txt"];
    let score = |f: &str| resume(f).score;
    let min_strong = strong.iter().map(|f| score(f)).fold(f64::MAX, f64::min);
    let max_partial = partial.iter().map(|f| score(f)).fold(0.0, f64::max);
    let min_partial = partial.iter().map(|f| score(f)).fold(f64::MAX, f64::min);
    let max_weak = weak.iter().map(|f| score(f)).fold(0.0, f64::max);
    assert!(
        min_strong > max_partial,
        "strong {min_strong} vs partial {max_partial}"
    );
    assert!(
        min_partial > max_weak,
        "partial {min_partial} vs weak {max_weak}"
    );
    assert!(score("weak-chef.txt") < 15.0);
}

#[test]
fn repeating_a_term_does_not_inflate_the_score() {
    let s = scorer();
    let p = role();
    let once =
        "Experience\nHelp Desk Technician, 2021 - 2024\nReset passwords in Active Directory \
                for 200 users and logged every call in ServiceNow.\n";
    let mut many = once.to_string();
    for _ in 0..10 {
        many.push_str(
            "Reset passwords in Active Directory for the users and logged calls in ServiceNow.\n",
        );
    }
    let a = s.score(&p, &s.analyze(once, Some(DocKind::Resume)));
    let b = s.score(&p, &s.analyze(&many, Some(DocKind::Resume)));
    assert_eq!(a.score, b.score);
    let ad = |r: &ScoreReport| {
        r.groups
            .iter()
            .flat_map(|g| &g.matched)
            .find(|e| e.concept == "active-directory")
            .map(|e| (e.credit, e.mentions))
            .unwrap()
    };
    assert_eq!(ad(&a).0, ad(&b).0);
    assert!(ad(&b).1 > ad(&a).1);
}

#[test]
fn keyword_stuffing_does_not_beat_a_real_resume() {
    let stuffed = resume("keyword-stuffed.txt");
    for real in ["strong-mid.txt", "strong-senior.txt", "strong-junior.txt"] {
        let r = resume(real);
        assert!(
            r.score > stuffed.score,
            "{real} {} should beat the stuffed resume {}",
            r.score,
            stuffed.score
        );
        assert!(r.adjustments.is_empty(), "{real} must not be flagged");
    }
    assert!(stuffed
        .adjustments
        .iter()
        .any(|a| a.id == "keyword-stuffing" && a.factor < 1.0));
    assert!(stuffed.keyword_density > 0.45);
    // Listed terms earn list credit, not prose credit.
    let ad = stuffed
        .groups
        .iter()
        .flat_map(|g| &g.matched)
        .find(|e| e.concept == "active-directory")
        .unwrap();
    assert!(ad.credit < 1.0);
}

#[test]
fn prose_in_experience_counts_more_than_a_skills_list() {
    let s = scorer();
    let p = role();
    let prose = "Experience\nDesktop Technician, 2020 - 2024\nManaged user accounts in Active Directory and \
                 supported remote staff over TeamViewer every day.\n";
    let list = "Skills\nActive Directory, TeamViewer\n";
    let a = s.score(&p, &s.analyze(prose, Some(DocKind::Resume)));
    let b = s.score(&p, &s.analyze(list, Some(DocKind::Resume)));
    let credit = |r: &ScoreReport, id: &str| {
        r.groups
            .iter()
            .flat_map(|g| &g.matched)
            .find(|e| e.concept == id)
            .map(|e| e.credit)
            .unwrap_or(0.0)
    };
    assert_eq!(credit(&a, "active-directory"), 1.0);
    assert!(credit(&b, "active-directory") < 0.7);
    assert!(credit(&a, "teamviewer") > credit(&b, "teamviewer"));
}

#[test]
fn negated_skills_do_not_count() {
    let r = resume("negations.txt");
    let got = matched(&r);
    for denied in ["macos", "linux"] {
        assert!(
            !got.contains(&denied.to_string()),
            "{denied} counted: {got:?}"
        );
        assert!(
            r.negated.iter().any(|c| *c == denied),
            "{denied} not reported negated"
        );
    }
    assert!(got.contains(&"active-directory".to_string()));
    let os = r
        .groups
        .iter()
        .find(|g| g.id == "operating-systems")
        .unwrap();
    assert!(os.missing.iter().any(|c| *c == "macos"));
}

#[test]
fn resume_sections_are_recognised() {
    let s = scorer();
    let text = fixture("resumes/strong-junior.txt");
    let a = s.analyze(&text, Some(DocKind::Resume));
    let section_of = |surface: &str| {
        let at = text.find(surface).unwrap();
        a.sections.kind_at(at)
    };
    assert_eq!(
        section_of("Help desk technician with 18 months"),
        SectionKind::Summary
    );
    assert_eq!(section_of("Answer 30-40 calls"), SectionKind::Experience);
    assert_eq!(section_of("CompTIA A+ (2023)"), SectionKind::Certifications);
    assert_eq!(
        section_of("Associate of Applied Science"),
        SectionKind::Education
    );
    assert_eq!(section_of("macOS basics"), SectionKind::Skills);
}

#[test]
fn years_from_date_ranges_and_claims() {
    let r = resume("strong-mid.txt");
    // Feb 2022 - Present (Jan 2025) and Jun 2021 - Jan 2022: 35 + 7 months.
    assert_eq!(r.years.dated, Some(3.5));
    assert_eq!(r.years.claimed, Some(3.0));
    assert_eq!(r.years.total, Some(3.5));
    let s = scorer();
    let a = s.analyze(
        "Over 5+ years of Active Directory administration.",
        Some(DocKind::Resume),
    );
    assert_eq!(
        a.experience
            .per_skill
            .first()
            .map(|p| (p.concept.as_str(), p.years)),
        Some(("active-directory", 5.0))
    );
}

#[test]
fn career_levels_follow_years_titles_and_focus() {
    for (file, level) in [
        ("strong-junior.txt", "junior-desktop-technician"),
        ("strong-mid.txt", "desktop-technician"),
        ("strong-senior.txt", "senior-desktop-technician"),
        ("specialist.txt", "it-support-specialist"),
        ("lead.txt", "it-support-lead"),
        ("manager.txt", "desktop-support-manager"),
    ] {
        let r = resume(file);
        let fit = r.level.as_ref().expect("a resume gets a level");
        assert_eq!(fit.level, level, "{file}: {:?}", fit.reasons);
        assert!(!fit.reasons.is_empty());
    }
}

#[test]
fn gaps_are_ordered_by_points_with_seed_advice() {
    let r = resume("partial-career-changer.txt");
    assert!(!r.gaps.is_empty());
    for w in r.gaps.windows(2) {
        assert!(
            w[0].points >= w[1].points,
            "{:?} before {:?}",
            w[0].name,
            w[1].name
        );
    }
    let a_plus = r
        .gaps
        .iter()
        .find(|g| g.concept.as_ref().is_some_and(|c| c == "comptia-a-plus"))
        .expect("A+ is a gap: the resume only says it is studying for it");
    assert_eq!(a_plus.kind, GapKind::Missing);
    assert_eq!(a_plus.importance, Importance::Essential);
    assert!(a_plus
        .advice
        .as_deref()
        .unwrap()
        .contains("essential for entry-level roles"));
    assert!(r.missing_essential.iter().any(|c| *c == "comptia-a-plus"));
}

#[test]
fn posting_profile_reads_sections_and_polarity() {
    let s = scorer();
    let p = s.posting_profile(&fixture("postings/desktop-support-technician.txt"));
    assert_eq!(p.source, ProfileSource::Posting);
    let imp = p.concepts();
    let get = |id: &str| imp.get(&rolefit::ConceptId::new(id)).copied();
    assert_eq!(get("comptia-a-plus"), Some(Importance::Essential));
    assert_eq!(get("servicenow"), Some(Importance::Essential));
    assert_eq!(get("active-directory"), Some(Importance::Essential));
    assert_eq!(get("powershell"), Some(Importance::Preferred));
    assert_eq!(get("microsoft-intune"), Some(Importance::Preferred));
    // "CCNA not required": not asked for at all.
    assert_eq!(get("ccna"), None);
    // Company blurb, benefits and equal-opportunity text do not make requirements.
    assert_eq!(get("citrix"), None);
    assert_eq!(get("linux"), None);
    assert_eq!(get("python"), None);
    assert_eq!(p.required_years, Some(2.0));
}

#[test]
fn flattened_posting_without_line_breaks() {
    let s = scorer();
    let p = s.posting_profile(&fixture("postings/help-desk-flattened.txt"));
    let imp = p.concepts();
    let get = |id: &str| imp.get(&rolefit::ConceptId::new(id)).copied();
    assert_eq!(get("freshservice"), Some(Importance::Essential));
    assert_eq!(get("comptia-a-plus"), Some(Importance::Preferred));
    assert_eq!(p.required_years, Some(1.0));
}

#[test]
fn posting_polarity_cues() {
    let s = scorer();
    let text = "Requirements: Windows 10 support. Intune is a plus. Nice to have: Jamf. Linux not required.";
    let a = s.analyze(text, Some(DocKind::Posting));
    let pol = |id: &str| {
        a.mentions
            .iter()
            .find(|m| m.concept == id)
            .map(|m| m.polarity)
    };
    assert_eq!(pol("windows-10"), Some(Polarity::Positive));
    assert_eq!(pol("microsoft-intune"), Some(Polarity::Preferred));
    assert_eq!(pol("jamf-pro"), Some(Polarity::Preferred));
    assert_eq!(pol("linux"), Some(Polarity::Negated));
}

#[test]
fn resumes_against_a_posting() {
    let s = scorer();
    let p = s.posting_profile(&fixture("postings/desktop-support-technician.txt"));
    let score = |f: &str| {
        let text = fixture(&format!("resumes/{f}"));
        roundtrip(&s.score(&p, &s.analyze(&text, Some(DocKind::Resume))))
    };
    let mid = score("strong-mid.txt");
    let chef = score("weak-chef.txt");
    let changer = score("partial-career-changer.txt");
    assert!(mid.score > changer.score && changer.score > chef.score);
    assert!(chef
        .missing_essential
        .iter()
        .any(|c| *c == "comptia-a-plus"));
    // Required groups come before preferred ones.
    let first_preferred = mid
        .groups
        .iter()
        .position(|g| g.importance == Importance::Preferred);
    let last_essential = mid
        .groups
        .iter()
        .rposition(|g| g.importance == Importance::Essential);
    if let (Some(fp), Some(le)) = (first_preferred, last_essential) {
        assert!(le < fp);
    }
    assert!(mid.years.total.is_some());
}

#[test]
fn postings_scored_against_the_role() {
    let s = scorer();
    let p = role();
    let score = |f: &str| {
        let text = fixture(&format!("postings/{f}"));
        s.score(&p, &s.analyze(&text, Some(DocKind::Posting))).score
    };
    let desk = score("desktop-support-technician.txt");
    let flat = score("help-desk-flattened.txt");
    let dev = score("software-engineer.txt");
    let nurse = score("registered-nurse.txt");
    assert!(desk > dev && flat > dev, "{desk} {flat} vs {dev}");
    assert!(dev > nurse || nurse < 10.0, "{dev} {nurse}");
}

#[test]
fn resume_profile_for_the_reverse_direction() {
    let s = scorer();
    let p = s.resume_profile(&fixture("resumes/strong-mid.txt"));
    assert_eq!(p.source, ProfileSource::Resume);
    assert!(p
        .concepts()
        .contains_key(&rolefit::ConceptId::new("active-directory")));
    let posting = |f: &str| {
        let text = fixture(&format!("postings/{f}"));
        s.score(&p, &s.analyze(&text, Some(DocKind::Posting))).score
    };
    assert!(posting("desktop-support-technician.txt") > posting("registered-nurse.txt"));
}

#[test]
fn scoring_is_deterministic() {
    let a = serde_json::to_string(&resume("strong-senior.txt")).unwrap();
    let b = serde_json::to_string(&resume("strong-senior.txt")).unwrap();
    assert_eq!(a, b);
}

#[test]
fn unknown_role_is_an_error_that_names_the_known_ones() {
    let err = scorer().role_profile("astronaut").unwrap_err().to_string();
    assert!(err.contains("desktop-technician"), "{err}");
}

#[test]
fn document_kind_is_guessed_for_every_fixture() {
    for dir in ["resumes", "postings"] {
        let want = if dir == "resumes" {
            DocKind::Resume
        } else {
            DocKind::Posting
        };
        let path = format!("{}/fixtures/{dir}", env!("CARGO_MANIFEST_DIR"));
        let mut names: Vec<_> = fs::read_dir(&path)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        names.sort();
        for p in names {
            let text = fs::read_to_string(&p).unwrap();
            assert_eq!(
                rolefit::scoring::sections::guess_kind(&text),
                want,
                "{}",
                p.display()
            );
        }
    }
}

#[test]
fn no_level_without_any_evidence_of_the_role() {
    let r = resume("weak-chef.txt");
    assert!(r.level.is_none(), "{:?}", r.level);
}

#[test]
fn at_the_same_level_strong_beats_partial_beats_weak() {
    // Senior-level years: a full desktop senior, a Mac-only senior without Windows domains or
    // CompTIA certifications, a retail team lead with as many years.
    let strong = resume("strong-senior.txt");
    let partial = resume("partial-senior.txt");
    let weak = resume("weak-lead.txt");
    assert!(
        strong.score > partial.score && partial.score > weak.score,
        "{} {} {}",
        strong.score,
        partial.score,
        weak.score
    );
    assert!(partial
        .unmet_essential_groups
        .contains(&"directory-accounts".to_string()));
    assert!(weak.score < 25.0, "{}", weak.score);
}

#[test]
fn levels_need_it_titles_not_any_titles() {
    // A retail team lead and a store supervisor moving into IT are not IT Support Leads.
    assert!(resume("weak-lead.txt").level.is_none());
    // The store years count as IT work only where the entry names it (the point-of-sale
    // computers and printers), so the changer lands at most at Desktop Technician.
    let changer = resume("partial-career-changer.txt");
    let level = changer.level.as_ref().map(|l| l.level.as_str());
    assert!(
        matches!(
            level,
            Some("junior-desktop-technician" | "desktop-technician")
        ),
        "{level:?}"
    );
}

/// Against a posting, the score is its parts as the report states them: the evidence, the
/// title match and the years in the field, then the adjustments; the match rate is the
/// coverage, the requirements shown at all.
#[test]
fn a_job_score_is_the_sum_of_its_reported_parts() {
    let s = scorer();
    let posting = s.posting_profile(&fixture("postings/desktop-support-technician.txt"));
    for name in [
        "strong-mid.txt",
        "strong-junior.txt",
        "keyword-stuffed.txt",
        "manager.txt",
        "partial-career-changer.txt",
    ] {
        let text = fixture(&format!("resumes/{name}"));
        let r = roundtrip(&s.score(&posting, &s.analyze(&text, Some(DocKind::Resume))));
        let fit = r.role_fit.as_ref().expect("a posting's fit is reported");
        let evidence = fit.evidence.expect("evidence against a posting");
        let years = fit
            .field_years
            .as_ref()
            .expect("field years against a posting");
        assert!(fit.headline_match.is_some(), "{name}");
        let sum: f64 = r.groups.iter().map(|g| g.points).sum();
        assert!((fit.coverage - sum).abs() < 0.1, "{name}");
        assert!(
            (r.match_rate.expect("match rate") - sum).abs() < 0.1,
            "{name}"
        );
        // Evidence weighs each requirement by how it is shown: never above the coverage.
        assert!(
            evidence <= fit.coverage + 0.1,
            "{name}: {evidence} > {}",
            fit.coverage
        );
        let expected = (0.45 * evidence
            + 40.0 * fit.title_match
            + 15.0 * (years.found / years.required).min(1.0))
            * r.adjustment_factor();
        assert!(
            (expected - r.score).abs() < 0.3,
            "{name}: {expected} vs {}",
            r.score
        );
    }
}
