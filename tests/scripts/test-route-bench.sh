#!/usr/bin/env bash
# bench/route_bench.cpp in a quick mode: the demo extract imported, 30 pairs. It runs to the end and
# every search (A*, landmarks, hierarchy) finds the same lengths (its exit code); no timing is checked.
set -euo pipefail
BUILD_DIR=${1:?usage: test-route-bench.sh BUILD_DIR}
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$BUILD_DIR/cli/maillon" import "$ROOT/tests/data/paris-republique.osm.pbf" -o "$WORK/demo.maillon" -q
"$BUILD_DIR/bench/maillon-route-bench" "$WORK/demo.maillon" --queries 30 | tee "$WORK/out.txt"
grep -q "| shortest | hierarchy + core A\* |" "$WORK/out.txt"
grep -q "length disagreements with A\*: 0" "$WORK/out.txt"
echo "# route bench: ok"
