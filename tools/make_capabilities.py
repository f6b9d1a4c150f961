#!/usr/bin/env python3
"""Regenerates data/capabilities.csv, the built-in yearly capability figures 1995-2024.

Inputs (../shared/data, see its SOURCES.md): the SIPRI military-expenditure extract (April
2025 release), COW NMC v6 (milper, tpop to 2016) and OWID/FAS warhead stockpiles (to 2023).
Every value carries its own source column:
  milex_const2023_usd_m  SIPRI, constant 2023 US$ m
  gdp_const2023_usd_m    derived: SIPRI milex / SIPRI milex share of GDP (same year, same prices)
  milper_k, tpop_k       COW NMC v6 (thousands) to 2016; 2017-2024 carried forward from 2016
                         and labelled so (no later figure in the built-in sources)
  warheads               OWID/FAS stockpile to 2023; 2024 carried forward; 0 for states FAS lists
                         without nuclear weapons
SIPRI's fair-use terms allow this non-commercial subset (< 3,500 data units) with citation:
"SIPRI Military Expenditure Database 2025, https://www.sipri.org/databases/milex".
Usage: python3 tools/make_capabilities.py [SHARED_DIR]
"""
import csv, math, os, sys

shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..', 'shared')
data = os.path.join(shared, 'data')
out_path = os.path.join(os.path.dirname(__file__), '..', 'data', 'capabilities.csv')

SIPRI = 'SIPRI Military Expenditure Database 2025 (sipri.org/databases/milex), constant 2023 US$'
SIPRI_E = SIPRI + '; SIPRI estimate'
GDP = 'derived: SIPRI milex (const 2023 US$) / SIPRI milex share of GDP'
NMC = 'COW NMC v6.0 (Singer, Bremer & Stuckey 1972; Singer 1987)'
NMC_CF = 'carried forward from COW NMC v6.0 2016 value (no later figure in built-in sources)'
OWID = 'FAS Status of World Nuclear Forces via Our World in Data (stockpile)'
OWID_CF = 'carried forward from FAS/OWID 2023 value (no 2024 figure in built-in sources)'
NONUC = 'FAS Status of World Nuclear Forces: no nuclear weapons'

milex = {}
for r in csv.DictReader(open(os.path.join(data, 'sipri_milex', 'sipri_milex_subset_1995_2024.csv'), encoding='utf-8')):
    milex[(int(r['ccode']), int(r['year']))] = r
states = sorted({(c, milex[(c, y)]['stateabb']) for (c, y) in milex})

nmc = {}
for r in csv.DictReader(open(os.path.join(data, 'nmc', 'NMC-60-abridged.csv'))):
    nmc[(int(r['ccode']), int(r['year']))] = r

iso = {}
for r in csv.DictReader(open(os.path.join(os.path.dirname(__file__), '..', 'data', 'countries.csv'))):
    iso[int(r['ccode'])] = r['iso3']
war = {}
for r in csv.DictReader(open(os.path.join(data, 'nuclear_warheads', 'owid_nuclear-warhead-stockpiles_1945_2023.csv'))):
    if r['Code']:
        war[(r['Code'], int(r['Year']))] = float(r['nuclear_weapons_stockpile'])
nuclear = {k[0] for k in war}

def num(s):
    try:
        v = float(s)
        return v if math.isfinite(v) else None
    except ValueError:
        return None

rows = []
for ccode, abb in states:
    for year in range(1995, 2025):
        m = milex[(ccode, year)]
        mx, sh = num(m['milex_const2023_usd_m']), num(m['milex_share_gdp'])
        est = m['flag_const'] == 'E'
        row = {'ccode': ccode, 'stateabb': abb, 'year': year}
        row['milex_const2023_usd_m'] = '' if mx is None else f'{mx:.3f}'
        row['milex_source'] = (SIPRI_E if est else SIPRI) if mx is not None else 'SIPRI: no figure (". .")'
        if mx is not None and sh:
            row['gdp_const2023_usd_m'] = f'{mx / sh:.1f}'
            row['gdp_source'] = GDP
        else:
            row['gdp_const2023_usd_m'] = ''
            row['gdp_source'] = 'not derivable: SIPRI milex or share of GDP missing'
        for col, src in (('milper', 'milper_k'), ('tpop', 'tpop_k')):
            y = min(year, 2016)
            n = nmc.get((ccode, y))
            v = None if n is None or n[col] == '-9' else float(n[col])
            row[src] = '' if v is None else f'{v:g}'
            row[src.replace('_k', '_source')] = (NMC if year <= 2016 else NMC_CF) if v is not None else 'no NMC figure'
        code = iso.get(ccode, '')
        if code in nuclear:
            y = min(year, 2023)
            row['warheads'] = f"{war[(code, y)]:g}"
            row['warheads_source'] = OWID if year <= 2023 else OWID_CF
        else:
            row['warheads'] = '0'
            row['warheads_source'] = NONUC
        rows.append(row)

cols = ['ccode', 'stateabb', 'year', 'milex_const2023_usd_m', 'milex_source', 'gdp_const2023_usd_m', 'gdp_source',
        'milper_k', 'milper_source', 'tpop_k', 'tpop_source', 'warheads', 'warheads_source']
with open(out_path, 'w', newline='', encoding='utf-8') as f:
    w = csv.DictWriter(f, fieldnames=cols, lineterminator='\n')
    w.writeheader()
    w.writerows(rows)
print(f'wrote {len(rows)} rows for {len(states)} states to {out_path}')
