#!/usr/bin/env python3
"""Runs the sequence-form benchmarks of games_bench and prints, per stored tree, the
sequence-form solvers' times beside the strategic-form route, and lrsnash on the same reduced
strategic form when lrsnash is installed (Debian package lrslib; optional).

ratio = other route's seconds / sequence-form Lemke's seconds (> 1: the sequence form is
faster). The strategic-form route includes building the reduced strategic form. lrsnash
enumerates all extreme equilibria (more work than one equilibrium): its ratio says how far
the strategic form is from the sequence form even for the fastest exact enumerator. Gambit
publishes no timings for trees (../shared/peers/gambit.md times random bimatrix games only),
so there is no Gambit column. All times are CPU seconds (every solver here is single-threaded,
and CPU time is far less sensitive than wall time to the load of the shared machine).

Usage: python3 bench/games/compare_sequence.py [--bench build/bench/games_bench]
                                               [--cli build/bin/geobalance] [--skip-lrsnash]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import resource
import tempfile

TREES = ["kuhn3.efg", "kuhn13.efg", "beer_quiche.efg"]
UNIT = {"ms": 1e3, "us": 1e6, "ns": 1e9, "s": 1.0}


def nfg_to_lrsnash(nfg_text):
    """A two-player payoff-version .nfg (as `game convert --reduced` writes it) -> lrsnash's
    game format: 'm n', blank line, A (m rows), blank line, B."""
    body = nfg_text.strip().splitlines()
    header = " ".join(body)
    # strategy names are quoted lists: count them per player
    start = header.index("{", header.index("}") + 1)
    depth, i, counts, cur = 0, start, [], 0
    in_str = False
    while True:
        c = header[i]
        if c == '"' and header[i - 1] != "\\":
            in_str = not in_str
            if not in_str and depth == 2:
                cur += 1
        elif not in_str and c == "{":
            depth += 1
        elif not in_str and c == "}":
            depth -= 1
            if depth == 1:
                counts.append(cur)
                cur = 0
            if depth == 0:
                break
        i += 1
    m, n = counts
    nums = body[-1].split()
    assert len(nums) == 2 * m * n, (len(nums), m, n)
    a = [[None] * n for _ in range(m)]
    b = [[None] * n for _ in range(m)]
    for k in range(m * n):  # player 1's strategy varies fastest
        r, c = k % m, k // m
        a[r][c], b[r][c] = nums[2 * k], nums[2 * k + 1]
    lines = [f"{m} {n}", ""] + [" ".join(row) for row in a] + [""] + [" ".join(row) for row in b]
    return "\n".join(lines) + "\n", m, n


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", default=os.path.join(root, "build", "bench", "games_bench"))
    ap.add_argument("--cli", default=os.path.join(root, "build", "bin", "geobalance"))
    ap.add_argument("--skip-lrsnash", action="store_true", help="do not run lrsnash (minutes on 3-card Kuhn)")
    args = ap.parse_args()
    if not os.path.exists(args.bench):
        print(f"error: {args.bench} not found; build the target games_bench first", file=sys.stderr)
        return 2
    out = subprocess.run([args.bench, "--benchmark_format=json",
                          "--benchmark_filter=BM_Sequence|BM_AgentLogit|BM_Strategic"],
                         check=True, capture_output=True, text=True).stdout
    times = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("error_occurred"):
            continue
        name, arg = b["name"].split("/")[:2]
        times[(name, TREES[int(arg)])] = b["cpu_time"] / UNIT[b["time_unit"]]

    lrs = None if args.skip_lrsnash else shutil.which("lrsnash")
    lrs_times = {}
    if lrs and os.path.exists(args.cli):
        for tree in TREES:
            path = os.path.join(root, "tests", "data", "games", tree)
            conv = subprocess.run([args.cli, "game", "convert", path, "--reduced"], capture_output=True, text=True)
            if conv.returncode != 0:
                lrs_times[tree] = "form too large"
                continue
            text, m, n = nfg_to_lrsnash(conv.stdout)
            with tempfile.NamedTemporaryFile("w", suffix=".game", delete=False) as f:
                f.write(text)
            t0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([lrs, f.name], check=True, capture_output=True)
            t1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            lrs_times[tree] = (t1.ru_utime + t1.ru_stime) - (t0.ru_utime + t0.ru_stime)
            os.unlink(f.name)

    def cell(v):
        return "-" if v is None else (v if isinstance(v, str) else f"{v:.4f}")

    def ratio(other, ours):
        if other is None or ours is None or isinstance(other, str):
            return "-"
        return f"{other / ours:.1f}"

    print(f"{'tree':<16} {'seq lcp s':>10} {'seq lcp exact s':>16} {'seq lp s':>9} {'agent logit s':>14} "
          f"{'strat lcp one s':>16} {'ratio':>6} {'strat lcp all s':>16} {'ratio':>6} {'lrsnash s':>10} {'ratio':>6}")
    for tree in TREES:
        ours = times.get(("BM_SequenceLcp", tree))
        one = times.get(("BM_StrategicLcpOne", tree))
        allr = times.get(("BM_StrategicLcpAll", tree))
        lt = lrs_times.get(tree) if lrs else ("skipped" if args.skip_lrsnash else "not installed")
        if tree == "kuhn13.efg":
            one = allr = "form too large"
            if lrs:
                lt = "form too large"
        print(f"{tree:<16} {cell(ours):>10} {cell(times.get(('BM_SequenceLcpExact', tree))):>16} "
              f"{cell(times.get(('BM_SequenceLp', tree))):>9} {cell(times.get(('BM_AgentLogit', tree))):>14} "
              f"{cell(one):>16} {ratio(one, ours):>6} {cell(allr):>16} {ratio(allr, ours):>6} "
              f"{cell(lt):>10} {ratio(lt, ours):>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
