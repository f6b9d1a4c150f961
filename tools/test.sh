#!/usr/bin/env bash
# README command (b): install what is needed, build, and run every test.
# The "slow" label marks the long tier; it runs here too (CI has the time), and
# `ctest -LE slow` skips it during development.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
bash tools/build.sh build
jobs=$(nproc 2>/dev/null || echo 2)
ctest --test-dir build --output-on-failure -j "$jobs"
