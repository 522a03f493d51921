#!/usr/bin/env python3
"""The scorer's stages as one markdown table, from the last `cargo bench --bench scoring -- stages/`.

usage: bench/stages_table.py [TARGET_DIR]     (default: target; reads TARGET_DIR/criterion/stages)

One row per stage, one column per document (posting and resume at 2, 8 and 32 KB): the median
time per document in microseconds and, below it, MB/s of document text. Stages add up: `walk` +
`analyze` + `score` + the record's own cost is the work of `scan` per document.
"""
import json
import os
import sys

root = os.path.join(sys.argv[1] if len(sys.argv) > 1 else 'target', 'criterion', 'stages')
STAGES = ['walk', 'analyze', 'sections', 'guess-kind', 'polarity', 'date-ranges', 'year-claims',
          'score', 'score-job', 'posting-profile', 'record-compact', 'record-explain',
          'write-compact', 'write-explain']
DOCS = [(k, s) for k in ('posting', 'resume') for s in ('2kb', '8kb', '32kb')]


def read(stage, kind, size):
    d = os.path.join(root, f'{stage}_{kind}', size, 'new')
    try:
        est = json.load(open(os.path.join(d, 'estimates.json')))
        bench = json.load(open(os.path.join(d, 'benchmark.json')))
    except OSError:
        return None
    ns = est['median']['point_estimate']
    nbytes = (bench.get('throughput') or {}).get('Bytes')
    return ns, nbytes


print('| stage | ' + ' | '.join(f'{k} {s}' for k, s in DOCS) + ' |')
print('|---|' + '---:|' * len(DOCS))
for stage in STAGES:
    cells = []
    for k, s in DOCS:
        r = read(stage, k, s)
        if r is None:
            cells.append('')
            continue
        ns, nbytes = r
        mbps = f' ({nbytes / ns * 1e3:.0f} MB/s)' if nbytes else ''
        cells.append(f'{ns / 1e3:.1f} µs{mbps}')
    if any(cells):
        print(f'| {stage} | ' + ' | '.join(cells) + ' |')
