#!/usr/bin/env bash
# Offline tests of data-scripts/fetch-population.sh: the real Filosofi 2021 sample (tests/data) as INSEE would ship it
# (a GeoPackage in a zip, fetched from a file:// URL), as a CSV and a gzipped CSV, cut to a box and to a département;
# the cell counts are computed independently from the sample's own lon/lat columns (pyproj's cell centres). Then the
# refusals: bad arguments, a file that is not a grid, an HTML page, an empty cut.
# Prints one line per check ("ok" or "FAIL" with the output); exits 1 if any check fails.
# Usage: bash tests/scripts/test-fetch-population.sh     Needs bash, python3, curl and GDAL (ogr2ogr, gdaltransform).
set -uo pipefail

ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
SCRIPT=$ROOT/data-scripts/fetch-population.sh
SAMPLE=$ROOT/tests/data/filosofi2021-paris-centre-200m.csv
BOX=2.3515,48.8576,2.3807,48.8700 # the République extract's box

T=$(mktemp -d "${TMPDIR:-/tmp}/test-fetch-population.XXXXXX")
trap 'rm -rf -- "$T"' EXIT

passed=0 failed=0
ok() { printf 'ok   %s\n' "$1"; passed=$((passed + 1)); }
nok() {
  printf 'FAIL %s\n' "$1"
  [[ -z ${2:-} ]] || while IFS= read -r line; do printf '     | %s\n' "$line"; done <<<"$2"
  failed=$((failed + 1))
}
check() {
  local desc=$1 out
  shift
  if out=$("$@" 2>&1); then ok "$desc"; else nok "$desc" "$out"; fi
}
# run NAME COMMAND...: keeps the exit status and output in $T/NAME.{rc,out}.
run() {
  local name=$1
  shift
  "$@" >"$T/$name.out" 2>&1
  echo $? >"$T/$name.rc"
}
failed_with() { # NAME STATUS TEXT
  [[ $(cat "$T/$1.rc") == "$2" ]] || { echo "exit status $(cat "$T/$1.rc"), expected $2"; cat "$T/$1.out"; return 1; }
  grep -qF -- "$3" "$T/$1.out" || { echo "the messages do not mention '$3':"; cat "$T/$1.out"; return 1; }
}

# expected_cells BBOX: the sample's cells whose centre (its lon/lat columns, pyproj) lies in the box, as "ids sum".
expected() {
  python3 - "$SAMPLE" "$1" <<'EOF'
import csv, sys
x0, y0, x1, y1 = (float(v) for v in sys.argv[2].split(","))
rows = [r for r in csv.DictReader(open(sys.argv[1], newline="")) if x0 <= float(r["lon"]) <= x1 and y0 <= float(r["lat"]) <= y1]
print(" ".join(sorted(r["idcar_200m"] for r in rows)), round(sum(float(r["ind"]) for r in rows), 1))
EOF
}
# got FILE: the same summary of a written grid, after checking its header is the one maillon reads.
got() {
  python3 - "$1" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0] == ["idcar_200m", "ind"], f"header {rows[0]}"
print(" ".join(sorted(r[0] for r in rows[1:])), round(sum(float(r[1]) for r in rows[1:]), 1))
EOF
}
same_cells() { # FILE BBOX
  local want have
  want=$(expected "$2") || return 1
  have=$(got "$1") || return 1
  [[ $want == "$have" ]] || { printf 'expected %s cells (%s)\ngot      %s cells (%s)\n' "$(wc -w <<<"$want")" "${want##* }" "$(wc -w <<<"$have")" "${have##* }"; return 1; }
}

# INSEE's packaging: a GeoPackage of the cells (points at the centres here, polygons in INSEE's), zipped.
ogr2ogr -f GPKG "$T/carreaux_200m_met.gpkg" "$SAMPLE" -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat \
  -oo KEEP_GEOM_COLUMNS=NO -s_srs EPSG:4326 -t_srs EPSG:3035 -nln carreaux_200m_met >"$T/gpkg.log" 2>&1 \
  || { cat "$T/gpkg.log"; echo "cannot build the test GeoPackage"; exit 1; }
python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], "w"); z.write(sys.argv[2], "Filosofi2021_carreaux_200m_met.gpkg"); z.write(sys.argv[3], "LISEZMOI.txt")' \
  "$T/insee.zip" "$T/carreaux_200m_met.gpkg" "$SAMPLE"

run zip env MAILLON_POPULATION_URL="file://$T/insee.zip" bash "$SCRIPT" --bbox "$BOX" "$T/out-zip"
check "the zipped GeoPackage is fetched, kept as published, and cut to the box" \
  bash -c "[[ \$(cat '$T/zip.rc') == 0 ]] && [[ -f '$T/out-zip/filosofi-200m-insee.zip' ]] || { cat '$T/zip.out'; exit 1; }"
out_zip="$T/out-zip/filosofi-200m-bbox-${BOX//,/_}.csv"
check "the cut keeps exactly the cells whose centre lies in the box" same_cells "$out_zip" "$BOX"
check "the messages credit INSEE and count the cells" grep -q "Insee, Filosofi" "$T/zip.out"

run csv bash "$SCRIPT" --bbox "$BOX" --from "$SAMPLE" "$T/out-csv"
check "a CSV given with --from gives the same cells" same_cells "$T/out-csv/filosofi-200m-bbox-${BOX//,/_}.csv" "$BOX"
gzip -c "$SAMPLE" >"$T/grid.csv.gz"
run gz env MAILLON_POPULATION_NAME=paris.csv bash "$SCRIPT" --bbox=2.36,48.86,2.39,48.878 --from "$T/grid.csv.gz" "$T/out-gz"
check "a gzipped CSV too, under the name asked for" same_cells "$T/out-gz/paris.csv" 2.36,48.86,2.39,48.878
check "no temporary file is left" bash -c "[[ \$(ls -A '$T/out-gz') == paris.csv ]] || ls -A '$T/out-gz'"

# A département: INSEE's lcog_geo lists the cell's communes (five-character codes, concatenated).
{
  echo "idcar_200m;ind;lcog_geo"
  echo "CRS3035RES200mN2888400E3763200;1415;75111"
  echo "CRS3035RES200mN2888400E3763400;1864;7511175120"
  echo "CRS3035RES200mN2890000E3770000;300;9303293048"
  echo "CRS3035RES200mN2880000E3770000;12,5;9402894002"
} >"$T/dep.csv"
run dep bash "$SCRIPT" --departement 93 --from "$T/dep.csv" "$T/out-dep"
check "--departement keeps the cells with a commune of the département" \
  bash -c "[[ \$(cat '$T/dep.rc') == 0 ]] && diff <(printf 'idcar_200m,ind\nCRS3035RES200mN2890000E3770000,300\n') '$T/out-dep/filosofi-200m-dep-93.csv' || cat '$T/dep.out'"

# Refusals.
run nobox bash "$SCRIPT" --from "$SAMPLE" "$T/x"
check "a cut is required" failed_with nobox 2 "give exactly one of --bbox"
run badbox bash "$SCRIPT" --bbox 48.85,2.35,48.87,2.38 --from "$SAMPLE" "$T/x"
check "a box with latitude first gives an empty cut, said so" failed_with badbox 1 "no cell of the grid lies in the box"
run reversed bash "$SCRIPT" --bbox 2.39,48.85,2.35,48.87 --from "$SAMPLE" "$T/x"
check "a reversed box is a usage error" failed_with reversed 2 "MINLON < MAXLON"
run words bash "$SCRIPT" --bbox a,b,c,d --from "$SAMPLE" "$T/x"
check "a box that is not numbers is a usage error" failed_with words 2 "4 numbers"
run baddep bash "$SCRIPT" --departement Paris --from "$SAMPLE" "$T/x"
check "a département that is not a code is a usage error" failed_with baddep 2 "75, 93, 974 or 2A"
run nolcog bash "$SCRIPT" --departement 75 --from "$SAMPLE" "$T/x"
check "--departement on a grid without lcog_geo says to use --bbox" failed_with nolcog 1 "cut it with --bbox instead"
printf 'code,population\nQN07519M,100\n' >"$T/table.csv"
run notgrid bash "$SCRIPT" --bbox "$BOX" --from "$T/table.csv" "$T/x"
check "a file without cell ids is refused, its columns listed" failed_with notgrid 1 "columns found: code, population"
printf '<!DOCTYPE html><html><body>Page introuvable</body></html>\n' >"$T/error.html"
run html env MAILLON_POPULATION_URL="file://$T/error.html" bash "$SCRIPT" --bbox "$BOX" "$T/out-html"
check "a download that is an HTML page is refused, the URL blamed" failed_with html 1 "POPULATION_URL may be out of date"
check "and leaves nothing behind" bash -c "[[ -z \$(ls -A '$T/out-html') ]] || ls -A '$T/out-html'"
run missing bash "$SCRIPT" --bbox "$BOX" --from "$T/nothing.csv" "$T/x"
check "a missing --from file is named" failed_with missing 1 "no file '$T/nothing.csv'"

if command -v shellcheck >/dev/null 2>&1; then
  check "shellcheck" bash -c "cd '$ROOT' && shellcheck -x data-scripts/fetch-population.sh"
fi

echo "$passed passed, $failed failed"
((failed == 0))
