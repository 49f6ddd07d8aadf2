#!/usr/bin/env bash
# Stops what start-code-server.sh started: its whole process group (server, extension hosts,
# file watchers). Killing only the top pid leaves an orphaned file watcher behind.
# Safe to call twice, or when the server never started.
#   scripts/vscode/stop-code-server.sh RUNDIR
RUN=${1:?usage: stop-code-server.sh RUNDIR}
pid=$(cat "$RUN/code-server.pid" 2>/dev/null) || exit 0
[ -n "$pid" ] || exit 0
kill -TERM -- "-$pid" 2>/dev/null || exit 0
for _ in $(seq 1 50); do kill -0 -- "-$pid" 2>/dev/null || exit 0; sleep 0.1; done
kill -KILL -- "-$pid" 2>/dev/null || true
