"""Shared fixtures: the CLI to compare against and the shared datasets.

GEOBALANCE_CLI names the geobalance executable (ctest sets it to the build's bin/geobalance);
GEOBALANCE_SHARED_DIR the folder of public datasets (default ../shared next to the repo).
Tests that need either skip with a message saying which is missing.
"""
import io
import os
import pathlib
import subprocess

import pandas as pd
import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def repo():
    return REPO


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("GEOBALANCE_CLI", "")
    if not path or not os.access(path, os.X_OK):
        pytest.skip("GEOBALANCE_CLI does not name the geobalance executable (ctest sets it)")

    def run(*args, check=True):
        p = subprocess.run([path, *map(str, args)], capture_output=True, text=True)
        if check and p.returncode != 0:
            raise AssertionError(f"geobalance {' '.join(map(str, args))} exited {p.returncode}: {p.stderr}")
        return p

    def csv(*args):
        return pd.read_csv(io.StringIO(run(*args, "--format", "csv").stdout), keep_default_na=True, float_precision="round_trip")

    run.csv = csv
    return run


@pytest.fixture(scope="session")
def shared():
    d = pathlib.Path(os.environ.get("GEOBALANCE_SHARED_DIR", REPO.parent / "shared"))
    if not (d / "data").is_dir():
        pytest.skip(f"shared datasets absent ({d}/data): set GEOBALANCE_SHARED_DIR")
    return d / "data"
