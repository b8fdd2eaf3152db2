"""The MkDocs side of the project: the ``aftercare`` plugin (``plugin.py``) and its jobs.

- ``plugin``: what a site lists (``plugins: [aftercare]``); registered by the package's
  ``mkdocs.plugins`` entry point, so no settings file names a path inside the project;
- ``defaults``: the project's settings under a site's own (the one place that builds MkDocs
  settings by hand);
- ``build``, ``search``, ``i18n``, ``pages``, ``security``: the jobs, one each;
- ``i18n_plugin``: the one place that knows mkdocs-static-i18n's internals;
- ``state``: the build's state, shared by every language build, and small helpers for paths.

Everything that does not need MkDocs is in the ``aftercare`` package.
"""
