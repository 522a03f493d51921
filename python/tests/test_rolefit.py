"""The rolefit Python package, over an installed wheel, checked against the CLI binary."""

import json
import os
import subprocess
from pathlib import Path

import pytest

import rolefit

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
AS_OF = "2026-01"


def fixture(path):
    return (FIXTURES / path).read_text(encoding="utf-8")


def cli_binary():
    """The CLI to compare with: $ROLEFIT_BIN, else a built one in the root crate's target."""
    named = os.environ.get("ROLEFIT_BIN")
    if named:
        return named
    for profile in ("release", "debug"):
        path = ROOT / "target" / profile / "rolefit"
        if path.exists():
            return str(path)
    pytest.skip("no rolefit binary: build it (cargo build) or set ROLEFIT_BIN")


def cli(*args, stdin, codes=(0,)):
    """Runs the CLI with `args` on `stdin`, checks its exit code, returns its JSON Lines records."""
    out = subprocess.run(
        [cli_binary(), *args],
        input=stdin if isinstance(stdin, bytes) else stdin.encode(),
        capture_output=True,
        check=False,
    )
    assert out.returncode in codes, out.stderr.decode()
    return [json.loads(line) for line in out.stdout.decode().splitlines()]


def test_the_ad_campaign_is_not_active_directory():
    matcher = rolefit.Matcher(rolefit.Taxonomy.embedded())
    assert [m["concept"] for m in matcher.extract("We ran the ad campaign in spring.")] == []
    found = matcher.extract("Managed AD user accounts and group policy.")
    assert "active-directory" in [m["concept"] for m in found]


def test_extract_spans_are_python_string_indices():
    text = "Résumé — naïve user: Active Directory, ServiceNow ✓, PowerShell"
    matches = rolefit.Matcher().extract(text)
    assert [m["concept"] for m in matches][:2] == ["active-directory", "servicenow"]
    for m in matches:
        assert text[m["start"] : m["end"]] == m["text"]
        assert set(m) == {"start", "end", "text", "concept", "name", "kind"}
    assert matches[0]["name"] == "Active Directory"
    assert matches[0]["kind"] == "tool"
    assert matches[-1]["concept"] == "powershell"


def test_a_help_desk_resume_scores_above_a_chef():
    help_desk = rolefit.scan(fixture("documents/resume.txt"), kind="resume", as_of=AS_OF)
    chef = rolefit.scan(fixture("resumes/weak-chef.txt"), kind="resume", as_of=AS_OF)
    assert help_desk["status"] == chef["status"] == "ok"
    assert help_desk["score"] > chef["score"] + 20
    assert "active-directory" in help_desk["matched"]


def test_job_mode_ranks_the_strong_resume_first():
    posting = fixture("postings/desktop-support-technician.txt")
    names = ["weak-chef", "strong-mid", "weak-developer", "partial-mid"]
    records = rolefit.scan_batch(
        [{"id": n, "text": fixture(f"resumes/{n}.txt")} for n in names],
        job=posting,
        as_of=AS_OF,
    )
    ranked = [r["id"] for r in sorted(records, key=lambda r: -r["score"])]
    assert ranked[0] == "strong-mid"
    assert ranked[-1] in {"weak-chef", "weak-developer"}


@pytest.mark.parametrize("explain", [False, True])
def test_scan_equals_the_cli_record(explain):
    text = fixture("resumes/strong-senior.txt")
    flags = ["scan", "--format", "jsonl", "--as-of", AS_OF] + (["--explain"] if explain else [])
    (expected,) = cli(*flags, stdin=text)
    assert rolefit.scan(text, explain=explain, as_of=AS_OF) == expected


def test_scan_with_a_job_equals_the_cli_record(tmp_path):
    posting = tmp_path / "posting.txt"
    posting.write_text(fixture("postings/senior-desktop-engineer.txt"), encoding="utf-8")
    text = fixture("resumes/partial-senior.txt")
    (expected,) = cli(
        "scan", "--format", "jsonl", "--as-of", AS_OF, "--job", str(posting), stdin=text
    )
    assert rolefit.scan(text, job=posting.read_text(encoding="utf-8"), as_of=AS_OF) == expected


def test_batch_equals_the_cli_jsonl_run_in_input_order():
    names = sorted(p.stem for p in (FIXTURES / "resumes").glob("*.txt"))
    records = [{"id": n, "text": fixture(f"resumes/{n}.txt")} for n in names] * 3
    lines = "".join(json.dumps(r) + "\n" for r in records)
    expected = cli("scan", "--jsonl", "--format", "jsonl", "--as-of", AS_OF, stdin=lines)
    got = rolefit.scan_batch(records, as_of=AS_OF)
    assert [r["id"] for r in got] == names * 3
    assert got == expected


def test_batch_takes_text_bytes_and_records_in_order():
    docx = (FIXTURES / "documents/resume.docx").read_bytes()
    got = rolefit.scan_batch(
        ["Chef: knife skills, menus", docx, {"id": 7, "text": "ServiceNow"}, b"\x7fELF\x02\x01"],
        as_of=AS_OF,
    )
    assert [r["id"] for r in got] == ["0", "1", "7", "3"]
    assert [r["format"] for r in got] == ["text", "docx", "jsonl", got[3]["format"]]
    assert got[1]["score"] > got[0]["score"]
    assert got[3]["status"] == "unsupported" and "error" in got[3]


def test_bytes_are_read_by_content_like_the_cli():
    pdf = (FIXTURES / "documents/resume.pdf").read_bytes()
    (expected,) = cli("scan", "--format", "jsonl", "--as-of", AS_OF, stdin=pdf)
    assert rolefit.scan(pdf, as_of=AS_OF) == expected
    assert "Active Directory" in rolefit.read(pdf)
    encrypted = (FIXTURES / "documents/encrypted.pdf").read_bytes()
    record = rolefit.scan(encrypted)
    (cli_record,) = cli("scan", "--format", "jsonl", stdin=encrypted, codes=(2,))
    assert record == cli_record and record["status"] == "encrypted"
    with pytest.raises(rolefit.ReadError) as err:
        rolefit.read(encrypted)
    assert err.value.status == "encrypted" and err.value.format == "pdf"


def test_a_bad_taxonomy_path_raises_the_cli_message(tmp_path):
    missing = tmp_path / "nope.json"
    with pytest.raises(rolefit.Error) as err:
        rolefit.Taxonomy.from_path(missing)
    out = subprocess.run(
        [cli_binary(), "taxonomy", "--taxonomy", str(missing)], capture_output=True, check=False
    )
    assert out.returncode == 2
    assert out.stderr.decode().strip() == f"rolefit: {err.value}"
    assert isinstance(err.value, ValueError)
    with pytest.raises(rolefit.Error, match="duplicate|twice|already"):
        rolefit.Taxonomy.from_path(FIXTURES / "cli/bad-taxonomy.json")


def test_option_errors_are_exceptions():
    with pytest.raises(rolefit.Error) as err:
        rolefit.scan("text", role="astronaut")
    out = subprocess.run(
        [cli_binary(), "scan", "--role", "astronaut", "--format", "jsonl"],
        input=b"text",
        capture_output=True,
        check=False,
    )
    assert out.stderr.decode().strip() == f"rolefit: {err.value}"
    with pytest.raises(rolefit.Error, match="YYYY-MM"):
        rolefit.scan("text", as_of="last month")
    with pytest.raises(rolefit.Error, match="not a kind"):
        rolefit.scan("text", kind="cv")
    with pytest.raises(rolefit.Error, match="cannot be used together"):
        rolefit.scan("text", job="a posting", role="desktop-technician")
    with pytest.raises(TypeError):
        rolefit.scan_batch([1.5])
    with pytest.raises(TypeError):
        rolefit.scan_batch("one string")


def test_a_custom_taxonomy_is_used():
    terms = rolefit.Taxonomy.from_path(FIXTURES / "cli/terms.txt")
    assert len(terms) > 0 and len(terms) != len(rolefit.Taxonomy.embedded())
    with pytest.raises(rolefit.Error, match="no role"):
        rolefit.scan("PowerShell", taxonomy=terms)
    record = rolefit.scan("PowerShell and C#", job="PowerShell, C#, .NET", taxonomy=terms)
    assert record["taxonomy"] == terms.hash != rolefit.Taxonomy.embedded().hash
    assert record["matched"] == [m["concept"] for m in rolefit.Matcher(terms).extract("PowerShell and C#")]
