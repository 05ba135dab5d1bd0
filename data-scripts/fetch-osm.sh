#!/usr/bin/env bash
# Downloads a Geofabrik OpenStreetMap extract, verifies it against the .md5 file Geofabrik publishes
# next to it, checks it with `osmium fileinfo`, and prints its bounding box and timestamp.
#
# Usage: data-scripts/fetch-osm.sh [REGION] [OUTDIR]
#   REGION  Geofabrik path without "-latest.osm.pbf" (default: europe/france/ile-de-france), as listed
#           on https://download.geofabrik.de/ , e.g. europe/france, europe/monaco
#   OUTDIR  directory for the extract (default: data/osm); the file is named after the last part of
#           REGION: data/osm/ile-de-france-latest.osm.pbf, with its .md5 next to it
# Environment:
#   MAILLON_GEOFABRIK_URL   base URL (default https://download.geofabrik.de), e.g. a mirror
#   MAILLON_OSM_FULL_CHECK  1 (default): osmium reads the whole file (counts, newest object; about a
#                           minute for Île-de-France); 0: header only
# The data: © OpenStreetMap contributors, Open Database License (ODbL) 1.0.
set -euo pipefail

PROG=fetch-osm.sh
# shellcheck source=data-scripts/common.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }

case ${1:-} in -h | --help) usage; exit 0 ;; -*) usage >&2; exit 2 ;; esac
(($# <= 2)) || { usage >&2; exit 2; }

REGION=${1:-europe/france/ile-de-france}
OUTDIR=${2:-data/osm}
BASE_URL=${MAILLON_GEOFABRIK_URL:-https://download.geofabrik.de}
BASE_URL=${BASE_URL%/}
FULL_CHECK=${MAILLON_OSM_FULL_CHECK:-1}

REGION=${REGION%/}
REGION=${REGION%-latest.osm.pbf}
[[ $REGION =~ ^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*$ ]] \
  || die "REGION must look like europe/france/ile-de-france, not '$REGION'"

need_cmd curl osmium python3

name=${REGION##*/}-latest.osm.pbf
url=$BASE_URL/$REGION-latest.osm.pbf
dest=$OUTDIR/$name

mkdir -p -- "$OUTDIR" || die "cannot create $OUTDIR"
work=$(mktemp -d "$OUTDIR/.fetch-osm.XXXXXX") || die "cannot create a temporary directory in $OUTDIR"
cleanup_add "$work"

md5_of() {
  if command -v md5sum >/dev/null 2>&1; then
    md5sum -- "$1" | cut -d' ' -f1
  else
    python3 -c 'import hashlib, sys
h = hashlib.md5()
with open(sys.argv[1], "rb") as f:
    for block in iter(lambda: f.read(1 << 20), b""):
        h.update(block)
print(h.hexdigest())' "$1"
  fi
}

# Published checksum: "<32 hex digits>  <file name>".
fetch_md5() {
  download "$url.md5" "$work/$name.md5" || die "cannot fetch the checksum $url.md5 (is REGION right? see https://download.geofabrik.de/)"
  expected=$(awk 'NR == 1 { print tolower($1) }' "$work/$name.md5")
  [[ $expected =~ ^[0-9a-f]{32}$ ]] || die "$url.md5 does not hold an MD5 checksum"
}

md5_mismatch=0
# check_pbf FILE: the download's MD5 matches the published one and osmium can read it.
check_pbf() {
  local got
  got=$(md5_of "$1")
  if [[ $got != "$expected" ]]; then
    md5_mismatch=1
    warn "MD5 mismatch: got $got, Geofabrik publishes $expected"
    return 1
  fi
  info "MD5 ok ($got)"
  osmium_check "$1"
}

osmium_check() {
  local opts=(-j -F pbf)
  [[ $FULL_CHECK == 0 ]] || opts+=(-e)
  if ! osmium fileinfo "${opts[@]}" -- "$1" >"$work/fileinfo.json" 2>"$work/osmium.err"; then
    cat -- "$work/osmium.err" >&2
    warn "osmium cannot read $1"
    return 1
  fi
}

expected=
fetch_md5
if [[ -f $dest ]] && [[ $(md5_of "$dest") == "$expected" ]]; then
  info "$dest is already the published extract (MD5 $expected): not downloading it again"
  osmium_check "$dest" || die "osmium cannot read $dest: delete it and run again"
else
  if ! download "$url" "$dest" check_pbf; then
    ((md5_mismatch)) || die "could not download a valid $url"
    # Geofabrik may have replaced the extract between our two requests: take the new checksum, once.
    first=$expected
    fetch_md5
    [[ $expected != "$first" ]] || die "the download of $url does not match its published MD5 (corrupted transfer?): run again"
    info "Geofabrik published a new extract during the download: downloading it again"
    md5_mismatch=0
    download "$url" "$dest" check_pbf || die "could not download a valid $url"
  fi
fi
_normal_mode "$work/$name.md5"
mv -f -- "$work/$name.md5" "$dest.md5"

python3 - "$work/fileinfo.json" "$dest" "$REGION" <<'EOF'
import json, sys

info = json.load(open(sys.argv[1]))
dest, region = sys.argv[2], sys.argv[3]
header, data = info.get("header", {}), info.get("data", {})
opts = header.get("option", {})

def box(b):
    return ",".join("%.7g" % v for v in b)

print(f"region:     {region}")
print(f"file:       {dest} ({info['file']['size']:,} bytes, {info['file']['format']})")
if header.get("boxes"):
    print(f"bbox:       {box(header['boxes'][0])} (lon/lat min,max, from the file header)")
if data.get("bbox"):
    print(f"data bbox:  {box(data['bbox'])}")
stamp = opts.get("osmosis_replication_timestamp") or opts.get("timestamp")
print(f"timestamp:  {stamp or 'not in the header'}" + (" (replication timestamp: data up to this time)" if stamp else ""))
if data.get("timestamp"):
    print(f"objects:    {data['count']['nodes']:,} nodes, {data['count']['ways']:,} ways, "
          f"{data['count']['relations']:,} relations; newest object edited {data['timestamp']['last']}")
print("licence:    © OpenStreetMap contributors, ODbL 1.0")
EOF
