"""Keeping the records true over time: what is due for review, and which sources no longer answer.

Usage:
    python -m aftercare.review due [--today YYYY-MM-DD]    # Markdown: every record due, with its evidence
    python -m aftercare.review links [--timeout SECONDS]   # check every source page with LinkChecker

Both are run weekly by .github/workflows/review.yml, which opens (or updates) one issue with
the result. Nothing here changes or removes a record: a person reviews each one.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import shutil
import subprocess
import sys
from pathlib import Path

from . import data, paths

OLD_SOURCE_YEARS = 3


def weak_records(dataset: data.Dataset, today: dt.date) -> list[tuple[str, str, str]]:
    """(where, id, why) for each record to strengthen at the next review: a service with no way
    in (kept, not shown), a line whose newest dated source is more than three years old, a line
    that rests on a single source."""
    found = []
    for record_id in sorted(dataset.unlisted):
        found.append((f"data/providers/{record_id}.yml", record_id,
                      "no source gives a way to reach this service: it is not shown (listed: false)"))
    limit = today.replace(year=today.year - OLD_SOURCE_YEARS) if not (today.month == 2 and today.day == 29) \
        else dt.date(today.year - OLD_SOURCE_YEARS, 2, 28)
    for code, country in sorted(dataset.countries.items()):
        for line in country.get("emergency", []) + country.get("hotlines", []):
            where = f"data/hotlines/{code}.yml"
            dated = [_end_of(source["dated"]) for source in line["sources"] if source.get("dated")]
            if dated and max(dated) < limit:
                found.append((where, line["id"], f"the newest source is dated {max(dated)}, more than "
                                                 f"{OLD_SOURCE_YEARS} years ago: look for a newer page"))
            if len(line["sources"]) == 1:
                found.append((where, line["id"], "a single source: look for a second page that prints the number"))
    return found


def _end_of(dated: str) -> dt.date:
    """The last day a partial date (YYYY, YYYY-MM) can mean."""
    parts = [int(part) for part in dated.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(*parts)


def due_markdown(dataset: data.Dataset, today: dt.date) -> str:
    """The records due for review, each with its claim (numbers), pages and the dates they were read."""
    due = [(record, where) for record, where in data.records(dataset) if data.review_due(record, today)]
    lines = [f"# Records due for review ({len(due)} on {today})", "",
             "Check each record against its sources (open each page, compare the numbers), then update "
             "`read:` and `verification.last_checked`. Records are never removed automatically.", ""]
    weak = weak_records(dataset, today)
    for record, where in due:
        verification = record["verification"]
        numbers = ", ".join(p.get("number") or p.get("short_code") for p in record.get("phones", [])) or "no number"
        lines.append(f"- [ ] `{where}` **{record['id']}**: {numbers} "
                     f"(review date {data.review_date(verification)}{', marked needs_review' if verification.get('needs_review') else ''})")
        for source in record["sources"]:
            shows = ", ".join(source.get("shows", [])) or "no number listed"
            lines.append(f"  - {source['url']}: read {source['read']}, showed {shows}")
    lines += ["", f"## To strengthen ({len(weak)})", ""]
    lines += [f"- [ ] `{where}` **{record_id}**: {why}" for where, record_id, why in weak]
    return "\n".join(lines) + "\n"


def source_urls(dataset: data.Dataset) -> dict[str, list[str]]:
    """Each source address, with the records that cite it."""
    urls: dict[str, list[str]] = {}
    for record, where in data.records(dataset):
        for source in record["sources"]:
            urls.setdefault(source["url"], []).append(f"{where} {record['id']}")
    return urls


def dead_links(urls: list[str], *, timeout: int = 30, linkchecker: str | None = None) -> dict[str, str]:
    """Ask LinkChecker about each address (the addresses only, not the pages they link to);
    return the ones that failed, with LinkChecker's reason."""
    program = linkchecker or shutil.which("linkchecker") or str(Path(sys.executable).with_name("linkchecker"))
    result = subprocess.run([program, "--check-extern", "--recursion-level=0", "--no-status", "--no-warnings",
                             f"--timeout={timeout}", "--output=csv", "--stdin"],
                            input="\n".join(urls) + "\n", capture_output=True, text=True)
    rows = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    dead = {}
    for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"):
        if row.get("valid") == "False":
            dead[row["urlname"]] = row.get("result") or "no answer"
    return dead


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m aftercare.review", description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["due", "links"])
    parser.add_argument("--data", type=Path, default=None, help="the data folder (default: the project's in this folder)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None)
    parser.add_argument("--timeout", type=int, default=30)
    args = parser.parse_args(argv)
    args.data = args.data or paths.current()[1] / "data"
    result = data.load(args.data, root=args.data.resolve().parent, today=args.today)
    if result.errors:
        for problem in result.errors:
            print(problem, file=sys.stderr)
        return 1
    if args.what == "due":
        print(due_markdown(result.dataset, args.today or dt.date.today()), end="")
        return 0
    urls = source_urls(result.dataset)
    dead = dead_links(sorted(urls), timeout=args.timeout)
    print(f"# Sources that did not answer ({len(dead)} of {len(urls)} pages)\n")
    for url, reason in sorted(dead.items()):
        print(f"- {url}: {reason}; cited by {', '.join(urls[url])}")
    return 1 if dead else 0


if __name__ == "__main__":
    raise SystemExit(main())
