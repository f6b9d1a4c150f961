#!/usr/bin/env bash
# Installs every system package geobalance needs on Debian 12 (run as root or with sudo).
# Idempotent: packages already present are left alone, and apt is skipped when all are there.
set -euo pipefail
PKGS=(
  cmake ninja-build g++ pkg-config git        # build
  ccache                                       # compiler cache: the python/ and packaging tests rebuild the libraries
  libgtest-dev libgmock-dev                    # tests
  libbenchmark-dev                             # bench/
  lrslib                                       # bench/games: lrsnash, the strategic-form peer timed beside the sequence-form solvers
  libfmt-dev nlohmann-json3-dev libcli11-dev libtomlplusplus-dev
  libeigen3-dev libboost-dev libsqlite3-dev libgmp-dev libtbb-dev
  python3 python3-numpy python3-pandas python3-pytest   # baselines and comparison scripts
  pybind11-dev python3-pybind11 python3-dev python3-venv python3-setuptools python3-wheel python3-pip  # python/ (the module, pip install offline)
  python3-statsmodels                          # VAR reference values (tests/data/forecast) and bench/forecast
  clang-14 libclang-rt-14-dev                  # sanitizer and fuzz builds
  chromium                                     # headless test of the HTML brief
  libcpp-httplib-dev                           # geobalance serve (HTTP server; the API tests' client)
  nodejs                                       # web/: builds the dashboard (npm) and drives its browser test
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
# npm: Debian's package, unless a node that bundles npm is already there.
if ! command -v npm >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  echo "setup: installing npm"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends npm
fi
# The dashboard's front end (web/): npm ci from the committed lock file, then the build.
bash "$(dirname "$0")/web.sh"
