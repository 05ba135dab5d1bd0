#!/usr/bin/env bash
# Import benchmark: compares `maillon import` with `osmium fileinfo -e` (a
# plain full decode of the PBF, i.e. the floor for any importer) on three
# inputs of growing size, and prints a Markdown table for docs/performance.md.
#
#   bench/import-bench.sh [BUILD_DIR]        (default: build)
#
# Environment: MAILLON_BENCH_DIR (default /tmp/maillon-bench) holds the tiled
# Île-de-France-sized file and the written graphs; MAILLON_BENCH_RUNS
# (default 3) is the number of runs per measurement (the median is kept).
# Progress goes to stderr, the table to stdout.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${1:-build}"
BENCH_DIR="${MAILLON_BENCH_DIR:-/tmp/maillon-bench}"
RUNS="${MAILLON_BENCH_RUNS:-3}"
TILED="$BENCH_DIR/idf-tiled.osm.pbf"
TILE_SOURCE="$ROOT/tests/data/liechtenstein-2015.osm.pbf"
TIME=/usr/bin/time

die() { echo "import-bench: $*" >&2; exit 1; }
log() { echo "import-bench: $*" >&2; }

if [[ $# -gt 1 || "${1:-}" == -* || ! "$RUNS" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: $0 [BUILD_DIR]   (default: build; MAILLON_BENCH_RUNS must be a positive integer)" >&2
    exit 2
fi
# A relative BUILD_DIR is taken from the current directory, or else from the
# repository root, so the script works from both places.
if [[ "$BUILD_DIR" != /* && ! -d "$BUILD_DIR" && -d "$ROOT/$BUILD_DIR" ]]; then
    BUILD_DIR="$ROOT/$BUILD_DIR"
fi
MAILLON="$BUILD_DIR/cli/maillon"
TILER="$BUILD_DIR/bench/maillon-tile-extract"

# Check every tool up front: better to fail now than after minutes of tiling.
[[ -x "$TIME" ]] || die "$TIME not found (GNU time; on Debian: apt-get install time)"
command -v osmium >/dev/null || die "osmium not found (on Debian: apt-get install osmium-tool)"
[[ -x "$MAILLON" ]] || die "maillon binary not found at $MAILLON: build it first (cmake --build $BUILD_DIR --target maillon) or pass the right BUILD_DIR"
mkdir -p "$BENCH_DIR"

if [[ ! -f "$TILED" ]]; then
    [[ -x "$TILER" ]] || die "$TILED is missing and $TILER is not built (cmake --build $BUILD_DIR --target maillon-tile-extract)"
    log "creating $TILED (about 280 MB, takes a while)"
    "$TILER" "$TILE_SOURCE" "$TILED" --target-mb 280 >&2
fi

# measure CMD... : runs CMD $RUNS times, stdout discarded, and prints
# "median_seconds median_peak_rss_kb" (medians taken per column). Wall time is
# taken with date (ms resolution) since GNU time's %e only has 10 ms, too
# coarse for the small files; GNU time gives the peak RSS (%M, in KB).
measure() {
    local out err i t0 t1
    out="$(mktemp)"
    err="$(mktemp)"
    for ((i = 0; i < RUNS; i++)); do
        t0=$(date +%s%N)
        if ! "$TIME" -f '%M' -o "$err.rss" "$@" >/dev/null 2>"$err"; then
            cat "$err" >&2
            rm -f "$out" "$err" "$err.rss"
            die "command failed: $*"
        fi
        t1=$(date +%s%N)
        echo "$(((t1 - t0) / 1000000)) $(cat "$err.rss")" >>"$out"
    done
    # Plain sort instead of gawk's asort: Debian's default awk is mawk.
    local mid=$(((RUNS + 1) / 2))
    echo "$(cut -d' ' -f1 "$out" | sort -n | sed -n "${mid}p" | awk '{ printf "%.3f", $1 / 1000 }')" \
         "$(cut -d' ' -f2 "$out" | sort -n | sed -n "${mid}p")"
    rm -f "$out" "$err" "$err.rss"
}

echo "Import benchmark, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)," \
     "$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo))," \
     "$(osmium --version | head -n1), median of $RUNS runs"
echo
echo "| file | size MB | osmium s | osmium MB | maillon s | maillon MB | time maillon/osmium | RSS maillon/osmium | load s | import/load | target |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"

for file in "$ROOT/tests/data/monaco-2016.osm.pbf" "$ROOT/tests/data/liechtenstein-2015.osm.pbf" "$TILED"; do
    [[ -f "$file" ]] || die "input $file not found"
    name="$(basename "$file" .osm.pbf)"
    graph="$BENCH_DIR/$name.maillon"
    # Warm the page cache so that neither tool pays for the first disk read.
    cat "$file" >/dev/null

    log "$name: osmium fileinfo -e"
    # measure runs in a subshell: assign first so that its failure stops the script.
    res="$(measure osmium fileinfo -e "$file")"
    read -r osm_s osm_kb <<<"$res"
    log "$name: maillon import"
    res="$(measure "$MAILLON" import "$file" -o "$graph" --quiet --overwrite)"
    read -r imp_s imp_kb <<<"$res"
    log "$name: maillon info (load)"
    res="$(measure "$MAILLON" info "$graph" --json)"
    read -r load_s _ <<<"$res"

    # The targets only apply to the Île-de-France-sized file.
    is_idf=0
    [[ "$file" == "$TILED" ]] && is_idf=1
    awk -v name="$name" -v bytes="$(stat -c %s "$file")" -v idf="$is_idf" \
        -v os="$osm_s" -v ok="$osm_kb" -v is="$imp_s" -v ik="$imp_kb" -v ls="$load_s" '
        function ratio(a, b) { return b > 0 ? sprintf("%.2f", a / b) : "n/a" }
        BEGIN {
            target = ""
            if (idf) {
                target = sprintf("time <= 2x osmium: %s; RSS <= 4 GB: %s",
                                 (os > 0 && is / os <= 2) ? "OK" : "FAIL",
                                 (ik <= 4 * 1024 * 1024) ? "OK" : "FAIL")
            }
            printf "| %s | %.1f | %.3f | %.0f | %.3f | %.0f | %s | %s | %.3f | %s | %s |\n",
                   name, bytes / 1048576, os, ok / 1024, is, ik / 1024,
                   ratio(is, os), ratio(ik, ok), ls, ratio(is, ls), target
        }'
done
