"""Render the data templates (overrides/partials/aftercare/*.html) with escaping always on.

MkDocs' own template environment does not escape values; data written by editors must never
become markup, so data templates go through this environment instead: autoescape on, and an
undefined name is an error rather than an empty string.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import paths

TEMPLATES = paths.package_root() / "overrides"


@lru_cache(maxsize=None)
def _environment(folder: str) -> Environment:
    return Environment(loader=FileSystemLoader(folder), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True)


def render(name: str, folder: Path = TEMPLATES, **values) -> str:
    """Render `partials/aftercare/<name>.html` from `folder` (default: the project's overrides/)."""
    return _environment(str(folder)).get_template(f"partials/aftercare/{name}.html").render(**values)
