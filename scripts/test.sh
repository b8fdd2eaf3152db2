#!/usr/bin/env bash
# Install everything the checks need (Chromium, nginx, Node.js and npm too, where apt is available) and run them all.
# Usage: bash scripts/test.sh [pytest options]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
ensure_venv "[test]"
# Debian's Chromium (browser tests), nginx (the server test), Node.js and npm (the web editor's
# test, which runs decap-server): installed with apt where the machine has it; otherwise the run
# stops here and says what to install, never skipping tests.
need() {  # need PROGRAM WHAT-FOR [PATH] [PACKAGE]
  if command -v "$1" >/dev/null 2>&1 || { [ -n "${3:-}" ] && [ -x "$3" ]; }; then
    return
  fi
  if command -v apt-get >/dev/null 2>&1; then
    package="${4:-$1}"
    echo "Installing $1 for $2 (apt-get install $package)"
    SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq "$package" >/dev/null
  else
    echo "error: $1 is needed for $2 (as '$1' on PATH); install it and run again" >&2
    exit 1
  fi
}
need chromium "the browser tests"
need nginx "the server test" /usr/sbin/nginx
need node "the web editor's test" "" nodejs
need npm "the web editor's test"
# With no options, every test, three test files at a time (most of the time a test waits on a
# browser or a build, so three processes keep two cores busy; each file stays in one process,
# which builds the sites it needs once). With options (-k, a file), as given, in one process.
if [ "$#" -eq 0 ]; then
  set -- -n 3 --dist loadfile
fi
exec "$VENV/bin/python" -m pytest "$@"
