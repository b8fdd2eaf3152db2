#!/usr/bin/env bash
# Set up (first run only) and preview the site at http://127.0.0.1:8000/ ; edits reload the page.
# The web editor is at http://127.0.0.1:8000/admin/ (its saves are written into the files).
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
# The web editor at /admin/ writes what you save into these files through decap-server, its
# local backend (no account needed); the preview then shows the change like any edit.
root="$(pwd)"
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [[ "${args[$i]}" == "-f" || "${args[$i]}" == "--config-file" ]] && [[ "${args[$i+1]:-}" != .cache/* ]]; then
    root="$(cd "$(dirname "${args[$i+1]}")" && pwd)"
  fi
done
editor_pid=""
if command -v node >/dev/null && command -v npm >/dev/null; then
  "$VENV/bin/python" -m aftercare.editor serve "$root" &
  editor_pid=$!
  trap '[ -n "$editor_pid" ] && kill "$editor_pid" 2>/dev/null' EXIT
  echo "Web editor: http://127.0.0.1:8000/admin/  (saves go into the files under $root)"
else
  echo "Web editor: not started (it needs Node.js and npm: apt-get install -y nodejs npm)"
fi
echo "Preview: http://127.0.0.1:8000/  (press Ctrl+C to stop)"
# --dirty: a reload makes again only the pages that changed (and the country pages when the data
# changed), in about a second. A new page, a changed page title in the menu of the other pages,
# or a changed template shows after a restart (Ctrl+C, then run this again).
"$VENV/bin/mkdocs" serve --dirty --dev-addr 127.0.0.1:8000 "$@"
