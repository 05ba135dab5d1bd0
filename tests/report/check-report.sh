#!/usr/bin/env bash
# The plan-vélo deliverables of the demo, end to end with the real binary (issue 10):
#   - `maillon analyze --report --csv-style excel-fr` on the République demo: report.html, report.pdf,
#     results.gpkg and the Excel-style CSV;
#   - the PDF: as many pages as the HTML has A4 sheets (Chromium added none), one page of cards per
#     six top gaps, and its text (pdftotext) has the top gap's street, its QPV residents and the
#     attributions;
#   - the HTML in Chromium (render-check.mjs): no console error, nothing cut off, the maps' features
#     counted against the data;
#   - results.gpkg against the GeoJSON with ogrinfo/ogr2ogr (check_gpkg.py);
#   - the Excel-style CSV through Python's csv module against the standard one (check_csv.py);
#   - `maillon report` on an analyze directory, and its bad inputs: not an analyze directory, a
#     run.json of another version, a graph that moved, an unwritable or existing output, no Chromium.
# Usage: check-report.sh MAILLON_BINARY TEST_DATA_DIR
set -u
maillon=$1
data=$2
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=tests/support/expect.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/../support/expect.sh"
no_leftovers() {  # no output directory and no temporary one
  if [[ -e "$1" ]] || compgen -G "$1.tmp-*" >/dev/null; then bad "output or temporary directory left behind for $1"; else ok "nothing left for $1"; fi
}

[[ -x /usr/bin/chromium ]] || { echo "report test: /usr/bin/chromium is missing (apt-get install chromium)"; exit 1; }
for tool in pdfinfo pdftotext ogrinfo ogr2ogr node python3; do
  command -v "$tool" >/dev/null || { echo "report test: $tool is missing (data-scripts/install-deps.sh --with-browser)"; exit 1; }
done
[[ -f "$repo/tests/browser/node_modules/playwright-core/index.mjs" ]] || npm ci --prefix "$repo/tests/browser" --no-audit --no-fund --loglevel=error

inputs=("$data/paris-republique.osm.pbf" --qpv "$data/qpv2024-idf-simplified.geojson"
        --population "$data/filosofi2021-paris-centre-200m.csv"
        --stations "$data/station_information_2025-10-18.json" --station-status "$data/station_status_2025-10-18.json"
        --planned "$data/demo-planned-stations.csv")
an=$work/an
expect 0 "wrote .*/report/report.html \([0-9]+ A4 pages.*\) and report.pdf" -- "$maillon" analyze "${inputs[@]}" -o "$an" --report --csv-style excel-fr
expect 0 "réseau cyclable : .*maillons à créer" -- "$maillon" analyze "${inputs[@]}" -o "$work/std"
top=$(python3 -c 'import json,sys; print(min(50, sum(1 for f in json.load(open(sys.argv[1]))["features"] if f["properties"]["rank"])))' "$an/gaps.geojson")

# ---- the PDF
pdf=$an/report/report.pdf
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
sheets=$(grep -o '<section class="page"' "$an/report/report.html" | wc -l)
cards=$(grep -o '<h2>Fiches des maillons [0-9]* à [0-9]*</h2>' "$an/report/report.html" | wc -l)
size=$(pdfinfo "$pdf" | awk '/^Page size:/ { print $3 "x" $5 }')
if [[ "$pages" == "$sheets" && "$cards" == $(((top + 5) / 6)) && "$size" == "594.96x841.92" ]]; then
  ok "report.pdf: $pages A4 pages = the HTML's sheets, $cards pages of cards for $top gaps"
else
  bad "report.pdf: $pages pages of $size, the HTML has $sheets sheets and $cards pages of cards (want $(((top + 5) / 6)) for $top gaps)"
fi
text=$(pdftotext "$pdf" - | sed 's/\xe2\x80\xaf/ /g; s/\xc2\xa0/ /g')
read -r street residents < <(python3 -c '
import json, sys
p = next(f["properties"] for f in json.load(open(sys.argv[1]))["features"] if f["properties"]["rank"] == 1)
print(p["street_names"][0].split()[-1], "{:,}".format(int(p["qpv_pop"])).replace(",", " "))' "$an/gaps.geojson")
for want in "$street" "$residents hab" "© OpenStreetMap contributors" "ANCT" "Insee, Filosofi" "Méthode"; do
  if grep -qF -- "$want" <<<"$text"; then ok "report.pdf text has '$want'"; else bad "report.pdf text lacks '$want'"; fi
done

# ---- the HTML in Chromium
ogr2ogr -f GeoJSON "$work/network.geojson" "$an/results.gpkg" network
render=$(node "$here/render-check.mjs" "$an/report/report.html" "$an" "$work/network.geojson" 50 2>&1); rc=$?
echo "$render"
if [[ $rc -eq 0 ]] && grep -qx "pages=$pages" <<<"$render"; then ok "render-check, $pages sheets as in the PDF"; else bad "render-check (exit $rc)"; fi

# ---- the GeoPackage and the CSV
if python3 "$here/check_gpkg.py" "$an"; then ok "results.gpkg"; else bad "results.gpkg"; fi
for f in gaps indicators; do
  if python3 "$here/check_csv.py" "$an/$f.csv" "$work/std/$f.csv"; then ok "$f.csv excel-fr"; else bad "$f.csv excel-fr"; fi
done
if head -c 3 "$work/std/gaps.csv" | grep -q $'\xef\xbb\xbf'; then bad "standard gaps.csv has a BOM"; else ok "standard gaps.csv: no BOM"; fi

# ---- maillon report on an analyze directory, and what goes wrong
expect 0 "wrote $work/rep/report.html \([0-9]+ A4 pages" -- "$maillon" report "$work/std" -o "$work/rep" --top 5 --title "Plan vélo" --territory "République"
[[ -s "$work/rep/report.pdf" ]] && grep -q "Plan vélo" "$work/rep/report.html" && ok "report --top/--title" || bad "report --top/--title"
expect 2 "exists: use --overwrite" -- "$maillon" report "$work/std" -o "$work/rep"
expect 2 "missing -o DIR" -- "$maillon" report "$work/std"
expect 2 "--top must be from 1 to 500" -- "$maillon" report "$work/std" -o "$work/x" --top 0
expect 1 "'$data' is not a 'maillon analyze' output directory \(no run.json\)" -- "$maillon" report "$data" -o "$work/x"
no_leftovers "$work/x"
expect 1 "is not a directory" -- "$maillon" report "$data/paris-republique.osm.pbf" -o "$work/x"
cp -r "$work/std" "$work/old"
sed -i 's/"version": "[^"]*"/"version": "0.0.0"/' "$work/old/run.json"
expect 1 "run.json' was written by maillon 0.0.0, this is maillon .*re-run 'maillon analyze'" -- "$maillon" report "$work/old" -o "$work/x"
no_leftovers "$work/x"
cp -r "$work/std" "$work/moved"
# The extract gone: its path relative to run.json and its absolute path both lead nowhere.
python3 - "$work/moved/run.json" "$work/gone.osm.pbf" <<'PY'
import json, sys
run = json.load(open(sys.argv[1], encoding="utf-8"))
for i in run["inputs"]:
    if i["role"] == "graph_or_extract":
        i["path"] = i["absolute_path"] = sys.argv[2]
json.dump(run, open(sys.argv[1], "w", encoding="utf-8"))
PY
expect 1 "input '$work/gone.osm.pbf' of .* is not found .*--graph" -- "$maillon" report "$work/moved" -o "$work/x"
expect 0 "wrote" -- "$maillon" report "$work/moved" -o "$work/x" --graph "$data/paris-republique.osm.pbf" --no-pdf
[[ -f "$work/x/report.html" && ! -e "$work/x/report.pdf" ]] && ok "--no-pdf: HTML only" || bad "--no-pdf"
rm -rf "$work/x"
: > "$work/file"
expect 1 "cannot create output directory '$work/file/rep'" -- "$maillon" report "$work/std" -o "$work/file/rep"
expect 1 "cannot create output directory '/proc/maillon-report'" -- "$maillon" report "$work/std" -o /proc/maillon-report
MAILLON_CHROMIUM=/nonexistent expect 3 "report.pdf not written: the PDF needs Chromium" -- "$maillon" report "$work/std" -o "$work/nochrome"
[[ -f "$work/nochrome/report.html" && ! -e "$work/nochrome/report.pdf" ]] && ok "no Chromium: the HTML is written, no PDF" || bad "no Chromium: files"
MAILLON_CHROMIUM=/nonexistent expect 3 "report.pdf not written" -- "$maillon" analyze "${inputs[@]}" -o "$work/an2" --report -q
[[ -f "$work/an2/gaps.geojson" && -f "$work/an2/report/report.html" ]] && ok "analyze --report without Chromium keeps its outputs" || bad "analyze --report without Chromium"
expect 2 "--csv-style must be 'standard' or 'excel-fr', not 'excel'" -- "$maillon" analyze "${inputs[@]}" -o "$work/x" --csv-style excel
no_leftovers "$work/x"

finish report
