#!/usr/bin/env bash
# The Python package from scratch: a venv with maturin and pytest from PyPI, the wheel built
# with maturin and installed into it, and pytest over the installed wheel (compared with the
# CLI binary). Run from anywhere; .ci/run calls it after `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${ROLEFIT_PY_VENV:-target/python-venv}
wheels=target/python-wheels
if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  # Debian splits the venv module out of python3.
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq python3-venv
fi
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check maturin pytest
# The CLI the tests compare records with (already built by `cargo test`).
cargo build --quiet --bin rolefit
rm -rf "$wheels"
"$venv/bin/maturin" build --release --quiet -m python/Cargo.toml -o "$wheels"
"$venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall "$wheels"/rolefit-*.whl
# From the root, so that `import rolefit` is the installed wheel, not python/rolefit.
ROLEFIT_BIN=target/debug/rolefit "$venv/bin/pytest" -q -p no:cacheprovider python/tests
