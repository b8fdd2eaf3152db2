"""What a reader downloads: the whole first visit to a page (the page and everything it asks for
on its own, in the background too), and the first search, measured in a real Chromium against a
local server, each response gzipped (level 6, as a typical host does).

Shared by scripts/benchmark.py, scripts/search_benchmark.py and the tests.
"""

from __future__ import annotations

import gzip
import time

from .browser import open_search, visit


def is_search(url: str) -> bool:
    """The search's own files: the index, the worker and lunr's stemmers."""
    name = url.split("?")[0]
    return name.endswith("/search/search_index.json") or "/workers/search" in name or "/lunr/" in name


def _recorder(context, page, base: str):
    responses, external = [], []

    def on_response(response):
        if response.url.startswith(base):
            try:
                body = response.body()
            except Exception:
                body = b""
            responses.append((response.url, len(gzip.compress(body, 6))))
        else:
            responses.append((response.url, 0))

    context.on("request", lambda request: request.url.startswith(base) or request.url.startswith("data:")
               or external.append(request.url))
    page.on("response", on_response)
    return responses, external


def summary(responses) -> dict:
    """KB (gzip) and requests of everything, and of the search's files among them."""
    search = [(u, s) for u, s in responses if is_search(u)]
    return {"kb": sum(s for _, s in responses) / 1024, "requests": len(responses),
            "search_kb": sum(s for _, s in search) / 1024, "search_requests": len(search)}


def page_weight(browser, base: str, path: str, then: str | None = None) -> dict:
    """The whole first visit to `path` (until the network is quiet), then a second visit to
    `then`: what the reader had not downloaded already."""
    context = browser.new_context()
    page = context.new_page()
    responses, external = _recorder(context, page, base)
    visit(page, base + path)  # "load", then network quiet: a large page parses slowly
    page.wait_for_timeout(500)  # anything a script starts a little later is counted too
    first = list(responses)
    result = summary(first)
    result["external"] = len(external)
    if then:
        responses.clear()
        visit(page, base + then)
        seen = {url for url, _ in first}
        result["second"] = summary([(u, s) for u, s in responses if u not in seen or u.rstrip("/") == (base + then).rstrip("/")])
    context.close()
    return result


def first_search(browser, base: str, path: str, word: str) -> dict:
    """After a first visit to `path`: the bytes and requests of the first search for `word`, and
    the seconds from the word in the box to the first result."""
    context = browser.new_context()
    page = context.new_page()
    responses, _ = _recorder(context, page, base)
    visit(page, base + path)
    responses.clear()
    box = open_search(page)
    started = time.perf_counter()
    box.fill(word)
    page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
    seconds = time.perf_counter() - started
    page.wait_for_load_state("networkidle")
    result = summary(responses)
    result["seconds"] = seconds
    context.close()
    return result
