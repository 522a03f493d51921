//! Hostile inputs: every one gives exactly one record, with the right status, in bounded time
//! and memory, and the same output for one thread and two.

mod hostile {
    pub mod corpus;
    pub mod pdf;
}
use hostile::{corpus, pdf};

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rolefit::document::{read_bytes, Concealment, Limits, Status};

fn read(bytes: &[u8], limits: &Limits) -> (Result<String, Status>, Duration) {
    let start = Instant::now();
    let r = read_bytes(bytes, None, limits)
        .map(|d| d.text)
        .map_err(|e| e.status);
    (r, start.elapsed())
}

/// Issue 11.1: a form drawing itself (a cycle) or forms drawing each other N times (N^5 walks)
/// finish at once, with the form's text.
#[test]
fn pdf_forms_that_repeat_are_walked_once() {
    let limits = Limits::default();
    for bytes in [pdf::form_self_bomb(1000), pdf::form_chain_bomb(40)] {
        let (text, took) = read(&bytes, &limits);
        let text = text.unwrap();
        assert!(text.contains("Windows 11") || text.contains("Active Directory"));
        assert!(took < Duration::from_secs(5), "{took:?}");
    }
}

/// Issue 11.3: 50 MB of path operators stream through (never a list of them), and the
/// operator budget stops a longer walk.
#[test]
fn pdf_operator_bombs_are_bounded() {
    let bomb = pdf::operator_bomb(8 << 20);
    let (text, _) = read(&bomb, &Limits::default());
    assert!(text.unwrap().contains("Active Directory"));
    let tight = Limits {
        max_content_ops: 100_000,
        ..Limits::default()
    };
    assert_eq!(read(&bomb, &tight).0, Err(Status::TooLarge));
    let hurried = Limits {
        max_read_time: Some(Duration::ZERO),
        ..Limits::default()
    };
    assert_eq!(read(&bomb, &hurried).0, Err(Status::TooLarge));
    // The resume itself is far under every limit.
    assert!(read(&pdf::resume(), &tight).0.is_ok());
}

/// Issue 11.9: a damaged PDF with no text is corrupt, not a scan to OCR.
#[test]
fn pdf_damage_is_corrupt_not_a_scan() {
    let limits = Limits::default();
    assert_eq!(
        read(&pdf::missing_content(), &limits).0,
        Err(Status::Corrupt)
    );
    for keep in [0.1, 0.5] {
        let cut = pdf::truncated(&pdf::resume(), keep);
        assert_eq!(read(&cut, &limits).0, Err(Status::Corrupt), "{keep}");
    }
}

/// Issue 11.9: an empty file named as a document format is not an empty text to score.
#[test]
fn empty_documents_are_corrupt() {
    for name in ["cv.pdf", "cv.docx", "cv.odt", "cv.rtf"] {
        let err = read_bytes(b"", Some(name.as_ref()), &Limits::default()).unwrap_err();
        assert_eq!(err.status, Status::Corrupt, "{name}");
        assert!(err.message.contains("empty"), "{}", err.message);
    }
    // An empty text file is still an empty text.
    assert_eq!(
        read_bytes(b"", Some("cv.txt".as_ref()), &Limits::default())
            .unwrap()
            .text,
        ""
    );
}

/// Hidden text in a PDF: left out and reported by kind and page; white text on a dark box is
/// not hidden; `include_hidden` keeps it all.
#[test]
fn pdf_hidden_text_is_reported_not_read() {
    let bytes = pdf::hidden_tricks();
    let doc = read_bytes(&bytes, None, &Limits::default()).unwrap();
    assert_eq!(
        doc.text,
        "Help desk technician: Windows 11 and Active Directory.\nTeam Lead"
    );
    let runs: Vec<(Concealment, Option<usize>, &str)> = doc
        .hidden
        .runs
        .iter()
        .map(|r| (r.how, r.page, r.excerpt.as_str()))
        .collect();
    assert_eq!(
        runs,
        [
            (Concealment::White, Some(1), "Kubernetes Terraform"),
            (Concealment::Invisible, Some(1), "Ansible"),
            (Concealment::Tiny, Some(1), "Golang"),
            (Concealment::OffPage, Some(1), "Kafka"),
        ]
    );
    assert_eq!(
        doc.hidden.chars,
        "KubernetesTerraformAnsibleGolangKafka".len()
    );
    let all = Limits {
        include_hidden: true,
        ..Limits::default()
    };
    let doc = read_bytes(&bytes, None, &all).unwrap();
    for word in ["Kubernetes", "Ansible", "Golang", "Kafka", "Team Lead"] {
        assert!(doc.text.contains(word), "{word}: {}", doc.text);
    }
}

/// Hidden text in a DOCX: `w:vanish`, white runs, 1-point runs; white on a shaded cell or with
/// a highlight is seen.
#[test]
fn docx_hidden_text_is_reported_not_read() {
    let bytes = corpus::docx_hidden_tricks();
    let doc = read_bytes(&bytes, None, &Limits::default()).unwrap();
    assert_eq!(doc.text, "Help desk: Windows 11.\nTeam Lead\nSupervisor");
    let runs: Vec<(Concealment, &str)> = doc
        .hidden
        .runs
        .iter()
        .map(|r| (r.how, r.excerpt.as_str()))
        .collect();
    assert_eq!(
        runs,
        [
            (Concealment::Vanish, "Kubernetes"),
            (Concealment::White, "Terraform"),
            (Concealment::Tiny, "Golang"),
        ]
    );
    let all = Limits {
        include_hidden: true,
        ..Limits::default()
    };
    let text = read_bytes(&bytes, None, &all).unwrap().text;
    assert!(
        text.contains("Kubernetes") && text.contains("Golang"),
        "{text}"
    );
}

/// XML attacks: an external entity is not fetched and internal ones are not expanded; the
/// reference is dropped and the rest of the text read.
#[test]
fn xml_entities_are_not_expanded() {
    for case in corpus::cases() {
        if case.name.starts_with("xxe") || case.name.starts_with("billion-laughs") {
            let doc = read_bytes(&case.bytes, None, &Limits::default()).unwrap();
            assert_eq!(doc.text.trim(), "PowerShell", "{}", case.name);
        }
    }
}

/// What one run of the binary did.
struct Run {
    stdout: String,
    took: Duration,
    /// Peak resident memory in KiB, sampled from /proc while it ran (`None` without /proc).
    peak_kib: Option<u64>,
}

/// Runs rolefit with `args` and `stdin` fed from a thread, watching its peak memory.
/// Writes a child's standard input.
type Feed = Box<dyn FnOnce(&mut dyn Write) + Send>;

fn rolefit(args: &[&str], stdin: Option<Feed>) -> Run {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_rolefit"))
        .args(args)
        .arg("--quiet")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("rolefit runs");
    if let (Some(feed), Some(mut pipe)) = (stdin, child.stdin.take()) {
        std::thread::spawn(move || feed(&mut pipe));
    }
    let mut out = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        out.read_to_string(&mut s).unwrap();
        s
    });
    let status = format!("/proc/{}/status", child.id());
    let mut peak = None;
    loop {
        // VmHWM only grows: the last reading before exit is the peak, give or take 5 ms.
        if let Ok(s) = std::fs::read_to_string(&status) {
            if let Some(kib) = s
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            {
                peak = Some(kib);
            }
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "rolefit {args:?} hangs"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    Run {
        stdout: reader.join().unwrap(),
        took: start.elapsed(),
        peak_kib: peak,
    }
}

/// The records of a run: id -> statuses (more than one means an input gave two records).
fn records(stdout: &str) -> BTreeMap<String, Vec<String>> {
    let mut by_id: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in stdout.lines() {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        by_id
            .entry(v["id"].as_str().unwrap().to_string())
            .or_default()
            .push(v["status"].as_str().unwrap().to_string());
    }
    by_id
}

/// The peak memory a run may use: the per-document bounds times the threads, plus the matcher.
const PEAK_PER_THREAD_MIB: u64 = 500;

fn write_corpus(dir: &Path) -> BTreeMap<String, &'static [&'static str]> {
    let mut want = BTreeMap::new();
    for case in corpus::cases() {
        let path = dir.join(&case.name);
        std::fs::write(&path, &case.bytes).unwrap();
        want.insert(path.display().to_string(), case.want);
    }
    // Special files met while walking: each is one skipped record.
    let fifo = dir.join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        want.insert(fifo.display().to_string(), &["skipped"][..]);
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.join("resume.pdf"), dir.join("link.pdf")).unwrap();
        want.insert(dir.join("link.pdf").display().to_string(), &["skipped"][..]);
        let socket = dir.join("socket.txt");
        let listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        std::mem::forget(listener);
        want.insert(socket.display().to_string(), &["skipped"][..]);
    }
    want
}

/// The corpus as one folder: one record per input with an expected status, in bounded time and
/// memory, and the same output with one thread and two.
#[test]
fn the_hostile_corpus_gives_one_record_each() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    std::fs::create_dir(&dir).unwrap();
    let want = write_corpus(&dir);
    let d = dir.to_str().unwrap();
    let one = rolefit(&["extract", "-j", "1", d], None);
    let two = rolefit(&["extract", "-j", "2", d], None);
    assert_eq!(one.stdout, two.stdout, "-j 1 and -j 2 differ");
    let got = records(&one.stdout);
    if std::env::var_os("ROLEFIT_HOSTILE_KEEP").is_some() {
        // For a look at the corpus and its records by hand.
        eprintln!("{}\n{:#?}", dir.display(), got);
        std::mem::forget(tmp);
    }
    let mut wrong = Vec::new();
    for (id, statuses) in &got {
        match want.get(id) {
            None => wrong.push(format!("{id}: a record for no input")),
            Some(w) if statuses.len() != 1 || !w.contains(&statuses[0].as_str()) => {
                wrong.push(format!("{id}: {statuses:?}, want one of {w:?}"))
            }
            _ => {}
        }
    }
    for id in want.keys().filter(|id| !got.contains_key(*id)) {
        wrong.push(format!("{id}: no record"));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    for (threads, run) in [(1, &one), (2, &two)] {
        eprintln!(
            "corpus -j {threads}: {:?}, peak {:?} KiB",
            run.took, run.peak_kib
        );
        assert!(run.took < Duration::from_secs(120), "{:?}", run.took);
        if let Some(kib) = run.peak_kib {
            assert!(
                kib < threads * PEAK_PER_THREAD_MIB * 1024,
                "peak {kib} KiB with {threads} threads"
            );
        }
    }
}

/// Issue 11.1: a batch of good files and one form bomb: every record, soon.
#[test]
fn a_form_bomb_does_not_hold_back_a_batch() {
    let tmp = tempfile::tempdir().unwrap();
    for i in 0..50 {
        std::fs::write(
            tmp.path().join(format!("{i:02}.txt")),
            "PowerShell and Windows 11",
        )
        .unwrap();
    }
    std::fs::write(tmp.path().join("25-bomb.pdf"), pdf::form_self_bomb(1000)).unwrap();
    std::fs::write(tmp.path().join("26-chain.pdf"), pdf::form_chain_bomb(60)).unwrap();
    let run = rolefit(&["extract", "-j", "2", tmp.path().to_str().unwrap()], None);
    let got = records(&run.stdout);
    assert_eq!(got.len(), 52);
    assert!(got.values().all(|s| s.len() == 1));
    assert!(run.took < Duration::from_secs(30), "{:?}", run.took);
}

/// Issue 11.6: a named pipe, socket or device named on the command line is a record, not a
/// hang; the good file before it is still printed.
#[test]
fn special_files_by_name_are_unsupported() {
    let tmp = tempfile::tempdir().unwrap();
    let good = tmp.path().join("good.txt");
    std::fs::write(&good, "PowerShell").unwrap();
    let fifo = tmp.path().join("pipe");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let run = rolefit(
        &[
            "extract",
            good.to_str().unwrap(),
            fifo.to_str().unwrap(),
            "/dev/zero",
        ],
        None,
    );
    let got = records(&run.stdout);
    assert_eq!(got[good.to_str().unwrap()], ["ok"]);
    assert_eq!(got[fifo.to_str().unwrap()], ["unsupported"]);
    assert_eq!(got["/dev/zero"], ["unsupported"]);
    let run = rolefit(&["extract", "--jsonl", "/dev/zero"], None);
    assert_eq!(records(&run.stdout)["/dev/zero"], ["unsupported"]);
}

/// Issue 11.4 and 11.9: JSON Lines from a pipe: a BOM, huge integer ids, a line over the limit
/// and a last line that never ends; every record before it is kept.
#[test]
fn jsonl_lines_are_bounded() {
    let feed = |pipe: &mut dyn Write| {
        let _ = pipe
            .write_all(b"\xEF\xBB\xBF{\"id\": 18446744073709551617, \"text\": \"PowerShell\"}\n");
        let _ = pipe.write_all(b"{\"id\": 18446744073709551618, \"text\": \"Windows 11\"}\n");
        let mut long = b"{\"id\": \"long\", \"text\": \"".to_vec();
        long.resize(3 << 20, b'a');
        long.extend_from_slice(b"\"}\n");
        let _ = pipe.write_all(&long);
        let _ = pipe.write_all(b"{\"id\": \"after\", \"text\": \"Intune\"}\n");
        // An endless last line: 64 MiB without a newline.
        let zeros = vec![b'0'; 1 << 20];
        for _ in 0..64 {
            if pipe.write_all(&zeros).is_err() {
                break;
            }
        }
    };
    let run = rolefit(
        &["extract", "--jsonl", "--max-size", "1M", "-"],
        Some(Box::new(feed)),
    );
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let summary: Vec<(String, String, Option<u64>)> = lines
        .iter()
        .map(|v| {
            (
                v["id"].as_str().unwrap().to_string(),
                v["status"].as_str().unwrap().to_string(),
                v["line"].as_u64(),
            )
        })
        .collect();
    let want = [
        ("18446744073709551617", "ok", None),
        ("18446744073709551618", "ok", None),
        ("-:3", "too-large", Some(3)),
        ("after", "ok", None),
        ("-:5", "too-large", Some(5)),
    ];
    let want: Vec<(String, String, Option<u64>)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), *c))
        .collect();
    assert_eq!(summary, want);
    if let Some(kib) = run.peak_kib {
        assert!(kib < 200 * 1024, "peak {kib} KiB");
    }
}

/// A PDF cut short or missing a page's content is never scored as a shorter document: it is
/// read whole or reported corrupt, with the page named.
#[test]
fn pdf_partial_content_is_corrupt_not_a_shorter_document() {
    let limits = Limits::default();
    let full = pdf::long_resume(3);
    let whole = read(&full, &limits).0.expect("the whole resume reads");
    for cut in [true, false] {
        let err = read_bytes(&pdf::damaged_middle_page(cut), None, &limits).unwrap_err();
        assert_eq!(err.status, Status::Corrupt, "cut {cut}: {}", err.message);
        assert!(err.message.contains("page 2"), "{}", err.message);
    }
    for k in 1..40 {
        let keep = f64::from(k) / 40.0;
        match read(&pdf::truncated(&full, keep), &limits).0 {
            Ok(text) => assert_eq!(text, whole, "a cut at {keep} read part of the text"),
            Err(status) => assert_eq!(status, Status::Corrupt, "{keep}"),
        }
    }
}
