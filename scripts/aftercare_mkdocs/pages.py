"""The plugin's job: the pages made from data, and what every page shows besides its text.

- one page per country (``countries/<code>/``), made from data/hotlines/<CODE>.yml and the
  providers that work there;
- data markers in pages (``<!-- aftercare:NAME [ARG] -->``) replaced by markup rendered from the
  data, through the escaping templates in overrides/partials/aftercare/;
- an organisation's own pages (its ``docs_overlay``), also those the project lacks;
- the notices a page carries (untranslated, machine-translated, outdated) and the values the
  site's templates read (``aftercare`` in the template context, ``ui()`` for strings);
- the HSDS export of the data (data/hsds-<lang>.json).

What a page shows, and in which order, is decided by ``aftercare.present.Presenter``; the
templates only place it, and this file only knows where pages live in the site.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path

import markdown
from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from aftercare import content, docsfolder, hsds, languages, render, seo, translations
from aftercare.present import Presenter
from . import i18n_plugin, state

_MARKER = re.compile(r"<!--\s*aftercare:(?P<name>[a-z-]+)(?:\s+(?P<arg>[A-Za-z-]+))?\s*-->")


@event_priority(-110)  # after the i18n plugin has picked this language's files
def on_files(files, config):
    lang, project = state.lang(config), state.project()
    place = dict(default=project.default_language, languages=project.languages)
    overlay = project.brand.docs_overlay
    if overlay is not None:
        # An organisation's own pages and pictures replace the project's of the same name.
        for file in [*files.documentation_pages(), *files.media_files()]:
            replacement = overlay / file.src_uri
            if replacement.is_file():
                file.abs_src_path = str(replacement)
        # Pages of its own that the project lacks: in a language it has not translated them
        # into, its default language's page stands in (with the untranslated notice).
        default = project.default_language
        own = {path.relative_to(overlay / code).as_posix(): path
               for code in (default, lang) for path in sorted((overlay / code).rglob("*.md"))}
        for relative, path in sorted(own.items()):
            if files.get_file_from_path(f"{lang}/{relative}") is None:
                stand_in = default if path.is_relative_to(overlay / default) else lang
                file = i18n_plugin.generated_file(config, lang, relative, path.read_text(encoding="utf-8"),
                                                  text_language=stand_in, **place)
                file.abs_src_path = str(path)
                files.append(file)
        # Its pictures, beside its pages in every language (the default language's stand in).
        pictures = {path.relative_to(overlay / code).as_posix(): path for code in (default, lang)
                    for path in sorted((overlay / code).rglob("*")) if path.suffix.lower() in docsfolder.ASSET_SUFFIXES}
        for relative, path in sorted(pictures.items()):
            if files.get_file_from_path(f"{lang}/{relative}") is None:
                files.append(i18n_plugin.generated_picture(config, lang, relative, str(path), default=default))
    presenter = Presenter(project.strings, lang)
    for code in project.dataset.countries:
        relative = f"countries/{code.lower()}.md"
        if files.get_file_from_path(f"{lang}/{relative}") is None:  # a page of docs/ wins
            name = presenter.country_name(code)
            # What a searcher sees: the country and what the page lists, in the page's language.
            title, description = seo.country_meta(project.strings, lang, name, project.dataset.countries[code])
            text = (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
                    f"description: {json.dumps(description, ensure_ascii=False)}\n---\n\n# {name}\n\n"
                    f"<!-- aftercare:country {code} -->\n")
            file = i18n_plugin.generated_file(config, lang, relative, text, **place)
            if state.RUN.get("dirty") and project.same_data:
                _unchanged(file)
            files.append(file)
    return files


def _unchanged(file) -> None:
    """In `mkdocs serve --dirty`, a country page is made again only when the data changed (MkDocs
    counts a page made in memory as always changed). Its page from the previous reload stays."""
    file.is_modified = lambda: not os.path.isfile(file.abs_dest_path)


def on_env(env, config, files):
    # Interface strings are text: escaped wherever a template puts them, attributes included.
    env.globals["ui"] = lambda key: escape(state.project().strings.get(state.lang(config), key))
    return env


def on_page_content(html, page, config, files):
    """Check the page's HTML, then replace its data markers with markup rendered from the data."""
    source = page.file.content_string if page.file.abs_src_path else ""
    problems = content.check_page_html(html, source, state.shown_source(page))
    if problems:
        raise PluginError(state.report("page", problems))
    return _MARKER.sub(lambda match: _expand_marker(match, page, state.lang(config)), html)


@event_priority(-100)
def on_page_context(context, page, config, nav):
    lang = state.lang(config)
    context["aftercare"] = _page_context(lang, page.url, _notices(page, lang))
    return context


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        context["aftercare"] = _page_context(state.lang(config), None, [])
    return context


def on_post_page(output, page, config):
    return _without_palette_sheet(output)


def on_post_template(output_content, template_name, config):
    return _without_palette_sheet(output_content) if template_name == "404.html" else output_content


# Material links its palette style sheet whenever a palette is set (and without one, it adds a
# script that reads a stored palette). It holds rules for Material's named colours and its dark
# scheme only, none for this site's own colours: 2 KB (gzip) every reader would download for nothing.
_PALETTE_SHEET = re.compile(r'\s*<link rel="stylesheet" href="[^"]*assets/stylesheets/palette\.[0-9a-f]+\.min\.css">')


def _without_palette_sheet(html: str) -> str:
    return _PALETTE_SHEET.sub("", html, count=1)


@event_priority(-200)
def on_post_build(config):
    if i18n_plugin.building_other_language(config) or state.RUN.get("serving"):
        return  # (the live preview has no export: no page of it needs one)
    project = state.project()
    # Open Referral HSDS 3.0, one file per language, for other directories to reuse.
    hsds.write(project.dataset, Path(config.site_dir) / "data", project.languages, project.default_language)


# --- Markers ---------------------------------------------------------------------------------

def _expand_marker(match: re.Match, page, lang: str) -> str:
    name, arg = match.group("name"), match.group("arg")
    if name not in _MARKERS:
        raise PluginError(f"{state.shown_source(page)}: unknown marker <!-- aftercare:{name} -->. "
                          f"Known markers: {', '.join(sorted(_MARKERS))}")
    project = state.project()
    presenter = Presenter(project.strings, lang)
    dataset = project.dataset
    if name == "danger":
        values = {"full": arg == "full"}
    elif name == "country":
        code = (arg or "").upper()
        if code not in dataset.countries:
            raise PluginError(f"{state.shown_source(page)}: <!-- aftercare:country {arg} -->: no data/hotlines/{code}.yml")
        values = presenter.country_page(dataset, code)
    elif name == "hotlines":
        values = presenter.hotlines_page(dataset, project.brand.default_country)
    else:
        values = getattr(presenter, f"{name}_page")(dataset)
    template, linked = _MARKERS[name]
    links = {code: state.relative(f"{state.language_root(lang)}countries/{code.lower()}/", page.url)
             for code in dataset.countries} if linked else {}
    help_url = state.relative(f"{state.language_root(lang)}get-help/", page.url)
    legal_url = state.relative(f"{state.language_root(lang)}legal-help/", page.url)
    html = render.render(template, t=presenter.t, plural=presenter.plural, language_name=presenter.language_name,
                         direction=languages.direction, lang=lang, links=links, help_url=help_url,
                         legal_url=legal_url, **values)
    # Blank lines would let Markdown-aware readers of the page split the block; keep it compact.
    return re.sub(r"\n\s*\n", "\n", html)


# Page markers (<!-- aftercare:NAME -->): the template (overrides/partials/aftercare/) each uses,
# and whether it links to the country pages (a country's own page does not: no links to work out).
_MARKERS = {"hotlines": ("hotlines", True), "country": ("country", False), "countries": ("countries", True),
            "directory": ("directory", True), "danger": ("danger", False), "rights": ("rights", True)}


# --- What every page shows -------------------------------------------------------------------

def _page_context(lang: str, page_url: str | None, notices: list[str]) -> dict:
    project = state.project()
    root = state.language_root(lang)
    exit_settings = project.quick_exit
    return {
        "lang": lang,
        "dir": languages.direction(lang),
        "notices": notices,
        "home_url": state.relative(root, page_url),
        "safety_url": state.relative(f"{root}staying-safe-online/", page_url),
        "help_url": state.relative(f"{root}get-help/", page_url),
        "quick_exit": dict(exit_settings, url=exit_settings["per_language"].get(lang, exit_settings["url"])),
        "brand_css": project.brand.css,
    }


def _notices(page, lang: str) -> list[str]:
    project = state.project()
    strings, default = project.strings, project.default_language
    if i18n_plugin.file_language(page.file, lang) != lang:
        return [_markdown(strings.get(lang, "notices.untranslated"))]
    translation = page.meta.get("translation") or {}
    if lang == default or not translation:
        return []
    found = []
    if translation.get("status") == "machine":
        found.append(_markdown(strings.get(lang, "notices.machine")))
    relative = page.file.src_uri.split("/", 1)[1]
    overlay = project.brand.docs_overlay
    source = project.docs_dir / default / relative
    if overlay is not None and (overlay / default / relative).is_file():
        source = overlay / default / relative  # an organisation's page, translated by it
    if not source.exists():
        return found
    hashes = state.SITE.setdefault("source_hashes", {})  # each English page hashed once per build
    if source not in hashes:
        hashes[source] = translations.source_hash(source)
    if translation.get("source_hash") != hashes[source]:
        english_url = page.url.split("/", 1)[1] if "/" in page.url else ""
        found.append(_markdown(strings.get(lang, "notices.outdated").format(
            source_url=state.relative(english_url, page.url))))
    return found


@lru_cache(maxsize=None)
def _markdown(text: str) -> str:
    return markdown.markdown(text)
