# Shared settings for the real-VS-Code harness (sourced by the scripts next to it; not run directly).
# Everything the harness installs lives in the git-ignored .cache/ of the repository.

# code-server 4.100.3 = VS Code 1.100.3 (our engines.vscode is ^1.100.0); the newest release that
# runs on Node 20. Bumping it means: check `npm view code-server@X engines.node`, and from 4.133 on
# the ?payload= test route needs the smoke-test driver (see docs/testing-in-vscode.md).
CS_VERSION=4.100.3
CS_NODE_MAJOR=20

HARNESS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$HARNESS_DIR/../.." && pwd)
CACHE_DIR=${SERVELINT_CACHE_DIR:-$REPO_ROOT/.cache}
CS_DIR="$CACHE_DIR/code-server"            # npm prefix of the code-server install
CS_MARKER="$CS_DIR/.installed"             # written last; holds the installed version
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
RESULTS_DIR="$REPO_ROOT/test-results"

export _t0=${_t0:-$(date +%s)}
say() { echo "[vscode-harness +$(( $(date +%s) - _t0 ))s] $*"; }
die() { echo "[vscode-harness] ERROR: $*" >&2; exit 1; }

# Does the Debian package's payload exist? (Checked by file, so it also works where dpkg is absent.)
have_dep() {
  case "$1" in
    chromium)    [ -x "$CHROMIUM" ] ;;
    ripgrep)     command -v rg >/dev/null 2>&1 ;;
    libkrb5-dev) [ -f /usr/include/gssapi/gssapi.h ] || [ -f /usr/include/gssapi.h ] ;;
    *) return 1 ;;
  esac
}

# ensure_debs PKG...: installs the missing ones with apt-get when root; otherwise fails and says
# exactly what to install. Never skips.
ensure_debs() {
  local missing=() p
  for p in "$@"; do have_dep "$p" || missing+=("$p"); done
  ((${#missing[@]})) || return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "apt-get install ${missing[*]}"
    apt-get update -qq || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
      || die "apt-get install ${missing[*]} failed"
    for p in "${missing[@]}"; do have_dep "$p" || die "$p was installed but is still not usable"; done
    return 0
  fi
  {
    echo "[vscode-harness] ERROR: missing Debian package(s): ${missing[*]}"
    echo "  The VS Code tests need them (chromium: the browser that drives VS Code; libkrb5-dev and"
    echo "  ripgrep: to build code-server $CS_VERSION from npm). Install them as root, then run again:"
    echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    [ "$(id -u)" = 0 ] || echo "  (Run as root, as CI does, and this script installs them itself.)"
    case " ${missing[*]} " in *" chromium "*)
      echo "  Chromium elsewhere: set CHROMIUM_PATH=/path/to/chromium (now: $CHROMIUM)." ;; esac
  } >&2
  exit 1
}

# Sets PATH so that code-server runs on the Node it was built for (see install-code-server.sh).
cs_env() {
  [ -f "$CS_DIR/env.sh" ] && . "$CS_DIR/env.sh"
  CODE_SERVER="$CS_DIR/node_modules/.bin/code-server"
}

# save_logs SERVER_RUNDIR DEST: keeps the server's and extension hosts' logs of a failed run.
save_logs() {
  local run=$1 dest=$2
  [ -d "$run" ] || return 0
  rm -rf "$dest"; mkdir -p "$dest"
  cp "$run"/*.log "$dest/" 2>/dev/null || true
  [ -d "$run/user-data/logs" ] && cp -r "$run/user-data/logs" "$dest/user-data-logs" 2>/dev/null
}

# Always stop what a test run started: the launcher ($LAUNCHER, which closes Chromium) and the
# code-server of $RUN; on failure keep the server logs in $RESULTS_DIR/<logs-subdir>. The callers
# set RUN and LAUNCHER once they exist.
RUN="" LAUNCHER="" _CLEANUP_LOGS=""
_harness_cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  # On a signal, `wait` returns at once: end the launcher first.
  [ -z "$LAUNCHER" ] || { kill -TERM "$LAUNCHER" 2>/dev/null && wait "$LAUNCHER"; } 2>/dev/null || true
  if [ -n "$RUN" ]; then
    bash "$HARNESS_DIR/stop-code-server.sh" "$RUN/server"
    [ "$rc" = 0 ] || save_logs "$RUN/server" "$RESULTS_DIR/$_CLEANUP_LOGS"
    rm -rf "$RUN"
  fi
  exit "$rc"
}
stop_server_on_exit() {
  _CLEANUP_LOGS="$1"
  trap _harness_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}
