"""A page's front matter, checked: every field has a type (``data/schema/page.schema.json``,
which editors' tools can use too) and a check, and any wrong value is a file:line:column:field
problem that points at the value and quotes it as the editor wrote it.

The front matter is read as the generator reads it (YAML 1.1: ``NO`` is false, ``2026-11-26``
a date); where that is not what the editor meant (a country ``NO``), the message quotes what
was written and says to put it in quotes.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path

import pycountry
from jsonschema import Draft202012Validator

from . import content, dataschema, frontmatter, paths, yamlnodes
from .errors import Problem

SCHEMA = paths.package_root() / "data" / "schema" / "page.schema.json"
TEXT_FIELDS = ("title", "description")


@functools.cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def known_keys() -> list[str]:
    return sorted(_validator().schema["properties"])


def check(path: Path, shown: str) -> tuple[dict, list[Problem]]:
    """A page's front matter and its problems (none: the page may be built)."""
    raw_bytes = path.read_bytes()
    try:
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw_bytes[: error.start].count(b"\n") + 1
        return {}, [Problem(shown, line, 1, "", "this page is not UTF-8 text: save it as UTF-8")]
    if text.startswith("---") and frontmatter.split(text)[2] == 0:
        return {}, [Problem(shown, 1, 1, "front matter", "the front matter has no closing --- line: "
                            "add a line with only --- after the last `key: value` line")]
    meta, _, problems = frontmatter.parse(text, shown)
    if problems or not meta:
        return meta, problems
    where = frontmatter.positions(frontmatter.split(text)[0])
    lines = text.split("\n")

    def add(field: str, message: str, needle: str | None = None) -> None:
        probe = field
        while probe and probe not in where:
            probe = yamlnodes.parent_path(probe)
        line, column, _ = where.get(probe, (2, 1, None))
        if needle and 0 < line <= len(lines) and needle.lower() in lines[line - 1].lower():
            column = lines[line - 1].lower().index(needle.lower()) + 1  # where the refused thing stands
        problems.append(Problem(shown, line, column, field, message))

    for error in dataschema.leaf_errors(_validator().iter_errors(_plain(meta))):
        field = dataschema.path_of(error.absolute_path)
        message, field = dataschema.explain(error, field)
        written = where.get(field, (0, 0, None))[2]
        if error.validator == "additionalProperties":
            message = f"unknown front-matter key '{field.rsplit('.', 1)[-1]}': known keys are {', '.join(known_keys())}"
            if "." in field:
                parent = field.rsplit(".", 1)[0]
                known = sorted(error.schema.get("properties", {}))
                message = f"unknown key in {parent}: known keys are {', '.join(known)}"
        elif error.instance is None:
            message = "has no value: write one, or delete the line"
        elif error.validator == "minLength":
            message = "is empty: write it, or delete the line"
        elif error.validator == "exclusiveMinimum":
            message = f"{error.instance} should be a number above {error.validator_value}"
        elif error.validator == "pattern" and isinstance(error.instance, str):
            name = field.split(".")[-1].split("[")[0]  # applies_to[0] -> applies_to
            message = f"{dataschema.short(error.instance)} {_PATTERN_HINTS.get(name, 'does not have the expected form')}"
        elif error.validator == "type" and written is not None and not isinstance(error.instance, (dict, list)):
            # What YAML made of it (false, a date, a number) is not what was written: quote that.
            message = (f"'{written}' should be {_kind(error.validator_value)}; YAML reads {written} as "
                       f"{_read_as(error.instance)}: put it in quotes, like '{written}'"
                       if not isinstance(error.instance, str) else message)
        elif written is not None and isinstance(error.instance, (bool, int, float)) and error.validator == "pattern":
            message = f"'{written}' is read as {_read_as(error.instance)}: put it in quotes, like '{written}'"
        add(field, message)
    for key in TEXT_FIELDS:
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            problem = content.markup_problem(value)
            if problem:
                add(key, problem, _needle(problem))
    countries = meta.get("applies_to")
    for index, code in enumerate(countries if isinstance(countries, list) else []):
        if isinstance(code, str) and len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is None:
            add(f"applies_to[{index}]", f"'{code}' is not an ISO 3166-1 country code (e.g. US, MX, PH)")
    reviewed = meta.get("last_reviewed")
    if isinstance(reviewed, dt.date) and not isinstance(reviewed, dt.datetime) and reviewed > dt.date.today():
        add("last_reviewed", f"{reviewed} is in the future: give the day a person last checked the page")
    return meta, sorted(problems)


_PATTERN_HINTS = {
    "last_reviewed": "is not a date: write YYYY-MM-DD, for example 2026-12-05",
    "source_hash": "is not what the translation tool writes (12 letters and digits): when the translation matches "
                   "the English page, run `python -m aftercare.translations stamp LANG PAGE` to set it",
    "icon": "is not an icon name: write one like material/phone",
    "template": "is not a template file name: write one like home.html (a name only, no folder above it)",
    "applies_to": "is not a country code: use the two capital letters of ISO 3166-1, e.g. GB",
}


def _plain(value):
    """The front matter as JSON would hold it: dates as the text YYYY-MM-DD."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10] if not isinstance(value, dt.datetime) else value.isoformat()
    return value


def _kind(expected) -> str:
    return dataschema.TYPE_NAMES.get(expected, str(expected)) if isinstance(expected, str) else " or ".join(map(_kind, expected))


def _read_as(value) -> str:
    if isinstance(value, bool):
        return "true or false"
    if value is None:
        return "nothing (an empty value)"
    return "a number"


def _needle(message: str) -> str | None:
    """What to look for on the line: the refused tag, or the invisible character."""
    if "the HTML tag <" in message:
        return "<" + message.split("the HTML tag <", 1)[1].split(">", 1)[0]
    if message.startswith("contains U+"):
        return chr(int(message[len("contains U+"):].split(" ", 1)[0], 16))
    return None
