"""Lighthouse scores (mobile) for key pages in English and Arabic, against Debian's Chromium.

Usage: .venv/bin/python scripts/lighthouse.py [--site site] [--keep-going]

Builds nothing: run `bash scripts/build.sh` first. Serves the folder on 127.0.0.1 the way a
static host does (gzip, long cache for fingerprinted assets), installs Lighthouse 12 from the
npm registry into .cache/lighthouse/ the first time (Lighthouse 13 needs Node 22), and prints
performance, accessibility and best-practices scores for each page, with the audits that cost
points. A measurement, not a test: it exits 0 whatever the scores.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from aftercare_tools.server import serve_like_a_host

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = "12.8.2"
PAGES = ["", "get-help/", "first-days/", "directory/", "ar/", "ar/get-help/", "ar/first-days/", "ar/directory/"]
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
def _lighthouse() -> Path:
    folder = ROOT / ".cache" / "lighthouse"
    binary = folder / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "package.json").write_text('{"private": true}\n')
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", f"lighthouse@{LIGHTHOUSE}"], cwd=folder, check=True)
    return binary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if not chromium:
        raise SystemExit("Chromium is not on PATH (apt-get install -y chromium)")
    binary = _lighthouse()
    base = serve_like_a_host(args.site)
    print(f"{'page':22} {'performance':>11} {'accessibility':>13} {'best practices':>14}")
    with tempfile.TemporaryDirectory() as tmp:
        for page in PAGES:
            report = Path(tmp) / "report.json"
            subprocess.run([str(binary), base + page, "--quiet", f"--chrome-flags={CHROME_FLAGS}",
                            "--only-categories=performance,accessibility,best-practices",
                            "--output=json", f"--output-path={report}"],
                           check=True, env=dict(os.environ, CHROME_PATH=chromium))
            result = json.loads(report.read_text())
            scores = {key: round(value["score"] * 100) for key, value in result["categories"].items()}
            print(f"/{page:21} {scores['performance']:>11} {scores['accessibility']:>13} {scores['best-practices']:>14}")
            for key, audit in result["audits"].items():
                if (audit.get("score") is not None and audit["score"] < 0.9
                        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")):
                    print(f"    {key}: {audit.get('displayValue', audit['score'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
