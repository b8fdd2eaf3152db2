"""Settings files written for an earlier release: what still works, and exactly what to change.

Until release 0.2 an organisation's settings file lived inside a clone of the project and named
the project's internals by path (``INHERIT: ../../mkdocs.yml``, ``docs_dir: ../../docs``, the
theme's ``custom_dir`` and the list of hook files). Such a file still builds, and each of those
lines gets one note, at its file and line, saying what to write instead. The notes have the
severity "upgrade": shown by ``validate`` and the build, never a reason to stop the site.

Nothing here imports MkDocs.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import Problem

SEVERITY = "upgrade"
_INHERIT = re.compile(r"^INHERIT:\s*['\"]?([^'\"#\n]+?)['\"]?\s*(?:#.*)?$", re.M)


def inherited_files(config_file: Path) -> list[Path]:
    """The files a settings file inherits from (MkDocs' INHERIT), nearest first."""
    chain, path = [], Path(config_file).resolve()
    while path.is_file() and len(chain) < 20:
        found = _INHERIT.search(path.read_text(encoding="utf-8", errors="replace"))
        if not found:
            break
        path = (path.parent / found.group(1).strip()).resolve()
        if path in chain:
            break
        chain.append(path)
    return chain


def settings_notes(own_files: list, root: Path) -> list[Problem]:
    """Notes on the old-style lines of a site's own settings files (not the project's mkdocs.yml).

    `own_files` holds (shown name, file path, located YAML) for each of the site's files."""
    notes: list[Problem] = []
    for shown, path, located in own_files:
        data, folder = located.data, Path(path).resolve().parent

        def at(key: str, located=located) -> tuple[int, int]:
            return located.key_marks.get(key) or located.marks.get(key) or (1, 1)

        def points_to(value, target: Path, folder=folder) -> bool:
            return isinstance(value, str) and (folder / value).resolve() == target.resolve()

        hooks = data.get("hooks")
        if isinstance(hooks, list) and any(points_to(h, root / "overrides" / "hooks" / Path(str(h)).name) for h in hooks):
            first, last = at("hooks")[0], max((located.marks.get(f"hooks[{i}]", (0, 0))[0] for i in range(len(hooks))),
                                              default=at("hooks")[0])
            notes.append(Problem(shown, *at("hooks"), "hooks",
                                 f"the project's hooks are no longer listed: delete lines {first}-{last} (`hooks:` and "
                                 "its list) and list the plugin instead (`plugins:` then `  - aftercare`); see "
                                 "'Upgrading from an earlier release' in ORGANISATIONS.md", SEVERITY))
        if points_to(data.get("INHERIT"), root / "mkdocs.yml") and folder != root.resolve():
            notes.append(Problem(shown, *at("INHERIT"), "INHERIT",
                                 "no longer needed: delete this line and list the plugin (`plugins:` then "
                                 "`  - aftercare`); your file then also builds outside the project's folder, with "
                                 "the project installed by pip", SEVERITY))
        legacy = bool(notes) and notes[-1].path == shown  # a file that lists the hooks or inherits the project's
        if legacy and points_to(data.get("docs_dir"), root / "docs") and folder != root.resolve():
            overlay = (data.get("extra") or {}).get("aftercare", {}) or {}
            overlay = overlay.get("docs_overlay") if isinstance(overlay, dict) else None
            move = (f"; then rename `docs_overlay: {overlay}` to `docs_dir: {overlay}`" if overlay else
                    "; your own pages then go in docs/ beside this file")
            notes.append(Problem(shown, *at("docs_dir"), "docs_dir",
                                 "the project's pages come with the plugin: delete this line" + move, SEVERITY))
        theme = data.get("theme")
        if isinstance(theme, dict) and points_to(theme.get("custom_dir"), root / "overrides"):
            notes.append(Problem(shown, *at("theme.custom_dir"), "theme.custom_dir",
                                 "the project's templates come with the plugin: delete `theme:` and its lines "
                                 "(`name: material`, `custom_dir: ...`)", SEVERITY))
    return notes
