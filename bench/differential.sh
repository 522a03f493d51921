#!/usr/bin/env bash
# differential.sh - check that two rolefit builds write the same bytes for every score and every
# field of --explain: the proof that a speed change changed nothing a user can see.
#
# usage: bench/differential.sh [--sample N] BEFORE_BIN AFTER_BIN [CORPUS.jsonl...]
#        bench/differential.sh --record DIGESTS [--base COMMIT] [--sample N] BIN CORPUS.jsonl...
#        bench/differential.sh --check DIGESTS [--sample N] BIN CORPUS.jsonl...
#   BEFORE_BIN  the build before the change (for example a release build of the base commit)
#   AFTER_BIN   the build to check
#   CORPUS      more JSON Lines inputs (default: the 10 MB bench corpus when it exists)
#   --sample N  read only the first N records of each input (CI runs a sample)
#   --record    run BIN alone and write the sha256 of each case's stdout and stderr, and of each
#               input, to DIGESTS (no text); --base names the commit BIN was built from
#   --check     run BIN alone and compare with DIGESTS (bench/differential-ci.sh drives both)
#
# Inputs: ../shared/data/dev/postings.jsonl and resumes.jsonl (SHARED overrides ../shared) and each
# corpus. Cases, each run by both binaries with "Present" pinned by --as-of so the date of the run
# does not matter:
#   extract   extract --format jsonl
#   scan      scan --format jsonl                    (compact records)
#   explain   scan --format jsonl --explain          (every field of the report)
#   csv       scan --format csv
#   table     scan --format table --explain          (postings only)
#   html      scan --format html                     (the first 20 postings)
#   job       scan --job POSTING --explain, over the resumes, for three dev postings (and the
#             compact records for the first)
#   resume    scan --resume RESUME --explain, over the postings, for two dev resumes
# Every case runs in a scratch folder with relative file names, so no output holds a path.
# Exit 0 when every case is byte-identical; 1 with the first differing record of each case (with
# --check: the cases whose digests differ); 2 on a usage error; 3 when --check is given other
# inputs than were recorded (the check cannot be made: see bench/README.md, Differential check).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SAMPLE= MODE=compare DIGESTS= BASE=
while [ $# -gt 0 ]; do
  case "$1" in
    --sample) SAMPLE="$2"; shift 2 ;;
    --record | --check) MODE="${1#--}"; DIGESTS="$(realpath -m "$2")"; shift 2 ;;
    --base) BASE="$2"; shift 2 ;;
    *) break ;;
  esac
done
usage() { sed -n '2,28p' "$0" >&2; exit 2; }
if [ "$MODE" = compare ]; then
  [ $# -ge 2 ] || usage
  BEFORE="$(realpath "$1")" AFTER="$(realpath "$2")"; shift 2
  [ $# -gt 0 ] || { c="$HOME/.cache/rolefit-bench/corpora/10mb/corpus.jsonl"; [ -f "$c" ] && set -- "$c"; }
else
  # the recorded inputs are part of the digests: no default corpus
  [ $# -ge 2 ] || usage
  BEFORE="$(realpath "$1")" AFTER="$BEFORE"; shift
  [ "$MODE" = record ] || [ -f "$DIGESTS" ] || { echo "differential.sh: no digests $DIGESTS" >&2; exit 2; }
fi
SHARED="${SHARED:-$ROOT/../shared}"
DEV="$SHARED/data/dev"
AS_OF=2026-11
# the table wraps to COLUMNS when it is set: the same width everywhere
unset COLUMNS
for b in "$BEFORE" "$AFTER"; do [ -x "$b" ] || { echo "differential.sh: no binary $b" >&2; exit 2; }; done
[ -f "$DEV/postings.jsonl" ] || { echo "differential.sh: no dev data in $DEV (set SHARED)" >&2; exit 2; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# The inputs, cut to the sample.
take() { if [ -n "$SAMPLE" ]; then head -n "$SAMPLE" "$1"; else cat "$1"; fi; }
take "$DEV/postings.jsonl" > "$WORK/postings.jsonl"
take "$DEV/resumes.jsonl" > "$WORK/resumes.jsonl"
head -n 20 "$WORK/postings.jsonl" > "$WORK/postings20.jsonl"
corpora=()
i=0
for c in "$@"; do
  i=$((i + 1)); take "$c" > "$WORK/corpus$i.jsonl"; corpora+=("$WORK/corpus$i.jsonl")
done

# Documents for --job and --resume: the text field of a few records, as plain files.
python3 - "$WORK" <<'EOF'
import json, sys
work = sys.argv[1]
def texts(name):
    with open(f"{work}/{name}.jsonl", encoding="utf-8") as f:
        return [json.loads(l)["text"] for l in f if l.strip()]
p, r = texts("postings"), texts("resumes")
for i, t in enumerate([p[0], p[len(p) // 2], p[-1]]):
    open(f"{work}/job{i}.txt", "w", encoding="utf-8").write(t)
for i, t in enumerate([r[0], r[len(r) // 2]]):
    open(f"{work}/resume{i}.txt", "w", encoding="utf-8").write(t)
EOF

cd "$WORK"
if [ "$MODE" != compare ]; then
  # the inputs' own digests: a check against other inputs than were recorded cannot pass
  inputs="$(for f in postings resumes "${corpora[@]}"; do
    f="$(basename "$f" .jsonl).jsonl"; printf 'input\t%s\t%s\n' "$f" "$(sha256sum < "$f" | cut -d' ' -f1)"; done)"
  if [ "$MODE" = record ]; then
    { echo "# sha256 of each case's stdout and stderr: bench/differential.sh --record (see bench/README.md)"
      printf 'base\t%s\n' "${BASE:-unknown}"
      printf 'sample\t%s\n' "${SAMPLE:-all}"
      echo "$inputs"; } > "$WORK/digests"
  else
    want="$(grep '^input' "$DIGESTS" || true)"
    if [ "$inputs" != "$want" ]; then
      echo "differential.sh: the inputs are not the ones recorded in $DIGESTS:" >&2
      diff <(echo "$want") <(echo "$inputs") | sed 's/^/  /' >&2
      exit 3
    fi
  fi
fi

failed=0 cases=0
# check NAME ARGS...: run both binaries with ARGS and compare their standard output (--record:
# write the digests of one binary's; --check: compare them with the recorded ones).
check() {
  local name="$1"; shift
  cases=$((cases + 1))
  if [ "$MODE" != compare ]; then
    "$AFTER" "$@" > "$WORK/after.out" 2> "$WORK/after.err" || true
    local got; got="$(printf 'case\t%s\t%s\t%s\t%s' "$name" "$(sha256sum < "$WORK/after.out" | cut -d' ' -f1)" \
      "$(sha256sum < "$WORK/after.err" | cut -d' ' -f1)" "$(wc -c < "$WORK/after.out")")"
    if [ "$MODE" = record ]; then echo "$got" >> "$WORK/digests"; printf 'recorded %s\n' "$name"; return; fi
    if grep -qxF "$got" "$DIGESTS"; then printf 'same     %-28s %10s bytes\n' "$name" "$(wc -c < "$WORK/after.out")"; return; fi
    failed=$((failed + 1))
    printf 'DIFFERS  %s: rolefit %s\n' "$name" "$*"
    return
  fi
  "$BEFORE" "$@" > "$WORK/before.out" 2> "$WORK/before.err" || true
  "$AFTER" "$@" > "$WORK/after.out" 2> "$WORK/after.err" || true
  if cmp -s "$WORK/before.out" "$WORK/after.out" && cmp -s "$WORK/before.err" "$WORK/after.err"; then
    printf 'same     %-28s %10s bytes\n' "$name" "$(wc -c < "$WORK/after.out")"
    return
  fi
  failed=$((failed + 1))
  printf 'DIFFERS  %s: rolefit %s\n' "$name" "$*"
  for s in out err; do
    cmp -s "$WORK/before.$s" "$WORK/after.$s" && continue
    python3 - "$WORK/before.$s" "$WORK/after.$s" "$s" <<'EOF'
import sys
a = open(sys.argv[1], encoding="utf-8", errors="replace").read().split("\n")
b = open(sys.argv[2], encoding="utf-8", errors="replace").read().split("\n")
for n, (x, y) in enumerate(zip(a + [""] * len(b), b + [""] * len(a)), 1):
    if x != y:
        k = next((i for i, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
        lo = max(0, k - 200)
        print(f"  std{sys.argv[3]} line {n} (of {len(a)} / {len(b)}), from byte {k}:")
        print(f"    before: ...{x[lo:k + 200]}")
        print(f"    after:  ...{y[lo:k + 200]}")
        break
EOF
  done
}

for set in postings resumes "${corpora[@]}"; do
  label="$(basename "$set" .jsonl)" f="$(basename "$set" .jsonl).jsonl"
  check "extract $label" extract --jsonl --format jsonl "$f"
  check "scan $label" scan --jsonl --format jsonl --as-of "$AS_OF" "$f"
  check "explain $label" scan --jsonl --format jsonl --explain --as-of "$AS_OF" "$f"
  check "csv $label" scan --jsonl --format csv --as-of "$AS_OF" "$f"
done
check "table postings" scan --jsonl --format table --explain --color never --as-of "$AS_OF" postings.jsonl
check "html postings20" scan --jsonl --format html --as-of "$AS_OF" postings20.jsonl
for i in 0 1 2; do
  check "job$i resumes" scan --jsonl --format jsonl --explain --as-of "$AS_OF" --job "job$i.txt" resumes.jsonl
done
check "job0 resumes compact" scan --jsonl --format jsonl --as-of "$AS_OF" --job job0.txt resumes.jsonl
check "job0 resumes table" scan --jsonl --format table --explain --color never --as-of "$AS_OF" --job job0.txt resumes.jsonl
for i in 0 1; do
  check "resume$i postings" scan --jsonl --format jsonl --explain --as-of "$AS_OF" --resume "resume$i.txt" postings.jsonl
done

if [ "$MODE" = record ]; then
  cp "$WORK/digests" "$DIGESTS"
  echo "differential.sh: $cases cases recorded in $DIGESTS"
  exit 0
fi
echo "differential.sh: $((cases - failed)) of $cases cases byte-identical"
[ "$failed" = 0 ]
