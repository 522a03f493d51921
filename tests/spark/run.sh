#!/usr/bin/env bash
# run.sh - the Spark test of issue 5: partitions piped through `rolefit scan --jsonl` in a real
# (local-mode) Apache Spark job must give exactly what one `rolefit scan --jsonl` run gives.
#
# usage: tests/spark/run.sh [unittest args...]
# Needs Python 3 and a JDK (17); installs pyspark from PyPI into a venv, once.
# Environment (all optional):
#   SPARK_VENV=~/.cache/rolefit-spark/venv   where pyspark is installed
#   PYSPARK_VERSION=4.3.0                    the pyspark pinned for CI
#   CARGO_TARGET_DIR                         where rolefit is built (default: target/)
#   ROLEFIT_BIN                              skip the build and test this binary
#   ROLEFIT_ARGS                             extra rolefit arguments (e.g. "--taxonomy FILE")
#   SPARK_RECORDS=20000 SPARK_PARTITIONS=8 SPARK_SEED=5   the synthetic job
#   SPARK_SUBMIT=0                           skip the spark-submit run of rolefit_job.py
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="${SPARK_VENV:-$HOME/.cache/rolefit-spark/venv}"
PYSPARK_VERSION="${PYSPARK_VERSION:-4.3.0}"

command -v java >/dev/null || { echo "tests/spark: no java on PATH (pyspark needs a JDK 17)" >&2; exit 2; }
if ! "$VENV/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
  echo "tests/spark: installing pyspark $PYSPARK_VERSION into $VENV" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
fi

if [ -z "${ROLEFIT_BIN:-}" ]; then
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
  (cd "$ROOT" && cargo build --release --quiet --bin rolefit)
  ROLEFIT_BIN="$CARGO_TARGET_DIR/release/rolefit"
fi
export ROLEFIT_BIN
# workers must run the driver's interpreter (the one with pyspark)
export PYSPARK_PYTHON="$VENV/bin/python" PYSPARK_DRIVER_PYTHON="$VENV/bin/python"
exec "$VENV/bin/python" "$ROOT/tests/spark/test_spark.py" "$@"
