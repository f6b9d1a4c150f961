#!/usr/bin/python3
"""Expected VAR results for tests/forecast/var_test.cc, from statsmodels (Debian's
python3-statsmodels; run with /usr/bin/python3).

1. Derives milex_usa_rus_chn.csv from data/capabilities.csv: the milex_const2023_usd_m column
   (SIPRI Military Expenditure Database 2025, constant 2023 US$ m) of USA, RUS and CHN,
   1995-2024, one row per year.
2. Fits statsmodels' VAR on the natural logs of the three columns (trend "c"):
   select_order(maxlags=2) (AIC/BIC/HQIC for p = 0..2 on a common sample), VAR(1) and VAR(2)
   fits (params, sigma_u, info criteria), and Granger F tests (test_causality(kind="f")) of
   every single causing -> caused pair in both fits.
3. Writes var_expected.json beside this script.

Usage: /usr/bin/python3 tests/data/forecast/make_var_expected.py   (from the repository root)
"""
import csv
import json
import math
import os

import numpy as np
import statsmodels
from statsmodels.tsa.api import VAR

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
STATES = ["USA", "RUS", "CHN"]
SOURCE = ("data/capabilities.csv milex_const2023_usd_m (SIPRI Military Expenditure Database 2025, "
          "constant 2023 US$ m)")


def derive_csv():
    values = {}
    with open(os.path.join(ROOT, "data", "capabilities.csv"), newline="") as f:
        for row in csv.DictReader(f):
            if row["stateabb"] in STATES:
                values[(int(row["year"]), row["stateabb"])] = float(row["milex_const2023_usd_m"])
    years = sorted({y for (y, _) in values})
    out = os.path.join(HERE, "milex_usa_rus_chn.csv")
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year"] + STATES + ["source"])
        for y in years:
            w.writerow([y] + [repr(values[(y, s)]) for s in STATES] + [SOURCE])
    return years, np.array([[values[(y, s)] for s in STATES] for y in years])


def fit_dict(res):
    k = res.neqs
    tests = []
    for caused in range(k):
        for causing in range(k):
            if caused == causing:
                continue
            t = res.test_causality(caused, [causing], kind="f")
            tests.append({"caused": caused, "causing": causing, "f": float(t.test_statistic),
                          "df_num": int(t.df[0]), "df_den": int(t.df[1]), "p_value": float(t.pvalue)})
    return {
        "p": int(res.k_ar), "nobs": int(res.nobs),
        "params": res.params.tolist(),  # (1 + K p) x K
        "sigma_u": np.asarray(res.sigma_u).tolist(),
        "aic": float(res.aic), "bic": float(res.bic), "hqic": float(res.hqic),
        "granger": tests,
    }


def main():
    years, levels = derive_csv()
    y = np.log(levels)
    model = VAR(y)
    sel = model.select_order(maxlags=2, trend="c")
    out = {
        "generator": "statsmodels %s VAR (tests/data/forecast/make_var_expected.py)" % statsmodels.__version__,
        "data": "milex_usa_rus_chn.csv, natural logs of USA, RUS, CHN, %d-%d" % (years[0], years[-1]),
        "select_order_maxlags": 2,
        "ics": {k: [float(v) for v in vals] for k, vals in sel.ics.items() if k in ("aic", "bic", "hqic")},
        "selected": {k: int(sel.selected_orders[k]) for k in ("aic", "bic", "hqic")},
        "fits": [fit_dict(model.fit(1, trend="c")), fit_dict(model.fit(2, trend="c"))],
    }
    with open(os.path.join(HERE, "var_expected.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    assert all(math.isfinite(v) for v in out["ics"]["aic"])


if __name__ == "__main__":
    main()
