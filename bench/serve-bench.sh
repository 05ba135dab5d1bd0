#!/usr/bin/env bash
# HTTP load benchmark of `maillon serve` with wrk on loopback: the static page, the gaps bbox
# query, the network layer and the route query, on the République demo and on an
# Île-de-France-sized graph: the tiled extract of bench/import-bench.sh, and a connected street grid
# of the same size (bench/make_grid_osm.py) for routes across the region. Prints, per endpoint,
# requests/s, p50/p99 latency and errors, and the server's RSS at start and after each of two
# rounds of load (flat memory: the second round does not grow it). Table for docs/performance.md.
#
#   bench/serve-bench.sh [--quick] [BUILD_DIR]        (default: build)
#
# --quick: the demo only, 1 s per endpoint, 8 connections, one round: what CI runs (no timing
# target checked; it fails on a dead server, a non-2xx answer or wrk finding no requests).
# Environment: MAILLON_BENCH_DIR (default /tmp/maillon-bench: the tiled extract, its graph, the
# QPV laid over it), MAILLON_BENCH_SECONDS (per endpoint and round, default 10),
# MAILLON_BENCH_CONNECTIONS (default 32), MAILLON_BENCH_QPV_COPIES (QPV layer copies over the
# large graph, default 32 as in analyze-bench.sh), MAILLON_BENCH_ONLY (one graph of demo, idf-tiled,
# idf-grid: to rerun it alone). Progress on stderr, the table on stdout.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
QUICK=0
if [[ "${1:-}" == "--quick" ]]; then QUICK=1; shift; fi
if [[ $# -gt 1 || "${1:-}" == -* ]]; then
    echo "usage: $0 [--quick] [BUILD_DIR]   (default: build)" >&2
    exit 2
fi
BUILD_DIR="${1:-build}"
BENCH_DIR="${MAILLON_BENCH_DIR:-/tmp/maillon-bench}"
SECONDS_EACH="${MAILLON_BENCH_SECONDS:-10}"
CONNECTIONS="${MAILLON_BENCH_CONNECTIONS:-32}"
COPIES="${MAILLON_BENCH_QPV_COPIES:-32}"
ONLY="${MAILLON_BENCH_ONLY:-}"
[[ -z "$ONLY" || "$ONLY" =~ ^(demo|idf-tiled|idf-grid)$ ]] || { echo "MAILLON_BENCH_ONLY must be demo, idf-tiled or idf-grid" >&2; exit 2; }
ROUNDS=2
if ((QUICK)); then SECONDS_EACH=1; CONNECTIONS=8; ROUNDS=1; fi
DATA="$ROOT/tests/data"
TILED="$BENCH_DIR/idf-tiled.osm.pbf"

PROG=serve-bench
# shellcheck source=bench/bench-lib.sh
source "$ROOT/bench/bench-lib.sh"
BUILD_DIR="$(resolve_build_dir "$BUILD_DIR")"
MAILLON="$BUILD_DIR/cli/maillon"
TILER="$BUILD_DIR/bench/maillon-tile-extract"

[[ "$SECONDS_EACH" =~ ^[1-9][0-9]*$ && "$CONNECTIONS" =~ ^[1-9][0-9]*$ && "$COPIES" =~ ^[1-9][0-9]*$ ]] ||
    die "MAILLON_BENCH_SECONDS, MAILLON_BENCH_CONNECTIONS and MAILLON_BENCH_QPV_COPIES must be positive integers"
command -v wrk >/dev/null || die "wrk not found (on Debian: apt-get install wrk)"
command -v curl >/dev/null || die "curl not found (on Debian: apt-get install curl)"
command -v python3 >/dev/null || die "python3 not found"
[[ -x "$MAILLON" ]] || die "maillon binary not found at $MAILLON: build it first (cmake --build $BUILD_DIR --target maillon) or pass the right BUILD_DIR"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/serve-bench.XXXXXX")"
SERVER_PID=
stop_server() {
    if [[ -n "$SERVER_PID" ]]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=
    fi
}
trap 'stop_server; rm -rf "$WORK"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status"; }

# start_server NAME TIMEOUT_S ARGS...: `maillon serve ARGS --port P`, waits for "serving on".
start_server() {
    local name=$1 timeout=$2 i
    shift 2
    PORT="$(free_port)"
    "$MAILLON" serve "$@" --port "$PORT" -q >"$WORK/$name.out" 2>/dev/null &
    SERVER_PID=$!
    for ((i = 0; i < timeout * 10; i++)); do
        grep -q "serving on" "$WORK/$name.out" 2>/dev/null && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || die "$name: maillon serve exited before serving (run it by hand: $MAILLON serve $*)"
        sleep 0.1
    done
    die "$name: maillon serve not ready after ${timeout} s"
}

# The request mix of each endpoint as a wrk Lua script rotating over paths: bboxes of about
# 750 m around gaps (the map's view at zoom 15-16), routes between gap ends 0.3-12 km apart.
make_scripts() {
    local name=$1
    curl -sf "http://127.0.0.1:$PORT/api/v1/gaps?limit=5000" >"$WORK/$name-gaps.json" || die "$name: cannot fetch the gaps"
    python3 - "$WORK/$name-gaps.json" "$WORK/$name" <<'EOF' || die "$name: cannot build the request lists"
import json, math, random, sys
gaps = json.load(open(sys.argv[1], encoding="utf-8"))["features"]
points = [tuple(f["geometry"]["coordinates"][0]) for f in gaps]
if not points:
    sys.exit("no gaps to build requests around")
rng = random.Random(11)
def box(p):
    return "%.5f,%.5f,%.5f,%.5f" % (p[0] - 0.005, p[1] - 0.0035, p[0] + 0.005, p[1] + 0.0035)
def km(a, b):
    return 6371.0 * math.hypot(math.radians(b[0] - a[0]) * math.cos(math.radians(a[1])), math.radians(b[1] - a[1]))
sample = [rng.choice(points) for _ in range(400)]
paths = {
    "page": ["/"],
    "gaps": ["/api/v1/gaps?bbox=" + box(p) for p in sample],
    "network": ["/api/v1/network?zoom=16&bbox=" + box(p) for p in sample],
}
def routes(lo, hi):
    found = []
    for _ in range(50000):
        a, b = rng.choice(points), rng.choice(points)
        if lo <= km(a, b) <= hi:
            found.append("/api/v1/route?from=%.6f,%.6f&to=%.6f,%.6f" % (a[0], a[1], b[0], b[1]))  # lon,lat
        if len(found) == 300:
            break
    return found
paths["route"] = routes(0.3, 12)
if not paths["route"]:
    sys.exit("no pair of gaps 0.3-12 km apart for routes")
far = routes(20, 60)  # across the region (on a tiled graph: between tiles, where no route exists)
if far:
    paths["route_far"] = far
for endpoint, ps in paths.items():
    with open("%s-%s.lua" % (sys.argv[2], endpoint), "w") as f:
        f.write("local paths = {\n" + ",\n".join(json.dumps(p) for p in ps) + "\n}\n")
        f.write("local i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n")
    print(endpoint, len(ps), file=sys.stderr)
EOF
}

# run_wrk SCRIPT: "req_per_s p50_ms p99_ms errors" (errors: socket errors + non-2xx answers).
run_wrk() {
    local out
    out="$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --timeout 2s --latency -s "$1" "http://127.0.0.1:$PORT" 2>&1)" ||
        die "wrk failed: $out"
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server died under load (wrk: $out)"
    awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /^ +50%/ { p50 = ms($2) }
        /^ +99%/ { p99 = ms($2) }
        /^Requests\/sec:/ { rps = $2 }
        /requests in/ { n = $1 }
        /Socket errors:/ { gsub(",", ""); err += $4 + $6 + $8 + $10 }
        /Non-2xx or 3xx responses:/ { err += $5; non2xx += $5 }
        END { if (n == 0) exit 1; printf "%.0f %.2f %.2f %d %d\n", rps, p50, p99, err, non2xx }' <<<"$out" ||
        die "wrk made no request: $out"
}

echo "Server benchmark, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)," \
     "$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), wrk -t2 -c$CONNECTIONS," \
     "${SECONDS_EACH} s per endpoint and round, $ROUNDS round(s), load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo
echo "| graph | endpoint | round | requests/s | p50 ms | p99 ms | errors | RSS after, MB |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"

failures=0
bench_region() {  # bench_region NAME TIMEOUT_S SERVE_ARGS...
    local name=$1 timeout=$2 round endpoint res rps p50 p99 err non2xx rss
    shift 2
    [[ -z "$ONLY" || "$ONLY" == "$name" ]] || return 0
    log "$name: starting maillon serve $*"
    start_server "$name" "$timeout" "$@"
    make_scripts "$name"
    local rss0
    rss0="$(rss_mb)"
    echo "| $name | (at start) | | | | | | $rss0 |"
    for ((round = 1; round <= ROUNDS; round++)); do
        for endpoint in page gaps network route route_far; do
            [[ -f "$WORK/$name-$endpoint.lua" ]] || continue
            log "$name: round $round, $endpoint"
            res="$(run_wrk "$WORK/$name-$endpoint.lua")"
            read -r rps p50 p99 err non2xx <<<"$res"
            rss="$(rss_mb)"
            echo "| $name | $endpoint | $round | $rps | $p50 | $p99 | $err | $rss |"
            ((non2xx == 0)) || { log "$name: $endpoint: $non2xx answers were not 2xx"; failures=$((failures + 1)); }
            if [[ "$name" != demo ]]; then
                case $endpoint in
                    gaps) awk -v p="$p99" 'BEGIN { exit !(p < 20) }' || TARGETS+=("$name gaps bbox p99 $p99 ms >= 20 ms (round $round)") ;;
                    route*) awk -v p="$p99" 'BEGIN { exit !(p < 50) }' || TARGETS+=("$name $endpoint p99 $p99 ms >= 50 ms (round $round)") ;;
                esac
                ((err == 0)) || TARGETS+=("$name $endpoint: $err errors (round $round)")
            fi
        done
        [[ $round -eq 1 ]] && RSS1="$rss"
    done
    if [[ "$name" != demo && $ROUNDS -ge 2 ]]; then
        awk -v a="$RSS1" -v b="$rss" 'BEGIN { exit !(b <= a * 1.05) }' || TARGETS+=("$name RSS grew from $RSS1 MB to $rss MB in round 2")
    fi
    stop_server
}

TARGETS=()
bench_region demo 120 "$DATA/paris-republique.osm.pbf" --qpv "$DATA/qpv2024-idf-simplified.geojson" \
    --stations "$DATA/station_information_2025-10-18.json" --station-status "$DATA/station_status_2025-10-18.json" \
    --planned "$DATA/demo-planned-stations.csv"

# large_graph NAME PBF COPIES: imports PBF into $BENCH_DIR/NAME.maillon (unless up to date), lays
# COPIES copies of the QPV layer over its bbox (shift_geojson.py), and benchmarks the server on it.
large_graph() {
    local name=$1 pbf=$2 copies=$3 graph qpv bbox
    [[ -z "$ONLY" || "$ONLY" == "$name" ]] || return 0
    graph="$BENCH_DIR/$name.maillon"
    qpv="$BENCH_DIR/$name-qpv-$copies.geojson"
    if [[ ! -f "$graph" || "$graph" -ot "$pbf" ]]; then
        log "importing $pbf"
        "$MAILLON" import "$pbf" -o "$graph" -q --overwrite || die "maillon import failed"
    fi
    if [[ ! -f "$qpv" ]]; then
        bbox="$("$MAILLON" info "$graph" --json | python3 -c 'import json, sys; print(",".join(map(str, json.load(sys.stdin)["bbox"])))')"
        python3 "$ROOT/bench/shift_geojson.py" "$DATA/qpv2024-idf-simplified.geojson" "$qpv" --to-bbox "$bbox" --copies "$copies" >&2 ||
            die "shift_geojson.py failed"
    fi
    bench_region "$name" 900 "$graph" --qpv "$qpv"
}

if ((!QUICK)); then
    mkdir -p "$BENCH_DIR"
    if [[ ! -f "$TILED" ]]; then
        [[ -x "$TILER" ]] || die "$TILED is missing and $TILER is not built (cmake --build $BUILD_DIR --target maillon-tile-extract)"
        log "creating $TILED (about 280 MB)"
        "$TILER" "$DATA/liechtenstein-2015.osm.pbf" "$TILED" --target-mb 280 >&2 || die "maillon-tile-extract failed"
    fi
    large_graph idf-tiled "$TILED" "$COPIES"

    # One connected network of the same size, for routes across the region (bench/make_grid_osm.py);
    # its 80 km square takes the real layer once (1.3 % of its area is QPV).
    grid_pbf="$BENCH_DIR/idf-grid.osm.pbf"
    if [[ ! -f "$grid_pbf" ]]; then
        command -v osmium >/dev/null || die "osmium not found (on Debian: apt-get install osmium-tool)"
        log "creating $grid_pbf (a 1000 x 1000 street grid)"
        python3 "$ROOT/bench/make_grid_osm.py" "$BENCH_DIR/idf-grid.osm" --size 1000 || die "make_grid_osm.py failed"
        osmium cat -O "$BENCH_DIR/idf-grid.osm" -o "$grid_pbf" || die "osmium cat failed"
        rm -f "$BENCH_DIR/idf-grid.osm"
    fi
    large_graph idf-grid "$grid_pbf" 1
fi

echo
if ((QUICK)); then
    echo "Quick mode: no target checked."
elif [[ ${#TARGETS[@]} -eq 0 ]]; then
    echo "Targets on idf-tiled and idf-grid with $CONNECTIONS connections (gaps bbox p99 < 20 ms, route p99 < 50 ms, 0 errors, RSS flat): met."
else
    echo "Targets NOT met: $(printf '%s; ' "${TARGETS[@]}")"
fi
((failures == 0)) || die "$failures endpoint(s) answered errors"
