#!/usr/bin/env bash
# System packages the tests use: Debian's chromium and chromedriver for the browser
# tests, and Debian's postgresql for the store tests on PostgreSQL (they start a
# server of their own; no system cluster is started here). Installs what is missing,
# only as root and with one apt-get update; otherwise says nothing and those tests
# skip with their reason.
set -euo pipefail
missing=()
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    missing+=(chromium chromium-driver)
fi
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null \
    || ! compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then
    missing+=(postgresql)
fi
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# policy-rc.d keeps the package from starting the cluster it would otherwise create.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
    trap 'rm -f "$policy"' EXIT
fi
apt-get install -y -qq "${missing[@]}" >/dev/null
