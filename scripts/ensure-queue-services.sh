#!/usr/bin/env bash
# Installs Redis and PostgreSQL from Debian's packages for the queue-mode e2e test
# (test/e2e/queueServices.ts) when they are missing; does nothing when they are there.
#
# Prints two lines: the redis-server binary, then PostgreSQL's bin folder (initdb, postgres, psql).
#
# Only Debian's registry is used (apt-get update once, then apt-get install). The packages' own
# services are not started (policy-rc.d): the test starts its own servers on free loopback ports
# in temp folders and stops them. One install at a time (flock), as in scripts/ensure-n8n.sh: test
# suites run in parallel on a fresh machine may all arrive here; one installs, the others wait and
# then find everything installed. Root installs directly; anyone else needs passwordless sudo.
set -euo pipefail
CACHE="${N8N_CALLCENTER_CACHE:-$HOME/.cache/n8n-callcenter}"
mkdir -p "$CACHE"

redis_bin() { command -v redis-server 2>/dev/null || { [ -x /usr/bin/redis-server ] && echo /usr/bin/redis-server; } || true; }
pg_bindir() {
	local dir
	# The newest installed major first.
	for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -V -r); do
		if [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ] && [ -x "$dir/psql" ]; then
			echo "$dir"
			return 0
		fi
	done
	return 0
}
installed() { [ -n "$(redis_bin)" ] && [ -n "$(pg_bindir)" ] && id -u postgres >/dev/null 2>&1; }

install_packages() {
	installed && return 0
	local sudo=()
	if [ "$(id -u)" != 0 ]; then
		if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
			sudo=(sudo -n)
		else
			echo "redis-server and PostgreSQL are missing and this user can not install them: run as root, or: apt-get install redis-server postgresql" >&2
			exit 1
		fi
	fi
	echo "installing redis-server and postgresql from Debian's packages (apt-get)" >&2
	# Keep the packages' post-install scripts from starting system services (a Docker-style image
	# already has this file; elsewhere it is put there for the install only).
	local policy=/usr/sbin/policy-rc.d made_policy=
	if [ ! -e "$policy" ]; then
		printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
		"${sudo[@]}" chmod 755 "$policy"
		made_policy=1
	fi
	local status=0
	{
		"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q >&2 &&
			"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q \
				--no-install-recommends redis-server postgresql </dev/null >&2
	} || status=$?
	[ -n "$made_policy" ] && "${sudo[@]}" rm -f "$policy"
	[ "$status" = 0 ] || { echo "apt-get install redis-server postgresql failed ($status)" >&2; exit 1; }
	installed || { echo "redis-server or PostgreSQL (initdb, postgres, psql; user postgres) missing after apt-get install" >&2; exit 1; }
}

if ! installed; then
	(
		if command -v flock >/dev/null; then
			exec {fd}>"$CACHE/queue-services.lock"
			flock "$fd"
		fi
		install_packages
	)
fi
redis_bin
pg_bindir
