"""Translations of the data's texts: one catalogue per language, `data/translations/<lang>.yml`.

A record in `data/hotlines/` or `data/providers/` holds its texts (names, descriptions, "what
happens when you call", notes) in English. Each other language has a catalogue that keeps, for
every text, the English it was made from and the translation::

    status: machine            # how the file was made: machine (machine translation) or reviewed
    texts:
      vn-111-national-hotline:           # the record's id
        description:                     # where the text is in the record
          en: For victims of trafficking, ...   # the English it was made from
          vi: Dành cho nạn nhân ...              # the translation
          status: reviewed               # optional: this one text checked by a fluent speaker

A translation whose `en` is no longer the record's English is *outdated*: the check reports it,
and the page shows the English with a notice until it is made again. Numbers, web and email
addresses in a translation must be those of the English. A record may also carry a language
inline (`name: {en: ..., es: ...}`), as an organisation writing its own data may do; an inline
text is the record's own and wins over the catalogue.

Places inside a record: `name`, `hours.note`, `phones[111].note` (a phone by its number or short
code), `services[legal].description` (a service by its type).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import paths, yamlnodes
from .data import SCRIPT_JOINERS, html_problem, invisible_character
from .errors import HasProblems, Problem

FOLDER = "translations"
STATUSES = ("machine", "reviewed")
_LANG_KEYS = re.compile(r"^[a-z]{2,3}(-[A-Za-z]+)?$")


# -----------------------------------------------------------------------------
# Where the texts are in a record
# -----------------------------------------------------------------------------

def _is_text(value) -> bool:
    return isinstance(value, dict) and isinstance(value.get("en"), str) and all(
        isinstance(k, str) and _LANG_KEYS.match(k) and isinstance(v, str) for k, v in value.items())


def _item_name(item, index: int) -> str:
    if isinstance(item, dict):
        for key in ("type", "number", "short_code", "id"):
            if isinstance(item.get(key), str):
                suffix = f" {item['kind']}" if key in ("number", "short_code") and item.get("kind", "voice") != "voice" else ""
                return item[key].replace(" ", "") + suffix
    return str(index)


def texts_of(record: dict, prefix: str = ""):
    """Every text map in a record: (place, the map), in the order of the file."""
    for key, value in record.items():
        if key in ("sources", "verification", "id"):
            continue
        place = f"{prefix}.{key}" if prefix else key
        if _is_text(value):
            yield place, value
        elif isinstance(value, dict):
            yield from texts_of(value, place)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    yield from texts_of(item, f"{place}[{_item_name(item, index)}]")


def records_of(dataset):
    """Every record with texts: (its id, the record), in a stable order."""
    for _, country in sorted(dataset.countries.items()):
        for group in ("emergency", "hotlines", "notes"):
            for line in country.get(group, []):
                yield line["id"], line
        if "rights" in country:
            yield country["rights"]["id"], country["rights"]
    # Services kept unlisted for the next review keep their translations for when they are listed.
    for provider_id, provider in sorted({**dataset.providers, **dataset.unlisted}.items()):
        yield provider_id, provider


def source_texts(dataset) -> dict[tuple[str, str], dict]:
    """(record id, place) -> the record's text map, for every text in the data."""
    return {(record_id, place): value for record_id, record in records_of(dataset) for place, value in texts_of(record)}


# -----------------------------------------------------------------------------
# Catalogues
# -----------------------------------------------------------------------------

@dataclass
class Entry:
    english: str
    text: str
    status: str
    where: tuple[str, int, int]  # file shown, line, column of the translation


@dataclass
class Catalogue(HasProblems):
    lang: str
    path: Path | None
    status: str = "machine"
    entries: dict[tuple[str, str], Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def catalogue_path(data_dir: Path, lang: str) -> Path:
    return data_dir / FOLDER / f"{lang}.yml"


def load_catalogue(path: Path, lang: str, shown: str) -> Catalogue:
    """One language's catalogue; problems (file:line) for anything not of its form."""
    catalogue = Catalogue(lang, path)
    if not path.is_file():
        return catalogue
    text, found = yamlnodes.decode(path.read_bytes(), shown)
    catalogue.problems += found
    if text is None:
        return catalogue
    located, found = yamlnodes.load(text, shown)
    catalogue.problems += found
    if located is None or not isinstance(located.data, dict):
        if located is not None and located.data is not None:
            catalogue.problems.append(Problem(shown, 1, 1, "", "expected `status:` and `texts:` (see data/translations/README.md)"))
        return catalogue

    def problem(place: str, message: str, severity: str = "error"):
        line, column = located.where(place)
        catalogue.problems.append(Problem(shown, line, column, place, message, severity))

    data = located.data
    for key in data:
        if key not in ("status", "texts", "language"):
            problem(key, f"unknown field '{key}': a catalogue holds `status` and `texts`")
    if data.get("language", lang) != lang:
        problem("language", f"this file is for '{lang}' (its name); it says '{data['language']}'")
    catalogue.status = data.get("status", "machine")
    if catalogue.status not in STATUSES:
        problem("status", f"expected one of {', '.join(STATUSES)}")
        catalogue.status = "machine"
    texts = data.get("texts") or {}
    if not isinstance(texts, dict):
        problem("texts", "expected the record ids, each with its texts")
        return catalogue
    for record_id, places in texts.items():
        record_path = yamlnodes.join("texts", str(record_id))
        if not isinstance(places, dict):
            problem(record_path, "expected the places of this record's texts (name, description, ...)")
            continue
        for place, entry in places.items():
            entry_path = yamlnodes.join(record_path, str(place))
            if not isinstance(entry, dict) or not isinstance(entry.get("en"), str) or not isinstance(entry.get(lang), str) \
                    or not entry[lang].strip():
                problem(entry_path, f"expected `en:` (the English it was made from) and `{lang}:` (the translation), both text")
                continue
            extra = set(entry) - {"en", lang, "status"}
            if extra:
                problem(yamlnodes.join(entry_path, sorted(extra)[0]),
                        f"unknown field '{sorted(extra)[0]}': an entry holds `en`, `{lang}` and, optionally, `status`")
            status = entry.get("status", catalogue.status)
            if status not in STATUSES:
                problem(yamlnodes.join(entry_path, "status"), f"expected one of {', '.join(STATUSES)}")
                status = catalogue.status
            line, column = located.where(yamlnodes.join(entry_path, lang))
            catalogue.entries[(str(record_id), str(place))] = Entry(entry["en"], entry[lang], status, (shown, line, column))
    return catalogue


def load_catalogues(folders: list[Path], languages: list[str], root: Path) -> dict[str, list[Catalogue]]:
    """The catalogues of each language other than English, from each data folder (the project's
    first, an organisation's after it: a later folder's entry wins)."""
    found: dict[str, list[Catalogue]] = {}
    for lang in languages:
        if lang == "en":
            continue
        for folder in folders:
            path = catalogue_path(folder, lang)
            shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
            found.setdefault(lang, []).append(load_catalogue(path, lang, shown))
    return found


# -----------------------------------------------------------------------------
# What must stay the same: numbers and addresses
# -----------------------------------------------------------------------------

_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_DIGITS = re.compile(r"\d+")


def _ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in text)


@functools.lru_cache(maxsize=None)
def fixed_parts(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The addresses and the runs of digits in a text, sorted, as a translation must keep them.

    Digits in any script count as the same digits; a number split by spaces or dashes counts
    as one number (`1800 123 456` and `1800-123-456` are the same)."""
    text = _ascii_digits(text)
    addresses = sorted(a.rstrip(".,;:)") for a in _ADDRESS.findall(text))
    rest = _ADDRESS.sub(" ", text)
    rest = re.sub(r"(?<=\d)[ \u00a0\u202f.\-–](?=\d)", "", rest)
    return tuple(addresses), tuple(sorted(_DIGITS.findall(rest)))


# -----------------------------------------------------------------------------
# Putting translations into the records, and the state of each
# -----------------------------------------------------------------------------

@dataclass
class State(HasProblems):
    """Each (language, record id, place) that is missing or outdated, and the problems."""

    missing: list[tuple[str, str, str]] = field(default_factory=list)
    outdated: list[tuple[str, str, str]] = field(default_factory=list)
    machine: int = 0
    reviewed: int = 0
    inline: int = 0
    problems: list[Problem] = field(default_factory=list)


def apply(dataset, catalogues: dict[str, list[Catalogue]], *, require: bool = False) -> State:
    """Put each current translation into its record's text map (the records are changed in
    place), and report the rest.

    An outdated translation is not used (the page shows the English, marked). With `require`,
    the project's own check, a missing or outdated text is an error; otherwise a warning, since
    an organisation's own data may be in English only."""
    state = State()
    texts = source_texts(dataset)
    severity = "error" if require else "warning"
    for lang, catalogues_of_lang in catalogues.items():
        merged: dict[tuple[str, str], Entry] = {}
        for catalogue in catalogues_of_lang:
            state.problems += catalogue.problems
            merged.update(catalogue.entries)
        for key, value in texts.items():
            if lang in value:
                state.inline += 1
                continue
            entry = merged.get(key)
            if entry is None:
                state.missing.append((lang, *key))
                continue
            if entry.english.strip() != value["en"].strip():
                state.outdated.append((lang, *key))
                state.problems.append(Problem(*entry.where, f"texts.{key[0]}.{key[1]}",
                                              "made from an older English text; translate the record's English "
                                              "again and copy it into `en:` here", severity))
                continue
            english_parts, translated_parts = fixed_parts(value["en"]), fixed_parts(entry.text)
            if english_parts != translated_parts:
                which = "web or email addresses" if english_parts[0] != translated_parts[0] else "numbers"
                state.problems.append(Problem(*entry.where, f"texts.{key[0]}.{key[1]}",
                                              f"the {which} must be those of the English "
                                              f"({', '.join(english_parts[0] + english_parts[1]) or 'none'}; "
                                              f"here: {', '.join(translated_parts[0] + translated_parts[1]) or 'none'})"))
                continue
            unsafe = _unsafe(entry.text)
            if unsafe:
                state.problems.append(Problem(*entry.where, f"texts.{key[0]}.{key[1]}", unsafe))
                continue
            value[lang] = entry.text
            if entry.status == "reviewed":
                state.reviewed += 1
            else:
                state.machine += 1
        # (Only against the whole data: a site that builds fewer countries has fewer texts.)
        for key in (merged.keys() - texts.keys()) if require else ():
            entry = merged[key]
            state.problems.append(Problem(*entry.where, f"texts.{key[0]}.{key[1]}",
                                          "no record has this text (renamed or removed?): remove the entry", "warning"))
    if require:
        for lang in catalogues:
            missing = [m for m in state.missing if m[0] == lang]
            for _, record_id, place in missing[:_LISTED]:
                state.problems.append(Problem(f"data/{FOLDER}/{lang}.yml", 0, 0, f"texts.{record_id}.{place}",
                                              f"no {lang} translation yet of {record_id} {place}"))
            if len(missing) > _LISTED:
                state.problems.append(Problem(f"data/{FOLDER}/{lang}.yml", 0, 0, "texts",
                                              f"... and {len(missing) - _LISTED} more texts with no {lang} translation; "
                                              f"list them all with: python -m aftercare.datatext todo {lang}"))
    return state


_LISTED = 20


def _unsafe(text: str) -> str | None:
    """Why a translation cannot be shown as it is: the rules of the records' own texts."""
    return html_problem(text) or invisible_character(text, SCRIPT_JOINERS)


def _current(entry: Entry | None, english: str) -> bool:
    """A catalogue entry made from this English, keeping its numbers and addresses."""
    return entry is not None and entry.english.strip() == english.strip() \
        and fixed_parts(english) == fixed_parts(entry.text)


# -----------------------------------------------------------------------------
# Writing a catalogue (after a translator or a machine translation filled in the texts)
# -----------------------------------------------------------------------------

HEADER = """\
# {name} text of the records in data/hotlines/ and data/providers/ (see data/translations/README.md).
# Each entry keeps the English it was made from (en) beside the translation ({lang}).
# status: machine means machine translation, not yet checked by a fluent speaker; the pages say so.
"""


def write_catalogue(path: Path, lang: str, name: str, status: str, entries: dict[tuple[str, str], dict],
                    order: list[tuple[str, str]]) -> None:
    """Write a catalogue in the data's own order (entries: key -> {en, lang, status?})."""
    texts: dict[str, dict] = {}
    rank = {key: index for index, key in enumerate(order)}
    for key in sorted(entries, key=lambda k: (rank.get(k, len(rank)), k)):
        texts.setdefault(key[0], {})[key[1]] = entries[key]
    body = yaml.safe_dump({"language": lang, "status": status, "texts": texts}, allow_unicode=True,
                          sort_keys=False, width=100, default_flow_style=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER.format(name=name, lang=lang) + body, encoding="utf-8")


# -----------------------------------------------------------------------------
# Command line
# -----------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    import argparse
    import datetime as dt
    import json
    import sys

    from . import data as data_module
    from .settings import project_languages

    parser = argparse.ArgumentParser(prog="python -m aftercare.datatext",
                                     description="Translations of the data's texts (data/translations/<lang>.yml).")
    parser.add_argument("--data", type=Path, default=None, help="the data folder (default: the project's in this folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("status", help="per language: texts translated, missing, outdated")
    todo = commands.add_parser("todo", help="the English texts a language lacks (missing or outdated), as JSON")
    todo.add_argument("lang")
    merge = commands.add_parser("merge", help="add translations (JSON: {\"record-id place\": text}) to a catalogue")
    merge.add_argument("lang")
    merge.add_argument("file", type=Path)
    merge.add_argument("--status", choices=STATUSES, default="machine")
    args = parser.parse_args(argv)

    args.data = args.data or paths.current()[1] / "data"
    result = data_module.load(args.data, root=args.data.parent, today=dt.date.today())
    if result.errors:
        for problem in result.errors:
            print(problem, file=sys.stderr)
        return 1
    languages = project_languages()
    texts = source_texts(result.dataset)
    if args.command == "status":
        catalogues = load_catalogues([args.data], languages, args.data.parent)
        state = apply(result.dataset, catalogues, require=True)
        for lang in languages[1:]:
            missing = sum(1 for m in state.missing if m[0] == lang)
            outdated = sum(1 for m in state.outdated if m[0] == lang)
            print(f"{lang:4} {len(texts) - missing - outdated:5d} of {len(texts)} translated, "
                  f"{missing} missing, {outdated} outdated")
        for problem in state.problems:
            if problem.line:
                print(problem, file=sys.stderr)
        return 1 if state.errors else 0
    path = catalogue_path(args.data, args.lang)
    catalogue = load_catalogue(path, args.lang, str(path))
    if catalogue.errors:
        for problem in catalogue.errors:
            print(problem, file=sys.stderr)
        return 1
    if args.command == "todo":
        wanted = {f"{record_id} {place}": value["en"] for (record_id, place), value in texts.items()
                  if args.lang not in value and not _current(catalogue.entries.get((record_id, place)), value["en"])}
        print(json.dumps(wanted, ensure_ascii=False, indent=1))
        return 0
    added = json.loads(args.file.read_text(encoding="utf-8"))
    entries = {key: {"en": e.english, args.lang: e.text, **({"status": e.status} if e.status != catalogue.status else {})}
               for key, e in catalogue.entries.items()}
    unknown = []
    for joined, translation in added.items():
        record_id, _, place = joined.partition(" ")
        if (record_id, place) not in texts:
            unknown.append(joined)
            continue
        entries[(record_id, place)] = {"en": texts[(record_id, place)]["en"], args.lang: translation.strip(),
                                       **({"status": args.status} if args.status != catalogue.status else {})}
    from babel import Locale
    name = Locale.parse(args.lang).get_display_name("en")
    write_catalogue(path, args.lang, name, catalogue.status, entries, list(texts))
    print(f"{path}: {len(added) - len(unknown)} added or replaced" + (f"; not in the data: {', '.join(unknown)}" if unknown else ""))
    return 1 if unknown else 0


if __name__ == "__main__":
    raise SystemExit(main())
