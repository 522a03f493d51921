//! The reports people read: golden cases for the table (`tests/report/NAME.toml`, run in
//! `fixtures/` at a fixed width without colour), and checks of colour, help, completions and the
//! man page. After a deliberate change of output, rewrite the expected files with
//!
//!     TRYCMD=overwrite cargo test --test report
//!
//! and read the diff before committing it.

use assert_cmd::Command;

fn rolefit() -> Command {
    let mut cmd = Command::cargo_bin("rolefit").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS");
    cmd
}

#[test]
fn golden() {
    trycmd::TestCases::new().case("tests/report/*.toml");
}

fn scan_table(extra: &[&str]) -> String {
    let out = rolefit()
        .args([
            "scan",
            "--as-of",
            "2026-01",
            "--format",
            "table",
            "--job",
            "fixtures/postings/desktop-support-technician.txt",
            "fixtures/resumes/strong-mid.txt",
        ])
        .args(extra)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn colour_only_when_asked_for() {
    // Piped: `auto` is no colour.
    assert!(!scan_table(&[]).contains('\x1b'));
    assert!(!scan_table(&["--color", "never"]).contains('\x1b'));
    let coloured = scan_table(&["--color", "always"]);
    assert!(coloured.contains("\x1b["), "{coloured}");
    // Without the escapes, the same table.
    let plain: String = {
        let mut s = String::new();
        let mut esc = false;
        for c in coloured.chars() {
            match c {
                '\x1b' => esc = true,
                'm' if esc => esc = false,
                _ if esc => {}
                c => s.push(c),
            }
        }
        s
    };
    assert_eq!(plain, scan_table(&[]));
}

#[test]
fn rows_fit_the_width_without_cutting_words() {
    for width in [60usize, 72, 100] {
        let out = rolefit()
            .env("COLUMNS", width.to_string())
            .args([
                "scan",
                "--as-of",
                "2026-01",
                "--format",
                "table",
                "--explain",
                "--job",
                "fixtures/postings/desktop-support-technician.txt",
                "fixtures/resumes/strong-mid.txt",
            ])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        for line in text.lines().filter(|l| !l.contains("fixtures/")) {
            assert!(line.chars().count() <= width, "{width}: {line:?}");
        }
        let unwrapped = scan_table(&["--explain"]);
        let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        // Same words, in the same order, whatever the width (the id is the same document).
        assert_eq!(words(&text), words(&unwrapped));
        assert!(text.lines().count() > unwrapped.lines().count(), "{text}");
    }
}

#[test]
fn web_addresses_get_a_hint() {
    for args in [
        &[
            "scan",
            "--job",
            "https://example.com/jobs/1",
            "fixtures/resumes/lead.txt",
        ][..],
        &[
            "scan",
            "--job",
            "fixtures/postings/software-engineer.txt",
            "http://x.test/cv",
        ],
    ] {
        let out = rolefit().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("rolefit reads files"), "{err}");
        assert!(err.contains("--job -"), "{err}");
    }
}

#[test]
fn help_puts_the_first_options_first_and_has_examples() {
    let out = rolefit().args(["scan", "--help"]).output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    let at = |flag: &str| help.find(flag).unwrap_or_else(|| panic!("{flag}: {help}"));
    assert!(at("--job") < at("--resume"));
    assert!(at("--resume") < at("--top"));
    assert!(at("--top") < at("--format"));
    assert!(at("--format") < at("--taxonomy"));
    assert!(at("--format") < at("--threads"));
    assert!(help.contains("Ctrl-D"));
    assert!(help.contains("Examples:"));
    let top = rolefit().arg("--help").output().unwrap();
    assert!(String::from_utf8(top.stdout).unwrap().contains("Examples:"));
}

#[test]
fn completions_and_man_page() {
    for (shell, needle) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef rolefit"),
        ("fish", "complete -c rolefit"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[rolefit]"),
    ] {
        let out = rolefit().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains(needle), "{shell}");
        assert!(script.contains("--job"), "{shell}");
    }
    let out = rolefit().arg("man").output().unwrap();
    assert!(out.status.success());
    let man = String::from_utf8(out.stdout).unwrap();
    assert!(
        man.starts_with(".ie") || man.contains(".TH rolefit"),
        "{man}"
    );
    assert!(man.contains("completions"));
}

#[test]
fn no_progress_when_piped() {
    let out = rolefit()
        .args([
            "scan",
            "--format",
            "jsonl",
            "fixtures/resumes/",
            "nosuch.txt",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("documents read"), "{err}");
    assert!(!err.contains('\r') && !err.contains('\x1b'), "{err:?}");
    // The error once, and the counts at the end.
    assert_eq!(err.matches("nosuch.txt").count(), 1, "{err}");
    assert!(
        err.ends_with("rolefit: 15 documents: 14 ok, 1 unreadable\n"),
        "{err}"
    );
}
