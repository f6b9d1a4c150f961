"""Ctrl-C stops a long Monte Carlo: a child Python process starts one that would take minutes,
the test sends it SIGINT, and the child must end with KeyboardInterrupt within seconds."""
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

CHILD = textwrap.dedent("""
    import sys, time
    import geobalance as gb
    print("start", flush=True)
    t0 = time.monotonic()
    try:
        gb.bargain_monte_carlo(sys.argv[1], replicates=50_000_000 // 10, model="bdm", threads=1)
    except KeyboardInterrupt:
        print("interrupted after %.2f s" % (time.monotonic() - t0), flush=True)
        sys.exit(42)
    print("finished", flush=True)
""")


def test_ctrl_c_interrupts_monte_carlo(repo):
    issue = repo / "data/scenarios/issues/turkiye-s400.toml"
    p = subprocess.Popen([sys.executable, "-c", CHILD, str(issue)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
    assert p.stdout.readline().strip() == "start"
    time.sleep(1.5)  # inside the C++ ensemble by now
    t = time.monotonic()
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 42, (out, err)
    assert "interrupted" in out
