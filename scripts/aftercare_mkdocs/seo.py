"""The plugin's job: what search engines read, in each page's own language (``aftercare.seo``).

- A description on every page in its language: its own, or the site's (the settings'
  ``site_description`` in the default language, ``seo.site_description`` of the interface
  strings in the others); the 404 pages get their own title and text.
- Every page lists all its language versions (``hreflang``, itself and ``x-default``
  included), found in the built site so the sets are complete and reciprocal; with
  ``site_url`` the addresses are absolute, the sitemap lists each page with its alternates,
  and robots.txt names it. Not in an offline copy or the live preview, which no search
  engine reads.

Material's own script turns each ``<link rel="alternate">`` into a request for a sitemap;
``overrides/assets/aftercare.js`` sends none of them, so these links add no request.
"""

from __future__ import annotations

import gzip
import html as html_module
import posixpath
import re
from pathlib import Path

from mkdocs.plugins import event_priority

from aftercare import seo
from . import i18n_plugin, state

_HEAD_END = re.compile(r"</head>", re.I)
_DESCRIPTION = re.compile(r'<meta name="description" content="[^"]*">')
_TITLE = re.compile(r"<title>.*?</title>", re.S)


def on_page_markdown(markdown_text, page, config, files):
    if not page.meta.get("description"):
        page.meta["description"] = _site_description(config)  # escaped by security.py, which runs after
    return markdown_text


@event_priority(-400)  # before security.py finishes the page (-500)
def on_post_template(output_content, template_name, config):
    if template_name != "404.html":
        return output_content
    strings, lang = state.project().strings, state.lang(config)
    title = html_module.escape(f"{strings.get(lang, 'not_found.title')} - {config.site_name}")
    description = html_module.escape(strings.get(lang, "not_found.text"), quote=True)
    html = _TITLE.sub(lambda _: f"<title>{title}</title>", output_content, count=1)
    return _DESCRIPTION.sub(lambda _: f'<meta name="description" content="{description}">', html, count=1)


@event_priority(-240)  # after i18n.py has put each 404 page in place (-200), before security.py reads the pages (-250)
def on_post_build(config):
    if i18n_plugin.building_other_language(config) or state.offline(config) or state.RUN.get("serving"):
        return  # an offline copy and the live preview are read by no search engine
    site = Path(config.site_dir)
    project = state.project()
    groups = _language_versions(site, project.languages, project.default_language)
    for group in groups:
        for path in group.values():
            if config.site_url:
                versions = {code: seo.absolute(config.site_url, target) for code, target in group.items()}
            else:
                versions = {code: _relative(path, target) for code, target in group.items()}
            file = site / _file_of(path)
            page = file.read_text(encoding="utf-8")
            head_end = _HEAD_END.search(page)
            links = seo.alternate_links(versions, project.default_language)
            file.write_text(page[:head_end.start()] + links + page[head_end.start():], encoding="utf-8")
    (site / "robots.txt").write_text(seo.robots_txt(config.site_url or None), encoding="utf-8")
    if config.site_url:
        text = seo.sitemap(groups, config.site_url, project.default_language)
        (site / "sitemap.xml").write_text(text, encoding="utf-8")
        (site / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def _site_description(config) -> str:
    project, lang = state.project(), state.lang(config)
    if lang == project.default_language and config.site_description:
        return config.site_description
    return project.strings.get(lang, "seo.site_description")


def _language_versions(site: Path, languages: list[str], default: str) -> list[dict[str, str]]:
    """Each page of the built site with its address in each language it exists in
    ({"en": "countries/sa/", "ar": "ar/countries/sa/"}), 404 pages and assets left out."""
    others = [code for code in languages if code != default]
    by_key: dict[str, dict[str, str]] = {}
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        if relative.startswith(("assets/", ".")) or file.name == "404.html":
            continue
        first = relative.split("/", 1)[0]
        code = first if first in others and "/" in relative else default
        key = relative[len(code) + 1:] if code != default else relative
        address = relative[: -len("index.html")] if relative.endswith("index.html") else relative
        by_key.setdefault(key, {})[code] = address
    return [dict(sorted(group.items(), key=lambda item: languages.index(item[0]))) for _, group in sorted(by_key.items())]


def _file_of(address: str) -> str:
    return address + "index.html" if address == "" or address.endswith("/") else address


def _relative(from_address: str, to_address: str) -> str:
    """A link from one page to another, relative (a site without `site_url` may be served from
    any folder)."""
    start = posixpath.dirname(_file_of(from_address)) or "."
    target = posixpath.relpath(_file_of(to_address), start)
    return target[: -len("index.html")] or "./" if target.endswith("index.html") else target
