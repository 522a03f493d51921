#!/usr/bin/env python3
"""The figures of issue 14 from one run of bench/scan-targets.sh, as markdown.

usage: scan_targets.py RUN_DIR

RUN_DIR holds peers/ (one harness result folder per rolefit mode, each with results.json and
raw/tool-j1.out), memory.md (bench/memory.sh), latency.md (bench/latency.sh) and callgrind.md
(bench/callgrind.sh). Ratios are
CPU-time throughput (MB of text per CPU second, user+sys) of rolefit over the floor
(ac-baseline --exact, `ac-exact-dfa`) at the same thread count, both from the same harness run.
"""
import glob
import json
import os
import re
import sys

run = sys.argv[1]


def load_modes():
    modes = {}
    for f in sorted(glob.glob(os.path.join(run, 'peers', '*', 'results.json'))):
        folder = os.path.dirname(f)
        m = re.search(r'-rolefit-(\w+)-\d{8}-\d{6}$', folder)
        if not m:
            continue
        res = json.load(open(f))
        modes[m.group(1)] = (folder, res)
    return modes


def row(res, peer):
    return next((r for r in res['rows'] if r['peer'] == peer), None)


def mbps(res, r):
    return res['bytes'] / 1e6 / max(r['cpu_med'], 1e-9)


def wall_mbps(res, r):
    return res['bytes'] / 1e6 / max(r['wall_med'], 1e-9)


modes = load_modes()
out = []
p = out.append
p('## Throughput against the floor (CPU time, same harness run)\n')
p('| rolefit mode | threads | rolefit MB/s (CPU) | floor MB/s (CPU) | ratio (CPU) | '
  'ratio (wall) | load avg (rolefit / floor) |')
p('|---|---:|---:|---:|---:|---:|---|')
scaling = []
for mode in ('scan', 'explain', 'extract'):
    if mode not in modes:
        continue
    folder, res = modes[mode]
    for j in (1, 2):
        t, f = row(res, f'tool-j{j}'), row(res, f'ac-exact-dfa-j{j}')
        if not t or not f:
            continue
        p(f'| {mode} | {j} | {mbps(res, t):.1f} | {mbps(res, f):.1f} | '
          f'{mbps(res, t) / mbps(res, f):.3f}x | {wall_mbps(res, t) / wall_mbps(res, f):.3f}x | '
          f'{t["load_med"]:.2f} / {f["load_med"]:.2f} |')
    t1, t2 = row(res, 'tool-j1'), row(res, 'tool-j2')
    f1, f2 = row(res, 'ac-exact-dfa-j1'), row(res, 'ac-exact-dfa-j2')
    if t1 and t2:
        scaling.append((mode, t1['wall_med'] / t2['wall_med'],
                        f1['wall_med'] / f2['wall_med'] if f1 and f2 else None))
p('')
p('## 1 -> 2 threads (wall time of -j 1 over -j 2)\n')
p('| rolefit mode | rolefit | floor, same run |')
p('|---|---:|---:|')
for mode, r, fr in scaling:
    p(f'| {mode} | {r:.2f}x | {fr:.2f}x |' if fr else f'| {mode} | {r:.2f}x | |')
p('')
p('## Output size (100 MB corpus, JSON Lines)\n')
p('| rolefit mode | records | bytes | bytes per record |')
p('|---|---:|---:|---:|')
for mode in ('scan', 'explain'):
    if mode not in modes:
        continue
    raw = os.path.join(modes[mode][0], 'raw', 'tool-j1.out')
    if not os.path.exists(raw):
        continue
    size = os.path.getsize(raw)
    with open(raw, 'rb') as fh:
        lines = sum(1 for _ in fh)
    p(f'| {mode} | {lines} | {size} | {size / max(lines, 1):.0f} |')
p('')
for name, title in (('memory.md', 'Peak RSS (bench/memory.sh)'),
                    ('latency.md', 'Latency (bench/latency.sh)'),
                    ('callgrind.md', 'Instructions per byte (bench/callgrind.sh scan)')):
    f = os.path.join(run, name)
    if os.path.exists(f):
        p(f'## {title}\n')
        p(open(f).read().strip())
        p('')
p('Harness tables (every peer, wall and CPU, min and median): ' +
  ', '.join(os.path.join(m[0], 'table.md') for m in modes.values()))
print('\n'.join(out))
