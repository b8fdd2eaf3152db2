"""Interface strings: ``data/ui/<lang>.yml``, one file per language, English as the fallback.

The files are content, not code: editors translate them like pages. A key missing in a
language falls back to the default language; a key missing in the default language, or a
key that does not exist there, is an error that names the file and line.
"""

from __future__ import annotations

from pathlib import Path
from string import Formatter

import yaml

from . import content, yamlnodes
from .errors import Problem, ProblemsFound


class Strings:
    """All interface strings of a site, looked up by language and dotted key."""

    def __init__(self, table: dict[str, dict[str, str]], default: str):
        self._table = table
        self.default = default

    def get(self, lang: str, key: str) -> str:
        value = self._table.get(lang, {}).get(key)
        if value is None:
            value = self._table[self.default][key]
        return value

    def is_translated(self, lang: str, key: str) -> bool:
        return key in self._table.get(lang, {})

    def keys(self) -> list[str]:
        return sorted(self._table[self.default])

    def for_language(self, lang: str) -> dict[str, str]:
        return {key: self.get(lang, key) for key in self.keys()}

    def material(self, lang: str) -> dict[str, str]:
        """Material's interface strings given for a language (for languages Material does not ship)."""
        return {key[len(MATERIAL):]: value for key, value in self._table.get(lang, {}).items()
                if key.startswith(MATERIAL)}


# Material for MkDocs' own interface strings for a language it does not ship, written as
# `material: {"search.placeholder": ...}`; they are checked by Material's keys, not ours.
MATERIAL = "material."


def load(directory: Path, languages: list[str], default: str, root: Path | None = None,
         extra_dirs: list[Path] = ()) -> Strings:
    """Read ``<directory>/<lang>.yml`` for every language; raise ProblemsFound listing every problem.

    A language's file may instead be in one of `extra_dirs` (an organisation's own language).
    """
    root = root or directory.parent.parent
    problems: list[Problem] = []
    table: dict[str, dict[str, str]] = {}
    lines: dict[str, dict[str, int]] = {}
    # A language's own file in an extra folder wins over the project's.
    paths = {lang: next((folder / f"{lang}.yml" for folder in extra_dirs if (folder / f"{lang}.yml").exists()),
                        directory / f"{lang}.yml") for lang in languages}
    for lang in languages:
        path = paths[lang]
        shown = _shown(path, root)
        if not path.exists():
            if lang == default:
                problems.append(Problem(shown, 0, 0, "", "file is missing: the default language needs every interface string"))
            continue
        text, found = yamlnodes.decode(path.read_bytes(), shown)
        found += yamlnodes.screen(text, shown) if text is not None else []
        if found:
            problems += found
            continue
        try:
            node = yamlnodes.compose(text)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark
            problems.append(Problem(shown, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0, "", f"this is not valid YAML: {error.problem}"))
            continue
        flat: dict[str, str] = {}
        where: dict[str, int] = {}
        if node is not None:
            _flatten(node, "", flat, where, shown, problems)
        table[lang] = flat
        lines[lang] = where
    for lang, flat in table.items():
        for key, value in flat.items():
            problem = _text_problem(value)
            if problem:
                problems.append(Problem(_shown(paths[lang], root), lines[lang][key], 1, key, problem))
                flat[key] = ""  # checked no further
    if default in table:
        known = set(table[default])
        for lang, flat in table.items():
            # A count's forms (CLDR plural categories) that the default language does not need:
            # Arabic has six, English two; each language gives the ones its grammar has.
            for key in sorted(k for k in set(flat) - known if _plural_base(k) in known):
                wanted = _placeholders(table[default][_plural_base(key)])
                if flat[key] and not _placeholders(flat[key]) <= wanted:
                    problems.append(Problem(_shown(paths[lang], root), lines[lang][key], 1, key,
                                            f"placeholders {sorted(_placeholders(flat[key]))} are not among "
                                            f"{default}.yml's {sorted(wanted)} for this count"))
            for key in sorted(k for k in set(flat) - known if not k.startswith(MATERIAL) and _plural_base(k) not in known):
                problems.append(Problem(_shown(paths[lang], root), lines[lang][key], 1, key,
                                        f"unknown key: it is not in {default}.yml (check the spelling, or add it there first)"))
            for key in sorted(set(flat) & known):
                if not flat[key] or not table[default][key]:
                    continue
                wanted = _placeholders(table[default][key])
                found = _placeholders(flat[key])
                if wanted != found and not (key.rsplit(".", 1)[-1] in PLURAL_FORMS and found <= wanted):
                    problems.append(Problem(_shown(paths[lang], root), lines[lang][key], 1, key,
                                            f"placeholders {sorted(found)} differ from {default}.yml {sorted(wanted)}: keep {{...}} words exactly as in {default}.yml"))
    if problems:
        raise ProblemsFound(problems)
    return Strings(table, default)


def _flatten(node, prefix, flat, where, shown, problems):
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = f"{prefix}{key_node.value}"
            if key in flat or any(k.startswith(key + ".") for k in flat):
                mark = key_node.start_mark
                problems.append(Problem(shown, mark.line + 1, mark.column + 1, key, f"'{key_node.value}' is given twice; keep one"))
                continue
            if isinstance(value_node, yaml.MappingNode):
                _flatten(value_node, key + ".", flat, where, shown, problems)
            elif isinstance(value_node, yaml.ScalarNode) and value_node.tag == "tag:yaml.org,2002:str" and value_node.value.strip():
                flat[key] = value_node.value
                where[key] = value_node.start_mark.line + 1
            else:
                mark = value_node.start_mark
                problems.append(Problem(shown, mark.line + 1, mark.column + 1, key, "expected a line of text"))
    else:
        mark = node.start_mark
        problems.append(Problem(shown, mark.line + 1, mark.column + 1, prefix.rstrip("."), "expected keys with text, like `label: Exit`"))


# CLDR's plural categories: a key `NAME.<category>` is one form of a count (`NAME.other` is the
# one every language has); a form may write the number out ("one service": no {count}).
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")


def _plural_base(key: str) -> str | None:
    """For `data.services_count.few`: `data.services_count.other`, the form every language has."""
    base, _, form = key.rpartition(".")
    return f"{base}.other" if base and form in PLURAL_FORMS else None


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def _text_problem(text: str) -> str | None:
    """Why an interface string cannot be published, or None. Strings are plain text or
    Markdown: markup is never needed, and escapes or braces that do not close would break pages."""
    try:
        _placeholders(text)
    except ValueError:
        return ("a { or } does not pair up: placeholders are written {name}; "
                "to show a brace itself, write it twice ({{ or }})")
    problem = content.markup_problem(text)
    if problem:
        return problem
    return None


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
