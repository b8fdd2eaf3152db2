"""The web editor (issue 25): Decap CMS, installed from the npm registry at a pinned version,
served from the site's own files, saving each change as a branch (a pull request on GitHub)
through decap-server and a temporary git repository; what it writes is what an editor would
write, and it never reaches another host."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from aftercare import cmsconfig, editor
from aftercare_tools import editing
from conftest import DEFAULT_LANGUAGE, ROOT, build_site, header_yaml

NAME = "National hotline 111 (against human trafficking, and for child protection)"
NEW_NAME = "National hotline 111 (trafficking and child protection)"
ARABIC_NAME = "الخط الوطني 111 لمكافحة الاتجار بالبشر وحماية الأطفال"
SPANISH_LINE = "**En resumen:** los primeros días después de salir pueden ser muy difíciles. La ayuda en estos"
NEW_SPANISH_LINE = "**En resumen:** los primeros días después de salir pueden ser duros. La ayuda en estos"
LANGUAGES = [DEFAULT_LANGUAGE, "es", "ar"]  # English, and Arabic for the round trip


_git = editing.git


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """The project's pages and data as a git repository on `main`, with an Arabic name given to
    one record so its round trip can be seen."""
    repo = editing.project_repository(tmp_path_factory.mktemp("repo"))
    record = repo / "data" / "hotlines" / "VN.yml"
    text = record.read_text(encoding="utf-8")
    assert text.count(f"      en: {NAME}\n") == 1
    record.write_text(text.replace(f"      en: {NAME}\n", f"      en: {NAME}\n      ar: {ARABIC_NAME}\n"),
                      encoding="utf-8")
    editing.commit_all(repo, "An Arabic name")
    return repo


@pytest.fixture(scope="module")
def editor_url(repo, tmp_path_factory):
    with editing.editor_session(repo, tmp_path_factory.mktemp("site"), LANGUAGES, DEFAULT_LANGUAGE) as url:
        yield url


def _changed_lines(repo: Path, branch: str) -> list[str]:
    diff = _git(repo, "diff", "--unified=0", f"main..{branch}")
    return [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_the_editor_saves_two_changes_as_branches_with_only_those_lines(browser, repo, editor_url):
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    hosts = set()
    tab.on("request", lambda request: hosts.add(request.url.split("/")[2].rsplit(":", 1)[0]))
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        tab.goto(editor_url)
        tab.get_by_role("button", name="Login").click()

        # A hotline's English name, in the record's form.
        tab.goto(editor_url + "#/collections/hotlines")
        tab.get_by_text("VN", exact=True).first.click()
        editing.open_list_item(tab, "vn-111-national-hotline")
        tab.fill("#" + editing.field_with_value(tab, NAME), NEW_NAME)
        tab.get_by_role("button", name="Save").click()
        editing.wait_for_branch(repo, "cms/hotlines/VN")

        # A line of a paragraph of the Spanish page, beside the English one.
        tab.goto(editor_url + "#/collections/pages")
        tab.get_by_text("First days: immediate needs", exact=True).first.click()
        editing.select_line(tab, 1, "La ayuda en estos")  # the Spanish text, beside the English
        tab.keyboard.type(NEW_SPANISH_LINE)
        tab.get_by_role("button", name="Save").click()
        editing.wait_for_branch(repo, "cms/pages/first-days")
    finally:
        tab.close()
    editing.settle(repo)
    assert errors == []
    assert hosts <= {"localhost", "127.0.0.1"}, hosts  # nothing from any other host

    branches = _git(repo, "branch", "--format=%(refname:short)").split()
    assert {"cms/hotlines/VN", "cms/pages/first-days"} <= set(branches), branches
    assert _git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"  # main itself untouched
    assert _git(repo, "status", "--porcelain") == ""

    # Each change is the line an editor would have changed, and nothing else.
    assert _git(repo, "diff", "--name-only", "main..cms/hotlines/VN").split() == ["data/hotlines/VN.yml"]
    assert _changed_lines(repo, "cms/hotlines/VN") == [f"-      en: {NAME}", f"+      en: {NEW_NAME}"]
    assert _git(repo, "diff", "--name-only", "main..cms/pages/first-days").split() == ["docs/es/first-days.md"]
    assert _changed_lines(repo, "cms/pages/first-days") == [f"-{SPANISH_LINE}", f"+{NEW_SPANISH_LINE}"]
    # The Arabic name of the record (its line is not among the changed ones) and the Arabic page,
    # which the editor opened and saved with the Spanish one, come back byte for byte.
    assert f"      en: {NEW_NAME}\n      ar: {ARABIC_NAME}\n" in _git(repo, "show", "cms/hotlines/VN:data/hotlines/VN.yml")
    for path in ("docs/ar/first-days.md", "docs/en/first-days.md"):
        assert _git(repo, "show", f"cms/pages/first-days:{path}") == _git(repo, "show", f"main:{path}")

    # What was saved passes the project's checks.
    for branch in ("cms/hotlines/VN", "cms/pages/first-days"):
        checkout = repo.parent / f"check-{branch.replace('/', '-')}"
        _git(repo, "worktree", "add", "-q", str(checkout), branch)
        result = subprocess.run([sys.executable, "-m", "aftercare.validate", "--data", str(checkout / "data"),
                                 "--docs", str(checkout / "docs")], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_editor_page_has_its_own_policy_and_no_reader_page_links_to_it(site):
    policy = editor.content_security_policy(None)
    assert "'unsafe-eval'" in policy and "https://api.github.com" in policy
    assert "'unsafe-eval'" not in (site / "index.html").read_text(encoding="utf-8")
    assert not (site / "admin").exists()  # a built site has no editor unless the settings turn it on
    for page in site.rglob("*.html"):
        assert "admin/" not in page.read_text(encoding="utf-8"), page


def test_the_editor_files_are_the_pinned_packages_with_their_licences(tmp_path):
    folders = editor.install()
    for package in (*editor.PACKAGES, editor.SERVER):
        assert (folders[package.name] / ".complete").read_text().strip() == package.integrity
        assert (folders[package.name] / package.licence).is_file()
    editor.write_admin(tmp_path / "admin", cmsconfig.generate(LANGUAGES, DEFAULT_LANGUAGE), local_port=None)
    names = {p.name for p in (tmp_path / "admin").iterdir()}
    assert {"index.html", "config.yml", "decap-cms.js", "decap-cms.LICENSE.txt", "decap-cms.js.LICENSE.txt",
            "aftercare-editor.js", "manual-init.js", "yaml"} <= names
    assert (tmp_path / "admin" / "yaml" / "LICENSE.txt").is_file()
    page = (tmp_path / "admin" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'(?:src|href)="([^"]+)"', page) == ["config.yml", "manual-init.js", "decap-cms.js",
                                                           "aftercare-editor.js"]  # nothing from a CDN
    assert "local_backend" not in (tmp_path / "admin" / "config.yml").read_text(encoding="utf-8")


def _policies(site: Path) -> dict[str, str]:
    """Each page's own policy (the <meta> every reader page carries), by page."""
    return {str(page.relative_to(site)): re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"',
                                                    page.read_text(encoding="utf-8")).group(1)
            for page in site.rglob("*.html") if "admin" not in page.parts}


def test_a_site_that_turns_the_editor_on_publishes_it_under_its_own_policy_alone(tmp_path):
    """The setting publishes /admin/ (GitHub: each save a pull request); the reader pages'
    policy is the same as without it, and the editor's `'unsafe-eval'` reaches /admin/ only."""
    sites = {}
    for name, extra in (("without", ""), ("with", "    editor:\n      repo: harbour-help/site\n")):
        folder = tmp_path / name
        folder.mkdir()
        config = folder / "mkdocs.yml"
        config.write_text(header_yaml() + f"extra:\n  aftercare:\n    languages: [{DEFAULT_LANGUAGE}]\n" + extra,
                          encoding="utf-8")
        build_site(config, folder / "site")
        sites[name] = folder / "site"
    assert not (sites["without"] / "admin").exists()
    admin = sites["with"] / "admin"
    made = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert made["backend"] == {"name": "github", "repo": "harbour-help/site", "branch": "main"}
    assert made["publish_mode"] == "editorial_workflow" and "local_backend" not in made
    assert _policies(sites["with"]) == _policies(sites["without"])  # reader pages: unchanged
    assert all("'unsafe-eval'" not in policy for policy in _policies(sites["with"]).values())

    rules = re.split(r"\n(?=/)", (sites["with"] / "_headers").read_text(encoding="utf-8"))
    by_path = {rule.split("\n", 1)[0]: rule for rule in rules[1:]}
    assert "/*" not in by_path  # a rule for every path would add the pages' policy to the editor's
    assert "'unsafe-eval'" in by_path["/admin/*"] and "frame-ancestors 'none'" in by_path["/admin/*"]
    assert [path for path, rule in by_path.items() if "'unsafe-eval'" in rule] == ["/admin", "/admin/*"]
    assert {"/", "/get-help/*", "/assets/*", "/countries/*"} <= set(by_path)
    nginx = (sites["with"] / "_headers.nginx.conf").read_text(encoding="utf-8")
    block = nginx[nginx.index("location ^~ /admin/ {"):]
    assert "'unsafe-eval'" in block and nginx.count("'unsafe-eval'") == 1
