#!/usr/bin/env bash
# Starts code-server for one test run, isolated and in its own process group (setsid), so that
# stop-code-server.sh ends it together with its extension hosts and file watchers.
#
#   scripts/vscode/start-code-server.sh RUNDIR [VSIX...]
#
#   RUNDIR  made fresh: user-data-dir (with a seeded User/settings.json), extensions-dir and XDG
#           dirs, so nothing is read from or written to $HOME.
#   VSIX    .vsix files to install into that extensions-dir first (--install-extension).
#   SERVELINT_VSCODE_PORT  port to bind (default 0: the kernel picks a free one; no race).
#
# Writes RUNDIR/url (http://127.0.0.1:PORT), RUNDIR/code-server.pid and RUNDIR/code-server.log.
# The server inherits this script's environment, and so do its extension hosts: that is how
# environment variables reach the extension and the integration tests.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
RUN=${1:?usage: start-code-server.sh RUNDIR [VSIX...]}; shift
cs_env
[ -x "$CODE_SERVER" ] || die "code-server is not installed; run scripts/vscode/install-code-server.sh"
rm -rf "$RUN"; mkdir -p "$RUN/user-data/User" "$RUN/extensions" "$RUN/xdg"; RUN=$(cd "$RUN" && pwd)
export XDG_CONFIG_HOME="$RUN/xdg/config" XDG_DATA_HOME="$RUN/xdg/data" XDG_CACHE_HOME="$RUN/xdg/cache"
# An empty gallery turns the marketplace (open-vsx.org, unreachable) off: no lookups, no errors.
export EXTENSIONS_GALLERY='{}'
# startupEditor none: the Welcome walkthrough would open and swallow clicks.
cat > "$RUN/user-data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.colorTheme": "Default Dark Modern",
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": false,
  "git.enabled": false,
  "git.autoRepositoryDetection": false,
  "files.autoSave": "off",
  "window.restoreWindows": "none"
}
JSON
dirs=(--user-data-dir "$RUN/user-data" --extensions-dir "$RUN/extensions")
for vsix in "$@"; do
  "$CODE_SERVER" "${dirs[@]}" --install-extension "$vsix" --force > "$RUN/install-extension.log" 2>&1 \
    || { cat "$RUN/install-extension.log" >&2; die "could not install $vsix"; }
  grep -v 'Wrote default config' "$RUN/install-extension.log" || true
done

t0=$(date +%s%N)
setsid "$CODE_SERVER" --bind-addr "127.0.0.1:${SERVELINT_VSCODE_PORT:-0}" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust \
  --disable-getting-started-override --ignore-last-opened \
  "${dirs[@]}" > "$RUN/code-server.log" 2>&1 < /dev/null &
pid=$!
echo "$pid" > "$RUN/code-server.pid"

# Wait for "HTTP server listening on http://127.0.0.1:PORT/" in the log, then for /healthz.
if ! url=$(node - "$RUN/code-server.log" "$pid" <<'JS'
const fs = require('node:fs');
const [log, pid] = process.argv.slice(2);
const deadline = Date.now() + 60000;
const alive = () => { try { process.kill(Number(pid), 0); return true; } catch { return false; } };
(async () => {
  let url;
  while (Date.now() < deadline && alive()) {
    url ??= /HTTP server listening on (http:\/\/[^\s/]+)/.exec(fs.readFileSync(log, 'utf8'))?.[1];
    if (url) {
      const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      if (ok) { console.log(url); return; }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  process.exit(1);
})();
JS
); then
  echo "--- code-server.log" >&2; cat "$RUN/code-server.log" >&2
  bash "$HARNESS_DIR/stop-code-server.sh" "$RUN"
  die "code-server did not come up within 60 s"
fi
echo "$url" > "$RUN/url"
say "code-server $CS_VERSION up on $url after $(( ($(date +%s%N) - t0) / 1000000 )) ms (pid $pid)"
