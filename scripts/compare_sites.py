"""Compare two built sites file by file: what a change of code did to what readers get.

Usage: .venv/bin/python scripts/compare_sites.py BEFORE_DIR AFTER_DIR

Prints each file only in one of them, and for each file that differs its first differing lines
(HTML split at tags, so one changed attribute shows as one line). Search indexes are compared
as sets of entries (their order follows the order files are read in, which readers never see).
Exits 0 when the sites are the same, 1 otherwise.
"""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.name == "search_index.json":
        index = json.loads(text)
        docs = sorted(json.dumps(doc, ensure_ascii=False, sort_keys=True) for doc in index.pop("docs"))
        return [json.dumps(index, sort_keys=True), *docs]
    return text.replace("><", ">\n<").splitlines() if path.suffix == ".html" else text.splitlines()


def compare(before: Path, after: Path, context: int = 6) -> int:
    old = {p.relative_to(before).as_posix() for p in before.rglob("*") if p.is_file()}
    new = {p.relative_to(after).as_posix() for p in after.rglob("*") if p.is_file()}
    changed = 0
    for name in sorted(old - new):
        print(f"only before: {name}")
    for name in sorted(new - old):
        print(f"only after: {name}")
    for name in sorted(old & new):
        a, b = before / name, after / name
        if a.read_bytes() == b.read_bytes():
            continue
        if name.endswith((".html", ".json", ".js", ".css", ".txt", ".xml", ".conf")) or "_" in Path(name).name[:1]:
            diff = list(difflib.unified_diff(_lines(a), _lines(b), lineterm="", n=0))
            if not diff:
                continue  # only the order of search entries
            changed += 1
            print(f"differs: {name}")
            for line in diff[2:2 + context]:
                print(f"    {line[:200]}")
        else:
            changed += 1
            print(f"differs: {name} (binary)")
    print(f"{len(old - new)} only before, {len(new - old)} only after, {changed} changed, "
          f"{len(old & new) - changed} the same")
    return 0 if not (changed or old ^ new) else 1


if __name__ == "__main__":
    raise SystemExit(compare(Path(sys.argv[1]), Path(sys.argv[2])))
