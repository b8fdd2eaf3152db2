"""House-style check: flags stigmatising or sensational words in the English pages, with what
to say instead, so editors learn the style in their pull request.

The list is content, kept in data/style/terms.yml. A word inside "double quotes" is a mention
(for example 'Avoid "rescue" language') and is not flagged.

Usage: python -m aftercare.style [FILES...]    (default: every page in docs/en/)
Exits 1 when a word is found.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

from . import frontmatter, paths
from .errors import Problem

_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”')


def load_terms(path: Path) -> list[tuple[re.Pattern, str, str, str]]:
    terms = []
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
        for word in sorted(entry["words"], key=len, reverse=True):
            pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, word.split())) + r"\b", re.I)
            terms.append((pattern, word, entry["say"], entry["why"]))
    return terms


def check(path: Path, terms, shown: str) -> list[Problem]:
    _, body, offset = frontmatter.split(path.read_text(encoding="utf-8"))
    problems = []
    for number, line in enumerate(body.splitlines(), start=offset + 1):
        if line.lstrip().startswith("<!--"):
            continue
        mentions = [m.span() for m in _QUOTED.finditer(line)]
        taken: list[tuple[int, int]] = []
        for pattern, _word, say, why in terms:
            for match in pattern.finditer(line):
                start, end = match.span()
                if any(a <= start and end <= b for a, b in mentions + taken):
                    continue
                # Inside a link target or an address: not prose.
                if re.search(r"\]\([^)]*$", line[:start]) or "://" in line[max(0, start - 40):start]:
                    continue
                taken.append((start, end))
                problems.append(Problem(shown, number, start + 1, "",
                                        f'"{match.group(0)}": say {say} instead ({why})'))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m aftercare.style", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--terms", type=Path, default=None)
    args = parser.parse_args(argv)
    root = paths.current()[1]
    terms = load_terms(args.terms or root / "data" / "style" / "terms.yml")
    files = args.files or sorted((root / "docs" / "en").rglob("*.md"))
    problems = []
    for path in files:
        resolved = path.resolve()
        shown = resolved.relative_to(Path.cwd()).as_posix() if resolved.is_relative_to(Path.cwd()) else str(path)
        problems += check(path, terms, shown)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} word(s) to change. The list and the reasons are in data/style/terms.yml.",
              file=sys.stderr)
        return 1
    print(f"House style: {len(files)} page(s) checked, nothing to change.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
