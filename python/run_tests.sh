#!/usr/bin/env bash
# ctest "python" (label python): installs python/ offline into a fresh virtual environment
# (python3 -m venv --system-site-packages: Debian's pandas, numpy, pytest and pybind11) with
#   pip install --no-build-isolation --no-index ./python
# and runs pytest on python/tests against the CLI named by $GEOBALANCE_CLI.
# Usage: run_tests.sh PYTHON VENV_DIR   (the build reuses $GEOBALANCE_PY_BUILD_DIR when set)
set -euo pipefail
PY=${1:?python interpreter}
VENV=${2:?venv folder}
HERE=$(cd "$(dirname "$0")" && pwd)
rm -rf "$VENV"
"$PY" -m venv --system-site-packages "$VENV"
"$VENV/bin/python" -m pip install --quiet --no-build-isolation --no-index --no-deps "$HERE" >"$VENV.pip.log" 2>&1 || {
  tail -40 "$VENV.pip.log"; echo "python: pip install ./python failed (log: $VENV.pip.log)"; exit 1; }
cd "$HERE/.."
# The installed package, not the source folder, must be the one imported.
"$VENV/bin/python" -c 'import geobalance, sys; assert "site-packages" in geobalance.__file__, geobalance.__file__'
exec "$VENV/bin/python" -m pytest -q -p no:cacheprovider "$HERE/tests"
