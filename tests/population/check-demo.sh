#!/usr/bin/env bash
# ctest entry: the demo's residents recomputed independently (check_demo_residents.py) from the grid CSV, the graph
# file and the QPV layer, against `maillon analyze --population` on the same inputs.
#   tests/population/check-demo.sh MAILLON_BINARY
set -euo pipefail
maillon=$1
here=$(cd "$(dirname "$0")" && pwd)
data=$(cd "$here/../data" && pwd)
command -v cs2cs >/dev/null || { echo "cs2cs is missing (apt-get install proj-bin)"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/maillon-check-demo.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
"$maillon" import "$data/paris-republique.osm.pbf" -o "$work/demo.maillon" -q
"$maillon" analyze "$work/demo.maillon" --qpv "$data/qpv2024-idf-simplified.geojson" \
  --population "$data/filosofi2021-paris-centre-200m.csv" -o "$work/out" -q
python3 "$here/check_demo_residents.py" "$work/demo.maillon" "$data/filosofi2021-paris-centre-200m.csv" \
  "$data/qpv2024-idf-simplified.geojson" "$work/out"
