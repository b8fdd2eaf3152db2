"""The project's settings under a site's own: the one place that builds MkDocs settings by hand.

A site's settings file holds only its own settings and lists the ``aftercare`` plugin. Everything
else (the theme and its options, the Markdown extensions, the menu, the privacy, search and i18n
plugins and their settings) comes from the project's ``mkdocs.yml``, which sits in the installed
package (or the checkout the site belongs to): what a file does not set, it gets from there, as
if it had written ``INHERIT:`` with the right path. The project's templates (``overrides/``) are
always in the theme, after a site's own ``custom_dir``, and its pages are always the pages: a
site's own ``docs_dir`` is laid over them (``brand.docs_overlay``).

MkDocs validates the settings file before any plugin runs, so the project's settings are applied
here, at the start of ``on_config``, by validating them with MkDocs' own config classes in a
second MkDocs config, and moving over what the site did not set. The plugins it adds are put in
the site's plugin collection, whose events MkDocs runs by priority: those added here run later
in the same ``config`` event. ``tests/test_organisations.py`` checks this against the pinned MkDocs.
"""

from __future__ import annotations

import copy
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from aftercare.settings import merge, plugin_name

# Settings that belong to a site's own file and are never taken from the project's.
OWN = {"INHERIT", "hooks", "docs_dir", "site_dir", "config_file_path", "watch", "dev_addr", "plugins", "theme"}
PLUGIN = "aftercare"


def read(path: Path) -> dict:
    """A settings file as MkDocs reads it (its !ENV and !!python tags, its INHERIT chain)."""
    with open(path, "rb") as handle:
        return yaml_load(handle, get_yaml_loader())


def apply(config, root: Path) -> list[str]:
    """Give `config` every setting of the project's mkdocs.yml (in `root`) that its own files do not
    set, and the project's pages (a site's own docs_dir is laid over them: brand.docs_overlay).
    Returns the names of the plugins added."""
    own = read(Path(config.config_file_path))
    base_file = root / "mkdocs.yml"
    base = read(base_file) if base_file.resolve() != Path(config.config_file_path).resolve() else own
    listed = own.get("plugins", ["search"]) or []
    own_plugins = {plugin_name(entry) for entry in (listed.keys() if isinstance(listed, dict) else listed)}
    base_plugins = [entry for entry in base.get("plugins") or [] if plugin_name(entry) not in own_plugins | {PLUGIN}]

    own = copy.deepcopy(own)
    theme = own.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):  # relative to the site's own file
        theme["custom_dir"] = str((Path(config.config_file_path).parent / theme["custom_dir"]).resolve())
    merged = merge(copy.deepcopy(base), own)
    for key in ("INHERIT", "hooks", "site_dir"):
        merged.pop(key, None)
    merged["docs_dir"] = str(root / "docs")
    merged["plugins"] = base_plugins
    sub = MkDocsConfig(config_file_path=str(root / "mkdocs.yml"))
    sub.load_dict(merged)
    errors, _ = sub.validate()
    if errors:
        shown = "; ".join(f"{key}: {error}" for key, error in errors)
        raise PluginError(f"{base_file}: the project's settings do not load under {config.config_file_path}: {shown}")

    for key in base:
        if key not in own and key not in OWN and key in sub:
            config[key] = sub[key]
    if "markdown_extensions" not in own and "markdown_extensions" in base:
        config["mdx_configs"] = sub["mdx_configs"]
    for key, value in sub["extra"].items():  # the site's own extra settings win, nested ones too
        if key not in config["extra"]:
            config["extra"][key] = value
        elif isinstance(value, dict) and isinstance(config["extra"][key], dict):
            config["extra"][key] = merge(copy.deepcopy(value), config["extra"][key])
    config["theme"] = sub["theme"]
    theme_dir = str(root / "overrides")
    if theme_dir not in config["theme"].dirs:
        own_dir = 1 if own.get("theme", {}).get("custom_dir") else 0
        config["theme"].dirs.insert(own_dir, theme_dir)
    added = []
    for key, plugin in sub["plugins"].items():
        if key not in config["plugins"]:
            config["plugins"][key] = plugin
            added.append(key)
    config["docs_dir"] = str(root / "docs")
    return added

