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
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def offline_config(config: Path, folder: Path) -> Path:
    """A config that inherits `config` and turns on the offline build."""
    child = folder / "offline.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8") if config == ROOT / "mkdocs.yml" else None
    plugins = _plugins_of(config)
    child.write_text(
        f"INHERIT: {config}\n"
        f"docs_dir: {_resolved(config, 'docs_dir', ROOT / 'docs')}\n"
        f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n"
        f"hooks:\n  - {ROOT / 'overrides' / 'hooks' / 'site.py'}\n"
        "site_url: ''\n"
        "use_directory_urls: false\n"
        + plugins + "  - offline\n"
        "extra:\n  polyfills:\n    - assets/vendor/iframe-worker-shim.js\n",
        encoding="utf-8",
    )
    del text
    return child


def _plugins_of(config: Path) -> str:
    import re

    source = config
    while True:
        text = source.read_text(encoding="utf-8")
        found = re.search(r"^plugins:\n(.*?)(?=^\S|\Z)", text, re.S | re.M)
        if found:
            return found.group(0)
        parent = re.search(r"^INHERIT:\s*(\S+)", text, re.M)
        if not parent:
            raise SystemExit(f"{config}: no plugins list found")
        source = (source.parent / parent.group(1)).resolve()


def _resolved(config: Path, key: str, default: Path) -> Path:
    import re

    source = config
    while True:
        text = source.read_text(encoding="utf-8")
        found = re.search(rf"^{key}:\s*(\S+)", text, re.M)
        if found:
            return (source.parent / found.group(1)).resolve()
        parent = re.search(r"^INHERIT:\s*(\S+)", text, re.M)
        if not parent:
            return default
        source = (source.parent / parent.group(1)).resolve()


def build(config: Path, site: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        child = offline_config(config.resolve(), Path(tmp))
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(child), "-d", str(site)],
                       check=True, env=env)


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
