"""The data's JSON Schemas: each record checked against its schema, fast first (jsonschema-rs),
then explained (jsonschema) only where the fast check says no, with messages an editor can act on.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from . import yamlnodes
from .errors import Problem


@dataclass(frozen=True)
class _Schema:
    """One schema, checked twice over: `fast` (jsonschema-rs) only answers whether a record is
    valid; `full` (jsonschema) explains every problem, and is asked only when `fast` says no, so
    messages are always jsonschema's. A record `fast` passes has no problem `full` would report
    (tested): patterns and formats are judged by the same Python code in both."""

    fast: jsonschema_rs.Validator
    full: Draft202012Validator

    def is_valid(self, instance) -> bool:
        try:
            return self.fast.is_valid(instance)
        except Exception:  # a value JSON cannot hold (e.g. .inf): let jsonschema judge it
            return False


class _PythonPattern:
    """The `pattern` keyword for jsonschema-rs, matched as jsonschema matches it (Python's
    re.search): Rust's engine reads some classes otherwise (`\\s` and U+001C, for one)."""

    def __init__(self, parent_schema, value, schema_path):
        self.regex = re.compile(value)

    def validate(self, instance):
        if isinstance(instance, str) and not self.regex.search(instance):
            raise ValueError(f"{instance!r} does not match {self.regex.pattern!r}")


def validators(schema_dir: Path) -> dict[str, _Schema]:
    resources = []
    schemas = {}
    for path in sorted(schema_dir.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        schema = dict(schema, **{"$id": path.name})
        schemas[path.name] = schema
        resources.append((path.name, Resource.from_contents(schema, default_specification=DRAFT202012)))
    registry = Registry().with_resources(resources)
    format_checker = FormatChecker()
    # jsonschema-rs wants absolute addresses: the files' own, so "definitions.schema.json#/..."
    # resolves as for jsonschema. Every schema is given; nothing is fetched.
    base = schema_dir.resolve().as_uri() + "/"
    fast_schemas = {name: dict(schema, **{"$id": base + name}) for name, schema in schemas.items()}
    fast_registry = jsonschema_rs.Registry([(base + name, schema) for name, schema in fast_schemas.items()],
                                           retriever=_no_retrieval)
    # Formats too are jsonschema's own checks (a date that is real, an address with an @).
    formats = {name: functools.partial(_conforms, format_checker, name) for name in format_checker.checkers}
    return {name: _Schema(fast=jsonschema_rs.validator_for(fast_schemas[name], registry=fast_registry,
                                                           retriever=_no_retrieval, validate_formats=True,
                                                           formats=formats, keywords={"pattern": _PythonPattern}),
                          full=Draft202012Validator(schema, registry=registry, format_checker=format_checker))
            for name, schema in schemas.items()}


def _conforms(checker: FormatChecker, name: str, instance) -> bool:
    return checker.conforms(instance, name)


def _no_retrieval(uri: str):
    raise LookupError(f"{uri}: a schema refers to a file that is not in data/schema/")


def path_of(parts) -> str:
    path = ""
    for part in parts:
        path = yamlnodes.join(path, part)
    return path


def schema_problems(schema: _Schema, located: yamlnodes.Located, shown: str) -> list[Problem]:
    if schema.is_valid(located.data):
        return []
    problems = []
    for error in leaf_errors(schema.full.iter_errors(located.data)):
        path = path_of(error.absolute_path)
        message, path = explain(error, path)
        if error.validator == "additionalProperties" and path in located.key_marks:
            line, column = located.key_marks[path]
        else:
            line, column = located.where(path)
        problems.append(Problem(shown, line, column, path, message))
    return problems


def leaf_errors(errors):
    """For oneOf/anyOf, report the best-matching branch's errors rather than "not valid under any"."""
    for error in errors:
        if error.validator in ("oneOf", "anyOf") and error.context:
            yield from leaf_errors([_best_branch(error)])
        else:
            yield error


def _best_branch(error):
    from jsonschema.exceptions import best_match

    return best_match(error.context)


# How a message names the JSON Schema types an editor writes.
TYPE_NAMES = {"object": "a group of fields", "array": "a list (lines starting with -)", "string": "text",
              "integer": "a whole number", "number": "a number", "boolean": "true or false"}


def explain(error, path: str) -> tuple[str, str]:
    """A sentence an editor can act on, and the field it is about."""
    kind = error.validator
    value = error.instance
    if kind == "required":
        missing = re.search(r"'([^']+)' is a required property", error.message).group(1)
        if isinstance(value, dict) and value.get("found") is True and missing in ("text", "sources"):
            # A rights fact said to be found: the page it comes from, or it stays a gap.
            what = ("the page that states it (url, read, says)" if missing == "sources"
                    else "what the sources say, in plain words (en: ...)")
            return (f"found: true needs {missing}: add {what}, or set found: false if no page read states it",
                    yamlnodes.join(path, missing))
        return f"'{missing}' is missing: add it (see data/schema/ for what it holds)", yamlnodes.join(path, missing)
    if kind == "additionalProperties":
        extra = sorted(set(value) - set(error.schema.get("properties", {})))
        known = ", ".join(sorted(error.schema.get("properties", {})))
        return (f"unknown field '{extra[0]}': check the spelling (known fields: {known})",
                yamlnodes.join(path, extra[0]))
    if kind == "type":
        expected = error.validator_value
        if expected == "string" and isinstance(value, (int, float)):
            return f"{value!r} should be text: put it in quotes, like '{value}'", path
        names = TYPE_NAMES
        if not path:
            # The whole file is not what it should be: it may not be the file meant at all (a key,
            # a note), and messages end up in public CI logs: say what it holds, never quote it.
            held = {dict: "a group of fields", list: "a list"}.get(type(value), "a single value")
            return (f"this file should be {names.get(expected, expected)} (`key: value` lines), and it holds {held}: "
                    "check that it is the right file"), path
        return f"{short(value)} should be {names.get(expected, expected)}", path
    if kind == "enum":
        return f"{short(value)} is not one of: {', '.join(map(str, error.validator_value))}", path
    if kind == "pattern":
        return f"{short(value)} {_PATTERN_HINTS.get(error.validator_value, 'does not have the expected form')}", path
    if kind == "format" and error.validator_value == "date":
        return f"{short(value)} is not a real date: write YYYY-MM-DD, e.g. 2026-11-26", path
    if kind == "format" and error.validator_value == "email":
        return f"{short(value)} is not an email address", path
    if kind == "minItems":
        return "the list is empty: give at least one", path
    if kind == "not" and isinstance(value, dict) and "number" in value and "short_code" in value:
        return "give either number or short_code, not both", path
    return error.message, path


_PATTERN_HINTS = {
    "^[A-Z]{2}$": "is not a country code: use the two capital letters of ISO 3166-1, e.g. GB",
    "^[a-z]{2,3}$": "is not a language code: use ISO 639 letters in lower case, e.g. en, es, ar",
    "^https://[^\\s/$.?#][^\\s]*$": "is not an https:// address: use the secure address of the page",
    "^https?://[^\\s/$.?#][^\\s]*$": "is not a web address: copy it from the browser, starting with https://",
    "^[0-9]{2,6}$": "is not a short code: write the 2 to 6 digits only, e.g. '988'",
    "^[a-z0-9]+(-[a-z0-9]+)*$": "is not a valid id: use lower-case letters, digits and hyphens",
}


_USER_INFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#@\s]*@")


def short(value) -> str:
    """A value quoted in a message: shortened, and never the user name or password written
    before '@' in an address (messages end up in public CI logs)."""
    text = repr(_USER_INFO.sub(r"\1…@", value) if isinstance(value, str) else value)
    return text if len(text) <= 60 else text[:57] + "..."

