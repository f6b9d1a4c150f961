#!/usr/bin/env bash
# README command (a): install what is needed, build, and run the main job.
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
# The default scenario: prints one line per question, writes geobalance-out/brief.html,
# results.json and tables/, and records the run in the store.
./build/bin/geobalance run
