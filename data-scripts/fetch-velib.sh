#!/usr/bin/env bash
# Downloads the Vélib' Métropole GBFS station lists (station_information: id, name, lat, lon, capacity;
# station_status: bikes and docks available), checks that each is JSON with a data.stations list, and
# names them with today's date (Paris time), as maillon's importers expect.
#
# Usage: data-scripts/fetch-velib.sh [OUTDIR]
#   OUTDIR  default data/velib. Writes OUTDIR/station_information_YYYY-MM-DD.json and
#           OUTDIR/station_status_YYYY-MM-DD.json (a second run the same day replaces them).
# The feed URLs are read from the GBFS root gbfs.json; if it cannot be read, or a feed it lists cannot
# be fetched, the script falls back to the known URLs next to it (.../station_information.json).
# Environment:
#   MAILLON_VELIB_GBFS_URL  GBFS root (default below)
# The data: Vélib' Métropole open data, Open Database License (ODbL).
set -euo pipefail

GBFS_URL="${MAILLON_VELIB_GBFS_URL:-https://velib-metropole-opendata.smovengo.cloud/opendata/Velib_Metropole/gbfs.json}"
FEEDS=(station_information station_status)

PROG=fetch-velib.sh
# shellcheck source=data-scripts/common.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }

case ${1:-} in -h | --help) usage; exit 0 ;; -*) usage >&2; exit 2 ;; esac
(($# <= 1)) || { usage >&2; exit 2; }
OUTDIR=${1:-data/velib}

need_cmd curl python3

stamp=$(TZ=Europe/Paris date +%Y-%m-%d)
mkdir -p -- "$OUTDIR" || die "cannot create $OUTDIR"
work=$(mktemp -d "$OUTDIR/.fetch-velib.XXXXXX") || die "cannot create a temporary directory in $OUTDIR"
cleanup_add "$work"

# gbfs_feed_url GBFS_FILE FEED: the URL gbfs.json gives for FEED. GBFS 1.x/2.x list the feeds per
# language (data.en.feeds, data.fr.feeds); GBFS 3 directly (data.feeds).
gbfs_feed_url() {
  python3 - "$1" "$2" <<'EOF'
import json, sys

doc = json.load(open(sys.argv[1], encoding="utf-8"))
data = doc.get("data") or {}
if "feeds" in data:
    lists = [data["feeds"]]
else:
    langs = sorted(data, key=lambda l: (l not in ("fr", "en"), l))
    lists = [data[l].get("feeds", []) for l in langs if isinstance(data[l], dict)]
for feeds in lists:
    for feed in feeds:
        if feed.get("name") == sys.argv[2] and feed.get("url"):
            print(feed["url"])
            sys.exit(0)
sys.exit(1)
EOF
}

check_gbfs() {
  python3 -c 'import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))["data"]
assert "feeds" in d or any(isinstance(v, dict) and "feeds" in v for v in d.values())' "$1" 2>/dev/null \
    || { warn "gbfs.json is not a GBFS feed list"; return 1; }
}

# check_stations FEED FILE: JSON whose data.stations is a non-empty list of stations with a station_id
# (and coordinates, for station_information).
check_stations() {
  python3 -c 'import json, sys
feed, path = sys.argv[1], sys.argv[2]
try:
    doc = json.load(open(path, encoding="utf-8"))
except ValueError as e:
    sys.exit(f"{feed}: not JSON ({e})")
stations = (doc.get("data") or {}).get("stations") if isinstance(doc, dict) else None
if not isinstance(stations, list) or not stations:
    sys.exit(f"{feed}: no data.stations list")
keys = ["station_id"] + (["lat", "lon"] if feed == "station_information" else [])
bad = [s for s in stations if not isinstance(s, dict) or any(s.get(k) is None for k in keys)]
if bad:
    sys.exit(f"{feed}: {len(bad)} of {len(stations)} stations lack {keys}")
print(f"fetch-velib.sh: {feed}: {len(stations)} stations")' "$1" "$2"
}

gbfs_ok=0
if download "$GBFS_URL" "$work/gbfs.json" check_gbfs; then
  gbfs_ok=1
else
  warn "cannot read the GBFS root $GBFS_URL: using the known feed URLs"
fi

for feed in "${FEEDS[@]}"; do
  known=${GBFS_URL%/*}/$feed.json
  urls=()
  if ((gbfs_ok)); then
    if listed=$(gbfs_feed_url "$work/gbfs.json" "$feed"); then
      urls+=("$listed")
    else
      warn "gbfs.json does not list $feed: using $known"
    fi
  fi
  [[ ${#urls[@]} -gt 0 && ${urls[0]} == "$known" ]] || urls+=("$known")
  dest=$OUTDIR/${feed}_$stamp.json
  done_feed=0
  for url in "${urls[@]}"; do
    if download "$url" "$dest" check_stations "$feed"; then
      done_feed=1
      break
    fi
  done
  ((done_feed)) || die "could not fetch a valid $feed (tried: ${urls[*]})"
done
info "Vélib' Métropole data: Open Database License (ODbL)"
