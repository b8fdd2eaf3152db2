"""Take the README's screenshots: the home page at phone and desktop width, English and Arabic.

Usage: .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--page PATH ...] [--name NAME]
       [--size phone|desktop] [--print] [--full]
For example, Saudi Arabia's page in Arabic on a phone, and Viet Nam's discreet card in Vietnamese:
  scripts/screenshots.py --name country --size phone --page ar/countries/sa/
  scripts/screenshots.py --name card-discreet --size desktop --print --page vi/countries/vn/#card-discreet
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
    parser.add_argument("--name", default="home", help="first word of the file names (default: home)")
    parser.add_argument("--size", action="append", choices=sorted(SIZES), help="phone, desktop (default: both)")
    parser.add_argument("--print", action="store_true", help="as printed (a country's #card or #card-discreet)")
    parser.add_argument("--full", action="store_true", help="the whole page, not only the first screen")
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
                name = path.split("#")[0].strip("/").replace("/", "-").replace("countries-", "") or "en"
                for size in args.size or SIZES:
                    width, height = SIZES[size]
                    page = browser.new_page(viewport={"width": width, "height": height})
                    visit(page, base + path)
                    if args.print:
                        page.emulate_media(media="print")
                    target = args.out / f"{args.name}-{name}-{'print' if args.print else size}.png"
                    page.screenshot(path=str(target), full_page=args.full)
                    print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
                    page.close()
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
