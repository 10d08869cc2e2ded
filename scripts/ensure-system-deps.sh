#!/usr/bin/env bash
# Installs the system packages the test suite needs (idempotent; prints what it does).
# Debian's redis-server (the Redis cache tests spawn it on 127.0.0.1 and a free port) and chromium
# (the report tests open the HTML reports in it, headless, through playwright-core).
set -euo pipefail

need_install=()
if command -v redis-server >/dev/null 2>&1; then
  echo "ensure-system-deps: redis-server present ($(redis-server --version | head -n1))"
else
  need_install+=(redis-server)
fi

if command -v chromium >/dev/null 2>&1; then
  echo "ensure-system-deps: chromium present"
else
  need_install+=(chromium)
fi

if [ "${#need_install[@]}" -eq 0 ]; then
  echo "ensure-system-deps: nothing to install"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ensure-system-deps: need root (or sudo) to apt-get install ${need_install[*]}" >&2
    exit 1
  fi
fi
echo "ensure-system-deps: apt-get update"
$SUDO apt-get update
echo "ensure-system-deps: apt-get install -y ${need_install[*]}"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "${need_install[@]}"
# the Debian package may start a system service on port 6379; the tests never use it
for bin in redis-server chromium; do
  command -v "$bin" >/dev/null 2>&1 || { echo "ensure-system-deps: $bin still missing after install" >&2; exit 1; }
done
echo "ensure-system-deps: installed ${need_install[*]}"
