#!/usr/bin/env python3
"""All-dyads alliance-portfolio similarity 1816-2012 (COW v4.1 by_dyad, states2016, NMC 6.0
weights) through the Python module and through the CLI, side by side.

The module returns a pandas DataFrame (with abbreviations and names); the CLI writes the same
rows as CSV to a file. Each is run --repeat times, alternating; the medians of the wall times
and their ratio are printed. The issue's target is a ratio of at most 1.2.

    GEOBALANCE_CLI=build/bin/geobalance python3 bench/python/compare_similarity.py [--threads N]

Run it with the virtual environment's python in which `pip install ./python` was done.
"""
import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

import geobalance as gb

ROOT = pathlib.Path(__file__).resolve().parents[2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.environ.get("GEOBALANCE_SHARED_DIR", ROOT.parent / "shared"))
    ap.add_argument("--cli", default=os.environ.get("GEOBALANCE_CLI", ROOT / "build/bin/geobalance"))
    ap.add_argument("--years", default="1816:2012")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    data = pathlib.Path(a.shared) / "data"
    system = data / "cow_states/states2016.csv"
    allies = data / "cow_alliance_v4.1/alliance_v4.1_by_dyad.csv"
    nmc = data / "nmc/NMC-60-abridged.csv"
    first, last = (int(x) for x in a.years.split(":"))
    mod, cli, rows = [], [], 0
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / "sim.csv"
        for _ in range(a.repeat):
            t = time.perf_counter()
            df = gb.similarity(system, years=(first, last), alliances=allies, capabilities=nmc, threads=a.threads)
            mod.append(time.perf_counter() - t)
            rows = len(df)
            del df
            t = time.perf_counter()
            subprocess.run([str(a.cli), "align", "similarity", "--system", system, "--alliances", allies,
                            "--capabilities", nmc, "--years", a.years, "--threads", str(a.threads),
                            "--format", "csv", "-o", out], check=True)
            cli.append(time.perf_counter() - t)
    m, c = statistics.median(mod), statistics.median(cli)
    print(f"all-dyads similarity {a.years}: {rows} directed dyad-years, threads={a.threads or 'all'}")
    print(f"  python module (DataFrame): median {m:.2f} s  runs {' '.join(f'{x:.2f}' for x in mod)}")
    print(f"  CLI (CSV to a file):       median {c:.2f} s  runs {' '.join(f'{x:.2f}' for x in cli)}")
    print(f"  ratio module/CLI: {m / c:.2f} (target <= 1.2)")


if __name__ == "__main__":
    sys.exit(main())
