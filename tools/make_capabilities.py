#!/usr/bin/env python3
"""Regenerates data/capabilities.csv (the built-in yearly capability figures 1995-2024) and
data/warheads_fas.csv (FAS warhead estimates 2024-2025) from ../shared/data.

The committed CSVs are what a bare machine uses; this tool reads ../shared only when it is
run. Inputs (see ../shared/data/SOURCES.md): the SIPRI military-expenditure extract (April
2025 release), COW NMC 7.0 (milper, tpop to 2022) and OWID/FAS warhead stockpiles (to 2023).
Every value carries its own source column:
  milex_const2023_usd_m  SIPRI, constant 2023 US$ m
  gdp_const2023_usd_m    derived: SIPRI milex / SIPRI milex share of GDP (same year, same prices)
  milper_k, tpop_k       COW NMC 7.0 (thousands) 1995-2022. 2023-2024: a NOWCAST, labelled so
                         in *_source, with its standard deviation in *_sd_k (the uncertainty a
                         scenario's ensemble draws from). Measured rows leave *_sd_k empty.
  warheads               OWID/FAS military stockpile to 2023; 2024 the FAS estimate for early
                         2024 (FAS_2024 below, cited); 0 for states FAS lists without nuclear
                         weapons.

Nowcast rule (documented in docs/data.md, chosen by a backtest, not by taste):
  Two candidate rules for a value h = 1, 2 years after the origin year T:
    no-change  x(T+h) = x(T)
    trend      x(T+h) = x(T) + h * (x(T) - x(T-5)) / 5
  Backtest: every state, every origin T = 2000 .. 2022-h with NMC 7.0 values at T-5, T and
  T+h. The rule with the lower pooled mean absolute relative error |error| / actual (over
  actual > 0) is chosen per indicator; the printed summary gives both scores.
  Uncertainty: for each state and h, sd = root mean square of that state's backtest errors of
  the chosen rule (thousands). It includes COW's own revisions (e.g. the 2016/2017 break in
  NMC 7.0's population series), so it is wider than sampling error alone.
SIPRI's fair-use terms allow this non-commercial subset (< 3,500 data units) with citation:
"SIPRI Military Expenditure Database 2025, https://www.sipri.org/databases/milex".
Usage: python3 tools/make_capabilities.py [SHARED_DIR]
"""
import csv, math, os, sys

here = os.path.dirname(os.path.abspath(__file__))
shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', '..', 'shared')
data = os.path.join(shared, 'data')
out_path = os.path.join(here, '..', 'data', 'capabilities.csv')
fas_path = os.path.join(here, '..', 'data', 'warheads_fas.csv')

SIPRI = 'SIPRI Military Expenditure Database 2025 (sipri.org/databases/milex), constant 2023 US$'
SIPRI_E = SIPRI + '; SIPRI estimate'
GDP = 'derived: SIPRI milex (const 2023 US$) / SIPRI milex share of GDP'
NMC = 'COW NMC 7.0 (Singer, Bremer & Stuckey 1972; Singer 1987)'
OWID = 'FAS Status of World Nuclear Forces via Our World in Data (stockpile)'
NONUC = 'FAS Status of World Nuclear Forces: no nuclear weapons'
LAST_NMC = 2022
FIRST, LAST = 1995, 2024

# FAS estimates of military stockpiles (deployed + reserve, retired warheads excluded), the
# quantity OWID's stockpile series carries. Early 2024: FAS "Status of World Nuclear Forces"
# (Kristensen, Korda, Johns, Knight, Kohn; fas.org, 29 March 2024): 12,121 warheads in all,
# 9,585 in military stockpiles; per state, total inventory minus retired, as tabulated from
# FAS by Visual Capitalist (Aug 2024: RUS 1,710 deployed + 2,670 reserve; USA 1,670 + 100 +
# 1,938) and in the SIPRI Yearbook 2024 chapter by the same authors (USA 1,770 deployed +
# 1,938 stored = 3,708; RUS 1,710 + 2,670 = 4,380). Early 2025: SIPRI Yearbook 2025
# (Kristensen & Korda, 16 June 2025): 12,241 in all, 9,614 in military stockpiles; CHN 600,
# FRA 290, GBR 225, IND 180, PAK 170, ISR 90, PRK 50 (no retired warheads: inventory =
# stockpile). USA 5,177 and RUS 5,459 are total inventories including retired warheads; their
# 2025 military stockpiles were not found in a citable source and are left empty.
FAS_2024_SRC = ('FAS Status of World Nuclear Forces 2024 (fas.org, 2024-03-29; Kristensen, Korda et al.), '
                'military stockpile = deployed + reserve; same figures in SIPRI Yearbook 2024 ch. 7')
FAS_2025_SRC = ('FAS estimates (Kristensen & Korda) in SIPRI Yearbook 2025 ch. 7 (sipri.org, 2025-06-16), '
                'inventory = military stockpile (no retired warheads)')
FAS_2025_TOTAL_SRC = ('FAS estimates (Kristensen & Korda) in SIPRI Yearbook 2025 ch. 7 (sipri.org, 2025-06-16): '
                      'total inventory incl. retired; military stockpile not found in a citable source')
FAS = {  # iso3: (COW ccode, COW abb, 2024 stockpile, 2025 stockpile or None, 2025 total inventory)
    'USA': (2, 'USA', 3708, None, 5177), 'RUS': (365, 'RUS', 4380, None, 5459), 'CHN': (710, 'CHN', 500, 600, 600),
    'FRA': (220, 'FRN', 290, 290, 290), 'GBR': (200, 'UKG', 225, 225, 225), 'IND': (750, 'IND', 172, 180, 180),
    'PAK': (770, 'PAK', 170, 170, 170), 'ISR': (666, 'ISR', 90, 90, 90), 'PRK': (731, 'PRK', 50, 50, 50),
}


# Public figures that replace a nowcast (value in thousands, source). Each is the figure as the
# named official stated it; the definition may differ from COW's (all personnel of the Armed
# Forces of Ukraine in wartime, mobilised included), which the source text says.
PUBLIC = {
    (369, 2023, 'milper'): (800, 'PUBLIC FIGURE: Ukraine Defence Minister R. Umerov, Sept 2023: Armed Forces grew from '
                                 '261,000 to "more than 800,000" (quoted by ukrainetoday.org, 2023-12-12); a lower bound, '
                                 'all personnel incl. mobilised'),
    (369, 2024, 'milper'): (880, 'PUBLIC FIGURE: President V. Zelensky, ARD interview 2024-01-29: "We have 880,000" '
                                 '(tass.com/world/1738565; ukranews.com 2024-01); the same 880,000 in Warsaw, Jan 2025 '
                                 '(news.liga.net); all personnel incl. mobilised'),
}


def num(s):
    try:
        v = float(s)
        return v if math.isfinite(v) else None
    except ValueError:
        return None


def fixed(v, digits):
    """A number in full (never an exponent), trailing zeros of the fraction dropped."""
    s = f'{v:.{digits}f}'
    if '.' in s:
        s = s.rstrip('0').rstrip('.')
    return '0' if s in ('-0', '') else s


milex = {}
for r in csv.DictReader(open(os.path.join(data, 'sipri_milex', 'sipri_milex_subset_1995_2024.csv'), encoding='utf-8')):
    milex[(int(r['ccode']), int(r['year']))] = r
states = sorted({(c, milex[(c, y)]['stateabb']) for (c, y) in milex})

nmc = {}
for r in csv.DictReader(open(os.path.join(data, 'nmc', 'NMC-70-abridged.csv'))):
    nmc[(int(r['ccode']), int(r['year']))] = r


def nmc_value(ccode, year, col):
    r = nmc.get((ccode, year))
    if r is None or r[col] == '-9':
        return None
    return float(r[col])


iso = {}
for r in csv.DictReader(open(os.path.join(here, '..', 'data', 'countries.csv'))):
    iso[int(r['ccode'])] = r['iso3']
war = {}
for r in csv.DictReader(open(os.path.join(data, 'nuclear_warheads', 'owid_nuclear-warhead-stockpiles_1945_2023.csv'))):
    if r['Code']:
        war[(r['Code'], int(r['Year']))] = float(r['nuclear_weapons_stockpile'])
# States with warheads in 2023 (South Africa's ended in 1991; OWID_WRL is the world total).
nuclear = {k[0] for k, v in war.items() if k[1] == 2023 and v > 0 and not k[0].startswith('OWID_')}
assert nuclear == set(FAS), f'FAS table and OWID disagree on who is nuclear: {sorted(nuclear ^ set(FAS))}'

# --- nowcast backtest -------------------------------------------------------------------
RULES = {
    'no-change': lambda x_t, x_t5, h: x_t,
    'trend': lambda x_t, x_t5, h: x_t + h * (x_t - x_t5) / 5.0,
}
RULE_TEXT = {
    'no-change': 'no-change rule: the NMC 7.0 2022 value held',
    'trend': 'trend rule: NMC 7.0 2022 value + h x mean yearly change 2017-2022',
}


def backtest(col):
    errors = {name: {} for name in RULES}  # name -> (ccode, h) -> [errors]
    rel = {name: [] for name in RULES}
    for ccode, _ in states:
        for h in (1, 2):
            for t in range(FIRST + 5, LAST_NMC - h + 1):
                x_t, x_t5, x_th = nmc_value(ccode, t, col), nmc_value(ccode, t - 5, col), nmc_value(ccode, t + h, col)
                if x_t is None or x_t5 is None or x_th is None:
                    continue
                for name, rule in RULES.items():
                    e = x_th - rule(x_t, x_t5, h)
                    errors[name].setdefault((ccode, h), []).append(e)
                    if x_th > 0:
                        rel[name].append(abs(e) / x_th)
    score = {name: sum(v) / len(v) for name, v in rel.items()}
    best = min(score, key=score.get)
    sd = {k: math.sqrt(sum(e * e for e in v) / len(v)) for k, v in errors[best].items()}
    return best, score, sd


nowcast = {}
for col in ('milper', 'tpop'):
    best, score, sd = backtest(col)
    nowcast[col] = (best, sd)
    print(f'{col}: pooled mean |error|/actual, h=1..2, origins 2000-2021: '
          + ', '.join(f'{n} {s:.4f}' for n, s in score.items()) + f' -> {best}')

# --- rows -------------------------------------------------------------------------------
rows = []
for ccode, abb in states:
    code = iso.get(ccode, '')
    for year in range(FIRST, LAST + 1):
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
        for col in ('milper', 'tpop'):
            vcol, scol, sdcol = col + '_k', col + '_source', col + '_sd_k'
            row[sdcol] = ''
            if year <= LAST_NMC:
                v = nmc_value(ccode, year, col)
                row[vcol] = '' if v is None else fixed(v, 3)
                row[scol] = NMC if v is not None else 'COW NMC 7.0: no figure (-9 or no row)'
                continue
            if (ccode, year, col) in PUBLIC:
                v, src = PUBLIC[(ccode, year, col)]
                row[vcol], row[scol] = fixed(v, 3), src
                continue
            h = year - LAST_NMC
            best, sd = nowcast[col]
            x_t, x_t5 = nmc_value(ccode, LAST_NMC, col), nmc_value(ccode, LAST_NMC - 5, col)
            if x_t is None or (best == 'trend' and x_t5 is None) or (ccode, h) not in sd:
                row[vcol] = ''
                row[scol] = f'NOWCAST not possible: COW NMC 7.0 lacks the {LAST_NMC} (or {LAST_NMC - 5}) value or a backtest'
                continue
            v = max(0.0, RULES[best](x_t, x_t5, h))
            row[vcol] = fixed(v, 1)
            row[sdcol] = fixed(sd[(ccode, h)], 1)
            row[scol] = (f'NOWCAST {year} (geobalance, {RULE_TEXT[best]}; {LAST_NMC} value {fixed(x_t, 3)}; '
                         f'sd from a 2000-{LAST_NMC - h} backtest, h={h}; see docs/data.md)')
        if code in nuclear:
            if year <= 2023:
                row['warheads'] = fixed(war[(code, year)], 0)
                row['warheads_source'] = OWID
            else:
                v = FAS[code][2]
                row['warheads'] = str(v)
                same = ' (the same figure as FAS 2023, re-estimated, not carried)' if v == war[(code, 2023)] else ''
                row['warheads_source'] = FAS_2024_SRC + same
        else:
            row['warheads'] = '0'
            row['warheads_source'] = NONUC
        rows.append(row)

cols = ['ccode', 'stateabb', 'year', 'milex_const2023_usd_m', 'milex_source', 'gdp_const2023_usd_m', 'gdp_source',
        'milper_k', 'milper_source', 'tpop_k', 'tpop_source', 'warheads', 'warheads_source', 'milper_sd_k', 'tpop_sd_k']
with open(out_path, 'w', newline='', encoding='utf-8') as f:
    w = csv.DictWriter(f, fieldnames=cols, lineterminator='\n')
    w.writeheader()
    w.writerows(rows)
print(f'wrote {len(rows)} rows for {len(states)} states to {out_path}')

with open(fas_path, 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['ccode', 'stateabb', 'iso3', 'year', 'stockpile', 'total_inventory', 'source'])
    for code in sorted(FAS, key=lambda c: FAS[c][0]):
        cc, abb, s24, s25, t25 = FAS[code]
        w.writerow([cc, abb, code, 2024, s24, '', FAS_2024_SRC])
        w.writerow([cc, abb, code, 2025, '' if s25 is None else s25, t25,
                    FAS_2025_SRC if s25 is not None else FAS_2025_TOTAL_SRC])
print(f'wrote {2 * len(FAS)} rows to {fas_path}')
