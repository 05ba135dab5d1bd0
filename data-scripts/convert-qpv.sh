#!/usr/bin/env bash
# Converts a QPV layer (quartiers prioritaires de la politique de la ville) that GDAL can read into
# the GeoJSON maillon imports: EPSG:4326 longitude/latitude, RFC 7946, 7 decimals (~1 cm), geometries
# made valid, fields kept as published (2024: code_qp, lib_qp, insee_com, lib_com, ...; 2015: CODE_QP,
# NOM_QP, COMMUNE_QP). INPUT may be a shapefile (with its .shx, .dbf and .prj), a GeoPackage, a GeoJSON,
# a .zip holding one of them, or any GDAL path (/vsizip/archive.zip/member.shp), in any CRS, e.g. the
# Lambert-93 (EPSG:2154) shapefile planners often receive.
#
# Usage: data-scripts/convert-qpv.sh INPUT OUTPUT.geojson [--region idf|all] [--s-srs CRS] [--layer NAME]
#   --region idf   keep only the QPV of Île-de-France (départements 75, 77, 78, 91, 92, 93, 94, 95),
#                  taken from the commune INSEE code (insee_com) when a feature has one, else from
#                  insee_dep, else from the QP code (QP093012, QN07501M: 3 digits after "QP"/"QN")
#   --region all   keep every feature (default)
#   --s-srs CRS    source CRS (ogr2ogr's -s_srs), e.g. EPSG:2154, for a layer without one (a shapefile
#                  without its .prj) or with a wrong one
#   --layer NAME   the layer to convert when INPUT holds several
# OUTPUT is written to a temporary file in its directory and renamed when complete and checked.
set -euo pipefail

PROG=convert-qpv.sh
IDF_DEPS=(75 77 78 91 92 93 94 95)

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }
die() {
  printf '%s: error: %s\n' "$PROG" "$*" >&2
  exit 1
}
warn() { printf '%s: warning: %s\n' "$PROG" "$*" >&2; }

region=all s_srs='' layer='' args=()
while (($# > 0)); do
  case $1 in
    -h | --help) usage; exit 0 ;;
    --region | --s-srs | --s_srs | --layer)
      (($# >= 2)) || die "$1 needs a value (see --help)"
      case $1 in --region) region=$2 ;; --layer) layer=$2 ;; *) s_srs=$2 ;; esac
      shift 2 ;;
    --region=*) region=${1#*=}; shift ;;
    --s-srs=* | --s_srs=*) s_srs=${1#*=}; shift ;;
    --layer=*) layer=${1#*=}; shift ;;
    --) shift; args+=("$@"); break ;;
    -?*) die "unknown option '$1' (see --help)" ;;
    *) args+=("$1"); shift ;;
  esac
done
if ((${#args[@]} != 2)); then
  usage >&2
  exit 2
fi
input=${args[0]} output=${args[1]}
case $region in idf | all) ;; *) die "--region must be idf or all, not '$region'" ;; esac
[[ -n $output && ! -d $output ]] || die "OUTPUT must be a file name, not '$output'"
for c in ogrinfo ogr2ogr; do
  command -v "$c" >/dev/null 2>&1 || die "'$c' (GDAL, Debian package gdal-bin) is required but not installed"
done

# --- open the input --------------------------------------------------------------------------------
src=$input
[[ $src != -* ]] || src=./$src # GDAL's tools would take it for an option
[[ $output != -* ]] || output=./$output
if [[ $input != /vsi* ]]; then
  [[ -e $input ]] || die "input not found: $input"
  [[ -r $input ]] || die "input not readable: $input"
fi
if ! summary=$(ogrinfo -ro -so -al "$src" 2>/dev/null); then
  summary=''
  if [[ $input == *.[zZ][iI][pP] && $input != /vsi* ]]; then
    src=/vsizip/$(cd -- "$(dirname -- "$input")" && pwd)/$(basename -- "$input")
    summary=$(ogrinfo -ro -so -al "$src" 2>/dev/null) || summary=''
  fi
  [[ -n $summary ]] || die "cannot read '$input': GDAL does not recognise it as a vector layer" \
    "(a shapefile needs its .shx and .dbf next to the .shp; a .zip holding several files is read as" \
    "/vsizip/ARCHIVE.zip/PATH/IN/ARCHIVE.shp)"
fi

layers=()
while IFS= read -r l; do layers+=("$l"); done < <(sed -n 's/^Layer name: //p' <<<"$summary")
((${#layers[@]} > 0)) || die "cannot read '$input': GDAL finds no vector layer in it"
if [[ -n $layer ]]; then
  found=0
  for l in "${layers[@]}"; do [[ $l == "$layer" ]] && found=1; done
  ((found)) || die "'$input' has no layer '$layer' (layers: ${layers[*]})"
elif ((${#layers[@]} > 1)); then
  die "'$input' holds ${#layers[@]} layers (${layers[*]}): choose one with --layer NAME"
else
  layer=${layers[0]}
fi

linfo=$(ogrinfo -ro -so "$src" "$layer" 2>/dev/null) || die "cannot read layer '$layer' of '$input'"
geom_type=$(sed -n 's/^Geometry: //p' <<<"$linfo" | head -n 1)
in_count=$(sed -n 's/^Feature Count: //p' <<<"$linfo" | head -n 1)
srs_first=$(sed -n '/^Layer SRS WKT:/{n;p;q;}' <<<"$linfo")
fields=()
while IFS= read -r f; do fields+=("$f"); done < <(
  sed -n 's/^\([^[:space:]][^:]*\): [A-Za-z0-9]*\(([A-Za-z0-9]*)\)\{0,1\} ([0-9.]*)$/\1/p' <<<"$linfo")

case $geom_type in
  *Polygon* | *Unknown* | *Collection*) ;;
  *) die "'$input' (layer '$layer') has ${geom_type:-no} geometries: a QPV layer holds polygons" ;;
esac
[[ $in_count =~ ^[0-9]+$ ]] || die "cannot count the features of '$input' (layer '$layer')"
((in_count > 0)) || die "'$input' (layer '$layer') has no features"
if [[ -z $s_srs && ( -z $srs_first || $srs_first == "(unknown)" ) ]]; then
  die "'$input' (layer '$layer') has no coordinate reference system (a shapefile without its .prj?)." \
    "Tell it which one with --s-srs EPSG:XXXX (passed to ogr2ogr as -s_srs), e.g. --s-srs EPSG:2154 for Lambert-93"
fi

# --- Île-de-France filter ------------------------------------------------------------------------------
field_named() { # the layer's field whose lower-case name is one of the arguments, in that order
  local want f
  for want in "$@"; do
    for f in "${fields[@]+"${fields[@]}"}"; do
      if [[ $(tr '[:upper:]' '[:lower:]' <<<"$f") == "$want" ]]; then
        printf '%s\n' "$f"
        return 0
      fi
    done
  done
  return 1
}
str() { printf 'CAST("%s" AS CHARACTER(254))' "$1"; }
is_empty() { printf '("%s" IS NULL OR %s = '"''"')' "$1" "$(str "$1")"; }
or_join() {
  local out='' c
  for c in "$@"; do out+="${out:+ OR }$c"; done
  printf '(%s)' "$out"
}
com_matches() { # an INSEE commune code (or a comma-separated list of them) of an IDF département
  local d parts=()
  for d in "${IDF_DEPS[@]}"; do
    parts+=("$(str "$1") LIKE '$d%'" "$(str "$1") LIKE '%,$d%'" "$(str "$1") LIKE '%, $d%'")
  done
  or_join "${parts[@]}"
}
dep_matches() {
  local d parts=()
  for d in "${IDF_DEPS[@]}"; do parts+=("$(str "$1") = '$d'" "$(str "$1") = '0$d'"); done
  or_join "${parts[@]}"
}
code_matches() { # QP093012 (2015), QN07501M (2024): "Q", a letter, the département on 3 digits
  local d parts=()
  for d in "${IDF_DEPS[@]}"; do parts+=("$(str "$1") LIKE 'Q_0$d%'"); done
  or_join "${parts[@]}"
}

where='' filter_note=''
if [[ $region == idf ]]; then
  clauses=() earlier_empty='' used=()
  com_field=$(field_named insee_com code_insee insee_comm) || com_field=''
  dep_field=$(field_named insee_dep code_dep dep) || dep_field=''
  code_field=$(field_named code_qp code_qpv code) || code_field=''
  for kind in com dep code; do
    case $kind in
      com) f=$com_field ;;
      dep) f=$dep_field ;;
      code) f=$code_field ;;
    esac
    [[ -n $f ]] || continue
    clauses+=("($("${kind}_matches" "$f")${earlier_empty:+ AND $earlier_empty})")
    earlier_empty+="${earlier_empty:+ AND }$(is_empty "$f")"
    used+=("$f")
  done
  ((${#clauses[@]} > 0)) || die "cannot tell the département of the QPV in '$input': it has none of the" \
    "fields insee_com, insee_dep, code_qp/CODE_QP or code (fields: ${fields[*]:-none}); use --region all"
  where=$(or_join "${clauses[@]}")
  kept=$(ogrinfo -ro -so -where "$where" "$src" "$layer" 2>/dev/null | sed -n 's/^Feature Count: //p' | head -n 1) \
    || kept=''
  [[ $kept =~ ^[0-9]+$ ]] || die "cannot filter '$input' by département (field ${used[*]})"
  ((kept > 0)) || die "'$input' has no QPV in Île-de-France (départements ${IDF_DEPS[*]}, read from ${used[*]})"
  used_list=$(printf '%s, then ' "${used[@]}")
  filter_note=" (Île-de-France only, département read from ${used_list%, then })"
else
  kept=$in_count
fi

# --- convert into a temporary file next to OUTPUT, check, rename ------------------------------------------
out_dir=$(dirname -- "$output")
mkdir -p -- "$out_dir" || die "cannot create the directory $out_dir"
tmpd=$(mktemp -d "$out_dir/.convert-qpv.XXXXXX") || die "cannot create a temporary directory in $out_dir"
trap 'rm -rf -- "$tmpd"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
out_name=$(basename -- "$output")
out_name=${out_name%.*}
tmp_out=$tmpd/$out_name.geojson

opts=(-f GeoJSON -t_srs EPSG:4326 -makevalid -lco RFC7946=YES -lco COORDINATE_PRECISION=7 -nln "$out_name")
[[ -z $s_srs ]] || opts+=(-s_srs "$s_srs")
[[ -z $where ]] || opts+=(-where "$where")
ogr2ogr "${opts[@]}" "$tmp_out" "$src" "$layer" || die "ogr2ogr could not convert '$input' (layer '$layer')"

oinfo=$(ogrinfo -ro -so "$tmp_out" "$out_name" 2>/dev/null) || die "ogr2ogr wrote an unreadable file for '$input'"
out_count=$(sed -n 's/^Feature Count: //p' <<<"$oinfo" | head -n 1)
[[ $out_count == "$kept" ]] \
  || die "the conversion of '$input' kept ${out_count:-no} features instead of $kept (geometries that could not be repaired?)"
extent=$(sed -n 's/^Extent: //p' <<<"$oinfo" | head -n 1)
# The line reads "(xmin, ymin) - (xmax, ymax)".
read -r xmin ymin xmax ymax < <(sed 's/[(),]/ /g; s/ - / /' <<<"$extent" | awk '{ print $1, $2, $3, $4 }')
awk -v a="$xmin" -v b="$ymin" -v c="$xmax" -v d="$ymax" \
  'BEGIN { exit !(a >= -180 && c <= 180 && b >= -90 && d <= 90) }' \
  || die "the converted coordinates of '$input' are not longitudes/latitudes (extent: ${extent:-none, the geometries are empty}):" \
    "its CRS is wrong or missing; give the right one with --s-srs EPSG:XXXX (EPSG:2154 for Lambert-93)"
if [[ $region == idf ]]; then
  awk -v a="$xmin" -v b="$ymin" -v c="$xmax" -v d="$ymax" \
    'BEGIN { exit !(a >= 1.4 && c <= 3.6 && b >= 48.1 && d <= 49.3) }' \
    || warn "the QPV kept extend beyond Île-de-France (extent $extent): check the source CRS"
fi

mv -f -- "$tmp_out" "$output" || die "cannot write $output"
printf '%s: wrote %s: %s of the %s features of %s%s; EPSG:4326; fields: %s; extent %s\n' \
  "$PROG" "$output" "$out_count" "$in_count" "$input" "$filter_note" "${fields[*]:-none}" "$extent"
