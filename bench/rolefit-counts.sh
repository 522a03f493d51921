#!/usr/bin/env bash
# rolefit-counts.sh - adapter between rolefit and the peer harness (../shared/bench/run_peers.sh).
#
# usage: rolefit-counts.sh ROLEFIT_BIN PATTERNS CORPUS JOBS [EXTRA_ROLEFIT_ARGS...]
#
# Runs `rolefit extract` with the harness's phrase list as a plain-text taxonomy and --exact (no
# generated spelling variants, so every tool searches the same 500 terms), and prints one
# "id<TAB>count" line per document, which is what the harness compares with its reference peer.
# CORPUS is a folder (id = path; the harness reduces it to the file stem) or a .jsonl file
# (id = record id).
#
# If rolefit offers `--format counts` (id<TAB>count natively), it is used; otherwise the jsonl
# output is counted by mawk, one `"concept":` key per match. ROLEFIT_COUNTS=native|awk forces one.
# Error records ({"id","error"}) count 0, like a document without matches.
set -euo pipefail
[ $# -ge 4 ] || { sed -n '2,14p' "$0" >&2; exit 2; }
bin="$1" patterns="$2" corpus="$3" jobs="$4"
shift 4
args=(extract --taxonomy "$patterns" --exact -j "$jobs" "$@")
[ -f "$corpus" ] && args+=(--jsonl)

mode="${ROLEFIT_COUNTS:-}"
if [ -z "$mode" ]; then
  # ask rolefit itself: clap rejects an unknown --format value with exit 2
  if "$bin" extract --taxonomy "$patterns" --exact --format counts < /dev/null > /dev/null 2>&1; then mode=native; else mode=awk; fi
fi
case "$mode" in
  native) exec "$bin" "${args[@]}" --format counts "$corpus" ;;
  awk)
    # mawk splits each record on the match key: NF-1 matches. The id is the first "id" string
    # (match objects carry "concept", never "id"); ids with escaped quotes are not expected here.
    "$bin" "${args[@]}" --format jsonl "$corpus" | LC_ALL=C awk -F'"concept" *:' '
      { if (match($0, /"id" *: *"[^"]*"/)) { id = substr($0, RSTART, RLENGTH); sub(/^"id" *: *"/, "", id); sub(/"$/, "", id) }
        else id = "?"
        print id "\t" (NF > 0 ? NF - 1 : 0) }' ;;
  *) echo "rolefit-counts.sh: ROLEFIT_COUNTS must be native or awk" >&2; exit 2 ;;
esac
