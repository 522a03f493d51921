//! The web page's two routes over real HTTP: the built `rolefit serve` on a free loopback port,
//! called with ureq. `GET /` must be one self-contained page that its policy keeps to itself;
//! `POST /v1/report` must answer a form with the very report `rolefit scan --format html` writes
//! for the same files (byte for byte), and a bad form with a JSON error that says how to fix it.
#![cfg(all(feature = "serve", feature = "cli"))]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_rolefit");

/// `rolefit serve` on a free port, stopped when dropped.
struct Served {
    child: Child,
    base: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(extra: &[&str]) -> Served {
    let mut child = Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let base = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|l| Some(l.split_once("listening on ")?.1.trim().to_string()))
        .expect("the server says where it listens");
    // Keep reading its log, so that it never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    Served { child, base }
}

/// A response's status, content type, CSP and body.
struct Answer {
    status: u16,
    content_type: String,
    csp: Option<String>,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> &str {
        std::str::from_utf8(&self.body).unwrap()
    }

    fn json(&self) -> Value {
        assert_eq!(self.content_type, "application/json", "{}", self.text());
        serde_json::from_slice(&self.body).unwrap()
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent()
}

fn answer(mut r: ureq::http::Response<ureq::Body>) -> Answer {
    let header = |name: &str| {
        r.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
    };
    let content_type = header("content-type").unwrap_or_default();
    let csp = header("content-security-policy");
    Answer {
        status: r.status().as_u16(),
        content_type,
        csp,
        body: r
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_vec()
            .unwrap(),
    }
}

/// One part of a form: its field name, its file name (none for text) and its content.
type Part<'a> = (&'a str, Option<&'a str>, &'a [u8]);

const BOUNDARY: &str = "----rolefit-test-7d1c5e";

fn form(parts: &[Part<'_>]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, file, content) in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        let disposition = match file {
            Some(f) => format!(
                "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            ),
            None => format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n"),
        };
        body.extend_from_slice(disposition.as_bytes());
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

fn post(server: &Served, content_type: &str, body: &[u8]) -> Answer {
    answer(
        agent()
            .post(format!("{}/v1/report", server.base))
            .header("Content-Type", content_type)
            .send(body)
            .unwrap(),
    )
}

fn post_form(server: &Served, parts: &[Part<'_>]) -> Answer {
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    post(server, &content_type, &form(parts))
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// What `rolefit scan --kind resume --format html` writes for `files` (name, content) laid out in a fresh
/// folder under those names, so that their ids are the names the form sends.
fn cli_report(job: Option<&[u8]>, files: &[(&str, &[u8])]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut args = ["scan", "--kind", "resume", "--format", "html"]
        .map(String::from)
        .to_vec();
    if let Some(job) = job {
        std::fs::write(dir.path().join("posting.txt"), job).unwrap();
        args.extend(["--job".into(), "posting.txt".into()]);
    }
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).unwrap();
        args.push(name.to_string());
    }
    let out = Command::new(BIN)
        .args(&args)
        .current_dir(dir.path())
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_page_is_self_contained_and_its_policy_says_so() {
    let server = serve(&[]);
    let page = answer(agent().get(format!("{}/", server.base)).call().unwrap());
    assert_eq!(page.status, 200);
    assert_eq!(page.content_type, "text/html; charset=utf-8");
    let csp = page.csp.clone().expect("a Content-Security-Policy header");
    let directive = |name: &str| {
        csp.split(';')
            .map(str::trim)
            .find_map(|d| d.strip_prefix(name)?.strip_prefix(' '))
            .unwrap_or_else(|| panic!("no {name} in {csp}"))
            .to_string()
    };
    assert_eq!(directive("default-src"), "'self'");
    // Scripts only by hash: not 'unsafe-inline', not another host.
    let scripts = directive("script-src");
    assert!(
        scripts.starts_with("'sha256-") && !scripts.contains(' '),
        "{scripts}"
    );
    assert_eq!(directive("connect-src"), "'self'");
    let html = page.text();
    assert_eq!(html.matches("<script>").count(), 1, "one inline script");
    assert!(!html.contains("<script src"));
    // Nothing fetched from elsewhere: no URL with a scheme or a host, no @import, no font.
    for needle in ["http:", "https:", "//", "@import", "url(", "@font-face"] {
        let outside_script = html.replace(script_of(html), "");
        assert!(
            !outside_script.contains(needle),
            "the page holds {needle:?}"
        );
    }
    for attr in ["src=\"", "href=\"", "action=\""] {
        for value in html.split(attr).skip(1) {
            let value = value.split('"').next().unwrap();
            assert!(
                value.starts_with('#') || (value.starts_with('/') && !value.starts_with("//")),
                "{attr}{value}\" leaves the server"
            );
        }
    }
    // The script calls only its own server, by path.
    let script = script_of(html);
    assert!(!script.contains("http:") && !script.contains("https:"));
    assert!(script.contains("fetch(form.action"));
    // The form works without the script too: it posts to the report route.
    assert!(html.contains(
        r#"<form id="form" method="post" action="/v1/report" enctype="multipart/form-data">"#
    ));
    // Every field a person fills in has a label.
    for id in [
        "posting-text",
        "posting-file",
        "resume-files",
        "resume-text",
    ] {
        assert!(
            html.contains(&format!("<label for=\"{id}\">")),
            "no label for #{id}"
        );
    }
    // Without a posting, resumes are scored against the taxonomy's role: the page says which.
    assert!(html.contains("scored against the role: Desktop Technician."));
}

fn script_of(html: &str) -> &str {
    let start = html.find("<script>").unwrap() + "<script>".len();
    let end = html[start..].find("</script>").unwrap();
    &html[start..start + end]
}

#[test]
fn a_form_gets_the_clis_report_ranked_with_hostile_text_as_text() {
    let server = serve(&[]);
    let posting = fixture("fixtures/postings/desktop-support-technician.txt");
    let hostile = fixture("fixtures/report/hostile-resume.txt");
    let strong = fixture("fixtures/resumes/strong-mid.txt");
    let docx = fixture("fixtures/documents/resume.docx");
    let encrypted = fixture("fixtures/documents/encrypted.pdf");
    let files: [(&str, &[u8]); 4] = [
        ("hostile.txt", &hostile),
        ("encrypted.pdf", &encrypted),
        ("strong.txt", &strong),
        ("resume.docx", &docx),
    ];
    let mut parts: Vec<Part<'_>> = vec![("posting", None, &posting)];
    parts.extend(files.iter().map(|(n, c)| ("resumes", Some(*n), *c)));
    let report = post_form(&server, &parts);
    assert_eq!(report.status, 200, "{}", report.text());
    assert_eq!(report.content_type, "text/html; charset=utf-8");
    let csp = report.csp.as_deref().unwrap();
    assert!(csp.starts_with("default-src 'none'") && !csp.contains("script-src"));
    let html = report.text();
    // The library's printer, not a copy: the very bytes the CLI writes.
    assert_eq!(html, cli_report(Some(&posting), &files));
    // Ranked: the strong resume first (given third), the unreadable file last with its status.
    let at = |id: &str| html.find(&format!("<h2>{id}</h2>")).expect(id);
    for other in ["hostile.txt", "resume.docx"] {
        assert!(at("strong.txt") < at(other) && at(other) < at("encrypted.pdf"));
    }
    assert!(html.contains("<p class=\"error\">encrypted: "));
    // The resume's markup is text: no element of it reaches the page.
    assert!(html.contains("&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;"));
    assert!(!html.contains("<script") && !html.contains("<img"));
    // The evidence is marked.
    assert!(html.contains("<mark class=\"k-"));
}

#[test]
fn without_a_posting_pasted_resumes_are_scored_against_the_role() {
    let server = serve(&[]);
    let strong = fixture("fixtures/resumes/strong-mid.txt");
    let chef = fixture("fixtures/resumes/weak-chef.txt");
    let report = post_form(
        &server,
        &[
            // A file input left empty and a blank posting are no posting at all.
            ("posting", None, b"  \r\n"),
            ("posting", Some(""), b""),
            ("resumes", None, &chef),
            ("resumes", None, &strong),
        ],
    );
    assert_eq!(report.status, 200, "{}", report.text());
    let html = report.text();
    // Two pasted resumes get ids of their own, and the CLI scores them the same way.
    let files: [(&str, &[u8]); 2] = [("pasted resume (1)", &chef), ("pasted resume (2)", &strong)];
    assert_eq!(html, cli_report(None, &files));
    assert!(html.contains("against Desktop Technician"));
    assert!(html.find("<h2>pasted resume (2)</h2>") < html.find("<h2>pasted resume (1)</h2>"));
}

#[test]
fn bad_forms_get_json_errors_that_say_what_to_do() {
    let server = serve(&["--max-body", "4096"]);
    let error = |a: Answer, status: u16, kind: &str, says: &str| {
        assert_eq!(a.status, status, "{}", a.text());
        let body = a.json();
        assert_eq!(body["status"], status);
        assert_eq!(body["error"], kind, "{body}");
        let message = body["message"].as_str().unwrap();
        assert!(message.contains(says), "{message:?} does not say {says:?}");
    };
    let posting: &[u8] = b"Desktop support: Active Directory.";
    error(
        post_form(&server, &[("posting", None, posting)]),
        400,
        "bad-request",
        "no resume: choose or drop one or more resume files",
    );
    error(
        post_form(
            &server,
            &[("posting", None, posting), ("resumes", Some(""), b"")],
        ),
        400,
        "bad-request",
        "no resume",
    );
    error(
        post_form(&server, &[("resume", None, posting)]),
        400,
        "bad-request",
        "unknown form field \"resume\"",
    );
    error(
        post_form(
            &server,
            &[
                ("posting", None, posting),
                ("posting", Some("p.txt"), posting),
                ("resumes", None, posting),
            ],
        ),
        400,
        "bad-request",
        "give the posting as text or as a file, not both",
    );
    error(
        post(&server, "application/json", br#"{"text": "a"}"#),
        415,
        "unsupported-media-type",
        "multipart/form-data",
    );
    error(
        post(&server, "multipart/form-data; boundary=x", b"no parts here"),
        400,
        "bad-request",
        "multipart/form-data",
    );
    let big = vec![b'a'; 8192];
    error(
        post_form(&server, &[("resumes", Some("big.txt"), &big)]),
        413,
        "too-large",
        "--max-body",
    );
    // With the default body limit.
    let served = serve(&[]);
    let many: Vec<Part<'_>> = (0..51).map(|_| ("resumes", None, &b"x"[..])).collect();
    error(
        post_form(&served, &many),
        400,
        "bad-request",
        "more than 50 resumes",
    );
    let encrypted = fixture("fixtures/documents/encrypted.pdf");
    error(
        post_form(
            &served,
            &[
                ("posting", Some("job.pdf"), &encrypted),
                ("resumes", None, posting),
            ],
        ),
        400,
        "bad-request",
        "the job posting could not be read: encrypted",
    );
}
