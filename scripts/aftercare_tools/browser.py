"""Debian's Chromium, headless, and a browser tab that records everything a page does on the
network and in storage.

Used by the privacy, quick-exit and accessibility tests and by the benchmarks and screenshot
scripts: every request is recorded, requests to any host other than the local server are
blocked (and counted as a failure), and Content Security Policy violations, console errors and
script errors are collected.
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

# Chromium as the developers' guide prescribes: Debian's build, no calls home.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        # Never skip: a missing browser must fail the run, not hide the browser tests.
        raise RuntimeError(
            "Chromium was not found on PATH. The browser tests need Debian's Chromium: "
            "run `bash scripts/test.sh` (it installs it with apt), or `apt-get install -y chromium`."
        )
    return path


@contextmanager
def chromium():
    """A running headless Chromium (Playwright's Browser), closed when the block ends."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


# Collects CSP violations into a page variable (nothing is stored in browser storage).
_CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


@dataclass
class Recorder:
    origin: str
    requests: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    in_flight: int = 0  # requests sent and not yet finished or failed

    def problems(self) -> list[str]:
        return ([f"request to another host: {url}" for url in self.external]
                + [f"failed request: {item}" for item in self.failed]
                + [f"console error: {text}" for text in self.console_errors])


def open_tab(browser, base_url: str, *, javascript: bool = True, viewport=(1280, 800), allow=()):
    """A fresh context and page; returns (context, page, recorder).

    Requests to any other host are aborted before they leave the machine, except URLs that
    start with one of `allow` (which the caller routes itself, e.g. the quick-exit destination).
    """
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    context = browser.new_context(java_script_enabled=javascript,
                                  viewport={"width": viewport[0], "height": viewport[1]})
    recorder = Recorder(origin)

    def on_route(route):
        url = route.request.url
        if url.startswith(origin) or url.startswith("data:") or url.startswith("file:"):
            route.fallback()
        elif any(url.startswith(prefix) for prefix in allow):
            route.fallback()
        else:
            recorder.external.append(url)
            route.abort()

    context.route("**/*", on_route)
    context.add_init_script(_CSP_LISTENER)
    context.on("request", lambda request: _record_request(recorder, request))
    context.on("requestfinished", lambda request: _record_end(recorder))
    context.on("requestfailed", lambda request: (_record_end(recorder), _record_failure(recorder, request)))
    context.on("response", lambda response: response.status >= 400 and recorder.failed.append(
        f"{response.status} {response.url}"))
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and recorder.console_errors.append(message.text))
    page.on("pageerror", lambda error: recorder.console_errors.append(f"script error: {error}"))
    return context, page, recorder


@contextmanager
def tab(browser, base_url: str, **options):
    """`open_tab` as a context manager: the context is closed however the block ends."""
    context, page, recorder = open_tab(browser, base_url, **options)
    try:
        yield context, page, recorder
    finally:
        context.close()


def _record_request(recorder: Recorder, request) -> None:
    recorder.requests.append(request.url)
    recorder.in_flight += 1


def _record_end(recorder: Recorder) -> None:
    recorder.in_flight -= 1


def _record_failure(recorder: Recorder, request) -> None:
    if not request.url.startswith(recorder.origin):
        return  # already counted as external
    recorder.failed.append(f"{request.failure} {request.url}")


def visit(page, url: str, recorder: Recorder | None = None, *, quiet_ms: int = 250) -> None:
    """Open a page and wait until it is loaded and the network has been quiet for a while.

    `wait_until="networkidle"` alone can end while a large page is still being parsed, before
    its scripts have been requested; the "load" event comes after every script has run. With the
    tab's `recorder`, "quiet" is known from the requests themselves: none in flight for
    `quiet_ms` (the tests that open every page wait this instead of Playwright's fixed 500 ms);
    without it, Playwright's network idle.
    """
    page.goto(url, wait_until="load")
    if recorder is None:
        page.wait_for_load_state("networkidle")
        return
    quiet, seen = 0, len(recorder.requests)
    while quiet < quiet_ms:
        page.wait_for_timeout(25)  # lets the browser's events arrive
        if recorder.in_flight > 0 or len(recorder.requests) != seen:
            quiet, seen = 0, len(recorder.requests)
        else:
            quiet += 25


def csp_violations(page) -> list[str]:
    return page.evaluate("() => window.__cspViolations || []")


def storage_keys(page) -> list[str]:
    """Keys in localStorage and sessionStorage for the page's origin."""
    return page.evaluate(
        "() => [...Object.keys(localStorage).map(k => 'localStorage:' + k),"
        " ...Object.keys(sessionStorage).map(k => 'sessionStorage:' + k)]"
    )


def open_search(page):
    """Open Material's search as a reader does (on a phone from the magnifier button) and put the
    cursor in its box; return the box."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label[for=__search]").first.click()
    box.click()
    return box


def search(page, text: str) -> list[str]:
    """Type into Material's search box; return the result links (absolute URLs)."""
    box = open_search(page)
    # fill() types any script (Arabic, Chinese); End then sends the key event Material listens for.
    box.fill(text)
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    return page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
