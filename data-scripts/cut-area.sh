#!/usr/bin/env bash
# Cuts a study area for `maillon analyze --area` (docs/area.md): the features of a polygon layer whose
# FIELD equals VALUE (a commune's INSEE code, an EPT's name, a département number…), united, in
# EPSG:4326 GeoJSON. LAYER is anything GDAL reads (GeoPackage, shapefile in Lambert-93, GeoJSON, a
# .zip): the IGN ADMIN EXPRESS communes, the EPCI layer for EPT, the QPV layer, or the admin
# boundaries of an OSM extract exported with --osm.
#
# Usage:
#   data-scripts/cut-area.sh LAYER FIELD VALUE OUTPUT.geojson [--layer NAME]
#   data-scripts/cut-area.sh --osm EXTRACT.osm.pbf NAME OUTPUT.geojson [--admin-level 8]
#     the boundary relation (boundary=administrative, admin_level 8 by default; 7 or 6 for larger
#     areas) named NAME in the extract, through osmium-tool
# OUTPUT is written to a temporary file in its directory and renamed when complete and checked.
set -euo pipefail

PROG=cut-area.sh
# shellcheck source=data-scripts/common.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }

osm='' layer='' level=8 args=()
while (($# > 0)); do
  case $1 in
    -h | --help) usage; exit 0 ;;
    --osm) osm=1; shift ;;
    --layer | --admin-level)
      (($# >= 2)) || die "$1 needs a value (see --help)"
      [[ $1 == --layer ]] && layer=$2 || level=$2
      shift 2 ;;
    -*) die "unknown option '$1' (see --help)" ;;
    *) args+=("$1"); shift ;;
  esac
done
need_cmd ogr2ogr ogrinfo

if [[ -n $osm ]]; then
  ((${#args[@]} == 3)) || die "usage: $PROG --osm EXTRACT.osm.pbf NAME OUTPUT.geojson (see --help)"
  extract=${args[0]} name=${args[1]} output=${args[2]}
  [[ -f $extract ]] || die "extract '$extract' not found"
  [[ $level =~ ^[0-9]+$ ]] || die "--admin-level must be a number, not '$level'"
  need_cmd osmium
  work=$(mktemp -d) && cleanup_add "$work"
  osmium tags-filter "$extract" "r/boundary=administrative" -o "$work/boundaries.osm.pbf" \
    || die "osmium could not read '$extract'"
  osmium export -f geojson --geometry-types=polygon "$work/boundaries.osm.pbf" -o "$work/boundaries.geojson" \
    || die "osmium could not assemble the boundaries of '$extract'"
  src="$work/boundaries.geojson"
  where="\"admin_level\" = '$level' AND \"name\" = '${name//\'/\'\'}'"
  what="no boundary of admin_level $level named '$name' in '$extract' (is the whole boundary in the extract? Geofabrik extracts hold their region's)"
else
  ((${#args[@]} == 4)) || die "usage: $PROG LAYER FIELD VALUE OUTPUT.geojson (see --help)"
  src=${args[0]} field=${args[1]} value=${args[2]} output=${args[3]}
  [[ -e $src || $src == /vsi* ]] || die "layer '$src' not found"
  [[ $field =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "field name '$field' is not a plain name"
  where="\"$field\" = '${value//\'/\'\'}'"
  what="no feature of '$src' has $field = '$value' (ogrinfo -so '$src' lists the fields)"
fi

out_dir=$(dirname -- "$output")
[[ -d $out_dir && -w $out_dir ]] || die "cannot write into '$out_dir'"
tmp="$out_dir/.$(basename -- "$output").tmp-$$.geojson"
cleanup_add "$tmp"
# One feature: the union of those selected, valid, in longitude/latitude with 7 decimals (~1 cm).
layer_args=()
[[ -n $layer ]] && layer_args=("$layer")
ogr2ogr -f GeoJSON -t_srs EPSG:4326 -lco RFC7946=YES -lco COORDINATE_PRECISION=7 -makevalid \
  -where "$where" -nlt MULTIPOLYGON "$tmp" "$src" "${layer_args[@]}" 2>"$tmp.log" \
  || { cat "$tmp.log" >&2; rm -f "$tmp.log"; die "ogr2ogr could not read '$src'"; }
rm -f "$tmp.log"
count=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["features"]))' "$tmp") \
  || die "ogr2ogr wrote an unreadable file"
((count > 0)) || die "$what"
mv -f -- "$tmp" "$output"
info "wrote $output: $count feature(s), EPSG:4326"
