#!/usr/bin/env bash
# results.gpkg when GDAL builds a layer's spatial index on its background thread. GDAL 3.6 does
# that for large layers (a region's 100,000 candidates) in a temporary database that it detaches
# when the index is done; SQLite refuses the DETACH inside a transaction, so plain SQL run before
# the commit failed ("cannot record the field names ... database is locked") and the whole
# analysis with it. GDAL's own test switch starts that thread at the first feature, so the demo
# takes the same path in seconds.
# Usage: test-gpkg-threaded-rtree.sh MAILLON_BINARY TESTS_DATA_DIR
set -u
maillon=$1
data=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
check() {  # check DESCRIPTION CONDITION...
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; failures=$((failures + 1)); fi
}

OGR_GPKG_THREADED_RTREE_AT_FIRST_FEATURE=YES \
  "$maillon" analyze "$data/paris-republique.osm.pbf" --qpv "$data/qpv2024-idf-simplified.geojson" \
  -o "$work/out" -q 2>"$work/err"
rc=$?
check "analyze succeeds with the threaded spatial index (exit $rc: $(head -c 300 "$work/err"))" test "$rc" -eq 0
check "results.gpkg written" test -s "$work/out/results.gpkg"
if [[ -s "$work/out/results.gpkg" ]]; then
  ogrinfo -ro -q -sql "SELECT count(*) AS n FROM gpkg_data_columns" "$work/out/results.gpkg" >"$work/columns" 2>&1
  check "the French field names are recorded (gpkg_data_columns)" grep -qE "n \(Integer(64)?\) = [1-9]" "$work/columns"
  ogrinfo -ro -q -sql "SELECT count(*) AS n FROM rtree_gaps_geom" "$work/out/results.gpkg" >"$work/rtree" 2>&1
  check "the gaps layer has its spatial index" grep -qE "n \(Integer(64)?\) = [1-9]" "$work/rtree"
fi
exit $((failures > 0))
