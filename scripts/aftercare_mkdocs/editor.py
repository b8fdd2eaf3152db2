"""The plugin's job: the web editor at ``admin/`` (``aftercare.editor``).

In the live preview (`mkdocs serve`, ``scripts/serve.sh``) it is set up for the local backend:
decap-server on this machine, started by serve.sh, writes saves into the files, so no account
is needed and a save shows in the preview as any edit does. A built site has ``admin/`` only
when its settings turn the editor on (``extra.aftercare.editor``: the GitHub repository, where
each save opens a pull request). Reader pages never link to it; the offline copy leaves it out.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from aftercare import cmsconfig, editor
from . import i18n_plugin, state

log = get_plugin_logger("aftercare")


@event_priority(-245)  # after the sitemap and language links (seo.py, -240), before the headers (-250)
def on_post_build(config):
    if i18n_plugin.building_other_language(config) or state.offline(config):
        return
    project = state.project()
    settings = project.brand.editor
    serving = state.RUN.get("serving")
    if not serving and settings is None:
        return
    try:
        if serving:
            made = cmsconfig.generate(project.languages, project.default_language)
            editor.write_admin(Path(config.site_dir) / "admin", made, local_port=editor.LOCAL_PORT, in_place=True)
        else:
            made = cmsconfig.generate(project.languages, project.default_language, repo=settings["repo"],
                                      branch=settings["branch"])
            editor.write_admin(Path(config.site_dir) / "admin", made, local_port=None)
    except editor.EditorError as error:
        if serving:
            # The preview is for everyone who edits, with or without Node.js: it goes on without
            # the editor (serve.sh says so too), and says why.
            log.info(f"the web editor is not in this preview: {error}")
            return
        raise PluginError(f"the web editor could not be set up: {error}") from None
