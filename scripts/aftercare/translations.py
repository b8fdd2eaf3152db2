"""Which translations exist, which are out of date, and who wrote them.

A translated page records in its front matter the version of the English page it was made
from, and how it was made::

    translation:
      source_hash: 3f2a9c1b7d40   # `source_hash()` of the English page when translated
      status: machine             # or: reviewed (checked by a fluent speaker)
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import frontmatter

STATUSES = ("machine", "reviewed")


def source_hash(path: Path) -> str:
    """A short fingerprint of what an English page says (its title and body).

    Whitespace at line ends and blank lines at the start or end do not count, so a
    reformatting that changes nothing a reader sees does not mark translations outdated.
    """
    meta, body, _ = frontmatter.read(path, str(path))
    lines = [line.rstrip() for line in body.strip().splitlines()]
    text = "\n".join([str(meta.get("title", "")), *lines])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
