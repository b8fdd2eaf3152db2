"""Shared fixtures: a built site, a local web server for it, and a real headless Chromium.

The helpers themselves live in ``scripts/aftercare_tools`` (shared with the benchmarks and the
screenshot scripts); they are re-exported here for the tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aftercare_tools.browser import CHROMIUM_ARGS, chromium, chromium_path  # noqa: F401
from aftercare_tools.server import serve
from aftercare_tools.sites import (DEFAULT_LANGUAGE, LANGUAGES, ROOT, build_site, built_pages,  # noqa: F401
                                   header_yaml, variant_config)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The default site, built once for the whole test session."""
    site_dir = tmp_path_factory.mktemp("site")
    build_site(ROOT / "mkdocs.yml", site_dir)
    return site_dir


@pytest.fixture(scope="session")
def base_url(site) -> str:
    return serve(site)


@pytest.fixture(scope="session")
def browser():
    with chromium() as instance:
        yield instance
