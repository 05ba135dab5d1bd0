#!/usr/bin/env bash
# Offline tests of data-scripts/: convert-qpv.sh on the committed Lambert-93 QPV sample and on made-up
# layers, its refusals, and the fetch-*.sh scripts run against file:// URLs (no network needed).
# Prints one line per check ("ok", "FAIL" with the command's output, or "skip"); exits 1 if any check fails.
# Usage: bash tests/scripts/test-data-scripts.sh
# Needs bash, python3, curl, GDAL (ogr2ogr, ogrinfo) and osmium; uses shellcheck when installed.
# Many checks pass a snippet in single quotes to `bash -c` or `eval`, expanded when the check runs:
# shellcheck disable=SC2016
set -uo pipefail

ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
DS=$ROOT/data-scripts
DATA=$ROOT/tests/data
SAMPLE_DIR=$DATA/qpv2015-lambert93-sample
SAMPLE=$SAMPLE_DIR/qpv2015-094-sample-lb93.shp
SAMPLE_CODES=QP094001,QP094003,QP094005,QP094008,QP094012,QP094015,QP094017,QP094021,QP094027,QP094042
PARIS_REGION=(1.4 3.6 48.1 49.3) # lon min, lon max, lat min, lat max

T=$(mktemp -d "${TMPDIR:-/tmp}/test-data-scripts.XXXXXX")
trap 'rm -rf -- "$T"' EXIT

passed=0 failed=0 skipped=0
ok() { printf 'ok   %s\n' "$1"; passed=$((passed + 1)); }
nok() {
  printf 'FAIL %s\n' "$1"
  [[ -z ${2:-} ]] || while IFS= read -r line; do printf '     | %s\n' "$line"; done <<<"$2"
  failed=$((failed + 1))
}
skip() { printf 'skip %s\n' "$1"; skipped=$((skipped + 1)); }
# check DESCRIPTION COMMAND...: the check passes when COMMAND succeeds; its output is shown if not.
check() {
  local desc=$1 out
  shift
  if out=$("$@" 2>&1); then ok "$desc"; else nok "$desc" "$out"; fi
}
# run NAME COMMAND...: runs COMMAND, keeping its exit status and output in $T/NAME.{rc,out}.
run() {
  local name=$1
  shift
  "$@" >"$T/$name.out" 2>&1
  echo $? >"$T/$name.rc"
}
succeeded() { [[ $(cat "$T/$1.rc") == 0 ]] || { cat "$T/$1.out"; return 1; }; }
failed_naming() { # NAME TEXT: the command failed and its messages contain TEXT
  [[ $(cat "$T/$1.rc") != 0 ]] || { echo "exit status 0, expected a failure"; cat "$T/$1.out"; return 1; }
  grep -qF -- "$2" "$T/$1.out" || { echo "the messages do not mention '$2':"; cat "$T/$1.out"; return 1; }
}
output_has() { grep -qF -- "$2" "$T/$1.out" || { echo "no '$2' in:"; cat "$T/$1.out"; return 1; }; }
absent() { [[ ! -e $1 ]] || { echo "$1 exists"; return 1; }; }
only_files() { # DIR FILE...: DIR holds exactly these names (no temporary or partial file left)
  local dir=$1 got want
  shift
  got=$(cd -- "$dir" && find . -mindepth 1 -maxdepth 1 -printf '%P\n' | sort)
  want=$(printf '%s\n' "$@" | sed '/^$/d' | sort)
  [[ $got == "$want" ]] || { printf 'expected:\n%s\nfound:\n%s\n' "$want" "$got"; return 1; }
}

# GeoJSON checks, in python3 (stdlib only).
cat >"$T/geo.py" <<'EOF'
import csv, io, json, re, subprocess, sys

def load(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    assert doc.get("type") == "FeatureCollection", f"{path}: not a GeoJSON FeatureCollection"
    return doc

def points(geom):
    def walk(c):
        if c and isinstance(c[0], (int, float)):
            yield c
        else:
            for x in c:
                yield from walk(x)
    if geom["type"] == "GeometryCollection":
        for g in geom["geometries"]:
            yield from points(g)
    else:
        yield from walk(geom["coordinates"])

cmd, path, *args = sys.argv[1:]
doc = load(path)
feats = doc["features"]

if cmd == "wgs84":  # RFC 7946: no "crs" member (WGS84 implied), or an explicit CRS84/EPSG:4326 one
    crs = doc.get("crs")
    name = (crs or {}).get("properties", {}).get("name", "")
    assert crs is None or re.search(r"CRS84$|EPSG::?4326$", name), f"crs member {crs}"
elif cmd == "inside":  # every vertex of every feature inside lon/lat box; no empty geometry
    x0, x1, y0, y1 = map(float, args)
    for f in feats:
        pts = list(points(f["geometry"])) if f.get("geometry") else []
        assert pts, f"empty geometry: {f['properties']}"
        for x, y, *_ in pts:
            assert x0 <= x <= x1 and y0 <= y <= y1, f"({x}, {y}) outside lon {x0}..{x1}, lat {y0}..{y1}"
elif cmd == "count":
    assert len(feats) == int(args[0]), f"{len(feats)} features, expected {args[0]}"
elif cmd == "fields":  # every feature has exactly these properties, in this order
    want = args[0].split(",")
    for f in feats:
        assert list(f["properties"]) == want, f"properties {list(f['properties'])}, expected {want}"
elif cmd == "codes":  # the set of values of a property
    field, want = args[0], set(args[1].split(",")) if args[1] else set()
    got = {f["properties"].get(field) for f in feats}
    assert got == want, f"{field}: got {sorted(map(str, got))}, expected {sorted(want)}"
elif cmd == "precision":
    for f in feats:
        for p in points(f["geometry"]):
            for v in p:
                assert len(repr(v).split(".")[-1]) <= int(args[0]) or "e" in repr(v), f"{v} has > {args[0]} decimals"
elif cmd == "same-attributes":  # properties equal the source layer's attributes, as GDAL reads them
    rows = list(csv.DictReader(io.StringIO(subprocess.run(
        ["ogr2ogr", "-f", "CSV", "/vsistdout/", args[0]], capture_output=True, text=True, check=True).stdout)))
    got = sorted(json.dumps(f["properties"], sort_keys=True, ensure_ascii=False) for f in feats)
    want = sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows)
    assert got == want, f"attributes differ:\n{got}\n{want}"
elif cmd == "relabel":  # write args[0]: a copy with property args[1] changed by OLD=NEW pairs; --only: drop the rest
    out, field, *pairs = args
    only = "--only" in pairs
    change = dict(p.split("=", 1) for p in pairs if p != "--only")
    assert set(change) <= {f["properties"][field] for f in feats}, f"no feature with {field} in {sorted(change)}"
    doc["features"] = [f for f in feats if not only or f["properties"][field] in change]
    for f in doc["features"]:
        f["properties"][field] = change.get(f["properties"][field], f["properties"][field])
    json.dump(doc, open(out, "w", encoding="utf-8"), ensure_ascii=False)
elif cmd == "with-properties":  # write args[0]: the first len(args[1]) geometries with these properties
    out, props = args[0], json.loads(args[1])
    doc["features"] = [{"type": "Feature", "properties": p, "geometry": f["geometry"]} for f, p in zip(feats, props)]
    json.dump(doc, open(out, "w", encoding="utf-8"), ensure_ascii=False)
else:
    sys.exit(f"unknown check {cmd}")
EOF
geo() { python3 "$T/geo.py" "$@"; }
field_names() { ogrinfo -ro -so -al "$1" | sed -n 's/^\([^[:space:]][^:]*\): [A-Za-z0-9]*\(([A-Za-z0-9]*)\)\{0,1\} ([0-9.]*)$/\1/p' | paste -sd, -; }
feature_count() { ogrinfo -ro -so -al "$1" | sed -n 's/^Feature Count: //p'; }

echo "# data-scripts/ tests ($ROOT)"
for c in python3 curl ogr2ogr ogrinfo osmium; do
  command -v "$c" >/dev/null || { nok "'$c' is installed (needed by these tests)"; }
done

# --- syntax ---------------------------------------------------------------------------------------------
scripts=("$DS"/*.sh "$ROOT/tests/scripts/test-data-scripts.sh")
for s in "${scripts[@]}"; do
  check "bash -n ${s#"$ROOT"/}" bash -n "$s"
done
if command -v shellcheck >/dev/null 2>&1; then
  for s in "${scripts[@]}"; do
    check "shellcheck ${s#"$ROOT"/}" bash -c 'cd -- "$1" && shellcheck -x "$2"' _ "$ROOT" "${s#"$ROOT"/}"
  done
else
  skip "shellcheck (not installed)"
fi
for s in convert-qpv fetch-osm fetch-qpv fetch-velib; do
  run "help-$s" bash "$DS/$s.sh" --help
  check "$s.sh --help prints its usage" eval 'succeeded help-'"$s"' && output_has help-'"$s"' Usage:'
done

# --- the committed sample ----------------------------------------------------------------------------------
check "sample: the shapefile and its .shx, .dbf, .prj and SOURCE are committed" \
  bash -c 'for e in shp shx dbf prj; do [[ -s ${1%.shp}.$e ]] || exit 1; done; [[ -s $2/SOURCE ]]' _ "$SAMPLE" "$SAMPLE_DIR"
check "sample: under 200 KB" bash -c '(( $(cat "$1"/* | wc -c) < 200000 ))' _ "$SAMPLE_DIR"
check "sample: Lambert-93 .prj (LCC 44/49, origin 3E 46.5N, 700000/6600000, GRS 1980)" python3 -c '
import re, sys
p = open(sys.argv[1]).read()
for pat in ["Lambert_Conformal_Conic", r"Standard_Parallel_1\",44\.0", r"Standard_Parallel_2\",49\.0", r"Central_Meridian\",3\.0",
            r"Latitude_Of_Origin\",46\.5", r"False_Easting\",700000\.0", r"False_Northing\",6600000\.0", "GRS_1980"]:
    assert re.search(pat, p), pat' "${SAMPLE%.shp}.prj"
check "sample: 10 QPV of Val-de-Marne (QP094...)" bash -c \
  'ogr2ogr -f GeoJSON /vsistdout/ "$1" | python3 "$2" codes /dev/stdin CODE_QP "$3"' _ "$SAMPLE" "$T/geo.py" "$SAMPLE_CODES"
sample_fields=$(field_names "$SAMPLE")
check "sample: fields CODE_QP,NOM_QP,COMMUNE_QP (2015 layer)" test "$sample_fields" == CODE_QP,NOM_QP,COMMUNE_QP

# --- convert-qpv.sh: the Lambert-93 sample -----------------------------------------------------------------
C=$DS/convert-qpv.sh
mkdir -p "$T/conv"
out=$T/conv/qpv2015-094.geojson
run conv bash "$C" "$SAMPLE" "$out"
check "convert: the Lambert-93 shapefile converts (exit 0)" succeeded conv
check "convert: output is a GeoJSON FeatureCollection in WGS84 (no other crs member)" geo wgs84 "$out"
check "convert: GDAL reads the output as EPSG:4326" bash -c 'gdalsrsinfo -e "$1" | grep -qx "EPSG:4326"' _ "$out"
check "convert: every coordinate in the Paris region (lon ${PARIS_REGION[0]}-${PARIS_REGION[1]}, lat ${PARIS_REGION[2]}-${PARIS_REGION[3]})" \
  geo inside "$out" "${PARIS_REGION[@]}"
check "convert: feature count preserved ($(feature_count "$SAMPLE"))" geo count "$out" "$(feature_count "$SAMPLE")"
check "convert: field names preserved, in order ($sample_fields)" geo fields "$out" "$sample_fields"
check "convert: attribute values preserved (accents, apostrophes)" geo same-attributes "$out" "$SAMPLE"
check "convert: at most 7 decimals (COORDINATE_PRECISION=7)" geo precision "$out" 7
if ogrinfo -ro -q -dialect SQLite -sql "SELECT ST_IsValid(ST_GeomFromText('POINT(0 0)'))" "$out" >/dev/null 2>&1; then
  check "convert: every geometry valid" bash -c \
    'ogrinfo -ro -dialect SQLite -sql "SELECT COUNT(*) AS n FROM \"qpv2015-094\" WHERE NOT ST_IsValid(geometry)" "$1" | grep -q "n (Integer) = 0"' _ "$out"
else
  skip "convert: every geometry valid (GDAL without SpatiaLite)"
fi
check "convert: output layer named after the file" bash -c 'ogrinfo -ro -so "$1" qpv2015-094 >/dev/null' _ "$out"
check "convert: no temporary file left next to the output" only_files "$T/conv" qpv2015-094.geojson

# --- convert-qpv.sh --region idf ----------------------------------------------------------------------------
run conv-idf bash "$C" "$SAMPLE" "$T/conv/idf.geojson" --region idf
check "region idf: keeps the 10 QPV of the Val-de-Marne sample" \
  eval 'succeeded conv-idf && geo count "$T/conv/idf.geojson" 10 && output_has conv-idf "read from CODE_QP"'

# The sample with 3 QPV given codes of other départements (Rhône, Bouches-du-Rhône, Nord).
geo relabel "$out" "$T/conv/mixed.geojson" CODE_QP QP094001=QP069013 QP094003=QP013058 QP094005=QN05901M
run conv-mixed bash "$C" "$T/conv/mixed.geojson" "$T/conv/mixed-idf.geojson" --region idf
check "region idf: drops the QPV of other départements (2015 CODE_QP, 2024 QN codes)" \
  eval 'succeeded conv-mixed && geo count "$T/conv/mixed-idf.geojson" 7 && geo codes "$T/conv/mixed-idf.geojson" CODE_QP '"$(cut -d, -f4- <<<"$SAMPLE_CODES")"
run conv-mixed-all bash "$C" "$T/conv/mixed.geojson" "$T/conv/mixed-all.geojson" --region all
check "region all: keeps all 10" eval 'succeeded conv-mixed-all && geo count "$T/conv/mixed-all.geojson" 10'

# 2024 fields: the département comes from insee_com when a feature has one, else from the QP code.
geo with-properties "$out" "$T/conv/qpv2024.geojson" '[
  {"code_qp": "QN09401M", "lib_qp": "A", "insee_com": "94041", "lib_com": "Ivry-sur-Seine"},
  {"code_qp": "QN06901M", "lib_qp": "B", "insee_com": "69123", "lib_com": "Lyon"},
  {"code_qp": "QN09301M", "lib_qp": "C", "insee_com": "", "lib_com": ""},
  {"code_qp": null, "lib_qp": "D", "insee_com": "93066", "lib_com": "Saint-Denis"},
  {"code_qp": "QN01301M", "lib_qp": "E", "insee_com": "13055", "lib_com": "Marseille"},
  {"code_qp": "QN09402M", "lib_qp": "F", "insee_com": "94041,94081", "lib_com": "Ivry-sur-Seine, Vitry-sur-Seine"},
  {"code_qp": "QN07501M", "lib_qp": "G", "insee_com": "13055", "lib_com": "Marseille"},
  {"code_qp": "QN07801M", "lib_qp": "H", "insee_com": null, "lib_com": null}]'
run conv-2024 bash "$C" "$T/conv/qpv2024.geojson" "$T/conv/qpv2024-idf.geojson" --region idf
check "region idf, 2024 fields: département from insee_com (lists too), else from code_qp" \
  eval 'succeeded conv-2024 && geo codes "$T/conv/qpv2024-idf.geojson" lib_qp A,C,D,F,H'
check "region idf, 2024 fields: fields preserved (code_qp,lib_qp,insee_com,lib_com)" \
  geo fields "$T/conv/qpv2024-idf.geojson" code_qp,lib_qp,insee_com,lib_com
geo with-properties "$out" "$T/conv/dep-int.geojson" '[{"insee_dep": 94, "nom": "a"}, {"insee_dep": 69, "nom": "b"}, {"insee_dep": 75, "nom": "c"}]'
run conv-dep bash "$C" "$T/conv/dep-int.geojson" "$T/conv/dep-int-idf.geojson" --region idf
check "region idf: an integer insee_dep field works too" eval 'succeeded conv-dep && geo codes "$T/conv/dep-int-idf.geojson" nom a,c'
if [[ -f $DATA/qpv2024-idf-simplified.geojson ]]; then
  run conv-real2024 bash "$C" "$DATA/qpv2024-idf-simplified.geojson" "$T/conv/real2024.geojson" --region idf
  check "region idf: the real QPV 2024 IDF layer (code QN...) keeps its 298 QPV, inside the Paris region" \
    eval 'succeeded conv-real2024 && geo count "$T/conv/real2024.geojson" 298 && geo inside "$T/conv/real2024.geojson" '"${PARIS_REGION[*]}"
else
  skip "region idf on tests/data/qpv2024-idf-simplified.geojson (not present)"
fi

# --- convert-qpv.sh refusals: non-zero exit, a message naming the file, nothing left behind ---------------------
mkdir -p "$T/bad"
run missing bash "$C" "$T/bad/no-such-qpv.shp" "$T/bad/out.geojson"
check "refuses a missing input, naming it" failed_naming missing no-such-qpv.shp
printf 'code;nom\nQP094001;Pierre Et Marie Curie\n' >"$T/bad/notes.txt"
run notgeo bash "$C" "$T/bad/notes.txt" "$T/bad/out.geojson"
check "refuses a file that is not geodata, naming it" failed_naming notgeo notes.txt
printf 'this is not a shapefile\n' >"$T/bad/broken.shp"
run brokenshp bash "$C" "$T/bad/broken.shp" "$T/bad/out.geojson"
check "refuses a broken .shp, naming it" failed_naming brokenshp broken.shp
check "no output file left after these failures" only_files "$T/bad" notes.txt broken.shp

mkdir -p "$T/noprj"
for e in shp shx dbf; do cp "${SAMPLE%.shp}.$e" "$T/noprj/qpv-noprj.$e"; done
run noprj bash "$C" "$T/noprj/qpv-noprj.shp" "$T/noprj/out.geojson"
check "refuses a layer without CRS, naming it" failed_naming noprj qpv-noprj.shp
check "... and tells the user to pass --s-srs (ogr2ogr -s_srs)" eval 'output_has noprj --s-srs && output_has noprj -s_srs'
check "... and leaves no output" only_files "$T/noprj" qpv-noprj.shp qpv-noprj.shx qpv-noprj.dbf
run noprj-ssrs bash "$C" "$T/noprj/qpv-noprj.shp" "$T/noprj/out.geojson" --s-srs EPSG:2154
check "--s-srs EPSG:2154 converts the layer without CRS into the Paris region" \
  eval 'succeeded noprj-ssrs && geo inside "$T/noprj/out.geojson" '"${PARIS_REGION[*]}"' && geo count "$T/noprj/out.geojson" 10'
echo previous >"$T/noprj/out.geojson"
run wrongsrs bash "$C" "$T/noprj/qpv-noprj.shp" "$T/noprj/out.geojson" --s-srs EPSG:4326
check "refuses a wrong --s-srs (metres read as degrees), naming the file" failed_naming wrongsrs qpv-noprj.shp
check "... keeps the previous output untouched and leaves no temporary file" \
  eval '[[ $(cat "$T/noprj/out.geojson") == previous ]] && only_files "$T/noprj" qpv-noprj.shp qpv-noprj.shx qpv-noprj.dbf out.geojson'

geo relabel "$out" "$T/bad/elsewhere.geojson" CODE_QP QP094001=QP069013 QP094003=QP013058 --only
run noidf bash "$C" "$T/bad/elsewhere.geojson" "$T/bad/out.geojson" --region idf
check "region idf: refuses a layer with no QPV in Île-de-France, naming it" failed_naming noidf elsewhere.geojson
geo with-properties "$out" "$T/bad/nocode.geojson" '[{"nom": "a"}]'
run nocode bash "$C" "$T/bad/nocode.geojson" "$T/bad/out.geojson" --region idf
check "region idf: refuses a layer without département or QP code field" failed_naming nocode nocode.geojson
run badregion bash "$C" "$SAMPLE" "$T/bad/out.geojson" --region paris
check "refuses --region other than idf|all" failed_naming badregion paris
check "no output file left after these failures" only_files "$T/bad" notes.txt broken.shp elsewhere.geojson nocode.geojson

# --- fetch-velib.sh with file:// URLs ------------------------------------------------------------------------
mkdir -p "$T/velib-src" "$T/velib-nogbfs"
cp "$DATA/station_information_2025-10-18.json" "$T/velib-src/station_information.json"
cp "$DATA/station_status_2025-10-18.json" "$T/velib-src/station_status.json"
cat >"$T/velib-src/gbfs.json" <<EOF
{"lastUpdatedOther": 1760778679, "ttl": 3600, "data": {"en": {"feeds": [
  {"name": "system_information", "url": "file://$T/velib-src/system_information.json"},
  {"name": "station_information", "url": "file://$T/velib-src/station_information.json"},
  {"name": "station_status", "url": "file://$T/velib-src/station_status.json"}]}}}
EOF
run velib env MAILLON_VELIB_GBFS_URL="file://$T/velib-src/gbfs.json" bash "$DS/fetch-velib.sh" "$T/velib"
check "fetch-velib: fetches both feeds listed in gbfs.json (exit 0)" succeeded velib
check "fetch-velib: files named station_{information,status}_YYYY-MM-DD.json, nothing else" bash -c '
  cd -- "$1" && ls | grep -Exq "station_information_[0-9]{4}-[0-9]{2}-[0-9]{2}\.json" \
    && ls | grep -Exq "station_status_[0-9]{4}-[0-9]{2}-[0-9]{2}\.json" && [[ $(ls -A | wc -l) == 2 ]]' _ "$T/velib"
check "fetch-velib: the files are the feeds, byte for byte" bash -c \
  'cmp "$1"/station_information_*.json "$2/station_information.json" && cmp "$1"/station_status_*.json "$2/station_status.json"' \
  _ "$T/velib" "$T/velib-src"
check "fetch-velib: prints what was fetched, its size and the station count" \
  eval 'output_has velib "station_information: 1495 stations" && grep -Eq "fetched .*station_status_.*\.json \([0-9.]+ kB\)" "$T/velib.out"'
cp "$T/velib-src/station_information.json" "$T/velib-src/station_status.json" "$T/velib-nogbfs/"
run velib-fallback env MAILLON_VELIB_GBFS_URL="file://$T/velib-nogbfs/gbfs.json" bash "$DS/fetch-velib.sh" "$T/velib2"
check "fetch-velib: without gbfs.json, falls back to the known URLs" \
  eval 'succeeded velib-fallback && ls "$T"/velib2/station_status_*.json >/dev/null'
echo '{"data": {"bikes": []}}' >"$T/velib-nogbfs/station_status.json"
run velib-bad env MAILLON_VELIB_GBFS_URL="file://$T/velib-nogbfs/gbfs.json" bash "$DS/fetch-velib.sh" "$T/velib3"
check "fetch-velib: refuses a feed without data.stations (non-zero exit, naming the feed)" failed_naming velib-bad station_status
check "fetch-velib: ... keeps no file of the bad feed, and no partial file" \
  bash -c 'cd -- "$1" && ls | grep -Exq "station_information_.*\.json" && [[ $(ls -A | wc -l) == 1 ]]' _ "$T/velib3"

# --- fetch-osm.sh with file:// URLs ---------------------------------------------------------------------------
mkdir -p "$T/geofabrik/test"
cp "$DATA/monaco-2016.osm.pbf" "$T/geofabrik/test/monaco-latest.osm.pbf"
(cd "$T/geofabrik/test" && md5sum monaco-latest.osm.pbf >monaco-latest.osm.pbf.md5)
run osm env MAILLON_GEOFABRIK_URL="file://$T/geofabrik" bash "$DS/fetch-osm.sh" test/monaco "$T/osm"
check "fetch-osm: downloads and verifies the extract (exit 0)" succeeded osm
check "fetch-osm: writes the extract and its .md5, nothing else" only_files "$T/osm" monaco-latest.osm.pbf monaco-latest.osm.pbf.md5
check "fetch-osm: prints the MD5 check, bbox and timestamp" \
  eval 'output_has osm "MD5 ok" && output_has osm "bbox:       7.349,43.71,7.491,43.77" && output_has osm "timestamp:  2016-03-05T00:26:02Z"'
run osm-again env MAILLON_GEOFABRIK_URL="file://$T/geofabrik" bash "$DS/fetch-osm.sh" test/monaco "$T/osm"
check "fetch-osm: a second run sees the file is current and does not download it again" \
  eval 'succeeded osm-again && output_has osm-again "not downloading it again"'
echo "0123456789abcdef0123456789abcdef  monaco-latest.osm.pbf" >"$T/geofabrik/test/monaco-latest.osm.pbf.md5"
run osm-badmd5 env MAILLON_GEOFABRIK_URL="file://$T/geofabrik" bash "$DS/fetch-osm.sh" test/monaco "$T/osm-bad"
check "fetch-osm: refuses an extract whose MD5 does not match (non-zero exit)" failed_naming osm-badmd5 "MD5"
check "fetch-osm: ... and leaves no file behind" only_files "$T/osm-bad"
run osm-missing env MAILLON_GEOFABRIK_URL="file://$T/geofabrik" bash "$DS/fetch-osm.sh" test/atlantis "$T/osm-bad"
check "fetch-osm: an unknown region fails, naming the URL" failed_naming osm-missing test/atlantis-latest.osm.pbf.md5

# --- fetch-qpv.sh with a file:// URL ---------------------------------------------------------------------------
# An archive laid out like the ANCT's: a whole-France WGS84 GeoJSON (2024 field names) and a Lambert-93 shapefile.
mkdir -p "$T/anct/GEOJSON" "$T/anct/SHP"
geo with-properties "$out" "$T/anct/GEOJSON/QP2024_France_Hexagonale_Outre_Mer_WGS84.geojson" '[
  {"code_qp": "QN09401M", "lib_qp": "A", "insee_com": "94041", "lib_com": "Ivry-sur-Seine"},
  {"code_qp": "QN06901M", "lib_qp": "B", "insee_com": "69123", "lib_com": "Lyon"},
  {"code_qp": "QN09301M", "lib_qp": "C", "insee_com": "93066", "lib_com": "Saint-Denis"}]'
for e in shp shx dbf prj; do cp "${SAMPLE%.shp}.$e" "$T/anct/SHP/QP2024_France_hexagonale_LB93.$e"; done
(cd "$T/anct" && python3 -c 'import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for n in sys.argv[2:]:
        z.write(n)' "$T/qpv-2024-geojson.zip" GEOJSON/*.geojson SHP/*)
run qpv env MAILLON_QPV_URL="file://$T/qpv-2024-geojson.zip" bash "$DS/fetch-qpv.sh" "$T/qpv"
check "fetch-qpv: downloads the zip and converts the WGS84 GeoJSON in it (exit 0)" \
  eval 'succeeded qpv && output_has qpv "converting GEOJSON/QP2024_France_Hexagonale_Outre_Mer_WGS84.geojson"'
check "fetch-qpv: keeps the archive and writes qpv2024-idf.geojson, nothing else" \
  only_files "$T/qpv" qpv2024-anct.zip qpv2024-idf.geojson
check "fetch-qpv: qpv2024-idf.geojson holds the Île-de-France QPV only" geo codes "$T/qpv/qpv2024-idf.geojson" lib_qp A,C
echo '<!doctype html><html><body>Page not found</body></html>' >"$T/not-found.html"
run qpv-html env MAILLON_QPV_URL="file://$T/not-found.html" bash "$DS/fetch-qpv.sh" "$T/qpv-bad"
check "fetch-qpv: refuses an HTML page instead of the data, pointing to QPV_URL" failed_naming qpv-html QPV_URL
check "fetch-qpv: ... and leaves no file behind" only_files "$T/qpv-bad"

echo "# $passed passed, $failed failed, $skipped skipped"
((failed == 0))
