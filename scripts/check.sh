#!/usr/bin/env bash
# The fast content check (a few seconds, no site build): data, settings, translations, house style
# and readability of the changed pages. The pull-request workflow and pre-commit run this command.
# Usage: bash scripts/check.sh [changed files]   (default: what differs from main, committed or not)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
ensure_venv ""
exec "$VENV/bin/python" -m aftercare.check "$@"
