#!/usr/bin/env bash
# scan-targets.sh - every figure of issue 14 in one command: the peer harness on the 100 MB JSON
# Lines corpus with rolefit's scan (compact), scan --explain and extract rows against the floor
# (ac-baseline --exact) at 1 and 2 threads, bytes per record, peak RSS on the 10 MB, 100 MB and
# 1 GB corpora, the latency of `echo ... | rolefit scan` (median of 100), and scan's instructions
# per byte by function under callgrind (bench/callgrind.sh; CALLGRIND=0 skips it).
#
# usage: bench/scan-targets.sh            (ROLEFIT_BIN=... to measure a given binary)
#
# Takes about 10 minutes with today's scan (mostly the 1 GB memory runs); run it on a quiet
# machine. Everything goes to $BENCH_WORK/results/scan-targets-<date>/, and summary.md (printed
# at the end) is the table for README and bench/RESULTS.md.
# Environment: ROLEFIT_BIN, CORPUS (default: the 100 MB corpus.jsonl), PEERS (default
# "ac-exact-dfa rg15-ascii"), RUNS=3, MEMORY_JOBS=2, MEMORY_MODES="scan ac", RUNS_LATENCY=100,
# BENCH_WORK, SHARED, CARGO_TARGET_DIR as in peers.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_WORK:-$HOME/.cache/rolefit-bench}"
export BENCH_WORK="$WORK"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
if [ -z "${ROLEFIT_BIN:-}" ]; then
  (cd "$ROOT" && cargo build --release --quiet --bin rolefit)
  ROLEFIT_BIN="$CARGO_TARGET_DIR/release/rolefit"
fi
export ROLEFIT_BIN
RUN="$WORK/results/scan-targets-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RUN/peers"
{
  echo "rolefit: $ROLEFIT_BIN ($(sha256sum "$ROLEFIT_BIN" | cut -c1-16))"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "started: $(date -u +'%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "host: $(nproc) cpus,$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
} > "$RUN/info.txt"
cat "$RUN/info.txt" >&2

CORPUS="${CORPUS:-$WORK/corpora/100mb/corpus.jsonl}"
echo "== peers: $CORPUS" >&2
RESULTS="$RUN/peers" MODES="scan explain extract" PEERS="${PEERS:-ac-exact-dfa rg15-ascii}" \
  RUNS="${RUNS:-3}" JOBS="1 2" "$ROOT/bench/peers.sh" "$CORPUS" > "$RUN/peers.log"

echo "== memory: 10 MB, 100 MB, 1 GB (as far as they exist)" >&2
JOBS="${MEMORY_JOBS:-2}" MODES="${MEMORY_MODES:-scan ac}" INPUTS=jsonl \
  "$ROOT/bench/memory.sh" > "$RUN/memory.md"

echo "== latency" >&2
RUNS="${RUNS_LATENCY:-100}" "$ROOT/bench/latency.sh" > "$RUN/latency.md" 2> "$RUN/latency.err"

if [ "${CALLGRIND:-1}" = 1 ] && command -v valgrind > /dev/null; then
  echo "== callgrind: instructions per byte of scan (first 2 MB of the 10 MB corpus)" >&2
  "$ROOT/bench/callgrind.sh" scan > "$RUN/callgrind.md" 2> "$RUN/callgrind.err" || echo "callgrind.sh failed: $RUN/callgrind.err" >&2
fi

{
  cat "$RUN/info.txt"
  echo "finished: $(date -u +'%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  python3 "$ROOT/bench/scan_targets.py" "$RUN"
} > "$RUN/summary.md"
cat "$RUN/summary.md"
echo "(kept in $RUN/summary.md)" >&2
