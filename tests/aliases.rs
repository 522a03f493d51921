//! The alias audit: every alias of the embedded taxonomy whose words share nothing with its
//! concept's name (nor its id) is listed in `tests/aliases_reviewed.txt`, which was read by hand:
//! an alias there names the concept (an acronym, an exam code, a product of a category, an old
//! name), not a different product of the same kind. A new unrelated alias fails this test until
//! it is reviewed and added; an entry that no longer applies fails it too, so the list stays
//! exact. `ROLEFIT_BLESS=1 cargo test --test aliases` rewrites the list (review the diff).

use std::collections::BTreeSet;

use rolefit::Taxonomy;

const REVIEWED: &str = include_str!("aliases_reviewed.txt");

const STOP: &[&str] = &[
    "and",
    "or",
    "of",
    "the",
    "a",
    "an",
    "in",
    "for",
    "to",
    "on",
    "with",
    "ms",
    "microsoft",
    "it",
    "s",
];

fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .replace('+', " plus ")
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether an alias shares a word (or a word's first four letters) with the concept's name or
/// id, or is made of the initials of the name.
fn related(alias: &str, name: &str, id: &str) -> bool {
    let content = |s: &str| -> Vec<String> {
        words(s)
            .into_iter()
            .filter(|w| !STOP.contains(&w.as_str()))
            .collect()
    };
    let alias_words = content(alias);
    if alias_words.is_empty() {
        return true;
    }
    let mut name_words = content(name);
    name_words.extend(content(&id.replace('-', " ")));
    let initials: String = words(name)
        .iter()
        .filter_map(|w| w.chars().next())
        .collect();
    alias_words.iter().any(|a| {
        name_words.iter().any(|n| {
            a == n || (a.len() >= 4 && n.len() >= 4 && a.as_bytes()[..4] == n.as_bytes()[..4])
        }) || (a.len() >= 2 && initials.contains(a.as_str()))
    })
}

fn unrelated(t: &Taxonomy) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for c in t.concepts() {
        for a in &c.aliases {
            if !related(a.text(), &c.name, c.id.as_str()) {
                out.insert(format!("{}\t{}", c.id, a.text()));
            }
        }
    }
    out
}

#[test]
fn every_unrelated_alias_was_reviewed() {
    let found = unrelated(Taxonomy::embedded());
    if std::env::var_os("ROLEFIT_BLESS").is_some() {
        let header: String = REVIEWED
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        let body: String = found.iter().map(|l| format!("{l}\n")).collect();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/aliases_reviewed.txt");
        std::fs::write(path, header + &body).expect("tests/ is writable");
        return;
    }
    let reviewed: BTreeSet<String> = REVIEWED
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    let new: Vec<&String> = found.difference(&reviewed).collect();
    let stale: Vec<&String> = reviewed.difference(&found).collect();
    assert!(
        new.is_empty() && stale.is_empty(),
        "aliases that share no word with their concept's name and were not reviewed:\n{}\n\
         entries of tests/aliases_reviewed.txt that no longer apply:\n{}\n\
         review each new alias by hand (does it name this concept, or another product?), then \
         run `ROLEFIT_BLESS=1 cargo test --test aliases`",
        new.iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        stale
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    );
}

#[test]
fn the_audit_flags_an_alias_of_another_product() {
    let t = Taxonomy::from_json_str(
        r#"{"name":"t","version":"1","concepts":[
  {"id":"docker","name":"Docker","kind":"tool","aliases":["Docker containers","Kubernetes"]},
  {"id":"mcsa","name":"Microsoft Certified Solutions Associate","kind":"certification","aliases":["MCSA"]}]}"#,
        "t.json",
    )
    .unwrap();
    let found: Vec<String> = unrelated(&t).into_iter().collect();
    assert_eq!(found, ["docker\tKubernetes"]);
}

/// Aliases the review moved to concepts of their own: each names its own product now.
#[test]
fn products_are_their_own_concepts() {
    let t = Taxonomy::embedded();
    let concept_of = |form: &str| -> Vec<&str> {
        t.concepts()
            .iter()
            .filter(|c| {
                c.name.eq_ignore_ascii_case(form)
                    || c.aliases
                        .iter()
                        .any(|a| a.text().eq_ignore_ascii_case(form))
            })
            .map(|c| c.id.as_str())
            .collect()
    };
    for (form, id) in [
        ("Kubernetes", "kubernetes"),
        ("TypeScript", "typescript"),
        ("badge readers", "physical-access-control"),
        ("Apache Spark", "apache-spark"),
        ("Nginx", "nginx"),
        ("Telnet", "telnet"),
        ("RHCE", "rhce"),
        ("CAPM", "capm"),
        ("VSCode", "vs-code"),
    ] {
        assert_eq!(concept_of(form), [id], "{form}");
    }
}
