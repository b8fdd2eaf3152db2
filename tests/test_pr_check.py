"""The fast check of a pull request: annotations on the right file and line, the summary, the exit code.

The fixtures in tests/fixtures/pr-check/ are a change an editor could make: `clean/` adds an
English page and its French translation; `bad/` adds, on top of it, a provider with a phone
number that is too short, a translation that dropped a link and changed a number, and an
English page over its readability grade.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aftercare import data, errors, integrity, translations
from conftest import LANGUAGES, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "pr-check"
ANNOTATION = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+),title=([^:]*)::(.*)$")


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _line_of(path: Path, text: str) -> int:
    """The 1-based line of the first line containing `text` (derived from the fixture, never typed in)."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def _overlay(project: Path, *sets: str) -> list[str]:
    changed = []
    for name in sets:
        shutil.copytree(FIXTURES / name, project, dirs_exist_ok=True)
        changed += _files(FIXTURES / name)
    return sorted(set(changed))


@pytest.fixture
def project(tmp_path):
    """A clean clone of the project (its committed state), as a pull request's checkout is."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    git = ["git", "-C", str(clone), "-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    subprocess.run([*git, "update-ref", "refs/remotes/origin/pr-base", "HEAD"], check=True)
    return clone, git


def _run(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "aftercare.check", "--root", str(root), *args],
                          capture_output=True, text=True, env=environment, cwd=root)


def _annotations(stdout: str) -> list[tuple[str, str, int, str, str]]:
    found = []
    for line in stdout.splitlines():
        match = ANNOTATION.match(line)
        if match:
            kind, path, number, _col, title, message = match.groups()
            found.append((kind, path, int(number), title.replace("%3A", ":"), message))
    return found


def test_a_bad_change_is_annotated_on_its_lines_summarised_and_fails(project, tmp_path):
    clone, git = project
    changed = _overlay(clone, "clean", "bad")
    subprocess.run([*git, "checkout", "--quiet", "-b", "editor-change"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "--quiet", "-m", "An editor's change"], check=True)
    summary = tmp_path / "summary.md"
    # As in GitHub Actions on a pull request: no file names; the base branch from the environment.
    result = _run(clone, env={"GITHUB_ACTIONS": "true", "GITHUB_BASE_REF": "pr-base", "GITHUB_STEP_SUMMARY": str(summary),
                              "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "owner/aftercare",
                              "GITHUB_RUN_ID": "42"})
    assert result.returncode == 1, result.stdout + result.stderr
    found = _annotations(result.stdout)
    assert found, result.stdout
    by_file = {}
    for kind, path, line, title, message in found:
        by_file.setdefault(path, []).append((kind, line, title, message))

    phone = FIXTURES / "bad" / "data" / "providers" / "fixture-bad-phone.yml"
    phone_line = _line_of(phone, "number:")
    assert any(kind == "error" and line == phone_line and title == "Data: phones[0].number"
               for kind, line, title, _ in by_file["data/providers/fixture-bad-phone.yml"]), found

    french = FIXTURES / "bad" / "docs" / "fr" / "fixture-page.md"
    french_found = by_file["docs/fr/fixture-page.md"]
    number_line = _line_of(french, "4 étapes")
    assert any(line == number_line and title == "Translation: number" and '"4"' in message and '"3"' in message
               for _, line, title, message in french_found), french_found
    # The dropped link: reported on the heading of the section that lost it.
    section_line = _line_of(french, "## Où aller ensuite")
    assert any(line == section_line and title == "Translation: link target" and "get-help.md" in message
               for _, line, title, message in french_found), french_found

    hard = FIXTURES / "bad" / "docs" / "en" / "fixture-hard.md"
    assert any(line == _line_of(hard, "Notwithstanding") and title == "Readability" and "grade 7" in message
               for _, line, title, message in by_file["docs/en/fixture-hard.md"])
    # Only these files: the rest of the project is clean.
    assert set(by_file) <= set(changed)

    text = summary.read_text(encoding="utf-8")
    assert "## Content check" in text and "thing(s) to fix" in text
    for page in ("docs/en/fixture-hard.md", "docs/en/fixture-page.md", "docs/fr/fixture-page.md"):
        assert f"| `{page}` |" in text
    assert re.search(r"\| `docs/en/fixture-hard.md` \|[^\n]*\*\*too hard\*\*: grade [\d.]+ \(target ≤ 7\)", text)
    assert re.search(r"\| `docs/fr/fixture-page.md` \| machine translation \|[^\n]*\*\*2 to fix\*\* \|", text)
    assert "### Records past their review date" in text and "### What to do next" in text
    assert "https://github.com/owner/aftercare/actions/runs/42#artifacts" in text


def test_a_clean_change_passes(project, tmp_path):
    clone, _ = project
    changed = _overlay(clone, "clean")
    summary = tmp_path / "summary.md"
    # As pre-commit runs it: the changed files are named.
    result = _run(clone, "--format", "github", "--summary", str(summary), *changed)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [a for a in _annotations(result.stdout) if a[0] == "error"] == []
    text = summary.read_text(encoding="utf-8")
    assert "**Nothing to fix.**" in text
    assert re.search(r"\| `docs/en/fixture-page.md` \| English page; translations: [^\n]*machine \(fr\) \| ok: grade", text)


def test_records_past_their_review_date_are_in_the_summary_and_do_not_fail(project, tmp_path):
    clone, _ = project
    dataset = data.load(clone / "data", root=clone).dataset
    records = list(data.records(dataset))
    # The day the first record falls due: exactly those due by then are listed.
    day = min(data.review_date(record["verification"]) for record, _ in records)
    due = [(where, record["id"]) for record, where in records if data.review_date(record["verification"]) <= day]
    summary = tmp_path / "summary.md"
    result = _run(clone, "--today", day.isoformat(), "--summary", str(summary), "docs/en/get-help.md")
    assert result.returncode == 0, result.stdout + result.stderr
    text = summary.read_text(encoding="utf-8")
    section = text[text.index("### Records past their review date"):text.index("### What to do next")]
    listed = re.findall(r"^\| `(data/[^`]+)` \| `([^`]+)` \| review was due on ", section, re.M)
    more = re.search(r"\| … \| (\d+) more \|", section)
    assert len(listed) + (int(more.group(1)) if more else 0) == len(due)
    assert set(listed) <= set(due)


def test_a_wrong_setting_is_annotated_in_mkdocs_yml(project):
    clone, _ = project
    config = clone / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  aftercare:\n", "  aftercare:\n    languages: [en, xx]\n", 1), encoding="utf-8")
    result = _run(clone, "--format", "github", "mkdocs.yml")
    assert result.returncode == 1
    line = _line_of(config, "    languages: [en, xx]")  # the very line where the mistake is
    assert any(path == "mkdocs.yml" and number == line and title == "Settings" and "xx" in message
               for _, path, number, title, message in _annotations(result.stdout)), result.stdout


def test_translation_check_passes_on_the_current_translations():
    result = subprocess.run([sys.executable, "-m", "aftercare.translations", "check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_translation_check_names_each_difference(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    english = docs / "en" / "get-help.md"
    page = docs / "fr" / "get-help.md"
    # A box (admonition) in both, as an editor may add one (the red box is a marker now).
    english.write_text(english.read_text(encoding="utf-8") + '\n!!! warning "Check first"\n\n    Ask first.\n',
                       encoding="utf-8")
    page.write_text(page.read_text(encoding="utf-8") + '\n!!! warning "Vérifiez d\'abord"\n\n    Demandez d\'abord.\n',
                    encoding="utf-8")
    text = page.read_text(encoding="utf-8")
    marker = next(line for line in english.read_text(encoding="utf-8").splitlines() if "<!-- aftercare:" in line)
    box = re.search(r'^!!! (\w+) ', text, re.M).group(1)
    link = re.search(r"\]\(([\w-]+\.md)\)", text).group(1)
    assert marker in text
    broken = (text.replace(marker, "").replace(f"!!! {box} ", "!!! note ", 1)
              .replace(f"]({link})", f"]({link.replace('.md', '-fr.md')})")
              .replace("title: ", "audience: providers\ntitle: ", 1))
    page.write_text(broken, encoding="utf-8")
    problems = [p for p in integrity.check(docs, LANGUAGES, ["get-help.md"]) if p.path.endswith("fr/get-help.md")]
    fields = {p.field for p in problems}
    assert {"data marker", "box", "link target", "audience"} <= fields, problems
    lines = broken.splitlines()
    changed_link = next(p for p in problems if p.field == "link target")
    assert link.replace(".md", "-fr.md") in lines[changed_link.line - 1]
    changed_box = next(p for p in problems if p.field == "box")
    assert lines[changed_box.line - 1].startswith("!!! note")
    # Once the English page changes, the translation is outdated: the same differences are warnings.
    english.write_text(english.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "aftercare.translations", "--docs", str(docs), "check", "get-help.md"],
                            capture_output=True, text=True)
    assert result.returncode == 0 and "warning" in result.stdout, result.stdout + result.stderr


def test_numbers_in_other_scripts_and_month_names_are_the_same_numbers(tmp_path):
    english = tmp_path / "en.md"
    english.write_text("# A\n\nLast reviewed: 26 November 2026. Call 999 if you are under 18.\n\n"
                       "Or call +44 20 7946 0000.\n", encoding="utf-8")
    arabic = tmp_path / "ar.md"
    arabic.write_text("# أ\n\nآخر مراجعة: ٢٦ نوفمبر ٢٠٢٦. اتصل بالرقم 999 إذا كان عمرك أقل من ١٨ عامًا.\n\n"
                      "أو اتصل بالرقم ‎+44 20 7946 0000.\n", encoding="utf-8")
    chinese = tmp_path / "zh.md"
    chinese.write_text("# 甲\n\n最近审阅：2026 年 11 月 26 日。如果你未满 17 岁，请拨打 999。\n\n"
                       "或拨打 +44 20 7946 0001。\n", encoding="utf-8")
    source = integrity.read_page(english, "en.md", "en")
    assert integrity.compare(source, integrity.read_page(arabic, "ar.md", "ar")) == []
    problems = integrity.compare(source, integrity.read_page(chinese, "zh.md", "zh"))
    assert [(p.line, p.field) for p in problems] == [(3, "number"), (5, "phone number")], problems
    assert '"17"' in problems[0].message and "+44 20 7946 0001" in problems[1].message


def test_validate_prints_github_annotations(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(FIXTURES / "bad" / "data", data, dirs_exist_ok=True)
    result = subprocess.run([sys.executable, "-m", "aftercare.validate", "--data", str(data), "--format", "github"],
                            capture_output=True, text=True)
    assert result.returncode == 1
    line = _line_of(FIXTURES / "bad" / "data" / "providers" / "fixture-bad-phone.yml", "number:")
    assert re.search(rf"^::error file=data/providers/fixture-bad-phone.yml,line={line},col=\d+,"
                     r"title=Data%3A phones\[0\]\.number::phones\[0\]\.number: ", result.stdout, re.M), result.stdout


def test_annotation_escapes_what_github_would_misread():
    problem = errors.Problem("docs/a,b.md", 3, 2, "x", "100% sure:\nnext line", "warning")
    assert errors.github_annotation(problem, "Page: x") == \
        "::warning file=docs/a%2Cb.md,line=3,col=2,title=Page%3A x::x: 100%25 sure:%0Anext line"


def test_status_states_are_what_the_summary_explains():
    from aftercare import check

    assert set(translations.STATES) <= set(check._STATE_WORDS)
