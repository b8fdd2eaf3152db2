"""The adapter: every use of mkdocs-static-i18n's internals, and nowhere else.

The plugin has no public API for what a multilingual, privacy-first site needs (pages made from
data, a subset of languages, the language menu, the inner builds of other languages), so the
jobs reach into it here, and only here. The plugin is no longer developed; when it changes or
is replaced, this file is the one to rewrite, and ``tests/test_i18n_plugin.py`` says which
function no longer holds. Tested with the version in TESTED_VERSION (pinned in pyproject.toml).
"""

from __future__ import annotations

import os
from copy import deepcopy
from importlib.metadata import version

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

DISTRIBUTION = "mkdocs-static-i18n"
TESTED_VERSION = "1.3.1"


def plugin(config):
    """The i18n plugin of this build; a clear error when it is missing or not the tested version."""
    found = config.plugins.get("i18n")
    if found is None:
        raise PluginError("mkdocs.yml: plugins: the 'i18n' plugin (mkdocs-static-i18n) is required")
    installed = version(DISTRIBUTION)
    if installed != TESTED_VERSION:
        raise PluginError(f"{DISTRIBUTION} {installed} is installed, but scripts/aftercare_mkdocs/"
                          f"i18n_plugin.py was written for {TESTED_VERSION}: check each function there against "
                          "the new version (tests/test_i18n_plugin.py), then update TESTED_VERSION")
    return found


def default_language(config) -> str:
    return plugin(config).default_language


def configured_languages(config) -> list[str]:
    """Every language of the i18n configuration, in its order."""
    return [lang.locale for lang in plugin(config).config.languages]


def build_only(config, codes: list[str]) -> None:
    """Build only these languages (an organisation's subset); before the plugin's on_config."""
    for lang in plugin(config).config.languages:
        lang.build = lang.locale in codes


def building_other_language(config) -> bool:
    """True inside the plugin's inner build of a language other than the default one.

    The plugin builds the default language, then, from that build's on_post_build, each other
    language in a build of its own; the outer on_post_build runs once more after all of them.
    """
    return bool(plugin(config).building)


def home_page_menu(config) -> list[dict]:
    """The language menu that leads to each language's home page (a copy)."""
    return deepcopy(plugin(config).extra_alternate)


def language_menu(config) -> list[dict]:
    """The current page's language menu; the plugin keeps it in the attribute
    ``config.extra.alternate``, not in the dict that templates see as ``config.extra``."""
    return getattr(config.extra, "alternate", None) or []


def set_language_menu(config, menu: list[dict]) -> None:
    config.extra.alternate = menu


def file_language(file: File, current: str) -> str:
    """The language a page's text is in: another one when the plugin fell back to the default."""
    return getattr(file, "locale", current)


def generated_file(config, lang: str, relative: str, content: str, *, default: str, languages: list[str],
                   text_language: str | None = None) -> File:
    """A page made by the build (not in docs/), placed as the plugin places docs/<lang>/<relative>:
    the default language at the site's root, with the language menu's links to each language.
    `text_language`: the language its text is in, when another language's page stands in."""
    file = _placed(config, lang, relative, content, default)
    if text_language is not None and text_language != lang:
        file.locale = text_language
    file.alternates = {code: _placed(config, code, relative, "", default) for code in languages}
    return file


def generated_picture(config, lang: str, relative: str, source: str, *, default: str) -> File:
    """A picture from outside docs/ (an organisation's own pages folder), placed as the plugin
    places docs/<lang>/<relative>, so the pages of that language find it beside them."""
    return _placed(config, lang, relative, None, default, source=source)


def _placed(config, lang: str, relative: str, content: str | None, default: str, *, source: str | None = None) -> File:
    if source is not None:
        file = File.generated(config, f"{lang}/{relative}", abs_src_path=source)
    else:
        file = File.generated(config, f"{lang}/{relative}", content=content)
    if lang == default:
        file.dest_uri = file.dest_uri[len(lang) + 1:]
        file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, file.dest_uri))
        file.url = file._get_url(config.use_directory_urls)
    file.locale = file.localization = file.locale_alternate_of = lang
    file.norm_src_uri = relative
    return file
