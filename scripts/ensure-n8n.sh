#!/usr/bin/env bash
# Installs n8n 2.8.4 (the newest n8n on Node 20) into a cache folder for the e2e tests and
# `npm start`; reuses it when complete. Prints the folder. n8n depends on an xlsx tarball
# outside the npm registry, hence the override to the registry's xlsx 0.18.5.
set -euo pipefail
N8N_VERSION=2.8.4
DIR="${N8N_CALLCENTER_CACHE:-$HOME/.cache/n8n-callcenter/n8n-$N8N_VERSION}"
BIN="$DIR/node_modules/n8n/bin/n8n"
complete() {
	[ -f "$DIR/.complete" ] && [ -x "$BIN" ] && [ -f "$DIR/node_modules/sqlite3/build/Release/node_sqlite3.node" ]
}
if ! complete; then
	mkdir -p "$DIR"
	# Test suites run in parallel may all arrive here on a fresh machine: one installs, the others
	# wait for it and then find the install complete.
	exec 9>"$DIR.lock"
	if command -v flock >/dev/null; then flock 9; fi
fi
if ! complete; then
	if [ -x "$BIN" ] && [ -f "$DIR/node_modules/n8n/package.json" ] && grep -q "\"version\": \"$N8N_VERSION\"" "$DIR/node_modules/n8n/package.json"; then
		echo "n8n $N8N_VERSION present in $DIR, checking native modules" >&2
	else
		echo "installing n8n $N8N_VERSION into $DIR (about 5 minutes, 2.3 GB)" >&2
		cat >"$DIR/package.json" <<JSON
{
  "name": "n8n-runtime-for-e2e",
  "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" },
  "overrides": { "xlsx": "0.18.5" }
}
JSON
		# The project's .npmrc (ignore-scripts) must not apply here: sqlite3 needs its install script.
		(cd "$DIR" && npm install --no-audit --no-fund --ignore-scripts=false --loglevel=error >&2)
	fi
	if [ ! -f "$DIR/node_modules/sqlite3/build/Release/node_sqlite3.node" ]; then
		(cd "$DIR" && npm rebuild sqlite3 --ignore-scripts=false >&2)
	fi
	complete_check_bin="$BIN"
	[ -x "$complete_check_bin" ] || { echo "n8n binary missing after install" >&2; exit 1; }
	touch "$DIR/.complete"
fi
echo "$DIR"
