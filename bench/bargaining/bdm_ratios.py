#!/usr/bin/env python3
"""Runs the BDM benchmarks and prints them as ratios against the published figures.

Usage: python3 bench/bargaining/bdm_ratios.py [path/to/bargaining_bench]
(default: build/bench/bargaining_bench). Or pass --json FILE to read a saved run of
`bargaining_bench --benchmark_filter=BM_Bdm --benchmark_format=json`.

Published figures (issue 4, "Speed"; measured on this machine class): the fastest public
BDM replication takes 0.11 s for one 20-actor run and 39 s for one 200-actor run (10 rounds).
Target: 10,000 Monte Carlo replicates x 10 rounds of a 20-actor issue in <= 5 s on 2 cores.
"""
import json
import math
import os
import subprocess
import sys

PUBLISHED_RUN_20_S = 0.11
PUBLISHED_RUN_200_S = 39.0
TARGET_MC_S = 5.0

UNIT = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def load(argv):
    if len(argv) >= 3 and argv[1] == "--json":
        with open(argv[2]) as f:
            return json.load(f)
    exe = argv[1] if len(argv) > 1 else "build/bench/bargaining_bench"
    out = subprocess.run([exe, "--benchmark_filter=BM_Bdm", "--benchmark_format=json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def seconds(b):
    return b["real_time"] * UNIT[b["time_unit"]]


def main(argv):
    data = load(argv)
    ctx = data.get("context", {})
    print(f"machine: {ctx.get('num_cpus', '?')} CPUs @ {ctx.get('mhz_per_cpu', '?')} MHz, "
          f"libbenchmark build {ctx.get('library_build_type', '?')}")
    loadavg = os.getloadavg()[0]
    cpus = os.cpu_count() or 1
    if loadavg > cpus:
        print(f"WARNING: load average {loadavg:.1f} on {cpus} CPUs while timing; real times are "
              f"inflated by other processes, rerun on a quiet machine")
    by_name = {b["name"]: b for b in data["benchmarks"] if b.get("run_type") != "aggregate"}
    mc = by_name.get("BM_BdmMonteCarlo20/iterations:3/real_time")
    if mc:
        t = seconds(mc)
        print(f"10,000 MC replicates x 10 rounds, 20 actors, 2 threads: {t:.3f} s "
              f"(target <= {TARGET_MC_S} s: {'met' if t <= TARGET_MC_S else 'MISSED'}; "
              f"{t / TARGET_MC_S:.3f} of the budget)")
        print(f"  per replicate: {t / 1e4 * 1e6:.1f} us; one public 20-actor run buys "
              f"{PUBLISHED_RUN_20_S / (t / 1e4):,.0f} replicates here")
    for n, pub in ((20, PUBLISHED_RUN_20_S), (200, PUBLISHED_RUN_200_S)):
        b = by_name.get(f"BM_BdmRun/{n}")
        if b:
            t = seconds(b)
            print(f"one {n}-actor run (10 rounds, all offers recorded): {t * 1e3:.3f} ms; "
                  f"public replication {pub} s; speed-up x{pub / t:,.0f}")
    rounds = sorted(((int(name.split("/")[1]), seconds(b)) for name, b in by_name.items()
                     if name.startswith("BM_BdmRound/") and name.split("/")[1].isdigit()))
    if rounds:
        print("time per round against N (scholz2011):")
        print(f"  {'N':>4} {'s/round':>12} {'t/N^3 (ns)':>12} {'local exponent':>15}")
        prev = None
        for n, t in rounds:
            local = ""
            if prev:
                local = f"{math.log(t / prev[1]) / math.log(n / prev[0]):.2f}"
            print(f"  {n:>4} {t:>12.3e} {t / n ** 3 * 1e9:>12.3f} {local:>15}")
            prev = (n, t)
        big = [(n, t) for n, t in rounds if n >= 100]
        if len(big) >= 2:
            xs = [math.log(n) for n, _ in big]
            ys = [math.log(t) for _, t in big]
            mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
            slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
            print(f"  fitted exponent for N >= 100 (O(N^2) terms weigh below): {slope:.2f} (cubic = 3)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
