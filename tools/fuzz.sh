#!/usr/bin/env bash
# Fuzzes every parser with libFuzzer (issue 8, item 1): configures a separate build
# (build-fuzz: clang-14, -fsanitize=fuzzer,address,undefined), builds tests/fuzz, then runs
# each *_fuzz target for FUZZ_SECONDS with -max_len and -timeout set. Fails on any crash,
# uncaught exception other than InputError, leak, timeout, out-of-memory or sanitizer report.
#
#   tools/fuzz.sh                      # every target, 60 s each
#   FUZZ_SECONDS=15 tools/fuzz.sh      # shorter
#   FUZZ_TARGETS="csv_fuzz nmc_fuzz" tools/fuzz.sh
#
# Environment: FUZZ_SECONDS (60), FUZZ_RUNS (executions per target instead of a time budget,
# with FUZZ_SEED, default 1: reproducible; CI uses this), FUZZ_TIMEOUT (per input, 10 s), FUZZ_RSS_MB (2048),
# FUZZ_BUILD_DIR (build-fuzz), FUZZ_JOBS (build jobs, nproc), FUZZ_TARGETS (all built),
# FUZZ_SKIP_MODULES (passed to GEOBALANCE_SKIP_MODULES for half-written modules),
# FUZZ_PARALLEL (targets run at once, 1; CI with 2 cores: 2 halves the wall time).
#
# Seeds: tests/fuzz/corpus/<target>/ (project-authored) plus, at run time, the first lines of
# the matching ../shared datasets (never committed). New inputs go to
# $FUZZ_BUILD_DIR/fuzz-corpus/<target>/, crashers to $FUZZ_BUILD_DIR/fuzz-artifacts/, logs to
# $FUZZ_BUILD_DIR/fuzz-logs/. Reproduce a finding with: $FUZZ_BUILD_DIR/fuzz/<target> <crash-file>
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
  -DGEOBALANCE_BUILD_TESTS=OFF -DGEOBALANCE_BUILD_APPS=OFF -DGEOBALANCE_BUILD_BENCHMARKS=OFF \
  "-DGEOBALANCE_SKIP_MODULES=${FUZZ_SKIP_MODULES:-}" >/dev/null
cmake --build "$dir" -j "$jobs"
echo "fuzz: build took $(( $(date +%s) - start_all )) s"

# ../shared files seeding each target (relative to ../shared). Only their first lines are
# copied, at run time, into $dir/fuzz-seeds/<target>/.
shared_seeds() {
  case $1 in
    csv_fuzz) echo data/nmc/NMC-60-abridged.csv data/cow_states/COW-country-codes.csv data/cow_states/states2016.csv ;;
    nmc_fuzz) echo data/nmc/NMC-60-abridged.csv ;;
    cow_states_fuzz) echo data/cow_states/states2016.csv ;;
    cow_country_codes_fuzz) echo data/cow_states/COW-country-codes.csv ;;
    cow_alliance_dyads_fuzz) echo data/cow_alliance_v4.1/alliance_v4.1_by_dyad.csv data/cow_alliance_v4.1/alliance_v4.1_by_directed.csv ;;
    cow_alliance_members_fuzz) echo data/cow_alliance_v4.1/alliance_v4.1_by_member.csv data/cow_alliance_v4.1/alliance_v4.1_by_member_yearly.csv ;;
    atop_state_year_fuzz) echo data/atop5_1/atop5_1sy.csv ;;
    sipri_milex_fuzz) echo data/sipri_milex/sipri_milex_subset_1995_2024.csv ;;
    owid_warheads_fuzz) echo data/nuclear_warheads/owid_nuclear-warhead-stockpiles_1945_2023.csv ;;
    unga_idealpoints_fuzz) echo data/unga_idealpoints/IdealpointsJuly2025.csv data/unga_idealpoints/IdealpointestimatesAll_Jul2023.csv ;;
    armsrace_series_fuzz) echo data/sipri_milex/sipri_milex_subset_1995_2024.csv data/nuclear_warheads/owid_nuclear-warhead-stockpiles_1945_2023.csv ;;
    bargaining_ktab_fuzz) echo ktab/data/dummyData_3Dim.csv ktab/data/SOE-Policy.csv ktab/data/dummyData-a040.csv ;;
    bargaining_bdm_fuzz) echo bdm/data/eu-emissions.csv bdm/data/sultan.csv ;;
    games_nfg_fuzz) echo peers/games/rand04.nfg peers/games/rand06.nfg ;;
  esac
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
