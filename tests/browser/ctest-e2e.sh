#!/usr/bin/env bash
# ctest entry of the browser test: starts the real `maillon serve` on the embedded demo on a
# free port, runs the end-to-end test in Debian's Chromium, stops the server.
#   tests/browser/ctest-e2e.sh MAILLON_BINARY SCREENSHOT_DIR
set -euo pipefail
maillon=$1
shots=$2
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
[[ -x /usr/bin/chromium ]] || { echo "browser test: /usr/bin/chromium is missing (apt-get install chromium)"; exit 1; }
[[ -f "$repo/web-static/node_modules/leaflet/dist/leaflet.js" ]] || npm ci --prefix "$repo/web-static" --no-audit --no-fund --loglevel=error
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp)
"$maillon" serve --port "$port" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 150); do
  curl -sf "http://127.0.0.1:$port/api/v1/meta" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || { echo "maillon serve died:"; cat "$log"; exit 1; }
  sleep 0.2
done
mkdir -p "$shots"
E2E_EXPECT_RESIDENTS=1 bash "$here/run-e2e.sh" "http://127.0.0.1:$port/" "$shots"
# The server must stop cleanly on SIGTERM.
kill -TERM "$pid"
for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then echo "maillon serve did not stop on SIGTERM"; exit 1; fi
grep -q "stopping (SIGTERM)" "$log" || { echo "no clean stop in the server log:"; cat "$log"; exit 1; }
echo "browser test and clean stop: ok"
