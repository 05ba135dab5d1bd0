#!/usr/bin/env bash
# Downloads the QPV 2024 layer (quartiers prioritaires de la politique de la ville, ANCT, Licence Ouverte
# 2.0) from data.gouv.fr and converts it with convert-qpv.sh into the GeoJSON (EPSG:4326) maillon imports.
#
# Usage: data-scripts/fetch-qpv.sh [OUTDIR]
#   OUTDIR  default data/qpv. Writes OUTDIR/qpv2024-idf.geojson (or qpv2024-all.geojson) and keeps the
#           file as published: OUTDIR/qpv2024-anct.zip (or .geojson / .gpkg)
# Environment:
#   MAILLON_QPV_URL     overrides QPV_URL, set at the top of this script (the 2024 contours on data.gouv.fr)
#   MAILLON_QPV_REGION  idf (default: Île-de-France only) or all (the whole of France)
#   MAILLON_QPV_MEMBER  the file to convert inside the downloaded .zip (default: chosen by name, the
#                       whole-France WGS84 GeoJSON first)
#   MAILLON_QPV_NAME    output name prefix (default qpv2024)
set -euo pipefail

# Where the QPV 2024 layer is published: data.gouv.fr, dataset "Quartiers prioritaires de la politique
# de la ville (QPV)" by the ANCT:
#   https://www.data.gouv.fr/fr/datasets/quartiers-prioritaires-de-la-politique-de-la-ville-qpv/
# Resource URLs change when the ANCT republishes. To find the current one, open that page, section
# "Fichiers", take the 2024 contours (the GeoJSON zip "qpv-2024-geojson.zip"; the GeoPackage or shapefile
# zips work too) and copy its download link; the stable form is
# https://www.data.gouv.fr/fr/datasets/r/<resource id>. Or list the resources and their URLs with:
#   curl -sL https://www.data.gouv.fr/api/1/datasets/quartiers-prioritaires-de-la-politique-de-la-ville-qpv/ \
#     | python3 -c 'import json,sys; [print(r["title"], r["url"]) for r in json.load(sys.stdin)["resources"]]'
# Then set QPV_URL here, or run with MAILLON_QPV_URL=... (a local file works too: file:///path/qpv.zip).
QPV_URL="${MAILLON_QPV_URL:-https://www.data.gouv.fr/fr/datasets/r/942d4ee8-8142-4556-8ea1-335537ce1119}"

PROG=fetch-qpv.sh
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=data-scripts/common.sh
source "$HERE/common.sh"

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }

case ${1:-} in -h | --help) usage; exit 0 ;; -*) usage >&2; exit 2 ;; esac
(($# <= 1)) || { usage >&2; exit 2; }
OUTDIR=${1:-data/qpv}
REGION=${MAILLON_QPV_REGION:-idf}
NAME=${MAILLON_QPV_NAME:-qpv2024}
case $REGION in idf | all) ;; *) die "MAILLON_QPV_REGION must be idf or all, not '$REGION'" ;; esac

need_cmd curl python3 ogr2ogr ogrinfo

mkdir -p -- "$OUTDIR" || die "cannot create $OUTDIR"
work=$(mktemp -d "$OUTDIR/.fetch-qpv.XXXXXX") || die "cannot create a temporary directory in $OUTDIR"
cleanup_add "$work"

# check_kind FILE: the download is a zip, a GeoPackage or a GeoJSON (not, say, an HTML page); sets $kind.
kind=''
check_kind() {
  kind=$(python3 - "$1" <<'EOF'
import sys
head = open(sys.argv[1], "rb").read(64)
if head.startswith(b"PK\x03\x04"):
    print("zip")
elif head.startswith(b"SQLite format 3\x00"):
    print("gpkg")
elif head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
    print("geojson")
EOF
  )
  [[ -n $kind ]] && return 0
  warn "the download is neither a zip, a GeoPackage nor a GeoJSON; it starts with: $(head -c 120 -- "$1" | tr -c '[:print:]' ' ')"
  warn "QPV_URL may be out of date: see the comment at the top of $0"
  return 1
}

download "$QPV_URL" "$work/download" check_kind || die "could not download the QPV layer from $QPV_URL"
raw=$OUTDIR/$NAME-anct.$kind
mv -f -- "$work/download" "$raw"
info "kept the file as published: $raw"

src=$raw
if [[ $kind == zip ]]; then
  member=$(python3 - "$raw" "${MAILLON_QPV_MEMBER:-}" <<'EOF'
import re, sys, zipfile

names = [n for n in zipfile.ZipFile(sys.argv[1]).namelist() if not n.endswith("/")]
wanted = sys.argv[2]
if wanted:
    if wanted not in names:
        sys.exit(f"no {wanted!r} in the archive; it holds: " + ", ".join(names))
    print(wanted)
    sys.exit(0)
layers = [n for n in names if re.search(r"\.(geojson|json|gpkg|shp)$", n, re.I)]

def rank(n):  # smaller is better
    low = n.lower()
    whole = ("hexagonale" in low and "outre" in low) or "metropole" in low or "france" in low
    return (
        not low.endswith((".geojson", ".json", ".gpkg", ".shp")),
        not whole,                       # the whole of France rather than one territory
        not ("wgs84" in low or "4326" in low),  # already longitude/latitude
        [".geojson", ".gpkg", ".json", ".shp"].index(re.search(r"\.[a-z]+$", low).group()),
        len(n),
    )

if not layers:
    sys.exit("no GeoJSON, GeoPackage or shapefile in the archive; it holds: " + ", ".join(names))
layers.sort(key=rank)
print(layers[0])
EOF
  ) || die "cannot choose the layer to convert in $raw (set MAILLON_QPV_MEMBER)"
  info "converting $member from the archive"
  src=/vsizip/$(cd -- "$(dirname -- "$raw")" && pwd)/$(basename -- "$raw")/$member
fi

bash "$HERE/convert-qpv.sh" "$src" "$OUTDIR/$NAME-$REGION.geojson" --region "$REGION" \
  || die "could not convert $src"
info "QPV: source ANCT, « Quartiers prioritaires de la politique de la ville », Licence Ouverte 2.0"
