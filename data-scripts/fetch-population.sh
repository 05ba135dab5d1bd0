#!/usr/bin/env bash
# Downloads INSEE's gridded population (Filosofi, « données carroyées », 200 m cells; Licence Ouverte 2.0, « Source :
# Insee, Filosofi ») or converts a copy you have, cuts it to a box or a département, and writes the CSV that
# `maillon analyze --population` reads (idcar_200m,ind). A cell is kept when its centre lies in the box, or when one
# of its communes (INSEE's lcog_geo column) is in the département.
#
# Usage: data-scripts/fetch-population.sh (--bbox MINLON,MINLAT,MAXLON,MAXLAT | --departement CODE) [--from FILE] [OUTDIR]
#   --bbox        WGS84 longitude/latitude box, e.g. 2.22,48.81,2.47,48.91 (Paris)
#   --departement a département code, e.g. 75, 93, 2A (needs the lcog_geo column of the 2019+ releases)
#   --from FILE   convert this file instead of downloading: INSEE's zip, a GeoPackage, a shapefile, or a CSV
#                 (plain or .gz) with idcar_200m/IdINSPIRE and ind columns
#   OUTDIR        default data/population. Writes OUTDIR/filosofi-200m-<cut>.csv, and keeps a download as published
#                 in OUTDIR/filosofi-200m-insee.zip
# Environment:
#   MAILLON_POPULATION_URL     overrides POPULATION_URL, set at the top of this script
#   MAILLON_POPULATION_MEMBER  the file to convert inside a .zip (default: the GeoPackage, else the CSV, else the
#                              shapefile, metropolitan France first)
#   MAILLON_POPULATION_NAME    output name (default filosofi-200m-<cut>.csv)
set -euo pipefail

# Where INSEE publishes the grid: « Revenus, pauvreté et niveau de vie en 2019 - Données carroyées »,
#   https://www.insee.fr/fr/statistiques/7655475 (section « Carreaux de 200 m »; the 2021 release, when published,
#   is on the Filosofi pages of insee.fr under the same name). The file is a zip of a GeoPackage of metropolitan
#   France (about 2.3 million cells). INSEE moves files between releases: if the download fails or is not a zip,
#   open that page, copy the link of the 200 m GeoPackage (or CSV) archive, and set POPULATION_URL here or run with
#   MAILLON_POPULATION_URL=... (a local file works too: file:///path/Filosofi2019_carreaux_200m_gpkg.zip).
POPULATION_URL="${MAILLON_POPULATION_URL:-https://www.insee.fr/fr/statistiques/fichier/7655475/Filosofi2019_carreaux_200m_gpkg.zip}"

PROG=fetch-population.sh
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=data-scripts/common.sh
source "$HERE/common.sh"

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }

bbox='' dep='' from='' outdir=''
while (($# > 0)); do
  case $1 in
    -h | --help) usage; exit 0 ;;
    --bbox) (($# >= 2)) || { usage >&2; exit 2; }; bbox=$2; shift 2 ;;
    --bbox=*) bbox=${1#--bbox=}; shift ;;
    --departement) (($# >= 2)) || { usage >&2; exit 2; }; dep=$2; shift 2 ;;
    --departement=*) dep=${1#--departement=}; shift ;;
    --from) (($# >= 2)) || { usage >&2; exit 2; }; from=$2; shift 2 ;;
    -*) echo "$PROG: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) [[ -z $outdir ]] || { usage >&2; exit 2; }; outdir=$1; shift ;;
  esac
done
outdir=${outdir:-data/population}
if [[ -n $bbox && -n $dep ]] || [[ -z $bbox && -z $dep ]]; then
  echo "$PROG: give exactly one of --bbox MINLON,MINLAT,MAXLON,MAXLAT and --departement CODE" >&2
  exit 2
fi
if [[ -n $bbox ]]; then
  python3 - "$bbox" <<'EOF' || exit 2
import sys
try:
    v = [float(x) for x in sys.argv[1].split(",")]
    assert len(v) == 4
except (ValueError, AssertionError):
    sys.exit(f"fetch-population.sh: --bbox must be MINLON,MINLAT,MAXLON,MAXLAT (4 numbers), not {sys.argv[1]!r}")
if not (-180 <= v[0] < v[2] <= 180 and -90 <= v[1] < v[3] <= 90):
    sys.exit(f"fetch-population.sh: --bbox {sys.argv[1]} is not a box in longitude/latitude "
             "(MINLON < MAXLON, MINLAT < MAXLAT, degrees; e.g. 2.22,48.81,2.47,48.91)")
EOF
  cut_name=bbox-${bbox//,/_}
else
  [[ $dep =~ ^([0-9]{2,3}|2[AaBb])$ ]] || { echo "$PROG: --departement must be a code such as 75, 93, 974 or 2A, not '$dep'" >&2; exit 2; }
  dep=${dep^^}
  cut_name=dep-$dep
fi

need_cmd python3 ogr2ogr gdaltransform
[[ -n $from || -n $(command -v curl) ]] || die "'curl' is required to download (or give --from FILE)"

mkdir -p -- "$outdir" || die "cannot create $outdir"
work=$(mktemp -d "$outdir/.fetch-population.XXXXXX") || die "cannot create a temporary directory in $outdir"
cleanup_add "$work"

# check_kind FILE: what the file is (zip, gpkg, shp, csv, gz); sets $kind, fails on anything else (an HTML page…).
kind=''
check_kind() {
  kind=$(python3 - "$1" <<'EOF'
import sys
head = open(sys.argv[1], "rb").read(256)
if head.startswith(b"PK\x03\x04"):
    print("zip")
elif head.startswith(b"SQLite format 3\x00"):
    print("gpkg")
elif head.startswith(b"\x00\x00\x27\x0a"):
    print("shp")
elif head.startswith(b"\x1f\x8b"):
    print("gz")
elif b"," in head.split(b"\n")[0] or b";" in head.split(b"\n")[0]:
    if not head.lstrip().lower().startswith((b"<!doctype", b"<html")):
        print("csv")
EOF
  )
  [[ -n $kind ]] && return 0
  warn "not a zip, GeoPackage, shapefile or CSV; it starts with: $(head -c 120 -- "$1" | tr -c '[:print:]' ' ')"
  [[ -n $from ]] || warn "POPULATION_URL may be out of date: see the comment at the top of $0"
  return 1
}

if [[ -n $from ]]; then
  [[ -f $from ]] || die "no file '$from'"
  check_kind "$from" || die "cannot convert '$from'"
  src=$(cd -- "$(dirname -- "$from")" && pwd)/$(basename -- "$from")
else
  download "$POPULATION_URL" "$work/download" check_kind || die "could not download the population grid from $POPULATION_URL"
  src=$outdir/filosofi-200m-insee.$kind
  mv -f -- "$work/download" "$src"
  info "kept the file as published: $src"
  src=$(cd -- "$(dirname -- "$src")" && pwd)/$(basename -- "$src")
fi

if [[ $kind == zip ]]; then
  member=$(python3 - "$src" "${MAILLON_POPULATION_MEMBER:-}" <<'EOF'
import re, sys, zipfile
names = [n for n in zipfile.ZipFile(sys.argv[1]).namelist() if not n.endswith("/")]
if sys.argv[2]:
    if sys.argv[2] not in names:
        sys.exit(f"no {sys.argv[2]!r} in the archive; it holds: " + ", ".join(names))
    print(sys.argv[2]); sys.exit(0)
layers = [n for n in names if re.search(r"\.(gpkg|csv|shp)$", n, re.I)]
if not layers:
    sys.exit("no GeoPackage, CSV or shapefile in the archive; it holds: " + ", ".join(names))
def rank(n):
    low = n.lower()
    return (not ("met" in low or "france" in low), [".gpkg", ".csv", ".shp"].index(re.search(r"\.[a-z]+$", low).group()), len(n))
print(sorted(layers, key=rank)[0])
EOF
  ) || die "cannot choose the file to convert in $src (set MAILLON_POPULATION_MEMBER)"
  info "converting $member from the archive"
  src=/vsizip/$src/$member
  case ${member,,} in *.csv) kind=csv ;; *.gpkg) kind=gpkg ;; *) kind=shp ;; esac
fi

# 1. Everything to one plain CSV of the attributes (the geometry is not needed: the cell id says where the cell is).
#    Spatial formats are pre-cut to the box by ogr2ogr (-spat in WGS84), which keeps a national file cheap.
table=$work/cells.csv
if [[ $kind == csv || $kind == gz ]]; then
  if [[ $src == /vsizip/* ]]; then
    ogr2ogr -f CSV "$table" "$src" || die "ogr2ogr cannot read $src"
  elif [[ $kind == gz ]]; then
    python3 -c 'import gzip,shutil,sys; shutil.copyfileobj(gzip.open(sys.argv[1], "rb"), open(sys.argv[2], "wb"))' "$src" "$table" \
      || die "cannot decompress $src"
  else
    cp -- "$src" "$table"
  fi
else
  spat=()
  if [[ -n $bbox ]]; then
    IFS=, read -r x0 y0 x1 y1 <<<"$bbox"
    spat=(-spat "$x0" "$y0" "$x1" "$y1" -spat_srs EPSG:4326)
  fi
  ogr2ogr -f CSV "${spat[@]}" "$table" "$src" || die "ogr2ogr cannot convert $src to CSV"
fi

# 2. The cut, on the cell ids: centres projected with GDAL (gdaltransform, EPSG:3035 -> WGS84) for a box, INSEE's
#    lcog_geo (the cell's communes) for a département. Then the two columns maillon reads.
name=${MAILLON_POPULATION_NAME:-filosofi-200m-$cut_name.csv}
out=$outdir/$name
python3 - "$table" "$work/out.csv" "$bbox" "$dep" <<'EOF' || die "could not cut the grid"
import csv, re, subprocess, sys
src, dst, bbox, dep = sys.argv[1:5]
ID = re.compile(r"^CRS3035RES(\d+)mN(\d+)E(\d+)$", re.I)
with open(src, newline="", encoding="utf-8-sig") as f:
    sample = f.read(4096)
    f.seek(0)
    delim = ";" if sample.split("\n")[0].count(";") > sample.split("\n")[0].count(",") else ","
    rows = csv.reader(f, delimiter=delim)
    header = next(rows, None) or []
    low = [h.strip().lower() for h in header]
    def col(*names):
        for n in names:
            if n in low:
                return low.index(n)
        return -1
    i_id, i_pop, i_com = col("idcar_200m", "idinspire", "id_inspire", "idcar"), col("ind", "ind_c"), col("lcog_geo", "depcom")
    if i_id < 0 or i_pop < 0:
        sys.exit(f"the grid has no cell-id (idcar_200m, IdINSPIRE) or population (ind) column; columns found: {', '.join(header)}")
    if dep and i_com < 0:
        sys.exit("the grid has no lcog_geo column (the 2019+ releases have it): cut it with --bbox instead")
    cells = []
    for r in rows:
        if len(r) <= max(i_id, i_pop):
            continue
        m = ID.match(r[i_id].strip())
        if not m:
            sys.exit(f"cell id {r[i_id]!r} is not of the form CRS3035RES200mN{{northing}}E{{easting}}")
        if dep:
            codes = re.findall(r"\d[\dAB]\d{3}", r[i_com].upper())
            if not any(c.startswith(dep) if len(dep) == 2 else c[:3] == dep for c in codes):
                continue
        size, n, e = (int(x) for x in m.groups())
        cells.append((r[i_id].strip(), r[i_pop].strip(), e + size / 2, n + size / 2))
if bbox and cells:
    x0, y0, x1, y1 = (float(v) for v in bbox.split(","))
    p = subprocess.run(["gdaltransform", "-s_srs", "EPSG:3035", "-t_srs", "EPSG:4326", "-output_xy"],
                       input="".join(f"{c[2]} {c[3]}\n" for c in cells), capture_output=True, text=True, check=True)
    lonlat = [tuple(float(v) for v in line.split()[:2]) for line in p.stdout.splitlines() if line.strip()]
    if len(lonlat) != len(cells):
        sys.exit("gdaltransform returned %d positions for %d cells" % (len(lonlat), len(cells)))
    cells = [c for c, (lon, lat) in zip(cells, lonlat) if x0 <= lon <= x1 and y0 <= lat <= y1]
if not cells:
    sys.exit("no cell of the grid lies in the " + (f"box {bbox}" if bbox else f"département {dep}") +
             ": is it the right area (longitude first) and the right file?")
total = 0.0
with open(dst, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["idcar_200m", "ind"])
    for c in cells:
        w.writerow(c[:2])
        total += float(c[1].replace(",", ".").replace(" ", "")) if c[1] else 0.0
print(f"fetch-population.sh: {len(cells)} cells, {total:,.0f} residents")
EOF
_normal_mode "$work/out.csv"
mv -f -- "$work/out.csv" "$out" || die "cannot write $out"
info "wrote $out"
info "population: source Insee, Filosofi (données carroyées à 200 m), Licence Ouverte 2.0"
