"""A site as its editors wrote it, loaded and checked in one call: settings, interface strings,
data and pages.

The build (``overrides/hooks/``) and ``python -m aftercare.validate`` both call :func:`load`, so
they check the same things and report the same problems: every problem at once, each at the
file, line and column where it was written. Nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from pathspec import GitIgnoreSpec

from . import branding, data, datatext, docsfolder, images, settings as settings_module, tree, ui
from .errors import HasProblems, Problem, ProblemsFound


@dataclass
class Project(HasProblems):
    """Everything a build needs that editors wrote, checked."""

    config_file: Path
    root: Path
    docs_dir: Path
    languages: list[str]  # the languages this site builds, default first
    all_languages: list[str]  # every language the project has (the i18n configuration)
    default_language: str
    brand: branding.Branding
    quick_exit: dict
    strings: ui.Strings | None  # None when the interface strings have errors
    dataset: data.Dataset  # every record that passed its checks (all of them, when there is no error)
    today: dt.date
    problems: list[Problem] = field(default_factory=list)  # errors and warnings, in file order
    # False when a link out of the project stopped the reading: nothing else was read or checked.
    read: bool = True
    # True when the data and interface strings were the same files as at the previous load with
    # the same `memo` (the live preview): what is made from them alone need not be made again.
    same_data: bool = False


def load(config_file: Path | None, *, root: Path, today: dt.date, data_dir: Path | None = None,
         docs_dir: Path | None = None, languages: list[str] | None = None, memo: dict | None = None) -> Project:
    """Load and check a site: its settings file (the project's mkdocs.yml or an organisation's
    own; None: the project's defaults, unchecked), the interface strings, the data and the pages.

    Each part is checked even when another has errors, so one run shows every problem; a
    project with `errors` must not be built. `memo` (the live preview's, kept between reloads):
    when no file of the data folders changed (same names, sizes and times), their strings,
    records and problems are those of the previous load; the pages are always checked again.
    """
    data_dir = data_dir or root / "data"
    problems: list[Problem] = []
    checked, raw = None, {}
    if config_file is not None:
        layered, problems = settings_module.read_files(config_file, root)
        if layered is not None:
            checked, found = settings_module.check(layered, config_file, root=root)
            if any(problem.severity == "error" for problem in problems):
                checked = None  # a file that could not be read in full: its settings are not used
            problems += found
            raw = layered.data
    if languages is None:
        languages = checked.languages if checked else settings_module.i18n_languages(raw)[0]
    default = languages[0]
    brand = checked.branding if checked else branding.Branding()
    built = [code for code in languages if brand.languages is None or code in brand.languages]
    base = config_file.resolve().parent if config_file is not None else root
    docs = docs_dir or (base / raw.get("docs_dir", "docs")).resolve()
    quick_exit = checked.quick_exit if checked else settings_module.defaults().get("quick_exit", {})
    # Nothing is read through a link that leaves the project: checked before any file is opened.
    leaving = tree.outside_links([data_dir, docs, root / "overrides", _custom_dir(raw, config_file), *brand.named,
                                  brand.docs_overlay,
                                  *brand.extra_data], homes=[root, *([config_file.parent] if config_file else [])],
                                 root=root)
    if leaving:
        return Project(config_file=config_file, root=root, docs_dir=docs, languages=built, all_languages=languages,
                       default_language=default, brand=brand, quick_exit=quick_exit, strings=None,
                       dataset=data.Dataset(), today=today, problems=sorted(problems + leaving), read=False)
    for path in (brand.logo, brand.favicon):
        if path is not None and path.is_file():
            problems += images.check(path, tree.shown(path, [root, base]))
    key = (_stamp([data_dir, *brand.extra_data]), tuple(built), default, today, tuple(brand.countries or ()))
    same_data = memo is not None and memo.get("data", (None,))[0] == key
    if same_data:
        strings, dataset, data_problems = memo["data"][1:]
    else:
        strings, dataset, data_problems = _load_data(data_dir, root, today, brand, built, default)
        if memo is not None:
            memo["data"] = (key, strings, dataset, data_problems)
    problems += data_problems
    excluded = _excluded(raw.get("exclude_docs"))
    problems += docsfolder.check_docs(docs, languages, root=root, overlay=brand.docs_overlay, excluded=excluded)
    return Project(
        config_file=config_file, root=root, docs_dir=docs, languages=built, all_languages=languages,
        default_language=default, brand=brand, quick_exit=quick_exit, strings=strings, dataset=dataset,
        today=today, problems=sorted(problems), same_data=same_data,
    )


def _load_data(data_dir: Path, root: Path, today: dt.date, brand: branding.Branding, built: list[str],
               default: str) -> tuple[ui.Strings | None, data.Dataset, list[Problem]]:
    """The interface strings, the records with their translations, and their problems."""
    problems: list[Problem] = []
    try:
        strings = ui.load(data_dir / "ui", built, default, root, extra_dirs=[folder / "ui" for folder in brand.extra_data])
    except ProblemsFound as error:
        strings = None
        problems += error.problems
    result = data.load(data_dir, root=root, today=today, countries=brand.countries, extra_dirs=brand.extra_data)
    problems += result.problems
    catalogues = datatext.load_catalogues([data_dir, *brand.extra_data], built, root)
    translated = datatext.apply(result.dataset, catalogues)
    problems += [p for p in translated.problems if p.line]  # (missing texts: `translations check` lists them)
    return strings, result.dataset, problems


def _stamp(folders: list[Path]) -> str:
    """What the files of these folders are: names, sizes and modification times."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                info = path.stat()
                digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _custom_dir(raw: dict, config_file: Path | None) -> Path | None:
    """The site's own template folder (`theme.custom_dir`), if it names one."""
    theme = raw.get("theme")
    folder = theme.get("custom_dir") if isinstance(theme, dict) else None
    if not isinstance(folder, str) or config_file is None:
        return None
    return config_file.parent / folder


def _excluded(patterns):
    """The settings' `exclude_docs` (gitignore patterns, as MkDocs reads them) as a test of a path."""
    if not isinstance(patterns, str) or not patterns.strip():
        return lambda relative: False
    spec = GitIgnoreSpec.from_lines(patterns.splitlines())
    return spec.match_file
