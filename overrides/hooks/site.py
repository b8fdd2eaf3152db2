"""MkDocs hooks: the one place where the Aftercare project meets MkDocs.

Everything that prepares data (interface strings, data files, translation status, security
policy) lives in the generator-neutral ``aftercare`` package; this file only hands its results
to the templates and fixes up what Material for MkDocs and mkdocs-static-i18n do not do for a
multilingual, privacy-first site:

- one search index per language, so a reader downloads and searches only their language;
- one 404 page per language (the i18n plugin writes a single one, in the last language built);
- ``dir`` on ``<html>``, and a Content Security Policy computed from each page's own scripts.

mkdocs-static-i18n builds the whole site once per language, so every event here runs once per
language and must be idempotent; the language being built is ``config.theme["language"]``.
"""

from __future__ import annotations

import datetime as dt
import html as html_module
import json
import logging
import os
import posixpath
import re
import shutil
from copy import deepcopy
from functools import lru_cache
from urllib.parse import urlsplit
from pathlib import Path

import markdown
from jinja2 import BytecodeCache, ChoiceLoader, DictLoader, TemplateNotFound
from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from aftercare import content, data, hsds, languages, render, security, translations, ui
from aftercare import settings as settings_module
from aftercare.errors import ProblemsFound
from aftercare.present import Presenter

log = get_plugin_logger("aftercare")

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_startup(command, dirty):
    # `mkdocs serve` injects its live-reload script into every page, with a value that
    # changes at each reload: no hash can allow it, so the preview goes without the CSP.
    _RUN["serving"] = command == "serve"
    _warning_count()


def on_config(config):
    """Load and check everything editors wrote before anything is built (or cleaned)."""
    _warning_count()
    i18n = _i18n(config)
    root = _PROJECT
    default = i18n.default_language
    if _SITE.get("config") is not config:
        # Every setting under extra.aftercare, checked at once, each where it was written.
        checked, problems = settings_module.load(Path(config.config_file_path), root=root,
                                                 languages=[lang.locale for lang in i18n.config.languages],
                                                 default_language=default)
        if checked is None:
            raise PluginError(_report("settings", ProblemsFound([p for p in problems if p.severity == "error"])))
        brand = checked.branding
        if brand.languages is not None:
            # An organisation's subset: the i18n plugin builds only languages marked `build`.
            for lang in i18n.config.languages:
                lang.build = lang.locale in brand.languages
        langs = [lang.locale for lang in i18n.config.languages if lang.build]
        try:
            strings = ui.load(root / "data" / "ui", langs, default, root,
                              extra_dirs=[folder / "ui" for folder in brand.extra_data])
        except ProblemsFound as error:
            raise PluginError(_report("interface strings in data/ui/", error)) from None
        today = _today()
        result = data.load(root / "data", root=root, countries=brand.countries, extra_dirs=brand.extra_data, today=today)
        # Past a review date is for a person to look at, not a reason to stop the site:
        # shown, but not as a warning (which `strict` would turn into a failed build).
        for warning in result.warnings:
            log.info(str(warning))
        if result.errors:
            raise PluginError(_report("data files", ProblemsFound(result.errors)))
        docs_problems = content.check_docs(Path(config.docs_dir), [lang.locale for lang in i18n.config.languages],
                                           root=root, overlay=brand.docs_overlay,
                                           excluded=lambda relative: bool(config.exclude_docs
                                                                          and config.exclude_docs.match_file(relative)))
        if docs_problems:
            raise PluginError(_report("pages in docs/", ProblemsFound(docs_problems)))
        _SITE.clear()
        _SITE.update(
            config=config,
            root=root,
            docs=Path(config.docs_dir),
            default=default,
            languages=langs,
            strings=strings,
            brand=brand,
            dataset=result.dataset,
            quick_exit=checked.quick_exit,
            not_found={},
            source_hashes={},  # English page -> translations.source_hash, once per build
            today=today,
            allowed_scripts=None,
        )
        _stage_output(config)
        for key in ("logo", "favicon"):
            path = getattr(brand, key)
            if path is not None:
                config.theme[key] = f"assets/brand/{path.name}"
    return config


@event_priority(-110)  # after the i18n plugin has picked this language's files
def on_files(files, config):
    """Add the pages made from data: the directory, the country list and one page per country."""
    lang = _lang(config)
    overlay = _SITE["brand"].docs_overlay
    if overlay is not None:
        # An organisation's own pages replace the project's pages of the same name.
        for file in files.documentation_pages():
            replacement = overlay / file.src_uri
            if replacement.is_file():
                file.abs_src_path = str(replacement)
        # Pages of the organisation's own that the project lacks, placed like generated pages;
        # in a language it has not translated them into, its default language's page stands in
        # (with the untranslated notice, like any other page).
        default = _SITE["default"]
        own = {path.relative_to(overlay / code).as_posix(): path
               for code in (default, lang) for path in sorted((overlay / code).rglob("*.md"))}
        for relative, path in sorted(own.items()):
            if files.get_file_from_path(f"{lang}/{relative}") is None:
                file = _language_file(config, lang, relative, path.read_text(encoding="utf-8"))
                file.abs_src_path = str(path)
                if path.is_relative_to(overlay / default) and lang != default:
                    file.locale = default  # a stand-in: _is_fallback gives it the notice
                file.alternates = {code: _language_file(config, code, relative, "") for code in _SITE["languages"]}
                files.append(file)
    for relative, text in _generated_pages(lang, _SITE["strings"]):
        if files.get_file_from_path(f"{lang}/{relative}") is None:
            file = _language_file(config, lang, relative, text)
            file.alternates = {code: _language_file(config, code, relative, "") for code in _SITE["languages"]}
            files.append(file)
    return files


@event_priority(-110)  # after the i18n plugin has built this language's menu
def on_nav(nav, config, files):
    """Name the menu's sections in the reader's language (data/ui/<lang>.yml, under `nav`)."""
    lang = _lang(config)
    strings = _SITE["strings"]
    for item in nav.items:
        if item.is_section:
            key = "nav." + re.sub(r"[^a-z0-9]+", "-", item.title.lower()).strip("-")
            if key not in strings.keys():
                raise PluginError(f"mkdocs.yml: nav: the section '{item.title}' has no name in data/ui/en.yml "
                                  f"(add `{key.split('.', 1)[1]}: {item.title}` under `nav:`)")
            item.title = strings.get(lang, key)
    return nav


def on_env(env, config, files):
    # The i18n plugin builds each language with a new template environment, so Material's
    # templates would be compiled again for every language; compile each once per run.
    env.bytecode_cache = _TEMPLATE_CACHE
    # Interface strings are text: escaped wherever a template puts them, attributes included.
    env.globals["ui"] = lambda key: escape(_SITE["strings"].get(_lang(config), key))
    if _SITE["allowed_scripts"] is None:
        _SITE["allowed_scripts"] = security.allowed_inline_scripts(
            [env.loader.get_source(env, name)[0] for name in _THEME_SCRIPT_TEMPLATES])
    lang = _lang(config)
    template = f"partials/languages/{lang}.html"
    if not _has_template(env, template):
        # A language Material for MkDocs does not ship (Somali, Tigrinya, ...): its interface
        # strings come from `material:` in data/ui/<lang>.yml; missing ones fall back to English.
        strings = dict(_SITE["strings"].material(lang), language=lang, direction=languages.direction(lang))
        source = "{% macro t(key) %}{{ " + json.dumps(strings, ensure_ascii=False) + "[key] }}{% endmacro %}"
        env.loader = ChoiceLoader([DictLoader({template: source}), env.loader])
    return env


def on_page_markdown(markdown_text, page, config, files):
    """Keep English fallback pages out of the other languages' search."""
    if _is_fallback(page, _lang(config)):
        page.meta["search"] = {"exclude": True}
    # Material writes these into the page unescaped (the description into an attribute).
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = html_module.escape(page.meta[key], quote=True)
    return markdown_text


def on_page_content(html, page, config, files):
    """Replace data markers (<!-- aftercare:NAME -->) with markup rendered from the data."""
    lang = _lang(config)
    source = page.file.content_string if page.file.abs_src_path else ""
    problems = content.check_page_html(html, source, _shown_source(page))
    if problems:
        raise PluginError(_report("page", ProblemsFound(problems)))
    return _MARKER.sub(lambda match: _expand_marker(match, page, lang), html)


@event_priority(-100)  # after the i18n plugin has set the language menu for this page
def on_page_context(context, page, config, nav):
    lang = _lang(config)
    # The i18n plugin links the language menu's home pages as absolute paths ("/es/"), which
    # break in a sub-folder or an offline copy; site-relative paths are made relative by `url`.
    base_path = _base_path(config)
    # (The plugin keeps the menu in the attribute `config.extra.alternate`, not in the dict.)
    for alternate in getattr(config.extra, "alternate", None) or []:
        link = alternate["link"]
        if link.startswith(base_path):
            alternate["link"] = link[len(base_path):] or "./"
    context["aftercare"] = _page_context(lang, page.url, _notices(page, lang))
    return context


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        lang = _lang(config)
        # The language menu of a 404 page leads to each language's home page, not to the
        # alternates of whichever page was rendered last.
        config.extra.alternate = deepcopy(_i18n(config).extra_alternate)
        context["aftercare"] = _page_context(lang, None, [])
    return context


def on_post_page(output, page, config):
    return _finish_html(output, _lang(config), page.url, _shown_source(page))


def on_post_template(output_content, template_name, config):
    if template_name != "404.html":
        return output_content
    lang = _lang(config)
    html = _finish_html(output_content, lang, None, "overrides/404.html")
    _SITE["not_found"][lang] = html
    return html


@event_priority(-200)
def on_post_build(config):
    """After each extra language's build, and once more after all of them.

    The i18n plugin builds the default language, then (inside that build's on_post_build) each
    other language; `building` is true during those inner builds.
    """
    site = Path(config.site_dir)
    if _i18n(config).building:
        _write_language_search_index(site, _lang(config), offline=_offline(config))
        return
    default = _SITE["default"]
    # Every language build wrote its 404 page at the root; put each where it belongs.
    for code, html in _SITE["not_found"].items():
        target = site / ("404.html" if code == default else f"{code}/404.html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    # The i18n plugin merged every language into the root index: keep the default one only.
    _filter_root_search_index(site, [code for code in _SITE["languages"] if code != default], offline=_offline(config))
    _write_header_files(site)
    _write_redirects(site)
    for path in (_SITE["brand"].logo, _SITE["brand"].favicon):
        if path is not None:
            (site / "assets" / "brand").mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, site / "assets" / "brand" / path.name)
    # Open Referral HSDS 3.0, one file per language, for other directories to reuse.
    hsds.write(_SITE["dataset"], site / "data", _SITE["languages"], default)
    if not config.site_url:
        # A sitemap needs absolute addresses; without site_url it would list "None/...".
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site / name).unlink(missing_ok=True)
    warnings = _warning_count().count
    if config.strict and warnings:
        # MkDocs would stop the build only after this event; stop it before site/ is replaced.
        raise PluginError(f"{warnings} warning(s) in strict mode (see above): the site was not changed")
    _publish_output(config)


def on_build_error(error):
    """A failed build leaves the previous site as it was: only the staging folder goes."""
    staging = _SITE.get("staging")
    if staging is not None:
        shutil.rmtree(staging[0], ignore_errors=True)
        _SITE["config"].site_dir = str(staging[1])
        _SITE.pop("staging")


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


class _WarningCount(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def _warning_count() -> _WarningCount:
    """Every warning of the run is counted, so a strict build can fail before it replaces site/
    (also when MkDocs is run from Python, without the startup event)."""
    if "warnings" not in _RUN:
        _RUN["warnings"] = _WarningCount()
        logging.getLogger("mkdocs").addHandler(_RUN["warnings"])
    return _RUN["warnings"]


def _today() -> dt.date:
    """The date review dates are checked against: today, or AFTERCARE_TODAY (YYYY-MM-DD) to see
    the site as it will be on that day (tests, and editors planning reviews)."""
    given = os.environ.get("AFTERCARE_TODAY")
    if not given:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(given)
    except ValueError:
        raise PluginError(f"AFTERCARE_TODAY={given!r} is not a date: write YYYY-MM-DD") from None


def _stage_output(config) -> None:
    """Build into a folder beside site/; site/ is replaced only when the whole build succeeds."""
    if _RUN.get("serving"):
        return
    final = Path(config.site_dir).resolve()
    staging = final.with_name(f".{final.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    config.site_dir = str(staging)
    _SITE["staging"] = (staging, final)


def _publish_output(config) -> None:
    staging_final = _SITE.pop("staging", None)
    if staging_final is None:
        return
    staging, final = staging_final
    previous = final.with_name(f".{final.name}.previous")
    shutil.rmtree(previous, ignore_errors=True)
    if final.exists():
        final.rename(previous)
    staging.rename(final)
    shutil.rmtree(previous, ignore_errors=True)
    config.site_dir = str(final)


def _shown_source(page: Page) -> str:
    """The file a page was made from, as an editor knows it (docs/en/about.md)."""
    path = page.file.abs_src_path
    if not path:
        return f"(page made from data: {page.file.src_uri})"
    try:
        return Path(path).resolve().relative_to(_PROJECT).as_posix()
    except ValueError:
        return path


def _has_template(env, name: str) -> bool:
    # get_source looks up one file; list_templates would walk every icon Material ships.
    try:
        env.loader.get_source(env, name)
    except TemplateNotFound:
        return False
    return True


def _i18n(config):
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("mkdocs.yml: plugins: the 'i18n' plugin (mkdocs-static-i18n) is required")
    return plugin


def _base_path(config) -> str:
    """The path the site is served under ("/" unless site_url says otherwise)."""
    return urlsplit(config.site_url or "/").path or "/"


def _lang(config) -> str:
    return config.theme["language"]


def _is_fallback(page: Page, lang: str) -> bool:
    return getattr(page.file, "locale", lang) != lang


def _report(what: str, error: ProblemsFound) -> str:
    lines = "\n".join(f"  {problem}" for problem in error.problems)
    return f"{len(error.problems)} problem(s) in the {what}:\n{lines}"


def _language_root(lang: str) -> str:
    """The folder of a language inside the site: "" for the default language, "es/" for Spanish."""
    return "" if lang == _SITE["default"] else f"{lang}/"


def _relative(target: str, page_url: str | None) -> str:
    """A link from a page (None: the 404 page, served at any depth) to a site path."""
    if page_url is None:
        return posixpath.join(_base_path(_SITE["config"]), target)
    page_dir = posixpath.dirname(page_url) if not page_url.endswith("/") else page_url.rstrip("/")
    relative = posixpath.relpath(target or ".", page_dir or ".")
    if target.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return relative


def _page_context(lang: str, page_url: str | None, notices: list[str]) -> dict:
    root = _language_root(lang)
    exit_settings = _SITE["quick_exit"]
    return {
        "lang": lang,
        "dir": languages.direction(lang),
        "notices": notices,
        "home_url": _relative(root, page_url),
        "safety_url": _relative(f"{root}staying-safe-online/", page_url),
        "help_url": _relative(f"{root}get-help/", page_url),
        "quick_exit": dict(exit_settings, url=exit_settings["per_language"].get(lang, exit_settings["url"])),
        "brand_css": _SITE["brand"].css,
    }


def _notices(page: Page, lang: str) -> list[str]:
    strings = _SITE["strings"]
    if _is_fallback(page, lang):
        return [_markdown(strings.get(lang, "notices.untranslated"))]
    translation = page.meta.get("translation") or {}
    if lang == _SITE["default"] or not translation:
        return []
    found = []
    if translation.get("status") == "machine":
        found.append(_markdown(strings.get(lang, "notices.machine")))
    relative = page.file.src_uri.split("/", 1)[1]
    overlay = _SITE["brand"].docs_overlay
    source = _SITE["docs"] / _SITE["default"] / relative
    if overlay is not None and (overlay / _SITE["default"] / relative).is_file():
        source = overlay / _SITE["default"] / relative  # an organisation's page, translated by it
    if not source.exists():
        return found
    hashes = _SITE["source_hashes"]  # each English page is hashed once, not once per language
    if source not in hashes:
        hashes[source] = translations.source_hash(source)
    if translation.get("source_hash") != hashes[source]:
        english_url = page.url.split("/", 1)[1] if "/" in page.url else ""
        found.append(_markdown(strings.get(lang, "notices.outdated").format(
            source_url=_relative(english_url, page.url))))
    return found


@lru_cache(maxsize=None)
def _markdown(text: str) -> str:
    return markdown.markdown(text)


_MARKER = re.compile(r"<!--\s*aftercare:(?P<name>[a-z-]+)(?:\s+(?P<arg>[A-Za-z-]+))?\s*-->")


def _expand_marker(match: re.Match, page: Page, lang: str) -> str:
    name = match.group("name")
    renderer = _RENDERERS.get(name)
    if renderer is None:
        raise PluginError(f"docs/{page.file.src_uri}: unknown marker <!-- aftercare:{name} -->. "
                          f"Known markers: {', '.join(sorted(_RENDERERS))}")
    presenter = Presenter(_SITE["strings"], lang)
    html = renderer(page, presenter, match.group("arg"))
    # Blank lines would let Markdown-aware readers of the page split the block; keep it compact.
    return re.sub(r"\n\s*\n", "\n", html)


def _render(template: str, presenter: Presenter, **values) -> str:
    # Not MkDocs' template environment: that one does not escape, and data must never become markup.
    return render.render(template, t=presenter.t, language_name=presenter.language_name,
                         direction=languages.direction, **values)


def _country_links(page: Page, lang: str, codes) -> dict[str, str]:
    root = _language_root(lang)
    return {code: _relative(f"{root}countries/{code.lower()}/", page.url) for code in codes}


def _render_hotlines(page: Page, presenter: Presenter, arg) -> str:
    dataset = _SITE["dataset"]
    countries = presenter.sorted_countries(dataset.countries)
    first = _SITE["brand"].default_country
    default_view = (presenter.country(first, dataset.countries[first], [], national=False)
                    if first in dataset.countries else None)
    return _render("hotlines", presenter, countries=countries, default_view=default_view, lang=presenter.lang,
                   country_links=_country_links(page, presenter.lang, dataset.countries))


def _render_country(page: Page, presenter: Presenter, arg) -> str:
    code = (arg or "").upper()
    record = _SITE["dataset"].countries.get(code)
    if record is None:
        raise PluginError(f"docs/{page.file.src_uri}: <!-- aftercare:country {arg} -->: "
                          f"no data/hotlines/{code}.yml")
    dataset = _SITE["dataset"]
    view = presenter.country(code, record, dataset.providers_in(code))
    return _render("country", presenter, view=view, filters=view["filters"],
                   abroad=presenter.abroad(dataset.countries, code))


def _render_countries(page: Page, presenter: Presenter, arg) -> str:
    dataset = _SITE["dataset"]
    return _render("countries", presenter, countries=presenter.sorted_countries(dataset.countries),
                   links=_country_links(page, presenter.lang, dataset.countries))


def _render_directory(page: Page, presenter: Presenter, arg) -> str:
    """The directory's front page: each country with support services, linked to its page."""
    dataset = _SITE["dataset"]
    with_providers = {c for p in dataset.providers.values() for c in p["countries"] if c in dataset.countries}
    countries = [(code, name, len(dataset.providers_in(code))) for code, name in presenter.sorted_countries(with_providers)]
    return _render("directory", presenter, countries=countries,
                   links=_country_links(page, presenter.lang, with_providers))


def _language_file(config, lang: str, relative: str, content: str) -> File:
    """A generated page placed as the i18n plugin places a page of docs/<lang>/."""
    file = File.generated(config, f"{lang}/{relative}", content=content)
    if lang == _SITE["default"]:
        file.dest_uri = file.dest_uri[len(lang) + 1:]
        file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, file.dest_uri))
        file.url = file._get_url(config.use_directory_urls)
    file.locale = file.localization = file.locale_alternate_of = lang
    file.norm_src_uri = relative
    return file


def _generated_pages(lang: str, strings) -> list[tuple[str, str]]:
    """(path inside the language folder, Markdown) of the pages made from data."""
    presenter = Presenter(strings, lang)
    pages = [
        ("directory.md",
         f"---\ntitle: {json.dumps(presenter.t('data.directory_title'))}\n---\n\n"
         f"# {presenter.t('data.directory_title')}\n\n{presenter.t('data.directory_intro')}\n\n"
         "<!-- aftercare:directory -->\n"),
        ("countries/index.md",
         f"---\ntitle: {json.dumps(presenter.t('data.countries_title'))}\n---\n\n"
         f"# {presenter.t('data.countries_title')}\n\n{presenter.t('data.countries_intro')}\n\n"
         "<!-- aftercare:countries -->\n"),
    ]
    for code in _SITE["dataset"].countries:
        name = presenter.country_name(code)
        pages.append((f"countries/{code.lower()}.md",
                      f"---\ntitle: {json.dumps(name)}\n---\n\n# {name}\n\n<!-- aftercare:country {code} -->\n"))
    return pages


def _finish_html(html: str, lang: str, page_url: str | None, source: str) -> str:
    """Post-process a rendered page: writing direction, language-scoped search, CSP last."""
    html = re.sub(r"<html\b([^>]*)>",
                  lambda m: f"<html{m.group(1)} dir=\"{languages.direction(lang)}\">" if " dir=" not in m.group(1) else m.group(0),
                  html, count=1)
    # Material turns every <link rel="alternate"> into a request for "<that page>/sitemap.xml",
    # which does not exist: language alternates are listed in sitemap.xml instead.
    html = _ALTERNATE_LINK.sub("", html)
    html = _CONFIG_SCRIPT.sub(lambda m: _scope_search(m, lang, page_url), html, count=1)
    # Material's search dialog has no name; give it the search box's own (translated) label.
    label = _SEARCH_LABEL.search(html)
    if label:
        html = html.replace(_SEARCH_DIALOG, f'{_SEARCH_DIALOG[:-1]} aria-label="{label.group(1)}">', 1)
    if _RUN.get("serving"):
        return html
    # The policy allows the theme's own inline scripts only; anything else got in from content.
    foreign = security.foreign_inline_scripts(html, _SITE["allowed_scripts"] or [])
    if foreign:
        shown = foreign[0] if len(foreign[0]) <= 60 else foreign[0][:57] + "..."
        raise PluginError(f"{source}: the page carries an inline script the site did not put there "
                          f"({shown!r}): remove it from the page, its front matter, the "
                          "interface strings or the settings")
    return security.insert_policy_meta(html, offline=_offline(_SITE["config"]))


_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_LABEL = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"]*)"')
_ALTERNATE_LINK = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def _scope_search(match: re.Match, lang: str, page_url: str | None) -> str:
    """Point Material's search at the language's own index (``<lang>/search/search_index.json``)."""
    data = json.loads(match.group(2))
    base = _relative(_language_root(lang), page_url)
    data["base"] = base.rstrip("/") or ("/" if page_url is None else ".")
    body = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return match.group(1) + body + match.group(3)


def _offline(config) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


def _write_index(path: Path, index: dict, offline: bool) -> None:
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    if offline:
        # From file:// Material loads the index as a script that sets `__index`.
        path.with_suffix(".js").write_text(f"var __index = {text}", encoding="utf-8")


def _write_language_search_index(site: Path, lang: str, offline: bool = False) -> None:
    """Copy this language's entries (just written at the root by the search plugin) into its folder."""
    source = site / "search" / "search_index.json"
    index = json.loads(source.read_text(encoding="utf-8"))
    prefix = f"{lang}/"
    index["docs"] = [dict(doc, location=doc["location"][len(prefix):])
                     for doc in index["docs"] if doc["location"].startswith(prefix)]
    _set_search_language(index, lang)
    target = site / lang / "search" / "search_index.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    _write_index(target, index, offline)


def _filter_root_search_index(site: Path, other_languages: list[str], offline: bool = False) -> None:
    path = site / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    prefixes = tuple(f"{code}/" for code in other_languages)
    index["docs"] = [doc for doc in index["docs"] if not doc["location"].startswith(prefixes)]
    _set_search_language(index, _SITE["default"])
    _write_index(path, index, offline)


def _write_redirects(site: Path) -> None:
    """`_redirects` (Netlify, Cloudflare Pages): a missing page shows its language's 404 page."""
    base = _base_path(_SITE["config"])
    lines = ["# Each language's own 404 page (generated by the build; do not edit)."]
    lines += [f"{base}{code}/*  {base}{code}/404.html  404" for code in _SITE["languages"] if code != _SITE["default"]]
    (site / "_redirects").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_header_files(site: Path) -> None:
    """Security headers for hosts that read them: `_headers` (Netlify, Cloudflare Pages) and an
    nginx snippet. The policy allows the inline scripts of every page, and nothing else."""
    pages = [path.read_text(encoding="utf-8") for path in site.rglob("*.html")]
    headers = dict(security.STATIC_HEADERS, **{"Content-Security-Policy": security.site_policy(pages)})
    (site / "_headers").write_text(security.netlify_headers(headers), encoding="utf-8")
    (site / "_headers.nginx.conf").write_text(security.nginx_headers(headers), encoding="utf-8")


def _set_search_language(index: dict, lang: str) -> None:
    index["config"]["lang"] = [_search_language(lang)]
    if _search_language(lang) != lang:  # another language's rules split the words: not its stemmer
        index["config"]["pipeline"] = [name for name in index["config"]["pipeline"] if name != "stemmer"]


def _search_language(lang: str) -> str:
    """The lunr.js stemmer to use; languages lunr does not know are split on spaces only."""
    shipped = Path(_material_dir(), "templates", "assets", "javascripts", "lunr", "min")
    return lang if (shipped / f"lunr.{lang}.min.js").exists() or lang == "en" else "en"


def _material_dir() -> str:
    import material

    return os.path.dirname(material.__file__)


# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------

# The project folder (data/, docs/), wherever the config that uses this hook lives.
_PROJECT = Path(__file__).resolve().parents[2]

# How MkDocs was started (build or serve); set once per run.
_RUN: dict = {}

# State of the current build, shared by the events of every language build.
_SITE: dict = {}


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory; Jinja checks each against its source's checksum."""

    def __init__(self):
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        code = self._compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket):
        self._compiled[bucket.key] = bucket.bytecode_to_string()


_TEMPLATE_CACHE = _MemoryBytecodeCache()

# The templates whose inline scripts the site runs (Material's; the project adds none inline).
# The Content Security Policy allows these and nothing else.
_THEME_SCRIPT_TEMPLATES = ["partials/javascripts/base.html", "partials/javascripts/content.html"]

# Page markers (<!-- aftercare:NAME -->) and the functions that render them.
_RENDERERS = {
    "hotlines": _render_hotlines,
    "country": _render_country,
    "countries": _render_countries,
    "directory": _render_directory,
}
