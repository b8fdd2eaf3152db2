"""Take the README's screenshots: the home page at phone and desktop width, English and Arabic.

Usage: .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--page PATH ...]
Builds the site into a temporary folder, serves it on 127.0.0.1 and drives Debian's Chromium.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from aftercare_tools.browser import CHROMIUM_ARGS, chromium_path, visit  # noqa: E402
from aftercare_tools.server import serve  # noqa: E402
from aftercare_tools.sites import build_site  # noqa: E402

SIZES = {"phone": (360, 640), "desktop": (1280, 800)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--page", action="append", help="pages to shoot (default: the home page in en and ar)")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args()
    pages = args.page or ["", "ar/"]

    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(args.config, site)
        base = serve(site)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for path in pages:
                name = path.strip("/").replace("/", "-") or "en"
                for size, (width, height) in SIZES.items():
                    page = browser.new_page(viewport={"width": width, "height": height})
                    visit(page, base + path)
                    target = args.out / f"home-{name}-{size}.png"
                    page.screenshot(path=str(target))
                    print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
                    page.close()
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
