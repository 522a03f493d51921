//! The HTML report: one self-contained page whose structure is checked here, and in which
//! nothing taken from a document is markup. `tests/report_browser.rs` renders it in Chromium.

use assert_cmd::Command;

const POSTING: &str = "fixtures/postings/desktop-support-technician.txt";
const HOSTILE: &str = "fixtures/report/hostile-resume.txt";

/// The report for `docs` scored against the fixture posting.
pub fn report(docs: &[&str]) -> String {
    let out = Command::cargo_bin("rolefit")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "scan", "--as-of", "2026-01", "--format", "html", "--job", POSTING,
        ])
        .args(docs)
        .output()
        .unwrap();
    assert!(out.status.code() != Some(101), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

#[test]
fn one_self_contained_page() {
    let html = report(&[HOSTILE, "fixtures/resumes/strong-mid.txt"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));
    assert_eq!(count(&html, "<html"), 1);
    assert_eq!(count(&html, "<body>"), 1);
    // Only these elements: no scripts, images, frames, links or anything else that runs or
    // fetches.
    let allowed = [
        "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "section", "div", "p",
        "span", "i", "b", "a", "table", "tr", "th", "td", "ul", "li", "mark", "small", "strong",
        "code",
    ];
    for tag in html.split('<').skip(1) {
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if tag.starts_with('!') {
            continue;
        }
        assert!(allowed.contains(&name.as_str()), "<{name}> in the report");
    }
    for href in html.split("href=\"").skip(1) {
        assert!(href.starts_with('#'), "{}", &href[..40.min(href.len())]);
    }
    assert!(!html.contains("@import") && !html.contains("url("));
}

#[test]
fn document_text_is_escaped() {
    let html = report(&[HOSTILE]);
    assert!(
        !html.contains("<img"),
        "an <img> from the document became markup"
    );
    assert!(
        !html.contains("<b>bold"),
        "a <b> from the document became markup"
    );
    assert!(html.contains("&lt;script&gt;document.title"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror="));
    assert!(html.contains("&lt;b&gt;bold?&lt;/b&gt;"));
}

#[test]
fn ranked_summary_links_to_each_section() {
    let docs = [
        "fixtures/resumes/weak-chef.txt",
        "fixtures/resumes/strong-mid.txt",
        HOSTILE,
        "no-such-file.txt",
    ];
    let html = report(&docs);
    let summary = &html[html.find("id=\"summary\"").expect("a summary")..];
    let links: Vec<&str> = summary
        .split("href=\"#")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(links.len(), docs.len());
    for id in &links {
        assert_eq!(count(&html, &format!("id=\"{id}\"")), 1, "{id}");
    }
    // Best first, the error last.
    let pos = |doc: &str| summary.find(&format!(">{doc}<")).unwrap();
    assert!(pos("fixtures/resumes/strong-mid.txt") < pos("fixtures/resumes/weak-chef.txt"));
    assert!(pos("fixtures/resumes/weak-chef.txt") < pos("no-such-file.txt"));
    assert!(summary.contains(">1</td>") && summary.contains(">4</td>"));
}

#[test]
fn evidence_is_marked_by_kind_and_polarity() {
    let html = report(&[HOSTILE]);
    let marks: Vec<&str> = html.split("<mark class=\"").skip(1).collect();
    let marked = |class: &str, text: &str| {
        marks
            .iter()
            .any(|m| m.starts_with(class) && m.contains(&format!(">{text}</mark>")))
    };
    assert!(marked("k-", "Windows 11"), "Windows 11 marked");
    assert!(
        marked("k-certification", "CompTIA A+"),
        "A+ marked as a certification"
    );
    assert!(marked("negated", "Linux"), "Linux marked as negated");
    assert!(marked("in-progress", "CompTIA Network+") || marked("in-progress", "Network+"));
    // Every mark says its concept and its group or why it does not count.
    for m in &marks[6..] {
        let title = &m[m.find("title=\"").expect("a title") + 7..];
        assert!(title.contains(" · "), "{title}");
    }
    // The sections people read.
    for heading in [
        "Score by group",
        "Add these",
        "Years and level",
        "The document, with the evidence marked",
    ] {
        assert!(html.contains(heading), "{heading}");
    }
    assert!(html.contains("sha256:"), "the taxonomy hash");
    assert!(html.contains("class=\"gauge"), "a gauge");
    assert!(html.contains("class=\"bar\""), "group bars");
}

#[test]
fn other_formats_do_not_carry_the_text() {
    let out = Command::cargo_bin("rolefit")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "scan",
            "--explain",
            "--format",
            "jsonl",
            "--job",
            POSTING,
            HOSTILE,
        ])
        .output()
        .unwrap();
    let line = String::from_utf8(out.stdout).unwrap();
    assert!(!line.contains("onerror"), "{line}");
    let value: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
    assert!(value.get("text").is_none());
}

#[test]
fn against_one_resume_the_postings_are_ranked_without_marks() {
    let out = Command::cargo_bin("rolefit")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["scan", "--as-of", "2026-01", "--format", "html"])
        .args(["--resume", "fixtures/resumes/strong-mid.txt"])
        .args([POSTING, "fixtures/postings/registered-nurse.txt"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let html = String::from_utf8(out.stdout).unwrap();
    let summary = &html[html.find("id=\"summary\"").unwrap()..];
    // The matching posting ranks first.
    let pos = |doc: &str| summary.find(doc).unwrap();
    assert!(pos(POSTING) < pos("registered-nurse.txt"));
    // The spans point into the resume, so the postings' text is not marked.
    assert_eq!(count(&html, "<mark class=\"k-"), 0);
    assert_eq!(count(&html, "score that resume with --job"), 2);
    assert_eq!(count(&html, "Add these"), 2);
}
