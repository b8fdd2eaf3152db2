"""Where the project's own files are: its pages (docs/), data (data/) and templates (overrides/).

Two layouts, one answer:

- a checkout of the project (this file is ``scripts/aftercare/paths.py``): the checkout's folders;
- the installed package (a wheel): the same folders, carried inside it as ``aftercare_site/``.

A site's settings file decides which project it is built from (:func:`project_root`): a checkout
it is in, or inherits from, wins over the installed package. So every command acts on the project
in front of the editor, not on the one it was installed from. Nothing here imports MkDocs.
"""

from __future__ import annotations

from pathlib import Path

# The file that marks a folder as a checkout of the project (or the package's copy of one).
MARKER = Path("data") / "schema" / "settings.schema.json"

_HERE = Path(__file__).resolve().parent


def package_root() -> Path:
    """The project files this code came with: the checkout it runs from, or the wheel's copy."""
    checkout = _HERE.parents[1]
    if is_project(checkout):
        return checkout
    installed = _HERE.parent / "aftercare_site"
    if is_project(installed):
        return installed
    raise FileNotFoundError(f"the project's files are missing: looked for {checkout / MARKER} and {installed / MARKER}; "
                            "reinstall the package (pip install aftercare-site)")


def is_project(folder: Path) -> bool:
    """True for a folder that holds the project's own data/, docs/ and overrides/."""
    return (folder / MARKER).is_file() and (folder / "docs").is_dir() and (folder / "overrides").is_dir()


def project_root(config_file: Path | None = None, inherited: list[Path] = ()) -> Path:
    """The project a site is built from: the folder of its settings file, or of a file it inherits
    from, when that folder is a checkout of the project; otherwise the installed package's files."""
    for path in ([config_file] if config_file else []) + list(inherited):
        folder = Path(path).resolve().parent
        if is_project(folder):
            return folder
    return package_root()


def current(config: Path | None = None) -> tuple[Path | None, Path]:
    """The site a command acts on, as MkDocs finds it: the settings file given, or mkdocs.yml in
    the current folder (None when there is none), and the project it is built from."""
    from .upgrades import inherited_files

    config_file = Path(config) if config is not None else Path("mkdocs.yml")
    if config_file.is_file():
        return config_file, project_root(config_file, inherited_files(config_file))
    here = Path.cwd()
    return (config_file if config is not None else None), (here if is_project(here) else package_root())
