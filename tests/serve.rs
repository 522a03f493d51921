//! `rolefit serve` for real: the built binary listens on a free loopback port and a real HTTP
//! client (ureq) calls every route. Answers are compared with what the CLI writes for the same
//! input, byte for byte.
#![cfg(all(feature = "serve", feature = "cli"))]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_rolefit");

/// A running `rolefit serve`, stopped when dropped.
struct Server {
    child: Child,
    base: String,
    /// Everything the server wrote on standard error so far.
    log: Arc<Mutex<String>>,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start rolefit serve");
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        let base = loop {
            line.clear();
            if stderr.read_line(&mut line).unwrap() == 0 {
                panic!("rolefit serve ended before listening");
            }
            if let Some(at) = line.find("listening on ") {
                break line[at + "listening on ".len()..].trim().to_string();
            }
        };
        assert!(base.starts_with("http://127.0.0.1:"), "{base}");
        let log = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            let mut line = String::new();
            while stderr.read_line(&mut line).is_ok_and(|n| n > 0) {
                sink.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        Server { child, base, log }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn addr(&self) -> &str {
        self.base.trim_start_matches("http://")
    }

    fn get(&self, path: &str) -> (u16, String) {
        let response = agent().get(&self.url(path)).call().expect("GET");
        answer(response)
    }

    fn post(&self, path: &str, content_type: &str, body: &[u8]) -> (u16, String) {
        let response = agent()
            .post(&self.url(path))
            .header("Content-Type", content_type)
            .send(body)
            .expect("POST");
        answer(response)
    }

    fn post_json(&self, path: &str, body: &Value) -> (u16, String) {
        self.post(path, "application/json", body.to_string().as_bytes())
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .new_agent()
}

fn answer(mut response: ureq::http::Response<ureq::Body>) -> (u16, String) {
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .with_config()
        .limit(64 << 20)
        .read_to_string()
        .unwrap();
    (status, body)
}

/// The CLI's standard output for `args` with `stdin`.
fn cli(args: &[&str], stdin: &[u8]) -> String {
    cli_in(Path::new("."), args, stdin)
}

/// The CLI's standard output for `args` with `stdin`, run in `dir`.
fn cli_in(dir: &Path, args: &[&str], stdin: &[u8]) -> String {
    let mut child = Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(path),
    )
    .unwrap()
}

/// A `multipart/form-data` body of (part name, file name, content): its content type and bytes.
fn form(parts: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "rolefit-test-boundary-7f3a";
    let mut body = Vec::new();
    for (name, file, content) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let file = file
            .map(|f| format!("; filename=\"{f}\""))
            .unwrap_or_default();
        body.extend_from_slice(
            format!("Content-Disposition: form-data; name=\"{name}\"{file}\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn parse(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON: {e}: {body}"))
}

/// A failed request's body: the documented error shape, with the same status as the response.
fn error_kind(status: u16, body: &str) -> String {
    let v = parse(body);
    assert_eq!(v["status"], status, "{body}");
    assert!(
        v["message"].as_str().is_some_and(|m| m.len() > 20),
        "{body}"
    );
    assert_eq!(v.as_object().unwrap().len(), 3, "{body}");
    v["error"].as_str().unwrap().to_string()
}

const RESUME: &str = "Skills\nActive Directory, ServiceNow, Windows 11 imaging, PowerShell.\n\
    CompTIA A+ certified. No experience with Linux.\n";
const POSTING: &str = "Desktop Support Technician\nRequirements: CompTIA A+, Active Directory, \
    Windows 11, Linux, ServiceNow. 2+ years of help desk experience.\n";

#[test]
fn health_and_taxonomy_describe_the_cli_s_taxonomy() {
    let server = Server::start(&[]);
    let summary = parse(&cli(&["taxonomy", "--json"], b""));

    let (status, body) = server.get("/healthz");
    assert_eq!(status, 200);
    let health = parse(&body);
    assert_eq!(health["ok"], true);
    assert_eq!(health["taxonomy"]["hash"], summary["hash"]);

    let (status, body) = server.get("/v1/taxonomy");
    assert_eq!(status, 200);
    let taxonomy = parse(&body);
    assert_eq!(taxonomy["hash"], summary["hash"]);
    assert_eq!(
        taxonomy["concepts"].as_array().unwrap().len() as u64,
        summary["concepts"].as_u64().unwrap()
    );
    let roles: Vec<&Value> = taxonomy["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["id"])
        .collect();
    let expected: Vec<&Value> = summary["roles"].as_array().unwrap().iter().collect();
    assert_eq!(roles, expected);
    assert_eq!(taxonomy["default_role"], *expected[0]);
    assert!(taxonomy["concepts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == "active-directory" && c["kind"].is_string()));
}

#[test]
fn one_document_gets_the_cli_s_record() {
    let server = Server::start(&[]);
    let doc = json!({"id": "r1", "text": RESUME});
    let line = format!("{doc}\n");
    for (route, command) in [("/v1/extract", "extract"), ("/v1/scan", "scan")] {
        let (status, body) = server.post_json(route, &doc);
        assert_eq!(status, 200, "{route}: {body}");
        let expected = cli(&[command, "--jsonl", "--format", "jsonl"], line.as_bytes());
        assert_eq!(body, expected, "{route}");
    }
    // The full report, as --explain writes it.
    let (status, body) = server.post_json(
        "/v1/scan",
        &json!({"id": "r1", "text": RESUME, "explain": true, "kind": "resume"}),
    );
    assert_eq!(status, 200);
    let expected = cli(
        &[
            "scan",
            "--jsonl",
            "--format",
            "jsonl",
            "--explain",
            "--kind",
            "resume",
        ],
        line.as_bytes(),
    );
    assert_eq!(body, expected);
    assert!(parse(&body)["fit"]["groups"].is_array());
    // The same options in the query string.
    let (status, body) = server.post(
        "/v1/scan?explain=true&kind=resume",
        "application/json",
        doc.to_string().as_bytes(),
    );
    assert_eq!((status, body), (200, expected));
}

#[test]
fn a_batch_gets_the_cli_s_array_ranked_as_asked() {
    let server = Server::start(&[]);
    let docs = vec![
        json!({"id": "weak", "text": "Forklift operator, warehouse inventory."}),
        json!({"id": 7, "text": RESUME}),
        json!({"id": "bad", "text": 12}),
        json!({"id": "posting", "text": POSTING}),
    ];
    let jsonl: String = docs.iter().map(|d| format!("{d}\n")).collect();
    let (status, body) = server.post_json("/v1/scan", &json!({ "documents": docs }));
    assert_eq!(status, 200, "{body}");
    let expected = cli(&["scan", "--jsonl", "--format", "json"], jsonl.as_bytes());
    // The CLI names a bad record by its line, the service by its position: the same number.
    assert_eq!(body, expected);
    let records = parse(&body);
    assert_eq!(records.as_array().unwrap().len(), 4);
    assert_eq!(records[2]["status"], "invalid-record");
    assert_eq!(records[1]["id"], "7");

    let (status, body) = server.post_json(
        "/v1/scan",
        &json!({ "documents": docs, "sort": "score", "top": 1 }),
    );
    assert_eq!(status, 200);
    let expected = cli(
        &["scan", "--jsonl", "--format", "json", "--top", "1"],
        jsonl.as_bytes(),
    );
    assert_eq!(body, expected);
    // The best document, then the error record.
    assert_eq!(parse(&body).as_array().unwrap().len(), 2);

    let (status, body) = server.post_json("/v1/extract", &json!({ "documents": [] }));
    assert_eq!((status, body.trim()), (200, "[]"));
}

#[test]
fn job_and_resume_modes_match_the_cli() {
    let server = Server::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let posting = dir.path().join("posting.txt");
    let resume = dir.path().join("resume.txt");
    std::fs::write(&posting, POSTING).unwrap();
    std::fs::write(&resume, RESUME).unwrap();
    let docs = vec![
        json!({"id": "a", "text": RESUME}),
        json!({"id": "b", "text": "Help desk: Windows 10, printers, Outlook."}),
    ];
    let jsonl: String = docs.iter().map(|d| format!("{d}\n")).collect();

    let (status, body) = server.post_json(
        "/v1/scan",
        &json!({"job": {"text": POSTING}, "documents": docs, "explain": true}),
    );
    assert_eq!(status, 200, "{body}");
    let job = posting.to_str().unwrap();
    let expected = cli(
        &[
            "scan",
            "--jsonl",
            "--format",
            "json",
            "--explain",
            "--job",
            job,
        ],
        jsonl.as_bytes(),
    );
    assert_eq!(body, expected);
    assert_eq!(parse(&body)[0]["fit"]["profile"]["type"], "posting");

    let (status, body) = server.post_json(
        "/v1/scan",
        &json!({"resume": {"text": RESUME}, "id": "p", "text": POSTING}),
    );
    assert_eq!(status, 200, "{body}");
    let expected = cli(
        &[
            "scan",
            "--jsonl",
            "--format",
            "jsonl",
            "--resume",
            resume.to_str().unwrap(),
        ],
        format!("{}\n", json!({"id": "p", "text": POSTING})).as_bytes(),
    );
    assert_eq!(body, expected);
}

#[test]
fn raw_documents_are_read_by_content_as_the_cli_reads_stdin() {
    let server = Server::start(&[]);
    for (name, content_type) in [
        ("resume.pdf", "application/pdf"),
        ("resume.docx", "application/octet-stream"),
        ("resume.odt", "application/vnd.oasis.opendocument.text"),
        ("resume.html", "text/html"),
        ("resume.rtf", "application/rtf"),
    ] {
        let bytes = fixture(&format!("documents/{name}"));
        let (status, body) = server.post("/v1/scan", content_type, &bytes);
        assert_eq!(status, 200, "{name}: {body}");
        let expected = cli(&["scan", "--format", "jsonl"], &bytes);
        assert_eq!(body, expected, "{name}");
        assert_eq!(parse(&body)["status"], "ok", "{name}");
    }
    let bytes = fixture("documents/resume.docx");
    let (status, body) = server.post("/v1/extract?id=cv-42", "application/octet-stream", &bytes);
    assert_eq!(status, 200);
    let record = parse(&body);
    assert_eq!(
        (&record["id"], &record["format"]),
        (&json!("cv-42"), &json!("docx"))
    );
    assert!(!record["matches"].as_array().unwrap().is_empty());
}

#[test]
fn uploaded_files_are_scored_against_an_uploaded_posting_as_the_cli_scores_them() {
    let server = Server::start(&[]);
    let (pdf, docx) = (
        fixture("documents/resume.pdf"),
        fixture("documents/resume.docx"),
    );
    let encrypted = fixture("documents/encrypted.pdf");
    let (content_type, body) = form(&[
        ("job", Some("posting.txt"), POSTING.as_bytes()),
        ("document", Some("resume.pdf"), &pdf),
        ("document", Some("resume.docx"), &docx),
        ("document", Some("encrypted.pdf"), &encrypted),
    ]);
    let (status, answer) = server.post("/v1/scan?sort=score", &content_type, &body);
    assert_eq!(status, 200, "{answer}");
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("posting.txt", POSTING.as_bytes()),
        ("resume.pdf", &pdf[..]),
        ("resume.docx", &docx[..]),
        ("encrypted.pdf", &encrypted[..]),
    ] {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let expected = cli_in(
        dir.path(),
        &[
            "scan",
            "--job",
            "posting.txt",
            "--format",
            "json",
            "--sort",
            "score",
            "resume.pdf",
            "resume.docx",
            "encrypted.pdf",
        ],
        b"",
    );
    assert_eq!(answer, expected);
    let records = parse(&answer);
    assert_eq!(records[2]["status"], "encrypted");

    // A posting that cannot be read refuses the request, as --job does.
    let (content_type, body) = form(&[
        ("job", Some("posting.pdf"), &encrypted),
        ("document", Some("resume.pdf"), &pdf),
    ]);
    let (status, answer) = server.post("/v1/scan", &content_type, &body);
    assert_eq!(status, 400);
    assert!(answer.contains("encrypted"), "{answer}");
    // Parts the form does not take, or no document at all.
    for parts in [
        vec![("resume.pdf", Some("resume.pdf"), &pdf[..])],
        vec![("job", None, POSTING.as_bytes())],
    ] {
        let (content_type, body) = form(&parts);
        let (status, answer) = server.post("/v1/scan", &content_type, &body);
        assert_eq!(error_kind(status, &answer), "bad-request", "{answer}");
    }
}

#[test]
fn hostile_documents_are_records_with_their_status() {
    let server = Server::start(&[]);
    for (name, status_expected) in [
        ("encrypted.pdf", "encrypted"),
        ("encrypted.docx", "encrypted"),
        ("zip-bomb.docx", "too-large"),
        ("bomb.pdf", "too-large"),
        ("truncated.pdf", "corrupt"),
        ("legacy.doc", "unsupported"),
    ] {
        let bytes = fixture(&format!("documents/{name}"));
        let start = Instant::now();
        let (status, body) = server.post("/v1/scan", "application/octet-stream", &bytes);
        let took = start.elapsed();
        assert_eq!(status, 200, "{name}: {body}");
        let record = parse(&body);
        assert_eq!(record["status"], status_expected, "{name}: {body}");
        assert!(record["error"].is_string(), "{name}");
        assert!(took < Duration::from_secs(15), "{name} took {took:?}");
        // The CLI says the same about it.
        assert_eq!(body, cli(&["scan", "--format", "jsonl"], &bytes), "{name}");
    }
}

#[test]
fn bad_requests_get_json_errors_that_say_what_to_do() {
    let server = Server::start(&["--max-body", "4K"]);
    let cases: Vec<(&str, &str, Vec<u8>, u16, &str)> = vec![
        (
            "/v1/scan",
            "application/json",
            b"{\"id\": ".to_vec(),
            400,
            "bad-json",
        ),
        (
            "/v1/scan",
            "application/json",
            b"{\"txt\": \"a\"}".to_vec(),
            400,
            "bad-json",
        ),
        (
            "/v1/scan",
            "application/json",
            b"{\"id\": \"a\", \"text\": 3}".to_vec(),
            400,
            "bad-json",
        ),
        (
            "/v1/scan",
            "image/png",
            b"\x89PNG".to_vec(),
            415,
            "unsupported-media-type",
        ),
        (
            "/v1/scan",
            "application/x-www-form-urlencoded",
            b"a=b".to_vec(),
            415,
            "unsupported-media-type",
        ),
        ("/v1/scan", "text/plain", vec![b'a'; 5000], 413, "too-large"),
        (
            "/v1/scan?role=no-such-role",
            "text/plain",
            b"ITIL".to_vec(),
            400,
            "bad-request",
        ),
        (
            "/v1/scan?colour=red",
            "text/plain",
            b"ITIL".to_vec(),
            400,
            "bad-request",
        ),
        (
            "/v1/extract",
            "application/json",
            br#"{"text": "ITIL", "job": {"text": "ITIL"}}"#.to_vec(),
            400,
            "bad-request",
        ),
        (
            "/v1/nothing",
            "text/plain",
            b"ITIL".to_vec(),
            404,
            "not-found",
        ),
        (
            "/healthz",
            "text/plain",
            b"ITIL".to_vec(),
            405,
            "method-not-allowed",
        ),
    ];
    for (path, content_type, body, status, kind) in cases {
        let (got, text) = server.post(path, content_type, &body);
        assert_eq!(got, status, "{path} {content_type}: {text}");
        assert_eq!(error_kind(status, &text), kind, "{path}: {text}");
    }
    let (_, text) = server.post("/v1/scan?role=no-such-role", "text/plain", b"ITIL");
    assert!(
        text.contains("desktop-technician"),
        "names the known roles: {text}"
    );
    // Never a path on the server's disk, whatever the request asks.
    let (status, text) = server.post_json("/v1/scan", &json!({"id": "x", "path": "/etc/passwd"}));
    assert_eq!(status, 400);
    assert!(!text.contains("root:"));
}

#[test]
fn an_oversized_body_without_a_length_is_refused_as_it_arrives() {
    let server = Server::start(&["--max-body", "1K"]);
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let head = "POST /v1/scan HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n\
                Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    stream.write_all(head.as_bytes()).unwrap();
    let chunk = "a".repeat(600);
    for _ in 0..4 {
        // The server may answer and close before the last chunks: that is the point.
        if stream
            .write_all(format!("{:x}\r\n{chunk}\r\n", chunk.len()).as_bytes())
            .is_err()
        {
            break;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n");
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    assert!(response.starts_with("HTTP/1.1 413"), "{response}");
    assert!(response.contains("\"error\":\"too-large\""), "{response}");
}

#[test]
fn the_access_log_is_one_json_object_per_request() {
    let server = Server::start(&["--log-format", "json"]);
    let (status, _) = server.post_json("/v1/scan", &json!({"id": "a", "text": "ITIL"}));
    assert_eq!(status, 200);
    let (status, _) = server.get("/nowhere?secret=1");
    assert_eq!(status, 404);
    // The log line is written after the response: give it a moment.
    let deadline = Instant::now() + Duration::from_secs(10);
    let events = loop {
        let events: Vec<Value> = server
            .log()
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .filter(|v: &Value| v["path"].is_string())
            .collect();
        if events.len() >= 2 || Instant::now() > deadline {
            break events;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(events.len(), 2, "{}", server.log());
    let scan = &events[0];
    assert_eq!(
        (&scan["method"], &scan["path"]),
        (&json!("POST"), &json!("/v1/scan"))
    );
    assert_eq!(scan["status"], 200);
    assert!(scan["latency_ms"].as_f64().is_some_and(|ms| ms >= 0.0));
    assert!(scan["bytes"].as_u64().is_some_and(|b| b > 100));
    assert_eq!(events[1]["status"], 404);
    assert_eq!(events[1]["path"], "/nowhere", "no query string in the log");
}

#[test]
fn sigterm_finishes_the_request_in_flight() {
    let mut server = Server::start(&[]);
    let body = json!({"id": "late", "text": RESUME}).to_string();
    let (first, rest) = body.as_bytes().split_at(body.len() / 2);
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let head = format!(
        "POST /v1/scan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(first).unwrap();
    stream.flush().unwrap();
    // The request is in flight (its handler waits for the rest of the body) when the signal
    // comes.
    std::thread::sleep(Duration::from_millis(300));
    let killed = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    std::thread::sleep(Duration::from_millis(300));
    stream.write_all(rest).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    let json_start = response.find("\r\n\r\n").unwrap() + 4;
    assert_eq!(parse(&response[json_start..])["id"], "late");
    // Then the server stops by itself, and says so.
    let deadline = Instant::now() + Duration::from_secs(20);
    let exit = loop {
        if let Some(exit) = server.child.try_wait().unwrap() {
            break exit;
        }
        assert!(Instant::now() < deadline, "still running after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "{exit:?}");
    std::thread::sleep(Duration::from_millis(100));
    assert!(server.log().contains("stopped"), "{}", server.log());
}

#[test]
fn what_stops_the_server_from_starting_is_said_before_it_listens() {
    let taken = Server::start(&[]);
    for (args, says) in [
        (vec!["--addr", taken.addr()], "cannot listen on"),
        (
            vec!["--addr", "127.0.0.1:0", "--role", "nope"],
            "known roles: desktop-technician",
        ),
        (vec!["--addr", "127.0.0.1:0", "--timeout", "0"], "--timeout"),
    ] {
        let out = Command::new(BIN)
            .arg("serve")
            .args(&args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(!stderr.contains("listening on"), "{args:?}: {stderr}");
    }
}

#[test]
fn every_route_is_in_the_openapi_description() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi.yaml");
    let spec: Value = serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let routes = rolefit::serve::routes();
    assert!(routes.len() >= 4);
    for (method, path) in &routes {
        let operation = &spec["paths"][path][method.to_ascii_lowercase()];
        assert!(
            operation.is_object(),
            "{method} {path} is not in openapi.yaml"
        );
        assert!(operation["responses"].is_object(), "{method} {path}");
    }
    // And nothing described that the router does not serve.
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let method = method.to_ascii_uppercase();
            assert!(
                routes.iter().any(|(m, p)| *m == method && p == path),
                "openapi.yaml describes {method} {path}, which is not served"
            );
        }
    }
    // Every route answers: none of them is the 404 fallback.
    let server = Server::start(&[]);
    for (method, path) in &routes {
        let (status, _) = match *method {
            "GET" => server.get(path),
            _ => server.post(path, "application/json", b"{\"text\": \"ITIL\"}"),
        };
        assert_ne!(status, 404, "{method} {path}");
    }
}
