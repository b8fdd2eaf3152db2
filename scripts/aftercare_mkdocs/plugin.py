"""The ``aftercare`` MkDocs plugin: everything a site needs from the project, by name.

A site's settings file lists it (``plugins: [aftercare]``) and holds only its own settings; the
plugin is found through the ``mkdocs.plugins`` entry point of the installed package, so no file
of a site names a path inside the project. It brings:

- the project's settings the site does not set (``defaults.py``): theme, templates, menu,
  Markdown extensions, the privacy, search and i18n plugins;
- the build's jobs, one module each, run in this order at each event (then by priority):
  ``build`` (load and check, stage, publish), ``search``, ``i18n``, ``pages``, ``seo``, ``security``,
  ``editor`` (the web editor in the live preview).

Modules are registered as one events object after the plugins the project adds, so they run
after those at the same priority, as hooks listed in mkdocs.yml did. A module can be renamed or
split without any site noticing: only :data:`JOBS` lists them.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger

from aftercare import paths, upgrades

from . import build, defaults, editor, i18n, pages, search, security, seo, state

JOBS = (build, search, i18n, pages, seo, security, editor)
EVENTS_KEY = "aftercare/jobs"
log = get_plugin_logger("aftercare")


class _Jobs:
    """The jobs' event functions, as one entry of MkDocs' plugin collection."""

    def __init__(self, modules):
        names = sorted({name for module in modules for name in vars(module) if name.startswith("on_")})
        for name in names:
            functions = [getattr(module, name) for module in modules if callable(getattr(module, name, None))]
            setattr(self, name, CombinedEvent(*functions))


class AftercarePlugin(BasePlugin):
    def __init__(self):
        self._startup = None  # (command, dirty), when MkDocs started the run with this plugin
        self._applied_to = None

    def on_startup(self, *, command, dirty):
        self._startup = (command, dirty)
        build.on_startup(command, dirty)

    @event_priority(100)  # first of all: the other plugins read what this sets
    def on_config(self, config):
        if self._applied_to is config:
            return config  # the i18n plugin builds each language again with the same settings
        self._applied_to = config
        config_file = Path(config.config_file_path)
        root = paths.project_root(config_file, upgrades.inherited_files(config_file))
        state.RUN["root"] = root
        for key in defaults.apply(config, root):
            plugin = config.plugins[key]
            if self._startup is not None and hasattr(plugin, "on_startup"):
                plugin.on_startup(command=self._startup[0], dirty=self._startup[1])
        if EVENTS_KEY not in config.plugins:
            config.plugins[EVENTS_KEY] = _Jobs(JOBS)
        return config
