#!/usr/bin/env bash
# `npm run test:ui`: the packaged extension in a real browser. Packages the .vsix (vsce; package.json
# .vscodeignore decides its content), installs it into a fresh code-server, and drives
# headless Debian Chromium through playwright-core (scripts/vscode/ui-e2e.mjs): Explorer -> squiggle
# -> Problems panel -> quick fix. Screenshots go to test-results/ (ui-*.png, ui-*-failure.png).
# Exit code: 0 only if every check passed. The server is always stopped.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
stop_server_on_exit ui-logs

VSIX="$CACHE_DIR/servelint.vsix"
say "build and package the extension"
npm run --silent build
mkdir -p "$CACHE_DIR"; rm -f "$VSIX"
npx vsce package --no-dependencies -o "$VSIX" < /dev/null > "$CACHE_DIR/vsce.log" 2>&1 \
  || { cat "$CACHE_DIR/vsce.log" >&2; die "vsce package failed"; }
[ -s "$VSIX" ] || die "vsce did not write $VSIX"
grep -E 'WARNING|DONE' "$CACHE_DIR/vsce.log" || true

bash "$HARNESS_DIR/install-code-server.sh"

mkdir -p "$RESULTS_DIR"
rm -rf "$RESULTS_DIR"/ui-*.png "$RESULTS_DIR/ui-logs"
RUN=$(mktemp -d "${TMPDIR:-/tmp}/servelint-ui.XXXXXX")
cp -r test/integration/workspace "$RUN/workspace"
bash "$HARNESS_DIR/start-code-server.sh" "$RUN/server" "$VSIX"

say "UI check in Chromium against the installed $(basename "$VSIX")"
node "$HARNESS_DIR/ui-e2e.mjs" --url "$(cat "$RUN/server/url")" --folder "$RUN/workspace" \
  --results "$RESULTS_DIR" --cli "$REPO_ROOT/dist/cli.js" &
LAUNCHER=$!
rc=0; wait "$LAUNCHER" || rc=$?
LAUNCHER=""
exit "$rc"
