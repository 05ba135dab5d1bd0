#!/usr/bin/env bash
# The JSON files the command line reads itself (a profile, an analyze directory's run.json)
# nested 100,000 levels deep: exit 1 and a message naming the file, never a crash.
# Usage: test-deep-json.sh MAILLON_BINARY TEST_DATA_DIR
set -u
maillon=$1
data=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=tests/support/expect.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/../support/expect.sh"

deep() { python3 -c "import sys; n=int(sys.argv[1]); sys.stdout.write('{\"gaps\":' + '['*n + ']'*n + '}')" "$1"; }

# Exit 1 and the message, within a minute (a stack overflow or a hang would fail it).
expect_refusal() {  # expect_refusal PATTERN COMMAND...
  local pattern=$1; shift
  expect 1 "$pattern" -- timeout 60 "$@"
}

deep 100000 >"$work/profile.json"
expect_refusal "profile '$work/profile.json' nests arrays or objects more than 64 levels deep" \
  "$maillon" analyze "$data/paris-concorde.osm.pbf" --qpv "$data/qpv2024-idf-simplified.geojson" --profile "$work/profile.json" -o "$work/out" -q

mkdir "$work/analysis"
python3 -c "import sys; n=100000; sys.stdout.write('{\"inputs\":' + '['*n + ']'*n + '}')" >"$work/analysis/run.json"
expect_refusal "run.json' nests arrays or objects more than 64 levels deep" "$maillon" serve "$work/analysis" -q
echo '{"inputs": [7, {"role": "qpv"}]}' >"$work/analysis/run.json"
expect_refusal "run.json' lists an input without role and path" "$maillon" serve "$work/analysis" -q

finish deep-json
