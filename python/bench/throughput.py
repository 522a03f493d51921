"""Throughput of rolefit.scan_batch next to the CLI's `rolefit scan --jsonl`, side by side.

    python python/bench/throughput.py CORPUS.jsonl [--cli target/release/rolefit] [--runs 3]

Alternates the two, one run each per round, and prints the median MB/s (text bytes of the
records per second) by wall clock, and the median CPU seconds (all threads), which a loaded
machine disturbs less. The Python time covers scan_batch only (records already loaded as dicts);
the CLI's covers reading the file, scoring and writing the records to /dev/null.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import time

import rolefit


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("--cli", default="target/release/rolefit")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with open(args.corpus, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    mb = sum(len(r["text"].encode()) for r in records) / 1e6
    as_of = "2026-01"
    py, cli, py_cpu, cli_cpu = [], [], [], []
    for _ in range(args.runs):
        start, cpu = time.perf_counter(), time.process_time()
        out = rolefit.scan_batch(records, as_of=as_of)
        py.append(time.perf_counter() - start)
        py_cpu.append(time.process_time() - cpu)
        assert len(out) == len(records)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        with open(os.devnull, "wb") as devnull:
            subprocess.run(
                [args.cli, "scan", "--jsonl", "--format", "jsonl", "--as-of", as_of, args.corpus],
                stdout=devnull,
                check=True,
            )
        cli.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cli_cpu.append(
            after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        )
    print(f"{len(records)} records, {mb:.1f} MB of text, {os.cpu_count()} cores, {args.runs} runs")
    print(f"load average (1 min) after the runs: {os.getloadavg()[0]:.1f}")
    for name, times, cpu in (
        ("rolefit.scan_batch", py, py_cpu),
        ("rolefit scan --jsonl", cli, cli_cpu),
    ):
        t = statistics.median(times)
        runs = ", ".join(f"{x:.2f}" for x in times)
        print(
            f"{name:22} median {t:.2f} s = {mb / t:.1f} MB/s (runs: {runs} s); "
            f"CPU {statistics.median(cpu):.2f} s"
        )


if __name__ == "__main__":
    main()
