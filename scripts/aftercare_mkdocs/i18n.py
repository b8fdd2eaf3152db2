"""The plugin's job: the repairs a multilingual site needs on top of mkdocs-static-i18n.

- one search index per language, so a reader downloads and searches their language only;
- one 404 page per language (the plugin writes a single one, in the last language built);
- language-menu links that work in a sub-folder and offline, and a 404 page whose menu leads
  to each language's home page;
- menu section names, and Material's own interface strings for languages it does not ship;
- ``dir`` on ``<html>``; pages that fall back to the default language kept out of search.

Every use of the plugin's internals goes through ``i18n_plugin``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from jinja2 import ChoiceLoader, DictLoader, TemplateNotFound
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from aftercare import languages
from . import i18n_plugin, state


@event_priority(-110)  # after the i18n plugin has built this language's menu
def on_nav(nav, config, files):
    """Name the menu's sections in the reader's language (data/ui/<lang>.yml, under `nav`)."""
    lang = state.lang(config)
    strings = state.project().strings
    for item in nav.items:
        if item.is_section:
            key = "nav." + re.sub(r"[^a-z0-9]+", "-", item.title.lower()).strip("-")
            if key not in strings.keys():
                raise PluginError(f"mkdocs.yml: nav: the section '{item.title}' has no name in data/ui/en.yml "
                                  f"(add `{key.split('.', 1)[1]}: {item.title}` under `nav:`)")
            item.title = strings.get(lang, key)
    return nav


def on_env(env, config, files):
    lang = state.lang(config)
    template = f"partials/languages/{lang}.html"
    if not _has_template(env, template):
        # A language Material for MkDocs does not ship (Somali, Tigrinya, ...): its interface
        # strings come from `material:` in data/ui/<lang>.yml; missing ones fall back to English.
        strings = dict(state.project().strings.material(lang), language=lang, direction=languages.direction(lang))
        source = "{% macro t(key) %}{{ " + json.dumps(strings, ensure_ascii=False) + "[key] }}{% endmacro %}"
        env.loader = ChoiceLoader([DictLoader({template: source}), env.loader])
    return env


def on_page_markdown(markdown_text, page, config, files):
    """Keep default-language stand-ins out of the other languages' search."""
    if is_fallback(page, state.lang(config)):
        page.meta["search"] = {"exclude": True}
    return markdown_text


@event_priority(-100)  # after the i18n plugin has set the language menu for this page
def on_page_context(context, page, config, nav):
    # The plugin links the menu's home pages as absolute paths ("/es/"), which break in a
    # sub-folder or an offline copy; site-relative paths are made relative by `url`.
    base_path = state.base_path(config)
    for alternate in i18n_plugin.language_menu(config):
        link = alternate["link"]
        if link.startswith(base_path):
            alternate["link"] = link[len(base_path):] or "./"
    return context


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        # The language menu of a 404 page leads to each language's home page, not to the
        # alternates of whichever page was rendered last.
        i18n_plugin.set_language_menu(config, i18n_plugin.home_page_menu(config))
    return context


def on_post_page(output, page, config):
    return _localise_html(output, state.lang(config), page.url)


@event_priority(-600)  # after security.py has finished the page (-500): this is the page as served
def on_post_template(output_content, template_name, config):
    if template_name != "404.html":
        return output_content
    lang = state.lang(config)
    html = _localise_html(output_content, lang, None)
    state.SITE.setdefault("not_found", {})[lang] = html
    return html


@event_priority(-200)  # after the search plugin and search.py have written their files
def on_post_build(config):
    site = Path(config.site_dir)
    offline = state.offline(config)
    if i18n_plugin.building_other_language(config):
        # The search plugin just wrote this language's entries at the root: copy them to its folder.
        _write_language_search_index(site, state.lang(config), offline)
        return
    project = state.project()
    # Every language build wrote its 404 page at the root; put each where it belongs.
    for code, html in state.SITE.get("not_found", {}).items():
        target = site / ("404.html" if code == project.default_language else f"{code}/404.html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    # The plugin merged every language into the root index: keep the default one only.
    others = tuple(f"{code}/" for code in project.languages if code != project.default_language)
    path = site / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] = [doc for doc in index["docs"] if not doc["location"].startswith(others)]
    _set_search_language(index, project.default_language)
    _write_index(path, index, offline)


def is_fallback(page, lang: str) -> bool:
    """True for a page whose text is in the default language, standing in for a translation."""
    return i18n_plugin.file_language(page.file, lang) != lang


def _has_template(env, name: str) -> bool:
    # get_source looks up one file; list_templates would walk every icon Material ships.
    try:
        env.loader.get_source(env, name)
    except TemplateNotFound:
        return False
    return True


_ALTERNATE_LINK = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_LABEL = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"]*)"')


def _localise_html(html: str, lang: str, page_url: str | None) -> str:
    """Writing direction, search in the page's own language, and no partial alternate links."""
    html = re.sub(r"<html\b([^>]*)>",
                  lambda m: f"<html{m.group(1)} dir=\"{languages.direction(lang)}\">" if " dir=" not in m.group(1)
                  else m.group(0), html, count=1)
    # Material's own alternate links follow the language menu, not every version of the page:
    # seo.py writes the complete hreflang set once the whole site is built.
    html = _ALTERNATE_LINK.sub("", html)
    html = _CONFIG_SCRIPT.sub(lambda m: _scope_search(m, lang, page_url), html, count=1)
    # Material's search dialog has no name; give it the search box's own (translated) label.
    label = _SEARCH_LABEL.search(html)
    if label:
        html = html.replace(_SEARCH_DIALOG, f'{_SEARCH_DIALOG[:-1]} aria-label="{label.group(1)}">', 1)
    return html


def _scope_search(match: re.Match, lang: str, page_url: str | None) -> str:
    """Point Material's search at the language's own index (``<lang>/search/search_index.json``)."""
    data = json.loads(match.group(2))
    base = state.relative(state.language_root(lang), page_url)
    data["base"] = base.rstrip("/") or ("/" if page_url is None else ".")
    body = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return match.group(1) + body + match.group(3)


def _write_index(path: Path, index: dict, offline: bool) -> None:
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    if offline:
        # From file:// Material loads the index as a script that sets `__index`.
        path.with_suffix(".js").write_text(f"var __index = {text}", encoding="utf-8")


def _write_language_search_index(site: Path, lang: str, offline: bool) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    prefix = f"{lang}/"
    index["docs"] = [dict(doc, location=doc["location"][len(prefix):])
                     for doc in index["docs"] if doc["location"].startswith(prefix)]
    _set_search_language(index, lang)
    target = site / lang / "search" / "search_index.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    _write_index(target, index, offline)


def _set_search_language(index: dict, lang: str) -> None:
    index["config"]["lang"] = [_search_language(lang)]
    if _search_language(lang) != lang:  # another language's rules split the words: not its stemmer
        index["config"]["pipeline"] = [name for name in index["config"]["pipeline"] if name != "stemmer"]


def _search_language(lang: str) -> str:
    """The lunr.js stemmer to use; languages lunr does not know are split on spaces only."""
    import material

    shipped = Path(os.path.dirname(material.__file__), "templates", "assets", "javascripts", "lunr", "min")
    return lang if (shipped / f"lunr.{lang}.min.js").exists() or lang == "en" else "en"
