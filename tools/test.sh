#!/usr/bin/env bash
# README command (b): install what is needed, build, and run every test.
#   1. the Release suite (ctest; the "slow" label marks the long tier, `ctest -LE slow` skips it);
#   2. every parser's libFuzzer target, two at a time, for a fixed FUZZ_RUNS executions from a
#      fixed seed (reproducible: CI fails only on findings that exist; open-ended campaigns:
#      FUZZ_RUNS= FUZZ_SECONDS=600 bash tools/fuzz.sh);
#   3. the whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer.
# GEOBALANCE_QUICK=1 runs step 1 only (for development).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
bash tools/build.sh build
jobs=$(nproc 2>/dev/null || echo 2)
start=$(date +%s)
ctest --test-dir build --output-on-failure -j "$jobs"
echo "test: release suite took $(( $(date +%s) - start )) s"
if [ "${GEOBALANCE_QUICK:-0}" = 1 ]; then exit 0; fi
FUZZ_RUNS=${FUZZ_RUNS-400000} FUZZ_SEED=${FUZZ_SEED:-1} FUZZ_PARALLEL=${FUZZ_PARALLEL:-2} bash tools/fuzz.sh
bash tools/sanitize.sh
