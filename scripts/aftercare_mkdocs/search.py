"""The plugin's job: search that finds what readers type (run before i18n.py: plugin.JOBS).

Material's search worker gets ``search-worker.js`` (beside this file) appended: accent, tone-mark
and Arabic-letter folding and stemming for the index and for every word typed (see that file).
The combined worker is written as ``assets/javascripts/workers/search-aftercare.<hash>.min.js``
(a new name for new content, so a cached copy of Material's own is never used in its place)
and every page's configuration points to it. The one place that knows the worker's file name.

It also turns on lunr.js's stemmers (Material's search setting ``pipeline``, which Material leaves
at the stop-word filter alone): here, and not in mkdocs.yml, because stemming without the
folding worker would lose words (Spanish stems drop accents that the typed prefix keeps). i18n.py
leaves the stemmer out of the index of a language that lunr.js has none for (Tagalog, indexed
with English rules, is not stemmed as English).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from . import state

ADDITION = Path(__file__).with_name("search-worker.js")
_WORKERS = "assets/javascripts/workers"

_STATE: dict = {}


def material_worker() -> Path:
    """Material's search worker, as the installed theme ships it."""
    import material

    folder = Path(os.path.dirname(material.__file__), "templates", _WORKERS)
    found = sorted(folder.glob("search.*.min.js"))
    if len(found) != 1:
        raise PluginError(f"{folder}: expected one search.*.min.js (Material's search worker), found "
                          f"{[path.name for path in found]}: update scripts/aftercare_mkdocs/search.py for this Material version")
    return found[0]


def combined_worker() -> tuple[str, str, str]:
    """(Material's worker name, the combined worker's name, its text)."""
    original = material_worker()
    text = original.read_text(encoding="utf-8") + "\n" + ADDITION.read_text(encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return original.name, f"search-aftercare.{digest}.min.js", text


PIPELINE = ["stemmer", "stopWordFilter"]


@event_priority(10)  # before Material's search plugin reads its settings
def on_config(config):
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is None:
        raise PluginError("mkdocs.yml: plugins: Material's 'search' plugin is required by scripts/aftercare_mkdocs/search.py")
    if plugin.config.pipeline is None:  # a site's own setting wins
        plugin.config.pipeline = list(PIPELINE)
    _STATE["worker"] = combined_worker()
    return config


def on_page_markdown(markdown_text, page, config, files):
    if state.RUN.get("serving"):
        # The live preview indexes no page for search: indexing every page of every language
        # took a third of each reload. The built site (and its test) has the whole index.
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown_text


def _point_to_worker(html: str) -> str:
    original, combined, _ = _STATE["worker"]
    needle = f'{_WORKERS.rsplit("/", 1)[1]}/{original}"'
    return html.replace(needle, f'{_WORKERS.rsplit("/", 1)[1]}/{combined}"', 1)


def on_post_page(output, page, config):
    return _point_to_worker(output)


def on_post_template(output_content, template_name, config):
    return _point_to_worker(output_content) if template_name == "404.html" else output_content


@event_priority(-150)  # before build.py publishes the finished site (-300)
def on_post_build(config):
    _, combined, text = _STATE["worker"]
    target = Path(config.site_dir, _WORKERS, combined)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
