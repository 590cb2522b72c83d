#!/usr/bin/env bash
# Builds the bundle (the end-to-end tests run dist/index.js) and runs every test
# with Node's test runner under Node.js 24. Extra arguments go to the runner,
# such as a single file: npm test -- test/settings.test.ts
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/use-node24.sh
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run --silent build
if [ "$#" -gt 0 ]; then
  exec node --import tsx --test --test-concurrency=2 "$@"
fi
exec node --import tsx --test --test-concurrency=2 'test/**/*.test.ts'
