"""The plugin's first job: a build that never leaves readers with a broken site.

- Everything editors wrote (settings, interface strings, data, pages) is loaded and checked by
  the generator-neutral ``aftercare.project.load`` before anything is built or cleaned: the
  same function ``python -m aftercare.validate`` calls, so both report the same problems.
- The site is built into a staging folder beside site/, which replaces site/ only when the
  whole build succeeded (a strict build's warnings included); a failed build leaves the site
  that was there as it was.

Run first of the plugin's jobs (plugin.JOBS): the others read what this one loads (state.SITE).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
from pathlib import Path

from jinja2 import BytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from aftercare import minify, project as project_module
from . import i18n_plugin, state

log = get_plugin_logger("aftercare")


def on_startup(command, dirty):
    # `mkdocs serve` injects its live-reload script into every page, with a value that changes
    # at each reload: no hash can allow it, so the preview goes without the CSP (security.py),
    # and without the staging folder (the preview is not published).
    state.RUN["serving"] = command == "serve"
    state.RUN["dirty"] = bool(dirty)  # `mkdocs serve --dirty` (scripts/serve.sh): changed pages only
    _warning_count()


@event_priority(20)  # before the i18n plugin reads which languages to build, and before the other jobs
def on_config(config):
    """Load and check everything editors wrote before anything is built (or cleaned)."""
    _warning_count()
    if state.SITE.get("config") is config:
        return config  # the same run: already loaded
    # The live preview keeps what it read of the data between reloads, and reads it again only
    # when a file of it changed (the pages are checked every time).
    memo = state.RUN.setdefault("memo", {}) if state.RUN.get("serving") else None
    loaded = project_module.load(Path(config.config_file_path), root=state.RUN["root"], today=_today(),
                                 docs_dir=Path(config.docs_dir), memo=memo)
    if loaded.errors:
        raise PluginError(state.report("settings, data, interface strings or pages (nothing was built or changed)",
                                       loaded.errors))
    # Past a review date is for a person to look at, not a reason to stop the site: shown, but
    # not as a warning (which `strict` would turn into a failed build).
    for warning in loaded.warnings:
        log.info(str(warning))
    i18n_plugin.build_only(config, loaded.languages)
    # `mkdocs serve` rebuilds when a file in these changes: the data, and a site's own pages and data.
    for folder in (state.RUN["root"] / "data", loaded.brand.docs_overlay, *loaded.brand.extra_data):
        if folder is not None and str(folder) not in config.watch:
            config.watch.append(str(folder))
    state.SITE.clear()
    state.SITE.update(config=config, project=loaded)
    for key in ("logo", "favicon"):
        path = getattr(loaded.brand, key)
        if path is not None:
            config.theme[key] = f"assets/brand/{path.name}"
    _stage_output(config)
    return config


def on_env(env, config, files):
    # The i18n plugin builds each language with a new template environment, so Material's
    # templates would be compiled again for every language; compile each once per run.
    env.bytecode_cache = _TEMPLATE_CACHE
    return env


@event_priority(-300)  # the last word: after every other job has written its files
def on_post_build(config):
    if i18n_plugin.building_other_language(config):
        return
    site = Path(config.site_dir)
    minify.minify(site)
    for path in (state.project().brand.logo, state.project().brand.favicon):
        if path is not None:
            (site / "assets" / "brand").mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, site / "assets" / "brand" / path.name)
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
    staging = state.SITE.pop("staging", None)
    if staging is not None:
        shutil.rmtree(staging[0], ignore_errors=True)
        state.SITE["config"].site_dir = str(staging[1])


class _WarningCount(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record):
        # The live preview's --dirty (scripts/serve.sh) is a choice, not a mistake in the site.
        if record.getMessage().startswith("A 'dirty' build is being performed"):
            return
        self.count += 1


def _warning_count() -> _WarningCount:
    """Every warning of the run is counted, so a strict build can fail before it replaces site/
    (also when MkDocs is run from Python, without the startup event)."""
    if "warnings" not in state.RUN:
        state.RUN["warnings"] = _WarningCount()
        logging.getLogger("mkdocs").addHandler(state.RUN["warnings"])
    return state.RUN["warnings"]


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
    if state.RUN.get("serving"):
        return
    final = Path(config.site_dir).resolve()
    staging = final.with_name(f".{final.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    config.site_dir = str(staging)
    state.SITE["staging"] = (staging, final)


def _publish_output(config) -> None:
    staging_final = state.SITE.pop("staging", None)
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
