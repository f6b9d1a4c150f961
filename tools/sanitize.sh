#!/usr/bin/env bash
# The whole test suite under AddressSanitizer (with LeakSanitizer) and UndefinedBehavior-
# Sanitizer (issue 8, item 2). Builds in build-asan with gcc 12 (clang-14 cannot compile
# apps/geobalance/align_cmd.cc: it captures structured bindings in a lambda, a C++20 feature
# clang gained in version 16; SANITIZE_CC/SANITIZE_CXX choose another compiler) and
# -DGEOBALANCE_SANITIZE=address,undefined (which also turns the internal asserts on), runs
# ctest, and fails on any test failure or any sanitizer report, including one from a CLI
# subprocess that a test did not look at: every report is also written under
# $dir/sanitizer-logs/, which must stay empty.
#
#   tools/sanitize.sh                        # everything
#   SANITIZE_CTEST_ARGS="-L io" tools/sanitize.sh
#
# Environment: SANITIZE_BUILD_DIR (build-asan), SANITIZE_JOBS (nproc), SANITIZE_CTEST_ARGS,
# SANITIZE_SKIP_MODULES (passed to GEOBALANCE_SKIP_MODULES for half-written modules).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${SANITIZE_BUILD_DIR:-build-asan}
jobs=${SANITIZE_JOBS:-$(nproc 2>/dev/null || echo 2)}
start=$(date +%s)

# -O1 -g1: fast to build, readable stacks. Benchmarks are not part of the suite.
CC=${SANITIZE_CC:-gcc} CXX=${SANITIZE_CXX:-g++} cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS_RELEASE="-O1 -g1" -DGEOBALANCE_SANITIZE=address,undefined \
  -DGEOBALANCE_BUILD_BENCHMARKS=OFF "-DGEOBALANCE_SKIP_MODULES=${SANITIZE_SKIP_MODULES:-}" >/dev/null
logs=$PWD/$dir/sanitizer-logs
rm -rf "$logs"
mkdir -p "$logs"
# The build runs the test binaries (gtest_discover_tests), so the options apply there too.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:log_path=$logs/asan"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$logs/ubsan"
export LSAN_OPTIONS="log_path=$logs/lsan"
cmake --build "$dir" -j "$jobs"
echo "sanitize: build took $(( $(date +%s) - start )) s"
status=0
# shellcheck disable=SC2086
# The packaging and python tests configure builds of their own (without the sanitizers) and
# test installation and bindings, which the Release suite already covers: left out here.
ctest --test-dir "$dir" --output-on-failure -j "$jobs" -LE '^(packaging|python)$' ${SANITIZE_CTEST_ARGS:-} || status=$?
if compgen -G "$logs/*" >/dev/null; then
  echo "sanitize: sanitizer reports:"
  for f in "$logs"/*; do echo "== $f"; head -60 "$f"; done
  status=1
fi
echo "sanitize: total $(( $(date +%s) - start )) s"
if (( status )); then
  echo "sanitize: FAILED"
  exit 1
fi
echo "sanitize: clean (no test failure, no sanitizer report)"
