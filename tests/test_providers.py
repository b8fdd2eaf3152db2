"""A real directory: sourced providers, and what readers in crisis need from a listing (tags
and filters with and without JavaScript, hours and "Open now", paired lines, the WhatsApp notice)."""

from __future__ import annotations

import datetime as dt
import json
import re
from zoneinfo import ZoneInfo

import pytest

from aftercare import data, ui
from aftercare.errors import ProblemsFound
from aftercare.present import Presenter
from aftercare_tools.browser import tab, visit
from conftest import LANGUAGES, ROOT

DATASET = data.load(ROOT / "data", root=ROOT).dataset
SCHEMAS = ROOT / "data" / "schema"


def test_at_least_60_providers_in_at_least_20_countries():
    countries = {c for p in DATASET.providers.values() for c in p["countries"]}
    assert len(DATASET.providers) >= 60 and len(countries) >= 20
    # Every country a provider works in has its page (where the provider is listed).
    assert countries <= set(DATASET.countries)


def test_every_filter_value_has_its_rule_in_the_style_sheet():
    css = (ROOT / "overrides" / "assets" / "aftercare.css").read_text(encoding="utf-8")
    definitions = json.loads((SCHEMAS / "definitions.schema.json").read_text())["$defs"]
    provider = json.loads((SCHEMAS / "provider.schema.json").read_text())["$defs"]
    for key, values in {"service": provider["service_type"]["enum"], "tag": definitions["tag"]["enum"],
                        "population": provider["population"]["enum"]}.items():
        for value in values:
            assert (f'[data-filter-value="{key}-{value}"]:checked) .aftercare-provider:not([data-{key}~="{value}"])'
                    in css), (key, value)


def _busiest_country():
    return max(DATASET.countries, key=lambda c: (len(DATASET.providers_in(c)), c))


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_filters_narrow_the_list_with_and_without_javascript(base_url, browser, javascript):
    code = _busiest_country()
    providers = DATASET.providers_in(code)
    tag = max({t for p in providers for t in p.get("tags", [])} or {"free"},
              key=lambda t: (sum(t in p.get("tags", []) for p in providers), t))
    matching = sum(tag in p.get("tags", []) for p in providers)
    with tab(browser, base_url, javascript=javascript) as (context, page, recorder):
        visit(page, base_url + f"countries/{code.lower()}/")
        cards = page.locator(".aftercare-provider")
        assert cards.count() == len(providers)
        requests_before = len(recorder.requests)
        page.locator(".aftercare-filters-box > summary").click()
        page.locator(f"[data-filter-value='tag-{tag}']").check()
        assert page.locator(".aftercare-provider:visible").count() == matching
        if javascript:
            assert page.locator(".aftercare-results").inner_text() == f"{matching} of {len(providers)} services shown"
        page.locator("input[name='filter-tag'][value='']").check()
        assert page.locator(".aftercare-provider:visible").count() == len(providers)
        assert len(recorder.requests) == requests_before  # nothing requested while filtering
        assert "?" not in page.url and "#" not in page.url
        assert recorder.external == []


def _record_with_hours():
    for code, record in sorted(DATASET.countries.items()):
        for line in record["hotlines"]:
            if (line.get("hours") or {}).get("open"):
                return code, line
    raise AssertionError("no hotline with opening times in the data")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_hours_and_open_now_at_a_fixed_clock(base_url, browser, javascript):
    code, line = _record_with_hours()
    hours = line["hours"]
    slot = hours["open"][0]
    zone = ZoneInfo(hours["timezone"])
    day = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].index(slot["days"][0])
    monday = dt.datetime(2026, 11, 30, tzinfo=zone)  # a Monday
    hour, minute = map(int, slot["from"].split(":"))
    inside = (monday + dt.timedelta(days=day, hours=hour, minutes=minute + 1))
    outside = (monday + dt.timedelta(days=day, hours=hour, minutes=minute - 1))
    with tab(browser, base_url, javascript=javascript) as (context, page, _):
        for moment, expected in ((inside, "Open now"), (outside, "Closed now")):
            if javascript:
                page.clock.set_fixed_time(moment.astimezone(dt.timezone.utc).replace(tzinfo=None))
            page.goto(base_url + f"countries/{code.lower()}/")
            card = page.locator(f"#{line['id']} .aftercare-hours")
            assert slot["from"] in card.inner_text() and slot["to"] in card.inner_text()
            status = card.locator(".aftercare-hours__now").inner_text().strip()
            assert status == (expected if javascript else "")


def test_paired_lines_are_shown_together(site):
    pairs = [(code, line) for code, record in DATASET.countries.items() for line in record["hotlines"]
             if line.get("together_with")]
    assert pairs, "no paired lines in the data"
    for code, line in pairs:
        html = (site / "countries" / code.lower() / "index.html").read_text(encoding="utf-8")
        group = re.search(r'<div class="aftercare-pair"[^>]*>(.*?)</div>\s*(?:<h2|<article class="aftercare-card" id=|<div|<p)',
                          html, re.S)
        assert group, code
        blocks = re.findall(r'<div class="aftercare-pair".*?(?=<div class="aftercare-pair"|<h2)', html, re.S)
        assert any(f'id="{line["id"]}"' in b and all(f'id="{o}"' in b for o in line["together_with"]) for b in blocks), code


def test_whatsapp_links_say_who_runs_whatsapp_before_the_tap(site):
    for code, record in DATASET.countries.items():
        if not any(p.get("kind") == "whatsapp" for line in record["emergency"] + record["hotlines"] for p in line["phones"]):
            continue
        html = (site / "countries" / code.lower() / "index.html").read_text(encoding="utf-8")
        for item in re.findall(r'<li class="aftercare-phone aftercare-phone--whatsapp">(.*?)</li>', html, re.S):
            notice = item.find("WhatsApp is run by another company")
            assert 0 <= notice < item.find('href="https://wa.me/'), code


def test_directory_page_lists_each_country_with_services(site):
    html = (site / "directory" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<a href="\.\./countries/([a-z]{2})/#support">', html)
    expected = {c.lower() for p in DATASET.providers.values() for c in p["countries"]}
    assert sorted(listed) == sorted(expected)


def test_counts_take_the_form_each_language_gives_the_number(site):
    """'1 service', '2 services'; in Arabic six forms (one, two, few, many...), as CLDR counts them."""
    strings = ui.load(ROOT / "data" / "ui", LANGUAGES, LANGUAGES[0], ROOT)
    english, arabic = Presenter(strings, "en"), Presenter(strings, "ar")
    assert [english.plural("data.services_count", n) for n in (1, 2)] == ["1 service", "2 services"]
    forms = [arabic.plural("data.services_count", n) for n in (1, 2, 3, 11, 100)]
    assert forms == [strings.get("ar", f"data.services_count.{form}").format(count=n)
                     for n, form in zip((1, 2, 3, 11, 100), ("one", "two", "few", "many", "other"), strict=True)]
    assert len(set(forms)) == 5
    html = (site / "directory" / "index.html").read_text(encoding="utf-8")
    counts = re.findall(r'<span class="aftercare-count">(\d+) (services?)</span>', html)
    assert counts and all((number == "1") == (word == "service") for number, word in counts)


def test_a_language_may_give_count_forms_the_default_language_lacks(tmp_path):
    folder = tmp_path / "ui"
    folder.mkdir()
    (folder / "en.yml").write_text('data:\n  n:\n    one: "{count} thing"\n    other: "{count} things"\n', encoding="utf-8")
    (folder / "ar.yml").write_text('data:\n  n:\n    two: "شيئان"\n    few: "{count} أشياء"\n    other: "{count} {oops}"\n'
                                   '  m: "x"\n', encoding="utf-8")
    with pytest.raises(ProblemsFound) as error:
        ui.load(folder, ["en", "ar"], "en", tmp_path)
    found = sorted(f"{p.field}: {p.message.split(':')[0]}" for p in error.value.problems)
    assert found == ["data.m: unknown key", "data.n.other: placeholders ['count', 'oops'] differ from en.yml ['count']"]
