"""What the project's MkDocs hooks (one job per file, in ``overrides/hooks/``) share.

- ``i18n_plugin``: the one place that knows mkdocs-static-i18n's internals;
- ``state``: the build's state, shared by every language build, and small helpers for paths.

Not a hook itself: mkdocs.yml lists the hooks, which import this package.
"""
