"""The guides: topics, translations and their notices, readability and house style."""

from __future__ import annotations

import shutil
from pathlib import Path
import subprocess
import sys

import pytest
from markupsafe import escape
import yaml

from aftercare import readability, style, translations
from conftest import LANGUAGES, ROOT, build_site

TOPICS = ["get-help.md", "what-is-aftercare.md", "first-days.md", "trauma-informed-care.md", "health-care.md",
          "legal-help.md", "education-and-work.md", "community.md", "for-supporters.md",
          "for-service-providers.md", "staying-safe-online.md", "about.md"]
# The guides for the situations readers are in (issue 23), in every language like the first ones.
NEW_GUIDES = ["debt-and-fees.md", "forced-crime.md", "money-and-documents.md", "going-home.md", "missing-abroad.md"]
IN_EVERY_LANGUAGE = ["index.md", "get-help.md", "first-days.md", "staying-safe-online.md", "legal-help.md",
                     *NEW_GUIDES]  # + the generated directory


def _ui(lang, key):
    value = yaml.safe_load((ROOT / "data" / "ui" / f"{lang}.yml").read_text(encoding="utf-8"))
    for part in key.split("."):
        value = value[part]
    return value


def test_every_english_guide_has_a_summary_and_the_danger_box():
    for page in TOPICS + NEW_GUIDES:
        text = (ROOT / "docs" / "en" / page).read_text(encoding="utf-8")
        assert "**In short:**" in text, page
        if page != "staying-safe-online.md":  # which ends with "If you need help now" instead
            assert "<!-- aftercare:danger" in text, page  # the red box, from data/ui (test_safe_advice.py)


def test_get_help_link_is_in_the_same_place_on_every_page(site):
    # WCAG 2.2, 3.2.6 Consistent Help: the footer of every page, first link.
    for lang in LANGUAGES:
        prefix = "" if lang == "en" else f"{lang}/"
        for page in ("", "first-days/", "countries/gb/", "404.html"):
            path = site / prefix / (page if page.endswith(".html") else page + "index.html")
            html = path.read_text(encoding="utf-8")
            footer = html[html.index('class="md-copyright aftercare-footer"'):]
            first_link = footer[footer.index("<a "):footer.index("</a>")]
            # Interface strings are escaped where they land: "l'aide" is written l&#39;aide.
            assert "get-help/" in first_link and str(escape(_ui(lang, "footer.help"))) in first_link, path


def test_legal_page_says_when_reviewed_and_where_each_part_applies():
    meta, body, _ = translations.frontmatter.read(ROOT / "docs" / "en" / "legal-help.md", "legal-help.md")
    # No longer for one country: each part names its country or region, and the rights of every
    # country with a record are listed region by region (test_rights.py).
    assert meta["last_reviewed"] and "applies_to" not in meta
    assert "Last reviewed:" in body and "## In the United States" in body and "**Europe.**" in body
    assert "## Rights where you are\n" in body and "<!-- aftercare:rights -->" in body


def test_the_new_guides_are_in_the_menu():
    loader = type("Loader", (yaml.SafeLoader,), {})
    for prefix in ("!", "tag:yaml.org,2002:python/"):  # !ENV, !!python/name: and the like
        loader.add_multi_constructor(prefix, lambda loader, suffix, node: None)
    nav = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=loader)["nav"]
    guides = next(item["Guides"] for item in nav if isinstance(item, dict) and "Guides" in item)
    assert set(NEW_GUIDES) <= set(guides)


def test_spanish_is_complete_and_named_pages_exist_in_every_language():
    entries, problems = translations.status(ROOT / "docs", LANGUAGES)
    assert problems == []
    spanish = [e for e in entries if e.lang == "es" and e.state in ("missing", "outdated")]
    assert spanish == []
    for lang in LANGUAGES[1:]:
        for page in IN_EVERY_LANGUAGE:
            assert (ROOT / "docs" / lang / page).is_file(), f"docs/{lang}/{page}"


def test_notices_in_the_readers_language(site):
    machine = (site / "es" / "first-days" / "index.html").read_text(encoding="utf-8")
    assert _ui("es", "notices.machine").split(".")[0] in machine
    # The English page is not flagged, nor is an up-to-date translation flagged as outdated.
    assert "aftercare-notice" not in (site / "first-days" / "index.html").read_text(encoding="utf-8")
    assert _ui("es", "notices.outdated").split("[")[0].strip() not in machine


def test_changing_an_english_sentence_marks_translations_outdated(tmp_path):
    # A second checkout of the project (its pages, data and templates), where an editor works.
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    for part in ("data", "overrides"):
        shutil.copytree(ROOT / part, tmp_path / part)
    # A page with no French translation yet: the English page stands in, with a notice.
    (docs / "fr" / "legal-help.md").unlink(missing_ok=True)
    page = docs / "en" / "get-help.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("They listen first.", "They listen to you first."), encoding="utf-8")
    # The status command lists every translation of that page as outdated...
    result = subprocess.run([sys.executable, "-m", "aftercare.translations", "--docs", str(docs), "status", "--json"],
                            capture_output=True, text=True)
    assert result.returncode == 0
    import json

    outdated = {(e["lang"], e["page"]) for e in json.loads(result.stdout)["pages"] if e["state"] == "outdated"}
    assert outdated == {(lang, "get-help.md") for lang in LANGUAGES[1:]}
    # ...and the built pages say so, in the reader's language, linking to the English page.
    config = shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    build_site(Path(config), tmp_path / "site")
    for lang in LANGUAGES[1:]:
        html = (tmp_path / "site" / lang / "get-help" / "index.html").read_text(encoding="utf-8")
        assert _ui(lang, "notices.outdated").split("[")[0].strip() in html, lang
        assert 'href="../../get-help/"' in html
    fallback = (tmp_path / "site" / "fr" / "legal-help" / "index.html").read_text(encoding="utf-8")
    assert _ui("fr", "notices.untranslated").split(".")[0] in fallback
    assert "<h1" in fallback and "Legal help" in fallback
    # The stand-in English page is kept out of the French search index.
    index = (tmp_path / "site" / "fr" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "legal-help/" not in index
    # Stamping the translation clears it.
    translations.stamp(docs, "es", "get-help.md")
    entries, _ = translations.status(docs, LANGUAGES)
    assert ("es", "get-help.md") not in {(e.lang, e.page) for e in entries if e.state == "outdated"}


def test_status_exits_1_only_on_malformed_front_matter(tmp_path):
    # A second checkout of the project (its pages, data and templates), where an editor works.
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    for part in ("data", "overrides"):
        shutil.copytree(ROOT / part, tmp_path / part)
    command = [sys.executable, "-m", "aftercare.translations", "--docs", str(docs), "status"]
    assert subprocess.run(command, capture_output=True).returncode == 0
    (docs / "fr" / "index.md").write_text("---\ntitle: [oops\n---\n# x\n", encoding="utf-8")
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 1
    assert "docs/fr/index.md:3:1: front matter: this is not valid YAML" in result.stderr


def test_new_translation_records_its_source(tmp_path):
    # A second checkout of the project (its pages, data and templates), where an editor works.
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    for part in ("data", "overrides"):
        shutil.copytree(ROOT / part, tmp_path / part)
    (docs / "fr" / "community.md").unlink(missing_ok=True)  # as before anyone translated it
    target = translations.new(docs, "fr", "community.md")
    meta, body, _ = translations.frontmatter.read(target, str(target))
    assert meta["translation"] == {"source_hash": translations.source_hash(docs / "en" / "community.md"),
                                   "status": "machine"}
    assert meta["title"] == "Community and reintegration"
    with pytest.raises(SystemExit):
        translations.new(docs, "fr", "community.md")


def test_every_english_page_meets_its_readability_target():
    pages = sorted((ROOT / "docs" / "en").glob("*.md"))
    scores = [readability.score(p) for p in pages]
    assert pages and len(scores) == len(pages)
    assert [s.page for s in scores if not s.ok] == []


def test_readability_fails_a_hard_page(tmp_path):
    page = tmp_path / "hard.md"
    page.write_text("---\naudience: survivors\n---\n# Hard\n\n" + "Notwithstanding the aforementioned "
                    "considerations, individuals experiencing multifaceted psychological sequelae frequently "
                    "necessitate comprehensive interdisciplinary interventions encompassing pharmacological "
                    "and psychotherapeutic modalities. " * 5)
    assert not readability.score(page).ok


def test_house_style_passes_on_the_site_and_flags_words(tmp_path):
    assert style.main([]) == 0
    page = tmp_path / "page.md"
    page.write_text('---\ntitle: x\n---\nWe rescue people.\nAvoid "rescue" language.\n')
    problems = [str(p) for p in style.check(page, style.load_terms(ROOT / "data" / "style" / "terms.yml"), "page.md")]
    assert problems == ['page.md:4:4: "rescue": say support, help someone leave, or identify instead (casts '
                        "survivors as passive and helpers as heroes; people leave with support, on their own terms)"]
