#!/usr/bin/env bash
# Set up (first run only) and preview the site at http://127.0.0.1:8000/ ; edits reload the page.
# Usage: bash scripts/serve.sh [extra mkdocs serve options, e.g. -f example-org/mkdocs.yml]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
ensure_venv ""
echo "Preview: http://127.0.0.1:8000/  (press Ctrl+C to stop)"
exec "$VENV/bin/mkdocs" serve --dev-addr 127.0.0.1:8000 "$@"
