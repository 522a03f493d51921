//! The rolefit command, end to end: inputs (stdin, files, folders, JSON Lines), outputs, error
//! records and exit codes. JSON output is parsed back into the library's record types.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use rolefit::record::{ErrorRecord, ExtractRecord, ScanRecord, Status};
use serde_json::Value;

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/cli")
        .join(p)
}

fn rolefit() -> Command {
    Command::cargo_bin("rolefit").unwrap()
}

/// Runs rolefit and returns (stdout lines as JSON, exit code).
fn run(args: &[&str], stdin: Option<&str>) -> (Vec<Value>, i32, String) {
    let mut cmd = rolefit();
    cmd.args(args);
    if let Some(s) = stdin {
        cmd.write_stdin(s);
    }
    let out = cmd.output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    (
        lines,
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn ids(records: &[Value]) -> Vec<String> {
    records
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

fn concepts(rec: &ExtractRecord) -> Vec<&str> {
    rec.matches.iter().map(|m| m.concept.as_str()).collect()
}

#[test]
fn stdin_is_read_when_no_path_is_given() {
    let text = "CompTIA A+ certified, Wi\u{2011}Fi. I got an A+ in chemistry.";
    let (lines, code, _) = run(&["extract"], Some(text));
    assert_eq!(code, 0);
    assert_eq!(lines.len(), 1);
    let rec: ExtractRecord = serde_json::from_value(lines[0].clone()).unwrap();
    assert_eq!(rec.id, "-");
    assert_eq!(concepts(&rec), ["comptia-a-plus", "wi-fi"]);
    for m in &rec.matches {
        assert_eq!(&text[m.start..m.end], m.text);
    }
    // `-` is standard input too.
    let (lines2, _, _) = run(&["extract", "-"], Some(text));
    assert_eq!(lines, lines2);
}

#[test]
fn files_and_folders_walk_everything_in_a_stable_order() {
    let folder = fixture("folder");
    let (lines, code, _) = run(&["extract", folder.to_str().unwrap()], None);
    assert_eq!(code, 0);
    let got: Vec<String> = ids(&lines)
        .iter()
        .map(|id| {
            Path::new(id)
                .strip_prefix(&folder)
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    // Hidden files and .gitignore'd files are not silently dropped.
    assert_eq!(
        got,
        [
            ".gitignore",
            ".hidden/resume-c.txt",
            "notes.log",
            "resume-a.txt",
            "sub/resume-b.md"
        ]
    );
    let b: ExtractRecord = serde_json::from_value(lines[4].clone()).unwrap();
    assert!(
        concepts(&b).contains(&"active-directory"),
        "{:?}",
        concepts(&b)
    );
}

#[test]
fn glob_filters_walked_files() {
    let folder = fixture("folder");
    let (lines, code, _) = run(
        &["extract", "--glob", "*.txt", folder.to_str().unwrap()],
        None,
    );
    assert_eq!(code, 0);
    let got = ids(&lines);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got.iter().all(|id| id.ends_with(".txt")));
}

#[test]
fn jsonl_records_and_error_records_keep_input_order() {
    let (lines, code, stderr) = run(
        &[
            "extract",
            "--jsonl",
            fixture("records.jsonl").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, 2, "an invalid record is an error");
    assert_eq!(
        lines.len(),
        5,
        "one line per record; the blank line is not a record"
    );
    let path = fixture("records.jsonl").display().to_string();
    assert_eq!(ids(&lines), ["r1", "r2", &format!("{path}:3"), "r4", "5"]);
    let r1: ExtractRecord = serde_json::from_value(lines[0].clone()).unwrap();
    assert_eq!(r1.format, "jsonl");
    assert_eq!(
        concepts(&r1),
        ["comptia-a-plus", "windows-11", "active-directory"]
    );
    let bad: ErrorRecord = serde_json::from_value(lines[2].clone()).unwrap();
    assert_eq!((bad.status.as_str(), bad.line), ("invalid-record", Some(3)));
    let no_text: ErrorRecord = serde_json::from_value(lines[3].clone()).unwrap();
    assert_eq!(no_text.line, Some(5));
    assert!(stderr.contains("line 3"), "{stderr}");
    assert!(
        stderr.contains("5 documents: 2 invalid-record, 3 ok"),
        "{stderr}"
    );
}

#[test]
fn errors_ok_keeps_exit_zero_for_engines() {
    let (lines, code, _) = run(
        &[
            "scan",
            "--jsonl",
            "--errors-ok",
            fixture("records.jsonl").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, 0);
    assert_eq!(lines.len(), 5);
}

#[test]
fn missing_and_binary_files_get_error_records_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("photo.bin");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 0, 1, 2, 3, 0xFF, 0xD8, 0]).unwrap();
    let missing = dir.path().join("missing.txt");
    let good = fixture("posting.txt");
    let (lines, code, stderr) = run(
        &[
            "scan",
            missing.to_str().unwrap(),
            binary.to_str().unwrap(),
            good.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, 2);
    assert_eq!(lines.len(), 3);
    let e: ErrorRecord = serde_json::from_value(lines[0].clone()).unwrap();
    assert_eq!(e.status, Status::Unreadable);
    assert!(e.error.contains("no such file"), "{}", e.error);
    let b: ErrorRecord = serde_json::from_value(lines[1].clone()).unwrap();
    assert_ne!(b.status, Status::Ok);
    let s: ScanRecord = serde_json::from_value(lines[2].clone()).unwrap();
    assert!(s.score > 0.0);
    assert!(stderr.contains("missing.txt"), "{stderr}");
}

#[test]
fn too_large_inputs_are_reported_not_read() {
    let (lines, code, _) = run(
        &[
            "extract",
            "--max-size",
            "100",
            fixture("posting.txt").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, 2);
    let e: ErrorRecord = serde_json::from_value(lines[0].clone()).unwrap();
    assert_eq!(e.status, Status::TooLarge);
}

#[test]
fn one_and_two_threads_give_identical_output() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.jsonl");
    let mut body = String::new();
    let texts = [
        "CompTIA A+ certified desktop technician, Windows 11, Active Directory, ServiceNow",
        "Registered nurse with ICU experience",
        "PowerShell and Bash scripts; TCP/IP, DNS, DHCP; Jamf and Intune",
    ];
    for i in 0..2000 {
        body.push_str(
            &serde_json::json!({"id": format!("d{i}"), "text": texts[i % 3].repeat(1 + i % 5)})
                .to_string(),
        );
        body.push('\n');
    }
    std::fs::write(&path, body).unwrap();
    let p = path.to_str().unwrap();
    let one = rolefit()
        .args(["scan", "--jsonl", "-j", "1", p])
        .output()
        .unwrap();
    let two = rolefit()
        .args(["scan", "--jsonl", "-j", "2", p])
        .output()
        .unwrap();
    assert!(one.status.success() && two.status.success());
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(String::from_utf8_lossy(&one.stdout).lines().count(), 2000);
}

#[test]
fn json_format_is_one_array() {
    let out = rolefit()
        .args([
            "extract",
            "--format",
            "json",
            fixture("posting.txt").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let recs: Vec<ExtractRecord> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(recs.len(), 1);
    assert!(concepts(&recs[0]).contains(&"servicenow"));
}

#[test]
fn plain_text_taxonomy_and_exact_matching() {
    let terms = fixture("terms.txt");
    let text = "C# and .NET on WiFi, Wi-Fi, TCP/IP; ASP.NET is not .NET here";
    let (lines, code, _) = run(
        &["extract", "--taxonomy", terms.to_str().unwrap()],
        Some(text),
    );
    assert_eq!(code, 0);
    let rec: ExtractRecord = serde_json::from_value(lines[0].clone()).unwrap();
    assert_eq!(
        concepts(&rec),
        ["c-sharp", "dot-net", "wi-fi", "wi-fi", "tcp-ip", "dot-net"]
    );
    let (lines, _, _) = run(
        &["extract", "--exact", "--taxonomy", terms.to_str().unwrap()],
        Some(text),
    );
    let rec: ExtractRecord = serde_json::from_value(lines[0].clone()).unwrap();
    assert_eq!(
        concepts(&rec),
        ["c-sharp", "dot-net", "wi-fi", "tcp-ip", "dot-net"]
    );
}

#[test]
fn taxonomy_command_summarises_the_embedded_taxonomy() {
    let out = rolefit().args(["taxonomy", "--json"]).output().unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["name"], "Desktop Technician");
    assert!(v["hash"].as_str().unwrap().starts_with("sha256:"));
    assert!(v["patterns"].as_u64().unwrap() >= v["surface_forms"].as_u64().unwrap());
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command as Std, Stdio};
    let bin = assert_cmd::cargo::cargo_bin("rolefit");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    let line = serde_json::json!({"id": "x", "text": "PowerShell ServiceNow"}).to_string() + "\n";
    std::fs::write(&path, line.repeat(50_000)).unwrap();
    let mut child = Std::new(bin)
        .args(["extract", "--jsonl", path.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn binary_files_met_in_folders_are_skipped_with_a_record_but_named_ones_fail() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "PowerShell and ITIL").unwrap();
    std::fs::write(
        dir.path().join("b.exe"),
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0",
    )
    .unwrap();
    let (lines, code, stderr) = run(&["extract", dir.path().to_str().unwrap()], None);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(lines.len(), 2, "every input yields one record");
    let skipped: ErrorRecord = serde_json::from_value(lines[1].clone()).unwrap();
    assert_eq!(skipped.status, Status::Skipped);
    assert!(stderr.contains("1 skipped"), "{stderr}");
    let named = dir.path().join("b.exe");
    let (lines, code, _) = run(&["extract", named.to_str().unwrap()], None);
    assert_eq!(code, 2);
    let e: ErrorRecord = serde_json::from_value(lines[0].clone()).unwrap();
    assert_eq!(e.status, Status::Unsupported);
}

#[test]
fn documents_in_every_format_are_read_from_a_folder() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/documents");
    let (lines, code, _) = run(&["extract", docs.to_str().unwrap()], None);
    assert_eq!(code, 2, "the damaged fixtures are errors");
    let count = std::fs::read_dir(&docs).unwrap().count();
    assert_eq!(lines.len(), count, "one record per file");
    for name in [
        "resume.pdf",
        "resume.docx",
        "resume.odt",
        "resume.html",
        "resume.rtf",
    ] {
        let rec = lines
            .iter()
            .find(|l| l["id"].as_str().unwrap().ends_with(name))
            .unwrap();
        let rec: ExtractRecord =
            serde_json::from_value(rec.clone()).unwrap_or_else(|e| panic!("{name}: {e}: {rec}"));
        assert!(
            concepts(&rec).contains(&"comptia-a-plus"),
            "{name}: {:?}",
            concepts(&rec)
        );
    }
}

/// Runs rolefit over inputs that give every status, and returns stdout, once per input set: the
/// documents (every reader status, a walked binary file, a missing file), a folder with a bad
/// glob, and JSON Lines with good and invalid records.
fn every_status(args: &[&str]) -> Vec<String> {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/documents");
    let walked = tempfile::tempdir().unwrap();
    std::fs::copy(docs.join("binary.bin"), walked.path().join("photo.bin")).unwrap();
    let doc = |name: &str| docs.join(name).to_str().unwrap().to_string();
    let walked_dir = walked.path().to_str().unwrap().to_string();
    let named = [
        "resume.txt",
        "encrypted.pdf",
        "scanned.pdf",
        "legacy.doc",
        "zip-bomb.docx",
        "truncated.docx",
    ]
    .map(doc);
    let runs: [Vec<String>; 3] = [
        [&named[..], &[walked_dir.clone(), "no-such-file.txt".into()]].concat(),
        vec!["--glob".into(), "[".into(), walked_dir],
        vec![
            "--jsonl".into(),
            fixture("records.jsonl").to_str().unwrap().into(),
        ],
    ];
    runs.iter()
        .map(|inputs| {
            let out = rolefit()
                .args(args)
                .args(
                    ["-q", "--as-of", "2026-01"]
                        .iter()
                        .filter(|_| args[0] == "scan"),
                )
                .args(inputs)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{inputs:?}");
            String::from_utf8(out.stdout).unwrap()
        })
        .collect()
}

fn all_statuses(seen: &std::collections::BTreeSet<Status>) {
    let all: std::collections::BTreeSet<Status> = Status::ALL.into_iter().collect();
    assert_eq!(seen, &all);
}

#[test]
fn every_record_of_every_status_parses_back_byte_for_byte() {
    for args in [
        &["extract", "--format", "jsonl"][..],
        &["scan", "--format", "jsonl"],
        &["scan", "--format", "jsonl", "--explain"],
        &["extract", "--format", "json"],
        &["scan", "--format", "json", "--explain"],
    ] {
        let mut seen = std::collections::BTreeSet::new();
        for out in every_status(args) {
            let lines: Vec<&str> = if args.contains(&"json") {
                let records: Vec<rolefit::record::Record> = serde_json::from_str(&out).unwrap();
                seen.extend(records.iter().map(|r| r.status()));
                // One element per line between the brackets.
                out.lines()
                    .filter(|l| l.starts_with('{'))
                    .map(|l| l.trim_end_matches(','))
                    .collect()
            } else {
                out.lines().collect()
            };
            for line in lines {
                let rec: rolefit::record::Record = serde_json::from_str(line).unwrap();
                seen.insert(rec.status());
                let kind_ok = match &rec {
                    rolefit::record::Record::Extract(_) => args[0] == "extract",
                    rolefit::record::Record::Scan(s) => {
                        args[0] == "scan"
                            && matches!(
                                (&s.detail, args.contains(&"--explain")),
                                (rolefit::record::ScanDetail::Explained(_), true)
                                    | (rolefit::record::ScanDetail::Compact(_), false)
                            )
                    }
                    rolefit::record::Record::Error(e) => e.status != Status::Ok,
                };
                assert!(kind_ok, "{args:?}: {line}");
                assert_eq!(serde_json::to_string(&rec).unwrap(), line, "{args:?}");
            }
        }
        all_statuses(&seen);
    }
}

#[test]
fn csv_and_counts_give_one_row_per_input_with_its_status() {
    for command in ["extract", "scan"] {
        let mut seen = std::collections::BTreeSet::new();
        for out in every_status(&[command, "--format", "csv"]) {
            let mut rows = csv::Reader::from_reader(out.as_bytes());
            let header = rows.headers().unwrap().clone();
            assert_eq!(&header[0], "id");
            assert_eq!(&header[1], "status");
            for row in rows.records() {
                let row = row.unwrap();
                assert_eq!(row.len(), header.len());
                let status: Status = serde_json::from_value(Value::from(&row[1])).unwrap();
                assert_eq!(
                    row[header.len() - 1].is_empty(),
                    status == Status::Ok,
                    "{row:?}"
                );
                seen.insert(status);
            }
        }
        all_statuses(&seen);
        let mut seen = std::collections::BTreeSet::new();
        for out in every_status(&[command, "--format", "counts"]) {
            for line in out.lines() {
                let cols: Vec<&str> = line.split('\t').collect();
                let status = match cols[..] {
                    [_, n] => {
                        assert!(n.parse::<f64>().is_ok(), "{line}");
                        Status::Ok
                    }
                    [_, "error", status] => serde_json::from_value(Value::from(status)).unwrap(),
                    _ => panic!("not a counts line: {line:?}"),
                };
                seen.insert(status);
            }
        }
        all_statuses(&seen);
    }
}

#[test]
fn control_characters_in_ids_cannot_forge_lines() {
    let input = "{\"id\": \"fake.txt\\t99\\n\\u001b[2Jx\", \"text\": \"PowerShell\"}\n";
    for (command, format) in [
        ("extract", "counts"),
        ("extract", "table"),
        ("extract", "csv"),
        ("scan", "counts"),
        ("scan", "table"),
        ("scan", "csv"),
    ] {
        let out = rolefit()
            .args([command, "--jsonl", "--format", format])
            .write_stdin(input)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(!text.contains('\x1b') && !text.contains('\t') || format == "counts");
        assert!(
            text.contains("fake.txt\\t99\\n\\u{1b}[2Jx"),
            "{format}: {text}"
        );
        if format == "counts" {
            assert_eq!(text.lines().count(), 1, "{text}");
            assert_eq!(text.matches('\t').count(), 1, "{text}");
        }
    }
    let out = rolefit()
        .args(["extract", "--jsonl", "--format", "jsonl"])
        .write_stdin("{\"id\": \"bad\\u001b[31m\\nid\"}\n")
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("bad\\u{1b}[31m\\nid"), "{stderr}");
    assert!(!stderr.contains('\x1b'), "{stderr}");
}

#[test]
fn fields_naming_every_field_give_the_whole_record() {
    let resume = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/resumes/strong-mid.txt");
    let scan = |extra: &[&str]| {
        let out = rolefit()
            .args(["scan", "--format", "jsonl", "--as-of", "2026-01"])
            .args(extra)
            .arg(&resume)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let all = "id,format,status,score,level,profile,taxonomy,matched,missing_essential,negated";
    assert_eq!(scan(&["--fields", all]), scan(&[]));
    let all = "id,format,status,score,concepts,fit";
    assert_eq!(scan(&["--explain", "--fields", all]), scan(&["--explain"]));
    // An explained record answers for the compact fields with the compact record's values.
    let compact = scan(&["--fields", "score,missing_essential,matched"]);
    let explained = scan(&["--explain", "--fields", "score,missing_essential,matched"]);
    assert_eq!(compact, explained);
    assert!(compact.starts_with("{\"score\":"), "{compact}");
}
