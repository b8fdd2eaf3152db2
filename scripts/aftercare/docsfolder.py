"""Every file in a pages folder (docs/, an organisation's own): a page that is read and whose
front matter is checked, a picture that is safe to open on its own, or a problem that says why
it would not be read. Nothing an editor puts there is silently left out."""

from __future__ import annotations

from pathlib import Path

from . import images, pagemeta
from .content import _shown
from .errors import Problem

# Files a docs folder may hold besides Markdown pages: pictures the pages show.
ASSET_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif"})


def check_docs(docs: Path, languages: list[str], *, root: Path, overlay: Path | None = None,
               excluded=lambda relative: False) -> list[Problem]:
    """Every file under docs/ (and an organisation's overlay) is a page that is read, or reported;
    each page's front matter is checked. `excluded(relative_path)` is the generator's exclude list."""
    problems: list[Problem] = []
    for folder in (docs, overlay):
        if folder is None or not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder).as_posix()
            if path.is_dir() or path.name.startswith(".") or excluded(relative):
                continue
            shown = _shown(path, root)
            top = relative.split("/", 1)[0]
            if "/" not in relative:
                problems.append(Problem(shown, 0, 0, "", f"this file is not read: pages go in a language folder, "
                                        f"e.g. {folder.name}/en/{path.name}"))
            elif top not in languages:
                problems.append(Problem(shown, 0, 0, "", f"this file is not read: '{top}' is not a language of this site "
                                        f"({', '.join(languages)}); move it to the right language folder"))
            elif path.suffix == ".md":
                problems += pagemeta.check(path, shown)[1]
            elif path.suffix.lower() in ASSET_SUFFIXES:
                problems += images.check(path, shown)  # a picture, safe to open on its own
            elif path.suffix.lower() == ".md" or path.suffix.lower() == ".markdown":
                problems.append(Problem(shown, 0, 0, "", f"this file is not read: rename it {path.stem}.md"))
            elif path.suffix.lower() not in ASSET_SUFFIXES:
                problems.append(Problem(shown, 0, 0, "", "this file is not read: docs/ holds Markdown pages (.md) and "
                                        f"pictures ({', '.join(sorted(ASSET_SUFFIXES))}) only"))
    return problems
