"""Hotline pages, the provider directory and the HSDS export, built from data."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from aftercare import data as data_module
from aftercare import hsds, render, ui
from aftercare.present import Presenter
from browsing import tab
from conftest import LANGUAGES, ROOT, build_site, variant_config

# The official HSDS 3.0 schemas: ../shared/hsds-3.0 beside the clone (as in CI), or HSDS_SCHEMAS.
HSDS = Path(os.environ.get("HSDS_SCHEMAS", ROOT.parent / "shared" / "hsds-3.0"))


@pytest.fixture(scope="module")
def example_site(tmp_path_factory):
    """The default site plus the example providers in tests/data."""
    folder = tmp_path_factory.mktemp("example-data")
    config = variant_config(folder, f"extra:\n  aftercare:\n    extra_data: [{ROOT / 'tests' / 'data'}]\n")
    build_site(config, folder / "site")
    return folder / "site"


def _read(site, path):
    return (site / path).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_get_help_country_and_directory_pages(site, lang):
    prefix = "" if lang == "en" else f"{lang}/"
    help_page = _read(site, f"{prefix}get-help/index.html")
    assert 'href="../countries/gb/"' in help_page or 'href="../../countries/gb/"' in help_page
    # International form for a reader elsewhere (the lines for citizens abroad on another page).
    assert 'dir="ltr">+63 969 169 7068</a>' in _read(site, f"{prefix}countries/sa/index.html")
    gb = _read(site, f"{prefix}countries/gb/index.html")
    assert 'dir="ltr">0800 012 1700</a>' in gb  # national on the country's own page
    assert 'href="tel:999"' in gb
    assert (site / prefix / "directory" / "index.html").is_file()
    assert (site / prefix / "countries" / "index.html").is_file()


def test_links_for_sms_short_codes_and_whatsapp(site, example_site):
    us = _read(site, "countries/us/index.html")
    assert 'href="sms:233733?body=HELP"' in us
    assert 'BEFREE (233733)' in us
    checked = dt.date.fromisoformat(str(data_module.load(ROOT / "data", root=ROOT).dataset.countries["US"]["hotlines"][0]
                                        ["verification"]["last_checked"]))
    assert f"Last checked {checked:%B} {checked.day}, {checked.year}" in us
    assert "This may have changed" in us  # the brief marks the US line as changed
    gb = _read(example_site, "countries/gb/index.html")
    assert 'href="https://wa.me/441212345678"' in gb


def test_arabic_pages_keep_numbers_left_to_right(site):
    page = _read(site, "ar/countries/gb/index.html")
    assert re.search(r'<a class="aftercare-phone__number" href="tel:\+448000121700" dir="ltr">', page)
    # Not translated: shown in English, marked, and kept left to right.
    assert 'lang="en" dir="ltr">Modern Slavery &amp; Exploitation Helpline</span>' in page
    assert "آخر تحقق" in page


def test_data_text_is_escaped():
    strings = ui.load(ROOT / "data" / "ui", ["en"], "en", ROOT)
    presenter = Presenter(strings, "en")
    record = {
        "id": "x", "name": {"en": "<script>alert(1)</script>"}, "description": {"en": "a & b"},
        "countries": ["US"], "services": [{"type": "shelter"}], "sources": [{"url": "https://example.org"}],
        "verification": {"last_checked": "2026-11-01", "how": "operator", "review_every_months": 6},
    }
    html = render.render(
        "providers", t=presenter.t, language_name=presenter.language_name, direction=lambda code: "ltr",
        providers=[presenter.provider(record, None)], filters=[])
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_get_help_leads_to_each_country(base_url, browser):
    with tab(browser, base_url) as (context, page, recorder):
        page.goto(base_url + "es/get-help/", wait_until="networkidle")
        assert page.locator(".aftercare-country-list a").count() == len(list((ROOT / "data" / "hotlines").glob("*.yml")))
        page.get_by_role("link", name="México", exact=True).click()
        page.wait_for_url("**/es/countries/mx/")
        assert page.locator("a[href='tel:+528005533000']").first.is_visible()
        assert recorder.problems() == []


# --- HSDS export ------------------------------------------------------------------------------

def _validator(name):
    if not (HSDS / name).is_file():
        raise AssertionError(f"The HSDS 3.0 schemas are not at {HSDS}: put the shared/ folder beside the "
                             "clone, or set HSDS_SCHEMAS to the folder holding organization.json and service.json")
    return Draft202012Validator(json.loads((HSDS / name).read_text()), format_checker=FormatChecker())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hsds_export_is_valid(site, lang):
    organizations = json.loads(_read(site, f"data/hsds-{lang}.json"))
    dataset = data_module.load(ROOT / "data", root=ROOT).dataset
    lines = sum(len(r["emergency"]) + len(r["hotlines"]) for r in dataset.countries.values())
    assert len(organizations) == lines + len(dataset.providers)  # every line and provider, none dropped
    org_schema, service_schema = _validator("organization.json"), _validator("service.json")
    for org in organizations:
        assert not list(org_schema.iter_errors(org)), org["name"]
        for service in org["services"]:
            assert not list(service_schema.iter_errors(service)), service["name"]


def test_hsds_ids_are_stable_and_unique(example_site):
    dataset = data_module.load(ROOT / "data", extra_dirs=[ROOT / "tests" / "data"]).dataset
    first = hsds.organizations(dataset, "es")
    assert first == hsds.organizations(dataset, "es")
    ids = [o["id"] for o in first] + [s["id"] for o in first for s in o["services"]]
    assert len(ids) == len(set(ids))
    assert json.loads(_read(example_site, "data/hsds-es.json")) == first
    spanish = {o["id"]: o["name"] for o in first}
    assert {o["id"] for o in hsds.organizations(dataset, "en")} == set(spanish)
