#!/usr/bin/env bash
# memory.sh - peak RSS of rolefit as the corpus grows (issue 5: under 100 MB on 1 GB, and the
# 10 MB and 1 GB figures within 20 % of each other).
#
# usage: bench/memory.sh [CORPUS_ROOT...]   default: every corpus in $BENCH_WORK/corpora
#                                            (10mb, 100mb, 1gb as far as they exist)
# For each corpus, as a folder and as JSON Lines (whichever it has: a 1 GB corpus made with
# --no-files is JSON Lines only): `rolefit extract` on the harness's phrase list (--exact),
# `rolefit scan` on the embedded taxonomy (compact records; `explain` adds --explain), and
# ac-baseline --exact for reference; output goes to /dev/null. Prints a markdown table of peak
# RSS (MB), wall seconds and the load average when each run started.
# Environment: JOBS="1 2", MODES="extract scan ac" (explain too if listed), INPUTS="dir jsonl",
# BENCH_WORK, SHARED, CARGO_TARGET_DIR, ROLEFIT_BIN as in peers.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="$(cd "${SHARED:-$ROOT/../shared}" && pwd)"
WORK="${BENCH_WORK:-$HOME/.cache/rolefit-bench}"
PATTERNS="${PATTERNS:-$SHARED/bench/patterns.txt}"
AC="$WORK/ac-target/release/ac-baseline"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
if [ -n "${ROLEFIT_BIN:-}" ]; then BIN="$ROLEFIT_BIN"; else
  (cd "$ROOT" && cargo build --release --quiet --bin rolefit)
  BIN="$CARGO_TARGET_DIR/release/rolefit"
fi
JOBS="${JOBS:-1 2}"
if [ $# -eq 0 ]; then
  for s in 10mb 100mb 1gb; do [ -f "$WORK/corpora/$s/manifest.json" ] && set -- "$@" "$WORK/corpora/$s"; done
fi

MODES="${MODES:-extract scan ac}"
INPUTS="${INPUTS:-dir jsonl}"

measure() {  # label command... -> one table row
  local label="$1"; shift
  local t load; t="$(mktemp)"; load="$(cut -d' ' -f1 /proc/loadavg)"
  if /usr/bin/time -f '%M %e' -o "$t" "$@" > /dev/null 2> "$t.err"; then :; else
    echo "| $label | exit $? | | $load | $(head -c 120 "$t.err" | tr '\n|' '  ') |"; rm -f "$t" "$t.err"; return; fi
  read -r kb wall < <(tail -1 "$t")
  printf '| %s | %.0f | %s | %s | |\n' "$label" "$(echo "$kb / 1024" | bc -l)" "$wall" "$load"
  rm -f "$t" "$t.err"
}

echo "| run | peak RSS MB | wall s | load avg | note |"
echo "|---|---:|---:|---:|---|"
for c in "$@"; do
  n="$(basename "$c")"
  for j in $JOBS; do
    for input in $INPUTS; do
      if [ $input = dir ]; then p="$c/docs"; fl=(); else p="$c/corpus.jsonl"; fl=(--jsonl); fi
      [ -e "$p" ] || continue
      for mode in $MODES; do
        case $mode in
          extract) measure "$n $input j$j extract --exact" "$BIN" extract "${fl[@]}" --taxonomy "$PATTERNS" --exact --format jsonl -j "$j" "$p" ;;
          scan) measure "$n $input j$j scan" "$BIN" scan "${fl[@]}" --format jsonl -j "$j" "$p" ;;
          explain) measure "$n $input j$j scan --explain" "$BIN" scan "${fl[@]}" --format jsonl --explain -j "$j" "$p" ;;
          ac) if [ -x "$AC" ]; then measure "$n $input j$j ac-baseline --exact" "$AC" -j "$j" --kind dfa --exact "$PATTERNS" "$p"; fi ;;
          *) echo "memory.sh: unknown mode $mode (extract, scan, explain or ac)" >&2; exit 2 ;;
        esac
      done
    done
  done
done
