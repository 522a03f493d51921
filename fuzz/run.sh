#!/bin/sh
# Runs the fuzz targets beyond the readers one after another, SECONDS each (default 600), on one
# core, from their seeds, and prints executions and findings per target. Run from the
# repository root with cargo-fuzz installed (`cargo install cargo-fuzz`) and nightly Rust.
#   fuzz/run.sh 300 scorer jsonl
set -eu
secs=${1:-600}
shift 2>/dev/null || true
targets=${*:-matcher matcher_small scorer taxonomy jsonl}
for t in $targets; do
    mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
    log="fuzz/artifacts/$t/run.log"
    status=0
    cargo +nightly fuzz run -O "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
        -max_total_time="$secs" -print_final_stats=1 -rss_limit_mb=2048 -timeout=10 -max_len=4096 \
        >"$log" 2>&1 || status=$?
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo '?')
    findings=$(ls "fuzz/artifacts/$t" | grep -c -v run.log || true)
    echo "$t: $execs executions in ${secs}s, exit $status, $findings finding(s)"
done
