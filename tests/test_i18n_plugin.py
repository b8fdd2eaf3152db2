"""The adapter to mkdocs-static-i18n (scripts/aftercare_mkdocs/i18n_plugin.py), pinned to
the installed version: when the plugin is upgraded or replaced, these tests say which of the
adapter's functions no longer holds, in this one place."""

from __future__ import annotations

import re
from importlib.metadata import version

import pytest

from conftest import LANGUAGES, ROOT

from aftercare_mkdocs import i18n_plugin


def test_the_adapter_was_written_for_the_installed_version():
    pinned = re.search(r'"mkdocs-static-i18n==([^"]+)"', (ROOT / "pyproject.toml").read_text()).group(1)
    assert version(i18n_plugin.DISTRIBUTION) == pinned == i18n_plugin.TESTED_VERSION


@pytest.fixture()
def config(tmp_path):
    """The project's settings as MkDocs loads them, with every plugin's on_config run (the
    hooks' too: everything is loaded and checked, into a staging folder in tmp_path)."""
    from mkdocs.config import load_config

    loaded = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    loaded = loaded.plugins.on_config(loaded)
    yield loaded
    loaded.plugins.on_shutdown()


def test_languages_and_the_default_one(config):
    assert i18n_plugin.configured_languages(config) == LANGUAGES  # the one list, in mkdocs.yml
    assert i18n_plugin.default_language(config) == LANGUAGES[0]
    assert not i18n_plugin.building_other_language(config)


def test_building_a_subset_of_the_languages(config):
    i18n_plugin.build_only(config, LANGUAGES[:2])
    plugin = i18n_plugin.plugin(config)
    assert [lang.locale for lang in plugin.config.languages if lang.build] == LANGUAGES[:2]


def test_the_language_menu_of_home_pages(config):
    menu = i18n_plugin.home_page_menu(config)
    assert [item["lang"] for item in menu] == LANGUAGES
    assert all({"name", "link", "lang"} <= set(item) for item in menu)
    i18n_plugin.set_language_menu(config, menu[:1])
    assert i18n_plugin.language_menu(config) == menu[:1]


def test_a_generated_page_is_placed_like_a_page_of_docs(config):
    default, other = LANGUAGES[0], LANGUAGES[1]
    at_root = i18n_plugin.generated_file(config, default, "countries/xx.md", "# X", default=default, languages=LANGUAGES)
    assert at_root.url == "countries/xx/" and at_root.dest_uri == "countries/xx/index.html"
    assert i18n_plugin.file_language(at_root, default) == default
    assert {code: f.url for code, f in at_root.alternates.items()}[other] == f"{other}/countries/xx/"
    stand_in = i18n_plugin.generated_file(config, other, "contact.md", "# C", default=default, languages=LANGUAGES,
                                          text_language=default)
    assert stand_in.url == f"{other}/contact/"
    assert i18n_plugin.file_language(stand_in, other) == default  # shown with the untranslated notice
