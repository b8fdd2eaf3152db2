"""Which translations exist, which are out of date, and who wrote them.

A translated page records in its front matter the version of the English page it was made
from, and how it was made::

    translation:
      source_hash: 3f2a9c1b7d40   # `source_hash()` of the English page when translated
      status: machine             # or: reviewed (checked by a fluent speaker)

Usage: python -m aftercare.translations status|new|stamp|check ...
``check [PAGES...] [--format github]`` compares each translation with its English page (see
integrity.py): links, data markers, numbers, phone numbers, boxes, headings, front matter.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from . import frontmatter, paths
from .errors import Problem

STATUSES = ("machine", "reviewed")


def _written(hash_: str) -> str:
    """A hash as YAML reads it back as text: quoted when it is all digits (or would read as a
    number, like 12e45), as it is otherwise."""
    return f'"{hash_}"' if re.fullmatch(r"[0-9]+(e[0-9]+)?", hash_) else hash_


def source_hash(path: Path) -> str:
    """A short fingerprint of what an English page says (its title and body).

    Whitespace at line ends and blank lines at the start or end do not count, so a
    reformatting that changes nothing a reader sees does not mark translations outdated.
    """
    meta, body, _ = frontmatter.read(path, str(path))
    lines = [line.rstrip() for line in body.strip().splitlines()]
    text = "\n".join([str(meta.get("title", "")), *lines])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


# -----------------------------------------------------------------------------
# Status of every translation
# -----------------------------------------------------------------------------

STATES = ("missing", "outdated", "machine", "reviewed")


@dataclass
class Entry:
    lang: str
    page: str
    state: str  # missing | outdated | machine | reviewed
    detail: str = ""


def status(docs: Path, languages: list[str]) -> tuple[list[Entry], list[Problem]]:
    """The state of every page of the default language in every other language."""
    default, others = languages[0], languages[1:]
    sources = sorted(p.relative_to(docs / default).as_posix() for p in (docs / default).rglob("*.md"))
    entries: list[Entry] = []
    problems: list[Problem] = []
    hashes = {page: source_hash(docs / default / page) for page in sources}
    for lang in others:
        for page in sources:
            path = docs / lang / page
            if not path.exists():
                entries.append(Entry(lang, page, "missing"))
                continue
            shown = path.relative_to(docs.parent).as_posix() if path.is_relative_to(docs.parent) else str(path)
            meta, _, found = frontmatter.read(path, shown)
            problems += found
            translation = meta.get("translation")
            if found:
                continue
            if not isinstance(translation, dict) or translation.get("status") not in STATUSES \
                    or not isinstance(translation.get("source_hash"), str):
                problems.append(Problem(shown, 1, 1, "translation",
                                        "expected `translation:` with `source_hash: <hash>` and "
                                        f"`status: machine` or `status: reviewed` (run: python -m aftercare.translations "
                                        f"stamp {lang} {page})"))
                continue
            if translation["source_hash"] != hashes[page]:
                entries.append(Entry(lang, page, "outdated", f"{translation['status']}, made from "
                                     f"{translation['source_hash']}, English is now {hashes[page]}"))
            else:
                entries.append(Entry(lang, page, translation["status"]))
    return entries, problems


def _table(entries: list[Entry], languages: list[str]) -> str:
    lines = [f"{'language':9} " + " ".join(f"{state:>9}" for state in STATES)]
    for lang in languages[1:]:
        counts = [sum(1 for e in entries if e.lang == lang and e.state == state) for state in STATES]
        lines.append(f"{lang:9} " + " ".join(f"{count:9d}" for count in counts))
    lines.append("")
    for state in ("missing", "outdated", "machine"):
        for lang in languages[1:]:
            pages = [e for e in entries if e.lang == lang and e.state == state]
            if pages:
                lines.append(f"{lang} {state}: " + ", ".join(e.page for e in pages))
    return "\n".join(lines)


def new(docs: Path, lang: str, page: str, state: str = "machine") -> Path:
    """Start a translation: copy the English page and record what it was made from."""
    source = docs / "en" / page
    target = docs / lang / page
    if target.exists():
        raise SystemExit(f"{target} already exists; edit it, then run: python -m aftercare.translations stamp {lang} {page}")
    raw, body, _ = frontmatter.split(source.read_text(encoding="utf-8"))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"---\n{raw}{_translation_block(source_hash(source), state)}---\n{body}", encoding="utf-8")
    return target


def _translation_block(hash_: str, state: str) -> str:
    return f"translation:\n  source_hash: {_written(hash_)}\n  status: {state}\n"


def stamp(docs: Path, lang: str, page: str, state: str | None = None) -> str:
    """Record that a translation now matches the current English page (and optionally its status)."""
    target = docs / lang / page
    text = target.read_text(encoding="utf-8")
    current = source_hash(docs / "en" / page)
    raw, body, _ = frontmatter.split(text)
    if "translation:" not in raw:
        raw += _translation_block(current, state or "machine")
    else:
        raw = re.sub(r"(?m)^(\s+source_hash:\s*).*$", lambda m: m.group(1) + _written(current), raw, count=1)
        if state:
            raw = re.sub(r"(?m)^(\s+status:\s*).*$", lambda m: m.group(1) + state, raw, count=1)
    target.write_text(f"---\n{raw}---\n{body}", encoding="utf-8")
    return current


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m aftercare.translations",
                                     description="Translation status, and starting or updating a translation.")
    parser.add_argument("--docs", type=Path, default=None, help="the pages folder (default: the project's in this folder)")
    parser.add_argument("--languages", default=None,
                        help="default language first (default: the site's languages, from mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser("status", help="per language: pages missing, outdated, machine-translated, reviewed")
    show.add_argument("--json", action="store_true")
    start = commands.add_parser("new", help="start a translation of a page (copies the English page)")
    start.add_argument("lang")
    start.add_argument("page", help="path inside docs/en/, e.g. first-days.md")
    start.add_argument("--status", choices=STATUSES, default="machine")
    done = commands.add_parser("stamp", help="record that a translation matches the current English page")
    done.add_argument("lang")
    done.add_argument("page")
    done.add_argument("--status", choices=STATUSES)
    verify = commands.add_parser("check", help="each translation keeps its English page's links, markers, numbers, "
                                               "boxes, headings and front matter")
    verify.add_argument("pages", nargs="*", help="paths inside docs/en/ (default: every page)")
    verify.add_argument("--format", choices=("text", "github"), default="text")
    args = parser.parse_args(argv)
    args.docs = args.docs or paths.current()[1] / "docs"
    from .settings import project_languages  # (here: settings imports this module)

    languages = args.languages.split(",") if args.languages else project_languages()
    if args.command == "new":
        print(new(args.docs, args.lang, args.page, args.status))
        return 0
    if args.command == "stamp":
        print(f"{args.lang}/{args.page}: source_hash {stamp(args.docs, args.lang, args.page, args.status)}")
        return 0
    entries, problems = status(args.docs, languages)
    if args.command == "check":
        return _check(args, languages, entries, problems)
    if args.json:
        print(json.dumps({"pages": [asdict(e) for e in entries], "problems": [str(p) for p in problems]},
                         ensure_ascii=False, indent=1))
    else:
        print(_table(entries, languages))
        for problem in problems:
            print(problem, file=sys.stderr)
    return 1 if problems else 0


def _check(args, languages: list[str], entries: list[Entry], problems: list[Problem]) -> int:
    from . import integrity
    from .errors import format_problem

    outdated = {(e.lang, e.page) for e in entries if e.state == "outdated"}
    problems = sorted(problems + integrity.check(args.docs, languages, args.pages or None, outdated)
                      + ([] if args.pages else data_problems(args.docs.parent / "data", languages)))
    for problem in problems:
        print(format_problem(problem, args.format, f"Translation: {problem.field}" if problem.field else "Translation"))
    errors = sum(1 for p in problems if p.severity == "error")
    if errors:
        print(f"{errors} difference(s) to fix in the translations, {len(problems) - errors} warning(s).", file=sys.stderr)
        return 1
    print("Translations keep their English pages' links, markers, numbers, boxes, headings and front matter, "
          "and every text of the data is translated from its current English"
          + (f" ({len(problems)} warning(s) in outdated translations)." if problems else "."))
    return 0


def data_problems(data_dir: Path, languages: list[str]) -> list[Problem]:
    """Every text of the data without a current translation in each language, and every
    translation that does not keep its English's numbers and addresses (datatext.py)."""
    import datetime as dt

    from . import data, datatext

    result = data.load(data_dir, root=data_dir.parent, today=dt.date.today())
    catalogues = datatext.load_catalogues([data_dir], languages, data_dir.parent)
    return result.errors + datatext.apply(result.dataset, catalogues, require=True).problems


if __name__ == "__main__":
    raise SystemExit(main())
