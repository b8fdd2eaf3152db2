"""Found by the people searching for help, in their language (issue 27).

- Every built page has a title and a description in its own language; no two pages of one
  language share a title; country pages say what they list, from the data.
- Every page lists all its language versions (hreflang, x-default), complete and reciprocal;
  with site_url, a canonical address, a sitemap with the alternates that validates against the
  sitemaps.org schema, and robots.txt naming it. An organisation building two languages gets
  those two only.
"""

from __future__ import annotations

import functools
import html as html_module
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from lxml import etree

from aftercare import seo, ui
from conftest import DEFAULT_LANGUAGE, LANGUAGES, ROOT, build_site, header_yaml

SITE_URL = "https://help.example.org/"
SCHEMAS = ROOT / "tests" / "schemas"
ENGLISH_SITE_DESCRIPTION = "Plain-language guides on aftercare for people who have experienced human trafficking"


def _pages(site: Path) -> dict[str, str]:
    """Every page of a built site by its address ("ar/countries/sa/"), 404 pages included."""
    pages = {}
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        if not relative.startswith("assets/"):
            pages[relative[: -len("index.html")] if relative.endswith("index.html") else relative] = \
                file.read_text(encoding="utf-8")
    return pages


def _lang(page: str) -> str:
    return re.search(r'<html lang="([^"]+)"', page).group(1)


def _title(page: str) -> str:
    return html_module.unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1))


def _description(page: str) -> str | None:
    found = re.search(r'<meta name="description" content="([^"]*)"', page)
    return html_module.unescape(found.group(1)) if found else None


def _alternates(page: str, address: str, site_url: str) -> dict[str, str]:
    """The page's hreflang set, each address resolved to a site address ("ar/countries/sa/")."""
    found = {}
    for hreflang, href in re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page):
        absolute = urljoin(site_url + address, html_module.unescape(href))
        assert absolute.startswith(site_url), (address, href)
        assert hreflang not in found, (address, hreflang)
        found[hreflang] = absolute[len(site_url):]
    return found


@functools.cache
def _untranslated_notice(lang: str) -> str:
    strings = ui.load(ROOT / "data" / "ui", [lang], "en", ROOT)
    return html_module.escape(strings.get(lang, "notices.untranslated").split(".")[0], quote=False)


def _stands_in(page: str, lang: str) -> bool:
    """An English page standing in for a translation not made yet (with the notice that says so)."""
    return _untranslated_notice(lang) in page


# Characters of the script each language is written in: a description in that language has some.
SCRIPTS = {"ar": re.compile(r"[\u0600-\u06ff]"), "zh": re.compile(r"[\u4e00-\u9fff]"),
           "vi": re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)}


def test_every_page_has_a_title_and_description_in_its_own_language(site):
    pages = _pages(site)
    languages = sorted({_lang(page) for page in pages.values()})
    assert languages == sorted(LANGUAGES)
    english = {address: page for address, page in pages.items() if _lang(page) == "en"}
    titles: dict[tuple[str, str], str] = {}
    compared = 0
    for address, page in pages.items():
        lang, title, description = _lang(page), _title(page), _description(page)
        assert title.strip() and description and description.strip(), address
        assert (lang, title) not in titles, f"{address} has the same title as {titles[(lang, title)]}: {title}"
        titles[(lang, title)] = address
        if lang == "en":
            continue
        assert ENGLISH_SITE_DESCRIPTION not in description, address
        counterpart = english.get(address.split("/", 1)[1] if "/" in address else "")
        if counterpart is not None and not _stands_in(page, lang):  # a translation, not the English page
            assert description != _description(counterpart), address
            assert title != _title(counterpart), address
            compared += 1
        if lang in SCRIPTS:
            assert SCRIPTS[lang].search(description) and SCRIPTS[lang].search(title), (address, title, description)
    countries = len(list((site / "countries").glob("*/index.html")))
    assert compared >= (len(LANGUAGES) - 1) * countries  # at least the country pages in every other language
    # The site's name is the settings' (an organisation's own name for its copy).
    assert all(_title(page).endswith(" - Aftercare") for page in pages.values())


def test_country_pages_say_what_they_list_from_the_data(site):
    from aftercare import data
    import datetime as dt

    dataset = data.load(ROOT / "data", today=dt.date.today()).dataset
    without = sorted(code for code, record in dataset.countries.items() if not record.get("hotlines"))
    with_trafficking = sorted(code for code, record in dataset.countries.items()
                              if any("trafficking" in line.get("topics", []) for line in record.get("hotlines", [])))
    assert without and with_trafficking
    for code in without:
        page = (site / "countries" / code.lower() / "index.html").read_text(encoding="utf-8")
        assert _title(page).endswith(": emergency numbers - Aftercare")
        assert "No hotline for trafficking, forced labour or migrant workers could be found in public sources" \
            in _description(page)
    for code in with_trafficking:
        page = (site / "vi" / "countries" / code.lower() / "index.html").read_text(encoding="utf-8")
        assert "số khẩn cấp và đường dây nóng" in _title(page)
        assert "mua bán người" in _description(page)


def _check_hreflang(site: Path, site_url: str, languages: list[str], default: str) -> int:
    pages = _pages(site)
    sets = {}
    for address, page in pages.items():
        if address.endswith("404.html"):
            assert 'rel="alternate" hreflang' not in page, address
            continue
        found = _alternates(page, address, site_url)
        assert found, address
        # Itself included, under its own language; x-default is the default language's version.
        assert found[_lang(page)] == address, (address, found)
        assert found["x-default"] == found[default], address
        versions = {code: target for code, target in found.items() if code != "x-default"}
        # Complete: every language of the site, each a page that exists and is in that language.
        assert sorted(versions) == sorted(languages), address
        for code, target in versions.items():
            assert target in pages and _lang(pages[target]) == code, (address, code, target)
        sets[address] = versions
    for address, versions in sets.items():  # reciprocal: each version lists the same set
        for target in versions.values():
            assert sets[target] == versions, (address, target)
    return len(sets)


def test_hreflang_sets_are_complete_and_reciprocal_in_the_default_site(site):
    counted = _check_hreflang(site, "http://localhost/", LANGUAGES, DEFAULT_LANGUAGE)
    assert counted == len(_pages(site)) - len(LANGUAGES)  # every page but the 404 page of each language


@pytest.fixture(scope="module")
def organisation(tmp_path_factory) -> Path:
    """An organisation's copy in two languages, with its own name and address."""
    folder = tmp_path_factory.mktemp("org-seo")
    config = folder / "mkdocs.yml"
    config.write_text(header_yaml().replace("site_name: Aftercare", "site_name: Example Harbour Network")
                      + f"site_url: {SITE_URL}\nextra:\n  aftercare:\n    languages: [en, vi]\n", encoding="utf-8")
    build_site(config, folder / "site")
    return folder / "site"


def test_an_organisation_with_two_languages_lists_those_two_with_canonical_addresses(organisation):
    counted = _check_hreflang(organisation, SITE_URL, ["en", "vi"], "en")
    assert counted > 100
    for address, page in _pages(organisation).items():
        assert _title(page).endswith(" - Example Harbour Network"), address
        links = re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)">', page)
        assert all(link.startswith(SITE_URL) for link in links), address  # absolute with site_url
        canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', page)
        if address.endswith("404.html"):
            assert canonical == [], address
        else:
            assert canonical == [SITE_URL + address], address


def test_the_sitemap_lists_each_page_with_its_alternates_and_validates(organisation):
    wrapper = ('<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
               f'<xsd:import namespace="{seo.SITEMAP_NS}" schemaLocation="{(SCHEMAS / "sitemaps-org" / "sitemap.xsd").as_uri()}"/>'
               f'<xsd:import namespace="{seo.XHTML_NS}" schemaLocation="{(SCHEMAS / "xhtml-link.xsd").as_uri()}"/>'
               "</xsd:schema>")
    schema = etree.XMLSchema(etree.fromstring(wrapper.encode()))
    document = etree.parse(str(organisation / "sitemap.xml"))
    schema.assertValid(document)
    # It can fail: a sitemap with a stray element is refused.
    broken = etree.fromstring((organisation / "sitemap.xml").read_bytes())
    etree.SubElement(broken[0], f"{{{seo.SITEMAP_NS}}}where").text = "here"
    assert not schema.validate(broken)
    # Each page once, with the same alternates the page itself lists.
    pages = {address: page for address, page in _pages(organisation).items() if not address.endswith("404.html")}
    namespaces = {"s": seo.SITEMAP_NS, "x": seo.XHTML_NS}
    listed = {}
    for url in document.getroot().findall("s:url", namespaces):
        address = url.findtext("s:loc", namespaces=namespaces)[len(SITE_URL):]
        listed[address] = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces)}
    assert sorted(listed) == sorted(pages)
    for address, alternates in listed.items():
        in_page = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', pages[address]))
        assert alternates == in_page, address
    robots = (organisation / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *\nAllow: /\n" in robots and f"Sitemap: {SITE_URL}sitemap.xml" in robots


def test_without_site_url_there_is_no_sitemap_but_robots_txt_allows_everything(site):
    assert not (site / "sitemap.xml").exists()
    assert (site / "robots.txt").read_text(encoding="utf-8").endswith("User-agent: *\nAllow: /\n")


@pytest.mark.parametrize("path", ["", "ar/countries/sa/", "vi/countries/vn/"])
def test_the_language_links_add_no_request(base_url, browser, site, path):
    """Material's script asks for a sitemap beside every <link rel="alternate">; none is sent.
    The page carries its links (each language and x-default), and the visit asks for nothing it did not ask for before
    they were added: no sitemap, nothing failed."""
    from aftercare_tools.browser import tab, visit

    page_file = site / path / "index.html"
    assert page_file.read_text(encoding="utf-8").count('<link rel="alternate" hreflang=') == len(LANGUAGES) + 1
    with tab(browser, base_url) as (context, page, recorder):
        visit(page, base_url + path)
        page.wait_for_timeout(300)
        assert [url for url in recorder.requests if "sitemap" in url] == []
        assert recorder.failed == [] and recorder.external == []
