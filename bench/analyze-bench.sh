#!/usr/bin/env bash
# Analysis benchmark: times `maillon analyze` (wall time and peak RSS, median
# of several runs) on three graphs of growing size, with a QPV layer laid over
# each region by bench/shift_geojson.py, and prints a Markdown table for
# docs/performance.md.
#
#   bench/analyze-bench.sh [BUILD_DIR]        (default: build)
#
# Inputs: tests/data/monaco-2016.osm.pbf, tests/data/liechtenstein-2015.osm.pbf
# and the Île-de-France-sized $MAILLON_BENCH_DIR/idf-tiled.osm.pbf (made by
# bench/import-bench.sh / maillon-tile-extract; made here too if missing).
# QPV: the real Île-de-France layer (tests/data/qpv2024-idf-simplified.geojson)
# translated over the central third of the small regions (a handful of QPV),
# and replicated over the tiled region's bbox so that the QPV cover the same
# share of its area as the real QPV cover of Île-de-France (computed, printed).
#
# Environment: MAILLON_BENCH_DIR (default /tmp/maillon-bench): graphs, QPV
# layers and outputs go to its analyze/ subdirectory; MAILLON_BENCH_RUNS
# (default 3): runs per measurement, the median is kept;
# MAILLON_BENCH_QPV_COPIES: number of copies of the QPV layer over the tiled
# region instead of the computed one (1 = the real count of 298 QPV).
# Progress goes to stderr, the table to stdout.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${1:-build}"
BENCH_DIR="${MAILLON_BENCH_DIR:-/tmp/maillon-bench}"
RUNS="${MAILLON_BENCH_RUNS:-3}"
COPIES="${MAILLON_BENCH_QPV_COPIES:-}"
WORK="$BENCH_DIR/analyze"
TILED="$BENCH_DIR/idf-tiled.osm.pbf"
# The city-dense tiling of bench/import-bench.sh: 897 copies of the République extract, 1.3 M graph nodes.
DENSE="$BENCH_DIR/paris-dense-tiled.osm.pbf"
TILE_SOURCE="$ROOT/tests/data/liechtenstein-2015.osm.pbf"
QPV_IDF="$ROOT/tests/data/qpv2024-idf-simplified.geojson"
SHIFT="$ROOT/bench/shift_geojson.py"
TIME=/usr/bin/time
# Area of the Île-de-France region (INSEE), the denominator of the real QPV share.
IDF_KM2=12012
# Targets for the Île-de-France-sized row.
TARGET_S=20
TARGET_KB=$((2 * 1024 * 1024))
# Quick mode (ctest: analyze_bench_quick): 2x2 tilings, one run; the script and its tools work, no timing checked.
QUICK="${MAILLON_BENCH_QUICK:-0}"
SPARSE_TILES=(--target-mb 280)
DENSE_TILES=(--tiles 23x39)
if [[ "$QUICK" == 1 ]]; then
    RUNS=1
    SPARSE_TILES=(--tiles 2x2)
    DENSE_TILES=(--tiles 2x2)
    WORK="$BENCH_DIR/quick/analyze"
    TILED="$BENCH_DIR/quick/idf-tiled.osm.pbf"
    DENSE="$BENCH_DIR/quick/paris-dense-tiled.osm.pbf"
fi

PROG=analyze-bench
# shellcheck source=bench/bench-lib.sh
source "$ROOT/bench/bench-lib.sh"

if [[ $# -gt 1 || "${1:-}" == -* || ! "$RUNS" =~ ^[1-9][0-9]*$ || ! "$COPIES" =~ ^([1-9][0-9]*)?$ ]]; then
    echo "usage: $0 [BUILD_DIR]   (default: build; MAILLON_BENCH_RUNS and MAILLON_BENCH_QPV_COPIES must be positive integers)" >&2
    exit 2
fi
BUILD_DIR="$(resolve_build_dir "$BUILD_DIR")"
MAILLON="$BUILD_DIR/cli/maillon"
TILER="$BUILD_DIR/bench/maillon-tile-extract"

[[ -x "$TIME" ]] || die "$TIME not found (GNU time; on Debian: apt-get install time)"
command -v python3 >/dev/null || die "python3 not found"
[[ -x "$MAILLON" ]] || die "maillon binary not found at $MAILLON: build it first (cmake --build $BUILD_DIR --target maillon) or pass the right BUILD_DIR"
[[ -f "$QPV_IDF" ]] || die "QPV layer $QPV_IDF not found"
mkdir -p "$WORK" || die "cannot create $WORK"

if [[ ! -f "$TILED" ]]; then
    [[ -x "$TILER" ]] || die "$TILED is missing and $TILER is not built (cmake --build $BUILD_DIR --target maillon-tile-extract)"
    log "creating $TILED (about 280 MB, takes a while)"
    "$TILER" "$TILE_SOURCE" "$TILED" "${SPARSE_TILES[@]}" >&2 || die "maillon-tile-extract failed"
fi
if [[ ! -f "$DENSE" ]]; then
    [[ -x "$TILER" ]] || die "$DENSE is missing and $TILER is not built"
    log "creating $DENSE (about 56 MB)"
    "$TILER" "$ROOT/tests/data/paris-republique.osm.pbf" "$DENSE" "${DENSE_TILES[@]}" >&2 || die "maillon-tile-extract failed"
fi

# json_get FILE PATH... : prints the values at the dotted PATHs of the JSON
# FILE, one per line (numbers as they are, lists joined by commas).
json_get() {
    python3 - "$@" <<'EOF' || die "cannot read ${*:2} from $1"
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    doc = json.load(f)
for path in sys.argv[2:]:
    v = doc
    for key in path.split("."):
        v = v[key]
    print(",".join(repr(x) for x in v) if isinstance(v, list) else v)
EOF
}

# shift_layer OUT BBOX COPIES : lays the real QPV layer over BBOX; prints its
# stats as "qpv area_km2 bbox_km2 share_pct layer_area_km2".
shift_layer() {
    local stats
    stats="$(mktemp)"
    if ! python3 "$SHIFT" "$QPV_IDF" "$1" --to-bbox "$2" --copies "$3" --stats >"$stats" 2>"$stats.err"; then
        cat "$stats.err" >&2
        rm -f "$stats" "$stats.err"
        die "shift_geojson.py failed for bbox $2, $3 copies"
    fi
    python3 - "$stats" <<'EOF' || die "cannot read the stats of shift_geojson.py"
import json, sys
s = json.load(open(sys.argv[1]))
print(s["qpv"], s["area_km2"], s["bbox_km2"], s["share_pct"], s["layer_area_km2"])
EOF
    rm -f "$stats" "$stats.err"
}

if awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
    log "warning: the machine is busy (load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores): wall times will be inflated, the CPU times less so"
fi

echo "Analysis benchmark, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)," \
     "$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), median of $RUNS runs," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo

rows="$(mktemp)"
steps_file="$(mktemp)"
notes="$(mktemp)"
trap 'rm -f "$rows" "$steps_file" "$notes"' EXIT
idf_verdict=""

for file in "$ROOT/tests/data/monaco-2016.osm.pbf" "$ROOT/tests/data/liechtenstein-2015.osm.pbf" "$TILED" "$DENSE"; do
    [[ -f "$file" ]] || die "input $file not found"
    name="$(basename "$file" .osm.pbf)"
    graph="$WORK/$name.maillon"
    qpv="$WORK/$name-qpv.geojson"
    out="$WORK/$name-out"
    cat "$file" >/dev/null

    # The import: timed for the analyze/import ratio; its last run leaves the graph.
    log "$name: maillon import"
    res="$(measure "$MAILLON" import "$file" -o "$graph" -q --overwrite)"
    read -r imp_s _ <<<"$res"
    "$MAILLON" info "$graph" --json >"$WORK/$name-info.json" || die "maillon info $graph failed"
    nodes="$(json_get "$WORK/$name-info.json" nodes)"
    bbox="$(json_get "$WORK/$name-info.json" bbox)"
    read -r minlon minlat maxlon maxlat <<<"${bbox//,/ }"

    if [[ "$file" == "$TILED" || "$file" == "$DENSE" ]]; then
        # As many copies of the layer as needed for the real share of
        # Île-de-France's area, over the whole graph bbox (maillon's "area").
        res="$(shift_layer "$qpv" "$bbox" 1)"
        read -r _ one_km2 bbox_km2 _ layer_km2 <<<"$res"
        share="$(awk -v a="$layer_km2" -v r="$IDF_KM2" 'BEGIN { printf "%.4f", 100 * a / r }')"
        if [[ -n "$COPIES" ]]; then
            copies="$COPIES"
            res="$(shift_layer "$qpv" "$bbox" "$copies")"
            read -r n_qpv area_km2 bbox_km2 got_share _ <<<"$res"
            how="(MAILLON_BENCH_QPV_COPIES)"
        else
            copies="$(awk -v s="$share" -v b="$bbox_km2" -v one="$one_km2" \
                          'BEGIN { n = int(s / 100 * b / one + 0.5); print (n < 1 ? 1 : n) }')"
            res="$(shift_layer "$qpv" "$bbox" "$copies")"
            read -r n_qpv area_km2 bbox_km2 got_share _ <<<"$res"
            # Copies clipped by small cells lose polygons: add copies until the share is reached.
            while awk -v g="$got_share" -v s="$share" 'BEGIN { exit !(g < 0.95 * s) }'; do
                ((copies < 1000)) || die "cannot reach a QPV share of $share % on $name"
                copies=$((copies + 1))
                res="$(shift_layer "$qpv" "$bbox" "$copies")"
                read -r n_qpv area_km2 bbox_km2 got_share _ <<<"$res"
            done
            how="(same share as in Île-de-France)"
        fi
        printf 'QPV share: real Île-de-France %s km² of QPV / %s km² = %s %%; %s: %s cop%s of the layer %s over the graph bbox, %s QPV, %s km² / %s km² = %s %%\n' \
               "$layer_km2" "$IDF_KM2" "$share" "$name" "$copies" "$( ((copies == 1)) && echo y || echo ies)" "$how" "$n_qpv" "$area_km2" "$bbox_km2" "$got_share" >>"$notes"
    else
        # A handful of QPV over the town: the dense core of the layer, translated
        # into the central third of the graph bbox.
        center="$(awk -v a="$minlon" -v b="$minlat" -v c="$maxlon" -v d="$maxlat" 'BEGIN {
            w = (c - a) / 6; h = (d - b) / 6; x = (a + c) / 2; y = (b + d) / 2
            printf "%.7f,%.7f,%.7f,%.7f", x - w, y - h, x + w, y + h }')"
        res="$(shift_layer "$qpv" "$center" 1)"
        read -r n_qpv area_km2 _ _ _ <<<"$res"
        printf 'QPV over %s: %s QPV, %s km² in the central third of the graph bbox (%s)\n' \
               "$name" "$n_qpv" "$area_km2" "$center" >>"$notes"
    fi
    log "$name: $nodes graph nodes, $n_qpv QPV laid over it"

    log "$name: maillon analyze"
    res="$(measure "$MAILLON" analyze "$graph" --qpv "$qpv" -o "$out" --overwrite -q)"
    read -r ana_s ana_kb ana_cpu <<<"$res"
    in_area="$(json_get "$out/run.json" qpv.in_area)"
    gaps="$(json_get "$out/run.json" counts.gaps)"
    # Per-step seconds of the last run, "step=seconds" per line, in run.json's order.
    python3 - "$out/run.json" >"$WORK/$name-steps.txt" <<'EOF' || die "cannot read the step times from $out/run.json"
import json, sys
for step, s in json.load(open(sys.argv[1], encoding="utf-8"))["seconds"].items():
    print("%s=%.3f" % (step, s))
EOF
    cut -d= -f1 "$WORK/$name-steps.txt" >>"$steps_file"

    target="-"  # a placeholder: read would merge the tabs around an empty field
    if [[ "$file" == "$TILED" || "$file" == "$DENSE" ]]; then
        ok_s="$(awk -v s="$ana_s" -v t="$TARGET_S" 'BEGIN { print (s < t ? "OK" : "FAIL") }')"
        ok_m="$(awk -v k="$ana_kb" -v t="$TARGET_KB" 'BEGIN { print (k < t ? "OK" : "FAIL") }')"
        target="< ${TARGET_S} s on 2 cores: $ok_s ($(nproc) cores here); < 2 GB: $ok_m"
        idf_verdict+="$name: target for the Île-de-France-sized row: analyze < ${TARGET_S} s on 2 cores, < 2 GB peak RSS: $ana_s s wall ($ok_s, measured on $(nproc) cores; $ana_cpu s CPU), $(awk -v k="$ana_kb" 'BEGIN { printf "%.0f", k / 1024 }') MB ($ok_m). "
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$nodes" "$in_area" "$gaps" "$ana_s" "$ana_cpu" "$ana_kb" "$imp_s" \
           "$target" "$(paste -sd' ' "$WORK/$name-steps.txt")" >>"$rows"
done

# Step columns: every step seen, in order of first appearance.
mapfile -t steps < <(awk '!seen[$0]++' "$steps_file")
header="| region | graph nodes | QPV in area | gaps found | analyze s | analyze CPU s | peak MB | import s | analyze/import |"
rule="|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for step in "${steps[@]}"; do
    header+=" $step s |"
    rule+="---:|"
done
echo "$header target |"
echo "$rule---|"
while IFS=$'\t' read -r name nodes in_area gaps ana_s ana_cpu ana_kb imp_s target step_times; do
    [[ "$target" == "-" ]] && target=""
    line="$(awk -v n="$name" -v nodes="$nodes" -v q="$in_area" -v g="$gaps" -v a="$ana_s" -v c="$ana_cpu" -v k="$ana_kb" -v i="$imp_s" 'BEGIN {
        printf "| %s | %d | %d | %d | %.3f | %.2f | %.0f | %.3f | %s |", n, nodes, q, g, a, c, k / 1024, i,
               (i > 0 ? sprintf("%.2f", a / i) : "n/a") }')"
    for step in "${steps[@]}"; do
        value="n/a"
        for pair in $step_times; do
            [[ "${pair%%=*}" == "$step" ]] && value="${pair#*=}"
        done
        line+=" $value |"
    done
    echo "$line $target |"
done <"$rows"
echo
sed 's/^/- /' "$notes"
[[ -z "$idf_verdict" ]] || echo "- $idf_verdict"
