"""Aftercare site tooling that does not depend on the site generator.

Everything in this package is plain Python: loading and validating the editors' files
(interface strings, hotline and provider data, translation front matter), exporting data,
and computing security headers. MkDocs meets it only in ``overrides/hooks/``, so a
move to another generator replaces those files and the templates, not this package.
"""
