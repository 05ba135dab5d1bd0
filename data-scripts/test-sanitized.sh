#!/usr/bin/env bash
# The checks of docs/reliability.md, run by data-scripts/test.sh after the Release tests: the
# test suite under AddressSanitizer + UndefinedBehaviorSanitizer, and every fuzz target for 10 s
# on its seed corpus. Both come from one clang build (-DMAILLON_FUZZ=ON implies the sanitizers);
# any sanitizer report aborts the test that caused it, so memory errors fail CI.
# Usage: data-scripts/test-sanitized.sh [BUILD_DIR]   (default build-check)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-check}
command -v clang++-14 >/dev/null || { echo "test-sanitized: clang++-14 not found: run data-scripts/install-deps.sh --with-checks" >&2; exit 1; }
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMAILLON_FUZZ=ON >/dev/null
cmake --build "$build" -j"$(nproc)"
# Leaks are errors too; UBSan prints where.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Not rerun here: the browser test and the data-scripts test check JavaScript and shell, not C++.
cd "$build" && ctest --output-on-failure -j"$(nproc)" -E '^(browser_e2e|data_scripts)$'
