#!/usr/bin/env python3
"""Runs games_bench and prints speed ratios against Gambit's times in ../shared/peers/gambit.md.

ratio = Gambit seconds / geobalance seconds (> 1: geobalance is faster). Where Gambit was
stopped ("> 120 s") the ratio is a lower bound (printed with ">"). Both are wall-clock times on
the same machine; the machine is shared, so rerun when the load is high.

Usage: python3 bench/games/compare_gambit.py [--bench build/bench/games_bench] [--shared ../shared]
                                              [--filter REGEX]
"""
import argparse
import json
import os
import re
import subprocess
import sys


def parse_gambit_md(path):
    """{n: {"enummixed": (seconds or None, lower_bound, count), "lcp": (...)}}"""
    table = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]

            def seconds(text):
                m = re.search(r"(>\s*)?([0-9.]+)\s*s", text)
                if not m:
                    return None, False
                return float(m.group(2)), bool(m.group(1))

            if len(cells) == 3 and cells[0].isdigit():  # the lrsnash table
                t, lb = seconds(cells[1])
                table.setdefault(int(cells[0]), {})["lrsnash"] = (t, lb, cells[2])
                continue
            if len(cells) != 5 or not cells[0].isdigit():
                continue
            n = int(cells[0])

            em, em_lb = seconds(cells[1])
            lc, lc_lb = seconds(cells[3])
            table.setdefault(n, {}).update({"enummixed": (em, em_lb, cells[2]), "lcp": (lc, lc_lb, cells[4])})
    return table


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", default=os.path.join(root, "build", "bench", "games_bench"))
    ap.add_argument("--shared", default=os.environ.get("GEOBALANCE_SHARED_DIR", os.path.join(root, "..", "shared")))
    ap.add_argument("--filter", default="BM_EnumMixed|BM_Lcp/")
    args = ap.parse_args()
    md = os.path.join(args.shared, "peers", "gambit.md")
    if not os.path.exists(md):
        print(f"skipped: {md} is absent (needs ../shared/peers)")
        return 0
    if not os.path.exists(args.bench):
        print(f"error: {args.bench} not found; build the target games_bench first", file=sys.stderr)
        return 2
    env = dict(os.environ, GEOBALANCE_SHARED_DIR=args.shared)
    out = subprocess.run([args.bench, "--benchmark_format=json", f"--benchmark_filter={args.filter}"],
                         check=True, capture_output=True, text=True, env=env).stdout
    results = json.loads(out)["benchmarks"]
    gambit = parse_gambit_md(md)
    print(f"{'solver':<10} {'n':>3} {'geobalance s':>13} {'gambit s':>10} {'ratio':>9}  equilibria (ours / gambit)")
    for b in results:
        if b.get("error_occurred"):
            print(f"{b['name']}: skipped ({b.get('error_message', '')})")
            continue
        name, n = b["name"].split("/")[0], int(b["name"].split("/")[1])
        solver = {"BM_EnumMixed": "enummixed", "BM_Lcp": "lcp"}.get(name)
        if solver is None:
            continue
        ours = b["real_time"] / {"ms": 1e3, "us": 1e6, "ns": 1e9, "s": 1.0}[b["time_unit"]]
        g = gambit.get(n, {}).get(solver)
        count = int(b.get("equilibria", 0))
        if not g or g[0] is None:
            print(f"{solver:<10} {n:>3} {ours:>13.4f} {'-':>10} {'-':>9}  {count} / {g[2] if g else '-'}")
            continue
        secs, lower, gcount = g
        ratio = secs / max(ours, 1e-9)
        rtext = (">" if lower else "") + f"{ratio:.1f}"
        gtext = (">" if lower else "") + f"{secs:g}"
        print(f"{solver:<10} {n:>3} {ours:>13.4f} {gtext:>10} {rtext:>9}  {count} / {gcount}")
    # enummixed against lrsnash (the fastest exact enumerator in gambit.md)
    print()
    print(f"{'enummixed':<10} {'n':>3} {'geobalance s':>13} {'lrsnash s':>10} {'ratio':>9}")
    for b in results:
        if b.get("error_occurred") or not b["name"].startswith("BM_EnumMixed/"):
            continue
        n = int(b["name"].split("/")[1])
        ours = b["real_time"] / {"ms": 1e3, "us": 1e6, "ns": 1e9, "s": 1.0}[b["time_unit"]]
        g = gambit.get(n, {}).get("lrsnash")
        if not g or g[0] is None:
            continue
        rtext = (">" if g[1] else "") + f"{g[0] / max(ours, 1e-9):.1f}"
        print(f"{'enummixed':<10} {n:>3} {ours:>13.4f} {(('>' if g[1] else '') + f'{g[0]:g}'):>10} {rtext:>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
