#!/usr/bin/env bash
# Runs the libFuzzer targets of a MAILLON_FUZZ build for a bounded time each, on corpora seeded
# from tests/data (tests/fuzz/make-seeds.py), and prints one Markdown row per target: seconds,
# executions, corpus size, peak RSS and the verdict. Exit 1 when a target crashed, leaked, timed
# out or ran out of memory: the reproducer is named (run the target on it to see the report).
#
#   tests/fuzz/run-fuzzers.sh [--seconds N] [--work DIR] BUILD_DIR [TARGET...]
#
# --seconds N   per target (default 10: what CI runs); --work DIR keeps corpora, findings and the
# ledger of all runs (default BUILD_DIR/fuzz-work; a corpus grows from run to run). TARGETs default
# to every target built. The ledger (WORK/ledger.tsv: date, target, seconds, executions, verdict)
# is what docs/reliability.md sums.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
data=$(cd "$here/../data" && pwd)
seconds=10
work=
usage() { echo "usage: $0 [--seconds N] [--work DIR] BUILD_DIR [TARGET...]" >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --seconds) [[ $# -ge 2 && $2 =~ ^[1-9][0-9]*$ ]] || usage; seconds=$2; shift 2 ;;
    --work) [[ $# -ge 2 ]] || usage; work=$2; shift 2 ;;
    -h|--help) usage ;;
    -*) usage ;;
    *) break ;;
  esac
done
[[ $# -ge 1 ]] || usage
build=$(cd "$1" && pwd) || { echo "run-fuzzers: no build directory $1" >&2; exit 1; }
shift
bin="$build/tests/fuzz"
[[ -d "$bin" ]] || { echo "run-fuzzers: no fuzz targets in $bin: configure with CC=clang-14 CXX=clang++-14 -DMAILLON_FUZZ=ON and build the target fuzz_targets" >&2; exit 1; }
work=${work:-$build/fuzz-work}
mkdir -p "$work/corpus" "$work/seeds" "$work/findings" "$work/logs"

all=(fuzz_osm_xml fuzz_osm_pbf fuzz_qpv fuzz_gbfs fuzz_planned_stations fuzz_profile fuzz_api_query fuzz_population_csv)
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all[@]}")

# Longest input per target: enough for the seeds' structure, small enough to run fast.
max_len() {
  case $1 in
    fuzz_osm_xml|fuzz_osm_pbf) echo 131072 ;;
    fuzz_qpv|fuzz_gbfs) echo 16384 ;;
    fuzz_api_query) echo 2048 ;;
    *) echo 8192 ;;
  esac
}
dict() {
  case $1 in
    fuzz_osm_xml) echo "$here/osm.dict" ;;
    fuzz_osm_pbf|fuzz_api_query|fuzz_population_csv) echo "" ;;
    *) echo "$here/json.dict" ;;
  esac
}

echo "| target | seconds | executions | exec/s | corpus | peak RSS MB | verdict |"
echo "|---|---:|---:|---:|---:|---:|---|"
failed=0
for t in "${targets[@]}"; do
  [[ -x "$bin/$t" ]] || { echo "run-fuzzers: $bin/$t is not built (cmake --build $build --target fuzz_targets)" >&2; exit 1; }
  if [[ ! -d "$work/seeds/$t" ]]; then
    python3 "$here/make-seeds.py" "$data" "$work/seeds" "$t" >&2
  fi
  mkdir -p "$work/corpus/$t"
  log="$work/logs/$t.log"
  d=$(dict "$t")
  args=(-max_total_time="$seconds" -timeout=25 -rss_limit_mb=3072 -max_len="$(max_len "$t")" -print_final_stats=1
        -artifact_prefix="$work/findings/$t-")
  [[ -n "$d" ]] && args+=(-dict="$d")
  rc=0
  # The corpus first: new inputs go there; the seeds are only read.
  (cd "$work" && "$bin/$t" "${args[@]}" "$work/corpus/$t" "$work/seeds/$t") >"$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n1)
  corpus=$(find "$work/corpus/$t" -type f | wc -l)
  verdict=ok
  if [[ $rc -ne 0 ]]; then
    finding=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n1)
    verdict="FAILED (exit $rc): ${finding:-see $log}"
    failed=$((failed + 1))
  fi
  execs=${execs:-0}
  echo "| $t | $seconds | $execs | $((execs / seconds)) | $corpus | ${rss:-?} | $verdict |"
  printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$t" "$seconds" "$execs" "$verdict" >>"$work/ledger.tsv"
  if [[ $rc -ne 0 ]]; then
    echo "run-fuzzers: $t failed; the end of its log ($log):" >&2
    grep -v '^#' "$log" | tail -n 40 >&2
  fi
done
[[ $failed -eq 0 ]] || { echo "run-fuzzers: $failed target(s) failed; reproduce with: $bin/TARGET FINDING" >&2; exit 1; }
