"""Deployment: header files, redirects, CI workflows, and the offline copy."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import pytest
import yaml

from conftest import LANGUAGES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_header_files_for_hosts(site):
    headers = (site / "_headers").read_text(encoding="utf-8")
    for name in ("Content-Security-Policy: default-src 'self'", "Referrer-Policy: no-referrer",
                 "X-Content-Type-Options: nosniff", "Permissions-Policy:", "frame-ancestors 'none'"):
        assert name in headers
    nginx = (site / "_headers.nginx.conf").read_text(encoding="utf-8")
    assert 'add_header Referrer-Policy "no-referrer" always;' in nginx
    assert "frame-ancestors 'none'" in nginx
    redirects = (site / "_redirects").read_text(encoding="utf-8").splitlines()
    for lang in LANGUAGES[1:]:
        assert f"/{lang}/*  /{lang}/404.html  404" in redirects


def test_workflows_are_valid_and_run_the_readme_commands():
    assert "bash scripts/test.sh" in README and "bash scripts/build.sh" in README
    checks = yaml.safe_load((ROOT / ".github" / "workflows" / "checks.yml").read_text())
    pages = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    runs = lambda workflow: [step.get("run") for job in workflow["jobs"].values() for step in job["steps"]]  # noqa: E731
    assert "bash scripts/test.sh" in runs(checks)
    assert "bash scripts/test.sh" in runs(pages) and "bash scripts/build.sh" in runs(pages)
    assert (ROOT / ".ci" / "run").read_text().strip().endswith("exec bash scripts/test.sh")
    netlify = (ROOT / "netlify.toml").read_text()
    assert 'command = "bash scripts/build.sh"' in netlify


def test_pull_request_workflow_runs_the_fast_check_and_uploads_a_preview():
    """pr-check.yml runs exactly the command CONTRIBUTING.md and pre-commit run, and builds the preview."""
    command = "bash scripts/check.sh"
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pr-check.yml").read_text())
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as True
    content, preview = workflow["jobs"]["content"], workflow["jobs"]["preview"]
    assert [step.get("run") for step in content["steps"] if "run" in step] == [command]
    checkout = next(step for step in content["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the base branch, to find the changed files
    assert content["timeout-minutes"] <= 10
    runs = [step.get("run") for step in preview["steps"] if "run" in step]
    assert runs == ["bash scripts/build.sh"]
    upload = next(step for step in preview["steps"] if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site" and upload["with"]["name"] == "site-preview"
    # The summary links to that artifact by name.
    assert "site-preview" in (ROOT / "scripts" / "aftercare" / "check.py").read_text()
    script = (ROOT / "scripts" / "check.sh").read_text().strip().splitlines()
    assert script[-1] == 'exec "$VENV/bin/python" -m aftercare.check "$@"'
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    assert [hook["entry"] for hook in hooks] == [command] and hooks[0]["pass_filenames"] is True
    assert command in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline")
    archive = folder / "aftercare-offline.zip"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "offline.py"), "-o", str(archive)], check=True,
                   capture_output=True)
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(folder / "unzipped")
    return folder / "unzipped" / "aftercare"


def test_offline_copy_works_from_disk(offline_copy, browser):
    context = browser.new_context()
    requests, errors = [], []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto((offline_copy / "es" / "index.html").as_uri(), wait_until="load")
        # Search, from the disk, in Spanish only.
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially("USCIS", delay=30)
        page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
        results = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
        assert results and all(url.startswith((offline_copy / "es").as_uri()) for url in results)
        # Folding and stemming run from the disk too: pasted, without its accent (médico).
        box.fill("medico")
        page.wait_for_function("() => [...document.querySelectorAll('.md-search-result__item > a')]"
                               ".some(a => a.href.endsWith('/es/health-care.html'))", timeout=10_000)
        page.keyboard.press("Escape")
        # Navigation: links point to files.
        page.locator(".md-content a[href$='get-help.html']").first.click()
        page.wait_for_url(re.compile(r".*/es/get-help\.html$"))
        page.locator(".md-select").first.hover()
        page.locator(".md-select__link[hreflang=ar]").click()
        page.wait_for_url(re.compile(r".*/ar/get-help\.html$"))
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert [url for url in requests if not url.startswith("file://")] == []
        assert errors == []
    finally:
        context.close()
