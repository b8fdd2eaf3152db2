"""Readability of the English pages: Flesch-Kincaid grade and average sentence length.

Targets (from the content brief): pages for survivors at grade 7 or below with sentences of
15 words or fewer on average; pages for service providers, supporters and legal pages at
grade 9 or below. A page says who it is for in its front matter: ``audience: survivors``
(the default), ``providers``, ``supporters`` or ``legal``.

Usage: python -m aftercare.readability [FILES...]   (default: every page in docs/en/)
Prints every page with its figures; exits 1 if any page is over its target.
Formulas only work for English: translations need a fluent reader instead.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import textstat  # 0.7.3: later versions download NLTK data at run time

from . import frontmatter, paths

TARGETS = {  # audience: (highest grade, longest average sentence or None)
    "survivors": (7.0, 15.0),
    "supporters": (9.0, None),
    "providers": (9.0, None),
    "legal": (9.0, None),
}


@dataclass
class Score:
    page: str
    audience: str
    grade: float
    sentence_length: float
    target_grade: float
    target_sentence: float | None

    @property
    def ok(self) -> bool:
        return self.grade <= self.target_grade and (
            self.target_sentence is None or self.sentence_length <= self.target_sentence)


def plain_text(markdown: str) -> str:
    """The words a reader reads: no markup, link targets, HTML, comments or code."""
    text = re.sub(r"<!--.*?-->", " ", markdown, flags=re.S)
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*(!!!|\?\?\?\+?)\s*\w+(\s+\"([^\"]*)\")?", r"\3.", text, flags=re.M)
    text = re.sub(r"^\s*#+\s*(.+)$", r"\1.", text, flags=re.M)  # a heading is a sentence
    text = re.sub(r"^\s*([-*+]|\d+\.)\s+(.+)$", r"\2.", text, flags=re.M)  # so is a list item
    text = re.sub(r"[*_`|]", " ", text)
    text = re.sub(r"\.(\s*[.:;])+", ".", text)
    return re.sub(r"\s+", " ", text).strip()


def score(path: Path) -> Score:
    meta, body, _ = frontmatter.read(path, str(path))
    audience = meta.get("audience", "survivors")
    text = plain_text(body)
    grade, sentence = TARGETS.get(audience, TARGETS["survivors"])
    shown = path.resolve().relative_to(Path.cwd()).as_posix() if path.resolve().is_relative_to(Path.cwd()) else str(path)
    return Score(shown, audience, round(textstat.flesch_kincaid_grade(text), 1),
                 round(textstat.avg_sentence_length(text), 1), grade, sentence)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m aftercare.readability", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--json", action="store_true", help="print JSON for tools")
    args = parser.parse_args(argv)
    files = args.files or sorted((paths.current()[1] / "docs" / "en").glob("**/*.md"))
    scores = [score(path) for path in files]
    if args.json:
        print(json.dumps([dict(asdict(s), ok=s.ok) for s in scores], indent=1))
    else:
        print(f"{'page':44} {'audience':10} {'grade':>6} {'target':>6} {'words/sentence':>15}  result")
        for s in scores:
            limit = f"{s.target_sentence:.0f}" if s.target_sentence else "-"
            print(f"{s.page:44} {s.audience:10} {s.grade:6.1f} {s.target_grade:6.0f} "
                  f"{s.sentence_length:8.1f} (<={limit:>3})  {'ok' if s.ok else 'TOO HARD'}")
    failed = [s for s in scores if not s.ok]
    if failed and not args.json:
        print(f"\n{len(failed)} page(s) over target: use shorter sentences and everyday words.", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
