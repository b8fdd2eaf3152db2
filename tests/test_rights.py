"""Rights where the reader is (issue 23): each country's protections for victims of trafficking,
kept beside its lines, each fact from a page read; shown on the country page (#rights) in every
language and summarised region by region in the legal guide; a fact without its page refused."""

from __future__ import annotations

import hashlib
import html
import re
import shutil

import pytest
from markupsafe import escape

from aftercare import data, regions, rights
from aftercare.present import Presenter
from aftercare import ui
from conftest import DEFAULT_LANGUAGE, LANGUAGES, ROOT, build_site, header_yaml
from test_data import GOOD_HOTLINES, TODAY

DATASET = data.load(ROOT / "data", root=ROOT).dataset
WITH_RIGHTS = sorted(code for code, record in DATASET.countries.items() if "rights" in record)

RIGHTS = """\
rights:
  id: mt-rights
  permit:
    found: true
    name:
      en: Example permit
    cooperation: depends
    text:
      en: Example text about the permit.
    sources:
      - url: https://example.org/law/permit
        title: Example law, the permit
        read: 2026-11-01
        says: The permit exists.
  reflection:
    found: true
    days: 45
    text:
      en: Example text about time to rest.
    sources:
      - url: https://example.org/law/reflection
        read: 2026-11-01
  work:
    found: false
  non_punishment:
    found: false
    text:
      en: The pages read name no such rule.
  compensation:
    found: false
  referral:
    found: false
  verification:
    last_checked: 2026-11-01
    how: source
    review_every_months: 12
"""
MALTA = GOOD_HOTLINES.replace("country: US", "country: MT").replace("id: example-line", "id: example-line-mt") + RIGHTS


def _prefix(lang: str) -> str:
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def _load(tmp_path, text: str) -> list[str]:
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "schema", folder / "schema")
    (folder / "hotlines").mkdir()
    (folder / "hotlines" / "MT.yml").write_text(text, encoding="utf-8")
    return [str(p) for p in data.load(folder, root=tmp_path, today=TODAY).problems]


def _line(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


def test_the_project_has_rights_records_for_at_least_25_countries():
    assert len(WITH_RIGHTS) >= 25, WITH_RIGHTS
    for code in WITH_RIGHTS:
        record = DATASET.countries[code]["rights"]
        for fact in rights.FACTS:
            value = record[fact]
            if value["found"]:  # each fact found rests on a deep page, read on a date
                assert value["sources"] and value["text"]["en"], (code, fact)


def test_a_good_record_has_no_problem(tmp_path):
    assert _load(tmp_path, MALTA) == []


def test_a_fact_found_without_its_page_is_refused_at_its_line(tmp_path):
    start = MALTA.index("    sources:\n      - url: https://example.org/law/permit")
    end = MALTA.index("  reflection:")
    text = MALTA[:start] + MALTA[end:]
    assert _load(tmp_path, text) == [
        f"data/hotlines/MT.yml:{_line(text, '  permit:') + 1}:5: rights.permit.sources: found: true needs sources: add the "
        "page that states it (url, read, says), or set found: false if no page read states it"]


def test_a_gap_cannot_carry_a_number_and_a_home_page_is_not_a_source(tmp_path):
    text = (MALTA.replace("    found: true\n    days: 45\n", "    found: false\n    days: 45\n")
            .replace("https://example.org/law/permit", "https://example.org/"))
    assert _load(tmp_path, text) == [
        f"data/hotlines/MT.yml:{_line(text, '      - url: https://example.org/')}:14: rights.permit.sources[0].url: "
        "'https://example.org/' is a home page: cite the page that shows the fact (open it, then copy the address "
        "from the browser)",
        f"data/hotlines/MT.yml:{_line(text, '    days: 45')}:11: rights.reflection.days: reflection is not found "
        "(found: false), so it cannot have a days: remove days, or set found: true and give the text and the page "
        "that states it under sources",
    ]


def test_a_build_with_a_fact_without_its_page_fails_and_keeps_the_site_built_before(tmp_path):
    org = tmp_path / "org"
    (org / "data" / "hotlines").mkdir(parents=True)
    (org / "data" / "hotlines" / "MT.yml").write_text(MALTA, encoding="utf-8")
    config = org / "mkdocs.yml"
    config.write_text(header_yaml() + "extra:\n  aftercare:\n    languages: [en]\n    countries: [MT]\n",
                      encoding="utf-8")
    site = tmp_path / "site"
    build_site(config, site)
    page = (site / "countries" / "mt" / "index.html").read_text(encoding="utf-8")
    section = page[page.index('<h2 id="rights">'):page.index('class="aftercare-print-link"')]
    assert "Your rights in Malta" in section
    assert "<strong>Example permit</strong>" in section and "45 days" in section
    assert "Whether you must help the police depends on your case." in section
    assert section.count("Not found in public sources.") == 4  # the four gaps, said plainly
    assert "The pages read name no such rule." in section
    assert '<a href="https://example.org/law/permit">Example law, the permit</a>' in section
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in site.rglob("*") if p.is_file()}

    bad = MALTA.replace("""    sources:
      - url: https://example.org/law/reflection
        read: 2026-11-01
""", "")
    (org / "data" / "hotlines" / "MT.yml").write_text(bad, encoding="utf-8")
    result = build_site(config, site, check=False)
    assert result.returncode != 0
    assert (f"org/data/hotlines/MT.yml:{_line(bad, '  reflection:') + 1}:5: rights.reflection.sources: found: true needs "
            "sources") in result.stdout + result.stderr
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in site.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_country_page_shows_its_rights_in_every_language(site, lang):
    strings = ui.load(ROOT / "data" / "ui", LANGUAGES, DEFAULT_LANGUAGE)
    presenter = Presenter(strings, lang)
    for code in sorted(DATASET.countries):
        page = (site / _prefix(lang) / "countries" / code.lower() / "index.html").read_text(encoding="utf-8")
        assert '<h2 id="rights">' in page, (lang, code)
        if code not in WITH_RIGHTS:
            assert str(escape(presenter.t("rights.none", country=presenter.country_name(code)))) in page
            continue
        section = page[page.index('<h2 id="rights">'):page.index('class="aftercare-print-link"')]
        record = DATASET.countries[code]["rights"]
        for fact in rights.FACTS:
            assert f'id="rights-{fact.replace("_", "-")}">{escape(presenter.t("rights." + fact))}</h3>' in section, (lang, code)
        gaps = sum(not record[fact]["found"] for fact in rights.FACTS)
        assert section.count(str(escape(presenter.t("rights.not_found")))) == gaps, (lang, code)
        for fact in rights.found(record):
            for source in record[fact]["sources"]:
                assert f'href="{html.escape(source["url"])}"' in section


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_legal_guide_covers_every_region_with_a_rights_record(site, lang):
    strings = ui.load(ROOT / "data" / "ui", LANGUAGES, DEFAULT_LANGUAGE)
    presenter = Presenter(strings, lang)
    page = (site / _prefix(lang) / "legal-help" / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h3>([^<]+)</h3>", page)
    expected = [presenter.region_name(region) for region, _ in regions.grouped(WITH_RIGHTS)]
    assert [h for h in headings if h in expected] == expected
    for code in WITH_RIGHTS:
        assert f'href="../countries/{code.lower()}/#rights">{escape(presenter.country_name(code))}</a>' in page, (lang, code)
