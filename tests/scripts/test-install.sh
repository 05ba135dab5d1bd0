#!/usr/bin/env bash
# The install layout (cli/install_layout.hpp): `cmake --install` into a temporary prefix, then the
# installed `maillon serve` (no argument: the embedded demo) started from another directory serves
# the web page, Leaflet and the API from PREFIX/share/maillon, with no path of the source tree.
#   test-install.sh BUILD_DIR
set -euo pipefail
BUILD_DIR="$(cd "$1" && pwd)"
PREFIX="$(mktemp -d)"
LOG="$PREFIX/serve.log"
PID=""
cleanup() {
    [[ -z "$PID" ]] || kill "$PID" 2>/dev/null || true
    rm -rf "$PREFIX"
}
trap cleanup EXIT
fails=0
check() {  # check DESCRIPTION COMMAND...
    if "${@:2}" >/dev/null 2>&1; then echo "ok   $1"; else echo "FAIL $1"; fails=$((fails + 1)); fi
}

cmake --install "$BUILD_DIR" --prefix "$PREFIX/usr" >/dev/null
check "the binary is installed in PREFIX/bin" test -x "$PREFIX/usr/bin/maillon"
check "the web page in PREFIX/share/maillon/web" test -f "$PREFIX/usr/share/maillon/web/index.html"
check "the demo's extract in PREFIX/share/maillon/demo" test -f "$PREFIX/usr/share/maillon/demo/paris-republique.osm.pbf"
check "the demo's attributions beside it" grep -q "OpenStreetMap" "$PREFIX/usr/share/maillon/demo/SOURCES.md"
check "no path of the source tree in the binary" bash -c "! grep -q -a -F '$(cd "$(dirname "$0")/../.." && pwd)/web-static' '$PREFIX/usr/bin/maillon'"

# The prefix moved elsewhere still works: the files are found from the executable.
mv "$PREFIX/usr" "$PREFIX/moved"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
(cd / && exec "$PREFIX/moved/bin/maillon" serve --port "$port" >"$LOG" 2>&1) &
PID=$!
for _ in $(seq 1 120); do
    curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/meta" && break
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.5
done
check "the installed demo serves the page" bash -c "curl -sf 'http://127.0.0.1:$port/' | grep -q '<html'"
check "... Leaflet" curl -sf -o /dev/null "http://127.0.0.1:$port/vendor/leaflet/leaflet.js"
check "... and the API (the demo's gaps)" bash -c "curl -sf 'http://127.0.0.1:$port/api/v1/gaps?limit=1' | grep -q FeatureCollection"
kill "$PID" 2>/dev/null || true
wait "$PID" 2>/dev/null || true
PID=""

# Without the shared files the demo is refused with the fix, exit 1.
rc=0
MAILLON_SHARE_DIR="$PREFIX/none" "$PREFIX/moved/bin/maillon" serve --port "$port" >"$LOG" 2>&1 || rc=$?
check "no shared files: exit 1" test "$rc" -eq 1
check "... naming the fix" grep -q "cmake --install" "$LOG"

if ((fails > 0)); then
    cat "$LOG" >&2
    echo "# $fails failed"
    exit 1
fi
echo "# all passed"
