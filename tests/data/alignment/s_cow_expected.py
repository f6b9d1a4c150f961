#!/usr/bin/env python3
"""Independent check of geobalance's alliance-portfolio S over the full COW state system
(tests/scenario/system_similarity_test.cc). Written from the definitions, not from the C++:

  system in year t: every states2016 spell with styear <= t <= endyear
  tie of a pair in t (Hage 2011's coding): 3 defence pact, 2 neutrality or non-aggression,
      1 entente, 0 none; the strongest of the by_dyad spells with
      dyad_st_year <= t <= dyad_end_year (empty end = 2012, COW v4.1's last year);
      a state's tie to itself is 3; partners outside the system that year are left out
  S (Signorino & Ritter 1999, unweighted, absolute distance, d_max = 3):
      S(i, j) = 1 - 2 * sum_k |x_ik - x_jk| / (3 n), n = states in the system

Usage: python3 tests/data/alignment/s_cow_expected.py [SHARED_DIR] > tests/data/alignment/s_cow_expected.csv
"""
import csv, os, sys

here = os.path.dirname(os.path.abspath(__file__))
shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', '..', '..', '..', 'shared')
states_csv = os.path.join(shared, 'data', 'cow_states', 'states2016.csv')
dyads_csv = os.path.join(shared, 'data', 'cow_alliance_v4.1', 'alliance_v4.1_by_dyad.csv')
YEAR = 2012
PAIRS = [(640, 2), (640, 365), (2, 365), (2, 200)]  # TUR-USA, TUR-RUS, USA-RUS, USA-UKG

with open(states_csv, newline='') as f:
    system = sorted({int(r['ccode']) for r in csv.DictReader(f) if int(r['styear']) <= YEAR <= int(r['endyear'])})
members = set(system)
tie = {}
with open(dyads_csv, newline='') as f:
    for r in csv.DictReader(f):
        start = int(r['dyad_st_year'])
        end = int(r['dyad_end_year']) if r['dyad_end_year'].strip() else 2012
        if not (start <= YEAR <= end):
            continue
        a, b = int(r['ccode1']), int(r['ccode2'])
        if a not in members or b not in members:
            continue
        v = 3 if r['defense'] == '1' else 2 if (r['neutrality'] == '1' or r['nonaggression'] == '1') else 1 if r['entente'] == '1' else 0
        for p in ((a, b), (b, a)):
            tie[p] = max(tie.get(p, 0), v)

def t(i, k):
    return 3 if i == k else tie.get((i, k), 0)

n = len(system)
print('year,ccode1,ccode2,n_system,s_unw_abs')
for i, j in PAIRS:
    s = 1 - 2 * sum(abs(t(i, k) - t(j, k)) for k in system) / (3 * n)
    print(f'{YEAR},{i},{j},{n},{s:.12f}')
