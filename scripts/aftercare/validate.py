"""Check every data file, interface-string file and page; print each problem as file:line:column.

Usage: python -m aftercare.validate [--data DIR] [--docs DIR] [--today YYYY-MM-DD] [--due] [--format github]

Exits 1 when there is an error (the site would not build), 0 otherwise. A record past its
review date is a warning: it is printed, stays on the site with its "may have changed" notice,
and does not fail the check. `--due` lists the records due for review, each with what its
sources showed and when they were read, for the person who checks them. `--format github`
prints each problem as a GitHub Actions annotation (`::error file=F,line=L,col=C,title=T::...`,
warnings as `::warning`), shown on the file and line of a pull request.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import markdown

from . import content, data, frontmatter, paths, project
from .errors import format_problem
from .review import weak_records

# Enough of the site's Markdown extensions to see every piece of HTML a page can produce.
_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
               "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m aftercare.validate", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None,
                        help="the data folder (default: data/ of the project in this folder)")
    parser.add_argument("--docs", type=Path, default=None, help="the pages folder (default: docs/ beside the data folder)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                        help="check review dates as if today were this date")
    parser.add_argument("--due", action="store_true", help="list the records due for review, with their evidence")
    parser.add_argument("-f", "--config", type=Path, default=None,
                        help="the settings file (default: mkdocs.yml in this folder, as for mkdocs)")
    parser.add_argument("--languages", default=None,
                        help="interface languages to check, default language first (default: the site's languages)")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="text (file:line:column: ...) or github (workflow-command annotations)")
    args = parser.parse_args(argv)
    today = args.today or dt.date.today()
    languages = args.languages.split(",") if args.languages else None
    config, root = paths.current(args.config)
    result, problems = collect(args.data or root / "data", args.docs, languages, today, config=config)
    if args.due:
        return _print_due(result.dataset, today)
    for problem in sorted(problems):
        print(format_problem(problem, args.format, _title(problem)))
    errors = [p for p in problems if p.severity == "error"]
    warnings = len(problems) - len(errors)
    if errors:
        print(f"{len(errors)} error(s), {warnings} warning(s). Fix the errors above: the site will not build until then.",
              file=sys.stderr)
        return 1
    print(f"Data is valid: {len(result.dataset.countries)} countries, {len(result.dataset.providers)} providers"
          + (f", {warnings} warning(s)." if warnings else "."))
    return 0


def collect(data_dir: Path, docs: Path | None, languages: list[str] | None, today: dt.date,
            config: Path | None = None) -> tuple[data.Result, list]:
    """Every problem in the settings, the data, the interface strings and the pages (docs/
    beside data/ by default): what the build checks (aftercare.project.load, which the build
    calls too), and the HTML of every page as Markdown makes it."""
    root = data_dir.resolve().parent
    loaded = project.load(config if config is not None and config.is_file() else None, root=root,
                          today=today, data_dir=data_dir, docs_dir=docs, languages=languages)
    problems = list(loaded.problems)
    if not loaded.read:
        return data.Result(loaded.dataset, problems), problems  # a link out of the project: nothing was read
    for folder in (loaded.docs_dir, loaded.brand.docs_overlay):
        if folder is not None and folder.is_dir():
            problems += page_html_problems(folder, loaded.all_languages, root)
    return data.Result(loaded.dataset, problems), problems


def _title(problem) -> str:
    """A short heading for an annotation: what kind of file, and which field (a setting's message
    starts with its own path already)."""
    kind = "Data" if problem.path.startswith("data/") else "Page" if problem.path.startswith("docs/") else "Settings"
    return f"{kind}: {problem.field}" if problem.field and kind != "Settings" else kind


def page_html_problems(docs: Path, languages: list[str], root: Path):
    """The HTML allowlist, for every page as Markdown makes it (the build checks each rendered page)."""
    problems = []
    for path in sorted(docs.rglob("*.md")):
        top = path.relative_to(docs).parts[0]
        if top not in languages:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        body = frontmatter.split(text)[1]
        html = markdown.markdown(body, extensions=_EXTENSIONS)
        problems += content.check_page_html(html, text, content._shown(path, root))
    return problems


def _print_due(dataset: data.Dataset, today: dt.date) -> int:
    """Each record due for review: where it is, when it was due, and its evidence."""
    due = [(record, where) for record, where in data.records(dataset) if data.review_due(record, today)]
    for record, where in due:
        verification = record["verification"]
        reason = "marked needs_review" if verification.get("needs_review") and data.review_date(verification) > today \
            else f"due since {data.review_date(verification)}"
        print(f"{where}: {record['id']} ({reason})")
        for phone in record.get("phones", []):
            print(f"    number: {phone.get('number') or phone.get('short_code')}")
        for source in record["sources"]:
            shows = ", ".join(source.get("shows", [])) or "(no number listed)"
            print(f"    source: {source['url']} (read {source['read']}; shows {shows})")
        if verification.get("note"):
            print(f"    note: {verification['note']}")
    print(f"{len(due)} record(s) due for review on {today}.")
    weak = weak_records(dataset, today)
    for where, record_id, why in weak:
        print(f"{where}: {record_id}: {why}")
    print(f"{len(weak)} record(s) to strengthen: services without a way in, lines with old or single sources.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
