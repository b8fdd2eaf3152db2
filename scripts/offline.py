"""Build an offline copy: a zip of the site that works when opened from disk (file://).

Usage: .venv/bin/python scripts/offline.py [-f CONFIG] [-o aftercare-offline.zip]

For organisations that hand the site out on a USB stick or in low-connectivity places. Links
point to index.html files, search runs from the disk (Material's offline plugin, with the
iframe-worker shim from overrides/assets/vendor/), and nothing is loaded from anywhere else.
Open `index.html` at the top of the unzipped folder.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def offline_config(config: Path) -> Path:
    """A config beside `config` (so its relative paths still hold) that turns on the offline build."""
    child = config.parent / f".offline-{os.getpid()}.yml"
    plugins = _inherited(config, r"^plugins:\n(.*?)(?=^\S|\Z)")
    if plugins is None:
        raise SystemExit(f"{config}: no plugins list found")
    child.write_text(
        f"INHERIT: {config.name}\n"
        "site_url: ''\n"
        "use_directory_urls: false\n"
        + plugins[1].group(0) + "  - offline\n"
        "extra:\n  polyfills:\n    - assets/vendor/iframe-worker-shim.js\n",
        encoding="utf-8",
    )
    return child


def _inherited(config: Path, pattern: str):
    """(folder of the file that sets it, match) for a top-level setting, following INHERIT."""
    source = config
    while True:
        text = source.read_text(encoding="utf-8")
        found = re.search(pattern, text, re.S | re.M)
        if found:
            return source.parent, found
        parent = re.search(r"^INHERIT:\s*(\S+)", text, re.M)
        if not parent:
            return None
        source = (source.parent / parent.group(1)).resolve()


def build(config: Path, site: Path) -> None:
    child = offline_config(config.resolve())
    try:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(child), "-d", str(site)],
                       check=True, env=env)
    finally:
        child.unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "aftercare-offline.zip")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "aftercare"
        build(args.config, site)
        archive = shutil.make_archive(str(args.output.with_suffix("")), "zip", root_dir=tmp, base_dir="aftercare")
    print(f"{archive} ({Path(archive).stat().st_size / 1024:.0f} KB): unzip it and open aftercare/index.html")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
