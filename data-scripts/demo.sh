#!/usr/bin/env bash
# The README's first command: install what is missing, build, and run maillon on the embedded
# demo extract (Paris, République and the Marais; © OpenStreetMap contributors, ODbL).
set -euo pipefail
cd "$(dirname "$0")/.."
bash data-scripts/install-deps.sh
bash data-scripts/build.sh build
build/cli/maillon import tests/data/paris-republique.osm.pbf -o build/paris-republique.maillon --overwrite
build/cli/maillon info build/paris-republique.maillon
