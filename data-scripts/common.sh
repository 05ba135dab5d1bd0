# shellcheck shell=bash
# Helpers shared by data-scripts/fetch-*.sh: messages, clean-up of temporary files, and a download
# function that writes to a temporary file next to its destination, checks it, then renames it, so
# that an interrupted or failed download never leaves a partial file under the final name.
# Sourced, not executed. Scripts set PROG before sourcing it.

PROG=${PROG:-$(basename "$0")}

info() { printf '%s: %s\n' "$PROG" "$*"; }
warn() { printf '%s: warning: %s\n' "$PROG" "$*" >&2; }
die() {
  printf '%s: error: %s\n' "$PROG" "$*" >&2
  exit 1
}

need_cmd() {
  local c
  for c in "$@"; do
    command -v "$c" >/dev/null 2>&1 \
      || die "'$c' is required but not installed (data-scripts/install-deps.sh lists the Debian packages)"
  done
}

# Temporary files and directories, removed when the script exits (success, error or Ctrl-C).
_CLEANUP=()
cleanup_add() { _CLEANUP+=("$@"); }
_cleanup() {
  local p
  for p in "${_CLEANUP[@]+"${_CLEANUP[@]}"}"; do
    rm -rf -- "$p"
  done
}
trap _cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

file_size() { wc -c <"$1" | tr -d ' '; }

# human_size BYTES -> "1.2 MB"
human_size() {
  awk -v b="$1" 'BEGIN {
    split("B kB MB GB TB", u, " "); i = 1
    while (b >= 1000 && i < 5) { b /= 1000; i++ }
    printf (i == 1 ? "%d %s" : "%.1f %s"), b, u[i]
  }'
}

# Give a file made by mktemp (mode 0600) the permissions a normal file would get under the umask.
_normal_mode() {
  chmod "$(printf '%o' $((0666 & ~$(umask))))" -- "$1"
}

# curl options: fail on HTTP errors (no HTML error page saved as data), follow redirects (data.gouv.fr
# stable URLs redirect), retry transient failures (timeouts, 429, 5xx, refused connections) with
# exponential back-off, give up on a stalled transfer (< 1 kB/s for 2 minutes; then retried).
_curl_opts=(
  --fail --location --remote-time
  --retry "${MAILLON_CURL_RETRIES:-5}" --retry-connrefused
  --connect-timeout 30 --speed-limit 1000 --speed-time 120
  --user-agent "maillon-data-scripts/1 (curl)"
)
if [[ -t 2 ]]; then
  _curl_opts+=(--progress-bar)
else
  _curl_opts+=(--silent --show-error)
fi

# download URL DEST [CHECK_COMMAND [ARGS...]]
# Fetches URL into a temporary file next to DEST; if CHECK_COMMAND is given, runs it with the temporary
# file as last argument and keeps the file only if it succeeds; then renames it to DEST (replacing an
# older copy only once the new one is complete and checked). Returns 1, leaving DEST untouched, on failure.
download() {
  local url=$1 dest=$2 tmp
  shift 2
  tmp=$(mktemp "${dest}.part.XXXXXX") || die "cannot create a temporary file next to $dest"
  cleanup_add "$tmp"
  info "fetching $url"
  if ! curl "${_curl_opts[@]}" --output "$tmp" "$url"; then
    rm -f -- "$tmp"
    warn "download failed: $url"
    return 1
  fi
  if [[ ! -s $tmp ]]; then
    rm -f -- "$tmp"
    warn "empty download: $url"
    return 1
  fi
  if (($# > 0)) && ! "$@" "$tmp"; then
    rm -f -- "$tmp"
    warn "rejected the file downloaded from $url (it failed the check above)"
    return 1
  fi
  _normal_mode "$tmp"
  mv -f -- "$tmp" "$dest" || die "cannot rename $tmp to $dest"
  info "fetched $url -> $dest ($(human_size "$(file_size "$dest")"))"
}
