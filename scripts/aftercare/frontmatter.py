"""Front matter of Markdown pages: the YAML block between two ``---`` lines at the top."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from . import yamlnodes
from .errors import Problem

_FRONT = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*\n", re.S)


def split(text: str) -> tuple[str, str, int]:
    """Return (front matter YAML, body, number of lines the front matter takes)."""
    match = _FRONT.match(text)
    if not match:
        return "", text, 0
    return match.group("yaml") or "", text[match.end():], match.group(0).count("\n")


def read(path: Path, shown: str) -> tuple[dict, str, list[Problem]]:
    """Parse a page; a malformed front matter is a Problem with its line, not an exception."""
    return parse(path.read_text(encoding="utf-8"), shown)


def parse(text: str, shown: str) -> tuple[dict, str, list[Problem]]:
    """`read` for a page's text already in hand."""
    raw, body, _ = split(text)
    if not raw:
        return {}, body, []
    try:
        meta = yaml.safe_load(raw)
    except ValueError as error:  # a date that does not exist (2026-13-45): YAML reads it as a date
        return {}, body, [_impossible_value(raw, shown, error)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 2 if mark else 1  # +1 for the opening ---, +1 for 1-based lines
        return {}, body, [Problem(shown, line, (mark.column + 1) if mark else 1, "front matter",
                                  f"this is not valid YAML: {error.problem}")]
    if not isinstance(meta, dict):
        return {}, body, [Problem(shown, 2, 1, "front matter", "expected `key: value` lines between the two --- lines")]
    return meta, body, []


def positions(raw: str) -> dict[str, tuple[int, int, str | None]]:
    """Where each field's value stands in the page, (line, column) counting the opening ---
    line, with its text as written for a single value (None for a list or a group): for
    messages that point at the value and quote what the editor wrote, not what YAML made of it
    (`NO` read as false, `2026-11-26` read as a date)."""
    try:
        root = yaml.compose(raw, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    found: dict[str, tuple[int, int, str | None]] = {}

    def walk(node, path: str) -> None:
        text = node.value if isinstance(node, yaml.ScalarNode) else None
        found[path] = (node.start_mark.line + 2, node.start_mark.column + 1, text)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, yamlnodes.join(path, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, yamlnodes.join(path, index))

    if root is not None:
        walk(root, "")
    return found


_DATE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):[ \t]*['\"]?(?P<value>\d{4}-\d{1,2}-\d{1,2})\b", re.M)


def _impossible_value(raw: str, shown: str, error: ValueError) -> Problem:
    """The field whose value YAML could not turn into what it looks like (a date that does not exist)."""
    import datetime as dt

    for match in _DATE.finditer(raw):
        try:
            dt.date(*(int(part) for part in match.group("value").split("-")))
        except ValueError:
            line = raw[:match.start()].count("\n") + 2  # +1 for the opening ---, +1 for 1-based lines
            return Problem(shown, line, match.start("value") - match.start() + 1, match.group("key"),
                           f"{match.group('value')} is not a date that exists: write it as YYYY-MM-DD, "
                           "for example 2026-12-05")
    return Problem(shown, 2, 1, "front matter", f"a value could not be read ({str(error)[:80]}): check the dates and numbers")
