#!/usr/bin/env python3
"""Writes an .efg whose tree is a chain N nodes deep (default 100000) to stdout.

Reproducer for the games .efg reader recursing once per node (issue 8 finding):
  python3 tests/fuzz/findings/make_deep_efg.py > /tmp/deep.efg
  build-fuzz/fuzz/games_efg_fuzz /tmp/deep.efg      # stack-overflow
"""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
out = ['EFG 2 R "deep chain" { "P1" "P2" } ""']
out += ['p "" 1 %d "" { "a" "b" } 0' % (i + 1) for i in range(n)]
out += ['t "" 1 "end" { 1, 1 }'] * (n + 1)
sys.stdout.write("\n".join(out) + "\n")
