#!/usr/bin/env bash
# README command (a): install what is needed, build, and run the main job.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
bash tools/build.sh build
# The default scenario: prints one line per question, writes geobalance-out/brief.html,
# results.json and tables/, and records the run in the store.
./build/bin/geobalance run
