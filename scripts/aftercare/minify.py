"""The site's own script and style sheet, published without comments and spaces.

They are written to be read (overrides/assets/), with comments on why each rule is there; a
reader on prepaid data downloads them on a first visit, where the comments alone weigh about
3 KB (gzip). rjsmin and rcssmin only remove what a browser ignores: every page behaves the same
(the browser tests run against the minified files).
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

OWN = {"assets/aftercare.js": rjsmin.jsmin, "assets/aftercare.css": rcssmin.cssmin}


def minify(site: Path) -> None:
    for name, squeeze in OWN.items():
        path = site / name
        if path.is_file():
            path.write_text(squeeze(path.read_text(encoding="utf-8")), encoding="utf-8")
