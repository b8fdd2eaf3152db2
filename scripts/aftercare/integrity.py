"""What a translation must keep from its English page, checked section by section.

A translator (or a machine) rewrites the words; they must not change where a link goes, drop a
data marker, change a number or a phone number, lose a warning box or a heading, or break the
front matter. Each difference is reported at its line in the translation.

The page is read with Python-Markdown (the site's own parser and extensions), so what counts
as a link, a heading or an admonition is what the built page shows. Sections are the parts of
a page between two headings; the n-th section of a translation is compared with the n-th
section of the English page, so a difference is reported near where it is.

A translation made from an older English page (see ``translations.status``) is expected to
differ: its differences are warnings until it is updated, errors once it claims to match.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import markdown
import phonenumbers
import yaml

from . import frontmatter, languages
from .errors import Problem

# The site's Markdown extensions that shape links, headings and boxes (as in validate.py).
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"]
# Front matter a translator translates; every other key must keep the English value.
TRANSLATED_KEYS = {"title", "description"}
_MARKER = re.compile(r"^\s*aftercare:")
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_HEADING = re.compile(r"^(#{1,6})\s+\S")
_FENCE = re.compile(r"^\s*(```|~~~)")
_KINDS = {"link": "link target", "marker": "data marker", "number": "number", "phone": "phone number",
          "admonition": "box"}


@dataclass
class Item:
    kind: str  # link | marker | number | phone | admonition
    value: str  # compared between languages
    shown: str  # as a reader or editor sees it
    line: int = 0


@dataclass
class Section:
    heading: str
    level: int
    line: int  # of the heading in the file (the first body line for the part before any heading)
    items: list[Item] = field(default_factory=list)


@dataclass
class Page:
    path: str
    meta: dict
    meta_lines: dict[str, int]
    sections: list[Section]
    problems: list[Problem]


class _Collector(HTMLParser):
    """Headings, links, markers, boxes and text of a rendered page, in reading order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []
        self._heading: list | None = None
        self._skip = 0  # inside <code>/<pre>: numbers there are code, not prose

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), ""]
        elif tag == "a" and attributes.get("href"):
            self.events.append(("link", attributes["href"]))
        elif tag == "img" and attributes.get("src"):
            self.events.append(("link", attributes["src"]))
        elif tag == "div" and "admonition" in classes or tag == "details":
            kind = next((c for c in classes if c != "admonition"), "note")
            self.events.append(("admonition", kind))
        elif tag in ("code", "pre"):
            self._skip += 1

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag) and self._heading:
            self.events.append(("heading", self._heading[0], self._heading[1].strip()))
            self._heading = None
        elif tag in ("code", "pre") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data
        if not self._skip:
            self.events.append(("text", data))

    def handle_comment(self, data):
        if _MARKER.match(data):
            self.events.append(("marker", data.strip()))


def _ascii_digits(text: str) -> str:
    """Arabic-Indic, full-width and other decimal digits as 0-9 (the same number in any script)."""
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in text)


def _link_value(href: str) -> str:
    # Heading anchors are made from the translated heading, so only the page part must match.
    if "#" in href:
        page = href.split("#", 1)[0]
        return f"{page}#…" if page else "#…"
    return href


@lru_cache(maxsize=None)
def _months(lang: str) -> tuple[re.Pattern | None, dict[str, int]]:
    """The language's month names (CLDR, through Babel), so "26 November" and "26/11" both hold 11."""
    locale = languages.babel_locale(lang)
    if locale is None:
        return None, {}
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months[context][width].items():
                names.setdefault(name.lower().rstrip("."), number)
    words = sorted((n for n in names if n and not any(ch.isdigit() for ch in n)), key=len, reverse=True)
    if not words:
        return None, {}
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")(?!\w)", re.I), names


def _text_items(text: str, region: str | None, lang: str) -> list[Item]:
    """Phone numbers (international form, or national for the page's country), then other numbers.

    A month written as a word next to a number ("26 November 2026") counts as its number, as
    languages that write months as numbers ("2026 年 11 月 26 日") do.
    """
    text = _ascii_digits(text)
    items, taken = [], []
    pattern, months = _months(lang)
    if pattern is not None:
        for match in pattern.finditer(text):
            near = text[max(0, match.start() - 12):match.end() + 12]
            if re.search(r"\d", near) and match.group(0).lower() in months:
                items.append((match.start(), Item("number", str(months[match.group(0).lower()]), match.group(0))))
    for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
        number = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        items.append((match.start, Item("phone", number, match.raw_string)))
        taken.append((match.start, match.end))
    for match in _NUMBER.finditer(text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        # "1,000", "1.000" and "1000" are the same number; so are "2.5" and "2,5".
        items.append((match.start(), Item("number", re.sub(r"\D", "", match.group(0)), match.group(0))))
    return [item for _, item in sorted(items, key=lambda pair: pair[0])]


def _source_headings(lines: list[str]) -> list[int]:
    """Indexes of the ATX heading lines of a body, outside fenced code."""
    found, fenced = [], False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and _HEADING.match(line):
            found.append(index)
    return found


def _locate(items: list[Item], lines: list[str], first: int, last: int, offset: int) -> None:
    """Give each item the file line where it is written, searching forward through its section."""
    cursor = first
    for item in items:
        needle = {"link": item.shown, "marker": item.shown, "admonition": None}.get(item.kind, item.shown)
        found = None
        for index in range(cursor, last):
            text = _ascii_digits(lines[index])
            if item.kind == "admonition":
                hit = re.match(rf"\s*(!!!|\?\?\?\+?)\s*{re.escape(item.value)}\b", text)
            elif item.kind in ("number", "phone"):
                hit = re.search(rf"(?<!\d){re.escape(needle)}(?!\d)", text)
            else:
                hit = needle in text
            if hit:
                found = index
                break
        if found is not None:
            cursor = found
        item.line = (found if found is not None else first) + offset + 1


def read_page(path: Path, shown: str, lang: str = "en") -> Page:
    text = path.read_text(encoding="utf-8")
    meta, _, problems = frontmatter.read(path, shown)
    raw, body, offset = frontmatter.split(text)
    meta_lines = {}
    for number, line in enumerate(raw.splitlines(), start=2):
        key = re.match(r"([A-Za-z_][\w-]*)\s*:", line)
        if key:
            meta_lines.setdefault(key.group(1), number)
    collector = _Collector()
    collector.feed(markdown.markdown(body, extensions=EXTENSIONS))
    collector.close()
    applies = meta.get("applies_to") if isinstance(meta.get("applies_to"), list) else []
    region = str(applies[0]) if len(applies) == 1 else None
    sections = [Section("", 0, offset + 1)]
    pending_text = []

    def flush():
        sections[-1].items += _text_items("".join(pending_text), region, lang)
        pending_text.clear()

    for event in collector.events:
        if event[0] == "text":
            pending_text.append(event[1])
            continue
        flush()
        if event[0] == "heading":
            sections.append(Section(event[2], event[1], 0))
        elif event[0] == "link":
            sections[-1].items.append(Item("link", _link_value(event[1]), event[1]))
        elif event[0] == "marker":
            sections[-1].items.append(Item("marker", event[1], event[1]))
        else:
            sections[-1].items.append(Item("admonition", event[1], f'!!! {event[1]}'))
    flush()
    lines = body.splitlines()
    starts = _source_headings(lines)
    if len(starts) == len(sections) - 1:
        bounds = [0, *starts, len(lines)]
        for index, section in enumerate(sections):
            if index:
                section.line = starts[index - 1] + offset + 1
            _locate(section.items, lines, bounds[index], bounds[index + 1], offset)
    else:  # headings the line scan cannot see (e.g. written as HTML): locate within the page
        for section in sections:
            _locate(section.items, lines, 0, len(lines), offset)
    return Page(shown, meta, meta_lines, sections, problems)


def compare(english: Page, translation: Page, severity: str = "error") -> list[Problem]:
    """Every way the translation differs from the English page in what it must keep."""
    problems: list[Problem] = []

    def add(line, field_, message):
        problems.append(Problem(translation.path, line, 1, field_, message, severity))

    problems += _front_matter(english, translation, add)
    levels_en = [s.level for s in english.sections[1:]]
    levels_tr = [s.level for s in translation.sections[1:]]
    if levels_en != levels_tr:
        differ = next((i for i, (a, b) in enumerate(zip(levels_en, levels_tr, strict=False)) if a != b), min(len(levels_en), len(levels_tr)))
        where = translation.sections[1 + differ].line if differ < len(levels_tr) else translation.sections[-1].line
        expected = english.sections[1 + differ] if differ < len(levels_en) else None
        hint = (f'; the next English heading is "{"#" * expected.level} {expected.heading}" ({english.path}:{expected.line})'
                if expected else "")
        add(where, "headings", f"the English page has {len(levels_en)} headings, this translation has {len(levels_tr)} "
                               f"(they differ from heading {differ + 1} on){hint}. Keep one heading, at the same level, "
                               "for each English heading")
        pairs = [(_whole(english), _whole(translation))]
    else:
        pairs = list(zip(english.sections, translation.sections, strict=False))
    for source, target in pairs:
        for kind in _KINDS:
            _differences(kind, source, target, english.path, add)
    return problems


def _whole(page: Page) -> Section:
    return Section("", 0, page.sections[0].line, [item for s in page.sections for item in s.items])


def _where(section: Section) -> str:
    return f'the section "{section.heading}"' if section.heading else "the start of the page"


def _differences(kind: str, source: Section, target: Section, english_path: str, add) -> None:
    wanted = Counter(item.value for item in source.items if item.kind == kind)
    found = Counter(item.value for item in target.items if item.kind == kind)
    if kind in ("number", "phone"):
        # A translation may say a number twice ("Form I-918 (formulario I-918)"): the same numbers, not the same count.
        wanted, found = Counter(set(wanted)), Counter(set(found))
    missing = [item for item in source.items if item.kind == kind and _take(wanted, found, item.value, "missing")]
    extra = [item for item in target.items if item.kind == kind and _take(found, wanted, item.value, "extra")]
    name = _KINDS[kind]
    keep = {"link": "keep the link target exactly as in English (the words of the link are translated)",
            "marker": "copy the marker line unchanged: the site puts the hotlines or directory there",
            "number": "numbers (ages, days, counts, dates) must say the same as in English",
            "phone": "phone numbers must be exactly those of the English page",
            "admonition": "keep each box (!!! type \"title\") with the same type; translate only its title and text"}[kind]
    for old, new in zip(missing, extra, strict=False):
        add(new.line, name, f"{_show(new)} here, but {english_path}:{old.line} has {_show(old)} in "
                            f"{_where(source)}: {keep}")
    for old in missing[len(extra):]:
        add(target.line, name, f"{_show(old)} is missing from {_where(target)} ({english_path}:{old.line} has it): {keep}")
    for new in extra[len(missing):]:
        add(new.line, name, f"{_show(new)} is not in {_where(source)} of the English page ({english_path}): {keep}")


def _take(have: Counter, other: Counter, value: str, _label: str) -> bool:
    """True for as many copies of `value` as `have` holds beyond `other` (consumed as it goes)."""
    if have[value] > other.get(value, 0):
        have[value] -= 1
        return True
    return False


def _show(item: Item) -> str:
    if item.kind == "link":
        return f"a link to {item.shown}"
    if item.kind == "marker":
        return f"<!-- {item.shown} -->"
    if item.kind == "admonition":
        return f'a "{item.value}" box'
    return f'"{item.shown}"'


def _front_matter(english: Page, translation: Page, add) -> list[Problem]:
    if translation.problems or english.problems:
        return list(translation.problems)
    for key, value in english.meta.items():
        line = translation.meta_lines.get(key, 1)
        if key not in translation.meta:
            add(1, key, f"front matter: `{key}:` is missing (the English page has `{key}: {_yaml(value)}`)")
        elif key in TRANSLATED_KEYS:
            if not isinstance(translation.meta[key], str) or not translation.meta[key].strip():
                add(line, key, f"front matter: `{key}:` should be the translated {key}, as text")
        elif translation.meta[key] != value:
            add(line, key, f"front matter: `{key}:` is {_yaml(translation.meta[key])}, the English page has "
                           f"{_yaml(value)}; this setting is not translated, copy it from {english.path}")
    for key in translation.meta:
        if key not in english.meta and key != "translation":
            add(translation.meta_lines.get(key, 1), key, f"front matter: `{key}:` is not on the English page "
                                                         f"({english.path}); remove it or add it there too")
    return []


def _yaml(value) -> str:
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True).strip().removesuffix("...").strip()


def check(docs: Path, languages: list[str], pages: list[str] | None = None, outdated: set[tuple[str, str]] = frozenset(),
          root: Path | None = None) -> list[Problem]:
    """Compare every translation (or those of `pages`, paths inside docs/<lang>/) with its English page."""
    default = languages[0]
    root = root or docs.parent

    def shown(path: Path) -> str:
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)

    names = pages if pages is not None else sorted(p.relative_to(docs / default).as_posix()
                                                   for p in (docs / default).rglob("*.md"))
    problems: list[Problem] = []
    for name in names:
        source = docs / default / name
        if not source.is_file():
            continue
        english = read_page(source, shown(source), default)
        for lang in languages[1:]:
            path = docs / lang / name
            if path.is_file():
                severity = "warning" if (lang, name) in outdated else "error"
                problems += compare(english, read_page(path, shown(path), lang), severity)
    return sorted(problems)
