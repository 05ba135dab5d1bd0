#!/usr/bin/env bash
# Population benchmark: the population step of `maillon analyze` (points placed, snapped to the walking network)
# on an Île-de-France-sized graph, without a population source (the area model) and with an INSEE-style 200 m grid
# of Île-de-France's density (about 12 M residents in 60,000 cells, made by bench/tile_population.py from the real
# Filosofi 2021 cells of tests/data). Prints a Markdown table for docs/performance.md: points, residents placed,
# the population step's seconds (run.json), analyze wall and CPU seconds and peak RSS (GNU time), and the ratios.
#
#   bench/population-bench.sh [BUILD_DIR]        (default: build)
#
# Environment: MAILLON_BENCH_DIR (default /tmp/maillon-bench; the tiled extract idf-tiled.osm.pbf is shared with
# bench/analyze-bench.sh and made if missing), MAILLON_BENCH_RUNS (default 3, the median is kept),
# MAILLON_BENCH_QUICK=1 (Liechtenstein and 3,000 cells: a run of seconds, to check the script works).
# Progress goes to stderr, the table to stdout.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${1:-build}"
BENCH_DIR="${MAILLON_BENCH_DIR:-/tmp/maillon-bench}"
RUNS="${MAILLON_BENCH_RUNS:-3}"
QUICK="${MAILLON_BENCH_QUICK:-0}"
WORK="$BENCH_DIR/population"
TIME=/usr/bin/time
REAL_GRID="$ROOT/tests/data/filosofi2021-paris-centre-200m.csv"
QPV_IDF="$ROOT/tests/data/qpv2024-idf-simplified.geojson"
# Target (issue 9): the population step stays within what the area model costs today, ~6-7 s.
TARGET_S=7

PROG=population-bench
# shellcheck source=bench/bench-lib.sh
source "$ROOT/bench/bench-lib.sh"

[[ $# -le 1 && "${1:-}" != -* && "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [BUILD_DIR]   (MAILLON_BENCH_RUNS: a positive integer)" >&2; exit 2; }
BUILD_DIR="$(resolve_build_dir "$BUILD_DIR")"
MAILLON="$BUILD_DIR/cli/maillon"
TILER="$BUILD_DIR/bench/maillon-tile-extract"
[[ -x "$TIME" ]] || die "$TIME not found (GNU time; on Debian: apt-get install time)"
[[ -x "$MAILLON" ]] || die "maillon binary not found at $MAILLON: build it first or pass the right BUILD_DIR"
command -v cs2cs >/dev/null || die "cs2cs not found (apt-get install proj-bin)"
mkdir -p "$WORK" || die "cannot create $WORK"

if [[ "$QUICK" == 1 ]]; then
    extract="$ROOT/tests/data/liechtenstein-2015.osm.pbf"
    name=liechtenstein-2015
    cells=3000
    residents=600000
else
    extract="$BENCH_DIR/idf-tiled.osm.pbf"
    name=idf-tiled
    cells=60000
    residents=12000000
    if [[ ! -f "$extract" ]]; then
        [[ -x "$TILER" ]] || die "$extract is missing and $TILER is not built (cmake --build $BUILD_DIR --target maillon-tile-extract)"
        log "creating $extract (about 280 MB)"
        "$TILER" "$ROOT/tests/data/liechtenstein-2015.osm.pbf" "$extract" --target-mb 280 >&2 || die "maillon-tile-extract failed"
    fi
fi
graph="$WORK/$name.maillon"
if [[ ! -f "$graph" || "$graph" -ot "$extract" || "$graph" -ot "$MAILLON" ]]; then
    log "$name: maillon import"
    "$MAILLON" import "$extract" -o "$graph" -q --overwrite || die "maillon import failed"
fi
"$MAILLON" info "$graph" --json >"$WORK/$name-info.json" || die "maillon info failed"
bbox="$(python3 -c 'import json,sys; print(",".join(map(str, json.load(open(sys.argv[1]))["bbox"])))' "$WORK/$name-info.json")"

# The real QPV layer (298 QPV) laid once over the region, as in analyze-bench.sh with MAILLON_BENCH_QPV_COPIES=1.
qpv="$WORK/$name-qpv.geojson"
python3 "$ROOT/bench/shift_geojson.py" "$QPV_IDF" "$qpv" --to-bbox "$bbox" --copies 1 >/dev/null 2>"$WORK/shift.log" \
    || { cat "$WORK/shift.log" >&2; die "shift_geojson.py failed"; }
grid="$WORK/$name-grid-$cells.csv"
if [[ ! -f "$grid" || "$grid" -ot "$graph" ]]; then
    log "$name: tiling the real cells into $cells cells of $residents residents"
    python3 "$ROOT/bench/tile_population.py" "$graph" "$REAL_GRID" "$grid" --cells "$cells" --residents "$residents" \
        >"$WORK/tile.json" || die "tile_population.py failed"
fi

# measure OUT CMD...: runs CMD $RUNS times; prints "population_s wall_s cpu_s peak_kb" (medians per column).
# Replaces bench-lib.sh's measure: it also reads the population step's seconds from run.json.
measure() {
    local out=$1 samples i t0 t1
    shift
    samples="$(mktemp)"
    for ((i = 0; i < RUNS; i++)); do
        t0=$(date +%s%N)
        "$TIME" -f '%M %U %S' -o "$WORK/time.txt" "$@" -o "$out" --overwrite -q >/dev/null 2>"$WORK/err.txt" \
            || { cat "$WORK/err.txt" >&2; rm -f "$samples"; die "command failed: $*"; }
        t1=$(date +%s%N)
        echo "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["seconds"]["population"])' "$out/run.json")" \
             "$(((t1 - t0) / 1000000))" "$(tail -n1 "$WORK/time.txt" | awk '{ printf "%.2f %d", $2 + $3, $1 }')" >>"$samples"
    done
    local mid=$(((RUNS + 1) / 2))
    for col in 1 2 3 4; do cut -d' ' -f$col "$samples" | sort -g | sed -n "${mid}p"; done | paste -sd' '
    rm -f "$samples"
}

if awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
    log "warning: the machine is busy (load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores): wall times will be inflated"
fi
echo "Population benchmark, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)," \
     "$(nproc) cores, median of $RUNS runs, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo

log "$name: analyze, area model"
read -r area_pop area_wall area_cpu area_kb <<<"$(measure "$WORK/out-area" "$MAILLON" analyze "$graph" --qpv "$qpv")"
log "$name: analyze with the grid"
read -r grid_pop grid_wall grid_cpu grid_kb <<<"$(measure "$WORK/out-grid" "$MAILLON" analyze "$graph" --qpv "$qpv" --population "$grid")"

row() { # MODEL OUT POP_S WALL_MS CPU_S KB
    python3 - "$@" <<'EOF'
import json, sys
model, out, pop_s, wall_ms, cpu_s, kb = sys.argv[1:7]
p = json.load(open(f"{out}/run.json"))["population"]
placed = "—" if p["residents_in_extract"] is None else f"{p['residents_in_extract']:,.0f}"
print(f"| {model} | {p['points']:,} | {p['points_beyond_reach']:,} | {placed} | {float(pop_s):.2f} | "
      f"{int(wall_ms) / 1000:.2f} | {float(cpu_s):.2f} | {int(kb) / 1024:.0f} |")
EOF
}
echo "| $name | points | beyond reach | residents placed | population step s | analyze wall s | analyze CPU s | peak MB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
row "area model (no source)" "$WORK/out-area" "$area_pop" "$area_wall" "$area_cpu" "$area_kb"
row "INSEE grid, $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("{:,} cells, {:,} residents".format(d["cells"], d["residents"]))' "$WORK/tile.json")" \
    "$WORK/out-grid" "$grid_pop" "$grid_wall" "$grid_cpu" "$grid_kb"
echo
awk -v a="$area_pop" -v g="$grid_pop" -v ka="$area_kb" -v kg="$grid_kb" -v t="$TARGET_S" -v quick="$QUICK" 'BEGIN {
    printf "- population step with the grid / without: %.2f; peak RSS with / without: %.2f (%+.0f MB)\n", g / a, kg / ka, (kg - ka) / 1024
    if (quick != 1) printf "- target: the population step with the grid within %d s (the area model today): %.2f s, %s\n", t, g, (g <= t ? "OK" : "over (see the load average above)")
}'
