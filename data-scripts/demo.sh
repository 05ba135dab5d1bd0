#!/usr/bin/env bash
# The README's first command: install what is missing, build, and serve the embedded demo
# (Paris, République and the Marais, with the QPV 2024 layer; © OpenStreetMap contributors,
# ODbL) at http://127.0.0.1:8080/ — open it in a browser; Ctrl-C stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash data-scripts/install-deps.sh --with-browser
npm ci --prefix web-static --no-audit --no-fund --loglevel=error
bash data-scripts/build.sh build
exec build/cli/maillon serve "$@"
