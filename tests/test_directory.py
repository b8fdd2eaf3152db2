"""Hotline pages, the provider directory and the HSDS export, built from data."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from aftercare import data as data_module
from aftercare import render, ui
from aftercare.present import Presenter
from aftercare_tools.browser import tab
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
    assert "آخر تحقق" in page
    assert "aftercare-fallback" not in page  # the data's texts are translated (data/translations/ar.yml)


def test_a_text_not_in_the_readers_language_is_marked_and_kept_left_to_right():
    # An organisation's own data may be in English only: it is shown in English, marked.
    strings = ui.load(ROOT / "data" / "ui", ["en", "ar"], "en", ROOT)
    presenter = Presenter(strings, "ar")
    record = {
        "id": "x", "name": {"en": "Helpline & more"}, "countries": ["GB"], "services": [{"type": "shelter"}],
        "sources": [{"url": "https://example.org/x"}],
        "verification": {"last_checked": "2026-11-01", "how": "operator", "review_every_months": 6},
    }
    html = render.render("providers", t=presenter.t, language_name=presenter.language_name,
                         direction=lambda code: "rtl" if code == "ar" else "ltr", help_url="../get-help/",
                         providers=[presenter.provider(record, None)], filters=[])
    assert '<span lang="en" dir="ltr">Helpline &amp; more</span> <span class="aftercare-fallback">' in html


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


def _export(data_dir: Path, out: Path, seed: str) -> dict[str, list]:
    """The HSDS export written by a fresh process (another build), per language."""
    env = dict(os.environ, PYTHONHASHSEED=seed)
    subprocess.run([sys.executable, "-m", "aftercare.hsds", str(out), "--data", str(data_dir)],
                   check=True, capture_output=True, env=env)
    return {lang: json.loads((out / f"hsds-{lang}.json").read_text(encoding="utf-8")) for lang in LANGUAGES}


def _entities(organizations: list) -> dict[str, str]:
    """Every id in an export, with what it names (an organization, a service, a phone, ...)."""
    found: dict[str, str] = {}

    def walk(value, kind):
        if isinstance(value, dict):
            if "id" in value:
                assert value["id"] not in found, f"id {value['id']} used twice"
                found[value["id"]] = f"{kind}: " + str(value.get("name") or value.get("number") or value.get("code")
                                                     or value.get("extent"))
            for key, item in value.items():
                walk(item, key)
        elif isinstance(value, list):
            for item in value:
                walk(item, kind)

    walk(organizations, "organization")
    return found


def _reordered_copy(source: Path, target: Path) -> None:
    """The same records, every list and mapping in the opposite order (as an editor might
    reorder a file), and the files read in another order."""
    shutil.copytree(source, target)

    def reverse(value):
        if isinstance(value, dict):
            return {key: reverse(value[key]) for key in reversed(list(value))}
        if isinstance(value, list) and all(isinstance(item, dict) for item in value):
            return [reverse(item) for item in reversed(value)]  # records, phones, services, sources
        return value  # a list of codes keeps its order: the first country is the home country

    for path in sorted((target / "hotlines").glob("*.yml")) + sorted((target / "providers").glob("*.yml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(reverse(record), allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_hsds_ids_stay_the_same_across_builds_and_a_reordering_of_the_data(site, tmp_path):
    first = _export(ROOT / "data", tmp_path / "first", seed="1")
    _reordered_copy(ROOT / "data", tmp_path / "data")
    again = _export(tmp_path / "data", tmp_path / "again", seed="2")
    for lang in LANGUAGES:
        built = json.loads(_read(site, f"data/hsds-{lang}.json"))
        assert _entities(built) == _entities(first[lang]), lang  # the build's export, and another process's
        ids = _entities(first[lang])
        assert _entities(again[lang]) == ids, lang  # the same id for the same thing, whatever the order
        assert len(ids) > len(built)  # organizations and what they hold
    assert set(_entities(first["es"])) == set(_entities(first["en"]))  # one id per thing in every language