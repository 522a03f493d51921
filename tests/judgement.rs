//! Judgement cases: documents we wrote (fixtures/judgement/) and what a recruiter would say about
//! them: which of two documents fits better, with a margin, and what a report must or must not
//! list (missing, negated, in progress, other requirements, unrecognised requirements, gaps,
//! years, level gap, kind). Each case is one row of the table; a failing row names itself.
//!
//! Every report is serialised to JSON and parsed back, as a consumer of the output reads it.

use std::fs;

use rolefit::scoring::{DocKind, GapKind, ScoreReport, Scorer, YearMonth};
use rolefit::Taxonomy;

/// The taxonomy and role a case is scored with.
#[derive(Clone, Copy)]
enum Tax {
    /// The embedded desktop-technician taxonomy, its first role.
    It,
    /// The nursing fixture taxonomy, with the role `registered-nurse` chosen (not its first).
    Nurse,
}

/// What a document is scored against.
#[derive(Clone, Copy)]
enum Target {
    /// The chosen role of the taxonomy.
    Role,
    /// A posting's profile (`scan --job`).
    Job(&'static str),
    /// A posting scored against a resume's analysis (`scan --resume`): the document is the posting.
    Resume(&'static str),
}

/// What must hold of the report.
enum Check {
    /// `doc` scores at least `margin` above `other` against the same target.
    Above(&'static str, f64),
    MatchRateAtLeast(f64),
    MatchRateAtMost(f64),
    ScoreAtLeast(f64),
    ScoreAtMost(f64),
    NotMissing(&'static str),
    Other(&'static str),
    Unrecognised(&'static str),
    NoGapFor(&'static str),
    Found(&'static str),
    NotFound(&'static str),
    Negated(&'static str),
    NotNegated(&'static str),
    InProgress(&'static str),
    /// A gap of this group that offers at least this many interchangeable options.
    GroupedGap(&'static str, usize),
    /// No gap names this concept on its own.
    NoSingleGap(&'static str),
    GapsByPoints,
    SomeGapAdvice,
    /// The gap of this concept carries advice.
    GapAdvice(&'static str),
    YearsAtMost(&'static str, f64),
    YearsAtLeast(&'static str, f64),
    LevelGapAtLeast(i32),
    LevelGapAtMost(i32),
    Adjustment(&'static str),
    Level(&'static str),
    GroupNotMet(&'static str),
    Kind(DocKind),
    KindGiven(bool),
    /// The posting's own profile has these group ids.
    ProfileGroups(&'static [&'static str]),
    /// `doc`'s match rate is at least `margin` above `other`'s against the same target.
    MatchRateAbove(&'static str, f64),
    /// Against a posting: years of dated roles in its field, at least / at most.
    FieldYearsAtLeast(f64),
    FieldYearsAtMost(f64),
    /// Against a posting: the resume's title match (title lines and recent roles), at most.
    TitleAtMost(f64),
    /// Against a posting: the requirement evidence is at least this far below the coverage
    /// (requirements shown only in a skills list count less than in duties).
    EvidenceBelowCoverage(f64),
}

struct Case {
    name: &'static str,
    tax: Tax,
    target: Target,
    doc: &'static str,
    /// The kind to read the document as; `None` guesses it.
    kind: Option<DocKind>,
    check: Check,
}

fn fixture(name: &str) -> String {
    fs::read_to_string(format!(
        "{}/fixtures/judgement/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn scorer(tax: Tax) -> Scorer {
    let mut s = match tax {
        Tax::It => Scorer::new(Taxonomy::embedded()).expect("embedded taxonomy"),
        Tax::Nurse => {
            let t = Taxonomy::from_json_str(&fixture("nurse-taxonomy.json"), "nurse-taxonomy.json")
                .expect("nurse taxonomy");
            let mut s = Scorer::new(&t).expect("nurse matcher");
            s.role("registered-nurse").expect("registered-nurse role");
            s
        }
    };
    s.as_of(YearMonth::new(2025, 1));
    s
}

fn roundtrip(r: &ScoreReport) -> ScoreReport {
    serde_json::from_str(&serde_json::to_string(r).expect("serialise")).expect("parse back")
}

fn report(s: &Scorer, target: Target, doc: &str, kind: Option<DocKind>) -> ScoreReport {
    let text = fixture(doc);
    let r = match target {
        Target::Role => {
            let p = s.default_profile().expect("a role");
            s.score(&p, &s.analyze(&text, kind))
        }
        Target::Job(job) => {
            let p = s.posting_profile(&fixture(job));
            s.score(&p, &s.analyze(&text, kind.or(Some(DocKind::Resume))))
        }
        Target::Resume(resume) => {
            let r = s.analyze(&fixture(resume), Some(DocKind::Resume));
            let p = s.posting_profile_of(&s.analyze(&text, Some(DocKind::Posting)));
            s.score(&p, &r)
        }
    };
    roundtrip(&r)
}

fn found(r: &ScoreReport) -> Vec<String> {
    r.groups
        .iter()
        .flat_map(|g| g.matched.iter().map(|e| e.concept.to_string()))
        .collect()
}

fn years_of(r: &ScoreReport, group: &str) -> f64 {
    r.groups
        .iter()
        .find(|g| g.id == group)
        .and_then(|g| g.years.as_ref())
        .unwrap_or_else(|| panic!("no years check in group {group}"))
        .found
}

/// Checks one case; `Err` says what went wrong.
fn run(case: &Case) -> Result<(), String> {
    let s = scorer(case.tax);
    let r = report(&s, case.target, case.doc, case.kind);
    let ids = |v: &[rolefit::ConceptId]| v.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    let ok = |cond: bool, what: String| if cond { Ok(()) } else { Err(what) };
    match &case.check {
        Check::Above(other, margin) => {
            let o = report(&s, case.target, other, case.kind);
            ok(
                r.score >= o.score + margin,
                format!("{} scores {} and {other} {}", case.doc, r.score, o.score),
            )
        }
        Check::MatchRateAtLeast(x) => ok(
            r.match_rate.is_some_and(|m| m >= *x),
            format!(
                "match rate {:?}; short: {:?}",
                r.match_rate,
                r.groups
                    .iter()
                    .filter(|g| g.points < g.max_points)
                    .map(|g| (&g.id, g.points, g.max_points, &g.missing))
                    .collect::<Vec<_>>()
            ),
        ),
        Check::MatchRateAtMost(x) => ok(
            r.match_rate.is_some_and(|m| m <= *x),
            format!("match rate {:?}", r.match_rate),
        ),
        Check::ScoreAtLeast(x) => ok(r.score >= *x, format!("score {}", r.score)),
        Check::ScoreAtMost(x) => ok(r.score <= *x, format!("score {}", r.score)),
        Check::NotMissing(id) => ok(
            !ids(&r.missing_essential).contains(&id.to_string()),
            format!("missing essential: {:?}", ids(&r.missing_essential)),
        ),
        Check::Other(kind) => ok(
            r.other_requirements.iter().any(|o| o.kind == *kind),
            format!("other requirements: {:?}", r.other_requirements),
        ),
        Check::Unrecognised(text) => ok(
            r.unrecognised.iter().any(|u| u.text.contains(text)),
            format!("unrecognised: {:?}", r.unrecognised),
        ),
        Check::NoGapFor(id) => ok(
            !r.gaps.iter().any(|g| {
                g.concept.as_ref().is_some_and(|c| c.as_str() == *id)
                    || g.options.iter().any(|c| c.as_str() == *id)
            }),
            format!("gaps: {:?}", r.gaps),
        ),
        Check::Found(id) => ok(
            found(&r).contains(&id.to_string()),
            format!("found: {:?}", found(&r)),
        ),
        Check::NotFound(id) => ok(
            !found(&r).contains(&id.to_string()),
            format!("found: {:?}", found(&r)),
        ),
        Check::Negated(id) => ok(
            ids(&r.negated).contains(&id.to_string()),
            format!("negated: {:?}", ids(&r.negated)),
        ),
        Check::NotNegated(id) => ok(
            !ids(&r.negated).contains(&id.to_string()),
            format!("negated: {:?}", ids(&r.negated)),
        ),
        Check::InProgress(id) => ok(
            ids(&r.in_progress).contains(&id.to_string()),
            format!("in progress: {:?}", ids(&r.in_progress)),
        ),
        Check::GroupedGap(group, n) => ok(
            r.gaps
                .iter()
                .any(|g| g.group == *group && g.kind == GapKind::Missing && g.options.len() >= *n),
            format!("gaps: {:?}", r.gaps),
        ),
        Check::NoSingleGap(id) => ok(
            !r.gaps.iter().any(|g| {
                g.options.is_empty() && g.concept.as_ref().is_some_and(|c| c.as_str() == *id)
            }),
            format!("gaps: {:?}", r.gaps),
        ),
        Check::GapAdvice(id) => ok(
            r.gaps.iter().any(|g| {
                g.concept.as_ref().is_some_and(|c| c.as_str() == *id) && g.advice.is_some()
            }),
            format!("gaps: {:?}", r.gaps),
        ),
        Check::GapsByPoints => ok(
            !r.gaps.is_empty() && r.gaps.windows(2).all(|w| w[0].points >= w[1].points),
            format!("gaps: {:?}", r.gaps),
        ),
        Check::SomeGapAdvice => ok(
            r.gaps.iter().any(|g| g.advice.is_some()),
            format!("gaps: {:?}", r.gaps),
        ),
        Check::YearsAtMost(g, x) => ok(years_of(&r, g) <= *x, format!("years {}", years_of(&r, g))),
        Check::YearsAtLeast(g, x) => {
            ok(years_of(&r, g) >= *x, format!("years {}", years_of(&r, g)))
        }
        Check::LevelGapAtLeast(n) => ok(
            r.level_gap.as_ref().is_some_and(|l| l.steps >= *n),
            format!("level gap {:?}", r.level_gap),
        ),
        Check::LevelGapAtMost(n) => ok(
            r.level_gap.as_ref().is_some_and(|l| l.steps.abs() <= *n),
            format!("level gap {:?}", r.level_gap),
        ),
        Check::Adjustment(id) => ok(
            r.adjustments.iter().any(|a| a.id == *id),
            format!("adjustments {:?}", r.adjustments),
        ),
        Check::Level(id) => ok(
            r.level.as_ref().is_some_and(|l| l.level == *id),
            format!("level {:?}", r.level),
        ),
        Check::GroupNotMet(id) => ok(
            r.groups.iter().any(|g| g.id == *id && !g.met),
            format!(
                "groups {:?}",
                r.groups
                    .iter()
                    .map(|g| (&g.id, g.points, g.max_points))
                    .collect::<Vec<_>>()
            ),
        ),
        Check::Kind(k) => ok(r.doc_kind == *k, format!("kind {:?}", r.doc_kind)),
        Check::KindGiven(g) => ok(
            r.kind_basis.given == *g,
            format!("kind basis {:?}", r.kind_basis),
        ),
        Check::MatchRateAbove(other, margin) => {
            let o = report(&s, case.target, other, case.kind);
            ok(
                matches!((r.match_rate, o.match_rate), (Some(a), Some(b)) if a >= b + margin),
                format!(
                    "{} match rate {:?} and {other} {:?}",
                    case.doc, r.match_rate, o.match_rate
                ),
            )
        }
        Check::FieldYearsAtLeast(x) | Check::FieldYearsAtMost(x) => {
            let found = r
                .role_fit
                .as_ref()
                .and_then(|f| f.field_years.as_ref())
                .map(|y| y.found);
            let within = found.is_some_and(|y| match &case.check {
                Check::FieldYearsAtLeast(_) => y >= *x,
                _ => y <= *x,
            });
            ok(within, format!("field years {found:?}"))
        }
        Check::TitleAtMost(x) => {
            let t = r.role_fit.as_ref().map(|f| f.title_match);
            ok(t.is_some_and(|t| t <= *x), format!("title match {t:?}"))
        }
        Check::EvidenceBelowCoverage(x) => {
            let f = r.role_fit.as_ref();
            let (e, c) = (f.and_then(|f| f.evidence), f.map(|f| f.coverage));
            ok(
                matches!((e, c), (Some(e), Some(c)) if e <= c - x),
                format!("evidence {e:?}, coverage {c:?}"),
            )
        }
        Check::ProfileGroups(want) => {
            let p = s.posting_profile(&fixture(case.doc));
            let have: Vec<&str> = p.groups.iter().map(|g| g.id.as_str()).collect();
            ok(
                want.iter().all(|w| have.contains(w)),
                format!("profile groups {have:?}"),
            )
        }
    }
}

use Check::*;
use Target::*;

const HELPDESK: Target = Job("post_helpdesk.txt");
const R: Option<DocKind> = Some(DocKind::Resume);
const P: Option<DocKind> = Some(DocKind::Posting);

fn c(
    name: &'static str,
    tax: Tax,
    target: Target,
    doc: &'static str,
    kind: Option<DocKind>,
    check: Check,
) -> Case {
    Case {
        name,
        tax,
        target,
        doc,
        kind,
        check,
    }
}

fn cases() -> Vec<Case> {
    use Tax::{It, Nurse};
    vec![
        // Job description against resumes: alternatives.
        c(
            "full match reads as one",
            It,
            HELPDESK,
            "res_jira_tech.txt",
            R,
            MatchRateAtLeast(85.0),
        ),
        c(
            "a similar ticketing system: Jira meets ServiceNow",
            It,
            HELPDESK,
            "res_jira_tech.txt",
            R,
            NotMissing("servicenow"),
        ),
        c(
            "a similar ticketing system: no separate ticketing gap",
            It,
            HELPDESK,
            "res_jira_tech.txt",
            R,
            NotMissing("ticketing-systems"),
        ),
        c(
            "Windows 10/11 met by Windows 11",
            It,
            HELPDESK,
            "res_jira_tech.txt",
            R,
            NotMissing("windows-10"),
        ),
        c(
            "Jamf, Intune, or another MDM: Intune meets it",
            It,
            HELPDESK,
            "res_jira_tech.txt",
            R,
            NotMissing("jamf-pro"),
        ),
        c(
            "such as TeamViewer or AnyDesk: AnyDesk meets it",
            It,
            HELPDESK,
            "res_jira_tech.txt",
            R,
            NotMissing("teamviewer"),
        ),
        c(
            "desktop support or help desk experience: either meets it",
            It,
            HELPDESK,
            "res_jira_tech.txt",
            R,
            NotMissing("desktop-support"),
        ),
        // Requirements that are not skills.
        c(
            "driver's licence is another requirement",
            It,
            HELPDESK,
            "res_jira_tech.txt",
            R,
            Other("driving-licence"),
        ),
        c(
            "lifting is another requirement",
            It,
            HELPDESK,
            "res_jira_tech.txt",
            R,
            Other("physical"),
        ),
        c(
            "background check is another requirement",
            It,
            HELPDESK,
            "res_jira_tech.txt",
            R,
            Other("background-check"),
        ),
        c(
            "shifts are another requirement",
            It,
            HELPDESK,
            "res_jira_tech.txt",
            R,
            Other("schedule"),
        ),
        c(
            "travel is another requirement",
            It,
            HELPDESK,
            "res_jira_tech.txt",
            R,
            Other("travel"),
        ),
        c(
            "a driver's licence is never a gap",
            It,
            HELPDESK,
            "res_jira_tech.txt",
            R,
            NoGapFor("drivers-license"),
        ),
        c(
            "lifting is never a gap",
            It,
            HELPDESK,
            "res_jira_tech.txt",
            R,
            NoGapFor("physical-requirements"),
        ),
        // Unrecognised requirements.
        c(
            "RN license is unrecognised",
            It,
            Job("post_nurse.txt"),
            "res_jira_tech.txt",
            R,
            Unrecognised("RN license"),
        ),
        c(
            "BLS is unrecognised",
            It,
            Job("post_nurse.txt"),
            "res_jira_tech.txt",
            R,
            Unrecognised("BLS"),
        ),
        c(
            "ACLS is unrecognised",
            It,
            Job("post_nurse.txt"),
            "res_jira_tech.txt",
            R,
            Unrecognised("ACLS"),
        ),
        c(
            "unrecognised requirements are unmet",
            It,
            Job("post_nurse.txt"),
            "res_jira_tech.txt",
            R,
            MatchRateAtMost(50.0),
        ),
        c(
            "an IT resume ranks the IT posting above the nurse posting",
            It,
            Resume("res_jira_tech.txt"),
            "post_helpdesk.txt",
            P,
            Above("post_nurse.txt", 15.0),
        ),
        // Years that count.
        c(
            "a line cook's years are not help desk years",
            It,
            HELPDESK,
            "res_line_cook.txt",
            R,
            YearsAtMost("experience-years", 0.5),
        ),
        c(
            "a technician's dated role counts",
            It,
            HELPDESK,
            "res_jira_tech.txt",
            R,
            YearsAtLeast("experience-years", 2.0),
        ),
        c(
            "the technician outranks the line cook listing skills",
            It,
            HELPDESK,
            "res_jira_tech.txt",
            R,
            Above("res_line_cook.txt", 20.0),
        ),
        c(
            "the role's experience years skip a cook's years",
            It,
            Role,
            "res_line_cook.txt",
            R,
            YearsAtMost("experience", 0.5),
        ),
        // Seniority.
        c(
            "a director is far above a technician posting",
            It,
            Job("post_level_tech.txt"),
            "res_director.txt",
            R,
            LevelGapAtLeast(3),
        ),
        c(
            "the level gap lowers the director's fit",
            It,
            Job("post_level_tech.txt"),
            "res_director.txt",
            R,
            Adjustment("level-gap"),
        ),
        c(
            "the technician ranks above the director for a technician posting",
            It,
            Job("post_level_tech.txt"),
            "res_jira_tech.txt",
            R,
            Above("res_director.txt", 1.0),
        ),
        c(
            "a help desk technician outranks an IT manager with the same skills for a help desk posting",
            It,
            Job("post_helpdesk.txt"),
            "res_jira_tech.txt",
            R,
            Above("res_it_manager.txt", 5.0),
        ),
        c(
            "support roles outrank a support headline over software engineering roles",
            It,
            Job("post_helpdesk.txt"),
            "res_jira_tech.txt",
            R,
            Above("res_engineer_roles.txt", 5.0),
        ),
        c(
            "a technician is at most a step from a technician posting",
            It,
            Job("post_level_tech.txt"),
            "res_jira_tech.txt",
            R,
            LevelGapAtMost(1),
        ),
        // Polarity and one truth.
        c(
            "enrolled iPads in Intune is not negation",
            It,
            Role,
            "res_jira_tech.txt",
            R,
            NotNegated("microsoft-intune"),
        ),
        c(
            "enrolled iPads in Intune shows Intune",
            It,
            Role,
            "res_jira_tech.txt",
            R,
            Found("microsoft-intune"),
        ),
        c(
            "studying for Network+ is in progress",
            It,
            Role,
            "res_studying.txt",
            R,
            InProgress("comptia-network-plus"),
        ),
        c(
            "studying for Network+ is negated",
            It,
            Role,
            "res_studying.txt",
            R,
            Negated("comptia-network-plus"),
        ),
        c(
            "studying for Network+ is never found",
            It,
            Role,
            "res_studying.txt",
            R,
            NotFound("comptia-network-plus"),
        ),
        c(
            "a waived requirement is not required",
            It,
            Job("post_linux_waived.txt"),
            "res_jira_tech.txt",
            R,
            NotMissing("ccna"),
        ),
        // Gaps.
        c(
            "directory options make one gap",
            It,
            Role,
            "res_no_directory.txt",
            R,
            GroupedGap("directory-accounts", 3),
        ),
        c(
            "LDAP is not a gap of its own",
            It,
            Role,
            "res_no_directory.txt",
            R,
            NoSingleGap("ldap"),
        ),
        c(
            "gaps are ordered by points",
            It,
            Role,
            "res_no_directory.txt",
            R,
            GapsByPoints,
        ),
        c(
            "gaps carry the seed advice",
            It,
            Role,
            "res_no_directory.txt",
            R,
            SomeGapAdvice,
        ),
        c(
            "a posting's single-concept gap carries the seed advice",
            It,
            HELPDESK,
            "res_helpdesk_few.txt",
            R,
            GapAdvice("comptia-a-plus"),
        ),
        c(
            "a posting's gap for an option set carries the seed advice",
            It,
            HELPDESK,
            "res_helpdesk_few.txt",
            R,
            GapAdvice("servicenow"),
        ),
        // Role fit without a posting.
        c(
            "a short desktop posting beats a DevOps posting",
            It,
            Role,
            "post_short_desktop.txt",
            P,
            Above("post_devops.txt", 5.0),
        ),
        c(
            "a short desktop posting beats a restaurant posting",
            It,
            Role,
            "post_short_desktop.txt",
            P,
            Above("post_restaurant.txt", 20.0),
        ),
        c(
            "a restaurant posting is off-role",
            It,
            Role,
            "post_restaurant.txt",
            P,
            ScoreAtMost(15.0),
        ),
        c(
            "one line does not fill the operating-systems group",
            It,
            Role,
            "post_sales_one_line.txt",
            P,
            GroupNotMet("operating-systems"),
        ),
        c(
            "a helpdesk contact line is not experience",
            It,
            Role,
            "post_sales_one_line.txt",
            P,
            NotFound("help-desk-support"),
        ),
        c(
            "a technician resume beats a chef",
            It,
            Role,
            "res_no_directory.txt",
            R,
            Above("res_chef.txt", 30.0),
        ),
        c(
            "a chef is off-role",
            It,
            Role,
            "res_chef.txt",
            R,
            ScoreAtMost(10.0),
        ),
        c(
            "a technician with a role title scores well",
            It,
            Role,
            "res_jira_tech.txt",
            R,
            ScoreAtLeast(50.0),
        ),
        c(
            "a bare keyword list is scaled down",
            It,
            Role,
            "res_keyword_list.txt",
            R,
            Adjustment("keyword-stuffing"),
        ),
        // What a recruiter phones first: the job in the recent titles, years in the field,
        // requirements shown in duties rather than listed.
        c(
            "a help desk technician with fewer listed skills outranks a developer listing more",
            It,
            HELPDESK,
            "res_helpdesk_few.txt",
            R,
            Above("res_developer_skills.txt", 10.0),
        ),
        c(
            "the developer's list shows more of the posting than the technician (match rate)",
            It,
            HELPDESK,
            "res_developer_skills.txt",
            R,
            MatchRateAbove("res_helpdesk_few.txt", 10.0),
        ),
        c(
            "a developer's years are not help desk years",
            It,
            HELPDESK,
            "res_developer_skills.txt",
            R,
            FieldYearsAtMost(0.5),
        ),
        c(
            "a help desk technician's roles are years in the field",
            It,
            HELPDESK,
            "res_helpdesk_few.txt",
            R,
            FieldYearsAtLeast(3.0),
        ),
        c(
            "a real technician outranks a line cook listing IT words",
            It,
            HELPDESK,
            "res_helpdesk_few.txt",
            R,
            Above("res_line_cook.txt", 20.0),
        ),
        c(
            "a line cook's years are not in the field",
            It,
            HELPDESK,
            "res_line_cook.txt",
            R,
            FieldYearsAtMost(0.0),
        ),
        c(
            "an engineering technician is another trade's technician",
            It,
            HELPDESK,
            "res_eng_technician.txt",
            R,
            TitleAtMost(0.2),
        ),
        c(
            "a help desk technician outranks an engineering technician listing more",
            It,
            HELPDESK,
            "res_helpdesk_few.txt",
            R,
            Above("res_eng_technician.txt", 5.0),
        ),
        c(
            "requirements shown in duties outrank the same requirements in a skills list",
            It,
            HELPDESK,
            "res_tech_duties.txt",
            R,
            Above("res_tech_list.txt", 3.0),
        ),
        c(
            "a skills list shows the requirements: the match rate reads them",
            It,
            HELPDESK,
            "res_tech_list.txt",
            R,
            MatchRateAtLeast(50.0),
        ),
        c(
            "a skills list is weaker evidence than duties",
            It,
            HELPDESK,
            "res_tech_list.txt",
            R,
            EvidenceBelowCoverage(10.0),
        ),
        c(
            "a bare keyword list does not outrank a technician",
            It,
            HELPDESK,
            "res_helpdesk_few.txt",
            R,
            Above("res_keyword_list.txt", 10.0),
        ),
        // Document kind.
        c(
            "a one-line CSV resume reads as a resume",
            It,
            Role,
            "res_csv_dump.txt",
            None,
            Kind(DocKind::Resume),
        ),
        c(
            "a flattened PDF resume reads as a resume",
            It,
            Role,
            "res_flat_pdf.txt",
            None,
            Kind(DocKind::Resume),
        ),
        c(
            "a posting reads as a posting",
            It,
            Role,
            "post_helpdesk.txt",
            None,
            Kind(DocKind::Posting),
        ),
        c(
            "a short posting reads as a posting",
            It,
            Role,
            "post_short_desktop.txt",
            None,
            Kind(DocKind::Posting),
        ),
        c(
            "a guessed kind says so",
            It,
            Role,
            "res_csv_dump.txt",
            None,
            KindGiven(false),
        ),
        c(
            "an explicit kind wins and says so",
            It,
            Role,
            "res_csv_dump.txt",
            P,
            KindGiven(true),
        ),
        c(
            "an explicit kind is the kind",
            It,
            Role,
            "res_csv_dump.txt",
            P,
            Kind(DocKind::Posting),
        ),
        // Any role: a nursing taxonomy whose chosen role is not its first.
        c(
            "a nurse beats a technician for a nurse role",
            Nurse,
            Role,
            "res_nurse_charge.txt",
            R,
            Above("res_jira_tech.txt", 30.0),
        ),
        c(
            "a charge nurse outranks a nurse manager with the same skills for a staff nurse posting",
            Nurse,
            Job("post_nurse.txt"),
            "res_nurse_charge.txt",
            R,
            Above("res_nurse_manager.txt", 5.0),
        ),
        c(
            "a charge nurse is placed as a charge nurse",
            Nurse,
            Role,
            "res_nurse_charge.txt",
            R,
            Level("charge-nurse"),
        ),
        c(
            "a new graduate is placed as a new graduate",
            Nurse,
            Role,
            "res_nurse_new.txt",
            R,
            Level("new-grad"),
        ),
        c(
            "a nurse posting's groups come from the chosen role",
            Nurse,
            Role,
            "post_nurse_role.txt",
            P,
            ProfileGroups(&["licensure", "life-support"]),
        ),
        c(
            "a nurse meets a nurse posting",
            Nurse,
            Job("post_nurse_role.txt"),
            "res_nurse_charge.txt",
            R,
            MatchRateAtLeast(85.0),
        ),
        c(
            "a nurse posting's driver's licence is another requirement",
            Nurse,
            Job("post_nurse_role.txt"),
            "res_nurse_charge.txt",
            R,
            Other("driving-licence"),
        ),
        c(
            "Epic or another EHR: one requirement",
            Nurse,
            Job("post_nurse_role.txt"),
            "res_nurse_charge.txt",
            R,
            NotMissing("epic-ehr"),
        ),
        c(
            "a nurse's years count, a technician's do not",
            Nurse,
            Role,
            "res_jira_tech.txt",
            R,
            YearsAtMost("experience", 0.5),
        ),
        c(
            "a nurse's dated role counts for the nurse role",
            Nurse,
            Role,
            "res_nurse_charge.txt",
            R,
            YearsAtLeast("experience", 5.0),
        ),
    ]
}

#[test]
fn judgement_cases() {
    let cases = cases();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| run(c).err().map(|e| format!("{}: {e}", c.name)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
