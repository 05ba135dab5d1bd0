#!/usr/bin/env bash
# data-scripts/cut-area.sh offline: a QPV of the GeoJSON layer, a QPV of the Lambert-93 shapefile (reprojected to
# degrees), a commune boundary of an OSM extract, and the errors; then the area fed to `maillon analyze --area`.
#   test-cut-area.sh MAILLON
set -euo pipefail
MAILLON="$1"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
D="$ROOT/tests/data"
CUT="$ROOT/data-scripts/cut-area.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "not ok - $*" >&2; exit 1; }

bash "$CUT" "$D/qpv2024-idf-simplified.geojson" code QN07519M "$work/gb.geojson" >/dev/null || fail "GeoJSON layer"
python3 - "$work/gb.geojson" <<'PY' || fail "the GeoJSON area"
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["features"]) == 1 and d["features"][0]["properties"]["code"] == "QN07519M"
assert d["features"][0]["geometry"]["type"] in ("Polygon", "MultiPolygon")
PY
echo "ok - a QPV of the GeoJSON layer"

bash "$CUT" "$D/qpv2015-lambert93-sample/qpv2015-094-sample-lb93.shp" CODE_QP QP094003 "$work/lb.geojson" >/dev/null \
  || fail "Lambert-93 shapefile"
python3 - "$work/lb.geojson" <<'PY' || fail "the shapefile area is not in degrees around Val-de-Marne"
import json, sys
d = json.load(open(sys.argv[1]))
g = d["features"][0]["geometry"]
polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
xs = [p for poly in polys for ring in poly for p in ring]
assert all(2.2 < x < 2.7 and 48.6 < y < 48.9 for x, y in xs), xs[:3]
PY
echo "ok - a QPV of the Lambert-93 shapefile, reprojected"

bash "$CUT" --osm "$D/liechtenstein-2015.osm.pbf" Vaduz "$work/vaduz.geojson" >/dev/null || fail "OSM boundary"
echo "ok - a commune boundary of an OSM extract"

if out=$(bash "$CUT" "$D/qpv2024-idf-simplified.geojson" code NOPE "$work/none.geojson" 2>&1); then fail "no feature accepted"; fi
[[ $out == *"no feature of"*"code = 'NOPE'"* ]] || fail "message for no feature: $out"
[[ ! -e $work/none.geojson ]] || fail "a file written for no feature"
if out=$(bash "$CUT" "$D/qpv2024-idf-simplified.geojson" 'code;drop' x "$work/bad.geojson" 2>&1); then fail "bad field accepted"; fi
[[ $out == *"not a plain name"* ]] || fail "message for a bad field: $out"
echo "ok - errors name the problem, no file written"

"$MAILLON" analyze "$D/liechtenstein-2015.osm.pbf" --qpv "$D/qpv2024-idf-simplified.geojson" --area "$work/vaduz.geojson" \
  -o "$work/out" -q || fail "maillon analyze --area"
python3 - "$work/out/gaps.geojson" <<'PY' || fail "gaps outside Vaduz listed"
import json, sys
communes = {f["properties"]["commune"] for f in json.load(open(sys.argv[1]))["features"] if f["properties"]["rank"]}
assert communes <= {"Vaduz"}, communes
PY
echo "ok - maillon analyze --area lists the gaps of Vaduz only"
