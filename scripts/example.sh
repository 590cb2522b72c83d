#!/usr/bin/env bash
# Installs the dependencies, builds the bundle and prints the report of the
# example artifacts in __fixtures__/example/head, compared with
# __fixtures__/example/base. Extra arguments go to the command-line preview,
# such as --input narrative=off or --gate.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/use-node24.sh
# Installation and build messages go to stderr, so stdout holds only the report.
[ -d node_modules ] || npm ci --no-audit --no-fund >&2
npm run --silent build >&2
exec node dist/cli/index.js --base __fixtures__/example/base "$@" __fixtures__/example/head
