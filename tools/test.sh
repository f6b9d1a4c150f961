#!/usr/bin/env bash
# README command (b): install what is needed, build, and run every test.
#   1. the Release suite (ctest; the "slow" label marks the long tier, `ctest -LE slow` skips
#      it). It includes the deterministic fuzz gate (label "fuzz"): every parser's harness
#      replays its committed corpus, regression inputs and a fixed number of seeded mutants,
#      so the same commit gets the same verdict on every machine (issue 19);
#   2. the whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer, fuzz gate
#      included.
# Open-ended libFuzzer campaigns are not part of the gate: `bash tools/fuzz.sh` (see there).
# GEOBALANCE_QUICK=1 runs step 1 only (for development).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
# A compiler cache (Debian's ccache): the python/ and packaging tests configure their own
# builds of the libraries with the same flags, which then cost a cache lookup, not a rebuild.
# CCACHE_BASEDIR makes the cache independent of where the clone lives.
if command -v ccache >/dev/null 2>&1; then
  export CMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER:-ccache} CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
fi
bash tools/build.sh build
jobs=$(nproc 2>/dev/null || echo 2)
start=$(date +%s)
ctest --test-dir build --output-on-failure -j "$jobs"
echo "test: release suite took $(( $(date +%s) - start )) s"
if [ "${GEOBALANCE_QUICK:-0}" = 1 ]; then exit 0; fi
bash tools/sanitize.sh
