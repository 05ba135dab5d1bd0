#!/usr/bin/env bash
# Import benchmark: compares `maillon import` with `osmium fileinfo -e` (a plain full decode of the PBF, i.e. the
# floor for any importer) on the two small test extracts and on two Île-de-France-scale tilings, and prints a
# Markdown table for docs/performance.md:
#   sparse  222 copies of tests/data/liechtenstein-2015.osm.pbf (rural: 280 MB, 31.7 M nodes, 1.4 M graph nodes)
#   dense   896 copies of tests/data/paris-republique.osm.pbf (city: 56 MB, 4.1 M nodes, 1.3 M graph nodes)
#
#   bench/import-bench.sh [BUILD_DIR]        (default: build)
#
# Environment: MAILLON_BENCH_DIR (default /tmp/maillon-bench) holds the tilings and the written graphs;
# MAILLON_BENCH_RUNS (default 3) is the number of runs per measurement (the median is kept);
# MAILLON_BENCH_QUICK=1 tiles only 2x2 copies of each source and runs once: a check that the script and the tools
# work (CI), whose figures mean nothing. Progress goes to stderr, the table to stdout.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${1:-build}"
BENCH_DIR="${MAILLON_BENCH_DIR:-/tmp/maillon-bench}"
QUICK="${MAILLON_BENCH_QUICK:-0}"
RUNS="${MAILLON_BENCH_RUNS:-3}"
TIME=/usr/bin/time

PROG=import-bench
# shellcheck source=bench/bench-lib.sh
source "$ROOT/bench/bench-lib.sh"

if [[ $# -gt 1 || "${1:-}" == -* || ! "$RUNS" =~ ^[1-9][0-9]*$ || ! "$QUICK" =~ ^[01]$ ]]; then
    echo "usage: $0 [BUILD_DIR]   (default: build; MAILLON_BENCH_RUNS must be a positive integer, MAILLON_BENCH_QUICK 0 or 1)" >&2
    exit 2
fi
BUILD_DIR="$(resolve_build_dir "$BUILD_DIR")"
MAILLON="$BUILD_DIR/cli/maillon"
TILER="$BUILD_DIR/bench/maillon-tile-extract"

# How the tilings are made (maillon-tile-extract options). The dense one's grid is given: the tiler's --target-mb
# estimate is off for an input as small as the République extract.
if [[ "$QUICK" == 1 ]]; then
    RUNS=1
    SPARSE_TILES="--tiles 2x2"
    DENSE_TILES="--tiles 2x2"
    BENCH_DIR="$BENCH_DIR/quick"
else
    SPARSE_TILES="--target-mb 280"
    DENSE_TILES="--tiles 23x39"
fi
SPARSE="$BENCH_DIR/idf-tiled.osm.pbf"
DENSE="$BENCH_DIR/paris-dense-tiled.osm.pbf"

# Check every tool up front: better to fail now than after minutes of tiling.
[[ -x "$TIME" ]] || die "$TIME not found (GNU time; on Debian: apt-get install time)"
command -v osmium >/dev/null || die "osmium not found (on Debian: apt-get install osmium-tool)"
[[ -x "$MAILLON" ]] || die "maillon binary not found at $MAILLON: build it first (cmake --build $BUILD_DIR --target maillon) or pass the right BUILD_DIR"
mkdir -p "$BENCH_DIR"

# tile OUTPUT SOURCE OPTION VALUE: makes OUTPUT once with maillon-tile-extract (again when made with other options:
# OUTPUT.tiling records them).
tile() {
    local out="$1" source="$2"
    shift 2
    if [[ -f "$out" && "$(cat "$out.tiling" 2>/dev/null)" == "$*" ]]; then
        return
    fi
    [[ -x "$TILER" ]] || die "$out is missing and $TILER is not built (cmake --build $BUILD_DIR --target maillon-tile-extract)"
    log "creating $out from $(basename "$source") ($*)"
    "$TILER" "$source" "$out" "$@" >&2
    echo "$*" >"$out.tiling"
}
# shellcheck disable=SC2086  # the options are two words on purpose
tile "$SPARSE" "$ROOT/tests/data/liechtenstein-2015.osm.pbf" $SPARSE_TILES
# shellcheck disable=SC2086
tile "$DENSE" "$ROOT/tests/data/paris-republique.osm.pbf" $DENSE_TILES

# measure CMD... : runs CMD $RUNS times, stdout discarded, stderr of the last run kept in $LAST_STDERR, and prints
# "median_wall_s median_cpu_s median_peak_rss_kb" (medians taken per column). Wall time is taken with date (ms
# resolution) since GNU time's %e only has 10 ms, too coarse for the small files; GNU time gives the CPU time
# (%U + %S: on a machine shared with other work, wall times vary with its load, CPU times much less) and the peak
# RSS (%M, in KB).
LAST_STDERR="$(mktemp)"
trap 'rm -f "$LAST_STDERR"' EXIT
# Replaces bench-lib.sh's measure: wall and CPU in ms (small files) and the last run's stderr kept.
measure() {
    local out err i t0 t1
    out="$(mktemp)"
    err="$(mktemp)"
    for ((i = 0; i < RUNS; i++)); do
        t0=$(date +%s%N)
        if ! "$TIME" -f '%U %S %M' -o "$err.time" "$@" >/dev/null 2>"$err"; then
            cat "$err" >&2
            rm -f "$out" "$err" "$err.time"
            die "command failed: $*"
        fi
        t1=$(date +%s%N)
        read -r user sys rss <"$err.time"
        echo "$(((t1 - t0) / 1000000)) $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }') $rss" >>"$out"
        cp "$err" "$LAST_STDERR"
    done
    # Plain sort instead of gawk's asort: Debian's default awk is mawk.
    local mid=$(((RUNS + 1) / 2)) col
    for col in 1 2 3; do
        cut -d' ' -f"$col" "$out" | sort -n | sed -n "${mid}p"
    done | tr '\n' ' ' | awk '{ printf "%.3f %.3f %d\n", $1 / 1000, $2 / 1000, $3 }'
    rm -f "$out" "$err" "$err.time"
}

echo "Import benchmark, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)," \
     "$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), load average $(cut -d' ' -f1-3 /proc/loadavg)," \
     "$(osmium --version | head -n1), median of $RUNS runs$([[ "$QUICK" == 1 ]] && echo ", QUICK MODE: the figures mean nothing")"
echo
echo "| file | size MB | osmium s | osmium CPU s | maillon s | maillon CPU s | of which read s | build s | maillon MB | time maillon/osmium | CPU maillon/osmium | graph load s | target |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"

for file in "$ROOT/tests/data/monaco-2016.osm.pbf" "$ROOT/tests/data/liechtenstein-2015.osm.pbf" "$SPARSE" "$DENSE"; do
    [[ -f "$file" ]] || die "input $file not found"
    name="$(basename "$file" .osm.pbf)"
    graph="$BENCH_DIR/$name.maillon"
    # Warm the page cache so that neither tool pays for the first disk read.
    cat "$file" >/dev/null

    log "$name: osmium fileinfo -e"
    # measure runs in a subshell: assign first so that its failure stops the script.
    res="$(measure osmium fileinfo -e "$file")"
    read -r osm_s osm_cpu _ <<<"$res"
    log "$name: maillon import"
    res="$(measure "$MAILLON" import "$file" -o "$graph" --overwrite)"
    read -r imp_s imp_cpu imp_kb <<<"$res"
    # The import's own account of its two phases (last run): "read … in R s", "built in B s".
    read_s="$(sed -n 's/.* ways in \([0-9.]*\) s;.*/\1/p' "$LAST_STDERR" | tail -n1)"
    build_s="$(sed -n 's/.*built in \([0-9.]*\) s.*/\1/p' "$LAST_STDERR" | tail -n1)"
    log "$name: maillon info (load)"
    res="$(measure "$MAILLON" info "$graph" --json)"
    read -r load_s _ _ <<<"$res"

    # The targets apply to the two Île-de-France-scale tilings.
    is_tiling=0
    [[ "$file" == "$SPARSE" || "$file" == "$DENSE" ]] && is_tiling=1
    awk -v name="$name" -v bytes="$(stat -c %s "$file")" -v tiling="$is_tiling" -v quick="$QUICK" \
        -v os="$osm_s" -v oc="$osm_cpu" -v is="$imp_s" -v ic="$imp_cpu" -v ik="$imp_kb" -v rs="${read_s:-0}" \
        -v bs="${build_s:-0}" -v ls="$load_s" '
        function ratio(a, b) { return b > 0 ? sprintf("%.2f", a / b) : "n/a" }
        BEGIN {
            target = ""
            if (tiling && !quick) {
                target = sprintf("time <= 1.3x osmium: %s; RSS <= 4 GB: %s",
                                 (os > 0 && is / os <= 1.3) ? "OK" : "FAIL",
                                 (ik <= 4 * 1024 * 1024) ? "OK" : "FAIL")
            }
            printf "| %s | %.1f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.0f | %s | %s | %.3f | %s |\n",
                   name, bytes / 1048576, os, oc, is, ic, rs, bs, ik / 1024, ratio(is, os), ratio(ic, oc), ls, target
        }'
done
echo
echo "maillon s: the whole \`maillon import FILE -o GRAPH\` (reading, building, writing the graph file); read s and build s:"
echo "the import's own timings of its two phases (the rest is writing the file); graph load s: \`maillon info GRAPH --json\`."
