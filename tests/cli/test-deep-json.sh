#!/usr/bin/env bash
# The JSON files the command line reads itself (a profile, an analyze directory's run.json)
# nested 100,000 levels deep: exit 1 and a message naming the file, never a crash.
# Usage: test-deep-json.sh MAILLON_BINARY TEST_DATA_DIR
set -u
maillon=$1
data=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

deep() { python3 -c "import sys; n=int(sys.argv[1]); sys.stdout.write('{\"gaps\":' + '['*n + ']'*n + '}')" "$1"; }

expect_refusal() {  # expect_refusal PATTERN COMMAND...
  local pattern=$1; shift
  local out rc
  out=$(timeout 60 "$@" 2>&1); rc=$?
  if [[ $rc -eq 1 ]] && grep -qE -- "$pattern" <<<"$out"; then
    echo "ok: $*"
  else
    echo "FAIL: $* -> exit $rc, output: $out (want exit 1 and /$pattern/)"
    failures=$((failures + 1))
  fi
}

deep 100000 >"$work/profile.json"
expect_refusal "profile '$work/profile.json' nests arrays or objects more than 64 levels deep" \
  "$maillon" analyze "$data/paris-concorde.osm.pbf" --qpv "$data/qpv2024-idf-simplified.geojson" --profile "$work/profile.json" -o "$work/out" -q

mkdir "$work/analysis"
python3 -c "import sys; n=100000; sys.stdout.write('{\"inputs\":' + '['*n + ']'*n + '}')" >"$work/analysis/run.json"
expect_refusal "run.json' nests arrays or objects more than 64 levels deep" "$maillon" serve "$work/analysis" -q
echo '{"inputs": [7, {"role": "qpv"}]}' >"$work/analysis/run.json"
expect_refusal "run.json' lists an input without role and path" "$maillon" serve "$work/analysis" -q

if [[ $failures -gt 0 ]]; then echo "$failures failure(s)"; exit 1; fi
echo "all passed"
