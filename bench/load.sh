#!/usr/bin/env bash
# load.sh - a bounded load test of `rolefit serve` on loopback: a fixed number of POST /v1/scan
# requests (one JSON resume each) from 1, 8 and 64 concurrent clients (examples/load.rs), then
# the server's peak RSS (VmHWM) read from /proc before it is stopped with SIGTERM.
#
# usage: bench/load.sh [REQUESTS]      (default 2000 per client count)
# Environment: CLIENTS="1,8,64", DOCUMENT=fixtures/resumes/lead.txt, CARGO_TARGET_DIR,
# SERVE_ARGS (extra flags for rolefit serve, e.g. "--concurrency 2").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
REQUESTS="${1:-2000}"
CLIENTS="${CLIENTS:-1,8,64}"
DOCUMENT="${DOCUMENT:-$ROOT/fixtures/resumes/lead.txt}"
(cd "$ROOT" && cargo build --release --quiet --bin rolefit --example load)
BIN="$CARGO_TARGET_DIR/release/rolefit"
LOAD="$CARGO_TARGET_DIR/release/examples/load"

log="$(mktemp)"
# shellcheck disable=SC2086
"$BIN" serve --addr 127.0.0.1:0 ${SERVE_ARGS:-} 2>"$log" &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do
  grep -q 'listening on' "$log" && break
  sleep 0.1
done
url="$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1)"
[ -n "$url" ] || { cat "$log"; echo "load.sh: the server did not start" >&2; exit 1; }

echo "rolefit serve at $url ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo "document: $DOCUMENT ($(wc -c <"$DOCUMENT") bytes), $REQUESTS requests per client count"
echo
"$LOAD" "$url" --requests "$REQUESTS" --clients "$CLIENTS" --document "$DOCUMENT"
echo
echo "server peak RSS: $(awk '/VmHWM/ {printf "%.1f MiB", $2 / 1024}' "/proc/$server/status")"
echo "access log lines: $(grep -c 'path=/v1/scan' "$log")"
kill -TERM "$server"
wait "$server" || true
trap - EXIT
rm -f "$log"
