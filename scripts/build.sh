#!/usr/bin/env bash
# Build the site into site/ (set SITE_URL to the public address for a sitemap).
# Usage: bash scripts/build.sh [-f examples/example-org/mkdocs.yml]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
ensure_venv ""
exec "$VENV/bin/mkdocs" build --strict "$@"
