"""The state of a build, shared by the plugin's jobs and by every language build, and path helpers.

mkdocs-static-i18n builds the whole site once per language, so every event runs once per
language: what is loaded once per run lives in ``SITE`` (set by ``build.py``'s on_config), and
the language being built is ``config.theme["language"]``.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import urlsplit

from aftercare.errors import Problem

# How MkDocs was started (build or serve), the run's warning counter, and "root": the project
# the site is built from (its data/, docs/, overrides/: aftercare.paths.project_root).
RUN: dict = {}

# The current build: "project" (aftercare.project.Project), "config", and what the jobs keep
# between language builds.
SITE: dict = {}


def project():
    """The loaded project (aftercare.project.Project) of the current build."""
    return SITE["project"]


def lang(config) -> str:
    """The language being built."""
    return config.theme["language"]


def language_root(code: str) -> str:
    """The folder of a language inside the site: "" for the default language, "es/" for Spanish."""
    return "" if code == project().default_language else f"{code}/"


def base_path(config) -> str:
    """The path the site is served under ("/" unless site_url says otherwise)."""
    return urlsplit(config.site_url or "/").path or "/"


def relative(target: str, page_url: str | None) -> str:
    """A link from a page (None: the 404 page, served at any depth) to a site path."""
    if page_url is None:
        return posixpath.join(base_path(SITE["config"]), target)
    page_dir = posixpath.dirname(page_url) if not page_url.endswith("/") else page_url.rstrip("/")
    link = posixpath.relpath(target or ".", page_dir or ".")
    if target.endswith("/") and not link.endswith("/"):
        link += "/"
    return link


def offline(config) -> bool:
    """True when Material's offline plugin is on (a copy read from file://)."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


def report(what: str, problems: list[Problem]) -> str:
    lines = "\n".join(f"  {problem}" for problem in problems)
    return f"{len(problems)} problem(s) in the {what}:\n{lines}"


def shown_source(page) -> str:
    """The file a page was made from, as an editor knows it (docs/en/about.md)."""
    path = page.file.abs_src_path
    if not path:
        return f"(page made from data: {page.file.src_uri})"
    try:
        return Path(path).resolve().relative_to(RUN["root"]).as_posix()
    except ValueError:
        return path
