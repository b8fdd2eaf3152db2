"""The quick-exit control, in a real Chromium, with JavaScript off and on.

The destination is never contacted: a route answers for it and records the request.
"""

from __future__ import annotations

import re
import time

import pytest
import yaml

from aftercare_tools.browser import csp_violations, tab, search
from conftest import DEFAULT_LANGUAGE, LANGUAGES, ROOT, build_site, built_pages, serve, variant_config


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml without running its !!python and !ENV tags."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)
_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)

EXIT_SETTINGS = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)["extra"]["aftercare"]["quick_exit"]
LINK = ".aftercare-exit__link"

# Reports the page's state to the test the moment the exit starts hiding it (the same task
# in which location.replace() is called), and again when the page is unloaded.
_WATCH_EXIT = """
new MutationObserver(() => {
  if (document.documentElement.classList.contains("aftercare-exiting")) {
    const overlay = document.querySelector(".aftercare-exit__overlay");
    window.__reportExit({
      title: document.title,
      visibility: getComputedStyle(document.body).visibility,
      overlay: overlay ? overlay.textContent : null,
      overlayVisible: overlay ? getComputedStyle(overlay).visibility : null,
    });
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["class"]});
"""


def destination_for(lang: str) -> str:
    return (EXIT_SETTINGS.get("per_language") or {}).get(lang, EXIT_SETTINGS["url"])


def _language_of(path: str) -> str:
    first = path.split("/", 1)[0]
    return first if first in LANGUAGES else DEFAULT_LANGUAGE


def _answer_destinations(context, log, held=None):
    """Answer for every exit destination without contacting it; log each request's headers.

    With a `held` list, requests are kept there unanswered until the test calls `_release`.
    """
    for url in {EXIT_SETTINGS["url"], *(EXIT_SETTINGS.get("per_language") or {}).values()}:
        origin = re.match(r"https://[^/]+", url).group(0)

        def fulfil(route, request=None):
            log.append({"url": route.request.url, "headers": route.request.headers})
            if held is None:
                _release(route)
            else:
                held.append(route)

        context.route(f"{origin}/**", fulfil)


def _release(route):
    route.fulfill(status=200, content_type="text/html", body="<title>Weather</title><p>Weather</p>")


def _watch_exit(context):
    reports = []
    context.expose_binding("__reportExit", lambda source, state: reports.append(state))
    context.add_init_script(_WATCH_EXIT)
    return reports


def _wait_for(condition, page, timeout=10):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        page.wait_for_timeout(25)


# --- On every page ---------------------------------------------------------------------------

def test_every_page_has_the_control_as_a_real_link(site):
    for path in built_pages(site):
        file = site / (path + "index.html" if path == "" or path.endswith("/") else path)
        html = file.read_text(encoding="utf-8")
        link = re.search(r'<a class="aftercare-exit__link" href="([^"]+)" rel="([^"]+)"', html)
        assert link, f"{path}: no quick-exit link"
        assert link.group(1) == destination_for(_language_of(path)), path
        assert set(link.group(2).split()) >= {"noreferrer", "nofollow"}, path
        assert '<meta name="referrer" content="no-referrer">' in html, path
        assert "preconnect" not in html and "prefetch" not in html, path


def test_without_javascript_the_link_leaves_the_site(base_url, browser):
    with tab(browser, base_url, javascript=False) as (context, page, recorder):
        log = []
        _answer_destinations(context, log)
        page.goto(base_url + "es/get-help/")
        page.locator(LINK).click()
        page.wait_for_url(destination_for("es") + "**")
        assert log and "referer" not in log[0]["headers"]


# --- With JavaScript ---------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["click", "shift"])
def test_exit_hides_the_page_first_sends_no_referer_and_leaves_no_back_entry(base_url, browser, how):
    with tab(browser, base_url) as (context, page, recorder):
        log, held = [], []
        _answer_destinations(context, log, held)
        reports = _watch_exit(context)
        page.goto(base_url, wait_until="networkidle")
        page.goto(base_url + "get-help/", wait_until="networkidle")
        if how == "click":
            page.locator(LINK).click(no_wait_after=True)
        else:
            for _ in range(3):
                page.keyboard.press("Shift")
        # The destination is requested only after the page has hidden itself.
        _wait_for(lambda: held, page)
        _wait_for(lambda: reports, page)
        _release(held[0])
        page.wait_for_url(destination_for("en") + "**")
        assert reports[0] == {"title": "", "visibility": "hidden",
                              "overlay": "Leaving the page.", "overlayVisible": "visible"}
        assert len(log) == 1 and "referer" not in log[0]["headers"]
        # Back skips the page that was open when the reader left.
        page.go_back(wait_until="networkidle")
        assert page.url == base_url


def test_capital_letters_in_the_search_box_never_exit(base_url, browser):
    with tab(browser, base_url) as (context, page, recorder):
        log = []
        _answer_destinations(context, log)
        page.goto(base_url + "get-help/", wait_until="networkidle")
        search(page, "hotline")
        box = page.locator("input.md-search__input")
        box.fill("")
        for letter in "HELP":  # Shift held down for each capital letter
            page.keyboard.down("Shift")
            page.keyboard.press(f"Key{letter}")
            page.keyboard.up("Shift")
        page.wait_for_timeout(500)
        assert box.input_value() == "HELP"
        assert page.url == base_url + "get-help/"
        assert not log


def test_other_keys_reset_the_count_and_progress_is_announced(base_url, browser):
    with tab(browser, base_url) as (context, page, recorder):
        log = []
        _answer_destinations(context, log)
        page.goto(base_url + "fr/", wait_until="networkidle")
        status = page.locator(".aftercare-exit [role=status]")
        page.keyboard.press("Shift")
        _wait_for(lambda: status.text_content().strip(), page)
        assert "2" in status.text_content()
        page.keyboard.press("Shift")
        page.keyboard.press("a")  # resets
        page.keyboard.press("Shift")
        page.keyboard.press("Shift")
        page.wait_for_timeout(300)
        assert not log and page.url == base_url + "fr/"
        page.keyboard.press("Shift")
        page.wait_for_url(destination_for("fr") + "**")


# --- One history entry mode -------------------------------------------------------------------

@pytest.fixture(scope="module")
def single_entry_site(tmp_path_factory):
    """The default site with `single_history_entry: true`, through MkDocs' INHERIT."""
    project = tmp_path_factory.mktemp("single-entry")
    config = variant_config(project, "extra:\n  aftercare:\n    quick_exit:\n      single_history_entry: true\n")
    build_site(config, project / "site")
    return project / "site"


def test_single_history_entry_mode_leaves_nothing_to_go_back_to(single_entry_site, browser):
    base = serve(single_entry_site)
    with tab(browser, base) as (context, page, recorder):
        log = []
        _answer_destinations(context, log)
        page.goto(base, wait_until="networkidle")
        page.locator(".md-content a[href$='get-help/']").first.click()
        page.wait_for_url(base + "get-help/")
        page.locator(".md-content a[href$='staying-safe-online/']").first.click()
        page.wait_for_url(base + "staying-safe-online/")
        page.locator(LINK).click()
        page.wait_for_url(destination_for("en") + "**")
        page.go_back()
        page.wait_for_timeout(300)
        assert not page.url.startswith(base), page.url


# --- Security policy ----------------------------------------------------------------------------

def test_no_csp_violation_while_searching_and_switching_language(base_url, browser):
    with tab(browser, base_url) as (context, page, recorder):
        page.goto(base_url + "ar/", wait_until="networkidle")
        search(page, "Shift")
        assert csp_violations(page) == []
        page.keyboard.press("Escape")
        page.locator(".md-select").first.hover()
        page.locator(".md-select__link[hreflang=vi]").click()
        page.wait_for_load_state("networkidle")
        assert page.url == base_url + "vi/"
        assert csp_violations(page) == [] and recorder.problems() == []
