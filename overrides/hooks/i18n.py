"""Kept for settings files written before release 0.2, which list the project's hooks by path:
the `aftercare` plugin does this job now. Delete the `hooks:` lines from your settings file and
list the plugin instead (see "Upgrading from an earlier release" in ORGANISATIONS.md)."""

from aftercare_mkdocs.legacy import on_config  # noqa: F401
