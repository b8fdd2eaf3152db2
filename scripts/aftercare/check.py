"""The fast check of a change: what an editor must fix, on the lines they changed.

Usage: python -m aftercare.check [FILES...] [--base REF] [--format text|github] [--summary FILE]

It runs, in a few seconds and without building the site:
  - validation of every data file, interface-string file and page (``aftercare.validate``),
    and of the site's settings (``extra.aftercare`` in mkdocs.yml);
  - the translation check (``aftercare.translations check``) for the changed pages;
  - house style and readability of the changed English pages.

Changed files are the FILES given (pre-commit passes them); otherwise the files that differ from
the pull request's base branch (``$GITHUB_BASE_REF`` on GitHub), or from ``--base`` (default:
where this branch left main), plus files not yet committed.

Each problem is printed as ``file:line:column: ...``, or as a GitHub annotation with
``--format github`` (the default inside GitHub Actions). A Markdown summary (the changed pages
with translation status and readability, records past their review date, what to do next, and
the link to the preview) is written to ``--summary`` or ``$GITHUB_STEP_SUMMARY``.
Exits 1 when there is anything to fix, 0 when the change is clean.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import textstat

from . import data, frontmatter, paths, integrity, readability, settings, style, translations, tree, validate
from .errors import Problem, format_problem

LANGUAGES = settings.project_languages()
# GitHub shows at most 10 error and 10 warning annotations per step; the summary lists the rest.
ANNOTATION_LIMIT = 10


@dataclass
class Report:
    root: Path
    changed: list[str]
    problems: list[Problem] = field(default_factory=list)
    pages: list[dict] = field(default_factory=list)  # one row per changed page
    due: list[tuple[str, str, str]] = field(default_factory=list)  # (file, id, why)
    needs_review: int = 0
    titles: dict[Problem, str] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


# -----------------------------------------------------------------------------
# Which files changed
# -----------------------------------------------------------------------------

def _git(root: Path, *args: str) -> list[str]:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"error: git {' '.join(args)} failed: {result.stderr.strip()}")
    return [line for line in result.stdout.splitlines() if line]


def changed_files(root: Path, base: str | None) -> list[str]:
    """Files that differ from the base branch, committed or not (deleted files left out)."""
    if base is None:
        base_ref = os.environ.get("GITHUB_BASE_REF")
        candidates = [f"origin/{base_ref}"] if base_ref else ["origin/main", "main"]
        base = next((ref for ref in candidates
                     if subprocess.run(["git", "rev-parse", "--verify", "--quiet", ref], cwd=root,
                                       capture_output=True).returncode == 0), None)
        if base is None:
            raise SystemExit(f"error: cannot find the base branch ({' or '.join(candidates)}); "
                             "give it with --base, or name the files to check")
    files = set(_git(root, "diff", "--name-only", "--diff-filter=d", f"{base}...HEAD"))
    files |= set(_git(root, "diff", "--name-only", "--diff-filter=d", "HEAD"))
    files |= set(_git(root, "ls-files", "--others", "--exclude-standard"))
    return sorted(files)


def _relative(root: Path, name: str) -> str:
    path = Path(name)
    if path.is_absolute() and path.resolve().is_relative_to(root.resolve()):
        return path.resolve().relative_to(root.resolve()).as_posix()
    return path.as_posix()


# -----------------------------------------------------------------------------
# The checks
# -----------------------------------------------------------------------------



def _settings(root: Path, config: Path, languages: list[str]) -> list[Problem]:
    """The same settings check as the build (aftercare.settings), every problem at its line."""
    return settings.load(config, root=root, languages=languages, default_language=languages[0])[1]


def _readability(path: Path, shown: str) -> tuple[dict, list[Problem]]:
    """The page's grade against its target; when over, a problem on its hardest paragraph."""
    result = readability.score(path)
    row = {"grade": result.grade, "target": result.target_grade, "sentence": result.sentence_length,
           "target_sentence": result.target_sentence, "audience": result.audience, "ok": result.ok}
    if result.ok:
        return row, []
    _, body, offset = frontmatter.split(path.read_text(encoding="utf-8"))
    hardest, line = None, offset + 1
    start, block = None, []
    for number, text in enumerate([*body.splitlines(), ""], start=offset + 1):
        if text.strip():
            start = start or number
            block.append(text)
            continue
        plain = readability.plain_text("\n".join(block))
        if len(plain.split()) >= 8:
            grade = textstat.flesch_kincaid_grade(plain)
            if hardest is None or grade > hardest:
                hardest, line = grade, start
        start, block = None, []
    limits = f"grade {result.target_grade:.0f} or below"
    if result.target_sentence:
        limits += f" and {result.target_sentence:.0f} words a sentence or fewer"
    message = (f"this page reads at grade {result.grade:.1f} with {result.sentence_length:.1f} words a sentence; "
               f"pages for {result.audience} should read at {limits}. The hardest paragraph starts here"
               + (f" (grade {hardest:.1f})" if hardest is not None else "")
               + ": use shorter sentences and everyday words")
    return row, [Problem(shown, line, 1, "readability", message)]


def run(root: Path, changed: list[str], today: dt.date, languages: list[str] = LANGUAGES) -> Report:
    report = Report(root, changed)
    docs, data_dir = root / "docs", root / "data"
    # The project's settings, data, strings and pages, as the build checks them.
    result, problems = validate.collect(data_dir, docs, languages, today, config=root / "mkdocs.yml")
    for problem in problems:
        report.titles[problem] = validate._title(problem)
    report.problems += problems
    if any(problem.field == tree.FIELD for problem in problems):
        return report  # a link out of the project: nothing more is read
    # An organisation's settings file changed in the pull request.
    for config in sorted({root / name for name in changed if Path(name).name == "mkdocs.yml"} - {root / "mkdocs.yml"}):
        if config.is_file():
            for problem in _settings(root, config, languages):
                report.titles[problem] = "Settings"
                report.problems.append(problem)
    for record, where in data.records(result.dataset):
        verification = record["verification"]
        if data.review_date(verification) <= today:
            report.due.append((where, record["id"], f"review was due on {data.review_date(verification)}"))
        elif verification.get("needs_review"):
            report.needs_review += 1
            if where in changed:
                report.due.append((where, record["id"], "marked needs_review: " + verification.get("note", "")))
    # Pages: docs/<lang>/<page>.md
    changed_pages = []
    for name in changed:
        parts = Path(name).parts
        if len(parts) >= 3 and parts[0] == "docs" and parts[1] in languages and name.endswith(".md") \
                and (root / name).is_file():
            changed_pages.append((parts[1], Path(*parts[2:]).as_posix()))
    entries, status_problems = translations.status(docs, languages)
    states = {(e.lang, e.page): e for e in entries}
    outdated = {key for key, entry in states.items() if entry.state == "outdated"}
    names = sorted({page for _, page in changed_pages})
    found = integrity.check(docs, languages, names, outdated, root=root)
    for problem in [*status_problems, *found]:
        report.titles[problem] = f"Translation: {problem.field}" if problem.field else "Translation"
    report.problems += status_problems + found
    terms = style.load_terms(data_dir / "style" / "terms.yml")
    for lang, page in sorted(changed_pages, key=lambda pair: (pair[1], pair[0] != languages[0], pair[0])):
        shown = f"docs/{lang}/{page}"
        path = root / shown
        row = {"page": shown, "lang": lang}
        if lang == languages[0]:
            others = [states.get((other, page)) for other in languages[1:]]
            row["translations"] = {other: (entry.state if entry else "missing") for other, entry in zip(languages[1:], others, strict=False)}
            scores, found_readability = _readability(path, shown)
            row.update(scores)
            for problem in found_readability:
                report.titles[problem] = "Readability"
            report.problems += found_readability
            for problem in style.check(path, terms, shown):
                report.titles[problem] = "House style"
                report.problems.append(problem)
        else:
            entry = states.get((lang, page))
            row["state"] = entry.state if entry else "not a translation of an English page"
        row["problems"] = sum(1 for p in report.problems if p.path == shown and p.severity == "error")
        report.pages.append(row)
    report.problems = sorted(set(report.problems))
    return report


# -----------------------------------------------------------------------------
# What the editor sees
# -----------------------------------------------------------------------------

def annotations(report: Report, style_: str) -> list[str]:
    """Problems in the changed files first (GitHub shows only the first 10 of each kind on the lines)."""
    changed = set(report.changed)
    shown = [p for p in report.problems if p.severity == "error" or p.path in changed]
    shown.sort(key=lambda p: (p.severity != "error", p.path not in changed, p))
    return [format_problem(p, style_, report.titles.get(p, "")) for p in shown]


_STATE_WORDS = {"machine": "machine translation", "reviewed": "reviewed by a fluent speaker",
                "outdated": "outdated (the English page changed since)", "missing": "not translated yet"}


def _translation_cell(row: dict) -> str:
    if "translations" in row:
        groups: dict[str, list[str]] = {}
        for lang, state in row["translations"].items():
            groups.setdefault(state, []).append(lang)
        return "English page; translations: " + "; ".join(f"{state} ({', '.join(langs)})" for state, langs in groups.items())
    return _STATE_WORDS.get(row["state"], row["state"])


def _readability_cell(row: dict) -> str:
    if "grade" not in row:
        return "n/a (the formula works for English only)"
    verdict = "ok" if row["ok"] else "**too hard**"
    sentence = f", {row['sentence']:.1f} words a sentence" + (f" (target ≤ {row['target_sentence']:.0f})"
                                                            if row["target_sentence"] else "")
    return f"{verdict}: grade {row['grade']:.1f} (target ≤ {row['target']:.0f}){sentence}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _count(count: int) -> str:
    return "none" if not count else f"**{count} to fix**"


def summary(report: Report, preview: str) -> str:
    errors, warnings = report.errors, [p for p in report.problems if p.severity != "error"]
    lines = ["## Content check", ""]
    if errors:
        lines.append(f"**{len(errors)} thing(s) to fix** before this change can go on the site"
                     + (f", and {len(warnings)} warning(s)." if warnings else "."))
    else:
        lines.append("**Nothing to fix.** This change passes the content check"
                     + (f" ({len(warnings)} warning(s) to look at)." if warnings else "."))
    lines += ["", f"Preview of the site with this change: {preview}", ""]
    if report.pages:
        lines += ["### Changed pages", "", "| Page | Translation | Readability | Problems |", "| --- | --- | --- | --- |"]
        for row in report.pages:
            count = row["problems"]
            lines.append(f"| `{row['page']}` | {_cell(_translation_cell(row))} | {_cell(_readability_cell(row))} | "
                         f"{_count(count)} |")
        lines.append("")
    else:
        lines += ["No page changed.", ""]
    data_changed = [name for name in report.changed if name.startswith("data/")]
    if data_changed:
        lines += ["### Changed data files", "", "| File | Problems |", "| --- | --- |"]
        for name in data_changed:
            count = sum(1 for p in errors if p.path == name)
            lines.append(f"| `{name}` | {_count(count)} |")
        lines.append("")
    lines += ["### Records past their review date", ""]
    if report.due:
        lines += ["| File | Record | Why |", "| --- | --- | --- |"]
        lines += [f"| `{where}` | `{record}` | {_cell(why)} |" for where, record, why in report.due[:30]]
        if len(report.due) > 30:
            lines.append(f"| … | {len(report.due) - 30} more | run `python -m aftercare.validate --due` |")
    else:
        lines.append("None.")
    if report.needs_review:
        lines.append(f"\n{report.needs_review} record(s) are marked `needs_review` by a person; "
                     "`python -m aftercare.validate --due` lists them with their sources.")
    lines += ["", "### What to do next", ""]
    lines += _next_steps(report, preview)
    if report.problems:
        lines += ["", "<details><summary>Every problem, as file:line:column</summary>", "", "```"]
        lines += [str(p) for p in report.problems]
        lines += ["```", "", "</details>"]
    return "\n".join(lines) + "\n"


def _next_steps(report: Report, preview: str) -> list[str]:
    steps = []
    kinds = {report.titles.get(p, "").split(":")[0] for p in report.errors}
    if report.errors:
        steps.append("- Open the **Files changed** tab: each problem is shown on its line, in red, with what to change. "
                     "The full list is at the end of this summary.")
    if "Data" in kinds or "Settings" in kinds:
        steps.append("- **Data**: fix the field named in the message (for a phone number: copy it as its source shows "
                     "it, in international form, starting with + and the country code).")
    if "Translation" in kinds:
        steps.append("- **Translation**: keep links, numbers, markers (`<!-- aftercare:... -->`), boxes and headings "
                     "exactly as on the English page; translate only the words.")
    if "Readability" in kinds:
        steps.append("- **Readability**: split long sentences and choose everyday words, starting with the paragraph "
                     "marked on the page.")
    if "House style" in kinds:
        steps.append("- **House style**: use the word suggested in the message (the list is in `data/style/terms.yml`).")
    if "Page" in kinds:
        steps.append("- **Page**: fix the front matter or HTML named in the message.")
    if report.errors:
        steps.append("- Save your fix in the same pull request: this check runs again by itself.")
    else:
        steps.append("- Look at your change in the preview, then ask for a review.")
    if any(row.get("translations") and "outdated" in row["translations"].values() for row in report.pages):
        steps.append("- You changed an English page, so its translations are now marked *outdated*. That is "
                     "expected: readers see a notice and a link to the English page until a translator updates them "
                     "(`python -m aftercare.translations status` lists them).")
    if report.due:
        steps.append("- Some records are past their review date: if you can, check them against their sources "
                     "(`python -m aftercare.validate --due`).")
    steps.append(f"- See the site with your change: {preview}")
    return steps


def _preview_link() -> str:
    if os.environ.get("AFTERCARE_PREVIEW_URL"):
        return os.environ["AFTERCARE_PREVIEW_URL"]
    server, repository, run_id = (os.environ.get(name) for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"))
    if server and repository and run_id:
        return (f"[the built site (artifact `site-preview`)]({server}/{repository}/actions/runs/{run_id}#artifacts): "
                "download it, unzip it and open `index.html`")
    return "run `bash scripts/serve.sh` and open <http://127.0.0.1:8000/>"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m aftercare.check", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help="the changed files (default: what differs from the base branch)")
    parser.add_argument("--root", type=Path, default=None,
                        help="the project folder (data/, docs/, mkdocs.yml; default: the one in this folder)")
    parser.add_argument("--base", help="the branch or commit the change starts from (default: origin/main or main)")
    parser.add_argument("--format", choices=("text", "github"),
                        default="github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    parser.add_argument("--summary", type=Path, default=os.environ.get("GITHUB_STEP_SUMMARY") or None,
                        help="write the Markdown summary here (default: $GITHUB_STEP_SUMMARY)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None)
    parser.add_argument("--preview-url", default=None, help="where the built preview is (default: the workflow run's artifacts)")
    args = parser.parse_args(argv)
    root = (args.root or paths.current()[1]).resolve()
    today = args.today or (dt.date.fromisoformat(os.environ["AFTERCARE_TODAY"]) if os.environ.get("AFTERCARE_TODAY")
                           else dt.date.today())
    changed = sorted({_relative(root, name) for name in args.files}) if args.files else changed_files(root, args.base)
    report = run(root, changed, today)
    for line in annotations(report, args.format):
        print(line)
    preview = args.preview_url or _preview_link()
    if args.summary:
        with open(args.summary, "a", encoding="utf-8") as out:
            out.write(summary(report, preview))
    pages = ", ".join(row["page"] for row in report.pages) or "no page"
    if report.errors:
        print(f"{len(report.errors)} problem(s) to fix ({len(report.changed)} changed file(s): {pages}).", file=sys.stderr)
        return 1
    print(f"Content check passed: {len(report.changed)} changed file(s) ({pages}).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
