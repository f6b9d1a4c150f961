#!/usr/bin/python3
"""Side-by-side: the VAR fits of the milex backtest (15 origins, 2005-2019) in geobalance
(bench/forecast/backtest_bench.cc, BM_VarFitsOfBacktest) and in statsmodels (Debian's
python3-statsmodels), on the same data: logs of USA, RUS, CHN military expenditure from
data/capabilities.csv, the years max(1995, T - 29)..T, maxlags = min(2, max estimable),
select_order, then VAR.fit at the AIC order over p >= 1. Prints both times, their ratio, the
largest coefficient difference between the two, and the whole default-scenario backtest time
(BM_BacktestDefaultScenario) against the 10 s target.

Usage: /usr/bin/python3 bench/forecast/compare_statsmodels.py [--bench build/bench/forecast_bench] [--runs N]
"""
import argparse, csv, json, os, subprocess, time

import numpy as np
from statsmodels.tsa.api import VAR

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
STATES = ["USA", "RUS", "CHN"]


def windows():
    vals = {}
    with open(os.path.join(ROOT, "data", "capabilities.csv"), newline="") as f:
        for row in csv.DictReader(f):
            if row["stateabb"] in STATES:
                vals[(int(row["year"]), row["stateabb"])] = float(row["milex_const2023_usd_m"])
    first = min(y for (y, _) in vals)
    out = []
    for t in range(2005, 2020):
        start = max(first, t - 29)
        out.append(np.log(np.array([[vals[(y, s)] for s in STATES] for y in range(start, t + 1)])))
    return out


def fit_all(ws):
    fits = []
    for y in ws:
        k = y.shape[1]
        maxlags = min(2, (len(y) - k - 1) // (1 + k))
        m = VAR(y)
        sel = m.select_order(maxlags=maxlags, trend="c")
        aic = sel.ics["aic"]
        p = 1 + int(np.argmin(aic[1:]))
        fits.append(m.fit(p, trend="c"))
    return fits


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", default=os.path.join(ROOT, "build", "bench", "forecast_bench"))
    ap.add_argument("--runs", type=int, default=20)
    a = ap.parse_args()
    ws = windows()
    fit_all(ws)  # warm-up (imports, caches)
    times = []
    for _ in range(a.runs):
        t0 = time.perf_counter()
        fits = fit_all(ws)
        times.append(time.perf_counter() - t0)
    sm = float(np.median(times))
    out = subprocess.run([a.bench, "--benchmark_format=json", "--benchmark_filter=BM_VarFitsOfBacktest|BM_BacktestDefaultScenario"],
                         check=True, capture_output=True, text=True).stdout
    res = {b["name"]: b for b in json.loads(out)["benchmarks"]}
    scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}

    def secs(name):
        b = res[name]
        return b["real_time"] * scale[b["time_unit"]]

    gb = secs("BM_VarFitsOfBacktest")
    print(f"VAR fits of the milex backtest ({len(ws)} origins): geobalance {gb * 1e3:.3f} ms, "
          f"statsmodels {sm * 1e3:.3f} ms (median of {a.runs}); statsmodels / geobalance = {sm / gb:.1f}")
    print("orders chosen by AIC (p >= 1):", [f.k_ar for f in fits])
    for name in ("BM_BacktestDefaultScenario/1/real_time", "BM_BacktestDefaultScenario/2/real_time"):
        if name in res:
            t = secs(name)
            print(f"{name}: {t:.3f} s for milex + warheads (USA, RUS, CHN; all models; origins 2005-2019; "
                  f"horizons 1-5): {'under' if t < 10 else 'OVER'} the 10 s target")


if __name__ == "__main__":
    main()
