"""Building the site, or a variant of it, as an editor would (`mkdocs build --strict`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from aftercare.settings import project_languages

ROOT = Path(__file__).resolve().parents[2]
# The site's languages, default first: read from the i18n settings in mkdocs.yml (the one list).
LANGUAGES = project_languages()
DEFAULT_LANGUAGE = LANGUAGES[0]


def header_yaml(*, plugins: bool = True) -> str:
    """The start of a site's own settings file in another folder, as an organisation writes it:
    its name and the plugin, which brings everything else from the project. Its own pages folder
    is the project's (no pages of its own), so the folder needs no docs/."""
    return (f"site_name: Aftercare\ndocs_dir: {ROOT / 'docs'}\n"
            + ("plugins:\n  - aftercare\n" if plugins else ""))


def variant_config(folder: Path, extra_yaml: str = "") -> Path:
    """The project's site with `extra_yaml` added, in `folder` (a `plugins:` list of its own
    replaces the header's)."""
    config = folder / "mkdocs.yml"
    own_plugins = any(line.startswith("plugins:") for line in extra_yaml.splitlines())
    # Plugins listed by a site itself are found by MkDocs before the aftercare plugin runs: for
    # Material's (privacy, search), the theme must be named.
    theme = "theme:\n  name: material\n" if own_plugins else ""
    config.write_text(header_yaml(plugins=not own_plugins) + theme + extra_yaml, encoding="utf-8")
    return config


def build_site(config: Path, site_dir: Path, *, check: bool = True) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` as an editor would; return the finished process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        cwd=config.parent, env=env, capture_output=True, text=True,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return result


def built_pages(site_dir: Path) -> list[str]:
    """Every HTML page of a built site, as URL paths ("", "es/get-help/", "es/404.html")."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith("assets/"):
            continue
        pages.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return pages
