# shellcheck shell=bash
# Shared by the shell tests of the command line (sourced): pass/fail counters and `expect`.
#   ok MESSAGE / bad MESSAGE      count a check and print it
#   expect CODE PATTERN -- CMD... runs CMD, checks its exit code and that its stderr+stdout match PATTERN (grep -E)
#   finish NAME                   prints the counts; exit status 1 when a check failed
failures=0
passes=0
ok() { echo "ok: $*"; passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; failures=$((failures + 1)); }

expect() {
  local code=$1 pattern=$2; shift 3
  local out rc
  out=$("$@" 2>&1); rc=$?
  if [[ $rc -ne $code ]] || ! grep -qE -- "$pattern" <<<"$out"; then
    bad "$* -> exit $rc (want $code), output: $out (want /$pattern/)"
  else
    ok "$* -> $rc"
  fi
}

finish() {
  echo "$1: $passes passed, $failures failed"
  [[ $failures -eq 0 ]]
}
