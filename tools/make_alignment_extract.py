#!/usr/bin/env python3
"""Regenerates data/alignment/idealpoints.csv: the UN General Assembly ideal points of the
default scenarios' states and of every NATO member in data/nato_members.csv, 1995-2024, from
../shared's July 2025 release (Bailey, Strezhnev & Voeten 2017, JCR 61(2):430-56; Harvard
Dataverse hdl:1902.1/12379). A small extract with citation so the default scenario's drift
answer works on a machine without ../shared.

Both of the release's series are kept side by side, never spliced: all votes
(idealpointall, nvotesall, posterior quantiles q*all; the release ends it in 2023) and
final-passage votes only (idealpointfp, nvotesfp, q*fp; to 2024). Column names and values are
the release's own (qo = the 0% quantile, as the release spells it); empty = the release has no
estimate. The scenario picks one series for every year ([alignment] idealpoint_series).
Usage: python3 tools/make_alignment_extract.py [SHARED_DIR]
"""
import csv, os, sys

here = os.path.dirname(os.path.abspath(__file__))
shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', '..', 'shared')
src = os.path.join(shared, 'data', 'unga_idealpoints', 'IdealpointsJuly2025.csv')
out = os.path.join(here, '..', 'data', 'alignment', 'idealpoints.csv')
# USA UKG FRN GMY POL ITA GRC RUS UKR IRN TUR CHN, the other scenarios' states, and NATO.
STATES = {2, 200, 220, 255, 290, 325, 350, 365, 369, 630, 640, 710, 370}
with open(os.path.join(here, '..', 'data', 'nato_members.csv'), encoding='utf-8') as f:
    STATES |= {int(r['ccode']) for r in csv.DictReader(f)}
SOURCE = ('Bailey, Strezhnev & Voeten (2017), UNGA ideal points, July 2025 release '
          '(Harvard Dataverse hdl:1902.1/12379)')
COLS = ['ccode', 'iso3c', 'year',
        'idealpointall', 'nvotesall', 'qoall', 'q5all', 'q10all', 'q50all', 'q90all', 'q95all', 'q100all',
        'idealpointfp', 'nvotesfp', 'qofp', 'q5fp', 'q10fp', 'q50fp', 'q90fp', 'q95fp', 'q100fp']
rows = []
with open(src, encoding='utf-8') as f:
    for r in csv.DictReader(f):
        if int(r['ccode']) in STATES and 1995 <= int(r['year']) <= 2024:
            row = {c: r[c] for c in COLS}
            row['source'] = SOURCE
            rows.append(row)
rows.sort(key=lambda r: (int(r['ccode']), int(r['year'])))
with open(out, 'w', newline='', encoding='utf-8') as f:
    w = csv.DictWriter(f, fieldnames=COLS + ['source'], lineterminator='\n')
    w.writeheader()
    w.writerows(rows)
print(f'wrote {len(rows)} rows ({len({r["ccode"] for r in rows})} states) to {out}')
