#!/usr/bin/env bash
# differential-ci.sh - the differential check of bench/differential.sh on a sample, with no second
# binary: the sha256 of every case's output, recorded once from the build before the speed work
# (bench/differential.sha256, digests only: no dev text), checked against this build.
#
# usage: bench/differential-ci.sh [BIN]                  check BIN (default: build
#                                                        target/release/rolefit) against the digests
#        bench/differential-ci.sh --record BIN COMMIT    re-record the digests from BIN, a release
#                                                        build of COMMIT (bench/README.md)
#
# Inputs: the dev postings (../shared/data/dev), the first $SAMPLE dev resumes (the sample is
# recorded in the digests, 400 when recording) and a 2 MB corpus generated deterministically by
# ../shared/bench/scripts/gen_corpus.py --size-mb 2 --seed 1 (its first $SAMPLE records).
# When a digest differs and git history holds the recorded base commit, the base is built (in the
# same CARGO_TARGET_DIR, so dependencies are reused) and bench/differential.sh prints the first
# differing record of each case; without it, how to reproduce the check locally.
# Exit status: 0 same, 1 differs, 2 usage, 3 inputs other than recorded.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="$(cd "${SHARED:-$ROOT/../shared}" && pwd)"
export SHARED
DIGESTS="$ROOT/bench/differential.sha256"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

echo "differential-ci: generating the 2 MB corpus (gen_corpus.py --size-mb 2 --seed 1)" >&2
python3 "$SHARED/bench/scripts/gen_corpus.py" --size-mb 2 --seed 1 --out "$TMP/corpus2mb" --no-files \
  > "$TMP/gen.log" 2>&1 || { cat "$TMP/gen.log" >&2; exit 2; }
CORPUS="$TMP/corpus2mb/corpus.jsonl"

if [ "${1:-}" = --record ]; then
  [ $# = 3 ] || { sed -n '2,18p' "$0" >&2; exit 2; }
  exec "$ROOT/bench/differential.sh" --record "$DIGESTS" --base "$(git -C "$ROOT" rev-parse "$3^{commit}" 2>/dev/null || echo "$3")" \
    --sample "${SAMPLE:-400}" "$2" "$CORPUS"
fi
[ $# -le 1 ] || { sed -n '2,18p' "$0" >&2; exit 2; }
if [ $# = 1 ]; then BIN="$(realpath "$1")"; else
  (cd "$ROOT" && cargo build --release --quiet --bin rolefit)
  BIN="$CARGO_TARGET_DIR/release/rolefit"
fi
SAMPLE="$(awk -F'\t' '$1 == "sample" { print $2 }' "$DIGESTS")"
BASE="$(awk -F'\t' '$1 == "base" { print $2 }' "$DIGESTS")"
sample=(--sample "$SAMPLE"); [ "$SAMPLE" = all ] && sample=()

status=0
"$ROOT/bench/differential.sh" --check "$DIGESTS" "${sample[@]}" "$BIN" "$CORPUS" || status=$?
[ "$status" = 1 ] || exit "$status"

# A difference: show it record by record against the base build when history has it.
cp "$BIN" "$TMP/rolefit-after"
if git -C "$ROOT" cat-file -e "$BASE^{commit}" 2> /dev/null; then
  echo "differential-ci: building the recorded base ${BASE:0:12} to show the first differing records" >&2
  mkdir "$TMP/base"
  git -C "$ROOT" archive "$BASE" | tar -x -C "$TMP/base"
  # Cargo keys rolefit's own artifacts by package, not by folder, and judges them fresh by file
  # times: without a clean it would take this build's artifacts for the base's (the archive's
  # files are older), and after the base build, the base's for this checkout's. Dependencies stay.
  (cd "$ROOT" && cargo clean --release --quiet -p rolefit)
  (cd "$TMP/base" && cargo build --release --quiet --bin rolefit)
  cp "$CARGO_TARGET_DIR/release/rolefit" "$TMP/rolefit-base"
  (cd "$ROOT" && cargo clean --release --quiet -p rolefit)
  "$ROOT/bench/differential.sh" "${sample[@]}" "$TMP/rolefit-base" "$TMP/rolefit-after" "$CORPUS" || true
else
  cat >&2 << EOF
differential-ci: the cases above write other bytes than the base build ${BASE:0:12} did, and this
checkout has no history to rebuild it. To see the first differing record of each case, locally:
  git worktree add /tmp/rolefit-base $BASE
  (cd /tmp/rolefit-base && cargo build --release --bin rolefit)
  cargo build --release --bin rolefit
  python3 ../shared/bench/scripts/gen_corpus.py --size-mb 2 --seed 1 --out /tmp/corpus2mb --no-files
  bench/differential.sh ${sample[*]} /tmp/rolefit-base/target/release/rolefit target/release/rolefit /tmp/corpus2mb/corpus.jsonl
If the change of output is deliberate, re-record the digests (bench/README.md, Differential check).
EOF
fi
exit 1
