#!/usr/bin/env bash
# Lints what users install: builds, packs, extracts the tarball to a temp folder and runs the
# scanner's rules there. Inline eslint-disable comments are not honoured (--no-inline-config).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"
npm run build --silent >/dev/null
TARBALL="$(npm pack --silent --pack-destination "$WORK" | tail -1)"
mkdir "$WORK/package-contents"
tar -xzf "$WORK/$TARBALL" -C "$WORK/package-contents" --strip-components=1
cd "$WORK/package-contents"
"$ROOT/node_modules/.bin/eslint" --config "$ROOT/eslint.config.mjs" --no-inline-config --max-warnings=0 . 
echo "lint: packed package is clean"
