#!/usr/bin/env bash
# The README's second command (and CI's): install what is missing (Debian packages, Chromium,
# Leaflet and playwright-core from npm), build, run every test; then again under the sanitizers
# with the fuzz targets (data-scripts/test-sanitized.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash data-scripts/install-deps.sh --with-browser --with-checks
npm ci --prefix web-static --no-audit --no-fund --loglevel=error
npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
bash data-scripts/build.sh build
(cd build && ctest --output-on-failure -j"$(nproc)")
# The same suite under ASan + UBSan, and each fuzz target for 10 s (docs/reliability.md).
bash data-scripts/test-sanitized.sh build-check
