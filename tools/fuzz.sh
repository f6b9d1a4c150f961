#!/usr/bin/env bash
# Open-ended, coverage-guided fuzzing of every parser with libFuzzer. NOT part of the landing
# gate: its inputs depend on timing, on the order corpus folders are listed and on what earlier
# runs left in the working corpus, so two runs of the same commit can differ (issue 19). The
# gate is the deterministic replay of tests/fuzz/corpus/ in ctest (label "fuzz"; see
# tests/fuzz/CMakeLists.txt and tests/fuzz/replay_main.cc). Run this by hand or on a schedule;
# commit every finding's input to tests/fuzz/corpus/<target>/regress_<what>.<ext> with its
# fix, and from then on every CI run replays it.
#
# It configures a separate build (build-fuzz: clang-14, -fsanitize=fuzzer,address,undefined),
# builds the *_fuzz targets and runs each for FUZZ_SECONDS with -max_len and -timeout set.
# Fails on any crash, uncaught exception other than InputError, leak, timeout, out-of-memory
# or sanitizer report.
#
#   tools/fuzz.sh                      # every target, 60 s each
#   FUZZ_SECONDS=600 tools/fuzz.sh     # a longer campaign
#   FUZZ_TARGETS="csv_fuzz nmc_fuzz" tools/fuzz.sh
#
# Environment: FUZZ_SECONDS (60), FUZZ_RUNS (executions per target instead of a time budget,
# with FUZZ_SEED, default 1), FUZZ_TIMEOUT (per input, 10 s), FUZZ_RSS_MB (2048),
# FUZZ_BUILD_DIR (build-fuzz), FUZZ_JOBS (build jobs, nproc), FUZZ_TARGETS (all built),
# FUZZ_SKIP_MODULES (passed to GEOBALANCE_SKIP_MODULES for half-written modules),
# FUZZ_PARALLEL (targets run at once, 1).
#
# Seeds: tests/fuzz/corpus/<target>/ (project-authored, regressions included) plus, at run
# time, the first lines of the ../shared datasets in tests/fuzz/shared_seeds.txt (never
# committed). New inputs go to $FUZZ_BUILD_DIR/fuzz-corpus/<target>/, crashers to
# $FUZZ_BUILD_DIR/fuzz-artifacts/, logs to $FUZZ_BUILD_DIR/fuzz-logs/. Reproduce a finding with
# $FUZZ_BUILD_DIR/fuzz/<target> <crash-file>, or deterministically with the Release build's
# build/fuzz-replay/<target>_replay <crash-file>.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${FUZZ_SECONDS:-60}
timeout=${FUZZ_TIMEOUT:-10}
rss=${FUZZ_RSS_MB:-2048}
dir=${FUZZ_BUILD_DIR:-build-fuzz}
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
parallel=${FUZZ_PARALLEL:-1}
shared=${GEOBALANCE_SHARED_DIR:-$root/../shared}
start_all=$(date +%s)

CC=clang-14 CXX=clang++-14 cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS_RELEASE="-O1 -g" -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link" \
  -DGEOBALANCE_SANITIZE=address,undefined -DGEOBALANCE_BUILD_FUZZERS=ON \
  -DGEOBALANCE_BUILD_TESTS=OFF -DGEOBALANCE_FUZZ_REPLAY=OFF -DGEOBALANCE_BUILD_APPS=OFF -DGEOBALANCE_BUILD_BENCHMARKS=OFF \
  "-DGEOBALANCE_SKIP_MODULES=${FUZZ_SKIP_MODULES:-}" >/dev/null
cmake --build "$dir" -j "$jobs"
echo "fuzz: build took $(( $(date +%s) - start_all )) s"

# ../shared files seeding each target (relative to ../shared), from tests/fuzz/shared_seeds.txt
# (the replay gate reads the same list). Only their first lines are copied, at run time, into
# $dir/fuzz-seeds/<target>/.
shared_seeds() {
  awk -v t="$1" '$1 == t { for (i = 2; i <= NF; i++) print $i }' tests/fuzz/shared_seeds.txt
}
# The largest input each target is given (bytes).
max_len_of() {
  case $1 in
    games_*|armsrace_model_fuzz|bargaining_toml_fuzz) echo 4096 ;;
    *) echo 16384 ;;
  esac
}

targets=${FUZZ_TARGETS:-$(cd "$dir/fuzz" && ls -1 | grep '_fuzz$' | sort | tr '\n' ' ')}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
mkdir -p "$dir/fuzz-logs" "$dir/fuzz-artifacts"
# Runs one target; prints one line and leaves $dir/fuzz-logs/<target>.status (ok or FAILED).
run_target() {
  local t=$1 bin=$dir/fuzz/$1 work=$dir/fuzz-corpus/$1 seeds=$dir/fuzz-seeds/$1 t0 f
  if [[ ! -x $bin ]]; then
    echo "fuzz: no target $t in $dir/fuzz"
    echo FAILED > "$dir/fuzz-logs/$t.status"
    return
  fi
  mkdir -p "$work" "$seeds"
  for f in $(shared_seeds "$t"); do
    # Whole lines up to ~4 KB (COW-country-codes.csv is CR-only: cut by bytes).
    if [[ -f $shared/$f ]]; then head -n 40 "$shared/$f" | head -c 4096 > "$seeds/$(basename "$f")"; fi
  done
  local dirs=("$work" "$seeds")
  [[ -d tests/fuzz/corpus/$t ]] && dirs+=("tests/fuzz/corpus/$t")
  t0=$(date +%s)
  # FUZZ_RUNS makes a campaign reproducible: a fixed seed and a fixed number of executions
  # from the committed corpus give the same inputs on every machine with the same compiler,
  # so CI fails only on a finding that is already there (the time cap is then a hang guard).
  local budget=(-max_total_time="$seconds")
  if [[ -n ${FUZZ_RUNS:-} ]]; then budget=(-runs="$FUZZ_RUNS" -seed="${FUZZ_SEED:-1}" -max_total_time=900); fi
  if "$bin" "${budget[@]}" -max_len="$(max_len_of "$t")" -timeout="$timeout" \
       -rss_limit_mb="$rss" -malloc_limit_mb="$rss" -print_final_stats=1 \
       -artifact_prefix="$dir/fuzz-artifacts/$t-" "${dirs[@]}" > "$dir/fuzz-logs/$t.log" 2>&1; then
    echo "fuzz: $t ok ($(( $(date +%s) - t0 )) s, $(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$dir/fuzz-logs/$t.log" | grep -o '[0-9]*$') runs)"
    echo ok > "$dir/fuzz-logs/$t.status"
  else
    echo "fuzz: $t FAILED ($(( $(date +%s) - t0 )) s); log $dir/fuzz-logs/$t.log:"
    grep -E 'ERROR|SUMMARY|Test unit written|terminate|what\(\)|runtime error' "$dir/fuzz-logs/$t.log" | head -20 || tail -30 "$dir/fuzz-logs/$t.log"
    echo FAILED > "$dir/fuzz-logs/$t.status"
  fi
}

# FUZZ_PARALLEL targets at a time (each uses one core).
running=0
for t in $targets; do
  rm -f "$dir/fuzz-logs/$t.status"
  run_target "$t" &
  running=$((running + 1))
  if (( running >= parallel )); then wait -n || true; running=$((running - 1)); fi
done
wait || true
failed=()
for t in $targets; do
  [[ $(cat "$dir/fuzz-logs/$t.status" 2>/dev/null) == ok ]] || failed+=("$t")
done
echo "fuzz: total $(( $(date +%s) - start_all )) s"
if (( ${#failed[@]} )); then
  echo "fuzz: FAILED: ${failed[*]}"
  exit 1
fi
echo "fuzz: every target ran clean"
