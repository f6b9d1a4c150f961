#!/bin/sh
# Times geobalance's SMP on KTAB's dummyData-a080 (80 actors x 1 dimension, full run) and
# prints the ratio against KTAB's own time on the reference machine (smpc built -O2: 61 s),
# then the per-turn times against N. Usage: bench/bargaining/smp_ratio.sh [build-dir]
set -eu
build=${1:-build}
bin="$build/bench/bargaining_bench"
[ -x "$bin" ] || { echo "build $bin first: cmake --build $build --target bargaining_bench" >&2; exit 1; }
json=$(mktemp)
trap 'rm -f "$json"' EXIT
"$bin" --benchmark_filter='BM_SmpKtabA080FullRun|BM_SmpTurn' --benchmark_format=json \
  --benchmark_out="$json" --benchmark_out_format=json >/dev/null
python3 - "$json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ktab = 61.0
for b in d["benchmarks"]:
    name = b["name"]
    if name.startswith("BM_SmpKtabA080FullRun") and b.get("run_type") == "iteration":
        s = b["real_time"] / 1e3  # ms -> s
        c = b["cpu_time"] / 1e3
        print(f"dummyData-a080 full run: {s*1e3:.1f} ms wall ({c*1e3:.1f} ms CPU), "
              f"{int(b.get('turns', 0))} turns; KTAB -O2: {ktab:.0f} s; geobalance is "
              f"{ktab/s:.0f}x faster by wall time ({ktab/c:.0f}x by CPU time)")
for b in d["benchmarks"]:
    if b["name"].startswith("BM_SmpTurn/") and b.get("run_type") == "iteration":
        print(f"  N = {b['name'].split('/')[1]:>4}: {b['real_time']:.3f} ms per turn "
              f"({b['cpu_time']:.3f} ms CPU)")
PY
