#!/usr/bin/env bash
# `maillon serve` on a port that is taken: it must fail at once (before the analysis) with exit 1
# and a message naming the port and the fix, and never print "serving on".
# Usage: test-serve-port.sh MAILLON_BINARY
set -u
maillon=$1
failures=0
work=$(mktemp -d)
holder=
cleanup() {
  if [[ -n "$holder" ]]; then kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT

check() {  # check DESCRIPTION CONDITION...
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; failures=$((failures + 1)); fi
}

# 1. A plain listener holds a free port (as any other program would).
python3 - "$work/port" <<'PY' &
import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen()
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
time.sleep(120)
PY
holder=$!
for _ in $(seq 100); do [[ -s "$work/port" ]] && break; sleep 0.05; done
port=$(cat "$work/port")

timeout 30 "$maillon" serve --port "$port" >"$work/out" 2>"$work/err"  # 124: it kept running
rc=$?
check "exit 1 on a busy port (got $rc)" test "$rc" -eq 1
check "the message names the port and the fix: $(cat "$work/err")" \
  grep -qE "port $port is already in use.*choose another --port" "$work/err"
check "nothing claims to be serving" test ! -s "$work/out"
check "it fails before analysing" bash -c "! grep -q analysing '$work/err'"

# 2. Another maillon serve holds it (cpp-httplib's SO_REUSEPORT used to let both bind).
kill "$holder"; wait "$holder" 2>/dev/null; holder=
"$maillon" serve --port "$port" -q >"$work/first.out" 2>"$work/first.err" &
holder=$!
for _ in $(seq 300); do grep -q "serving on" "$work/first.out" 2>/dev/null && break; sleep 0.1; done
check "the first server serves" grep -q "serving on http://127.0.0.1:$port/" "$work/first.out"
timeout 30 "$maillon" serve --port "$port" -q >"$work/out" 2>"$work/err"
rc=$?
check "a second maillon serve on the same port exits 1 (got $rc)" test "$rc" -eq 1
check "and says so: $(cat "$work/err")" grep -q "port $port is already in use" "$work/err"
check "the first server still answers" curl -sf -o /dev/null "http://127.0.0.1:$port/api/v1/meta"

if [[ $failures -gt 0 ]]; then echo "$failures failure(s)"; exit 1; fi
echo "all passed"
