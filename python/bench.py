"""Throughput of rolefit.scan_batch next to the CLI's `rolefit scan --jsonl`, side by side.

    python bench.py CORPUS.jsonl [--cli target/release/rolefit] [--runs 3]

Alternates the two, one run each per round, and prints the median MB/s (text bytes of the
records per second). The Python time covers scan_batch only (records already loaded as dicts);
the CLI's covers reading the file, scoring and writing the records to /dev/null.
"""

import argparse
import json
import os
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
    py, cli = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        out = rolefit.scan_batch(records, as_of=as_of)
        py.append(time.perf_counter() - start)
        assert len(out) == len(records)
        start = time.perf_counter()
        with open(os.devnull, "wb") as devnull:
            subprocess.run(
                [args.cli, "scan", "--jsonl", "--format", "jsonl", "--as-of", as_of, args.corpus],
                stdout=devnull,
                check=True,
            )
        cli.append(time.perf_counter() - start)
    print(f"{len(records)} records, {mb:.1f} MB of text, {os.cpu_count()} cores, {args.runs} runs")
    for name, times in (("rolefit.scan_batch", py), ("rolefit scan --jsonl", cli)):
        t = statistics.median(times)
        runs = ", ".join(f"{x:.2f}" for x in times)
        print(f"{name:22} median {t:.2f} s = {mb / t:.1f} MB/s  (runs: {runs} s)")


if __name__ == "__main__":
    main()
