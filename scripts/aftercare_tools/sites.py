"""Building the site, or a variant of it, as an editor would (`mkdocs build --strict`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from aftercare.settings import project_hooks, project_languages

ROOT = Path(__file__).resolve().parents[2]
# The site's languages, default first: read from the i18n settings in mkdocs.yml (the one list).
LANGUAGES = project_languages()
DEFAULT_LANGUAGE = LANGUAGES[0]


def hooks() -> list[Path]:
    """The hooks mkdocs.yml lists, in its order, as absolute paths."""
    return project_hooks(ROOT / "mkdocs.yml")


def hooks_yaml() -> str:
    """`hooks:` for a config outside the project folder (MkDocs finds hooks beside the config)."""
    return "hooks:\n" + "".join(f"  - {path}\n" for path in hooks())


def header_yaml() -> str:
    """The start of a config in another folder that inherits the project's mkdocs.yml: its pages,
    theme folder and hooks, at their absolute paths."""
    return (f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
            f"docs_dir: {ROOT / 'docs'}\n"
            f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n" + hooks_yaml())


def variant_config(folder: Path, extra_yaml: str = "") -> Path:
    """A config in `folder` that inherits mkdocs.yml and adds `extra_yaml` (merged by MkDocs)."""
    config = folder / "mkdocs.yml"
    config.write_text(header_yaml() + extra_yaml, encoding="utf-8")
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
