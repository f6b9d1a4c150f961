#!/usr/bin/python3
"""Side-by-side: the whole `geobalance power cinc` process over all of COW NMC v6 against the
pandas script an analyst would write (Debian's python3-pandas), both run as fresh processes
the same number of times on this machine. Prints each median wall time and the ratio.

Usage: python3 bench/power/compare_pandas.py [--runs N] [--cli build/bin/geobalance] [--nmc FILE]
Baseline: the pandas script below (named 'pandas-cinc'), measured in the same run.
"""
import argparse, os, statistics, subprocess, sys, tempfile, time

PANDAS = r'''
import sys, pandas as pd
df = pd.read_csv(sys.argv[1])
comps = ["milex", "milper", "irst", "pec", "tpop", "upop"]
x = df[comps].where(df[comps] != -9)
shares = x / x.groupby(df["year"]).transform("sum")
df["cinc_calc"] = shares.mean(axis=1, skipna=True)
df[["ccode", "stateabb", "year", "cinc_calc"]].to_csv(sys.argv[2], index=False)
'''

def median_time(cmd, runs):
    """Median wall time and median CPU time (user+sys of the child) over runs."""
    import resource
    walls, cpus = [], []
    for _ in range(runs):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - t0)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime))
    return statistics.median(walls), statistics.median(cpus)

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.abspath(os.path.join(here, '..', '..'))
    ap = argparse.ArgumentParser()
    ap.add_argument('--runs', type=int, default=15)
    ap.add_argument('--cli', default=os.path.join(root, 'build', 'bin', 'geobalance'))
    ap.add_argument('--python', default='/usr/bin/python3' if os.path.exists('/usr/bin/python3') else sys.executable,
                    help="interpreter with Debian's python3-pandas")
    ap.add_argument('--nmc', default=os.path.join(root, '..', 'shared', 'data', 'nmc', 'NMC-60-abridged.csv'))
    a = ap.parse_args()
    if not os.path.exists(a.nmc):
        print(f'skip: {a.nmc} is absent (needs ../shared)'); return 0
    with tempfile.TemporaryDirectory() as d:
        script = os.path.join(d, 'cinc.py')
        open(script, 'w').write(PANDAS)
        out_g, out_p = os.path.join(d, 'g.csv'), os.path.join(d, 'p.csv')
        g = median_time([a.cli, 'power', 'cinc', '--nmc', a.nmc, '--format', 'csv', '-o', out_g], a.runs)
        p = median_time([a.python, script, a.nmc, out_p], max(3, a.runs // 3))
        # Same numbers from both: compare the two outputs row by row.
        import csv
        gv = {(r['ccode'], r['year']): float(r['cinc']) for r in csv.DictReader(open(out_g)) if r['cinc']}
        pv = {(r['ccode'], r['year']): float(r['cinc_calc']) for r in csv.DictReader(open(out_p)) if r['cinc_calc']}
        worst = max(abs(gv[k] - pv[k]) for k in gv)
    print(f'geobalance power cinc (process, median of {a.runs}): wall {g[0]*1000:.1f} ms, cpu {g[1]*1000:.1f} ms')
    print(f'pandas-cinc baseline (process, median of {max(3, a.runs // 3)}): wall {p[0]*1000:.1f} ms, cpu {p[1]*1000:.1f} ms')
    print(f'ratio pandas/geobalance: wall {p[0]/g[0]:.1f}x, cpu {p[1]/max(g[1], 1e-4):.1f}x '
          f'(max |difference| between outputs: {worst:.2e})')
    return 0

if __name__ == '__main__':
    sys.exit(main())
