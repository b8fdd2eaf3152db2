"""The default site builds strictly and has every language in the right place and direction."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
import yaml

from conftest import DEFAULT_LANGUAGE, LANGUAGES, ROOT, built_pages


def _language_folder(lang: str) -> str:
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def _root_attributes(html: str) -> dict[str, str]:
    tag = re.search(r"<html\b[^>]*>", html).group(0)
    return dict(re.findall(r'(\w+)="([^"]*)"', tag))


def test_strict_build_writes_every_language(site):
    for lang in LANGUAGES:
        folder = site / _language_folder(lang)
        assert (folder / "index.html").is_file(), f"no home page for {lang}"
        assert (folder / "get-help" / "index.html").is_file(), f"no Get help now page for {lang}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_lang_and_dir(site, lang):
    expected_dir = "rtl" if lang == "ar" else "ltr"
    pages = [p for p in built_pages(site)
             if (p.startswith(f"{lang}/") if lang != DEFAULT_LANGUAGE
                 else not re.match(r"^(%s)/" % "|".join(LANGUAGES), p))]
    assert pages
    for page in pages:
        path = site / (page + "index.html" if page == "" or page.endswith("/") else page)
        attributes = _root_attributes(path.read_text(encoding="utf-8"))
        assert attributes.get("lang") == lang, page
        assert attributes.get("dir") == expected_dir, page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_404(site, lang):
    title = yaml.safe_load((ROOT / "data" / "ui" / f"{lang}.yml").read_text(encoding="utf-8"))["not_found"]["title"]
    if lang != DEFAULT_LANGUAGE:
        assert title != "Page not found", f"data/ui/{lang}.yml: the 404 title is not translated"
    html = (site / _language_folder(lang) / "404.html").read_text(encoding="utf-8")
    assert _root_attributes(html)["lang"] == lang
    assert f"<h1>{title}</h1>" in html


def test_search_index_per_language_holds_only_that_language(site):
    for lang in LANGUAGES:
        index = json.loads((site / _language_folder(lang) / "search" / "search_index.json").read_text(encoding="utf-8"))
        locations = [doc["location"] for doc in index["docs"]]
        assert locations, f"empty search index for {lang}"
        # Locations are relative to the language's own folder: none points into another language.
        assert not [loc for loc in locations if re.match(r"^(%s)/" % "|".join(LANGUAGES), loc)], lang
        assert index["config"]["lang"] == [lang if lang != "tl" else "en"]


def test_pages_point_search_at_their_language(site):
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                       (site / "es" / "get-help" / "index.html").read_text(encoding="utf-8")).group(1)
    assert json.loads(config)["base"] == ".."  # es/get-help/ -> es/, where es/search/ lives


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.ids.append(dict(attrs).get("id"))


@pytest.mark.parametrize("lang", ["ar", "zh", "vi"])  # three scripts, not the site's list
def test_heading_anchors_keep_their_script(site, lang):
    parser = _Headings()
    parser.feed((site / lang / "staying-safe-online" / "index.html").read_text(encoding="utf-8"))
    ids = [i for i in parser.ids if i]
    assert len(ids) >= 5
    assert len(set(ids)) == len(ids)
    # Headings other pages link to carry one id in every language, written in the English page.
    fixed = set(re.findall(r"\{#([\w-]+)\}", (ROOT / "docs" / "en" / "staying-safe-online.md").read_text(encoding="utf-8")))
    assert fixed
    for anchor in [i for i in ids if i not in fixed]:
        assert not re.fullmatch(r"_\d*", anchor), f"numbered anchor {anchor!r} in {lang}"
        assert re.search(r"[^\x00-\x7f]", anchor), f"anchor {anchor!r} lost the {lang} letters"


def test_no_sitemap_without_site_url_and_only_the_sites_own_language_links(site):
    """Material's incomplete alternate links (the language menu's) are replaced by the site's
    complete hreflang sets (test_seo.py), which add no request (aftercare.js)."""
    assert not (site / "sitemap.xml").exists()
    for page in ("index.html", "es/index.html", "es/get-help/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert not re.search(r'<link rel="alternate" href=', html), page  # Material's form
        assert html.count('<link rel="alternate" hreflang=') == len(LANGUAGES) + 1, page  # ours, x-default too


def test_search_dialog_has_a_name_in_every_language(site):
    for lang in LANGUAGES:
        html = (site / _language_folder(lang) / "index.html").read_text(encoding="utf-8")
        assert re.search(r'<div class="md-search" data-md-component="search" role="dialog" aria-label="[^"]+">', html), lang


def test_no_page_downloads_materials_palette_style_sheet(site):
    """It holds nothing for the site's own colours (2 KB gzip on every first visit)."""
    pages = [path for path in site.rglob("*.html") if "assets" not in path.parts]
    linked = [path.relative_to(site).as_posix() for path in pages
              if re.search(r"stylesheets/palette\.[0-9a-f]+\.min\.css", path.read_text(encoding="utf-8"))]
    assert pages and not linked
    assert all("stylesheets/main." in path.read_text(encoding="utf-8") for path in pages[:20])


def test_privacy_configuration(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
    assert '<meta name="referrer" content="no-referrer">' in html
    assert "Made with" not in html  # no generator link
    assert 'data-md-component="palette"' not in html
    assert "__palette" not in html  # no script that reads a stored palette
    assert "md-source" not in html  # no repo_url, so no GitHub API call
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html).group(1))
    assert "search.highlight" not in config["features"] and "search.share" not in config["features"]
