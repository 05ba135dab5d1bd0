#!/usr/bin/env bash
# Runs the browser test of the web map.
#   tests/browser/run-e2e.sh BASE_URL_OR_MOCK [SCREENSHOT_DIR]
# BASE_URL_OR_MOCK: the address of a running `maillon serve` (e.g. http://127.0.0.1:8080/), or "mock" to start
# tests/browser/mock-server.mjs on a free port for the duration of the test.
# SCREENSHOT_DIR: where the PNGs go (default tests/browser/screenshots).
# Installs playwright-core (npm ci) and, for the mock, Leaflet into web-static/ when they are missing.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
target=${1:-}
shots=${2:-$here/screenshots}
if [[ -z "$target" ]]; then
  echo "usage: $0 BASE_URL_OR_MOCK [SCREENSHOT_DIR]" >&2
  exit 2
fi

if [[ ! -f "$here/node_modules/playwright-core/package.json" ]]; then
  npm ci --prefix "$here" --no-audit --no-fund --loglevel=error
fi

pid=
log=
cleanup() {
  if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [[ -n "$log" ]]; then rm -f "$log"; fi
}
trap cleanup EXIT

if [[ "$target" == mock ]]; then
  if [[ ! -f "$repo/web-static/node_modules/leaflet/dist/leaflet.js" ]]; then
    npm ci --prefix "$repo/web-static" --no-audit --no-fund --loglevel=error
  fi
  log=$(mktemp)
  node "$here/mock-server.mjs" --port 0 >"$log" 2>&1 &
  pid=$!
  url=
  for _ in $(seq 1 100); do
    url=$(sed -n 's/^listening on \(http[^ ]*\).*/\1/p' "$log" | head -n1)
    [[ -n "$url" ]] && break
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "run-e2e: the mock server stopped:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.1
  done
  if [[ -z "$url" ]]; then
    echo "run-e2e: the mock server did not start within 10 s" >&2
    cat "$log" >&2
    exit 1
  fi
  echo "run-e2e: mock server at $url"
else
  url=$target
fi

node "$here/e2e.mjs" "$url" "$shots"
