#!/usr/bin/env bash
# The maillon command line as a user meets it: exit codes (0 ok, 1 data error, 2 usage error),
# one-line messages naming the file and the problem, and no half-written output.
# Usage: test-cli.sh MAILLON_BINARY TEST_DATA_DIR
set -u
maillon=$1
data=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=tests/support/expect.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/../support/expect.sh"
no_leftovers() {
  if compgen -G "$work/*.tmp-*" >/dev/null || [[ -e "$1" ]]; then
    bad "output or temporary file left behind for $1"
  else
    ok "nothing left for $1"
  fi
}

# Usage
expect 2 "Usage: maillon COMMAND" -- "$maillon"
expect 0 "import +Build the bicycle" -- "$maillon" help
expect 0 "Usage: maillon import" -- "$maillon" import -h
expect 0 "Usage: maillon info" -- "$maillon" help info
expect 2 "unknown command 'frobnicate'" -- "$maillon" frobnicate
expect 2 "unrecognised option '--frobnicate'|unrecognized option '--frobnicate'" -- "$maillon" import --frobnicate x.osm.pbf -o "$work/x.maillon"
expect 2 "missing -o" -- "$maillon" import "$data/paris-republique.osm.pbf"
expect 2 "missing INPUT" -- "$maillon" import -o "$work/x.maillon"
expect 2 "cannot tell the format of '.*CMakeLists.txt'" -- "$maillon" import "$data/../CMakeLists.txt" -o "$work/x.maillon"
no_leftovers "$work/x.maillon"

# Bad input files
expect 1 "input file '$work/absent.osm.pbf' does not exist" -- "$maillon" import "$work/absent.osm.pbf" -o "$work/a.maillon"
no_leftovers "$work/a.maillon"
head -c 40000 "$data/paris-republique.osm.pbf" > "$work/truncated.osm.pbf"
expect 1 "'$work/truncated.osm.pbf'.*(truncated|not a valid PBF)" -- "$maillon" import "$work/truncated.osm.pbf" -o "$work/t.maillon"
no_leftovers "$work/t.maillon"
printf 'this is not protobuf at all, just text\n%.0s' {1..50} > "$work/garbage.osm.pbf"
expect 1 "'$work/garbage.osm.pbf' is not a valid PBF" -- "$maillon" import "$work/garbage.osm.pbf" -o "$work/g.maillon"
no_leftovers "$work/g.maillon"
printf '<?xml version="1.0"?>\n<kml><Document/></kml>\n' > "$work/notosm.osm"
expect 1 "'$work/notosm.osm'.*(not a valid OSM XML|not an OSM file)" -- "$maillon" import "$work/notosm.osm" -o "$work/n.maillon"
no_leftovers "$work/n.maillon"
printf '<?xml version="1.0"?>\n<osm version="0.6"><node id="1" lat="48.8" lon="2.3" version="1"/><way id="1" version="1"><nd ref="1"/><tag k="building" v="yes"/></way></osm>\n' > "$work/noroads.osm"
expect 1 "contains no way usable by bike or on foot" -- "$maillon" import "$work/noroads.osm" -o "$work/r.maillon"
no_leftovers "$work/r.maillon"
expect 1 "cannot write '/nonexistent-dir/x.maillon'" -- "$maillon" import "$data/paris-20e-12e-13e-corridor.osm" -o /nonexistent-dir/x.maillon
gzip -c "$data/paris-20e-12e-13e-corridor.osm" | head -c 3000 > "$work/cut.osm.gz"
expect 1 "'$work/cut.osm.gz'" -- "$maillon" import "$work/cut.osm.gz" -o "$work/z.maillon"
no_leftovers "$work/z.maillon"

# A good import, quiet, then info; a second import refuses to overwrite.
expect 0 "^$" -- "$maillon" import -q "$data/paris-20e-12e-13e-corridor.osm" -o "$work/ok.maillon"
expect 2 "exists: use --overwrite" -- "$maillon" import -q "$data/paris-20e-12e-13e-corridor.osm" -o "$work/ok.maillon"
expect 0 "^$" -- "$maillon" import -q --overwrite "$data/paris-20e-12e-13e-corridor.osm" -o "$work/ok.maillon"
bzip2 -c "$data/paris-20e-12e-13e-corridor.osm" > "$work/corridor.osm.bz2"
expect 0 "^$" -- "$maillon" import -q "$work/corridor.osm.bz2" -o "$work/bz.maillon"
expect 0 "nodes +136" -- "$maillon" info "$work/ok.maillon"
expect 0 "COULOIR BUS\+VELO" -- "$maillon" info "$work/ok.maillon"
if "$maillon" info --json "$work/ok.maillon" | python3 -c '
import json, sys
j = json.load(sys.stdin)
assert j["nodes"] == 136 and j["edges"] == 142, j
assert j["osm_timestamp"] == "2016-12-16T17:18:33Z", j["osm_timestamp"]
assert j["km_by_facility"]["COULOIR BUS+VELO"] > 0
assert j["cycle_network"]["components"] >= 1
'; then ok "info --json"; else bad "info --json"; fi
# The same data compressed gives the same graph (all but the source file name).
if diff <("$maillon" info --json "$work/ok.maillon" | grep -v '"source"') <("$maillon" info --json "$work/bz.maillon" | grep -v '"source"') >/dev/null; then
  ok ".osm.bz2 and .osm give the same graph"
else
  bad ".osm.bz2 and .osm give different graphs"
fi

# Damaged graph files
head -c 500 "$work/ok.maillon" > "$work/short.maillon"
expect 1 "'$work/short.maillon' is truncated" -- "$maillon" info "$work/short.maillon"
expect 1 "is an OSM extract, not a maillon graph file: import it first with .maillon import $data/paris-republique.osm.pbf -o $data/paris-republique.maillon." -- "$maillon" info "$data/paris-republique.osm.pbf"
expect 1 "cannot open graph file '$work/none.maillon'" -- "$maillon" info "$work/none.maillon"

# maillon analyze: inputs planners get wrong
qpv="$data/qpv2024-idf-simplified.geojson"
expect 2 "missing --qpv" -- "$maillon" analyze "$work/ok.maillon" -o "$work/an"
expect 2 "missing -o DIR" -- "$maillon" analyze "$work/ok.maillon" --qpv "$qpv"
expect 1 "'$work/none.geojson'" -- "$maillon" analyze "$work/ok.maillon" --qpv "$work/none.geojson" -o "$work/an"
no_leftovers "$work/an"
printf 'not json at all' > "$work/bad.geojson"
expect 1 "'$work/bad.geojson'.*(not valid JSON|JSON)" -- "$maillon" analyze "$work/ok.maillon" --qpv "$work/bad.geojson" -o "$work/an"
no_leftovers "$work/an"
if command -v ogr2ogr >/dev/null; then
  ogr2ogr -f GeoJSON "$work/lambert.geojson" "$data/qpv2015-lambert93-sample/qpv2015-094-sample-lb93.shp" 2>/dev/null
  expect 1 "Lambert-93 \\(EPSG:2154\\).*ogr2ogr -f GeoJSON -t_srs EPSG:4326" -- "$maillon" analyze "$work/ok.maillon" --qpv "$work/lambert.geojson" -o "$work/an"
  no_leftovers "$work/an"
fi
printf '{"network": {"facilities": ["piste"]}, "gaps": {"max_gap": 500}}' > "$work/typo.json"
expect 1 "unknown parameter 'gaps.max_gap'" -- "$maillon" analyze "$work/ok.maillon" --qpv "$qpv" --profile "$work/typo.json" -o "$work/an"
no_leftovers "$work/an"
expect 1 "cannot create output directory '/nonexistent-dir/an'" -- "$maillon" analyze "$work/ok.maillon" --qpv "$qpv" -o /nonexistent-dir/an
# A corridor of Paris 20e/12e/13e: QPV nearby; then the République extract, read directly from the PBF.
expect 0 "maillons à créer" -- "$maillon" analyze "$work/ok.maillon" --qpv "$qpv" -o "$work/an"
for f in gaps.geojson gaps.csv indicators.json indicators.csv run.json; do
  if [[ -s "$work/an/$f" ]]; then ok "$f written"; else bad "$work/an/$f missing"; fi
done
expect 2 "exists: use --overwrite" -- "$maillon" analyze "$work/ok.maillon" --qpv "$qpv" -o "$work/an"
# No QPV in the area (Monaco with the Île-de-France layer): a warning, QPV terms 0, exit 0.
expect 0 "warning: no QPV of .* lies in the extract's area" -- "$maillon" analyze "$data/monaco-2016.osm.pbf" --qpv "$qpv" -o "$work/monaco"

# serve DIR: every input of its run.json is resolved against DIR (relative paths), and a missing one is named
# with DIR's run.json, whatever the working directory.
mkdir -p "$work/sdir"
printf '{"inputs": [{"role": "graph_or_extract", "path": "%s"}, {"role": "qpv", "path": "gone.geojson"}]}' \
  "$data/paris-concorde.osm.pbf" >"$work/sdir/run.json"
expect 1 "input '$work/sdir/gone.geojson' of '$work/sdir/run.json' no longer exists" -- bash -c "cd / && '$maillon' serve '$work/sdir' -q"

finish cli
