#!/usr/bin/env bash
# The README's second command (and CI's): install what is missing, build, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash data-scripts/install-deps.sh
bash data-scripts/build.sh build
cd build && ctest --output-on-failure -j"$(nproc)"
