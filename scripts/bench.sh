#!/usr/bin/env bash
# Builds the bundle and runs the benchmark suite (bench/run.ts) under Node.js 24.
# Extra arguments go to the suite, such as --quick, --large-csv-mb 1024 or
# --only corpus,startup; --help lists them.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/use-node24.sh
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run --silent build
exec node --import tsx bench/run.ts "$@"
