"""Helpers shared by the tests and the scripts (benchmarks, screenshots): a real headless
Chromium, a local web server, and building the site or a variant of it.

Not part of the site's generator-neutral ``aftercare`` package: these drive MkDocs and a browser
from outside, as an editor or a reader would.
"""
