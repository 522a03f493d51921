#!/usr/bin/env bash
# latency.sh - end-to-end latency of one small document through rolefit (issue 14: under 5 ms,
# median of 100, for `echo "..." | rolefit scan`, taxonomy loading and automaton building
# included).
#
# usage: bench/latency.sh     (needs hyperfine; ../shared/bench/scripts/setup.sh installs it)
# Prints hyperfine's table (mean) and then the median, min and max of each command, with the
# load average before the runs; hyperfine's progress and summary go to standard error.
# Environment: RUNS=100, SHARED, CARGO_TARGET_DIR, ROLEFIT_BIN as in peers.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="$(cd "${SHARED:-$ROOT/../shared}" && pwd)"
PATTERNS="${PATTERNS:-$SHARED/bench/patterns.txt}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
if [ -n "${ROLEFIT_BIN:-}" ]; then BIN="$ROLEFIT_BIN"; else
  (cd "$ROOT" && cargo build --release --quiet --bin rolefit)
  BIN="$CARGO_TARGET_DIR/release/rolefit"
fi
DOC='Desktop support technician: CompTIA A+ certified, Windows 11 imaging with MECM, Active Directory and Intune, Outlook profiles, ping and tracert.'
md="$(mktemp)" json="$(mktemp)"
load="$(cut -d' ' -f1-3 /proc/loadavg)"
# the echo is part of the measured command, as in the issue; hyperfine subtracts the shell start-up
hyperfine --warmup 10 --runs "${RUNS:-100}" --export-markdown "$md" --export-json "$json" \
  -n 'echo | rolefit scan' "echo '$DOC' | $BIN scan --format jsonl" \
  -n 'echo | rolefit extract' "echo '$DOC' | $BIN extract --format jsonl" \
  -n 'echo | rolefit extract --taxonomy patterns.txt --exact' "echo '$DOC' | $BIN extract --taxonomy $PATTERNS --exact --format jsonl" \
  -n 'echo | cat (floor: process start-up)' "echo '$DOC' | cat" >&2
cat "$md"
echo
echo "load average before the runs: $load"
echo
python3 - "$json" <<'EOF'
import json, statistics, sys
print('| command | runs | median ms | min ms | max ms |')
print('|---|---:|---:|---:|---:|')
for r in json.load(open(sys.argv[1]))['results']:
    t = r['times']
    name = r['command'].replace('|', '\\|')
    print(f"| `{name}` | {len(t)} | {statistics.median(t) * 1e3:.2f} | {min(t) * 1e3:.2f} | {max(t) * 1e3:.2f} |")
EOF
rm -f "$md" "$json"
