"""Shared fixtures: a built site, a local web server for it, and a real headless Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from aftercare.settings import project_languages

ROOT = Path(__file__).resolve().parent.parent
# The site's languages, default first: read from the i18n settings in mkdocs.yml (the one list).
LANGUAGES = project_languages()
DEFAULT_LANGUAGE = LANGUAGES[0]

# Chromium as the developers' guide prescribes: Debian's build, no calls home.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


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


def variant_config(folder: Path, extra_yaml: str = "") -> Path:
    """A config in `folder` that inherits mkdocs.yml and adds `extra_yaml` (merged by MkDocs)."""
    config = folder / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {ROOT / 'docs'}\n"
        f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n"
        f"hooks:\n  - {ROOT / 'overrides' / 'hooks' / 'search.py'}\n  - {ROOT / 'overrides' / 'hooks' / 'site.py'}\n" + extra_yaml,
        encoding="utf-8",
    )
    return config


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The default site, built once for the whole test session."""
    site_dir = tmp_path_factory.mktemp("site")
    build_site(ROOT / "mkdocs.yml", site_dir)
    return site_dir


def built_pages(site_dir: Path) -> list[str]:
    """Every HTML page of a built site, as URL paths ("", "es/get-help/", "es/404.html")."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith("assets/"):
            continue
        pages.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return pages


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@functools.lru_cache(maxsize=None)
def _serve(directory: str) -> str:
    handler = functools.partial(_QuietHandler, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def serve(directory: Path) -> str:
    """Serve a folder on 127.0.0.1 (one server per folder for the session); return its base URL."""
    return _serve(str(directory))


@pytest.fixture(scope="session")
def base_url(site) -> str:
    return serve(site)


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        # Never skip: a missing browser must fail the run, not hide the browser tests.
        raise RuntimeError(
            "Chromium was not found on PATH. The browser tests need Debian's Chromium: "
            "run `bash scripts/test.sh` (it installs it with apt), or `apt-get install -y chromium`."
        )
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
