#!/usr/bin/env bash
# differential.sh - check that two rolefit builds write the same bytes for every score and every
# field of --explain: the proof that a speed change changed nothing a user can see.
#
# usage: bench/differential.sh [--sample N] BEFORE_BIN AFTER_BIN [CORPUS.jsonl...]
#   BEFORE_BIN  the build before the change (for example a release build of the base commit)
#   AFTER_BIN   the build to check
#   CORPUS      more JSON Lines inputs (default: the 10 MB bench corpus when it exists)
#   --sample N  read only the first N records of each input (CI runs a sample)
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
#   job       scan --job POSTING --explain, over the resumes, for three dev postings
#   resume    scan --resume RESUME --explain, over the postings, for two dev resumes
# Exit 0 when every case is byte-identical; 1 with the first differing record of each case.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SAMPLE=
if [ "${1:-}" = --sample ]; then SAMPLE="$2"; shift 2; fi
[ $# -ge 2 ] || { sed -n '2,22p' "$0" >&2; exit 2; }
BEFORE="$1" AFTER="$2"; shift 2
SHARED="${SHARED:-$ROOT/../shared}"
DEV="$SHARED/data/dev"
AS_OF=2026-11
[ $# -gt 0 ] || { c="$HOME/.cache/rolefit-bench/corpora/10mb/corpus.jsonl"; [ -f "$c" ] && set -- "$c"; }
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

failed=0 cases=0
# check NAME ARGS...: run both binaries with ARGS and compare their standard output.
check() {
  local name="$1"; shift
  cases=$((cases + 1))
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
  case "$set" in /*) f="$set"; label="$(basename "$set" .jsonl)" ;; *) f="$WORK/$set.jsonl"; label="$set" ;; esac
  check "extract $label" extract --jsonl --format jsonl "$f"
  check "scan $label" scan --jsonl --format jsonl --as-of "$AS_OF" "$f"
  check "explain $label" scan --jsonl --format jsonl --explain --as-of "$AS_OF" "$f"
  check "csv $label" scan --jsonl --format csv --as-of "$AS_OF" "$f"
done
check "table postings" scan --jsonl --format table --explain --color never --as-of "$AS_OF" "$WORK/postings.jsonl"
check "html postings20" scan --jsonl --format html --as-of "$AS_OF" "$WORK/postings20.jsonl"
for i in 0 1 2; do
  check "job$i resumes" scan --jsonl --format jsonl --explain --as-of "$AS_OF" --job "$WORK/job$i.txt" "$WORK/resumes.jsonl"
done
check "job0 resumes table" scan --jsonl --format table --explain --color never --as-of "$AS_OF" --job "$WORK/job0.txt" "$WORK/resumes.jsonl"
for i in 0 1; do
  check "resume$i postings" scan --jsonl --format jsonl --explain --as-of "$AS_OF" --resume "$WORK/resume$i.txt" "$WORK/postings.jsonl"
done

echo "differential.sh: $((cases - failed)) of $cases cases byte-identical"
[ "$failed" = 0 ]
