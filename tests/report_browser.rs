//! The HTML report in a real browser: Chromium renders a fixture report headless, and the DOM
//! it builds must hold the summary and the marked evidence, with nothing from the document run.
//! Skipped with a message when Chromium is not installed, except in CI (`CI` set), where
//! `.ci/run` installs it and the test must run.

use std::path::PathBuf;
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            let ok = Command::new(name).arg("--version").output().ok()?;
            ok.status.success().then(|| PathBuf::from(name))
        })
}

#[test]
fn report_renders_in_chromium_and_runs_nothing_from_the_document() {
    let Some(browser) = chromium() else {
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
        assert!(!ci, "CI: chromium is missing (.ci/run installs it)");
        eprintln!("skipped: chromium is not installed (apt-get install chromium)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let out = assert_cmd::Command::cargo_bin("rolefit")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "scan",
            "--as-of",
            "2026-01",
            "--format",
            "html",
            "--job",
            "fixtures/postings/desktop-support-technician.txt",
            "fixtures/report/hostile-resume.txt",
            "fixtures/resumes/strong-mid.txt",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    std::fs::write(&page, &out.stdout).unwrap();
    let dom = Command::new(&browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu"])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(dom.status.success(), "{dom:?}");
    let dom = String::from_utf8(dom.stdout).unwrap();
    // The document's script and handler did not run: they would have renamed the page.
    assert!(dom.contains("<title>rolefit report</title>"), "{dom}");
    assert!(!dom.contains("pwned</title>"));
    // They are text in the DOM, not elements.
    assert!(!dom.contains("<img"), "an <img> element in the DOM");
    assert!(dom.contains("&lt;script&gt;document.title"));
    // The summary, with both documents, and the marked evidence.
    let summary = &dom[dom.find("id=\"summary\"").expect("the summary")..];
    assert!(summary.contains("fixtures/resumes/strong-mid.txt"));
    assert!(summary.contains("fixtures/report/hostile-resume.txt"));
    assert!(dom.matches("<mark class=\"k-").count() > 10);
    assert!(dom.contains("<mark class=\"negated\""));
}
