"""A country's rights record: what its law gives people who have been trafficked.

Kept in the country's file beside its lines (`rights:` in data/hotlines/<CC>.yml). Six facts,
each either found on a public page read (plain text, the deep pages, the date read) or
`found: false`, a gap the page states plainly. The schema sets the shape; this module checks
what a schema cannot say clearly, and names each fact for pages and summaries.
"""

from __future__ import annotations

from . import yamlnodes

# The facts, in the order a page shows them, and the fields only some of them carry.
FACTS = ("permit", "reflection", "work", "non_punishment", "compensation", "referral")
DETAILS = {"permit": ("name", "cooperation"), "reflection": ("days",), "referral": ("name",)}


def check(checker, path: str, rights: dict) -> None:
    """Problems in a rights record, each at its line (`checker` is a datacheck.Checker)."""
    checker.ids.append((yamlnodes.join(path, "id"), rights["id"]))
    country = checker.located.data["country"]
    if rights["id"] != f"{country.lower()}-rights":
        checker.add(yamlnodes.join(path, "id"), f"the rights record of {country} is called "
                                                 f"'{country.lower()}-rights': use that id")
    for fact in FACTS:
        value = rights[fact]
        here = yamlnodes.join(path, fact)
        if not value["found"]:
            for key in DETAILS.get(fact, ()):
                if key in value:
                    checker.add(yamlnodes.join(here, key), f"{fact} is not found (found: false), so it cannot have "
                                                           f"a {key}: remove {key}, or set found: true and give the "
                                                           "text and the page that states it under sources")
        for key in ("name", "text"):
            if key in value:
                checker.text(yamlnodes.join(here, key), value[key])
        checker.sources(here, value.get("sources", []), shows="the fact")
    checker.review(yamlnodes.join(path, "verification"), rights["verification"])


def found(rights: dict | None) -> list[str]:
    """The facts a record states (not its gaps), in page order."""
    return [fact for fact in FACTS if rights and rights[fact]["found"]]


def pages(record: dict) -> list[tuple[dict, list[str]]]:
    """Each page the record's facts rest on, once (a page often backs several), with those facts."""
    backs: dict[str, tuple[dict, list[str]]] = {}
    for fact in FACTS:
        for source in record[fact].get("sources", []):
            backs.setdefault(source["url"], (source, []))[1].append(fact)
    return list(backs.values())


def reviewed(record: dict) -> dict:
    """The record as reviews list it: its id and review date, and the pages of all its facts."""
    return {"id": record["id"], "verification": record["verification"],
            "sources": [source for source, _ in pages(record)]}
