#!/usr/bin/env python3
"""Latency of `geobalance serve`: a 200-replicate run of the default scenario, POSTed 50 times
(after one warm-up run that loads the scenario), median and 95th percentile of the wall-clock
round trip and of the engine's own wall_seconds; then the page's time to first render in
headless Chromium (web/test/first_render.mjs), when node, Chromium and the built page are there.

Usage: /usr/bin/python3 bench/server/serve_latency.py [--cli build/bin/geobalance] [--requests 50]
       [--replicates 200] [--threads 0]
Not a test: the machine's load moves these numbers; report them with the load average.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def percentile(xs, q):
    """Nearest-rank percentile (the smallest value with at least q% of the values at or below it)."""
    s = sorted(xs)
    k = max(0, min(len(s) - 1, -(-len(s) * q // 100) - 1))
    return s[int(k)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "bin", "geobalance"))
    ap.add_argument("--requests", type=int, default=50)
    ap.add_argument("--replicates", type=int, default=200)
    ap.add_argument("--threads", type=int, default=0)
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="geobalance-serve-bench-")
    proc = subprocess.Popen([a.cli, "serve", "--port", "0", "--store", os.path.join(work, "runs.sqlite"),
                             "--threads", str(a.threads)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = None
        while url is None:
            line = proc.stdout.readline()
            if not line:
                sys.exit("serve exited before printing its address")
            m = re.search(r"http://\S+", line)
            if m:
                url = m.group(0).rstrip("/")
        body = json.dumps({"scenario": "nato-southern-flank", "replicates": a.replicates}).encode()

        def post():
            req = urllib.request.Request(url + "/api/runs", data=body, headers={"Content-Type": "application/json"})
            t0 = time.perf_counter()
            with urllib.request.urlopen(req, timeout=600) as r:
                out = json.load(r)
            return time.perf_counter() - t0, out["wall_seconds"]

        post()  # warm-up: loads the scenario and its World once
        rt, eng = [], []
        for _ in range(a.requests):
            t, e = post()
            rt.append(t)
            eng.append(e)
        print(f"geobalance serve, {a.replicates}-replicate run of nato-southern-flank, {a.requests} requests "
              f"(threads {a.threads or 'all'}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})")
        print(f"  round trip: median {1000 * statistics.median(rt):.0f} ms, p95 {1000 * percentile(rt, 95):.0f} ms, "
              f"min {1000 * min(rt):.0f} ms, max {1000 * max(rt):.0f} ms")
        print(f"  engine (wall_seconds): median {1000 * statistics.median(eng):.0f} ms, p95 {1000 * percentile(eng, 95):.0f} ms")
    finally:
        proc.terminate()
        proc.wait()
        shutil.rmtree(work, ignore_errors=True)

    node = shutil.which("node")
    script = os.path.join(ROOT, "web", "test", "first_render.mjs")
    if node and os.path.exists(os.path.join(ROOT, "web", "node_modules", "puppeteer-core")):
        r = subprocess.run([node, script, "--cli", a.cli], text=True, capture_output=True)
        print(r.stdout.strip() or r.stderr.strip())
    else:
        print("time to first render: skipped (node or web/node_modules absent)")


if __name__ == "__main__":
    main()
