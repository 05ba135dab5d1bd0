#!/usr/bin/env bash
# Installs the Debian 12 packages maillon needs to build, test and run its demo.
# As root it runs apt-get itself; otherwise it prints the exact command to run.
# Usage: data-scripts/install-deps.sh [--with-browser] [--with-checks]
#   --with-browser  also install Chromium, Node.js/npm and poppler-utils (pdfinfo, pdftotext) for the
#                   browser and report tests.
#   --with-checks   also clang 14 with its sanitizer and libFuzzer runtimes, and wrk (the sanitizer
#                   run, the fuzz targets and bench/serve-bench.sh: docs/reliability.md).
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libosmium2-dev libprotozero-dev libboost-graph-dev libboost-program-options-dev libgeos-dev libgdal-dev
  nlohmann-json3-dev catch2 libcpp-httplib-dev libicu-dev
  zlib1g-dev libbz2-dev libexpat1-dev libssl-dev
  libproj-dev proj-bin libcsv-dev
  osmium-tool gdal-bin python3
)
for option in "$@"; do
  case $option in
    --with-browser) packages+=(chromium nodejs npm poppler-utils) ;;
    --with-checks) packages+=(clang-14 libclang-rt-14-dev wrk curl) ;;
    *) echo "usage: $0 [--with-browser] [--with-checks]" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm may come from outside Debian (e.g. nodesource); accept any working npm.
if [[ " ${missing[*]} " == *" npm "* ]] && command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/npm}")
  [[ " ${missing[*]} " == *" nodejs "* ]] && command -v node >/dev/null 2>&1 && missing=("${missing[@]/nodejs}")
fi
read -r -a missing <<< "${missing[*]:-}"

if (( ${#missing[@]} == 0 )); then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "maillon needs these Debian packages: ${missing[*]}" >&2
  echo "Run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
