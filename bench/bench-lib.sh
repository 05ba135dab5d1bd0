# shellcheck shell=bash
# Shared by the bench scripts (sourced): messages, the build directory, and `measure`.
# The sourcing script sets PROG (its name in messages) and RUNS (runs per measurement).

die() { echo "$PROG: $*" >&2; exit 1; }
log() { echo "$PROG: $*" >&2; }

# resolve_build_dir DIR : a relative DIR is taken from the current directory, or else from the
# repository root ($ROOT), so the scripts work from both places.
resolve_build_dir() {
    if [[ "$1" != /* && ! -d "$1" && -d "$ROOT/$1" ]]; then
        echo "$ROOT/$1"
    else
        echo "$1"
    fi
}

# measure CMD... : runs CMD $RUNS times, stdout discarded, and prints
# "median_wall_s median_peak_rss_kb median_cpu_s" (medians taken per column).
# Wall time is taken with date (ms resolution) since GNU time's %e only has
# 10 ms; GNU time gives the peak RSS (%M, in KB) and the CPU time (%U + %S),
# which, unlike the wall time, does not grow when other processes compete for
# the cores.
measure() {
    local out err i t0 t1
    out="$(mktemp)"
    err="$(mktemp)"
    for ((i = 0; i < RUNS; i++)); do
        t0=$(date +%s%N)
        if ! /usr/bin/time -f '%M %U %S' -o "$err.rss" "$@" >/dev/null 2>"$err"; then
            cat "$err" >&2
            rm -f "$out" "$err" "$err.rss"
            die "command failed: $*"
        fi
        t1=$(date +%s%N)
        echo "$(((t1 - t0) / 1000000)) $(tail -n1 "$err.rss" | awk '{ printf "%d %.2f", $1, $2 + $3 }')" >>"$out"
    done
    # Plain sort instead of gawk's asort: Debian's default awk is mawk.
    local mid=$(((RUNS + 1) / 2))
    echo "$(cut -d' ' -f1 "$out" | sort -n | sed -n "${mid}p" | awk '{ printf "%.3f", $1 / 1000 }')" \
         "$(cut -d' ' -f2 "$out" | sort -n | sed -n "${mid}p")" \
         "$(cut -d' ' -f3 "$out" | sort -n | sed -n "${mid}p")"
    rm -f "$out" "$err" "$err.rss"
}
