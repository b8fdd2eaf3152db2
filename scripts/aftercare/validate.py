"""Check every data file and interface-string file; print each problem as file:line:column.

Usage: python -m aftercare.validate [--data DIR] [--today YYYY-MM-DD]

Exits 1 when there is an error (the site would not build), 0 otherwise. A record past its
review date is a warning: it is printed, and does not fail the check.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from . import data, ui
from .errors import ProblemsFound

PROJECT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m aftercare.validate", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=PROJECT / "data", help="the data folder (default: data/)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                        help="check review dates as if today were this date")
    parser.add_argument("--languages", default="en,es,fr,ar,zh,vi,tl",
                        help="interface languages to check, default language first")
    args = parser.parse_args(argv)
    root = args.data.resolve().parent
    result = data.load(args.data, root=root, today=args.today)
    problems = list(result.problems)
    languages = args.languages.split(",")
    try:
        ui.load(args.data / "ui", languages, languages[0], root)
    except ProblemsFound as error:
        problems += error.problems
    for problem in sorted(problems):
        print(problem)
    errors = [p for p in problems if p.severity == "error"]
    warnings = len(problems) - len(errors)
    if errors:
        print(f"{len(errors)} error(s), {warnings} warning(s). Fix the errors above: the site will not build until then.",
              file=sys.stderr)
        return 1
    print(f"Data is valid: {len(result.dataset.countries)} countries, {len(result.dataset.providers)} providers"
          + (f", {warnings} warning(s)." if warnings else "."))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
