"""Reach: every country's numbers two taps from any home page, with JavaScript and without;
a printable page and an A6 card; counts derived from the data, never hard-coded."""

from __future__ import annotations

import re

import pytest

from aftercare import data
from aftercare_tools.browser import open_tab
from conftest import LANGUAGES, ROOT, build_site
from test_bad_input import _org

DATASET = data.load(ROOT / "data", root=ROOT).dataset
# Readers the project is for: Vietnamese at home, Filipino and other workers in the Gulf, people
# held in Cambodia's scam compounds, French-speaking West Africa.
READERS = ["VN", "SA", "KH", "SN"]


def _home(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def _first_number(code: str) -> str:
    record = DATASET.countries[code]
    phone = (record["emergency"] + record["hotlines"])[0]["phones"][0]
    return phone.get("number") or phone["short_code"]


def test_every_country_has_a_page_in_every_language(site):
    for code in DATASET.countries:
        for lang in LANGUAGES:
            page = site / _home(lang) / "countries" / code.lower() / "index.html"
            assert page.is_file(), page


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_numbers_two_taps_from_the_home_page(base_url, browser, lang, javascript):
    context, page, recorder = open_tab(browser, base_url, javascript=javascript, viewport=(360, 740))
    try:
        for code in READERS:
            page.goto(base_url + _home(lang))
            # Tap 1: "Get help now" in the home page's own text (no menu to open first).
            page.locator("article a[href$='get-help/']").first.click()
            page.wait_for_url(re.compile(r".*/get-help/$"))
            # Tap 2: the country, by its name in the reader's language.
            page.locator(f".aftercare-country-list a[href$='countries/{code.lower()}/']").click()
            page.wait_for_url(re.compile(rf".*/countries/{code.lower()}/$"))
            number = _first_number(code)
            assert page.locator(f"a[href='tel:{number}']").first.is_visible(), (lang, code, number)
        assert recorder.external == []  # (quick navigation aborts loads in flight: not a problem)
    finally:
        context.close()


def test_a_country_without_a_trafficking_line_says_so(site):
    gaps = [code for code, record in DATASET.countries.items() if not record["hotlines"]]
    for code in gaps:
        html = (site / "countries" / code.lower() / "index.html").read_text(encoding="utf-8")
        assert 'class="aftercare-gap"' in html and "tel:" in html, code


def test_get_help_lists_every_country(site):
    html = (site / "get-help" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="\.\./countries/([a-z]{2})/"', html)
    assert sorted(links) == sorted(code.lower() for code in DATASET.countries)


def test_a_country_page_prints_clean_and_as_a_card(base_url, browser, tmp_path):
    context, page, _ = open_tab(browser, base_url, viewport=(1280, 800))
    try:
        page.goto(base_url + "vi/countries/vn/")
        page.emulate_media(media="print")
        assert not page.locator(".md-header").is_visible()
        assert not page.locator(".aftercare-exit").is_visible()
        assert not page.locator(".md-sidebar--primary").is_visible()
        number = _first_number("VN")
        assert page.locator(f"a[href='tel:{number}']").first.is_visible()
        assert not page.locator("#card").is_visible()  # the whole page, not the card
        # The card: only the numbers, in the page's language, on A6.
        page.goto(base_url + "vi/countries/vn/#card")
        page.emulate_media(media="print")
        assert page.locator("#card").is_visible()
        assert not page.locator(".aftercare-card").first.is_visible()
        assert not page.locator(".aftercare-exit").is_visible() and not page.locator(".md-header").is_visible()
        card = page.locator("#card").inner_text()
        assert "Số cần gọi ở" in card
        for item in DATASET.countries["VN"]["emergency"] + DATASET.countries["VN"]["hotlines"]:
            for phone in item["phones"]:
                if "short_code" in phone:
                    assert phone["short_code"] in card
        pdf = tmp_path / "card.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True)
        assert pdf.stat().st_size > 1000
    finally:
        context.close()


def test_the_build_fails_when_a_printed_number_and_the_record_disagree(tmp_path):
    record = (ROOT / "data" / "hotlines" / "VN.yml").read_text(encoding="utf-8")
    printed = re.search(r'shows: \["([^"]+)"', record).group(1)
    wrong = printed[:-1] + ("1" if printed[-1] != "1" else "2")
    (tmp_path / "own-data" / "hotlines").mkdir(parents=True)
    (tmp_path / "own-data" / "hotlines" / "VN.yml").write_text(record.replace(f'shows: ["{printed}"', f'shows: ["{wrong}"', 1),
                                                                encoding="utf-8")
    line = record[: record.index(f'shows: ["{printed}"')].count("\n") + 1
    config = _org(tmp_path, "    extra_data: [own-data]\n")
    result = build_site(config, tmp_path / "site", check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"own-data/hotlines/VN.yml:{line}:" in output
    assert f"'{wrong}' is not one of this record's numbers" in output
