"""Which files a site may read: its own, never a file outside through a symbolic link.

A link in docs/, data/, the templates or an organisation's folders that points outside the
project (or the organisation's own folders) is an error naming the link. Nothing is read
through it, and the message says neither where it points nor what it holds: CI logs are often
public. A link that stays inside behaves as its target. Nothing here reads a file's content.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import Problem

FIELD = "link"


def outside_links(items: list[Path | None], *, homes: list[Path], root: Path) -> list[Problem]:
    """A problem for every link under `items` (folders or files) that leads outside `homes`.

    `homes` are the project's folder and the organisation's; a folder the settings name outside
    them (a shared folder of the organisation's own) is a home too, but links inside it are
    held to the same rule.
    """
    given = [Path(os.path.abspath(item)) for item in items if item is not None and os.path.lexists(item)]
    home_paths = [Path(os.path.abspath(home)) for home in homes]
    real_homes = [Path(os.path.realpath(home)) for home in homes]
    for item in given:
        if not _within(item, home_paths):
            real_homes.append(Path(os.path.realpath(item)))
    problems: list[Problem] = []
    visited: set[str] = set()
    shown_from = [*home_paths, root]
    for item in given:
        _check(item, real_homes, shown_from, problems, visited)
    return sorted(set(problems))


def _within(path: Path, folders: list[Path]) -> bool:
    return any(path == folder or path.is_relative_to(folder) for folder in folders)


def _check(path: Path, homes: list[Path], shown_from: list[Path], problems: list[Problem], visited: set[str]) -> None:
    real = os.path.realpath(path)
    if not os.path.exists(real):
        problems.append(Problem(shown(path, shown_from), 0, 0, FIELD, "this is a link to a file that does not "
                                "exist: remove the link, or put the file itself in its place"))
        return
    if not _within(Path(real), homes):
        kind = "folder" if os.path.isdir(real) else "file"
        problems.append(Problem(shown(path, shown_from), 0, 0, FIELD, f"this is a link to a {kind} outside the "
                                f"project, and the site reads only its own files: copy the {kind} into the project "
                                 "(or the organisation's folder), or remove the link"))
        return
    if not os.path.isdir(real) or real in visited:
        return
    visited.add(real)
    with os.scandir(path) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.is_symlink() or entry.is_dir(follow_symlinks=False):
                _check(path / entry.name, homes, shown_from, problems, visited)


def shown(path: Path, folders: list[Path]) -> str:
    """The link as the editor sees it: relative to the project or the organisation's folder,
    never resolved (that would print where it points)."""
    for folder in folders:
        if path.is_relative_to(folder):
            return path.relative_to(folder).as_posix()
    return path.as_posix()
