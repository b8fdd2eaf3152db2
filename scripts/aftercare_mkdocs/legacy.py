"""Settings files written before release 0.2 list the project's hook files by path
(``overrides/hooks/site.py``, later five files). Those paths still exist, as one-line modules
that import :func:`on_config` from here: a file that lists them keeps building, with the plugin
added when its own ``plugins:`` list lacks it, and ``aftercare.upgrades`` notes each old line
with what to write instead. Never needed by a settings file written for 0.2 or later.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger("aftercare")


@event_priority(101)  # before the plugin's own first step (100), which this may add
def on_config(config):
    from .plugin import AftercarePlugin

    if not any(isinstance(plugin, AftercarePlugin) for plugin in config.plugins.values()):
        log.info(f"{config.config_file_path}: plugins: added 'aftercare' (the project's hooks are now one "
                 "plugin): add `- aftercare` at the end of your plugins list")
        plugin = AftercarePlugin()
        plugin.load_config({}, config.config_file_path)
        config.plugins["aftercare"] = plugin
    return config
