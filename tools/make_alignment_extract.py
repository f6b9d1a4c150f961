#!/usr/bin/env python3
"""Regenerates data/alignment/idealpoints.csv: the UN General Assembly ideal points of the
default scenario's states, 1995-2024, from ../shared's July 2025 release (Bailey, Strezhnev &
Voeten 2017, JCR 61(2):430-56; Harvard Dataverse hdl:1902.1/12379). A small extract with
citation so the default scenario's drift series works on a machine without ../shared.
Usage: python3 tools/make_alignment_extract.py [SHARED_DIR]
"""
import csv, os, sys

here = os.path.dirname(os.path.abspath(__file__))
shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', '..', 'shared')
src = os.path.join(shared, 'data', 'unga_idealpoints', 'IdealpointsJuly2025.csv')
out = os.path.join(here, '..', 'data', 'alignment', 'idealpoints.csv')
STATES = {2, 200, 220, 255, 290, 325, 350, 365, 369, 630, 640, 710}  # USA UKG FRN GMY POL ITA GRC RUS UKR IRN TUR CHN
SOURCE = ('Bailey, Strezhnev & Voeten (2017), UNGA ideal points, July 2025 release '
          '(Harvard Dataverse hdl:1902.1/12379)')
rows = []
for r in csv.DictReader(open(src, encoding='utf-8')):
    if int(r['ccode']) in STATES and 1995 <= int(r['year']) <= 2024:
        rows.append({'ccode': r['ccode'], 'iso3c': r['iso3c'], 'year': r['year'],
                     'idealpointall': r['idealpointall'], 'idealpointfp': r['idealpointfp'],
                     'nvotesall': r['nvotesall'], 'source': SOURCE})
rows.sort(key=lambda r: (int(r['ccode']), int(r['year'])))
with open(out, 'w', newline='', encoding='utf-8') as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator='\n')
    w.writeheader()
    w.writerows(rows)
print(f'wrote {len(rows)} rows to {out}')
