#!/usr/bin/env bash
# Installs the dashboard's npm dependencies from web/package-lock.json (npm ci; skipped when
# node_modules already matches the lock file) and builds web/dist, which `geobalance serve`
# serves. Called by tools/setup.sh, so both README commands build it.
set -euo pipefail
cd "$(dirname "$0")/../web"
if ! command -v npm >/dev/null 2>&1; then
  echo "web: npm is absent; the dashboard is not built (geobalance serve still serves the API)" >&2
  exit 0
fi
if ! cmp -s package-lock.json node_modules/.package-lock.json 2>/dev/null && \
   ! node -e 'const a=require("./package-lock.json").packages,b=require("./node_modules/.package-lock.json").packages;for(const k of Object.keys(a))if(k&&!a[k].optional&&(!b[k]||b[k].version!==a[k].version))process.exit(1)' 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build
