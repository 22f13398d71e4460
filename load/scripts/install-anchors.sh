#!/usr/bin/env bash
# Installs the benchmark anchors (tardis-dev normalizers) into load/.anchors/, a folder with its
# own package.json, isolated from the repository's node_modules and lockfile. Only
# `npm run bench:parse` uses it; nothing in the product depends on it. load/.anchors/ is gitignored.
set -euo pipefail
TARDIS_VERSION="${TARDIS_VERSION:-13.35.3}" # engines: node >=12 (runs on Node 20)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="$ROOT/load/.anchors"
mkdir -p "$DIR"
if [ ! -f "$DIR/package.json" ]; then
  printf '{\n  "name": "feedgate-bench-anchors",\n  "private": true,\n  "description": "benchmark anchors only (see load/scripts/install-anchors.sh)"\n}\n' >"$DIR/package.json"
fi
npm install --prefix "$DIR" "tardis-dev@$TARDIS_VERSION" --no-audit --no-fund
node -e "const p=require('$DIR/node_modules/tardis-dev/package.json');console.log('anchor installed: tardis-dev@'+p.version)"
