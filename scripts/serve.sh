#!/usr/bin/env bash
# Set up (first run only) and preview the site at http://127.0.0.1:8000/ ; edits reload the page.
# Usage: bash scripts/serve.sh [LANGUAGE] [extra mkdocs serve options, e.g. -f examples/example-org/mkdocs.yml]
#   bash scripts/serve.sh        every language (a saved change takes longest to show)
#   bash scripts/serve.sh fr     French and English only: a saved change shows sooner
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
ensure_venv ""
if [[ $# -gt 0 && "$1" =~ ^[a-z]{2,3}(-[A-Za-z0-9]+)?$ ]]; then
  # One language plus English, through the same setting organisations use for a subset
  # (extra.aftercare.languages), in a generated settings file that inherits mkdocs.yml.
  lang="$1"
  shift
  mkdir -p .cache
  config=".cache/serve-$lang.yml"
  root="$(pwd)"
  languages="en, $lang"
  [ "$lang" = "en" ] && languages="en"
  cat > "$config" <<YAML
# Written by scripts/serve.sh for a preview in: $languages. Edit mkdocs.yml, not this file.
INHERIT: $root/mkdocs.yml
docs_dir: $root/docs
extra:
  aftercare:
    languages: [$languages]
YAML
  set -- -f "$config" "$@"
  echo "Languages in this preview: $languages"
fi
echo "Preview: http://127.0.0.1:8000/  (press Ctrl+C to stop)"
exec "$VENV/bin/mkdocs" serve --dev-addr 127.0.0.1:8000 "$@"
