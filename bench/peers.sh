#!/usr/bin/env bash
# peers.sh - reproduce the peer table of issue 5 with rolefit added to it.
#
# usage: bench/peers.sh [CORPUS...]
#   CORPUS: a corpus made by ../shared/bench/scripts/gen_corpus.py (folder), a folder of documents,
#           or a .jsonl file. Default: the 100 MB corpus as a folder, then as JSON Lines.
#
# Builds rolefit in release, then runs ../shared/bench/run_peers.sh once per corpus and per rolefit
# mode, so each table holds the peers and one rolefit row measured in the same run:
#   extract  `rolefit extract --taxonomy patterns.txt --exact`, counted per document by
#            bench/rolefit-counts.sh: the same 500 terms as every peer, so "docs = ref" is the
#            agreement with the reference peer (ac-exact-dfa).
#   scan     `rolefit scan --format jsonl` with the embedded taxonomy and full scoring, its JSON
#            Lines written as is (no counts: the agreement columns stay empty for this row).
#   explain  the same with `--explain`: the full report per document (every concept with its
#            evidence, groups, gaps, years, level reasons).
#
# Environment (all optional):
#   MODES="extract scan explain"   rolefit rows to add (one harness run each)
#   PEERS="ac-exact-dfa ac-dfa rg15-ascii flashtext"   harness peers; PEERS=all for every peer
#   JOBS="1 2"  RUNS=3     passed to run_peers.sh (as are WARMUP, SLOW_PEERS, SLOW_RUNS, REF)
#   SHARED=../shared       the shared folder beside the checkout (CI has it there)
#   BENCH_WORK=~/.cache/rolefit-bench   where setup.sh put the tools, corpora and results
#   SETUP=1                run ../shared/bench/scripts/setup.sh first (needs root: apt-get)
#   CARGO_TARGET_DIR       where rolefit is built (default: target/ in the repo)
#   ROLEFIT_BIN            measure this binary instead of building one
#   RESULTS=$BENCH_WORK/results   where the result folders go
#
# Each table is printed and kept, with raw outputs, timings and results.json, in
# $RESULTS/<corpus>-<kind>-rolefit-<mode>-<date>/table.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="$(cd "${SHARED:-$ROOT/../shared}" && pwd)"
HARNESS="$SHARED/bench/run_peers.sh"
WORK="${BENCH_WORK:-$HOME/.cache/rolefit-bench}"
export BENCH_WORK="$WORK"
[ -x "$HARNESS" ] || [ -f "$HARNESS" ] || { echo "peers.sh: no harness at $HARNESS (set SHARED)" >&2; exit 2; }

if [ "${SETUP:-0}" = 1 ] || [ ! -x "$WORK/ac-target/release/ac-baseline" ]; then
  echo "peers.sh: setting up the harness in $WORK (once per machine)" >&2
  bash "$SHARED/bench/scripts/setup.sh"
fi

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
if [ -n "${ROLEFIT_BIN:-}" ]; then BIN="$ROLEFIT_BIN"; else
  (cd "$ROOT" && cargo build --release --quiet --bin rolefit)
  BIN="$CARGO_TARGET_DIR/release/rolefit"
fi

MODES="${MODES:-extract scan explain}"
RESULTS="${RESULTS:-$WORK/results}"
PEERS="${PEERS:-ac-exact-dfa ac-dfa rg15-ascii flashtext}"
[ "$PEERS" = all ] && unset PEERS || export PEERS
export JOBS="${JOBS:-1 2}" RUNS="${RUNS:-3}"
[ $# -gt 0 ] || set -- "$WORK/corpora/100mb" "$WORK/corpora/100mb/corpus.jsonl"

for corpus in "$@"; do
  [ -e "$corpus" ] || { echo "peers.sh: no corpus $corpus (see ../shared/bench/README.md)" >&2; exit 2; }
  if [ -f "$corpus" ]; then kind=jsonl; jsonl=--jsonl; else kind=dir; jsonl=; fi
  for mode in $MODES; do
    case "$mode" in
      extract) tool="$ROOT/bench/rolefit-counts.sh $BIN {P} {C} {J}" ;;
      scan)    tool="$BIN scan $jsonl --format jsonl -j {J} {C}" ;;
      explain) tool="$BIN scan $jsonl --format jsonl --explain -j {J} {C}" ;;
      *) echo "peers.sh: unknown mode $mode (extract, scan or explain)" >&2; exit 2 ;;
    esac
    name="$(basename "$(cd "$(dirname "$corpus")" && pwd)")"
    [ "$kind" = dir ] && name="$(basename "$corpus")"
    out="$RESULTS/$name-$kind-rolefit-$mode-$(date +%Y%m%d-%H%M%S)"
    echo "== $corpus ($kind), rolefit $mode: $tool" >&2
    # the harness reports a failing tool run and goes on; a missing table is our failure
    OUT="$out" TOOL_CMD="$tool" bash "$HARNESS" "$corpus"
    [ -s "$out/table.md" ] || { echo "peers.sh: no table in $out" >&2; exit 1; }
    if [ -s "$out/raw/tool-j1.err" ]; then echo "-- rolefit stderr (j1):" >&2; head -5 "$out/raw/tool-j1.err" >&2; fi
  done
done
