"""Data files written for an earlier release of the data format (an organisation's own hotlines
and providers, kept from before a change): recognised as such and reported once per kind of
change per file, with the change to make, in place of the schema errors that change explains
(one per field, none of them saying the format changed).

Each entry of CHANGES is a change that makes a file written before it fail today's schema; the
changes that only allowed more (new optional fields, 2-digit short codes, http:// sources) and
inline translations (still read) need nothing here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import yamlnodes
from .errors import Problem


@dataclass(frozen=True)
class Change:
    since: str  # the day the format changed (the commit that changed data/schema/)
    field: str  # the field the message is about, in general
    finds: Callable[[str, object], list[str]]  # (kind, data) -> each path written the old way
    explains: str  # the schema error's field under each path found: "" for the path itself
    change: str  # what to do
    counted: tuple[str, str]  # how many were found: one, several ({n})


@dataclass(frozen=True)
class Upgrade:
    problem: Problem
    explains: frozenset[str]  # the fields of the schema errors the problem stands for


def _records(kind: str, data) -> list[tuple[str, dict]]:
    """Each record of a file, with its path: the lines of a hotlines file, or the provider."""
    if not isinstance(data, dict):
        return []
    if kind == "providers":
        return [("", data)]
    return [(f"{group}[{i}]", record) for group in ("emergency", "hotlines")
            if isinstance(data.get(group), list) for i, record in enumerate(data[group]) if isinstance(record, dict)]


# A file is written for the earlier format only when nothing in it is written the new way; in a
# file of today's format the same slip is one field's, and the schema's own error says which.

def _sources_without_read(kind: str, data) -> list[str]:
    sources = [(yamlnodes.join(path, f"sources[{i}]"), source) for path, record in _records(kind, data)
               if isinstance(record.get("sources"), list)
               for i, source in enumerate(record["sources"]) if isinstance(source, dict)]
    if any(source.keys() & {"read", "shows", "says"} for _, source in sources):  # all three new in 22031f9
        return []
    return [path for path, _ in sources]


def _operator_as_plain_text(kind: str, data) -> list[str]:
    operators = [(yamlnodes.join(path, "operator"), record["operator"]) for path, record in _records(kind, data)
                 if kind == "hotlines" and "operator" in record]
    if any(isinstance(operator, dict) for _, operator in operators):
        return []
    return [path for path, operator in operators if isinstance(operator, str)]


CHANGES = (
    # 22031f9: a source required `read` (and could give `shows`, which the check of 3426249, the same
    # day, compares with the record's numbers and email).
    Change("2026-12-01", "sources", _sources_without_read, ".read",
           "each source now needs `read: YYYY-MM-DD` (the day a person read the page) and `shows:` (each of "
           "the record's numbers and email addresses exactly as the page prints it, one per entry)",
           ("1 source lacks `read`", "{n} sources lack `read`")),
    # 8419edc: `operator` became a text map like `name` (its translations in data/translations/).
    Change("2026-12-04", "operator", _operator_as_plain_text, "",
           "`operator` is now a text like `name`: write `operator:` with `en: <the name>` indented on the "
           "next line (translations go in data/translations/<lang>.yml)",
           ("1 operator is plain text", "{n} operators are plain text")),
)


def find(kind: str, located: yamlnodes.Located, shown: str) -> list[Upgrade]:
    """One problem for each kind of change a file (of `kind`, hotlines or providers) is written before."""
    upgrades = []
    for change in CHANGES:
        paths = change.finds(kind, located.data)
        if not paths:
            continue
        places = sorted((located.where(path), path) for path in paths)
        (line, column), _ = places[0]
        lines = ", ".join(str(where[0]) for where, _ in places)
        count = change.counted[0] if len(paths) == 1 else change.counted[1].format(n=len(paths))
        where = f"line {lines}" if len(paths) == 1 else f"lines {lines}"
        message = f"written for the data format before {change.since}: {change.change}; {count} ({where})"
        upgrades.append(Upgrade(Problem(shown, line, column, change.field, message),
                                frozenset(path + change.explains for path in paths)))
    return upgrades


def with_upgrades(schema_problems: list[Problem], kind: str, located: yamlnodes.Located, shown: str) -> list[Problem]:
    """A file's schema problems, those an older format explains given as one problem per kind of change."""
    if not schema_problems:
        return schema_problems  # every change found makes the schema fail: a valid file has none
    upgrades = find(kind, located, shown)
    explained = set().union(*(upgrade.explains for upgrade in upgrades))
    return [upgrade.problem for upgrade in upgrades] + [p for p in schema_problems if p.field not in explained]
