"""Take CONTRIBUTING.md's pictures of the web editor: a hotline record and a page (English
beside Spanish), at desktop width, on a copy of the project's pages and data.

Usage: .venv/bin/python scripts/editor_screenshots.py [--out docs/screenshots]
The editor runs from its own files with decap-server on a temporary git repository, drawn in
Debian's Chromium, headless (as tests/test_editor.py runs it).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from aftercare_tools import editing  # noqa: E402
from aftercare_tools.browser import chromium  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work, chromium() as browser:
        repo = editing.project_repository(Path(work) / "repo")
        with editing.editor_session(repo, Path(work) / "site", ["en", "es"], "en") as url:
            tab = browser.new_page(viewport={"width": 1280, "height": 800})
            tab.goto(url)
            tab.get_by_role("button", name="Login").click()
            tab.goto(url + "#/collections/hotlines")
            tab.get_by_text("VN", exact=True).first.click()
            editing.open_list_item(tab, "vn-111-national-hotline")
            editing.open_list_item(tab, "111")  # the line's number, in its list of phones
            tab.locator("#" + editing.field_with_value(tab, "111")).scroll_into_view_if_needed()
            tab.wait_for_timeout(500)
            tab.screenshot(path=str(args.out / "editor-hotline.png"))
            print(args.out / "editor-hotline.png")
            tab.goto(url + "#/collections/pages")
            tab.get_by_text("First days: immediate needs", exact=True).first.click()
            editing.select_line(tab, 1, "La ayuda en estos")
            tab.evaluate("document.querySelectorAll('*').forEach(e => { if (e.scrollLeft) e.scrollLeft = 0; })")
            tab.wait_for_timeout(500)
            tab.screenshot(path=str(args.out / "editor-page.png"))
            print(args.out / "editor-page.png")
            tab.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
