#!/usr/bin/env bash
# `npm run test:vscode`: the integration suite (test/integration/**/*.test.ts, mocha) inside a real
# VS Code: code-server 4.100.3 (VS Code 1.100.3) driven by headless Debian Chromium.
#
#   1. npm run build (dist/ bundles) and tsc -p tsconfig.integration.json (-> out/integration/)
#   2. install code-server into .cache/code-server/ (no-op when there; apt packages when root)
#   3. copy test/integration/workspace/ to a temp dir (tests may edit it), start code-server
#   4. open the workspace with ?payload=[extensionDevelopmentPath=repo, extensionTestsPath=
#      out/integration/index]: VS Code loads the extension from the repo and runs the suite
#   5. print mocha's output and the closing line `N passed, N failed`; stop the server (always)
#
# Environment: everything exported here reaches code-server and so the extension host and the tests
# (SERVELINT_TEST_WORKSPACE is set to the workspace copy). SERVELINT_TEST_GREP=<regexp> runs only
# matching tests; SERVELINT_VSCODE_TIMEOUT_MS bounds the whole suite (default 300000);
# SERVELINT_VSCODE_VERBOSE=1 also prints the browser console. Exit code: 0 only if all passed.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
stop_server_on_exit vscode-tests-logs

say "build the extension and compile the integration suite"
npm run --silent build
rm -rf out/integration
npx tsc -p tsconfig.integration.json

bash "$HARNESS_DIR/install-code-server.sh"

mkdir -p "$RESULTS_DIR"
rm -rf "$RESULTS_DIR/vscode-tests-logs" "$RESULTS_DIR/vscode-tests-failure.png"
RUN=$(mktemp -d "${TMPDIR:-/tmp}/servelint-vscode-tests.XXXXXX")
cp -r test/integration/workspace "$RUN/workspace"
export SERVELINT_TEST_WORKSPACE="$RUN/workspace"
bash "$HARNESS_DIR/start-code-server.sh" "$RUN/server"

say "run the integration suite in code-server $CS_VERSION (workspace: $SERVELINT_TEST_WORKSPACE)"
node "$HARNESS_DIR/run-ext-tests.mjs" --url "$(cat "$RUN/server/url")" --ext "$REPO_ROOT" \
  --tests "$REPO_ROOT/out/integration/index" --folder "$RUN/workspace" \
  --screenshot "$RESULTS_DIR/vscode-tests-failure.png" --logs "${RESULTS_DIR#"$REPO_ROOT"/}/vscode-tests-logs" &
LAUNCHER=$!
rc=0; wait "$LAUNCHER" || rc=$?
LAUNCHER=""
exit "$rc"
