#!/usr/bin/env bash
# Validity of the missing-link detection (issue 8, docs/gaps.md "Validity"): for each reference set
# of tests/data/reference/gaps/ (links drawn by hand from the map, before any tuning), runs
# `maillon analyze` on its extract and prints recall (share of reference links >= 50 % within 20 m
# of a listed, non-data item), list size and class mix, as a Markdown table.
#
#   bench/validity.sh [BUILD_DIR] [--check] [--extra EXTRACT:REFERENCE]...
#
#   --check   exit 1 when a set falls below the recall floor or above the list-size bound of
#             tests/data/reference/gaps/floors.tsv (what ctest runs; floors measured, see README)
#   --extra   another extract and its reference set (e.g. a city with a published study, kept
#             outside the repository); printed, never checked
#
# Environment: MAILLON_VALIDITY_DIR (default /tmp/maillon-validity) for the outputs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR=build
CHECK=0
EXTRA=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --check) CHECK=1 ;;
        --extra) [[ $# -ge 2 ]] || { echo "usage: --extra EXTRACT:REFERENCE" >&2; exit 2; }; EXTRA+=("$2"); shift ;;
        -*) echo "usage: $0 [BUILD_DIR] [--check] [--extra EXTRACT:REFERENCE]..." >&2; exit 2 ;;
        *) BUILD_DIR="$1" ;;
    esac
    shift
done
[[ "$BUILD_DIR" = /* || -d "$BUILD_DIR" ]] || BUILD_DIR="$ROOT/$BUILD_DIR"
MAILLON="$BUILD_DIR/cli/maillon"
[[ -x "$MAILLON" ]] || { echo "validity: $MAILLON not found: build first (cmake --build $BUILD_DIR)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "validity: python3 not found" >&2; exit 1; }
OUT="${MAILLON_VALIDITY_DIR:-/tmp/maillon-validity}"
mkdir -p "$OUT"
REFS="$ROOT/tests/data/reference/gaps"
FLOORS="$REFS/floors.tsv"
QPV="$ROOT/tests/data/qpv2024-idf-simplified.geojson"

sets=()
for ref in "$REFS"/*.geojson; do
    stem="$(basename "$ref" .geojson)"
    extract=""
    for ext in osm.pbf osm; do [[ -f "$ROOT/tests/data/$stem.$ext" ]] && extract="$ROOT/tests/data/$stem.$ext"; done
    [[ -n "$extract" ]] || { echo "validity: no extract tests/data/$stem.osm[.pbf] for $ref" >&2; exit 1; }
    sets+=("$extract:$ref:check")
done
for x in "${EXTRA[@]}"; do sets+=("$x:extra"); done

failed=0
echo "| set | reference links | found | recall | listed | ratio | data issues found | class mix | analyze s |"
echo "|---|---:|---:|---:|---:|---:|---:|---|---:|"
for entry in "${sets[@]}"; do
    IFS=: read -r extract ref mode <<< "$entry"
    stem="$(basename "$ref" .geojson)"
    dir="$OUT/$stem"
    start=$(date +%s.%N)
    "$MAILLON" analyze "$extract" --qpv "$QPV" -o "$dir" --overwrite -q >"$OUT/$stem.log" 2>&1 ||
        { echo "validity: maillon analyze failed on $extract (see $OUT/$stem.log)" >&2; exit 1; }
    seconds=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$start" "$(date +%s.%N)")
    python3 "$ROOT/bench/validity.py" "$ref" "$dir/gaps.geojson" --json > "$OUT/$stem.json"
    python3 - "$OUT/$stem.json" "$stem" "$seconds" "$mode" "$FLOORS" <<'EOF' || failed=1
import json, sys
r = json.load(open(sys.argv[1]))
stem, seconds, mode, floors_path = sys.argv[2:6]
mix = ", ".join(f"{k} {v}" for k, v in r["class_mix"].items()) or "-"
recall = "n/a" if r["recall"] is None else f"{r['recall']:.2f}"
ratio = "n/a" if r["list_to_reference"] is None else f"{r['list_to_reference']:.2f}"
print(f"| {stem} | {r['reference_links']} | {r['found']} | {recall} | {r['list_size']} | {ratio} | "
      f"{r['data_issues_found']}/{r['reference_data_issues']} | {mix} | {seconds} |")
if mode != "check":
    sys.exit(0)
floors = {}
for line in open(floors_path, encoding="utf-8"):
    if line.strip() and not line.startswith("#"):
        name, floor, bound = line.split("\t")[:3]
        floors[name] = (float(floor), int(bound))
if stem not in floors:
    print(f"validity: no floor for {stem} in {floors_path}", file=sys.stderr)
    sys.exit(1)
floor, bound = floors[stem]
bad = []
if r["recall"] is not None and r["recall"] < floor:
    bad.append(f"recall {r['recall']} below the floor {floor}")
if r["list_size"] > bound:
    bad.append(f"{r['list_size']} items listed, more than the bound {bound}")
for b in bad:
    print(f"validity: {stem}: {b}", file=sys.stderr)
sys.exit(1 if bad else 0)
EOF
done
if [[ $CHECK -eq 1 && $failed -ne 0 ]]; then exit 1; fi
exit 0
