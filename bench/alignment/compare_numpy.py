#!/usr/bin/python3
"""All directed dyad-years of COW v4.1 alliance portfolios, the seven similarity measures, in
geobalance (bench/alignment_bench, computation only, 1 thread) against the NumPy program an
analyst would write (Debian's python3-numpy: per year, one-hot portfolio matrices and 16 matrix
products give every dyad's 4x4 contingency table at once). Same years, same inputs, same
measures; prints both times, the ratio and the largest difference between the two results.

Usage: /usr/bin/python3 bench/alignment/compare_numpy.py [--years 1816:2012] [--bench build/bench/alignment_bench]
Baseline: the NumPy code below, measured in the same run.
"""
import argparse, csv, json, os, subprocess, sys, time

import numpy as np

def load(shared, first, last):
    states = list(csv.DictReader(open(os.path.join(shared, 'cow_states', 'states2016.csv'))))
    dyads = list(csv.DictReader(open(os.path.join(shared, 'cow_alliance_v4.1', 'alliance_v4.1_by_dyad.csv'))))
    nmc = list(csv.DictReader(open(os.path.join(shared, 'nmc', 'NMC-60-abridged.csv'))))
    return states, dyads, nmc

def cinc(nmc):
    """COW's CINC: mean over available components of the share of the year's world total."""
    comps = ['milex', 'milper', 'irst', 'pec', 'tpop', 'upop']
    totals = {}
    for r in nmc:
        for c in comps:
            v = float(r[c])
            if v >= 0:
                totals[(r['year'], c)] = totals.get((r['year'], c), 0.0) + v
    out = {}
    for r in nmc:
        s = [float(r[c]) / totals[(r['year'], c)] for c in comps
             if float(r[c]) >= 0 and totals[(r['year'], c)] > 0]
        out[(int(r['ccode']), int(r['year']))] = sum(s) / len(s) if s else 0.0
    return out

def portfolios(states, dyads, t):
    members = sorted({int(s['ccode']) for s in states if int(s['styear']) <= t <= int(s['endyear'])})
    idx = {c: i for i, c in enumerate(members)}
    n = len(members)
    m = np.zeros((n, n), dtype=np.int8)
    for d in dyads:
        end = int(d['dyad_end_year']) if d['dyad_end_year'] else 2012
        if not (int(d['dyad_st_year']) <= t <= end):
            continue
        v = 3 if d['defense'] == '1' else 2 if (d['neutrality'] == '1' or d['nonaggression'] == '1') else 1 if d['entente'] == '1' else 0
        a, b = idx.get(int(d['ccode1'])), idx.get(int(d['ccode2']))
        if a is None or b is None or v == 0:
            continue
        m[a, b] = max(m[a, b], v)
        m[b, a] = m[a, b]
    np.fill_diagonal(m, 3)
    return members, m

def measures(m, w):
    """Seven (n x n) matrices of measures for every ordered pair."""
    n = m.shape[0]
    oh = [(m == v).astype(np.float64) for v in range(4)]
    N = np.empty((4, 4, n, n))
    W = np.empty((4, 4, n, n))
    for a in range(4):
        ow = oh[a] * w[None, :]
        for b in range(4):
            N[a, b] = oh[a] @ oh[b].T
            W[a, b] = ow @ oh[b].T
    d = np.abs(np.subtract.outer(np.arange(4), np.arange(4))).astype(np.float64)
    d2 = d ** 2
    sum_abs = np.einsum('ab,abij->ij', d, N)
    sum_sq = np.einsum('ab,abij->ij', d2, N)
    s_abs = 1 - 2 * (sum_abs / 3) / n
    s_sq = 1 - 2 * (sum_sq / 9) / n
    wt = w.sum()
    with np.errstate(invalid='ignore', divide='ignore'):
        sw_abs = 1 - 2 * (np.einsum('ab,abij->ij', d, W) / 3) / wt
        sw_sq = 1 - 2 * (np.einsum('ab,abij->ij', d2, W) / 9) / wt
        r = N.sum(axis=1)   # (a, i, j): row marginals
        c = N.sum(axis=0)   # (b, i, j): column marginals
        e_k = np.einsum('ab,aij,bij->ij', d, r, c) / n ** 2
        p = r + c
        e_p = np.einsum('ab,aij,bij->ij', d, p, p) / (4 * n ** 2)
        d_obs = sum_abs / n
        kappa = np.where(e_k > 0, 1 - d_obs / e_k, np.nan)
        pi = np.where(e_p > 0, 1 - d_obs / e_p, np.nan)
        conc = np.zeros((n, n))
        disc = np.zeros((n, n))
        for a in range(4):
            for b in range(4):
                hi = N[a + 1:, b + 1:].sum(axis=(0, 1)) if a < 3 and b < 3 else 0
                lo = N[a + 1:, :b].sum(axis=(0, 1)) if a < 3 and b > 0 else 0
                conc += N[a, b] * hi
                disc += N[a, b] * lo
        n0 = n * (n - 1) / 2
        tx = (r * (r - 1) / 2).sum(axis=0)
        ty = (c * (c - 1) / 2).sum(axis=0)
        den = np.sqrt(n0 - tx) * np.sqrt(n0 - ty)
        taub = np.where(den > 0, (conc - disc) / den, np.nan)
    return [s_abs, s_sq, sw_abs, sw_sq, kappa, pi, taub]

def numpy_all(states, dyads, weights, first, last):
    out = {}
    rows = 0
    for t in range(first, last + 1):
        members, m = portfolios(states, dyads, t)
        w = np.array([weights.get((c, t), 0.0) for c in members])
        res = measures(m, w)
        rows += len(members) * (len(members) - 1)
        out[t] = (members, res)
    return out, rows

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.abspath(os.path.join(here, '..', '..'))
    ap = argparse.ArgumentParser()
    ap.add_argument('--years', default='1816:2012')
    ap.add_argument('--bench', default=os.path.join(root, 'build', 'bench', 'alignment_bench'))
    ap.add_argument('--cli', default=None, help='geobalance CLI for the value cross-check (default: beside --bench)')
    ap.add_argument('--shared', default=os.path.join(root, '..', 'shared', 'data'))
    a = ap.parse_args()
    first, last = (int(x) for x in a.years.split(':'))
    if not os.path.exists(os.path.join(a.shared, 'cow_alliance_v4.1')):
        print(f'skip: {a.shared} is absent (needs ../shared)')
        return 0
    states, dyads, nmc = load(a.shared, first, last)
    weights = cinc(nmc)
    # Portfolio build + measures, as the C++ benchmark times them (input parsing excluded on both sides).
    t0 = time.perf_counter()
    res, rows = numpy_all(states, dyads, weights, first, last)
    t_np = time.perf_counter() - t0
    env = dict(os.environ, ALIGN_FIRST=str(first), ALIGN_LAST=str(last))
    out = subprocess.run([a.bench, '--benchmark_filter=BM_BuildPortfolios|BM_AllDyads/1/', '--benchmark_format=json',
                          '--benchmark_repetitions=3', '--benchmark_report_aggregates_only=true'],
                         check=True, capture_output=True, text=True, env=env).stdout
    medians = [b for b in json.loads(out)['benchmarks'] if b.get('aggregate_name') == 'median']
    t_cc = sum(b['real_time'] for b in medians) / 1000.0  # portfolio build + all dyads, ms -> s
    # Cross-check values: the CLI's CSV for the last year against NumPy's.
    cli = a.cli or os.path.join(os.path.dirname(os.path.dirname(a.bench)), 'bin', 'geobalance')
    worst = float('nan')
    if os.path.exists(cli):
        txt = subprocess.run([cli, 'align', 'similarity', '--alliances',
                              os.path.join(a.shared, 'cow_alliance_v4.1', 'alliance_v4.1_by_dyad.csv'),
                              '--system', os.path.join(a.shared, 'cow_states', 'states2016.csv'),
                              '--capabilities', os.path.join(a.shared, 'nmc', 'NMC-60-abridged.csv'),
                              '--years', f'{last}:{last}', '--format', 'csv'],
                             check=True, capture_output=True, text=True).stdout
        members, mats = res[last]
        idx = {c: i for i, c in enumerate(members)}
        cols = ['s_unw_abs', 's_unw_sq', 's_w_abs', 's_w_sq', 'kappa_abs', 'pi_abs', 'taub']
        worst = 0.0
        for r in csv.DictReader(txt.splitlines()):
            i, j = idx[int(r['ccode1'])], idx[int(r['ccode2'])]
            for k, c in enumerate(cols):
                v = mats[k][i, j]
                if r[c] == '':
                    assert np.isnan(v), (r, c)
                else:
                    worst = max(worst, abs(float(r[c]) - v))
    print(f'years {first}:{last}, {rows} directed dyad-years x 7 measures')
    print(f'geobalance portfolios + all_dyads (1 thread, median of 3): {t_cc:.3f} s')
    print(f'numpy baseline (portfolios + 16 one-hot matmuls per year): {t_np:.3f} s')
    print(f'ratio numpy/geobalance: {t_np / t_cc:.1f}x (max |difference| in {last}: {worst:.2e})')
    return 0

if __name__ == '__main__':
    sys.exit(main())
