"""rolefit as a streaming filter inside a real Apache Spark job (issue 5, "Beyond one machine").

A local-mode SparkSession pipes the partitions of an RDD of JSON Lines records through
`rolefit scan --jsonl`, the way a cluster job would, and the result must be what one
single-machine `rolefit scan --jsonl` run gives over the same records: the same record for every
id (compared as parsed JSON), exactly one output record per input record, in input order, and the
malformed records as error records rather than a failed task.

`rdd.pipe(..., checkCode=True)` fails the task on a non-zero exit, like Spark's Scala `RDD.pipe`,
Hadoop Streaming and Dask's `subprocess.run(check=True)` habit; so the job runs rolefit with its
flag that keeps the exit code 0 when some records are bad (ROLEFIT_ERRORS_OK_FLAG, default
--errors-ok).

Run through tests/spark/run.sh, which installs pyspark and builds rolefit. Environment:
ROLEFIT_BIN (required), ROLEFIT_ARGS (extra arguments), SPARK_RECORDS=20000, SPARK_PARTITIONS=8,
SPARK_SEED=5, SPARK_SUBMIT=0 to skip the spark-submit run of rolefit_job.py (the cluster recipe,
with the binary shipped by --files).
"""

import json
import os
import random
import shlex
import subprocess
import sys
import tempfile
import time
import unittest

ROLEFIT = os.path.abspath(os.environ.get("ROLEFIT_BIN", "target/release/rolefit"))
ERRORS_OK = os.environ.get("ROLEFIT_ERRORS_OK_FLAG", "--errors-ok")
N_RECORDS = int(os.environ.get("SPARK_RECORDS", "20000"))
N_PARTITIONS = int(os.environ.get("SPARK_PARTITIONS", "8"))
SEED = int(os.environ.get("SPARK_SEED", "5"))
# extra arguments for every rolefit run, e.g. "--taxonomy my.json" (the embedded one by default)
EXTRA = shlex.split(os.environ.get("ROLEFIT_ARGS", ""))

# What desktop-support resumes and postings say, with the forms the matcher must cope with:
# acronyms, exam codes, symbols, Unicode dashes and spaces, line breaks inside terms.
SUPPORT = [
    "Reimaged Windows 11 laptops with MECM and Windows Autopilot.",
    "Reset passwords and unlocked accounts in Active Directory; managed users in AD.",
    "CompTIA A+ certified, working toward Network+ and the MD-102 exam.",
    "Configured Outlook profiles and Microsoft 365 mailboxes for new hires.",
    "Troubleshot Wi\u2011Fi and VPN drops with ping and tracert, ipconfig and nslookup.",
    "Managed Macs with Jamf Pro and phones with Microsoft Intune.",
    "Tier 1 help desk: tickets in ServiceNow and Jira Service Desk, SLAs met 98% of the time.",
    "Supported remote users over Microsoft Remote\nDesktop and TeamViewer.",
    "Mapped network drives and printers with Group Policy (GPO) across 400 seats.",
    "Wrote Bash scripts and PowerShell scripts to automate onboarding.",
    "Knowledge of TCP/IP, DNS, DHCP and 802.1X; Cisco switches a plus.",
    "Imaged machines with Windows\u00a010 and deployed Office 365 \u2014 smart \u201cquotes\u201d too.",
    "Excellent customer service and written communication; calm under pressure.",
    "Okta SSO, MFA enrolment and Azure AD joins for hybrid devices.",
    "Hardware repair: RAM, SSD and display replacement on Dell and Lenovo laptops.",
]
# Text where the same surface forms must not match, and text with nothing to find.
UNRELATED = [
    "The ad campaign ran for three weeks in the spring.",
    "We replaced the windows and doors in the kitchen last year.",
    "She got an A+ in chemistry and a B in history.",
    "The outlook for the market is uncertain this quarter.",
    "The teams met on Friday to plan the company picnic.",
    "He played ping pong after lunch and then went home.",
    "The bakery was rated A+ by the BBB for its service.",
    "Politicians bash his rivals on television every night.",
    "The recipe calls for two cups of flour and one egg.",
    "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u2014 \u00fcber stra\u00dfe \u65e5\u672c\u8a9e \U0001f600 text.",
    "",
]
SEPARATORS = [" ", " ", "\n", "\n\n", "\n- ", "\t", " \u2022 "]


def make_records(n, seed):
    """Lines of JSON Lines input, and for each line the id it carries (None if it has none).

    Seeded, so the single-machine run and the Spark run see the same bytes. About 1 line in 1000
    is malformed, of every kind a real dump has.
    """
    rnd = random.Random(seed)
    lines, ids = [], []
    bad_kinds = [
        lambda i: ('{"id": "bad-trunc-%d", "text": "Windows 1' % i, None),
        lambda i: ("[1, 2, 3]", None),
        lambda i: ('"just a string"', None),
        lambda i: ("42", None),
        lambda i: ("{not json at all %d" % i, None),
        lambda i: ('{"text": "Windows 11 and Active Directory"}', None),
        lambda i: (json.dumps({"id": "bad-notext-%d" % i}), "bad-notext-%d" % i),
        lambda i: (json.dumps({"id": "bad-num-%d" % i, "text": 17}), "bad-num-%d" % i),
        lambda i: (json.dumps({"id": "bad-null-%d" % i, "text": None}), "bad-null-%d" % i),
    ]
    for i in range(n):
        if i % 997 == 500:
            line, rid = bad_kinds[(i // 997) % len(bad_kinds)](i)
            lines.append(line)
            ids.append(rid)
            continue
        parts = []
        for _ in range(rnd.randint(0, 14)):
            pool = SUPPORT if rnd.random() < 0.45 else UNRELATED
            s = rnd.choice(pool)
            if rnd.random() < 0.1:
                s = s.upper()
            elif rnd.random() < 0.1:
                s = s.lower()
            parts.append(s)
            parts.append(rnd.choice(SEPARATORS))
        rid = "r%06d" % i if i % 1500 else "r\u00e9sum\u00e9 %d/\"q\"" % i  # odd but valid ids
        rec = {"id": rid, "text": "".join(parts)}
        if i % 7 == 0:
            rec["source"] = "synthetic"  # other fields are ignored, never an error
        if i % 11 == 0:
            rec = {"meta": {"n": i}, "text": rec["text"], "id": rid}  # id not first
        lines.append(json.dumps(rec, ensure_ascii=rnd.random() < 0.5))
        ids.append(rid)
    return lines, ids


def parse_output(lines, where):
    recs = []
    for k, line in enumerate(lines, 1):
        try:
            recs.append(json.loads(line))
        except ValueError as e:
            raise AssertionError("%s: output line %d is not JSON (%s): %r" % (where, k, e, line[:200]))
    return recs


def comparable(rec):
    """A record as compared across runs: an error message may quote a line number, which is
    counted per partition under Spark, so error records compare by their id and being errors."""
    if isinstance(rec, dict) and "error" in rec:
        return {"id": rec.get("id"), "error": True}
    return rec


def scan_cmd(threads, errors_ok=True):
    cmd = [ROLEFIT, "scan", "--jsonl", "--format", "jsonl", "-j", str(threads)] + EXTRA
    return cmd + [ERRORS_OK] if errors_ok else cmd


class State:
    lines = ids = None
    path = None
    single = None  # (returncode, [records])
    spark = None  # [records]
    spark_error = None


def setUpModule():
    if not os.access(ROLEFIT, os.X_OK):
        raise unittest.SkipTest("no rolefit binary at %s (set ROLEFIT_BIN)" % ROLEFIT)
    State.lines, State.ids = make_records(N_RECORDS, SEED)
    fd, State.path = tempfile.mkstemp(prefix="rolefit-spark-", suffix=".jsonl")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in State.lines))


def tearDownModule():
    if State.path:
        os.unlink(State.path)


def has_errors_ok_flag():
    h = subprocess.run([ROLEFIT, "scan", "--help"], capture_output=True, text=True)
    return ERRORS_OK in h.stdout


def single_run():
    if State.single is None:
        if not has_errors_ok_flag():
            raise AssertionError("`rolefit scan --help` has no %s flag" % ERRORS_OK)
        p = subprocess.run(scan_cmd(2) + [State.path], capture_output=True)
        State.single = (p.returncode, p.stderr.decode("utf-8", "replace"),
                        parse_output(p.stdout.decode("utf-8").splitlines(), "single run"))
    return State.single


def spark_run():
    if State.spark is None and State.spark_error is None:
        if not has_errors_ok_flag():
            raise AssertionError("`rolefit scan --help` has no %s flag: a Spark task fails on "
                                 "the exit code 2 that bad records cause" % ERRORS_OK)
        from pyspark.sql import SparkSession

        t0 = time.time()
        spark = (SparkSession.builder.master("local[2]").appName("rolefit-spark-test")
                 .config("spark.ui.enabled", "false")
                 .config("spark.ui.showConsoleProgress", "false")
                 .config("spark.task.maxFailures", "1")
                 .getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
        t1 = time.time()
        try:
            rdd = spark.sparkContext.parallelize(State.lines, N_PARTITIONS)
            # pipe() runs the command with exactly this environment (an empty one by default)
            cmd = " ".join(shlex.quote(a) for a in scan_cmd(1))
            out = rdd.pipe(cmd, env={"RUST_BACKTRACE": "1"}, checkCode=True).collect()
            State.spark = parse_output(out, "spark run")
        except Exception as e:  # keep the cause for every test that needs the run
            State.spark_error = "%s: %s" % (type(e).__name__, str(e)[:2000])
        finally:
            t2 = time.time()
            spark.stop()
        print("\nspark: session %.1f s, job %.1f s, %d records in %d partitions"
              % (t1 - t0, t2 - t1, len(State.lines), N_PARTITIONS), file=sys.stderr)
    if State.spark_error:
        raise AssertionError("the Spark job failed: " + State.spark_error)
    return State.spark


class ExitCodes(unittest.TestCase):
    def test_flag_is_offered(self):
        self.assertTrue(has_errors_ok_flag(),
                        "`rolefit scan --help` offers no %s (the flag that keeps exit 0 on bad "
                        "records; set ROLEFIT_ERRORS_OK_FLAG if it has another name)" % ERRORS_OK)

    def test_bad_records_exit_2_without_the_flag(self):
        p = subprocess.run(scan_cmd(1, errors_ok=False) + [State.path], capture_output=True)
        self.assertEqual(p.returncode, 2, p.stderr.decode("utf-8", "replace")[-2000:])

    def test_bad_records_exit_0_with_the_flag(self):
        code, err, _ = single_run()
        self.assertEqual(code, 0, err[-2000:])


class SingleMachine(unittest.TestCase):
    def test_one_output_record_per_input_record_in_order(self):
        _, err, recs = single_run()
        self.assertEqual(len(recs), len(State.lines), err[-2000:])
        for k, (rid, rec) in enumerate(zip(State.ids, recs), 1):
            if rid is not None:
                self.assertEqual(rec.get("id"), rid, "line %d" % k)

    def test_malformed_records_are_error_records(self):
        _, _, recs = single_run()
        for k, (line, rec) in enumerate(zip(State.lines, recs), 1):
            bad = k % 997 == 501  # make_records puts a malformed line at index i % 997 == 500
            self.assertEqual("error" in rec, bad, "line %d: %r -> %r" % (k, line[:80], rec))


class Spark(unittest.TestCase):
    def test_one_output_record_per_input_record_in_order(self):
        recs = spark_run()
        self.assertEqual(len(recs), len(State.lines))
        for k, (rid, rec) in enumerate(zip(State.ids, recs), 1):
            if rid is not None:
                self.assertEqual(rec.get("id"), rid, "line %d" % k)

    def test_same_records_as_a_single_machine_run_by_id(self):
        recs = spark_run()
        _, _, single = single_run()
        keyed = lambda rs: {r["id"]: comparable(r) for r in rs
                            if isinstance(r, dict) and isinstance(r.get("id"), str)}
        a, b = keyed(recs), keyed(single)
        expected_ids = {i for i in State.ids if i is not None}
        self.assertTrue(expected_ids <= set(a), "ids missing from the Spark output: %s"
                        % sorted(expected_ids - set(a))[:10])
        self.assertTrue(expected_ids <= set(b), "ids missing from the single run's output: %s"
                        % sorted(expected_ids - set(b))[:10])
        # ids of lines that carry none ("-:12") are per partition: the positional test covers them
        diff = [i for i in sorted(expected_ids) if a.get(i) != b.get(i)]
        self.assertFalse(diff, "%d ids differ, first: %r\n spark:  %s\n single: %s" % (
            len(diff), diff[:1], json.dumps(a.get(diff[0]))[:1500] if diff else "",
            json.dumps(b.get(diff[0]))[:1500] if diff else ""))

    def test_same_records_as_a_single_machine_run_by_position(self):
        # covers the lines that carry no id: the same kind of record at the same place
        recs = spark_run()
        _, _, single = single_run()
        self.assertEqual(len(recs), len(single))
        for k, (rid, x, y) in enumerate(zip(State.ids, recs, single), 1):
            if rid is None:
                # no id to carry: rolefit names the record by source and line ("-:12" under
                # Spark, "file.jsonl:3012" here), which differ by design; both must be errors
                self.assertEqual(("error" in x, "error" in y), (True, True), "line %d: %r %r" % (k, x, y))
            else:
                self.assertEqual(comparable(x), comparable(y), "line %d" % k)


@unittest.skipIf(os.environ.get("SPARK_SUBMIT", "1") == "0", "SPARK_SUBMIT=0")
class SparkSubmit(unittest.TestCase):
    """The cluster recipe itself: spark-submit ships the binary with --files and runs
    rolefit_job.py, which reads the records with textFile and writes part files."""

    def test_spark_submit_job_gives_the_single_machine_records(self):
        if not has_errors_ok_flag():
            self.fail("`rolefit scan --help` has no %s flag" % ERRORS_OK)
        submit = os.path.join(os.path.dirname(sys.executable), "spark-submit")
        job = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rolefit_job.py")
        with tempfile.TemporaryDirectory(prefix="rolefit-spark-out-") as tmp:
            out = os.path.join(tmp, "out")
            env = dict(os.environ, ROLEFIT_PARTITIONS=str(N_PARTITIONS))
            env.pop("ROLEFIT", None)
            t0 = time.time()
            p = subprocess.run([submit, "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                                "--conf", "spark.ui.showConsoleProgress=false",
                                "--files", ROLEFIT, job, State.path, out] + EXTRA,
                               capture_output=True, env=env)
            print("\nspark-submit: %.1f s" % (time.time() - t0), file=sys.stderr)
            self.assertEqual(p.returncode, 0, p.stderr.decode("utf-8", "replace")[-3000:])
            parts = sorted(f for f in os.listdir(out) if f.startswith("part-"))
            lines = []
            for f in parts:
                with open(os.path.join(out, f), encoding="utf-8") as fh:
                    lines.extend(fh.read().splitlines())
        recs = parse_output(lines, "spark-submit job")
        _, _, single = single_run()
        self.assertEqual(len(recs), len(single))
        for k, (rid, x, y) in enumerate(zip(State.ids, recs, single), 1):
            if rid is None:
                self.assertEqual(("error" in x, "error" in y), (True, True), "line %d" % k)
            else:
                self.assertEqual(x.get("id"), rid, "line %d" % k)
                self.assertEqual(comparable(x), comparable(y), "line %d" % k)


if __name__ == "__main__":
    unittest.main(verbosity=2)
