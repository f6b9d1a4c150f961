#!/usr/bin/env bash
# README command (a): install what is needed, build, and run the main job.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
bash tools/build.sh build
./build/bin/geobalance power balance --years 1995:2024
