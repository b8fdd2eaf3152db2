"""Take CONTRIBUTING.md's pictures of a checked pull request, from the test fixtures.

Usage: .venv/bin/python scripts/pr_screenshot.py [--out docs/screenshots]

There is no GitHub here, so this runs the fast check (`python -m aftercare.check`) on a copy of
the project with the change in tests/fixtures/pr-check/ (clean/ then bad/), exactly as the
pull-request workflow would, and lays out what GitHub shows from its output: each annotation
under its line in "Files changed" (pr-annotations.png), and the job summary (pr-summary.png),
rendered from the Markdown the check wrote. Drawn in Debian's Chromium, headless.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parent.parent

from aftercare_tools.browser import CHROMIUM_ARGS, chromium_path  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "pr-check"
ANNOTATION = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+),title=([^:]*)::(.*)$")
STYLE = """
body { font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328;
       margin: 0; padding: 24px; background: #fff; width: 1040px; }
h1 { font-size: 20px; font-weight: 600; margin: 0 0 4px; }
.sub { color: #59636e; margin: 0 0 16px; }
.file { border: 1px solid #d1d9e0; border-radius: 6px; margin: 0 0 16px; overflow: hidden; }
.file > header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 12px;
                 font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
table.code { border-collapse: collapse; width: 100%; font: 12px/20px ui-monospace, SFMono-Regular, Menlo, monospace; }
table.code td { padding: 0 10px; white-space: pre-wrap; vertical-align: top; }
td.num { color: #59636e; text-align: right; width: 40px; user-select: none; }
tr.add td { background: #dafbe1; } tr.add td.num { background: #aceebb; }
.note { margin: 6px 12px 10px 60px; border: 1px solid #d1d9e0; border-left: 4px solid #d1242f;
        border-radius: 6px; padding: 8px 12px; background: #fff; font: 14px/1.45 -apple-system, "Segoe UI", sans-serif; }
.note.warning { border-left-color: #9a6700; }
.note b { display: block; color: #d1242f; } .note.warning b { color: #9a6700; }
.note small { color: #59636e; display: block; }
.summary { border: 1px solid #d1d9e0; border-radius: 6px; padding: 8px 24px 16px; }
.summary table { border-collapse: collapse; margin: 8px 0; }
.summary th, .summary td { border: 1px solid #d1d9e0; padding: 6px 12px; text-align: left; vertical-align: top; }
.summary th { background: #f6f8fa; }
.summary code { background: #eff1f3; border-radius: 4px; padding: 1px 4px; font-size: 12px; }
.summary pre { background: #f6f8fa; padding: 12px; white-space: pre-wrap; font-size: 12px; }
.summary h2 { border-bottom: 1px solid #d1d9e0; padding-bottom: 6px; }
"""


def run_check(project: Path) -> tuple[list[tuple], str, int]:
    """The fast check on the fixture change, as the workflow runs it; its annotations and summary."""
    for folder in ("data", "docs"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    changed = set()
    for name in ("clean", "bad"):
        shutil.copytree(FIXTURES / name, project, dirs_exist_ok=True)
        changed |= {p.relative_to(FIXTURES / name).as_posix() for p in (FIXTURES / name).rglob("*") if p.is_file()}
    summary = project / "summary.md"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env.update(GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary), GITHUB_SERVER_URL="https://github.com",
               GITHUB_REPOSITORY="your-organisation/aftercare", GITHUB_RUN_ID="1234567890")
    result = subprocess.run([sys.executable, "-m", "aftercare.check", "--root", str(project), *sorted(changed)],
                            capture_output=True, text=True, env=env)
    found = []
    for line in result.stdout.splitlines():
        match = ANNOTATION.match(line)
        if match:
            kind, path, number, _col, title, message = match.groups()
            found.append((kind, path, int(number), title.replace("%3A", ":").replace("%2C", ","),
                          message.replace("%0A", "\n").replace("%25", "%")))
    return found, summary.read_text(encoding="utf-8"), result.returncode


def annotations_page(project: Path, found: list[tuple], returncode: int) -> str:
    files = []
    for path in dict.fromkeys(a[1] for a in found):
        lines = (project / path).read_text(encoding="utf-8").splitlines()
        notes = {}
        for kind, _path, number, title, message in (a for a in found if a[1] == path):
            notes.setdefault(number, []).append((kind, title, message))
        rows = []
        for number, text in enumerate(lines, 1):
            rows.append(f'<tr class="add"><td class="num">{number}</td><td>+ {html.escape(text)}</td></tr>')
            for kind, title, message in notes.get(number, []):
                rows.append(f'<tr><td colspan="2"><div class="note {kind}"><b>{html.escape(title)}</b>'
                            f'{html.escape(message)}<small>Check failure on line {number} · Content check (fast)</small>'
                            "</div></td></tr>")
        files.append(f'<section class="file"><header>{html.escape(path)} (new file)</header>'
                     f'<table class="code">{"".join(rows)}</table></section>')
    status = "failed (exit 1)" if returncode else "passed"
    return (f"<!doctype html><html lang=en><meta charset=utf-8><style>{STYLE}</style>"
            f"<h1>Files changed</h1><p class=sub>Content check (fast) {status}: {len(found)} annotations, each on "
            f"its line. Rendered from the check's output on the fixture change in tests/fixtures/pr-check/.</p>"
            + "".join(files) + "</html>")


def summary_page(summary: str) -> str:
    # GitHub reads Markdown inside <details>; Python-Markdown does when asked to (markdown="1").
    summary = summary.replace("<details>", '<details open markdown="1">')
    body = markdown.markdown(summary, extensions=["tables", "md_in_html", "fenced_code"])
    return (f"<!doctype html><html lang=en><meta charset=utf-8><style>{STYLE}</style>"
            f"<h1>Content check · Summary</h1><p class=sub>The job summary, as written to $GITHUB_STEP_SUMMARY for the "
            f"fixture change.</p><div class=summary>{body}</div></html>")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        found, summary, returncode = run_check(project)
        pages = {"pr-annotations.png": annotations_page(project, found, returncode),
                 "pr-summary.png": summary_page(summary)}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1090, "height": 800})
            for name, content in pages.items():
                page.set_content(content)
                page.screenshot(path=str(args.out / name), full_page=True)
                print(args.out / name)
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
