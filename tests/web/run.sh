#!/usr/bin/env bash
# The web page's browser test: a venv with selenium and pytest from PyPI, and pytest driving
# headless Chromium (Debian's chromium and chromium-driver, which .ci/run installs) against the
# rolefit binary's `serve`. Run from anywhere; .ci/run calls it after `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=${ROLEFIT_WEB_VENV:-target/web-venv}
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check selenium pytest
# The server under test (already built by `cargo test`).
cargo build --quiet --bin rolefit
ROLEFIT_BIN=${ROLEFIT_BIN:-target/debug/rolefit} "$venv/bin/pytest" -q -rs -p no:cacheprovider tests/web "$@"
