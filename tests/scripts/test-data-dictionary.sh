#!/usr/bin/env bash
# The data dictionary against real outputs (issue 13): three runs of `maillon analyze` — the demo with
# residents and stations, Monaco (no network gap, one data issue), the bus corridor with a study
# area — then tests/scripts/check-data-dictionary.py over the three.
#   test-data-dictionary.sh MAILLON OUT_DIR
set -euo pipefail
MAILLON="$1"
OUT="$2"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
D="$ROOT/tests/data"
mkdir -p "$OUT"
cat > "$OUT/area.geojson" <<'JSON'
{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"nom":"Paris 12e (extrait)"},
"geometry":{"type":"Polygon","coordinates":[[[2.37,48.83],[2.42,48.83],[2.42,48.86],[2.37,48.86],[2.37,48.83]]]}}]}
JSON
"$MAILLON" analyze "$D/paris-republique.osm.pbf" --qpv "$D/qpv2024-idf-simplified.geojson" \
    --population "$D/filosofi2021-paris-centre-200m.csv" --stations "$D/station_information_2025-10-18.json" \
    --station-status "$D/station_status_2025-10-18.json" --planned "$D/demo-planned-stations.csv" -o "$OUT/demo" --overwrite -q
"$MAILLON" analyze "$D/monaco-2016.osm.pbf" --qpv "$D/qpv2024-idf-simplified.geojson" -o "$OUT/monaco" --overwrite -q
"$MAILLON" analyze "$D/paris-20e-12e-13e-corridor.osm" --qpv "$D/qpv2024-idf-simplified.geojson" \
    --area "$OUT/area.geojson" -o "$OUT/corridor" --overwrite -q
python3 "$ROOT/tests/scripts/check-data-dictionary.py" "$ROOT/docs/data-dictionary.md" "$OUT/demo" "$OUT/monaco" "$OUT/corridor"
