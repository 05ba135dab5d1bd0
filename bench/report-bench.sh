#!/usr/bin/env bash
# Report benchmark: times `maillon report` (the plan-vélo HTML and its PDF by
# headless Chromium, top 50 links each with its map) on the analysis of the
# Île-de-France-sized tiled region, and prints its time, peak RSS, the HTML
# and PDF sizes and the page count, against the targets of issue 10 (a few
# seconds, a PDF under 10 MB). Also times the `maillon analyze` that writes
# the analysis files and results.gpkg, and prints the GeoPackage's size.
#
#   bench/report-bench.sh [BUILD_DIR]        (default: build)
#
# Inputs: $MAILLON_BENCH_DIR/idf-tiled.osm.pbf (bench/import-bench.sh makes
# it; made here too if missing) and the real QPV layer (298 QPV) laid over it
# by bench/shift_geojson.py.
# Environment: MAILLON_BENCH_DIR (default /tmp/maillon-bench), MAILLON_BENCH_RUNS
# (default 3, median kept), MAILLON_BENCH_QUICK=1 (ctest: the demo extract, one
# run, no PDF target checked). Progress on stderr, the table on stdout.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${1:-build}"
BENCH_DIR="${MAILLON_BENCH_DIR:-/tmp/maillon-bench}"
RUNS="${MAILLON_BENCH_RUNS:-3}"
QUICK="${MAILLON_BENCH_QUICK:-0}"
WORK="$BENCH_DIR/report"
INPUT="$BENCH_DIR/idf-tiled.osm.pbf"
QPV_IDF="$ROOT/tests/data/qpv2024-idf-simplified.geojson"
TIME=/usr/bin/time
TOP=50
TARGET_S=10
TARGET_PDF_MB=10
if [[ "$QUICK" == 1 ]]; then
    RUNS=1
    WORK="$BENCH_DIR/quick/report"
    INPUT="$ROOT/tests/data/paris-republique.osm.pbf"
fi

PROG=report-bench
# shellcheck source=bench/bench-lib.sh
source "$ROOT/bench/bench-lib.sh"

if [[ $# -gt 1 || "${1:-}" == -* || ! "$RUNS" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: $0 [BUILD_DIR]   (default: build; MAILLON_BENCH_RUNS must be a positive integer)" >&2
    exit 2
fi
BUILD_DIR="$(resolve_build_dir "$BUILD_DIR")"
MAILLON="$BUILD_DIR/cli/maillon"
TILER="$BUILD_DIR/bench/maillon-tile-extract"
[[ -x "$TIME" ]] || die "$TIME not found (GNU time; on Debian: apt-get install time)"
[[ -x "$MAILLON" ]] || die "maillon binary not found at $MAILLON: build it first or pass the right BUILD_DIR"
command -v pdfinfo >/dev/null || die "pdfinfo not found (apt-get install poppler-utils)"
mkdir -p "$WORK" || die "cannot create $WORK"

if [[ ! -f "$INPUT" ]]; then
    [[ -x "$TILER" ]] || die "$INPUT is missing and $TILER is not built (cmake --build $BUILD_DIR --target maillon-tile-extract)"
    log "creating $INPUT (about 280 MB, takes a while)"
    "$TILER" "$ROOT/tests/data/liechtenstein-2015.osm.pbf" "$INPUT" --target-mb 280 >&2 || die "maillon-tile-extract failed"
fi

graph="$WORK/region.maillon"
qpv="$WORK/qpv.geojson"
out="$WORK/out"
log "importing $(basename "$INPUT")"
"$MAILLON" import "$INPUT" -o "$graph" -q --overwrite || die "maillon import failed"
"$MAILLON" info "$graph" --json >"$WORK/info.json" || die "maillon info failed"
bbox="$(python3 -c 'import json,sys; print(",".join(map(str, json.load(open(sys.argv[1]))["bbox"])))' "$WORK/info.json")"
if [[ "$QUICK" == 1 ]]; then
    cp "$QPV_IDF" "$qpv"
else
    # One copy of the real layer: the 298 QPV of Île-de-France, so that the report's QPV tables have the
    # length they have for the region (analyze-bench's 30 copies, for the area share, would make 30x the rows).
    python3 "$ROOT/bench/shift_geojson.py" "$QPV_IDF" "$qpv" --to-bbox "$bbox" --copies "${MAILLON_BENCH_QPV_COPIES:-1}" \
        || die "shift_geojson.py failed"
fi

log "maillon analyze (writes results.gpkg too)"
read -r ana_s ana_kb _ <<<"$(measure "$MAILLON" analyze "$graph" --qpv "$qpv" -o "$out" --overwrite -q)"
gaps="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["counts"]["gaps"])' "$out/run.json")"

log "maillon report --top $TOP"
read -r rep_s rep_kb _ <<<"$(measure "$MAILLON" report "$out" -o "$WORK/report" --top "$TOP" --overwrite -q)"
html_b="$(stat -c %s "$WORK/report/report.html")"
pdf_b="$(stat -c %s "$WORK/report/report.pdf")"
pages="$(pdfinfo "$WORK/report/report.pdf" | awk '/^Pages:/ { print $2 }')"
gpkg_b="$(stat -c %s "$out/results.gpkg")"

echo "Report benchmark, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)," \
     "$(nproc) cores, median of $RUNS runs, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo
echo "| input | gaps | analyze s (with results.gpkg) | analyze peak MB | results.gpkg MB | report s | report peak MB | HTML MB | PDF MB | pages | target |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
awk -v n="$(basename "$INPUT" .osm.pbf)" -v g="$gaps" -v a="$ana_s" -v w="$ana_kb" -v gp="$gpkg_b" -v r="$rep_s" -v k="$rep_kb" \
    -v h="$html_b" -v p="$pdf_b" -v pg="$pages" -v ts="$TARGET_S" -v tp="$TARGET_PDF_MB" -v q="$QUICK" 'BEGIN {
    mb = 1024 * 1024
    verdict = (q == 1) ? "quick mode: not checked" : \
              sprintf("report < %d s: %s; PDF < %d MB: %s", ts, (r < ts ? "OK" : "FAIL"), tp, (p / mb < tp ? "OK" : "FAIL"))
    printf "| %s | %d | %.2f | %.0f | %.1f | %.2f | %.0f | %.2f | %.2f | %d | %s |\n", n, g, a, w / 1024, gp / mb, r, k / 1024, h / mb, p / mb, pg, verdict }'
echo
echo "- the report's time includes reading the graph and the QPV layer again, and Chromium printing the PDF."
echo "- $(awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v n="$(nproc)" 'BEGIN { print (l > n / 2 ? "the machine was busy: wall times are inflated" : "the machine was quiet") }')."
