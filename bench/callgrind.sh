#!/usr/bin/env bash
# callgrind.sh - instructions per byte of `rolefit scan`, in total and by function (inclusive),
# for the targets that a run of bench/scan-targets.sh misses (issue 14: "the measured
# instructions per byte by stage").
#
# usage: bench/callgrind.sh [MODE]      MODE: scan (default), explain or extract
# Runs `rolefit scan --jsonl --format jsonl -j 1` (with --explain, or `extract`) under
# valgrind --tool=callgrind on the first 2 MB of the 10 MB corpus (the release build has debug
# info), then prints the total and the 30 costliest of rolefit's functions (and the allocator,
# copies, hashing and serialisation they call), inclusive, as instructions per byte of document
# text and share of the total. Instruction counts do not depend on the load.
# Environment: DOCS=388 (records taken from the corpus), CORPUS, BENCH_WORK, CARGO_TARGET_DIR,
# ROLEFIT_BIN as in peers.sh; TOP=30.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_WORK:-$HOME/.cache/rolefit-bench}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
if [ -n "${ROLEFIT_BIN:-}" ]; then BIN="$ROLEFIT_BIN"; else
  (cd "$ROOT" && cargo build --release --quiet --bin rolefit)
  BIN="$CARGO_TARGET_DIR/release/rolefit"
fi
MODE="${1:-scan}"
case "$MODE" in
  scan) args=(scan --jsonl --format jsonl -j 1 --as-of 2026-11) ;;
  explain) args=(scan --jsonl --format jsonl --explain -j 1 --as-of 2026-11) ;;
  extract) args=(extract --jsonl --format jsonl -j 1) ;;
  *) echo "callgrind.sh: MODE is scan, explain or extract" >&2; exit 2 ;;
esac
command -v valgrind > /dev/null || { echo "callgrind.sh: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
head -n "${DOCS:-388}" "${CORPUS:-$WORK/corpora/10mb/corpus.jsonl}" > "$TMP/docs.jsonl"
bytes="$(python3 -c 'import json, sys; print(sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[1])))' "$TMP/docs.jsonl")"
valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.out" "$BIN" "${args[@]}" "$TMP/docs.jsonl" > /dev/null 2> "$TMP/vg.err" ||
  { tail -5 "$TMP/vg.err" >&2; exit 1; }
callgrind_annotate --inclusive=yes --threshold=100 "$TMP/cg.out" 2> /dev/null > "$TMP/annotate.txt"
python3 - "$TMP/annotate.txt" "$bytes" "${TOP:-30}" "rolefit ${args[*]}" <<'EOF'
import re, sys
text, nbytes, top, cmd = open(sys.argv[1]).read(), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
total = int(re.search(r'^([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS', text, re.M).group(1).replace(',', ''))
rows = []
for m in re.finditer(r'^\s*([\d,]+) \(\s*([\d.]+)%\)\s+(\S.*?)$', text, re.M):
    name = m.group(3)
    if 'PROGRAM TOTALS' in name:
        continue
    rows.append((int(m.group(1).replace(',', '')), name.split(' [')[0]))
print(f'{cmd}: {nbytes} bytes of text, {total / 1e6:.0f} M instructions, {total / nbytes:.0f} per byte\n')
print('| function (inclusive) | M instructions | per byte | share |')
print('|---|---:|---:|---:|')
# rolefit's own functions, and the allocator, copies and hashing they call; thread and rayon
# frames are left out (their inclusive cost is everything, counted again per recursion)
keep = re.compile(r'rolefit::|^(malloc|free|realloc|calloc|_int_malloc|_int_free|memcpy|memmove)|hash_one|Hasher|aho_corasick|serde_json::ser')
seen = set()
for ir, name in rows:
    # "file:function": keep the function
    name = re.sub(r'^(\?\?\?|[^:\s]*\.(?:rs|c|h|S)|[^:\s]*/[^:\s]*):', '', name)
    if name in seen or not keep.search(name) or ir > total:
        continue
    seen.add(name)
    print(f'| `{name[:110]}` | {ir / 1e6:.0f} | {ir / nbytes:.1f} | {ir / total * 100:.1f} % |')
    if len(seen) >= top:
        break
EOF
