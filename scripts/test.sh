#!/usr/bin/env bash
# Install everything the checks need (Chromium too, where apt is available) and run them all.
# Usage: bash scripts/test.sh [pytest options]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
ensure_venv "[test]"
if ! command -v chromium >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium for the browser tests (apt-get install chromium)"
    SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq chromium >/dev/null
  else
    echo "error: the browser tests need Chromium on PATH (as 'chromium'); install it and run again" >&2
    exit 1
  fi
fi
# nginx, for the test that serves the built site with the generated configuration (same rule).
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "Installing nginx for the server test (apt-get install nginx)"
    SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq nginx >/dev/null
  else
    echo "error: the server test needs nginx (as 'nginx' on PATH or /usr/sbin/nginx); install it and run again" >&2
    exit 1
  fi
fi
# With no options, every test, three test files at a time (most of the time a test waits on a
# browser or a build, so three processes keep two cores busy; each file stays in one process,
# which builds the sites it needs once). With options (-k, a file), as given, in one process.
if [ "$#" -eq 0 ]; then
  set -- -n 3 --dist loadfile
fi
exec "$VENV/bin/python" -m pytest "$@"
