"""`aftercare new FOLDER`: an organisation's own repository, ready to preview (like `mkdocs new`).

It holds the organisation's settings, pages, data and logo, and nothing of the project's: the
installed package brings the rest, so an upgrade is `pip install --upgrade`, never a merge.
Nothing here imports MkDocs.
"""

from __future__ import annotations

import json
import re
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "aftercare-site"

SETTINGS = """\
# {name}: a branded copy of the Aftercare site.
# Only your own settings are here; everything you do not set keeps the project's default.
# Every setting, with its default: ORGANISATIONS.md in the project, or run `aftercare validate`.
site_name: {name_yaml}
# Your public address (needed for the sitemap), e.g. https://help.example.org/
# site_url: https://help.example.org/

plugins:
  - aftercare

extra:
  aftercare:
    # The languages to build (English must stay), e.g. [en, es].
    languages: [en]
    # The countries whose lines and services to show (ISO codes), e.g. [US, MX].
    # countries: [US]
    # Where the Exit button leads: a neutral page, not blocked or suspicious where your readers live.
    # quick_exit:
    #   url: https://www.bbc.com/weather
    # Your colours (white text must be readable on them) and logo (beside this file).
    # brand:
    #   primary: "#4a2c6f"
    # logo: brand/logo.svg
"""

README = """\
# {name}

A branded copy of the Aftercare site: this repository holds only our own settings
(`mkdocs.yml`), pages (`docs/`), data (`data/`) and logo. The project's pages, data, templates
and checks come from the installed package.

## Preview, check, build

```sh
python3 -m venv .venv && .venv/bin/pip install -r requirements.txt
.venv/bin/mkdocs serve          # preview at http://127.0.0.1:8000/ while you edit
.venv/bin/aftercare validate    # every problem in our settings, pages and data, with file and line
.venv/bin/mkdocs build          # the site, in site/: publish that folder on any static host
```

## What goes where

- `mkdocs.yml`: our settings (name, languages, countries, colours, logo, Exit destination).
- `docs/<language>/<page>.md`: a page of ours. Same name as one of the project's pages
  (`docs/en/about.md`): it replaces that page. A new name (`docs/en/contact.md`): a new page.
- `data/hotlines/*.yml`, `data/providers/*.yml`: lines and services of ours, in the project's format.

## Upgrade

`.venv/bin/pip install --upgrade -r requirements.txt`, then `.venv/bin/aftercare validate`:
anything that changed in the format is named with the file, the line and what to write.
"""


def requirement() -> str:
    """The line that installs the project as it was installed here: from the same place (a path,
    a git URL or a wheel), or the same version."""
    try:
        dist = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return DISTRIBUTION
    direct = dist.read_text("direct_url.json")
    if direct:
        info = json.loads(direct)
        url = info.get("url", "")
        vcs = info.get("vcs_info")
        if vcs:
            url = f"{vcs.get('vcs', 'git')}+{url}@{vcs.get('requested_revision') or vcs.get('commit_id')}"
        if url and not (info.get("dir_info") or {}).get("editable"):
            return f"{DISTRIBUTION} @ {url}"
        if url:
            return f"# installed for editing from {url}: pip install -e that folder, or\n{DISTRIBUTION} @ {url}"
    return f"{DISTRIBUTION}=={dist.version}"


def create(folder: Path, name: str | None = None) -> list[Path]:
    """Write a new organisation repository into `folder` (which must be empty or not exist)."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty: choose a new folder")
    name = name or re.sub(r"[-_]+", " ", folder.resolve().name).strip().title() or "Our site"
    files = {
        "mkdocs.yml": SETTINGS.format(name=name, name_yaml=json.dumps(name, ensure_ascii=False)),
        "README.md": README.format(name=name),
        "requirements.txt": requirement() + "\n",
        ".gitignore": "site/\n.venv/\n",
        # MkDocs needs the pages folder; git keeps a folder only with a file in it.
        "docs/en/.gitkeep": "",
        "data/hotlines/.gitkeep": "",
        "data/providers/.gitkeep": "",
    }
    written = []
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
