"""A first visit costs only the page: nothing of the search (index, worker, stemmers) is asked for
until the reader searches, and the whole first visit, background requests included, stays within
the budget: at most 80 KB (gzip) in at most 10 requests."""

from __future__ import annotations

import gzip

import pytest
import yaml

from aftercare_tools.browser import open_search, tab, visit
from aftercare_tools.weight import first_search, is_search, page_weight
from conftest import DEFAULT_LANGUAGE, LANGUAGES, ROOT

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))["queries"]
BUDGET_KB, BUDGET_REQUESTS = 80, 10


def _prefix(lang: str) -> str:
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def _heaviest_country_page(site, lang: str) -> str:
    """The country page of a language whose HTML weighs most (gzip): the worst first visit."""
    folder = site / _prefix(lang) / "countries"
    pages = [(len(gzip.compress(path.read_bytes(), 6)), path.parent.name) for path in folder.glob("*/index.html")]
    return f"{_prefix(lang)}countries/{max(pages)[1]}/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_loads_only_when_the_reader_searches(base_url, browser, lang):
    query = next(iter(QUERIES[lang]))
    with tab(browser, base_url) as (context, page, recorder):
        visit(page, base_url + _prefix(lang))
        page.wait_for_timeout(500)
        assert [url for url in recorder.requests if is_search(url)] == []
        open_search(page).fill(query)
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        found = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href.split('#')[0])")
        others = [f"{base_url}{code}/" for code in LANGUAGES if code not in (lang, DEFAULT_LANGUAGE)]
        assert found and not [url for url in found if url.startswith(tuple(others))], (query, found)
        searched = [url[len(base_url):] for url in recorder.requests if is_search(url)]
        assert f"{_prefix(lang)}search/search_index.json" in searched  # its own language's index, now
        assert any("/workers/search" in f"/{url}" for url in searched)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_whole_first_visit_stays_within_the_budget(site, base_url, browser, lang):
    for path in (_prefix(lang), f"{_prefix(lang)}get-help/", _heaviest_country_page(site, lang)):
        weight = page_weight(browser, base_url, path)
        assert weight["search_requests"] == 0, path
        assert weight["kb"] <= BUDGET_KB and weight["requests"] <= BUDGET_REQUESTS, (path, weight)
        assert weight["external"] == 0, path


def test_the_first_search_is_measured_apart(base_url, browser):
    """What the first search costs, on its own: the index and the worker, and a result."""
    result = first_search(browser, base_url, "", next(iter(QUERIES["en"])))
    assert result["search_requests"] >= 2 and result["search_kb"] > 0
    assert result["seconds"] < 15
